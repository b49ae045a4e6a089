"""search_suggestion: the name counts behind `suggest`, kept by triggers in the writer's transaction."""

from __future__ import annotations

import asyncio

import asyncpg

from biomap.db.pool import connect

SUGGEST = "query($p: String!) { suggest(prefix: $p, first: 20) { text kind } }"
CREATE = """mutation($i: EquipmentCreateInput!) { equipmentCreate(input: $i) { equipment { id } errors { message } } }"""


async def names(client, prefix: str, token: str | None = None) -> list[str]:
    data = await client.data(SUGGEST, {"p": prefix}, token=token)
    return [s["text"] for s in data["suggest"] if s["kind"] == "equipment"]


async def counts_from_scratch(conn: asyncpg.Connection) -> set[tuple]:
    """What the table must hold: recounted from search_document."""
    rows = await conn.fetch(
        """SELECT n.squashed, n.name, d.kind,
                  CASE WHEN d.access_policy = 'INTERNAL' THEN d.institution_id ELSE 0 END AS scope, count(*)::int
             FROM search_document d, unnest(ARRAY[d.title_ko, d.title_en], d.names_compact) AS n(name, squashed)
            WHERE d.kind <> 'TRAINEE' AND coalesce(d.status, '') <> 'RETIRED' AND n.name <> '' AND n.squashed <> ''
            GROUP BY 1, 2, 3, 4""")
    return {tuple(r) for r in rows}


async def stored_counts(conn: asyncpg.Connection) -> set[tuple]:
    return {tuple(r) for r in await conn.fetch("SELECT squashed, name, kind, scope, records FROM search_suggestion")}


async def test_seeded_counts_equal_a_recount(conn) -> None:
    stored = await stored_counts(conn)
    assert stored and stored == await counts_from_scratch(conn)


async def test_create_rename_and_retire_keep_counts_exact(client, conn, make_token) -> None:
    token = await make_token("INSTITUTION_MANAGER", "ITP_BIO")
    created = await client.data(CREATE, {"i": {"category": "OTHER", "nameKo": "초임계 유체 추출기",
                                                "nameEn": "Zeta supercritical extractor", "accessPolicy": "PUBLIC"}},
                                token=token)
    gid = created["equipmentCreate"]["equipment"]["id"]
    assert "초임계 유체 추출기" in await names(client, "초임계")
    assert "Zeta supercritical extractor" in await names(client, "zeta super")  # spacing ignored
    assert await stored_counts(conn) == await counts_from_scratch(conn)

    await client.data('mutation($i: EquipmentUpdateInput!) { equipmentUpdate(input: $i) '
                      '{ errors { message } } }', {"i": {"id": gid, "nameEn": "Omega supercritical extractor"}},
                      token=token)
    assert "Zeta supercritical extractor" not in await names(client, "zeta")
    assert "Omega supercritical extractor" in await names(client, "omega")
    assert await stored_counts(conn) == await counts_from_scratch(conn)

    await client.data('mutation($id: ID!) { equipmentRetire(id: $id) { errors { message } } }', {"id": gid},
                      token=token)
    assert await names(client, "초임계") == []
    assert await conn.fetchval("SELECT count(*) FROM search_suggestion WHERE squashed LIKE 'omega%'") == 0
    assert await stored_counts(conn) == await counts_from_scratch(conn)


async def test_internal_names_are_suggested_only_inside_their_institution(client, make_token) -> None:
    manager = await make_token("INSTITUTION_MANAGER", "ITP_BIO")
    await client.data(CREATE, {"i": {"category": "OTHER", "nameEn": "Quokka internal sorter",
                                     "accessPolicy": "INTERNAL"}}, token=manager)
    assert "Quokka internal sorter" in await names(client, "quokka", token=manager)
    assert await names(client, "quokka") == []
    outsider = await make_token("RESEARCHER", "YONSEI_IC")
    assert await names(client, "quokka", token=outsider) == []


async def test_most_common_name_comes_first_and_like_wildcards_are_literal(client, conn) -> None:
    top = await conn.fetchrow(
        """SELECT squashed, name FROM search_suggestion WHERE kind = 'EQUIPMENT' AND scope = 0
            ORDER BY records DESC, length(name), name LIMIT 1""")
    suggested = await names(client, top["squashed"][:3])
    assert suggested and suggested[0] == top["name"]
    assert await names(client, "%") == [] and await names(client, "_") == []


async def test_institution_and_category_completions_treat_wildcards_literally(client) -> None:
    async def of_kind(prefix: str, kind: str) -> list[str]:
        data = await client.data(SUGGEST, {"p": prefix}, token=None)
        return [s["text"] for s in data["suggest"] if s["kind"] == kind]

    assert any("Yonsei" in name for name in await of_kind("Yonsei", "institution"))
    assert any("연세" in name for name in await of_kind("연세", "institution"))
    assert await of_kind("%", "institution") == [] and await of_kind("_", "institution") == []
    # spacing does not matter for categories either; each category is offered once
    assert await of_kind("마이크로플레이트리더", "category") == ["마이크로플레이트 리더"]
    assert await of_kind("microplate", "category") == ["Microplate reader"]


async def test_places_names_leave_empty_go_to_categories(client) -> None:
    # No equipment name starts with 분석기, and more than half a list of category labels contain it:
    # with the default eight places, the categories fill all of them (they had only four).
    default = (await client.data("query { suggest(prefix: \"분석기\") { text kind } }"))["suggest"]
    wide = (await client.data("query { suggest(prefix: \"분석기\", first: 20) { text kind } }"))["suggest"]
    assert not [s for s in wide if s["kind"] == "equipment"]
    categories = [s["text"] for s in wide if s["kind"] == "category"]
    assert len(categories) > 8 and [s["text"] for s in default] == categories[:8]


async def test_crossing_renames_never_deadlock(database_dsn: str) -> None:
    """Two writers renaming two records into each other's names at once (A -> B beside B -> A),
    over and over, committed: the suggestion counts they share are locked in one order."""
    first, second = await connect(database_dsn), await connect(database_dsn)
    institution = await first.fetchval("SELECT id FROM institution ORDER BY id LIMIT 1")
    names = ("교차 이름 시험 가", "교차 이름 시험 나")
    squashed = [n.replace(" ", "") for n in names]
    ids = (-910_001, -910_002)  # not a catalogue record: only these rows are written and removed
    try:
        for entity_id, name, key in zip(ids, names, squashed, strict=True):
            await first.execute(
                """INSERT INTO search_document (kind, entity_id, institution_id, zone, status, access_policy,
                                                title_ko, names_compact, terms)
                   VALUES ('EQUIPMENT', $1, $2, 'SONGDO', 'ACTIVE', 'PUBLIC', $3, ARRAY[$4], ''::tsvector)""",
                entity_id, institution, name, key)

        async def swap(conn: asyncpg.Connection, entity_id: int, order: tuple[int, int]) -> None:
            for round_ in range(40):
                name = names[order[round_ % 2]]
                await conn.execute("UPDATE search_document SET title_ko = $2, names_compact = ARRAY[$3] "
                                   "WHERE kind = 'EQUIPMENT' AND entity_id = $1", entity_id, name,
                                   name.replace(" ", ""))

        await asyncio.gather(swap(first, ids[0], (1, 0)), swap(second, ids[1], (0, 1)))
        assert await stored_counts(first) == await counts_from_scratch(first)
    finally:
        await first.execute("DELETE FROM search_document WHERE kind = 'EQUIPMENT' AND entity_id = ANY($1)", list(ids))
        await first.close()
        await second.close()
