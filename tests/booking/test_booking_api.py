"""Requesting, approving and using bookings over HTTP with real tokens."""

from __future__ import annotations

import datetime as dt

import pytest

from biomap.api.node import pk_of, to_global_id
from tests.booking.conftest import make_equipment, next_weekday, request, seoul, set_rules

APPROVE = "mutation($id: ID!) { approveBooking(id: $id) { booking { status } errors { code field message } } }"
REJECT = """mutation($id: ID!, $reason: String!) { rejectBooking(id: $id, reason: $reason) {
  booking { status reason } errors { code field message } } }"""
CANCEL = """mutation($id: ID!) { cancelBooking(id: $id, reason: "plans changed") {
  booking { status reason } errors { code field message } } }"""
PENDING = "{ pendingApprovals(first: 50) { edges { node { id status bookedBy purpose } } } }"


async def test_request_approve_flow_with_academic_rate(client, conn, equipment_gid, researcher, manager) -> None:
    day = next_weekday(2)  # a Tuesday
    payload = await request(client, researcher, equipment_gid, seoul(day, 13), seoul(day, 16))
    assert payload["errors"] == []
    booking = payload["booking"]
    assert booking["status"] == "REQUESTED" and booking["mine"] is True
    # Yonsei is a university: the academic rate, 40,000 KRW/h for 3 h
    assert booking["rateKind"] == "ACADEMIC" and booking["hourlyRateKrw"] == 40000
    assert booking["estimatedCostKrw"] == 120000
    assert dt.datetime.fromisoformat(booking["start"]) == seoul(day, 13)

    pending = (await client.data(PENDING, token=manager))["pendingApprovals"]["edges"]
    mine = [e["node"] for e in pending if e["node"]["id"] == booking["id"]]
    assert mine and mine[0]["purpose"] == "LC-MS/MS run" and mine[0]["bookedBy"].endswith("@test.biomap.kr")

    approved = (await client.data(APPROVE, {"id": booking["id"]}, token=manager))["approveBooking"]
    assert approved == {"booking": {"status": "APPROVED"}, "errors": []}
    # a second approval finds the booking no longer REQUESTED
    again = (await client.data(APPROVE, {"id": booking["id"]}, token=manager))["approveBooking"]
    assert again["booking"] is None and again["errors"][0]["code"] == "INVALID_TRANSITION"
    pk = int(await conn.fetchval("SELECT max(id) FROM booking"))
    audit = await conn.fetch(
        "SELECT action, detail FROM audit_log WHERE entity = 'booking' AND entity_id = $1 ORDER BY id", pk)
    assert [(a["action"], a["detail"]["from"], a["detail"]["to"]) for a in audit] == [
        ("booking.request", None, "REQUESTED"), ("booking.approve", "REQUESTED", "APPROVED")]
    events = await conn.fetch(
        "SELECT payload->>'event' AS e FROM outbox WHERE topic = 'booking.notification' AND (payload->>'bookingId')::bigint = $1 ORDER BY id", pk)
    assert [e["e"] for e in events] == ["requested", "approved"]


async def test_other_institution_manager_cannot_approve_or_see(client, equipment_gid, researcher, other_manager) -> None:
    day = next_weekday(3)
    booking = (await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11)))["booking"]
    body = await client.execute(APPROVE, {"id": booking["id"]}, token=other_manager)
    # the booking is not theirs to see: it is reported as unknown, and nothing changed
    assert body["data"]["approveBooking"]["errors"][0]["code"] == "NOT_FOUND"
    pending = (await client.data(PENDING, token=other_manager))["pendingApprovals"]["edges"]
    assert booking["id"] not in [e["node"]["id"] for e in pending]


