"""The default search backend: PostgreSQL full text over analysed tokens, concepts and trigrams.

One statement per search (pg_queries.SEARCH): matches found once feed the facets, the total and a
two-phase ranked page. Transactionally consistent with the catalogue: documents are written in the
same transaction as the records.
"""

from __future__ import annotations

from typing import Any

import asyncpg

from biomap.search import pg_queries
from biomap.search.analyzer import Analysis, get_analyzer
from biomap.search.glossary import compact, has_hangul
from biomap.search.highlight import highlight, terms_present
from biomap.search.models import (
    Facet,
    FacetValue,
    SearchHit,
    SearchKind,
    SearchRequest,
    SearchResult,
    SearchScope,
    Suggestion,
)

# word_similarity(query, record) needed for a trigram-only match (typos and spacing).
TRIGRAM_THRESHOLD = 0.5
FACET_COLUMNS = ("kind", "zone", "institution", "category", "access_policy", "service_mode", "status")


# The last word may still be being typed (centrifu…), so it also matches as a prefix, once it is
# long enough to mean something: a 3-letter Latin stem prefix (fac:* of FACS, ser:* of SERS) matched
# facility, factor, serum, service… — 15,000 records at 100,000. Three Hangul syllables are a word.
PREFIX_MIN_LATIN = 4
PREFIX_MIN_HANGUL = 3


def _prefix_worthy(token: str) -> bool:
    return len(token) >= (PREFIX_MIN_HANGUL if has_hangul(token) else PREFIX_MIN_LATIN)


def _tsquery(tokens: list[str], operator: str, *, prefix_last: bool = False) -> str | None:
    if not tokens:
        return None
    lexemes = ["'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in tokens]
    if prefix_last and _prefix_worthy(tokens[-1]):
        lexemes[-1] += ":*"
    return f" {operator} ".join(lexemes)


def scope_and_filter_args(request_kinds: tuple[SearchKind, ...], scope: SearchScope, filt: Any) -> list[Any]:
    return [
        [k.value for k in request_kinds], scope.see_all_internal, scope.own_institution_id,
        list(scope.trainee_visibilities), scope.managed_institution_id,
        filt.zones, filt.institution_ids, filt.categories, filt.access_policies, filt.service_modes,
        filt.statuses, filt.price_min_krw, filt.price_max_krw,
    ]


def _required(analysis: Analysis, *, every: bool) -> str | None:
    """All tokens (or, relaxed, any token), with each joined alternative enough on its own."""
    tokens = _tsquery(list(analysis.tokens), "&" if every else "|", prefix_last=True)
    alternatives = _tsquery(list(analysis.alternatives), "|")
    parts = [f"({p})" for p in (tokens, alternatives) if p]
    return " | ".join(parts) or None


def match_args(analysis: Analysis, *, every: bool = True) -> list[Any]:
    tokens = [*analysis.tokens, *analysis.alternatives]
    concepts = [f"c_{c}" for c in analysis.concepts]
    return [
        _required(analysis, every=every),
        list(analysis.concepts),
        # Trigrams match only what names no concept (typos, spacing, model numbers): when the query
        # means something, its concepts find it, and a long query's trigrams would recheck thousands
        # of records ("Thermo Fisher Scientific Heracell 150i": 4,219, 140 ms). They still rank.
        "" if analysis.concepts else analysis.compact,
        TRIGRAM_THRESHOLD,
        _tsquery(tokens + concepts, "|", prefix_last=True),
        _tsquery(concepts, "|"),
        analysis.compact,
    ]


def highlight_terms(text: str, analysis: Analysis) -> set[str]:
    glossary = get_analyzer().glossary
    terms = {w for w in text.split() if len(w) >= 2} | {t for t in analysis.tokens if len(t) >= 3}
    for concept in analysis.concepts:
        found = glossary.concepts.get(concept)
        if found:
            terms |= set(found.terms)
    return terms


class PostgresBackend:
    async def search(self, conn: asyncpg.Connection, request: SearchRequest) -> SearchResult:
        base = scope_and_filter_args(request.kinds, request.scope, request.filter)
        free = request.filter.free_between
        if not request.text:
            hits, facets = await pg_queries.search(conn, base, request.limit, request.offset, browse=True,
                                                   free_between=free)
            return _result(hits, facets, frozenset())
        analysis = get_analyzer().analyze_query(request.text)
        terms = frozenset(highlight_terms(request.text, analysis))
        hits, facets = await pg_queries.search(conn, base + match_args(analysis), request.limit, request.offset,
                                               browse=False, free_between=free)
        result = _result(hits, facets, terms)
        if result.total == 0 and len(analysis.tokens) > 1:
            # Nothing has every word ("…를 예약하고 싶어요" adds 예약): relax to any word, ranked. On
            # every page alike (decided by the total, not by this page's hits), so page two follows page one.
            hits, facets = await pg_queries.search(conn, base + match_args(analysis, every=False),
                                                   request.limit, request.offset, browse=False, free_between=free)
            result = _result(hits, facets, terms)
        return result

    async def suggest(
        self, conn: asyncpg.Connection, prefix: str, limit: int, scope: SearchScope
    ) -> list[Suggestion]:
        squashed = compact(prefix)
        if not squashed:
            return []
        rows = await pg_queries.suggest_names(conn, [SearchKind.EQUIPMENT.value], squashed, scope, limit)
        return [Suggestion(text=r["name"], kind="equipment", extra={"count": r["n"]}) for r in rows]


def _result(rows: list[dict[str, Any]], facet_rows: list[dict[str, Any]], terms: frozenset[str]) -> SearchResult:
    hits = []
    terms = terms_present(terms, (r[f] or "" for r in rows for f in ("title_ko", "title_en", "secondary", "body")))
    for r in rows:
        marks = {
            field: snippet
            for field, snippet in (
                ("titleKo", highlight(r["title_ko"], terms)),
                ("titleEn", highlight(r["title_en"], terms)),
                ("secondary", highlight(r["secondary"], terms)),
                ("body", highlight(r["body"], terms, snippet=True)),
            )
            if snippet
        }
        hits.append(SearchHit(SearchKind(r["kind"]), r["entity_id"], float(r["score"]), marks))
    total = 0
    values: dict[str, list[FacetValue]] = {c: [] for c in FACET_COLUMNS}
    all_bits = (1 << len(FACET_COLUMNS)) - 1
    for r in facet_rows:
        if r["grouping"] == all_bits:
            total = r["n"]
            continue
        for position, column in enumerate(FACET_COLUMNS):
            # GROUPING() has a 0 bit for the column grouped on; the first column is the high bit.
            if not r["grouping"] & (1 << (len(FACET_COLUMNS) - 1 - position)) and r[column] is not None:
                values[column].append(FacetValue(str(r[column]), r["n"]))
    facets = [Facet(c, tuple(sorted(v, key=lambda f: (-f.count, f.value)))) for c, v in values.items() if v]
    return SearchResult(hits, total, facets)
