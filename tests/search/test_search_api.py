"""Search through GraphQL: bilingual matching, facets, browsing, permissions, bad input, misses."""

from __future__ import annotations

import unicodedata

import pytest

from biomap.api.node import to_global_id

SEARCH = """query($q: String!, $kinds: [SearchKind!], $filter: SearchFilterInput, $first: Int, $after: String) {
  search(query: $q, kinds: $kinds, filter: $filter, first: $first, after: $after) {
    totalCount
    facets { field values { value label count } }
    pageInfo { hasNextPage endCursor }
    edges { cursor score highlights { field snippet }
            node { __typename ... on Equipment { id category name nameEn accessPolicy institution { code zone } }
                                ... on Technology { id titleKo titleEn }
                                ... on Trainee { id displayName fullName email } } }
  }
}"""


async def run(client, q: str, token: str | None = None, **variables) -> dict:
    return (await client.data(SEARCH, {"q": q, **variables}, token=token))["search"]


def categories(result: dict, top: int = 5) -> list[str]:
    return [e["node"].get("category") for e in result["edges"][:top]]


@pytest.mark.parametrize("query", [
    "유세포분석기", "유세포분석기를", "유세포 분석기를 예약하고 싶어요", "FACS", "flow cytometer", "flow cytometers",
])
async def test_flow_cytometer_queries_find_flow_cytometers(client, query) -> None:
    result = await run(client, query, kinds=["EQUIPMENT"], first=5)
    assert result["totalCount"] > 0
    assert categories(result)[0] == "FLOW_CYTOMETER", (query, categories(result))


@pytest.mark.parametrize("query", ["원심분리기", "센트리퓨즈", "원심분리끼", "centrifuge", "centrifuges"])
async def test_centrifuge_queries_rank_centrifuges_first(client, query) -> None:
    result = await run(client, query, kinds=["EQUIPMENT"], first=3)
    assert categories(result, 1) == ["CENTRIFUGE"], (query, categories(result))


async def test_korean_query_finds_english_only_records_and_the_reverse(client, conn) -> None:
    english_only = await conn.fetch(
        """SELECT id FROM equipment WHERE name_ko = '' AND category = 'FLOW_CYTOMETER'
              AND access_policy <> 'INTERNAL' AND status <> 'RETIRED'""")
    korean_only = await conn.fetch(
        """SELECT id FROM equipment WHERE name_en = '' AND category = 'FLOW_CYTOMETER'
              AND access_policy <> 'INTERNAL' AND status <> 'RETIRED'""")
    assert english_only and korean_only
    found_by_korean = {e["node"]["id"] for e in (await run(client, "유세포분석기", first=100))["edges"]}
    found_by_english = {e["node"]["id"] for e in (await run(client, "flow cytometer", first=100))["edges"]}
    assert {to_global_id("Equipment", r["id"]) for r in english_only} <= found_by_korean
    assert {to_global_id("Equipment", r["id"]) for r in korean_only} <= found_by_english


async def test_model_names_and_messy_imports(client) -> None:
    result = await run(client, "FACSCanto", kinds=["EQUIPMENT"], first=3)
    assert result["edges"] and "FACSCanto" in str(result["edges"][0])


async def test_facets_count_all_matches_and_filters_narrow(client) -> None:
    result = await run(client, "유세포분석기", first=5)
    facets = {f["field"]: f["values"] for f in result["facets"]}
    assert sum(v["count"] for v in facets["kind"]) == result["totalCount"]
    zone = facets["zone"][0]
    narrowed = await run(client, "유세포분석기", filter={"zones": [zone["value"]]}, first=5)
    assert narrowed["totalCount"] == zone["count"]
    assert all(e["node"]["institution"]["zone"] == zone["value"] for e in narrowed["edges"])
    category = {v["value"]: v for v in facets["category"]}["FLOW_CYTOMETER"]
    assert "유세포분석기" in category["label"]


async def test_empty_query_with_filters_browses(client, conn) -> None:
    result = await run(client, "", kinds=["EQUIPMENT"], filter={"categories": ["NMR"]}, first=100)
    expected = await conn.fetchval(
        """SELECT count(*) FROM equipment WHERE category = 'NMR' AND access_policy <> 'INTERNAL'
              AND status <> 'RETIRED'""")
    assert result["totalCount"] == expected == len(result["edges"])