async def test_researcher_cannot_approve_own_request(client, equipment_gid, researcher) -> None:
    day = next_weekday(3)
    booking = (await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11)))["booking"]
    body = await client.execute(APPROVE, {"id": booking["id"]}, token=researcher)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await client.execute(PENDING, token=researcher)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_anonymous_cannot_book(client, equipment_gid) -> None:
    day = next_weekday(3)
    body = await client.execute(
        """mutation($input: RequestBookingInput!) { requestBooking(input: $input) { errors { code } } }""",
        {"input": {"equipmentId": equipment_gid, "start": seoul(day, 10).isoformat(),
                   "end": seoul(day, 11).isoformat()}})
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_reject_needs_reason_and_frees_the_slot(client, equipment_gid, researcher, manager, make_token) -> None:
    day = next_weekday(4)
    booking = (await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 12)))["booking"]
    empty = (await client.data(REJECT, {"id": booking["id"], "reason": " "}, token=manager))["rejectBooking"]
    assert empty["errors"] == [{"code": "INVALID", "field": "reason", "message": "say why the request is rejected"}]
    rejected = (await client.data(REJECT, {"id": booking["id"], "reason": "instrument reserved for QC"},
                                  token=manager))["rejectBooking"]
    assert rejected == {"booking": {"status": "REJECTED", "reason": "instrument reserved for QC"}, "errors": []}
    other = await make_token("RESEARCHER", "INU")
    assert (await request(client, other, equipment_gid, seoul(day, 10), seoul(day, 12)))["errors"] == []


async def test_overlap_is_booking_conflict_and_buffer_is_kept(client, conn, equipment_gid, researcher, manager,
                                                              make_token) -> None:
    assert (await set_rules(client, manager, equipment_gid, bufferMinutes=30))["errors"] == []
    day = next_weekday(2)
    assert (await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 12)))["errors"] == []
    other = await make_token("RESEARCHER", "INU")
    overlapping = await request(client, other, equipment_gid, seoul(day, 11), seoul(day, 13))
    assert overlapping["booking"] is None
    assert [e["code"] for e in overlapping["errors"]] == ["BOOKING_CONFLICT"]
    in_buffer = await request(client, other, equipment_gid, seoul(day, 12), seoul(day, 13))
    assert [e["code"] for e in in_buffer["errors"]] == ["BOOKING_CONFLICT"]
    after_buffer = await request(client, other, equipment_gid, seoul(day, 12, 30), seoul(day, 13, 30))
    assert after_buffer["errors"] == []
    reaching = await request(client, other, equipment_gid, seoul(day, 9), seoul(day, 10))
    assert [e["code"] for e in reaching["errors"]] == ["BOOKING_CONFLICT"]  # its buffer would reach 10:30
    assert (await request(client, other, equipment_gid, seoul(day, 9), seoul(day, 9, 30)))["errors"] == []
    active = await conn.fetchval(
        """SELECT count(*) FROM booking a JOIN booking b ON a.id < b.id AND a.equipment_id = b.equipment_id
            WHERE a.status IN ('REQUESTED', 'APPROVED') AND b.status IN ('REQUESTED', 'APPROVED')
              AND a.during && b.during""")
    assert active == 0


async def test_every_broken_rule_is_named(client, conn, equipment, equipment_gid, researcher, manager) -> None:
    assert (await set_rules(client, manager, equipment_gid, minDurationMinutes=60, maxDurationMinutes=120,
                            granularityMinutes=60, weeklyQuotaHours=1, qualificationRequired=True))["errors"] == []
    saturday = next_weekday(6)
    payload = await request(client, researcher, equipment_gid, seoul(saturday, 7, 30), seoul(saturday, 7, 45))
    codes = {e["code"]: e["field"] for e in payload["errors"]}
    assert codes == {"QUALIFICATION_REQUIRED": "equipmentId", "TOO_SHORT": "end", "OFF_SLOT_GRID": "start",
                     "OUTSIDE_OPENING_HOURS": "start"}
    assert all(e["message"] for e in payload["errors"])
    assert await conn.fetchval("SELECT count(*) FROM booking WHERE equipment_id = $1", equipment) == 0


