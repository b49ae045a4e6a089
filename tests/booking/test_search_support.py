"""Search by time: a flow cytometer booked in the morning is not free that morning, free that afternoon."""

from __future__ import annotations

import datetime as dt

from biomap.booking.search_support import free_equipment_ids
from tests.booking.conftest import make_equipment, next_weekday, request, seoul, set_rules


async def test_booked_morning_not_free_afternoon_free(client, conn, equipment, equipment_gid, researcher,
                                                      manager) -> None:
    other = await make_equipment(conn, name_en="Second flow cytometer")
    retired = await make_equipment(conn, status="RETIRED")
    day = next_weekday(2)
    assert (await request(client, researcher, equipment_gid, seoul(day, 9), seoul(day, 12)))["errors"] == []
    ids = [equipment, other, retired]
    assert await free_equipment_ids(conn, ids, seoul(day, 9), seoul(day, 12)) == [other]
    assert await free_equipment_ids(conn, ids, seoul(day, 13), seoul(day, 17)) == [equipment, other]
    # outside opening hours (default Mon-Fri 09-18) nothing is free
    assert await free_equipment_ids(conn, ids, seoul(day, 19), seoul(day, 20)) == []
    saturday = next_weekday(6)
    assert await free_equipment_ids(conn, ids, seoul(saturday, 10), seoul(saturday, 11)) == []


async def test_buffer_blackout_and_own_hours(client, conn, equipment, equipment_gid, researcher, manager) -> None:
    day = next_weekday(3)
    rules = await set_rules(client, manager, equipment_gid, bufferMinutes=60, openingHours=[
        {"weekday": "WEDNESDAY", "opens": "07:00", "closes": "24:00"}],
        blackouts=[{"start": seoul(day, 20).isoformat(), "end": seoul(day, 21).isoformat()}])
    assert rules["errors"] == []
    assert (await request(client, researcher, equipment_gid, seoul(day, 8), seoul(day, 10)))["errors"] == []
    assert await free_equipment_ids(conn, [equipment], seoul(day, 10), seoul(day, 11)) == []  # the buffer
    assert await free_equipment_ids(conn, [equipment], seoul(day, 11), seoul(day, 12)) == [equipment]
    assert await free_equipment_ids(conn, [equipment], seoul(day, 19), seoul(day, 22)) == []  # the blackout
    assert await free_equipment_ids(conn, [equipment], seoul(day, 22), seoul(day, 23, 59)) == [equipment]
    assert await free_equipment_ids(conn, [equipment], seoul(day, 6), seoul(day, 7)) == []
    assert await free_equipment_ids(conn, [equipment], seoul(day, 12), seoul(day, 11)) == []
    assert await free_equipment_ids(conn, [equipment], seoul(day, 23), seoul(day, 23) + dt.timedelta(hours=1)) == [
        equipment]


async def test_sql_and_python_agree_on_opening_hours(conn) -> None:
    # booking_within_hours (SQL, for "free between") and rules.within_hours (requests) are one rule:
    # random windows over random weekly hours, including nights across midnight and adjacent intervals.
    import json
    import random

    from biomap.booking.models import SEOUL, BookingRules, OpeningInterval
    from biomap.booking.rules import within_hours

    rng = random.Random(11)
    monday = dt.datetime(2027, 1, 4, tzinfo=SEOUL)
    for _ in range(300):
        hours = []
        for weekday in rng.sample(range(1, 8), rng.randint(1, 7)):
            opens = rng.choice([0, 0, 7, 9, 13])
            closes = rng.choice([c for c in (12, 18, 24, 24) if c > opens])
            hours.append(OpeningInterval(weekday, dt.time(opens), None if closes == 24 else dt.time(closes)))
        start = monday + dt.timedelta(minutes=30 * rng.randrange(0, 48 * 7))
        end = start + dt.timedelta(minutes=30 * rng.randint(1, 96))
        expected = within_hours(BookingRules(opening_hours=tuple(hours)), start, end)
        got = await conn.fetchval("SELECT booking_within_hours($1::text::jsonb, tstzrange($2, $3, '[)'))",
                                  json.dumps([h.as_json() for h in hours]), start, end)
        assert got == expected, (hours, start, end)
    around_the_clock = [OpeningInterval(d, dt.time(0), None) for d in range(1, 8)]
    night = (monday + dt.timedelta(hours=23), monday + dt.timedelta(hours=25))
    assert within_hours(BookingRules(opening_hours=tuple(around_the_clock)), *night)
    assert await conn.fetchval("SELECT booking_within_hours($1::text::jsonb, tstzrange($2, $3, '[)'))",
                               json.dumps([h.as_json() for h in around_the_clock]), *night)


async def test_free_between_counts_the_new_booking_s_own_buffer(client, conn, equipment, equipment_gid, researcher,
                                                               manager) -> None:
    # requestBooking refuses 09:00-10:00 when a booking starts at 10:00 and the buffer is 30 minutes:
    # "free between" must not list the equipment for that window either
    day = next_weekday(3)
    assert (await set_rules(client, manager, equipment_gid, bufferMinutes=30))["errors"] == []
    assert (await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11)))["errors"] == []
    assert await free_equipment_ids(conn, [equipment], seoul(day, 9), seoul(day, 10)) == []
    refused = await request(client, researcher, equipment_gid, seoul(day, 9), seoul(day, 10))
    assert [e["code"] for e in refused["errors"]] == ["BOOKING_CONFLICT"]
    assert await free_equipment_ids(conn, [equipment], seoul(day, 9), seoul(day, 9, 30)) == [equipment]
