"""Institution managers change their own equipment and technologies, and nobody else's."""

from __future__ import annotations

import asyncpg
import pytest

from biomap.api.node import to_global_id

CREATE = """mutation($input: EquipmentCreateInput!) {
  equipmentCreate(input: $input) {
    equipment { id name nameKo nameEn category status year specifications rates { academicKrw } institution { code } }
    errors { code field message }
  }
}"""
UPDATE = """mutation($input: EquipmentUpdateInput!) {
  equipmentUpdate(input: $input) {
    equipment { id nameKo nameEn manufacturer year room rates { industryKrw } status }
    errors { code field message }
  }
}"""
RETIRE = "mutation($id: ID!) { equipmentRetire(id: $id) { equipment { status } errors { code field message } } }"


@pytest.fixture
async def itp_manager(make_token) -> str:
    return await make_token("INSTITUTION_MANAGER", "ITP_BIO")


async def equipment_of(conn: asyncpg.Connection, code: str) -> asyncpg.Record:
    return await conn.fetchrow(
        """SELECT e.* FROM equipment e JOIN organisation o ON o.id = e.institution_id
            WHERE o.code = $1 ORDER BY e.id LIMIT 1""",
        code,
    )


async def test_manager_creates_equipment_in_own_institution(client, conn, itp_manager) -> None:
    given = {
        "category": "FLOW_CYTOMETER", "nameKo": "유세포분석기", "nameEn": "Flow cytometer",
        "manufacturer": "BD Biosciences", "model": "FACSLyric", "year": 2023,
        "specifications": {"lasers": 3, "colours": 12}, "rates": {"academicKrw": 40000, "industryKrw": 80000},
    }
    payload = (await client.data(CREATE, {"input": given}, token=itp_manager))["equipmentCreate"]
    assert payload["errors"] == []
    created = payload["equipment"]
    assert created["institution"]["code"] == "ITP_BIO"
    assert created["specifications"] == {"lasers": 3, "colours": 12}
    assert created["rates"]["academicKrw"] == 40000 and created["status"] == "ACTIVE"
    pk = await conn.fetchval("SELECT max(id) FROM equipment")
    assert created["id"] == to_global_id("Equipment", pk)
    # the change is audited and announced to the outbox in the same transaction
    assert await conn.fetchval("SELECT count(*) FROM audit_log WHERE entity = 'equipment' AND entity_id = $1", pk) == 1
    assert await conn.fetchval(
        "SELECT count(*) FROM outbox WHERE topic = 'catalogue.changed' AND payload->>'id' = $1", str(pk)
    ) == 1


async def test_a_description_with_a_pasted_url_is_stored_and_searchable(client, itp_manager) -> None:
    # one "word" of 3,000 characters: PostgreSQL's tsvector refuses it, the write must not fail
    given = {"category": "HPLC", "nameEn": "Quaternary HPLC QA-LONGWORD",
             "descriptionEn": "Manual: https://example.ac.kr/docs?" + "a" * 3000}
    payload = (await client.data(CREATE, {"input": given}, token=itp_manager))["equipmentCreate"]
    assert payload["errors"] == [], payload
    assert payload["equipment"]["nameEn"] == given["nameEn"], payload
    found = await client.data('{ search(query: "QA-LONGWORD HPLC", kinds: [EQUIPMENT]) { edges { node { ... on Equipment { nameEn } } } } }')
    assert [e["node"]["nameEn"] for e in found["search"]["edges"]][:1] == [given["nameEn"]]


async def test_create_reports_every_invalid_field_and_writes_nothing(client, conn, itp_manager) -> None:
    before = await conn.fetchval("SELECT count(*) FROM equipment")
    audits = await conn.fetchval("SELECT count(*) FROM audit_log")
    given = {"category": "PCR", "nameKo": "", "year": 1800, "photoUrl": "ftp://x", "rates": {"academicKrw": -5},
             "rrid": "nope"}
    payload = (await client.data(CREATE, {"input": given}, token=itp_manager))["equipmentCreate"]
    assert payload["equipment"] is None
    fields = {e["field"] for e in payload["errors"]}
    assert {"year", "photoUrl", "rates.academicKrw", "rrid"} <= fields
    assert all(e["code"] == "INVALID" and e["message"] for e in payload["errors"])
    assert await conn.fetchval("SELECT count(*) FROM equipment") == before
    assert await conn.fetchval("SELECT count(*) FROM audit_log") == audits


async def test_create_needs_a_name(client, itp_manager) -> None:
    payload = (await client.data(CREATE, {"input": {"category": "PCR"}}, token=itp_manager))["equipmentCreate"]
    assert payload["errors"] == [
        {"code": "INVALID", "field": "nameKo", "message": "give a Korean or an English value (nameKo or nameEn)"}
    ]


async def test_unknown_category_is_a_graphql_validation_error(client, itp_manager) -> None:
    body = await client.execute(CREATE, {"input": {"category": "TIME_MACHINE", "nameEn": "x"}}, token=itp_manager)
    assert "TIME_MACHINE" in body["errors"][0]["message"]