BAD_INPUT = [
    ("end before start", lambda d: (seoul(d, 12), seoul(d, 10)), "END_BEFORE_START", "end"),
    ("zero length", lambda d: (seoul(d, 10), seoul(d, 10)), "ZERO_LENGTH", "end"),
    ("in the past", lambda d: (seoul(d - dt.timedelta(days=30), 10), seoul(d - dt.timedelta(days=30), 11)),
     "IN_THE_PAST", "start"),
    ("timezone-less", lambda d: (f"{d.isoformat()}T10:00:00", seoul(d, 11)), "TIMEZONE_REQUIRED", "start"),
    ("not a timestamp", lambda d: ("next tuesday", seoul(d, 11)), "INVALID_TIMESTAMP", "start"),
    ("year 9999", lambda d: ("9999-12-31T10:00:00+09:00", "9999-12-31T11:00:00+09:00"), "BEYOND_MAX_ADVANCE",
     "start"),
    ("beyond max advance", lambda d: (seoul(d + dt.timedelta(days=400), 10), seoul(d + dt.timedelta(days=400), 11)),
     "BEYOND_MAX_ADVANCE", "end"),
]


@pytest.mark.parametrize(("label", "times", "code", "field"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
async def test_bad_times_are_refused_with_their_own_code(client, conn, equipment_gid, researcher, label, times,
                                                         code, field) -> None:
    start, end = times(next_weekday(2))
    before = await conn.fetchval("SELECT count(*) FROM booking")
    audits = await conn.fetchval("SELECT count(*) FROM audit_log")
    payload = await request(client, researcher, equipment_gid, start, end)
    assert payload["booking"] is None
    assert (payload["errors"][0]["code"], payload["errors"][0]["field"]) == (code, field), payload["errors"]
    assert await conn.fetchval("SELECT count(*) FROM booking") == before
    assert await conn.fetchval("SELECT count(*) FROM audit_log") == audits


async def test_bad_input_and_the_equipment_s_problems_are_reported_together(client, conn, researcher) -> None:
    retired = to_global_id("Equipment", await make_equipment(conn, status="RETIRED"))
    unknown = to_global_id("Equipment", 99_999_999)
    day = next_weekday(2)
    payload = await request(client, researcher, retired, seoul(day, 12), seoul(day, 10),
                            purpose="x" * 2001, idempotencyKey="k" * 201)
    assert {(e["code"], e["field"]) for e in payload["errors"]} == {
        ("INVALID", "purpose"), ("INVALID", "idempotencyKey"), ("EQUIPMENT_RETIRED", "equipmentId"),
        ("END_BEFORE_START", "end")}
    payload = await request(client, researcher, unknown, f"{day.isoformat()}T10:00:00", seoul(day, 11))
    assert {(e["code"], e["field"]) for e in payload["errors"]} == {
        ("TIMEZONE_REQUIRED", "start"), ("EQUIPMENT_NOT_FOUND", "equipmentId")}
    assert await conn.fetchval("SELECT count(*) FROM booking WHERE purpose = $1", "x" * 2001) == 0


@pytest.mark.parametrize(("state", "code"), [
    ("unknown", "EQUIPMENT_NOT_FOUND"), ("RETIRED", "EQUIPMENT_RETIRED"),
    ("MAINTENANCE", "EQUIPMENT_UNDER_MAINTENANCE"), ("INTERNAL", "EQUIPMENT_NOT_FOUND"),
])
async def test_equipment_that_cannot_be_booked(client, conn, researcher, state, code) -> None:
    if state == "unknown":
        gid = to_global_id("Equipment", 99_999_999)
    elif state == "INTERNAL":
        gid = to_global_id("Equipment", await make_equipment(conn, access_policy="INTERNAL"))
    else:
        gid = to_global_id("Equipment", await make_equipment(conn, status=state))
    day = next_weekday(2)
    before = await conn.fetchval("SELECT count(*) FROM booking")
    payload = await request(client, researcher, gid, seoul(day, 10), seoul(day, 11))
    assert payload["booking"] is None
    assert (payload["errors"][0]["code"], payload["errors"][0]["field"]) == (code, "equipmentId")
    assert await conn.fetchval("SELECT count(*) FROM booking") == before


async def test_qualification_granted_with_expiry_then_revoked(client, conn, equipment_gid, researcher,
                                                              manager) -> None:
    assert (await set_rules(client, manager, equipment_gid, qualificationRequired=True))["errors"] == []
    email = (await client.data("{ me { email } }", token=researcher))["me"]["email"]
    day = next_weekday(2)
    refused = await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11))
    assert [e["code"] for e in refused["errors"]] == ["QUALIFICATION_REQUIRED"]
    grant = """mutation($input: QualificationInput!) { grantQualification(input: $input) { ok errors { code } } }"""
    revoke = """mutation($input: QualificationInput!) { revokeQualification(input: $input) { ok errors { code } } }"""
    expired = {"equipmentId": equipment_gid, "userEmail": email, "expiresAt": "2020-01-01T00:00:00+09:00"}
    refused_grant = (await client.data(grant, {"input": expired}, token=manager))["grantQualification"]
    assert not refused_grant["ok"] and [e["code"] for e in refused_grant["errors"]] == ["IN_THE_PAST"]
    valid = {**expired, "expiresAt": (dt.datetime.now(dt.UTC) + dt.timedelta(days=365)).isoformat()}
    assert (await client.data(grant, {"input": valid}, token=manager))["grantQualification"]["ok"]
    # a qualification that has expired since it was granted no longer counts
    await conn.execute("UPDATE booking_qualification SET expires_at = now() - interval '1 day'")
    still = await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11))
    assert [e["code"] for e in still["errors"]] == ["QUALIFICATION_REQUIRED"]
    assert (await client.data(grant, {"input": valid}, token=manager))["grantQualification"]["ok"]
    assert (await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11)))["errors"] == []
    body = await client.execute(grant, {"input": valid}, token=researcher)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await client.data(revoke, {"input": valid}, token=manager))["revokeQualification"]["ok"]
    again = await request(client, researcher, equipment_gid, seoul(day, 14), seoul(day, 15))
    assert [e["code"] for e in again["errors"]] == ["QUALIFICATION_REQUIRED"]