async def test_price_range_filters_the_academic_rate(client, conn) -> None:
    result = await run(client, "", kinds=["EQUIPMENT"], filter={"priceMinKrw": 50000, "priceMaxKrw": 100000},
                       first=100)
    expected = await conn.fetchval(
        """SELECT count(*) FROM equipment WHERE rate_academic_krw BETWEEN 50000 AND 100000
              AND access_policy <> 'INTERNAL' AND status <> 'RETIRED'""")
    assert result["totalCount"] == expected > 0


async def test_pages_follow_each_other(client) -> None:
    first = await run(client, "분석", first=5)
    second = await run(client, "분석", first=5, after=first["pageInfo"]["endCursor"])
    ids_first = {e["node"].get("id") for e in first["edges"]}
    ids_second = {e["node"].get("id") for e in second["edges"]}
    assert first["pageInfo"]["hasNextPage"] and not ids_first & ids_second


async def all_pages(client, q: str, size: int, token: str | None = None, **variables) -> tuple[list[str], set[int]]:
    """Every edge's node id, following endCursor to the end, and the totalCounts seen on the way."""
    ids: list[str] = []
    totals: set[int] = set()
    after = None
    while True:
        page = await run(client, q, token=token, first=size, after=after, **variables)
        ids += [e["node"]["id"] for e in page["edges"]]
        totals.add(page["totalCount"])
        if not page["pageInfo"]["hasNextPage"]:
            return ids, totals
        after = page["pageInfo"]["endCursor"]


async def test_paging_a_long_ranking_shows_every_match_once_in_one_order(client, make_token) -> None:
    # Past the first 200 of a ranking the pages must neither repeat nor skip, whatever their size.
    token = await make_token("CITY_OFFICER", "IFEZ_AUTHORITY")
    by_50, totals = await all_pages(client, "장비", 50, token, kinds=["EQUIPMENT"])
    assert len(totals) == 1 and (total := totals.pop()) > 200
    assert len(by_50) == len(set(by_50)) == total
    by_30, _ = await all_pages(client, "장비", 30, token, kinds=["EQUIPMENT"])
    assert by_30 == by_50


async def test_relaxed_queries_page_like_any_other(client) -> None:
    # Nothing has both words: the query is relaxed to either, on page two as on page one.
    first = await run(client, "Eppendorf Olympus", kinds=["EQUIPMENT"], first=2)
    assert first["totalCount"] > 2 and first["pageInfo"]["hasNextPage"]
    ids, totals = await all_pages(client, "Eppendorf Olympus", 2, kinds=["EQUIPMENT"])
    assert totals == {first["totalCount"]}
    assert len(ids) == len(set(ids)) == first["totalCount"]


async def test_a_full_page_of_100_still_says_more_follow(client) -> None:
    page = await run(client, "", kinds=["EQUIPMENT"], first=100)
    assert page["totalCount"] > 100
    assert len(page["edges"]) == 100 and page["pageInfo"]["hasNextPage"]


async def test_highlights_are_escaped_and_marked(client) -> None:
    result = await run(client, "flow cytometer", kinds=["EQUIPMENT"], first=3)
    snippets = [h["snippet"] for e in result["edges"] for h in e["highlights"]]
    assert any("<mark>" in s for s in snippets)


async def test_internal_equipment_is_not_found_by_outsiders(client, conn, make_token) -> None:
    row = await conn.fetchrow(
        """SELECT e.id, e.name_ko, e.name_en, o.code FROM equipment e JOIN organisation o ON o.id = e.institution_id
            WHERE e.access_policy = 'INTERNAL' AND e.status = 'ACTIVE' AND e.model <> '' LIMIT 1""")
    gid = to_global_id("Equipment", row["id"])
    query = row["name_ko"] or row["name_en"]
    anonymous = await run(client, query, first=100)
    assert gid not in {e["node"].get("id") for e in anonymous["edges"]}
    assert "INTERNAL" not in {v["value"] for f in anonymous["facets"] if f["field"] == "access_policy"
                              for v in f["values"]}
    insider = await make_token("RESEARCHER", row["code"])
    assert gid in {e["node"].get("id") for e in (await run(client, query, token=insider, first=100))["edges"]}


