"""search_match: the narrow side of search_document that matching and facets read, kept by triggers."""

from __future__ import annotations

import asyncpg

from biomap.search import pg_queries

NARROW = ("kind, entity_id, institution_id, zone, category, access_policy, service_mode, status, visibility, "
          "rate_academic_krw, concepts, compact")


async def mirrored(conn: asyncpg.Connection) -> tuple[set[tuple], set[tuple]]:
    def rows(records: list[asyncpg.Record]) -> set[tuple]:
        return {tuple(tuple(v) if isinstance(v, list) else v for v in r) for r in records}

    return (rows(await conn.fetch(f"SELECT {NARROW} FROM search_document")),
            rows(await conn.fetch(f"SELECT {NARROW} FROM search_match")))


async def test_seeded_documents_are_mirrored(conn) -> None:
    wide, narrow = await mirrored(conn)
    assert wide and wide == narrow


async def test_insert_update_and_delete_are_mirrored_in_the_same_transaction(conn) -> None:
    kind, entity_id = await conn.fetchrow("SELECT kind, entity_id FROM search_document WHERE kind = 'EQUIPMENT' LIMIT 1")
    row = dict(await conn.fetchrow("SELECT * FROM search_document WHERE kind = $1 AND entity_id = $2", kind, entity_id))
    new = {c: row[c] for c in pg_queries._COLUMNS} | {"entity_id": 10**12, "compact": "zetaextractor",
                                                         "concepts": ["zeta_concept"]}
    await pg_queries.upsert_documents(conn, [new])
    assert await conn.fetchval("SELECT concepts FROM search_match WHERE kind = $1 AND entity_id = $2",
                               kind, 10**12) == ["zeta_concept"]

    await pg_queries.upsert_documents(conn, [new | {"concepts": ["omega_concept"], "status": "RETIRED"}])
    changed = await conn.fetchrow("SELECT concepts, status FROM search_match WHERE kind = $1 AND entity_id = $2",
                                  kind, 10**12)
    assert tuple(changed) == (["omega_concept"], "RETIRED")

    await conn.execute("UPDATE search_document SET entity_id = $3 WHERE kind = $1 AND entity_id = $2",
                       kind, 10**12, 10**12 + 1)  # a key that changes leaves no stale row
    await pg_queries.delete_documents(conn, kind, [entity_id])
    wide, narrow = await mirrored(conn)
    assert wide == narrow
    assert (kind, 10**12) not in {(r[0], r[1]) for r in narrow}
    assert (kind, entity_id) not in {(r[0], r[1]) for r in narrow}


async def test_words_and_concepts_count_each_record_once(conn) -> None:
    """A record found both by its words and by a concept is one match (the statement's two branches
    are disjoint), so the total equals a direct count."""
    args = [["EQUIPMENT", "TECHNOLOGY", "TRAINEE", "SUPPLIER"], True, None, ["PUBLIC"], None,
            None, None, None, None, None, None, None, None]
    concepts = await conn.fetchval(
        "SELECT concepts FROM search_document WHERE kind = 'EQUIPMENT' AND cardinality(concepts) > 0 LIMIT 1")
    word = await conn.fetchval(
        "SELECT word FROM ts_stat('SELECT terms FROM search_document') WHERE word !~ '^c_' AND length(word) >= 3 "
        "ORDER BY ndoc DESC LIMIT 1")
    match = [f"'{word}'", concepts[:1], "", 0.5, f"'{word}'", None, ""]
    _, facets = await pg_queries.search(conn, args + match, 10, 0, browse=False)
    total = next(r["n"] for r in facets if r["grouping"] == 127)
    expected = await conn.fetchval(
        """SELECT count(*) FROM search_document
            WHERE (terms @@ $1::tsquery OR concepts && $2::text[]) AND coalesce(status, '') <> 'RETIRED'
              AND (kind <> 'TRAINEE' OR visibility = 'PUBLIC')""", f"'{word}'", concepts[:1])
    both = await conn.fetchval("SELECT count(*) FROM search_document WHERE terms @@ $1::tsquery AND concepts && $2::text[]",
                               f"'{word}'", concepts[:1])
    assert both > 0  # the case this test is about
    assert total == expected