async def test_weekly_quota(client, equipment_gid, researcher, manager) -> None:
    assert (await set_rules(client, manager, equipment_gid, weeklyQuotaHours=3))["errors"] == []
    day = next_weekday(1)
    assert (await request(client, researcher, equipment_gid, seoul(day, 9), seoul(day, 11)))["errors"] == []
    over = await request(client, researcher, equipment_gid, seoul(day, 13), seoul(day, 15))
    assert [(e["code"], e["field"]) for e in over["errors"]] == [("QUOTA_EXCEEDED", "end")]
    assert "1 h are left" in over["errors"][0]["message"]
    assert (await request(client, researcher, equipment_gid, seoul(day, 13), seoul(day, 14)))["errors"] == []


async def test_instant_confirmation_when_no_approval_needed(client, equipment_gid, researcher, manager) -> None:
    assert (await set_rules(client, manager, equipment_gid, approvalRequired=False))["errors"] == []
    day = next_weekday(2)
    payload = await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11))
    assert payload["booking"]["status"] == "APPROVED"


async def test_idempotency_key(client, conn, equipment, equipment_gid, researcher) -> None:
    day = next_weekday(2)
    first = await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11), idempotencyKey="k-1")
    again = await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11), idempotencyKey="k-1")
    assert first["errors"] == [] and again == first
    assert await conn.fetchval("SELECT count(*) FROM booking WHERE equipment_id = $1", equipment) == 1
    other = await request(client, researcher, equipment_gid, seoul(day, 14), seoul(day, 15), idempotencyKey="k-1")
    assert [(e["code"], e["field"]) for e in other["errors"]] == [("IDEMPOTENCY_KEY_REUSED", "idempotencyKey")]
    # a refused request does not consume its key: fixing nothing and retrying re-checks
    refused = await request(client, researcher, equipment_gid, seoul(day, 7), seoul(day, 8), idempotencyKey="k-2")
    assert refused["errors"][0]["code"] == "OUTSIDE_OPENING_HOURS"
    assert await conn.fetchval("SELECT count(*) FROM booking_idempotency WHERE key = 'k-2'") == 0
    assert await conn.fetchval("SELECT count(*) FROM booking WHERE equipment_id = $1", equipment) == 1


