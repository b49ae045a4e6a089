"""Browsing the catalogue over HTTP: connections, filters, node(id:), relations, N+1 guards."""

from __future__ import annotations

import asyncpg

from biomap.api.node import to_global_id

EQUIPMENT_PAGE = """
query Page($first: Int, $after: String, $filter: EquipmentFilterInput) {
  equipment(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name status accessPolicy category institution { code zone nameEn } } }
  }
}"""


async def visible_count(conn: asyncpg.Connection, where: str = "TRUE") -> int:
    return await conn.fetchval(
        f"""SELECT count(*) FROM equipment e JOIN institution i ON i.id = e.institution_id
             WHERE e.status <> 'RETIRED' AND e.access_policy <> 'INTERNAL' AND {where}"""
    )


async def test_pages_walk_the_whole_visible_catalogue_exactly_once(client, conn) -> None:
    seen: list[str] = []
    after = None
    while True:
        page = (await client.data(EQUIPMENT_PAGE, {"first": 100, "after": after}))["equipment"]
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    expected = await visible_count(conn)
    assert expected > 300  # the demo catalogue is loaded
    assert len(seen) == len(set(seen)) == expected == page["totalCount"]


async def test_first_is_capped_at_one_hundred(client) -> None:
    page = (await client.data(EQUIPMENT_PAGE, {"first": 5000}))["equipment"]
    assert len(page["edges"]) == 100 and page["pageInfo"]["hasNextPage"]


async def test_negative_first_and_foreign_cursors_are_errors(client) -> None:
    body = await client.execute(EQUIPMENT_PAGE, {"first": -1})
    assert "'first' must be 0 or more" in body["errors"][0]["message"]
    body = await client.execute(EQUIPMENT_PAGE, {"first": 5, "after": "not-a-cursor"})
    assert "not a cursor" in body["errors"][0]["message"]


async def test_filters_by_zone_category_policy_and_mode(client, conn) -> None:
    page = (await client.data(EQUIPMENT_PAGE, {"first": 100, "filter": {"zones": ["NAMDONG"]}}))["equipment"]
    assert page["totalCount"] == await visible_count(conn, "i.zone = 'NAMDONG'") > 0
    assert {e["node"]["institution"]["zone"] for e in page["edges"]} == {"NAMDONG"}

    flt = {"categories": ["FLOW_CYTOMETER", "CENTRIFUGE"], "accessPolicies": ["PUBLIC"]}
    page = (await client.data(EQUIPMENT_PAGE, {"first": 100, "filter": flt}))["equipment"]
    expected = await visible_count(
        conn, "e.category IN ('FLOW_CYTOMETER', 'CENTRIFUGE') AND e.access_policy = 'PUBLIC'"
    )
    assert page["totalCount"] == expected > 0
    assert {e["node"]["category"] for e in page["edges"]} <= {"FLOW_CYTOMETER", "CENTRIFUGE"}

    page = (await client.data(EQUIPMENT_PAGE, {"first": 1, "filter": {"serviceModes": ["ANALYSIS_REQUEST"]}}))
    assert page["equipment"]["totalCount"] == await visible_count(conn, "e.service_mode = 'ANALYSIS_REQUEST'")


async def test_filter_by_institution_and_unknown_institution(client, conn) -> None:
    itp = await conn.fetchval("SELECT id FROM organisation WHERE code = 'ITP_BIO'")
    flt = {"institutionIds": [to_global_id("Institution", itp)]}
    page = (await client.data(EQUIPMENT_PAGE, {"first": 100, "filter": flt}))["equipment"]
    assert page["totalCount"] == await visible_count(conn, f"e.institution_id = {itp}") > 0
    assert {e["node"]["institution"]["code"] for e in page["edges"]} == {"ITP_BIO"}
    # an id that is not an Institution's, or names none, is an error naming its place; [] is no constraint
    nobody = to_global_id("Institution", 987654321)
    body = await client.execute(EQUIPMENT_PAGE, {"filter": {"institutionIds": [flt["institutionIds"][0], "bm9wZQ"]}})
    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "INVALID"
    assert error["extensions"]["fields"] == ["filter.institutionIds[1]"]
    body = await client.execute(EQUIPMENT_PAGE, {"filter": {"institutionIds": [nobody]}})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert body["errors"][0]["extensions"]["fields"] == ["filter.institutionIds[0]"]
    assert nobody in body["errors"][0]["message"]
    page = (await client.data(EQUIPMENT_PAGE, {"filter": {"institutionIds": []}}))["equipment"]
    assert page["totalCount"] == await visible_count(conn, "TRUE")


