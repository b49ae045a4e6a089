"""setBookingRules as managers use it: partial updates keep the rules in force, every problem of the
input comes back at once as a field error, opening hours are strict Seoul wall times that do not
overlap, and the blackout windows the input replaces can be read back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from biomap.api.node import to_global_id
from tests.booking.conftest import make_equipment, next_weekday, seoul

SET_RULES = """mutation($input: SetBookingRulesInput!) {
  setBookingRules(input: $input) {
    rules { qualificationRequired bufferMinutes openingHours { weekday opens closes }
            blackouts { start end reason } }
    errors { code field message }
  }
}"""

AVAILABILITY = """query($id: ID!, $from: DateTimeOffset!, $to: DateTimeOffset!) {
  availability(equipmentId: $id, from: $from, to: $to) {
    free { start end }
    rules { qualificationRequired isDefault blackouts { start end reason } }
  }
}"""

QUOTE = """query($id: ID!, $s: DateTimeOffset!, $e: DateTimeOffset!) {
  bookingQuote(equipmentId: $id, start: $s, end: $e) { problems { code } } }"""


async def set_rules(client, token: str, equipment_gid: str, **rules: Any) -> dict:
    given = {"equipmentId": equipment_gid, **rules}
    return (await client.data(SET_RULES, {"input": given}, token=token))["setBookingRules"]


def fields(payload: dict) -> set[str]:
    return {e["field"] for e in payload["errors"]}


async def test_partial_update_keeps_the_qualification_a_training_required_equipment_needs(
        client, conn, researcher, manager) -> None:
    gid = to_global_id("Equipment", await make_equipment(conn, training_required=True))
    day = next_weekday(2)
    window = {"id": gid, "s": seoul(day, 10).isoformat(), "e": seoul(day, 11).isoformat()}
    before = (await client.data(QUOTE, window, token=researcher))["bookingQuote"]["problems"]
    assert [p["code"] for p in before] == ["QUALIFICATION_REQUIRED"]

    changed = await set_rules(client, manager, gid, bufferMinutes=15)

    assert changed["errors"] == []
    assert changed["rules"]["qualificationRequired"] is True and changed["rules"]["bufferMinutes"] == 15
    after = (await client.data(QUOTE, window, token=researcher))["bookingQuote"]["problems"]
    assert [p["code"] for p in after] == ["QUALIFICATION_REQUIRED"]
    # a manager may still switch it off on purpose
    switched_off = await set_rules(client, manager, gid, qualificationRequired=False)
    assert switched_off["rules"]["qualificationRequired"] is False


@pytest.mark.parametrize(("rules", "expected"), [
    ({"openingHours": [{"weekday": "MONDAY", "opens": "9am", "closes": "18:00"}], "minDurationMinutes": 0},
     {"openingHours.0.opens", "minDurationMinutes"}),
    ({"openingHours": [{"weekday": "MONDAY", "opens": "09:00", "closes": "6pm"}], "bufferMinutes": -1},
     {"openingHours.0.closes", "bufferMinutes"}),
    ({"openingHours": [{"weekday": "MONDAY", "opens": "nine", "closes": "18:00"}],
      "blackouts": [{"start": "2026-12-24T00:00:00", "end": "2026-12-26T00:00:00+09:00"}]},
     {"openingHours.0.opens", "blackouts.0.start"}),
    ({"openingHours": [{"weekday": "MONDAY", "opens": "09:00+09:00", "closes": "18:00"}]},
     {"openingHours.0.opens"}),
    ({"openingHours": [{"weekday": "MONDAY", "opens": "09:00+00:00", "closes": "18:00+00:00"}]},
     {"openingHours.0.opens", "openingHours.0.closes"}),
    ({"openingHours": [{"weekday": "MONDAY", "opens": "09:00:30", "closes": "18:00"}]},
     {"openingHours.0.opens"}),
    ({"openingHours": [{"weekday": "MONDAY", "opens": "24:00", "closes": "24:00"}]},
     {"openingHours.0.opens"}),
], ids=["bad-opens-and-zero-minimum", "bad-closes-and-negative-buffer", "bad-opens-and-naive-blackout",
        "opens-with-seoul-offset", "times-with-utc-offset", "seconds", "opens-at-24"])
async def test_every_problem_is_a_field_error_reported_at_once(client, conn, equipment, equipment_gid, manager,
                                                               rules, expected) -> None:
    body = await client.execute(SET_RULES, {"input": {"equipmentId": equipment_gid, **rules}}, token=manager)

    assert "errors" not in body, body["errors"]
    payload = body["data"]["setBookingRules"]
    assert payload["rules"] is None and fields(payload) == expected
    assert all(e["message"] and "`" not in e["message"] for e in payload["errors"])
    assert await conn.fetchval("SELECT count(*) FROM booking_rules WHERE equipment_id = $1", equipment) == 0


async def test_a_time_with_an_offset_is_refused_with_a_message_about_the_format(client, equipment_gid,
                                                                              manager) -> None:
    payload = await set_rules(client, manager, equipment_gid, openingHours=[
        {"weekday": "MONDAY", "opens": "09:00+00:00", "closes": "18:00"}])

    [error] = payload["errors"]
    assert error["code"] == "INVALID" and "HH:MM" in error["message"] and "offset" in error["message"]


async def test_overlapping_opening_intervals_are_refused_naming_the_other_interval(client, conn, equipment,
                                                                                  equipment_gid, manager) -> None:
    payload = await set_rules(client, manager, equipment_gid, openingHours=[
        {"weekday": "TUESDAY", "opens": "09:00", "closes": "12:00"},
        {"weekday": "WEDNESDAY", "opens": "09:00", "closes": "18:00"},
        {"weekday": "TUESDAY", "opens": "11:00", "closes": "15:00"}])

    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("INVALID", "openingHours.2")]
    message = payload["errors"][0]["message"]
    assert "09:00-12:00" in message and "openingHours.0" in message and "09:00-15:00" in message
    assert await conn.fetchval("SELECT count(*) FROM booking_rules WHERE equipment_id = $1", equipment) == 0


async def test_intervals_that_meet_are_asked_for_as_one(client, equipment_gid, manager) -> None:
    """Bookings and searches treat intervals that meet as one: availability must not list them apart."""
    payload = await set_rules(client, manager, equipment_gid, openingHours=[
        {"weekday": "TUESDAY", "opens": "12:00", "closes": "24:00"},
        {"weekday": "TUESDAY", "opens": "09:00", "closes": "12:00"}])

    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("INVALID", "openingHours.1")]
    assert "12:00-24:00 (openingHours.0)" in payload["errors"][0]["message"]
    assert "09:00-24:00" in payload["errors"][0]["message"]


async def test_a_break_and_a_night_across_two_weekdays_are_fine(client, equipment_gid, manager) -> None:
    hours = [{"weekday": "TUESDAY", "opens": "09:00", "closes": "12:00"},
             {"weekday": "TUESDAY", "opens": "13:00", "closes": "24:00"},
             {"weekday": "WEDNESDAY", "opens": "00:00", "closes": "06:00"}]

    payload = await set_rules(client, manager, equipment_gid, openingHours=hours)

    assert payload["errors"] == [] and payload["rules"]["openingHours"] == hours


async def test_blackouts_can_be_read_back_by_whoever_sees_the_rules(client, equipment_gid, researcher,
                                                                     manager) -> None:
    day = next_weekday(3)
    windows = [{"start": seoul(day, 16).isoformat(), "end": seoul(day, 17).isoformat(), "reason": "calibration"},
               {"start": seoul(day, 9).isoformat(), "end": seoul(day, 10).isoformat(), "reason": ""}]

    payload = await set_rules(client, manager, equipment_gid, blackouts=windows)

    utc = [(dt.datetime.fromisoformat(w["start"]).astimezone(dt.UTC).isoformat(),
            dt.datetime.fromisoformat(w["end"]).astimezone(dt.UTC).isoformat(), w["reason"]) for w in windows]
    expected = [{"start": s, "end": e, "reason": r} for s, e, r in sorted(utc)]
    assert payload["errors"] == [] and payload["rules"]["blackouts"] == expected
    seen = (await client.data(AVAILABILITY, {"id": equipment_gid, "from": seoul(day, 0).isoformat(),
                                             "to": seoul(day, 23).isoformat()}, token=researcher))
    assert seen["availability"]["rules"]["blackouts"] == expected
    # a later partial update leaves them alone; an empty list removes them
    assert (await set_rules(client, manager, equipment_gid, bufferMinutes=10))["rules"]["blackouts"] == expected
    assert (await set_rules(client, manager, equipment_gid, blackouts=[]))["rules"]["blackouts"] == []


async def test_quota_zero_and_degenerate_blackouts_get_plain_messages(client, equipment_gid, manager) -> None:
    payload = await set_rules(client, manager, equipment_gid, weeklyQuotaHours=0, blackouts=[
        {"start": "2026-12-24T00:00:00+09:00", "end": "2026-12-24T00:00:00+09:00"},
        {"start": "2026-12-26T00:00:00+09:00", "end": "2026-12-25T00:00:00+09:00"},
        {"start": "9999-01-01T00:00:00+09:00", "end": "9999-01-02T00:00:00+09:00"},
        {"start": "2026-12-27T00:00:00+09:00", "end": "2026-12-28T00:00:00+09:00", "reason": "x" * 501}])

    errors = {e["field"]: e for e in payload["errors"]}
    assert set(errors) == {"weeklyQuotaHours", "blackouts.0.end", "blackouts.1.end", "blackouts.2.start",
                           "blackouts.2.end", "blackouts.3.reason"}
    assert "0-168" not in errors["weeklyQuotaHours"]["message"]
    assert errors["blackouts.0.end"]["code"] == "ZERO_LENGTH"
    assert errors["blackouts.1.end"]["code"] == "END_BEFORE_START"
    assert "blackout" in errors["blackouts.2.start"]["message"]
    assert "booking" not in errors["blackouts.2.start"]["message"]
    assert all("`" not in e["message"] for e in payload["errors"])


async def test_quota_of_half_an_hour_is_accepted(client, equipment_gid, manager) -> None:
    assert (await set_rules(client, manager, equipment_gid, weeklyQuotaHours=0.5))["errors"] == []