async def test_cancel_cutoff_for_users_but_not_managers(client, conn, equipment_gid, researcher, manager) -> None:
    assert (await set_rules(client, manager, equipment_gid, cancelCutoffMinutes=30 * 24 * 60,
                            approvalRequired=False))["errors"] == []
    day = next_weekday(2)
    booking = (await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11)))["booking"]
    refused = (await client.data(CANCEL, {"id": booking["id"]}, token=researcher))["cancelBooking"]
    assert refused["booking"] is None and refused["errors"][0]["code"] == "CANCEL_CUTOFF_PASSED"
    assert "30 days before the start" in refused["errors"][0]["message"]
    done = (await client.data(CANCEL, {"id": booking["id"]}, token=manager))["cancelBooking"]
    assert done == {"booking": {"status": "CANCELLED", "reason": "plans changed"}, "errors": []}


async def test_user_cancels_request_before_cutoff(client, equipment_gid, researcher) -> None:
    day = next_weekday(2)
    booking = (await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11)))["booking"]
    done = (await client.data(CANCEL, {"id": booking["id"]}, token=researcher))["cancelBooking"]
    assert done["booking"]["status"] == "CANCELLED"
    # the slot is free again
    assert (await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11)))["errors"] == []


AVAILABILITY = """query($id: ID!, $from: DateTimeOffset!, $to: DateTimeOffset!) {
  availability(equipmentId: $id, from: $from, to: $to) {
    free { start end } rateKind hourlyRateKrw rules { bufferMinutes isDefault openingHours { weekday opens closes } }
  }
}"""


async def test_availability_respects_hours_bookings_buffer_and_blackouts(client, equipment_gid, researcher,
                                                                          manager) -> None:
    day = next_weekday(3)
    rules = await set_rules(client, manager, equipment_gid, bufferMinutes=30, blackouts=[
        {"start": seoul(day, 16).isoformat(), "end": seoul(day, 17).isoformat(), "reason": "calibration"}])
    assert rules["errors"] == []
    assert (await request(client, researcher, equipment_gid, seoul(day, 11), seoul(day, 12)))["errors"] == []
    result = (await client.data(AVAILABILITY, {"id": equipment_gid, "from": seoul(day, 0).isoformat(),
                                               "to": seoul(day, 23, 59).isoformat()}, token=researcher))["availability"]
    free = [(dt.datetime.fromisoformat(f["start"]), dt.datetime.fromisoformat(f["end"])) for f in result["free"]]
    assert free == [(seoul(day, 9), seoul(day, 10, 30)), (seoul(day, 12, 30), seoul(day, 16)),
                    (seoul(day, 17), seoul(day, 18))]
    assert result["rateKind"] == "ACADEMIC" and result["hourlyRateKrw"] == 40000
    assert result["rules"]["bufferMinutes"] == 30 and result["rules"]["isDefault"] is False


async def test_availability_range_limit(client, equipment_gid, researcher) -> None:
    day = next_weekday(3)
    body = await client.execute(AVAILABILITY, {"id": equipment_gid, "from": seoul(day, 0).isoformat(),
                                               "to": seoul(day + dt.timedelta(days=90), 0).isoformat()},
                                token=researcher)
    assert body["errors"][0]["extensions"]["code"] == "RANGE_TOO_LONG"
    assert body["errors"][0]["extensions"]["fields"] == ["to"]


