"""SQL of the PostgreSQL search backend (search_document, search_miss)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import asyncpg

from biomap.search.models import SearchScope

_COLUMNS = (
    "kind", "entity_id", "institution_id", "zone", "category", "access_policy", "service_mode", "status",
    "visibility", "rate_academic_krw", "title_ko", "title_en", "secondary", "category_text", "body",
    "institution_name", "terms", "concepts", "compact", "names_compact", "content_hash",
)


_COLUMN_TYPES = {
    "kind": "text", "entity_id": "bigint", "institution_id": "bigint", "zone": "zone", "category": "text",
    "access_policy": "access_policy", "service_mode": "service_mode", "status": "text",
    "visibility": "trainee_visibility", "rate_academic_krw": "int", "title_ko": "text", "title_en": "text",
    "secondary": "text", "category_text": "text", "body": "text", "institution_name": "text",
    "terms": "tsvector", "concepts": "text[]", "compact": "text", "names_compact": "text[]",
    "content_hash": "text",
}
# One statement per batch (not executemany): the suggestion triggers then run once per batch.
_UPSERT = f"""INSERT INTO search_document ({', '.join(_COLUMNS)})
    SELECT {', '.join(_COLUMNS)}
      FROM jsonb_to_recordset($1::text::jsonb) AS r({', '.join(f'{c} {_COLUMN_TYPES[c]}' for c in _COLUMNS)})
    ON CONFLICT (kind, entity_id) DO UPDATE SET
        {', '.join(f'{c} = EXCLUDED.{c}' for c in _COLUMNS if c not in ('kind', 'entity_id'))}, updated_at = now()"""


async def upsert_documents(conn: asyncpg.Connection, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    payload = json.dumps([{c: row[c] for c in _COLUMNS} for row in rows], ensure_ascii=False, default=str)
    await conn.execute(_UPSERT, payload)


async def delete_documents(conn: asyncpg.Connection, kind: str, entity_ids: Sequence[int]) -> None:
    await conn.execute(
        "DELETE FROM search_document WHERE kind = $1 AND entity_id = ANY($2::bigint[])", kind, list(entity_ids)
    )


async def delete_kind_except(conn: asyncpg.Connection, kind: str, keep_ids: Sequence[int]) -> None:
    await conn.execute(
        "DELETE FROM search_document WHERE kind = $1 AND NOT (entity_id = ANY($2::bigint[]))", kind, list(keep_ids)
    )


async def record_miss(conn: asyncpg.Connection, query: str, kinds: Sequence[str], viewer_role: str | None) -> None:
    await conn.execute(
        "INSERT INTO search_miss (query, kinds, viewer_role) VALUES ($1, $2, $3)", query, list(kinds), viewer_role
    )


# The permission and filter predicate shared by search, facets and suggestions. Parameters:
# $1 kinds, $2 see_all_internal, $3 own institution, $4 trainee visibilities, $5 managed institution,
# $6 zones, $7 institutions, $8 categories, $9 access policies, $10 service modes, $11 statuses,
# $12 price min, $13 price max.
SCOPE_AND_FILTER = """d.kind = ANY($1::text[])
    AND (d.kind <> 'EQUIPMENT' OR d.access_policy <> 'INTERNAL' OR $2::boolean OR d.institution_id = $3::bigint)
    AND (d.kind <> 'TRAINEE' OR d.visibility = ANY($4::trainee_visibility[]) OR d.institution_id = $5::bigint)
    AND ($6::zone[] IS NULL OR d.zone = ANY($6))
    AND ($7::bigint[] IS NULL OR d.institution_id = ANY($7))
    AND ($8::text[] IS NULL OR d.category = ANY($8))
    AND ($9::access_policy[] IS NULL OR d.access_policy = ANY($9))
    AND ($10::service_mode[] IS NULL OR d.service_mode = ANY($10))
    AND (CASE WHEN $11::text[] IS NULL THEN coalesce(d.status, '') <> 'RETIRED' ELSE d.status = ANY($11) END)
    AND ($12::int IS NULL OR d.rate_academic_krw >= $12)
    AND ($13::int IS NULL OR d.rate_academic_krw <= $13)"""

# Match parameters: $14 tsquery of all tokens AND-ed, $15 concepts, $16 compact query, $17 minimum
# trigram word similarity. Rank-only parameters come last: $18 all tokens and concepts OR-ed,
# $19 concepts OR-ed.
# Each way of matching is its own index scan (GIN on terms, on concepts, trigram GIN on compact),
# unioned, so no query ever computes similarities over the whole table.
CANDIDATES = """candidates AS (
        SELECT kind, entity_id FROM search_document WHERE terms @@ $14::tsquery
        UNION
        SELECT kind, entity_id FROM search_document WHERE concepts && $15::text[]
        UNION
        SELECT kind, entity_id FROM search_document
         WHERE length($16) >= 3 AND $16 <% compact AND word_similarity($16, compact) >= $17)"""

RANK = """(coalesce(ts_rank('{0.1, 0.2, 0.4, 1.0}', d.terms, $18::tsquery), 0)
    + CASE WHEN cardinality($15::text[]) > 0 THEN
        2.0 * cardinality(ARRAY(SELECT unnest(d.concepts) INTERSECT SELECT unnest($15::text[])))
            / cardinality($15::text[])
        + coalesce(ts_rank('{0.05, 0.1, 0.3, 1.0}', d.terms, $19::tsquery), 0)
      ELSE 0 END
    + CASE WHEN length($16) >= 3 THEN word_similarity($16, d.compact) ELSE 0 END)
    -- records outside the bio taxonomy (category OTHER: pumps, electrical reactors…) rank below
    -- bio equipment that matches as well
    * CASE WHEN d.category = 'OTHER' THEN 0.5 ELSE 1.0 END"""


async def search_page(conn: asyncpg.Connection, args: list[Any], limit: int, offset: int,
                      browse: bool) -> list[asyncpg.Record]:
    """Hits of one page, best first (browse = no text: newest first by id)."""
    if browse:
        return await conn.fetch(
            f"""SELECT d.kind, d.entity_id, 0.0::float8 AS score, d.title_ko, d.title_en, d.secondary, d.body
                  FROM search_document d WHERE {SCOPE_AND_FILTER}
                 ORDER BY d.kind, d.entity_id LIMIT $14 OFFSET $15""",
            *args[:13], limit, offset,
        )
    return await conn.fetch(
        f"""WITH {CANDIDATES}
            SELECT d.kind, d.entity_id, {RANK}::float8 AS score, d.title_ko, d.title_en, d.secondary, d.body
              FROM candidates c JOIN search_document d USING (kind, entity_id) WHERE {SCOPE_AND_FILTER}
             ORDER BY score DESC, d.kind, d.entity_id LIMIT $20 OFFSET $21""",
        *args, limit, offset,
    )


async def search_facets(conn: asyncpg.Connection, args: list[Any], browse: bool) -> list[asyncpg.Record]:
    """Counts per facet value over all matches, plus the total (the row where every column is null)."""
    source = "search_document d" if browse else "candidates c JOIN search_document d USING (kind, entity_id)"
    params = args[:13] if browse else args[:17]
    return await conn.fetch(
        f"""{'' if browse else 'WITH ' + CANDIDATES}
            SELECT d.kind, d.zone::text AS zone, d.institution_id::text AS institution, d.category,
                   d.access_policy::text AS access_policy, d.service_mode::text AS service_mode, d.status,
                   GROUPING(d.kind, d.zone, d.institution_id, d.category, d.access_policy, d.service_mode,
                            d.status) AS grouping, count(*) AS n
              FROM {source} WHERE {SCOPE_AND_FILTER}
             GROUP BY GROUPING SETS ((d.kind), (d.zone), (d.institution_id), (d.category), (d.access_policy),
                                     (d.service_mode), (d.status), ())""",
        *params,
    )


async def suggest_names(
    conn: asyncpg.Connection, kinds: Sequence[str], prefix: str, scope: SearchScope, limit: int
) -> list[asyncpg.Record]:
    """Names (ko or en) whose space-stripped form starts with `prefix`, most common first: a range
    scan of search_suggestion (kept by triggers), never a count over the catalogue."""
    return await conn.fetch(
        """SELECT name, sum(records)::int AS n
             FROM search_suggestion
            WHERE squashed LIKE $1 || '%' AND kind = ANY($2::text[])
              AND (scope = 0 OR scope = $3::bigint OR $4::boolean)
            GROUP BY name ORDER BY sum(records) DESC, length(name), name LIMIT $5""",
        _like_escape(prefix), list(kinds), scope.own_institution_id, scope.see_all_internal, limit,
    )


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