async def test_trainees_are_found_only_as_far_as_they_may_be_read(client, conn, make_token) -> None:
    anonymous = await run(client, "", kinds=["TRAINEE"], first=100)
    public = await conn.fetchval("SELECT count(*) FROM trainee WHERE visibility = 'PUBLIC'")
    assert anonymous["totalCount"] == public
    assert all(e["node"]["fullName"] is None for e in anonymous["edges"])
    employer = await make_token("MANUFACTURER", "CELLTRION")
    as_employer = await run(client, "", kinds=["TRAINEE"], token=employer, first=1)
    assert as_employer["totalCount"] == await conn.fetchval(
        "SELECT count(*) FROM trainee WHERE visibility IN ('PUBLIC', 'EMPLOYERS')")
    # personal data is never in the index, so it cannot be searched for
    name = await conn.fetchval(
        """SELECT p.full_name FROM trainee_personal p JOIN trainee t ON t.id = p.trainee_id
            WHERE t.visibility = 'PUBLIC' LIMIT 1""")
    assert (await run(client, name, kinds=["TRAINEE"], token=employer))["totalCount"] == 0


@pytest.mark.parametrize("query", ["   ", "🔬🧫", "'; DROP TABLE equipment; --", "name:(foo AND bar*)~2^3",
                                   "\x00\x07유세포\u200b분석기", "a" * 200, "((((", "\\'\""])
async def test_odd_queries_do_not_fail(client, query) -> None:
    body = await client.execute(SEARCH, {"q": query, "first": 3})
    assert "errors" not in body, body
    snippets = [h["snippet"] for e in body["data"]["search"]["edges"] for h in e["highlights"]]
    assert not any("<mark></mark>" in s for s in snippets), snippets  # "--" once marked every gap


async def test_over_long_queries_are_refused_clearly(client) -> None:
    for query in ("유" * 201, "x" * 10_000):
        body = await client.execute(SEARCH, {"q": query})
        assert body["errors"][0]["message"] == "query too long: at most 200 characters"
        assert body["errors"][0]["extensions"]["code"] == "INVALID"


@pytest.mark.parametrize(("word", "spacings"), [
    ("유세포분석기", ("유세포 분석기", "유세포 분석 기", "유 세 포 분 석 기")),
    ("세포배양기", ("세포 배양기", "세포 배양 기", "세 포 배 양 기")),
    ("분석기", ("분석 기",)), ("측정기", ("측정 기",)),
])
async def test_spacing_inside_a_word_finds_what_the_word_finds(client, word: str, spacings: tuple[str, ...]) -> None:
    kinds = ["EQUIPMENT", "TECHNOLOGY", "TRAINEE"]  # 세포 배양 기 had found 세포 배양 기술 too
    whole = await run(client, word, kinds=kinds, first=100)
    for spaced in spacings:
        found = await run(client, spaced, kinds=kinds, first=100)
        assert found["totalCount"] == whole["totalCount"] > 0, spaced
        assert {e["node"]["id"] for e in found["edges"]} == {e["node"]["id"] for e in whole["edges"]}


async def test_decomposed_hangul_is_stored_composed_and_highlighted(client, make_token) -> None:
    itp_manager = await make_token("INSTITUTION_MANAGER", "ITP_BIO")
    name = "웜뱃 유세포분석기"
    created = await client.data(
        """mutation($i: EquipmentCreateInput!) { equipmentCreate(input: $i) { equipment { nameKo } } }""",
        {"i": {"category": "FLOW_CYTOMETER", "nameKo": unicodedata.normalize("NFD", name)}}, token=itp_manager)
    assert created["equipmentCreate"]["equipment"]["nameKo"] == name
    found = await run(client, "웜뱃", token=itp_manager)
    snippets = [h["snippet"] for e in found["edges"] for h in e["highlights"]]
    assert found["totalCount"] == 1 and "<mark>웜뱃</mark> 유세포분석기" in snippets