BOOKINGS = """query($id: ID!, $from: DateTimeOffset!, $to: DateTimeOffset!) {
  node(id: $id) { ... on Equipment { bookings(from: $from, to: $to) { status start mine purpose bookedBy } } }
}"""


async def test_equipment_bookings_hide_personal_details_from_others(client, equipment_gid, researcher, manager,
                                                                    make_token) -> None:
    day = next_weekday(3)
    assert (await request(client, researcher, equipment_gid, seoul(day, 11), seoul(day, 12)))["errors"] == []
    variables = {"id": equipment_gid, "from": seoul(day, 0).isoformat(), "to": seoul(day, 23).isoformat()}
    other = await make_token("RESEARCHER", "INU")
    seen_by_other = (await client.data(BOOKINGS, variables, token=other))["node"]["bookings"]
    assert seen_by_other == [{"status": "REQUESTED", "start": seoul(day, 11).astimezone(dt.UTC).isoformat(),
                              "mine": False, "purpose": None, "bookedBy": None}]
    seen_by_manager = (await client.data(BOOKINGS, variables, token=manager))["node"]["bookings"]
    assert seen_by_manager[0]["purpose"] == "LC-MS/MS run" and seen_by_manager[0]["bookedBy"]
    seen_by_owner = (await client.data(BOOKINGS, variables, token=researcher))["node"]["bookings"]
    assert seen_by_owner[0]["mine"] is True and seen_by_owner[0]["purpose"] == "LC-MS/MS run"


async def test_quote_shows_cost_and_problems_before_booking(client, conn, equipment, equipment_gid, make_token) -> None:
    industry = await make_token("MANUFACTURER", "CELLTRION")
    day = next_weekday(2)
    q = """query($id: ID!, $s: DateTimeOffset!, $e: DateTimeOffset!) {
      bookingQuote(equipmentId: $id, start: $s, end: $e) { rateKind hourlyRateKrw estimatedCostKrw problems { code } } }"""
    ok = (await client.data(q, {"id": equipment_gid, "s": seoul(day, 10).isoformat(),
                                "e": seoul(day, 11, 30).isoformat()}, token=industry))["bookingQuote"]
    assert ok == {"rateKind": "INDUSTRY", "hourlyRateKrw": 80000, "estimatedCostKrw": 120000, "problems": []}
    late = (await client.data(q, {"id": equipment_gid, "s": seoul(day, 17).isoformat(),
                                  "e": seoul(day, 19).isoformat()}, token=industry))["bookingQuote"]
    assert [p["code"] for p in late["problems"]] == ["OUTSIDE_OPENING_HOURS"]
    assert await conn.fetchval("SELECT count(*) FROM booking WHERE equipment_id = $1", equipment) == 0


