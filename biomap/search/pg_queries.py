"""SQL of the PostgreSQL search backend (search_document with its narrow side search_match, search_miss)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import asyncpg

from biomap.booking.search_support import free_between_sql
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


async def begin_bulk_writes(conn: asyncpg.Connection) -> None:
    """For a large write in one transaction (an import): new GIN index entries gather in a bigger
    pending list (SET LOCAL: this transaction only) instead of being merged every 4 MB."""
    await conn.execute("SET LOCAL gin_pending_list_limit = '64MB'")


async def merge_pending_index_entries(conn: asyncpg.Connection) -> None:
    """Merge the GIN pending lists into the indexes in bulk, so searches right after a large import
    do not scan a long pending list (what autovacuum would otherwise do later)."""
    await conn.execute(
        """SELECT gin_clean_pending_list(i.indexrelid::regclass)
             FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
            WHERE i.indrelid IN ('search_document'::regclass, 'search_match'::regclass) AND a.amname = 'gin'""")


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

# Match parameters: $14 tsquery of all tokens AND-ed, $15 concepts, $16 compact query to match by
# trigrams ('' when the query names concepts), $17 minimum trigram word similarity. Rank-only
# parameters come last: $18 all tokens and concepts OR-ed, $19 concepts OR-ed, $20 compact query.
# Paging: $21 limit, $22 offset, $23 shortlist size.
#
# Matching by concept or by trigram (typos, spacing) reads the narrow search_match table (its two
# GIN indexes in one BitmapOr); matching by words reads search_document's tsvector, for the records
# the first way did not find (NOT MATCH_NARROW: each record is counted once, no UNION to dedupe).
MATCH_NARROW = """(d.concepts && $15::text[]
        OR (length($16) >= 3 AND $16 <% d.compact AND word_similarity($16, d.compact) >= $17))"""
MATCH_WORDS = f"""d.terms @@ $14::tsquery AND NOT coalesce({MATCH_NARROW}, false)"""

# How much of the query's meaning a record carries, without reading its tsvector: one membership
# test per query concept (up to eight), generated for the query's own count — eight fixed tests
# cost about 1 µs per match, and a broad query has 20,000 matches (a subquery per row would cost
# more than the match itself).
MAX_SHARE_CONCEPTS = 8


def _concept_share(concepts: int) -> str:
    tests = " + ".join(f"coalesce((($15::text[])[{i}] = ANY(d.concepts))::int, 0)"
                       for i in range(1, min(concepts, MAX_SHARE_CONCEPTS) + 1)) or "0"
    return f"({tests})::float8 / greatest(cardinality($15::text[]), 1)"


# Phase one, for every match, from small columns: the share of the query's concepts a record
# carries; then, when the query names concepts, shorter names first (a record that IS the thing
# rather than a kit around it) — trigram similarity per row would double the cost of a broad query
# (measured at 100,000 records: p50 54 -> 41 ms, category precision@10 0.985 -> 0.987). Without
# concepts (typos, model names) trigram similarity is the only signal there is.
# Records outside the bio taxonomy (category OTHER: pumps, electrical reactors…) rank below bio
# equipment that matches as well, unless they are everything the query means: an LNP mixer has no
# category of its own, and "NanoAssemblr" must find it before technologies that mention it (a
# chiller that is only the "temperature control" of "bioreactor temperature control" stays below).
_OTHER_PENALTY = """CASE WHEN d.category = 'OTHER'
         AND NOT (cardinality($15::text[]) > 0 AND d.concepts @> $15::text[]) THEN 0.5 ELSE 1.0 END"""


def _rough(concepts: int) -> str:
    # float8 arithmetic: numeric division per match cost a fifth of a broad query's scan.
    return f"""(2.0 * {_concept_share(concepts)}
    + CASE WHEN length($16) >= 3 AND cardinality($15::text[]) = 0 THEN word_similarity($16, d.compact)::float8
           ELSE 0.2 / (1 + length(d.compact)::float8 / 16) END)
    * {_OTHER_PENALTY}"""


# Phase two, for the shortlist only: weighted ts_rank over every field (reads the tsvector).
RANK = """(coalesce(ts_rank('{0.1, 0.2, 0.4, 1.0}', d.terms, $18::tsquery), 0)
    + CASE WHEN cardinality($15::text[]) > 0 THEN
        2.0 * cardinality(ARRAY(SELECT unnest(d.concepts) INTERSECT SELECT unnest($15::text[])))
            / cardinality($15::text[])
        + coalesce(ts_rank('{0.05, 0.1, 0.3, 1.0}', d.terms, $19::tsquery), 0)
      ELSE 0 END
    + CASE WHEN length($20) >= 3 THEN word_similarity($20, d.compact) ELSE 0 END)
    * """ + _OTHER_PENALTY

# Facet counts: one hash aggregation over the matches by every facet column at once, then the
# grouping sets over those (far fewer) groups: eight hash tables over 20,000 matches cost twice as
# much. Values become text only in the few output rows.
_FACETS = """SELECT g.kind, g.zone::text AS zone, g.institution_id::text AS institution, g.category,
           g.access_policy::text AS access_policy, g.service_mode::text AS service_mode, g.status,
           GROUPING(g.kind, g.zone, g.institution_id, g.category, g.access_policy, g.service_mode,
                    g.status) AS grouping, coalesce(sum(g.n), 0)::bigint AS n
      FROM (SELECT m.kind, m.zone, m.institution_id, m.category, m.access_policy, m.service_mode, m.status,
                   count(*) AS n
              FROM matched m GROUP BY 1, 2, 3, 4, 5, 6, 7) g
     GROUP BY GROUPING SETS ((g.kind), (g.zone), (g.institution_id), (g.category), (g.access_policy),
                             (g.service_mode), (g.status), ())"""

def _hits(order: str) -> str:
    """The page's hits as one JSON array, in the page's own order (`order`, over the page `p`)."""
    return f"""coalesce((SELECT jsonb_agg(jsonb_build_object(
                'kind', p.kind, 'entity_id', p.entity_id, 'score', p.score, 'title_ko', p.title_ko,
                'title_en', p.title_en, 'secondary', p.secondary, 'body', p.body)
            ORDER BY {order}) FROM page p), '[]')"""


_FACET_ROWS = """coalesce((SELECT jsonb_agg(to_jsonb(f)) FROM facets f), '[]')"""

# Equipment free for a whole window (search "free between"): its two parameters come after all
# the others ($24, $25 in SEARCH; $16, $17 in BROWSE).
def _free(start: str, end: str) -> str:
    return (f"d.kind = 'EQUIPMENT' AND d.status = 'ACTIVE' AND "
            f"{free_between_sql('d.entity_id', start, end)}")


# Phase one keeps at least this many matches for phase two: the page's order is exact among
# them. Past it, matches differ only in fields that rank far below names and concepts,
# and keep phase one's order.
SHORTLIST = 200


# A page within the shortlist (offset + limit <= SHORTLIST, nearly every request) is the shortlist
# in the full ranking's order. A deeper page needs the matches past it too, in phase one's order
# after the shortlist's: one fixed order whatever page is asked for, so paging neither repeats nor
# skips. Both give the same rows for the shallow pages; the deep form costs ~5 % more.
_SHALLOW_PAGE = f"""
        SELECT d.kind, d.entity_id, ({RANK})::float8 AS score, d.title_ko, d.title_en, d.secondary, d.body
          FROM shortlist s JOIN search_document d USING (kind, entity_id)
         ORDER BY score DESC, d.kind, d.entity_id LIMIT $21 OFFSET $22"""
def _deep_order(row: str) -> str:
    return (f"{row}.phase_one > {SHORTLIST}, CASE WHEN {row}.phase_one <= {SHORTLIST} THEN {row}.score END DESC, "
            f"CASE WHEN {row}.phase_one > {SHORTLIST} THEN {row}.phase_one END, {row}.kind, {row}.entity_id")


_DEEP_PAGE = f"""
        SELECT r.* FROM (
            SELECT d.kind, d.entity_id, ({RANK})::float8 AS score, d.title_ko, d.title_en, d.secondary, d.body,
                   row_number() OVER (ORDER BY s.rough DESC, s.kind, s.entity_id) AS phase_one
              FROM shortlist s JOIN search_document d USING (kind, entity_id)
              OFFSET 0) r  -- kept whole: flattened, the rank would be computed twice per row
         ORDER BY {_deep_order("r")} LIMIT $21 OFFSET $22"""


def _search_sql(extra: str, concepts: int, page: str, order: str) -> str:
    """One statement, one round trip: matches are found once and feed the facets, the total and a
    shortlist; only the shortlist pays for full ranking (phase two)."""
    columns = f"""d.kind, d.entity_id, d.zone, d.institution_id, d.category, d.access_policy,
               d.service_mode, d.status, {_rough(concepts)} AS rough"""
    return f"""WITH matched AS MATERIALIZED (
        SELECT {columns} FROM search_match d WHERE {MATCH_NARROW} AND {SCOPE_AND_FILTER}{extra}
        UNION ALL
        SELECT {columns} FROM search_document d WHERE {MATCH_WORDS} AND {SCOPE_AND_FILTER}{extra}),
    shortlist AS (SELECT kind, entity_id, rough FROM matched ORDER BY rough DESC, kind, entity_id LIMIT $23),
    page AS ({page}),
    facets AS ({_FACETS})
    SELECT {_hits(order)} AS hits, {_FACET_ROWS} AS facets"""


def _browse_sql(extra: str) -> str:
    return f"""WITH matched AS MATERIALIZED (
        SELECT d.kind, d.entity_id, d.zone, d.institution_id, d.category, d.access_policy,
               d.service_mode, d.status FROM search_match d WHERE {SCOPE_AND_FILTER}{extra}),
    page AS (
        SELECT d.kind, d.entity_id, 0.0::float8 AS score, d.title_ko, d.title_en, d.secondary, d.body
          FROM search_document d WHERE {SCOPE_AND_FILTER}{extra}
         ORDER BY d.kind, d.entity_id LIMIT $14 OFFSET $15),
    facets AS ({_FACETS})
    SELECT {_hits("p.kind, p.entity_id")} AS hits, {_FACET_ROWS} AS facets"""


# One text per count of query concepts (0-8): the concept share is generated for that count.
_SHALLOW = (_SHALLOW_PAGE, "p.score DESC, p.kind, p.entity_id")
_DEEP = (_DEEP_PAGE, _deep_order("p"))
_FREE = f" AND {_free('$24', '$25')}"
SEARCH = tuple(_search_sql("", k, *_SHALLOW) for k in range(MAX_SHARE_CONCEPTS + 1))
SEARCH_FREE = tuple(_search_sql(_FREE, k, *_SHALLOW) for k in range(MAX_SHARE_CONCEPTS + 1))
SEARCH_DEEP = tuple(_search_sql("", k, *_DEEP) for k in range(MAX_SHARE_CONCEPTS + 1))
SEARCH_FREE_DEEP = tuple(_search_sql(_FREE, k, *_DEEP) for k in range(MAX_SHARE_CONCEPTS + 1))
BROWSE = _browse_sql("")
BROWSE_FREE = _browse_sql(f" AND {_free('$16', '$17')}")



async def search(conn: asyncpg.Connection, args: list[Any], limit: int, offset: int, browse: bool,
                 free_between: tuple[Any, Any] | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(hits of one page best first, facet rows with the total as the row grouping everything).
    Browsing (no text) lists by kind and id. `free_between`: only equipment free for that window."""
    window = list(free_between) if free_between else []
    async with conn.transaction():
        # Planned for this query's values every time: which branches apply (concepts or not, each
        # filter set or not) and how many rows they find differ from query to query, and a generic
        # plan, which PostgreSQL picks after five executions of a prepared statement when the first
        # five looked alike, made later searches several times slower (26.7 -> 156 ms on average
        # at 100,000 records). Planning costs well under a millisecond.
        await conn.execute("SET LOCAL plan_cache_mode = force_custom_plan")
        if browse:
            row = await conn.fetchrow(BROWSE_FREE if window else BROWSE, *args[:13], limit, offset, *window)
        else:
            concepts = min(len(args[14] or ()), MAX_SHARE_CONCEPTS)  # $15
            if offset + limit <= SHORTLIST:
                statements = SEARCH_FREE if window else SEARCH
            else:
                statements = SEARCH_FREE_DEEP if window else SEARCH_DEEP
            row = await conn.fetchrow(statements[concepts], *args, limit, offset, max(SHORTLIST, offset + limit),
                                      *window)
    return _json(row["hits"]), _json(row["facets"])


def _json(value: Any) -> list[dict[str, Any]]:
    return json.loads(value) if isinstance(value, str) else value


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