async def test_bad_paging_arguments_get_coded_errors(client) -> None:
    for variables, field in (({"first": -1}, "first"),
                             ({"after": "Yzo5MjIzMzcyMDM2ODU0Nzc1ODA4"}, "after"),  # c:2**63, past any bigint
                             ({"after": "bm9wZQ"}, "after")):
        body = await client.execute(EQUIPMENT_PAGE, variables)
        [error] = body["errors"]
        assert error["message"] != "Unexpected error.", variables
        assert error["extensions"]["code"] == "INVALID", variables
        assert error["extensions"]["fields"] == [field], variables


async def test_retired_equipment_is_listed_only_when_asked_for(client, conn) -> None:
    retired = await visible_count(conn, "FALSE")  # 0: the default excludes retired
    assert retired == 0
    page = (await client.data(EQUIPMENT_PAGE, {"first": 100, "filter": {"statuses": ["RETIRED"]}}))["equipment"]
    expected = await conn.fetchval(
        "SELECT count(*) FROM equipment WHERE status = 'RETIRED' AND access_policy <> 'INTERNAL'"
    )
    assert page["totalCount"] == expected
    assert {e["node"]["status"] for e in page["edges"]} <= {"RETIRED"}


async def test_internal_equipment_is_seen_only_by_its_institution(client, conn, make_token) -> None:
    row = await conn.fetchrow(
        """SELECT e.id, o.code FROM equipment e JOIN organisation o ON o.id = e.institution_id
            WHERE e.access_policy = 'INTERNAL' AND e.status <> 'RETIRED' LIMIT 1"""
    )
    gid = to_global_id("Equipment", row["id"])
    query = "query($id: ID!) { node(id: $id) { id ... on Equipment { name } } }"
    assert (await client.data(query, {"id": gid}))["node"] is None
    outsider = await make_token("RESEARCHER", "YONSEI_IC" if row["code"] != "YONSEI_IC" else "INU")
    assert (await client.data(query, {"id": gid}, token=outsider))["node"] is None
    insider = await make_token("RESEARCHER", row["code"])
    assert (await client.data(query, {"id": gid}, token=insider))["node"]["id"] == gid
    city = await make_token("CITY_OFFICER", "IFEZ_AUTHORITY")
    assert (await client.data(query, {"id": gid}, token=city))["node"]["id"] == gid

    flt = {"accessPolicies": ["INTERNAL"]}
    anonymous_total = (await client.data(EQUIPMENT_PAGE, {"filter": flt}))["equipment"]["totalCount"]
    insider_total = (await client.data(EQUIPMENT_PAGE, {"filter": flt}, token=insider))["equipment"]["totalCount"]
    assert anonymous_total == 0 and insider_total > 0


async def test_node_resolves_every_type_and_rejects_garbage(client, conn) -> None:
    ids = {
        "Institution": await conn.fetchval("SELECT id FROM institution ORDER BY id LIMIT 1"),
        "Equipment": await conn.fetchval("SELECT id FROM equipment WHERE access_policy = 'PUBLIC' LIMIT 1"),
        "Technology": await conn.fetchval("SELECT id FROM technology LIMIT 1"),
        "Trainee": await conn.fetchval("SELECT id FROM trainee WHERE visibility = 'PUBLIC' LIMIT 1"),
    }
    query = "query($id: ID!) { node(id: $id) { __typename id } }"
    for type_name, pk in ids.items():
        gid = to_global_id(type_name, pk)
        assert (await client.data(query, {"id": gid}))["node"] == {"__typename": type_name, "id": gid}
    for garbage in ("", "!!!", to_global_id("Equipment", 999_999_999), to_global_id("Nope", 1), "x" * 500):
        assert (await client.data(query, {"id": garbage}))["node"] is None