async def test_update_changes_only_given_fields_and_null_clears(client, conn, itp_manager) -> None:
    row = await equipment_of(conn, "ITP_BIO")
    gid = to_global_id("Equipment", row["id"])
    given = {"id": gid, "room": "B-101", "year": None, "rates": {"industryKrw": 123000}}
    payload = (await client.data(UPDATE, {"input": given}, token=itp_manager))["equipmentUpdate"]
    assert payload["errors"] == []
    updated = payload["equipment"]
    assert updated["room"] == "B-101" and updated["year"] is None
    assert updated["rates"]["industryKrw"] == 123000
    assert updated["manufacturer"] == row["manufacturer"] and updated["nameKo"] == row["name_ko"]
    assert await conn.fetchval("SELECT rate_academic_krw FROM equipment WHERE id = $1", row["id"]) == row[
        "rate_academic_krw"
    ]


async def test_update_cannot_remove_both_names(client, conn, itp_manager) -> None:
    row = await equipment_of(conn, "ITP_BIO")
    given = {"id": to_global_id("Equipment", row["id"]), "nameKo": None, "nameEn": ""}
    payload = (await client.data(UPDATE, {"input": given}, token=itp_manager))["equipmentUpdate"]
    assert payload["errors"][0]["field"] == "nameKo"
    assert await conn.fetchval("SELECT name_ko FROM equipment WHERE id = $1", row["id"]) == row["name_ko"]


async def test_retire_keeps_the_record_but_unlists_it(client, conn, itp_manager) -> None:
    row = await conn.fetchrow(
        """SELECT e.id FROM equipment e JOIN organisation o ON o.id = e.institution_id
            WHERE o.code = 'ITP_BIO' AND e.status = 'ACTIVE' AND e.access_policy <> 'INTERNAL' LIMIT 1"""
    )
    gid = to_global_id("Equipment", row["id"])
    payload = (await client.data(RETIRE, {"id": gid}, token=itp_manager))["equipmentRetire"]
    assert payload == {"equipment": {"status": "RETIRED"}, "errors": []}
    listed = await client.data('{ equipment(first: 100, filter: {statuses: [RETIRED]}) { edges { node { id } } } }')
    assert gid in {e["node"]["id"] for e in listed["equipment"]["edges"]}
    default = await client.data("{ equipment(first: 1) { totalCount } }")
    assert default["equipment"]["totalCount"] == await conn.fetchval(
        "SELECT count(*) FROM equipment WHERE status <> 'RETIRED' AND access_policy <> 'INTERNAL'"
    )


async def test_another_institutions_equipment_is_refused_top_level(client, conn, itp_manager) -> None:
    row = await equipment_of(conn, "YONSEI_IC")
    gid = to_global_id("Equipment", row["id"])
    for query, variables in ((UPDATE, {"input": {"id": gid, "room": "hacked"}}), (RETIRE, {"id": gid})):
        body = await client.execute(query, variables, token=itp_manager)
        assert body["data"] is None
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    after = await conn.fetchrow("SELECT room, status FROM equipment WHERE id = $1", row["id"])
    assert (after["room"], after["status"]) == (row["room"], row["status"])


async def test_creating_for_another_institution_is_refused(client, conn, itp_manager) -> None:
    yonsei = await conn.fetchval("SELECT id FROM organisation WHERE code = 'YONSEI_IC'")
    given = {"category": "PCR", "nameEn": "sneaky", "institutionId": to_global_id("Institution", yonsei)}
    body = await client.execute(CREATE, {"input": given}, token=itp_manager)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await conn.fetchval("SELECT count(*) FROM equipment WHERE name_en = 'sneaky'") == 0


async def test_roles_without_management_rights_are_refused(client, make_token) -> None:
    for role, org in (("RESEARCHER", "ITP_BIO"), ("CITY_OFFICER", "IFEZ_AUTHORITY"), ("MANUFACTURER", "CELLTRION")):
        token = await make_token(role, org)
        body = await client.execute(CREATE, {"input": {"category": "PCR", "nameEn": "x"}}, token=token)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", role


async def test_admin_may_create_for_a_named_institution(client, conn, make_token) -> None:
    admin = await make_token("ADMIN")
    yonsei = await conn.fetchval("SELECT id FROM organisation WHERE code = 'YONSEI_IC'")
    given = {"category": "PCR", "nameEn": "qPCR", "institutionId": to_global_id("Institution", yonsei)}
    payload = (await client.data(CREATE, {"input": given}, token=admin))["equipmentCreate"]
    assert payload["equipment"]["institution"]["code"] == "YONSEI_IC"


async def test_anonymous_writes_are_unauthenticated(client) -> None:
    body = await client.execute(CREATE, {"input": {"category": "PCR", "nameEn": "x"}})
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_malformed_unknown_and_non_bearer_tokens_get_401_without_detail(client) -> None:
    for header in ("Bearer nonsense", "Bearer bm_" + "x" * 40, "Basic dXNlcjpwYXNz", "Bearer "):
        response = await client.http.post("/graphql", json={"query": "{ me { email } }"},
                                          headers={"Authorization": header})
        assert response.status_code == 401
        assert response.json()["errors"][0] == {
            "message": "invalid or expired token", "extensions": {"code": "UNAUTHENTICATED"}
        }


