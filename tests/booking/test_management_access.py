"""Who may set rules and qualifications: equipment the viewer may not see answers exactly like an
unknown id (ids are sequential, so a different answer would reveal it); qualifications expire in the
future only."""

from __future__ import annotations

import datetime as dt

import pytest

from biomap.api.node import to_global_id
from tests.booking.conftest import make_equipment

SET_RULES = """mutation($input: SetBookingRulesInput!) {
  setBookingRules(input: $input) { rules { bufferMinutes } errors { code field message } } }"""
GRANT = """mutation($input: QualificationInput!) {
  grantQualification(input: $input) { ok errors { code field message } } }"""
REVOKE = """mutation($input: QualificationInput!) {
  revokeQualification(input: $input) { ok errors { code field message } } }"""
MUTATIONS = {
    "setBookingRules": (SET_RULES, {"bufferMinutes": 10}),
    "grantQualification": (GRANT, {"userEmail": "nobody@test.biomap.kr"}),
    "revokeQualification": (REVOKE, {"userEmail": "nobody@test.biomap.kr"}),
}


@pytest.mark.parametrize("name", list(MUTATIONS))
async def test_hidden_equipment_answers_like_an_unknown_id(client, conn, other_manager, name) -> None:
    document, extra = MUTATIONS[name]
    hidden = await make_equipment(conn, access_policy="INTERNAL")  # of ITP_BIO; other_manager is KNIBRT's
    unknown = await conn.fetchval("SELECT max(id) + 1000 FROM equipment")

    answers = [await client.execute(document, {"input": {"equipmentId": to_global_id("Equipment", pk), **extra}},
                                    token=other_manager) for pk in (hidden, unknown)]

    assert answers[0] == answers[1]
    assert "errors" not in answers[0]
    assert [(e["code"], e["field"]) for e in answers[0]["data"][name]["errors"]] == [("NOT_FOUND", "equipmentId")]


async def test_visible_equipment_of_another_institution_is_still_forbidden(client, conn, other_manager) -> None:
    visible = to_global_id("Equipment", await make_equipment(conn, access_policy="CLUSTER"))

    body = await client.execute(GRANT, {"input": {"equipmentId": visible, "userEmail": "x@test.biomap.kr"}},
                                token=other_manager)

    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_qualification_expiring_in_the_past_is_refused(client, conn, equipment, equipment_gid, researcher,
                                                               manager) -> None:
    email = (await client.data("{ me { email } }", token=researcher))["me"]["email"]
    past = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).isoformat()

    payload = (await client.data(GRANT, {"input": {"equipmentId": equipment_gid, "userEmail": email,
                                                   "expiresAt": past}}, token=manager))["grantQualification"]

    assert payload["ok"] is False
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("IN_THE_PAST", "expiresAt")]
    assert await conn.fetchval("SELECT count(*) FROM booking_qualification WHERE equipment_id = $1", equipment) == 0


async def test_an_unknown_user_and_a_past_expiry_are_reported_together(client, equipment_gid, manager) -> None:
    payload = (await client.data(GRANT, {"input": {"equipmentId": equipment_gid, "userEmail": "nobody@nowhere.kr",
                                                   "expiresAt": "2020-01-01T00:00:00+09:00"}},
                                 token=manager))["grantQualification"]

    assert {(e["code"], e["field"]) for e in payload["errors"]} == {("NOT_FOUND", "userEmail"),
                                                                    ("IN_THE_PAST", "expiresAt")}


async def test_a_future_expiry_is_granted(client, conn, equipment, equipment_gid, researcher, manager) -> None:
    email = (await client.data("{ me { email } }", token=researcher))["me"]["email"]
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(days=30)).isoformat()

    payload = (await client.data(GRANT, {"input": {"equipmentId": equipment_gid, "userEmail": email,
                                                   "expiresAt": future}}, token=manager))["grantQualification"]

    assert payload == {"ok": True, "errors": []}
    assert await conn.fetchval("SELECT count(*) FROM booking_qualification WHERE equipment_id = $1", equipment) == 1