async def test_every_problem_of_a_search_comes_at_once(client) -> None:
    inverted = {"priceMinKrw": 5, "priceMaxKrw": 1}
    body = await client.execute(SEARCH, {"q": "x", "first": -1, "filter": inverted})
    assert body["errors"][0]["extensions"]["fields"] == ["first", "filter.priceMinKrw"]
    body = await client.execute(SEARCH, {"q": "a" * 300, "after": "bogus", "filter": inverted})
    assert body["errors"][0]["extensions"]["fields"] == ["after", "query", "filter.priceMinKrw"]
    body = await client.execute(SEARCH, {"q": "x", "filter": {
        "institutionIds": ["zzz"], **inverted, "freeBetween": {"start": "2030-01-01T10:00", "end": "later"}}})
    assert set(body["errors"][0]["extensions"]["fields"]) == {
        "filter.institutionIds[0]", "filter.freeBetween.start", "filter.freeBetween.end", "filter.priceMinKrw"}
    body = await client.execute(SEARCH, {"q": "x", "after": "bogus"})  # one problem: as itself
    assert body["errors"][0]["message"] == "'after' is not a cursor returned by this API"


async def test_decomposed_hangul_counts_as_the_syllables_seen(client) -> None:
    composed = "유세포분석기 " * 28  # 168 syllables and spaces
    decomposed = unicodedata.normalize("NFD", composed)
    assert len(decomposed.strip()) > 200 >= len(composed.strip())
    body = await client.execute(SEARCH, {"q": decomposed, "first": 3})
    assert "errors" not in body, body
    same = await client.execute(SEARCH, {"q": composed, "first": 3})
    assert body["data"]["search"]["totalCount"] == same["data"]["search"]["totalCount"] > 0


async def test_bad_filters_are_field_errors(client) -> None:
    body = await client.execute(SEARCH, {"q": "x", "filter": {"priceMinKrw": 10, "priceMaxKrw": 5}})
    assert body["errors"][0]["extensions"]["fields"] == ["filter.priceMinKrw"]
    body = await client.execute(SEARCH, {"q": "x", "filter": {"priceMinKrw": -10, "priceMaxKrw": -5}})
    problems = body["errors"][0]["extensions"]["problems"]
    assert [(p["field"], p["message"]) for p in problems] == [
        ("filter.priceMinKrw", "priceMinKrw cannot be negative"),
        ("filter.priceMaxKrw", "priceMaxKrw cannot be negative")]
    equipment_id = to_global_id("Equipment", 1)
    body = await client.execute(SEARCH, {"q": "x", "filter": {"institutionIds": ["bogus", equipment_id]}})
    assert body["errors"][0]["extensions"]["fields"] == ["filter.institutionIds[0]", "filter.institutionIds[1]"]
    body = await client.execute(SEARCH, {"q": "", "filter": {"institutionIds": [to_global_id("Institution", 99999)]}})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    # an empty list constrains nothing, for zones as for kinds
    assert (await run(client, "", filter={"zones": []}))["totalCount"] == (
        await run(client, ""))["totalCount"] > 0
    body = await client.execute(SEARCH, {"q": "x", "filter": {"zones": ["ATLANTIS"]}})
    assert "ATLANTIS" in body["errors"][0]["message"]
    big = await run(client, "분석", first=5000)
    assert len(big["edges"]) <= 100


async def test_queries_that_find_nothing_are_recorded_without_personal_data(client, conn, make_token) -> None:
    token = await make_token("RESEARCHER", "YONSEI_IC")
    before = await conn.fetchval("SELECT count(*) FROM search_miss")
    result = await run(client, "  Xyzzy   Plugh  ", token=token)
    assert result["totalCount"] == 0
    row = await conn.fetchrow("SELECT * FROM search_miss ORDER BY id DESC LIMIT 1")
    assert await conn.fetchval("SELECT count(*) FROM search_miss") == before + 1
    assert row["query"] == "xyzzy plugh" and row["viewer_role"] == "RESEARCHER"
    assert set(dict(row)) == {"id", "query", "kinds", "viewer_role", "at"}