async def test_unknown_id_is_a_not_found_payload_error(client, itp_manager) -> None:
    for gid in (to_global_id("Equipment", 987_654_321), "garbage", to_global_id("Technology", 1)):
        payload = (await client.data(UPDATE, {"input": {"id": gid, "room": "x"}}, token=itp_manager))
        assert payload["equipmentUpdate"]["errors"][0]["code"] == "NOT_FOUND"


async def test_me_reflects_the_token(client, make_token) -> None:
    token = await make_token("SUPPLIER", "ITP_BIO", email="supplier.me@test.biomap.kr")
    assert (await client.data("{ me { email role } }", token=token))["me"] == {
        "email": "supplier.me@test.biomap.kr", "role": "SUPPLIER"
    }
    assert (await client.data("{ me { email } }"))["me"] is None


# ---- technologies --------------------------------------------------------------------------------

TECH_CREATE = """mutation($input: TechnologyCreateInput!) {
  technologyCreate(input: $input) { technology { id titleKo trl kind retired institution { code } }
                                    errors { code field message } } }"""
TECH_UPDATE = """mutation($input: TechnologyUpdateInput!) {
  technologyUpdate(input: $input) { technology { titleEn trl patents } errors { code field message } } }"""
TECH_RETIRE = "mutation($id: ID!) { technologyRetire(id: $id) { technology { retired } errors { code } } }"


async def test_technology_lifecycle(client, conn, itp_manager) -> None:
    given = {"kind": "ANALYSIS_SERVICE", "titleKo": "숙주세포단백질 ELISA 분석", "trl": 9, "patents": ["10-2024-0001234"]}
    created = (await client.data(TECH_CREATE, {"input": given}, token=itp_manager))["technologyCreate"]
    assert created["errors"] == [] and created["technology"]["institution"]["code"] == "ITP_BIO"
    gid = created["technology"]["id"]
    updated = (await client.data(TECH_UPDATE, {"input": {"id": gid, "titleEn": "HCP ELISA", "patents": None}},
                                 token=itp_manager))["technologyUpdate"]
    assert updated == {"technology": {"titleEn": "HCP ELISA", "trl": 9, "patents": []}, "errors": []}
    bad = (await client.data(TECH_UPDATE, {"input": {"id": gid, "trl": 12, "contactEmail": "nope"}},
                             token=itp_manager))["technologyUpdate"]
    assert {e["field"] for e in bad["errors"]} == {"trl", "contactEmail"}
    retired = (await client.data(TECH_RETIRE, {"id": gid}, token=itp_manager))["technologyRetire"]
    assert retired["technology"]["retired"] is True


async def test_technology_of_another_institution_is_refused(client, conn, itp_manager) -> None:
    pk = await conn.fetchval(
        """SELECT t.id FROM technology t JOIN organisation o ON o.id = t.institution_id
            WHERE o.code <> 'ITP_BIO' LIMIT 1"""
    )
    body = await client.execute(TECH_RETIRE, {"id": to_global_id("Technology", pk)}, token=itp_manager)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await conn.fetchval("SELECT retired_at FROM technology WHERE id = $1", pk) is None


async def test_create_with_an_unknown_institution_id(client, make_token, itp_manager) -> None:
    admin = await make_token("ADMIN")
    for gid in (to_global_id("Institution", 987_654_321), "garbage"):
        payload = (await client.data(CREATE, {"input": {"category": "PCR", "nameEn": "x", "institutionId": gid}},
                                     token=admin))["equipmentCreate"]
        assert payload["errors"][0]["code"] == "NOT_FOUND" and payload["errors"][0]["field"] == "institutionId"
    # a manager naming an id that is not theirs is refused, whether or not it exists (no probing)
    body = await client.execute(
        CREATE, {"input": {"category": "PCR", "nameEn": "x", "institutionId": "garbage"}}, token=itp_manager
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # an admin acts for no institution of their own: the institution must be named
    payload = (await client.data(CREATE, {"input": {"category": "PCR", "nameEn": "x"}}, token=admin))
    assert payload["equipmentCreate"]["errors"][0]["field"] == "institutionId"


async def test_text_with_a_nul_character_is_the_client_s_mistake_and_writes_nothing(client, conn, itp_manager) -> None:
    # PostgreSQL cannot store U+0000; no catalogue check looks for it, so the refusal comes from the
    # database and must reach the client as what it is, not as "Unexpected error."
    before = await conn.fetchval("SELECT count(*) FROM equipment")
    body = await client.execute(CREATE, {"input": {"category": "PCR", "nameEn": "qPCR\u0000 cycler"}}, token=itp_manager)
    assert body["data"] is None or body["data"]["equipmentCreate"] is None
    assert body["errors"][0]["extensions"]["code"] == "INVALID"
    assert "U+0000" in body["errors"][0]["message"]
    assert await conn.fetchval("SELECT count(*) FROM equipment") == before