async def test_institutions_with_their_equipment_and_relations(client, conn) -> None:
    query = """{ institutions(first: 100, zones: [SONGDO]) { totalCount edges { node {
                   code zone sources equipment(first: 3) { totalCount edges { node { institution { code } } } } } } } }"""
    data = (await client.data(query))["institutions"]
    assert data["totalCount"] == await conn.fetchval("SELECT count(*) FROM institution WHERE zone = 'SONGDO'")
    for edge in data["edges"]:
        node = edge["node"]
        assert node["zone"] == "SONGDO"
        assert len(node["equipment"]["edges"]) <= 3
        assert {e["node"]["institution"]["code"] for e in node["equipment"]["edges"]} <= {node["code"]}
    itp = next(e["node"] for e in data["edges"] if e["node"]["code"] == "ITP_BIO")
    assert itp["sources"], "real institutions keep their public sources"
    itp_filter = "e.institution_id = (SELECT id FROM organisation WHERE code = 'ITP_BIO')"
    assert itp["equipment"]["totalCount"] == await visible_count(conn, itp_filter)


async def test_institution_by_code_and_categories(client) -> None:
    data = await client.data('{ institution(code: "knibrt") { kind nameEn } categories { code labelKo labelEn } }')
    assert data["institution"]["kind"] == "TRAINING_CENTRE"
    codes = {c["code"] for c in data["categories"]}
    assert {"FLOW_CYTOMETER", "BIOREACTOR", "LC_MS"} <= codes
    assert all(c["labelKo"] and c["labelEn"] for c in data["categories"])


async def test_technologies_list_and_contact_needs_sign_in(client, conn, make_token) -> None:
    query = "{ technologies(first: 100) { totalCount edges { node { titleKo titleEn trl contact { email } } } } }"
    anonymous = (await client.data(query))["technologies"]
    assert anonymous["totalCount"] == await conn.fetchval("SELECT count(*) FROM technology WHERE retired_at IS NULL")
    assert all(e["node"]["contact"] is None for e in anonymous["edges"])
    token = await make_token("RESEARCHER", "YONSEI_IC")
    signed_in = (await client.data(query, token=token))["technologies"]
    assert any(e["node"]["contact"]["email"] for e in signed_in["edges"])


async def test_korean_stays_utf8_in_responses(client) -> None:
    response = await client.post('{ institution(code: "ITP_BIO") { nameKo } }')
    assert "인천테크노파크".encode() in response.content
    assert b"\\u" not in response.content


# ---- N+1 guards: the number of SQL statements does not grow with the page ------------------------
# Each query runs once before counting: asyncpg introspects custom types (enums, arrays) the first
# time a connection meets them, which is per connection, not per request.


async def test_a_page_of_100_equipment_with_institutions_costs_three_statements(client, statements) -> None:
    await client.data(EQUIPMENT_PAGE, {"first": 100})
    statements.reset()
    page = (await client.data(EQUIPMENT_PAGE, {"first": 100}))["equipment"]
    assert len(page["edges"]) == 100
    assert statements.count <= 3, statements.statements  # page + totalCount + one institution batch


async def test_nested_institution_equipment_is_batched(client, statements) -> None:
    query = """{ institutions(first: 100) { edges { node { code
                   equipment(first: 5) { totalCount edges { node { name institution { code } } } } } } } }"""
    await client.data(query)
    statements.reset()
    await client.data(query)
    # institutions page, equipment pages (one window query), equipment counts, institution batch
    assert statements.count <= 4, statements.statements


async def test_trainee_pages_with_personal_fields_are_batched(client, statements, make_token) -> None:
    token = await make_token("INSTITUTION_MANAGER", "KNIBRT")
    query = "{ trainees(first: 100) { edges { node { fullName email phone consent { valid } institution { code } } } } }"
    await client.data(query, token=token)
    statements.reset()
    data = await client.data(query, token=token)
    assert len(data["trainees"]["edges"]) == 100
    # token lookup, page, consents, personal data, institutions
    assert statements.count <= 5, statements.statements