async def test_suggest_completes_names_categories_and_institutions(client) -> None:
    data = await client.data('{ a: suggest(prefix: "유세포") { text kind code } '
                             'b: suggest(prefix: "Incheon") { text kind code } '
                             'c: suggest(prefix: "centrif") { text kind } }')
    assert any(s["kind"] == "category" and s["code"] == "FLOW_CYTOMETER" for s in data["a"])
    assert any(s["kind"] == "equipment" and "유세포" in s["text"] for s in data["a"])
    assert any(s["kind"] == "institution" for s in data["b"])
    assert data["c"]


@pytest.mark.parametrize("query", ["NanoAssemblr Blaze", "NanoAssemblr"])
async def test_an_instrument_without_a_category_of_its_own_is_found_first_by_name(client, query) -> None:
    # category OTHER ranks below bio equipment only when it is not everything the query means
    result = await run(client, query, first=3)
    assert result["edges"][0]["node"]["__typename"] == "Equipment", result["edges"]
    assert result["edges"][0]["node"]["category"] == "OTHER"


async def test_every_facet_value_has_a_bilingual_label(client) -> None:
    result = await run(client, "", first=1)
    labels = {(f["field"], v["value"]): v["label"] for f in result["facets"] for v in f["values"]}
    assert {field for field, _ in labels} >= {"kind", "zone", "category", "access_policy", "service_mode", "status"}
    unlabelled = [key for key, label in labels.items() if key[0] != "institution" and label == key[1]]
    assert unlabelled == []
    assert labels[("service_mode", "SELF_SERVICE")] == "직접 사용 Self-service"


async def test_suggestions_start_where_a_word_starts(client) -> None:
    data = await client.data('{ cen: suggest(prefix: "cen") { text kind code } '
                             'lc: suggest(prefix: "LC-") { text kind code } '
                             'samsung: suggest(prefix: "삼성 바이오") { text kind code } }')
    assert [s["code"] for s in data["cen"] if s["kind"] == "category"] == ["CENTRIFUGE"]
    assert [s["code"] for s in data["lc"] if s["kind"] == "category"] == ["LC_MS"]  # not "ce-lc-ounter"
    assert {s["code"] for s in data["samsung"] if s["kind"] == "institution"} >= {"SAMSUNG_BIOLOGICS"}


async def test_suggest_counts_and_bad_arguments(client) -> None:
    data = await client.data('{ none: suggest(prefix: "유세포", first: 0) { text } '
                             'one: suggest(prefix: "삼성", first: 1) { text kind } '
                             'many: suggest(prefix: "유세포", first: 500) { text } }')
    assert data["none"] == []
    assert len(data["one"]) == 1 and data["one"][0]["kind"] == "institution"
    assert 0 < len(data["many"]) <= 20
    body = await client.execute('{ suggest(prefix: "유세포", first: -5) { text } }')
    assert body["errors"][0]["extensions"]["fields"] == ["first"]
    body = await client.execute('query($p: String!) { suggest(prefix: $p) { text } }', {"p": "x" * 201})
    assert body["errors"][0]["message"] == "prefix too long: at most 200 characters"
    assert body["errors"][0]["extensions"]["fields"] == ["prefix"]


async def test_writes_are_searchable_in_the_same_transaction(client, conn, make_token) -> None:
    token = await make_token("INSTITUTION_MANAGER", "ITP_BIO")
    mutation = """mutation($i: EquipmentCreateInput!) { equipmentCreate(input: $i) { equipment { id } errors { message } } }"""
    created = await client.data(mutation, {"i": {"category": "OTHER", "nameKo": "초임계 유체 추출기",
                                                 "nameEn": "Supercritical fluid extractor", "accessPolicy": "PUBLIC"}},
                                token=token)
    gid = created["equipmentCreate"]["equipment"]["id"]
    assert gid in {e["node"]["id"] for e in (await run(client, "초임계 추출기"))["edges"]}
    await client.data('mutation($id: ID!) { equipmentRetire(id: $id) { errors { message } } }', {"id": gid},
                      token=token)
    assert gid not in {e["node"].get("id") for e in (await run(client, "초임계 추출기"))["edges"]}