async def test_quote_names_a_taken_slot_and_its_buffer(client, equipment_gid, researcher, manager, make_token) -> None:
    industry = await make_token("MANUFACTURER", "CELLTRION")
    assert (await set_rules(client, manager, equipment_gid, bufferMinutes=30,
                            approvalRequired=False))["errors"] == []
    day = next_weekday(2)
    assert (await request(client, researcher, equipment_gid, seoul(day, 13), seoul(day, 15)))["errors"] == []
    q = """query($id: ID!, $s: DateTimeOffset!, $e: DateTimeOffset!) {
      bookingQuote(equipmentId: $id, start: $s, end: $e) { problems { code } } }"""

    async def codes(start: dt.datetime, end: dt.datetime) -> list[str]:
        quote = (await client.data(q, {"id": equipment_gid, "s": start.isoformat(), "e": end.isoformat()},
                                   token=industry))["bookingQuote"]
        return [p["code"] for p in quote["problems"]]

    assert await codes(seoul(day, 14), seoul(day, 16)) == ["BOOKING_CONFLICT"]      # the slot
    assert await codes(seoul(day, 15), seoul(day, 16)) == ["BOOKING_CONFLICT"]      # the buffer after it
    assert await codes(seoul(day, 12), seoul(day, 13)) == ["BOOKING_CONFLICT"]      # its own buffer
    assert await codes(seoul(day, 11), seoul(day, 12)) == []
    # and requestBooking agrees with each answer, a taken slot named beside the other rules it breaks
    assert [e["code"] for e in (await request(client, industry, equipment_gid, seoul(day, 12), seoul(day, 13)))[
        "errors"]] == ["BOOKING_CONFLICT"]
    off_grid = (seoul(day, 14), seoul(day, 15, 10))
    assert await codes(*off_grid) == ["OFF_SLOT_GRID", "BOOKING_CONFLICT"]
    assert [e["code"] for e in (await request(client, industry, equipment_gid, *off_grid))["errors"]] == [
        "OFF_SLOT_GRID", "BOOKING_CONFLICT"]


async def test_seeing_internal_equipment_is_not_being_allowed_to_book_it(client, conn, make_token) -> None:
    internal = to_global_id("Equipment", await make_equipment(conn, access_policy="INTERNAL"))
    day = next_weekday(2)
    for role, org in (("CITY_OFFICER", "IFEZ_AUTHORITY"), ("ADMIN", None), ("RESEARCHER", "YONSEI_IC")):
        token = await make_token(role, org)
        refused = await request(client, token, internal, seoul(day, 10), seoul(day, 11))
        assert refused["booking"] is None, role
        assert [(e["code"], e["field"]) for e in refused["errors"]] == [("EQUIPMENT_NOT_FOUND", "equipmentId")], role
    own = await make_token("RESEARCHER", "ITP_BIO")
    assert (await request(client, own, internal, seoul(day, 10), seoul(day, 11)))["errors"] == []
    assert await conn.fetchval("SELECT count(*) FROM booking WHERE equipment_id = $1", pk_of(internal, "Equipment")) == 1
    # the city team still sees its quote (rates), with the refusal in it
    q = """query($id: ID!, $s: DateTimeOffset!, $e: DateTimeOffset!) {
      bookingQuote(equipmentId: $id, start: $s, end: $e) { hourlyRateKrw problems { code } } }"""
    city = await make_token("CITY_OFFICER", "IFEZ_AUTHORITY")
    quote = (await client.data(q, {"id": internal, "s": seoul(day, 12).isoformat(), "e": seoul(day, 13).isoformat()},
                               token=city))["bookingQuote"]
    assert [p["code"] for p in quote["problems"]] == ["EQUIPMENT_NOT_FOUND"]


async def test_a_request_whose_time_has_begun_cannot_be_approved(client, conn, equipment, equipment_gid, researcher,
                                                                 manager) -> None:
    day = next_weekday(2)
    booking = (await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11)))["booking"]
    assert booking["status"] == "REQUESTED"
    await conn.execute("UPDATE booking SET during = tstzrange(now() - interval '5 minutes', now() + interval '1 hour'),"
                       " held = tstzrange(now() - interval '5 minutes', now() + interval '1 hour')"
                       " WHERE equipment_id = $1", equipment)
    refused = (await client.data(APPROVE, {"id": booking["id"]}, token=manager))["approveBooking"]
    assert refused["booking"] is None
    assert [e["code"] for e in refused["errors"]] == ["INVALID_TRANSITION"]
    assert "already begun" in refused["errors"][0]["message"]
    assert await conn.fetchval("SELECT status::text FROM booking WHERE equipment_id = $1", equipment) == "REQUESTED"


