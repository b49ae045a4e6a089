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
