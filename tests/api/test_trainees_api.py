"""Trainee privacy through the API: listing, node(id:) and personal fields per viewer and consent.

The full matrix is tested cell by cell on the pure rules (tests/catalogue/test_trainee_privacy.py);
here every viewer kind and consent state goes through real HTTP with real tokens."""

from __future__ import annotations

import datetime as dt
import uuid

import asyncpg
import pytest

from biomap.api.node import to_global_id
from biomap.catalogue import trainee_queries

NODE = """query($id: ID!) { node(id: $id) { ... on Trainee { displayName fullName email phone consent { valid } } } }"""


async def add_trainee(conn: asyncpg.Connection, visibility: str, consent: dict | None) -> str:
    centre = await conn.fetchval("SELECT id FROM organisation WHERE code = 'KNIBRT'")
    trainee_id = await trainee_queries.upsert_trainee_by_source(conn, centre, {
        "source_id": f"TEST-{uuid.uuid4().hex[:8]}", "display_name": "수료생 TEST", "course": "QC 과정",
        "completed_on": dt.date(2026, 6, 1), "visibility": visibility,
    })
    await trainee_queries.replace_trainee_personal(
        conn, trainee_id, {"full_name": "홍가상", "email": "test@example.com", "phone": "010-0000-9999"}
    )
    await trainee_queries.replace_trainee_consents(conn, trainee_id, [] if consent is None else [consent])
    return to_global_id("Trainee", trainee_id)


def consent(items: list[str], *, retention: dt.date = dt.date(2099, 1, 1), withdrawn: bool = False) -> dict:
    now = dt.datetime.now(dt.UTC)
    return {"purpose": "채용 매칭", "items": items, "version": "test", "given_at": now - dt.timedelta(days=1),
            "retention_until": retention, "withdrawn_at": now if withdrawn else None}


@pytest.fixture
async def viewers(make_token, conn) -> dict[str, str | None]:
    await conn.execute(
        "INSERT INTO organisation (code, name_en) VALUES ('UNVERIFIED_CO', 'Unverified Co')"
    )
    return {
        "anonymous": None,
        "researcher": await make_token("RESEARCHER", "YONSEI_IC"),
        "city": await make_token("CITY_OFFICER", "IFEZ_AUTHORITY"),
        "unverified_employer": await make_token("MANUFACTURER", "UNVERIFIED_CO"),
        "verified_employer": await make_token("MANUFACTURER", "CELLTRION"),
        "verified_supplier": await make_token("SUPPLIER", "ITP_BIO"),
        "centre_manager": await make_token("INSTITUTION_MANAGER", "KNIBRT"),
        "admin": await make_token("ADMIN"),
    }


ALL = ["FULL_NAME", "EMAIL", "PHONE"]
PERSONAL = {"fullName": "홍가상", "email": "test@example.com", "phone": "010-0000-9999"}
NOTHING = {"fullName": None, "email": None, "phone": None}


@pytest.mark.parametrize(
    "visibility,consent_given,expected",
    [
        # (visibility, consent, {viewer: personal fields or None when the profile is invisible})
        ("EMPLOYERS", consent(ALL), {
            "anonymous": None, "researcher": None, "city": None, "unverified_employer": None,
            "verified_employer": PERSONAL, "verified_supplier": PERSONAL, "centre_manager": PERSONAL,
            "admin": NOTHING}),
        ("PUBLIC", consent(["FULL_NAME"]), {
            "anonymous": NOTHING, "researcher": NOTHING, "city": NOTHING, "unverified_employer": NOTHING,
            "verified_employer": {**NOTHING, "fullName": "홍가상"}, "centre_manager": PERSONAL, "admin": NOTHING}),
        ("PUBLIC", consent(ALL, retention=dt.date(2020, 1, 1)), {
            "anonymous": NOTHING, "verified_employer": NOTHING, "centre_manager": PERSONAL}),
        ("PUBLIC", consent(ALL, withdrawn=True), {"verified_employer": NOTHING, "centre_manager": PERSONAL}),
        ("PUBLIC", None, {"verified_employer": NOTHING, "centre_manager": PERSONAL, "admin": NOTHING}),
        ("HIDDEN", consent(ALL), {
            "anonymous": None, "verified_employer": None, "unverified_employer": None,
            "centre_manager": PERSONAL, "admin": NOTHING}),
    ],
)
async def test_personal_fields_by_viewer_and_consent(client, conn, viewers, visibility, consent_given, expected):
    gid = await add_trainee(conn, visibility, consent_given)
    for viewer, fields in expected.items():
        node = (await client.data(NODE, {"id": gid}, token=viewers[viewer]))["node"]
        if fields is None:
            assert node is None, viewer
        else:
            assert node is not None, viewer
            assert {k: node[k] for k in fields} == fields, viewer
            # consent details are for the training centre only
            assert (node["consent"] is not None) == (viewer == "centre_manager" and consent_given is not None)


async def test_lists_and_counts_respect_visibility(client, conn, viewers) -> None:
    query = "{ trainees(first: 100) { totalCount edges { node { visibility fullName } } } }"
    counts = dict(await conn.fetch("SELECT visibility::text, count(*) FROM trainee GROUP BY 1"))
    anonymous = (await client.data(query))["trainees"]
    assert anonymous["totalCount"] == counts.get("PUBLIC", 0)
    assert {e["node"]["visibility"] for e in anonymous["edges"]} == {"PUBLIC"}
    assert all(e["node"]["fullName"] is None for e in anonymous["edges"])
    employer = (await client.data(query, token=viewers["verified_employer"]))["trainees"]
    assert employer["totalCount"] == counts.get("PUBLIC", 0) + counts.get("EMPLOYERS", 0)
    assert any(e["node"]["fullName"] for e in employer["edges"])
    unverified = (await client.data(query, token=viewers["unverified_employer"]))["trainees"]
    assert unverified["totalCount"] == counts.get("PUBLIC", 0)
    manager = (await client.data(query, token=viewers["centre_manager"]))["trainees"]
    assert manager["totalCount"] == sum(counts.values())