async def test_reasons_are_bounded(client, equipment_gid, researcher, manager) -> None:
    day = next_weekday(2)
    booking = (await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11)))["booking"]
    refused = (await client.data(REJECT, {"id": booking["id"], "reason": "x" * 2001}, token=manager))["rejectBooking"]
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("INVALID", "reason")]
    done = (await client.data(REJECT, {"id": booking["id"], "reason": "x" * 2000}, token=manager))["rejectBooking"]
    assert done["errors"] == []


async def test_a_night_on_equipment_open_around_the_clock(client, equipment_gid, researcher, manager) -> None:
    around = [{"weekday": d, "opens": "00:00", "closes": "24:00"} for d in
              ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")]
    assert (await set_rules(client, manager, equipment_gid, openingHours=around, maxDurationMinutes=480))["errors"] == []
    day = next_weekday(2)
    night = await request(client, researcher, equipment_gid, seoul(day, 22), seoul(day, 22) + dt.timedelta(hours=4))
    assert night["errors"] == []


async def test_internal_rate_for_own_institution(client, equipment_gid, make_token) -> None:
    own = await make_token("RESEARCHER", "ITP_BIO")
    day = next_weekday(2)
    booking = (await request(client, own, equipment_gid, seoul(day, 10), seoul(day, 11)))["booking"]
    assert booking["rateKind"] == "INTERNAL" and booking["estimatedCostKrw"] == 20000


async def test_set_rules_only_by_owning_managers_and_validated(client, equipment_gid, researcher, other_manager,
                                                               manager) -> None:
    body = await client.execute(
        "mutation($input: SetBookingRulesInput!) { setBookingRules(input: $input) { errors { code } } }",
        {"input": {"equipmentId": equipment_gid, "bufferMinutes": 10}}, token=other_manager)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    bad = await set_rules(client, manager, equipment_gid, minDurationMinutes=120, maxDurationMinutes=60,
                          bufferMinutes=-1, openingHours=[{"weekday": "MONDAY", "opens": "18:00", "closes": "09:00"}])
    assert {e["field"] for e in bad["errors"]} == {"maxDurationMinutes", "bufferMinutes", "openingHours.0.closes"}
    assert bad["rules"] is None


RECORD_USAGE = """mutation($id: ID!, $start: DateTimeOffset!, $end: DateTimeOffset!, $reason: String!) {
  recordUsage(id: $id, start: $start, end: $end, reason: $reason) {
    booking { status checkedInAt checkedOutAt billableKrw } errors { code field message } } }"""


async def test_a_manager_records_use_over_the_api(client, conn, equipment_gid, researcher, manager) -> None:
    day = next_weekday(3)
    booking = (await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 12)))["booking"]
    await client.data(APPROVE, {"id": booking["id"]}, token=manager)
    # the booked morning is over (moved to yesterday), and nobody checked in
    await conn.execute(
        """UPDATE booking b SET during = tstzrange(lower(during) - s.shift, upper(during) - s.shift),
                                held = tstzrange(lower(held) - s.shift, upper(held) - s.shift)
             FROM (SELECT lower(during) - (date_trunc('hour', now()) - interval '1 day') AS shift
                     FROM booking WHERE id = $1) s
            WHERE b.id = $1""", pk_of(booking["id"], "Booking"))
    start, end = await conn.fetchrow("SELECT lower(during), upper(during) FROM booking WHERE id = $1",
                                     pk_of(booking["id"], "Booking"))
    used = {"id": booking["id"], "start": (start + dt.timedelta(minutes=15)).isoformat(),
            "end": (end - dt.timedelta(minutes=15)).isoformat(), "reason": "operator's run sheet"}
    refused = await client.execute(RECORD_USAGE, used, token=researcher)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    recorded = (await client.data(RECORD_USAGE, used, token=manager))["recordUsage"]
    assert recorded["errors"] == []
    assert recorded["booking"]["status"] == "COMPLETED" and recorded["booking"]["billableKrw"] == 60000  # 1.5 h
    assert dt.datetime.fromisoformat(recorded["booking"]["checkedInAt"]) == start + dt.timedelta(minutes=15)
