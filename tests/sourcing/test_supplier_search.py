"""Suppliers are searchable (kind SUPPLIER) in Korean and English, kept in the same transaction."""

from __future__ import annotations

import pytest

from biomap.identity.models import Role
from biomap.sourcing import supplier_service
from biomap.sourcing.search_documents import supplier_documents
from tests.sourcing.conftest import World

SEARCH = """query($q: String!) { search(query: $q, kinds: [SUPPLIER], first: 20) {
  totalCount edges { node { __typename ... on Supplier { code nameKo products { material { code } } } } } } }"""


async def test_supplier_documents_have_the_catalogue_shape(conn) -> None:
    docs = await supplier_documents(conn)
    assert len(docs) >= 60
    biocs = [d for d in docs if d.title_en == "BIOCS"][0]
    assert biocs.kind.value == "SUPPLIER" and biocs.zone == "OUTSIDE_INCHEON"
    assert "세정제" in biocs.secondary and "Samsung Biologics" in biocs.body


@pytest.mark.parametrize("query", ["배양 배지", "세포배양 배지를", "cell culture media"])
async def test_media_suppliers_are_found_in_korean_and_english(client, query) -> None:
    body = await client.data(SEARCH, {"q": query})
    nodes = [e["node"] for e in body["search"]["edges"]]
    assert nodes and all(n["__typename"] == "Supplier" for n in nodes)
    codes = [n["code"] for n in nodes]
    assert {"AMICOGEN", "MERCK_KOREA"} <= set(codes), codes
    first = nodes[0]
    assert any(p["material"]["code"] in ("CELL_CULTURE_MEDIA", "FEED_SUPPLEMENT") for p in first["products"])


async def test_a_new_product_is_searchable_at_once(client, world: World) -> None:
    org = await world.supplier("T_SEARCH_SUP", certs={})
    viewer, _ = await world.viewer(Role.SUPPLIER, org)
    assert not [e for e in (await client.data(SEARCH, {"q": "바이러스 필터 나노"}))["search"]["edges"]
                if e["node"]["code"] == "T_SEARCH_SUP"]
    await supplier_service.create_product(world.conn, viewer, {
        "material_code": "VIRUS_FILTER", "name_ko": "나노 바이러스 필터", "name_en": "Nano virus filter"})
    found = [e["node"]["code"] for e in (await client.data(SEARCH, {"q": "바이러스 필터 나노"}))["search"]["edges"]]
    assert "T_SEARCH_SUP" in found


async def test_suppliers_are_no_institutions_in_facets_or_filters(client, conn) -> None:
    """A supplier is an organisation, not an institution: counted under kind SUPPLIER, never under an
    institution, and an institution filter never returns it."""
    body = await client.data("""{ search(query: "cell culture media", first: 5) {
        facets { field values { value label count } } } }""")
    kinds = {v["value"]: v["count"] for f in body["search"]["facets"] if f["field"] == "kind" for v in f["values"]}
    institutions = [v for f in body["search"]["facets"] if f["field"] == "institution" for v in f["values"]]
    assert kinds.get("SUPPLIER", 0) > 0
    assert sum(v["count"] for v in institutions) == sum(n for k, n in kinds.items() if k != "SUPPLIER")
    assert not [v for v in institutions if v["label"].isdigit()]  # every institution has its name
    supplier_org = await conn.fetchval("SELECT id FROM organisation WHERE code = 'AMICOGEN'")
    from biomap.api.node import to_global_id

    filtered = await client.data("""query($f: SearchFilterInput) { search(query: "배양 배지", kinds: [SUPPLIER],
        filter: $f) { totalCount } }""", {"f": {"institutionIds": [to_global_id("Institution", supplier_org)]}})
    assert filtered["search"]["totalCount"] == 0
    with pytest.raises(Exception):  # the database refuses a supplier document with an institution
        async with conn.transaction():
            await conn.execute("UPDATE search_document SET institution_id = $1 WHERE kind = 'SUPPLIER'", supplier_org)
