"""The Meilisearch search backend: same requests, scope rules, highlights and facets as PostgreSQL.

Query: the analyzer's query tokens. Concepts go first as exact phrases ("c_flow_cytometer": no typo,
no prefix), then the other tokens, then the tokens the concepts came from ("facs", "cytoflex"), with
the matching strategy "last": Meilisearch drops words from the end, so every record of the (first)
concept matches, as PG's concept overlap, and records with more of the words rank first — the
literal model name above the rest of its concept. Without a concept every token must match ("all",
as PG's AND), typos allowed; when nothing has every word, the search is repeated with "last" (later
words dropped), as PG relaxes to any word. Meilisearch has no OR between words: with several
concepts, the first one is required (PG accepts any), so they come in the order the query names them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, Literal

import asyncpg
from meilisearch_python_sdk import AsyncClient

from biomap.search.glossary import compact
from biomap.search.highlight import highlight
from biomap.search.meili.documents import (
    TextAnalysis,
    TextAnalyzer,
    concept_token,
    parse_uid,
    resolve_analyzer,
)
from biomap.search.meili.filters import build_filter
from biomap.search.models import (
    FACET_FIELDS,
    Facet,
    FacetValue,
    SearchFilter,
    SearchHit,
    SearchKind,
    SearchRequest,
    SearchResult,
    SearchScope,
    Suggestion,
)

# Model facet name → index attribute.
FACET_ATTRIBUTES = {name: ("institution_id" if name == "institution" else name) for name in FACET_FIELDS}
# Index attribute → highlight key (the names the PostgreSQL backend uses).
HIGHLIGHT_FIELDS = (("title_ko", "titleKo"), ("title_en", "titleEn"), ("secondary", "secondary"), ("body", "body"))
_RETRIEVE = ["uid", "title_ko", "title_en", "secondary", "body"]
SUGGEST_SCAN = 200  # equipment hits read to count name suggestions

MatchingStrategy = Literal["all", "last", "frequency"]


@dataclass(frozen=True, slots=True)
class MeiliQuery:
    q: str
    matching_strategy: MatchingStrategy
    highlight_terms: frozenset[str]


def _analyze_query(analyzer: TextAnalyzer, text: str) -> TextAnalysis:
    analyze_query = getattr(analyzer, "analyze_query", None)  # the real analyzer's query mode
    result: TextAnalysis = analyze_query(text) if callable(analyze_query) else analyzer.analyze(text)
    return result


def highlight_terms(text: str, analysis: TextAnalysis, analyzer: TextAnalyzer) -> frozenset[str]:
    """As postgres_backend.highlight_terms: the typed words, the longer tokens, and every glossary
    term of the concepts the query means."""
    terms = {w for w in text.split() if len(w) >= 2} | {t for t in analysis.tokens if len(t) >= 3}
    glossary = getattr(analyzer, "glossary", None)
    for concept in analysis.concepts:
        found = glossary.concepts.get(concept) if glossary is not None else None
        if found is not None:
            terms |= set(found.terms)
    return frozenset(terms)


def build_query(text: str, analyzer: TextAnalyzer | None = None) -> MeiliQuery | None:
    """The Meilisearch `q` for `text`; "" browses; None when the text has nothing searchable."""
    if not text.strip():
        return MeiliQuery("", "last", frozenset())
    analyzer = resolve_analyzer(analyzer)
    analysis = _analyze_query(analyzer, text)
    terms = highlight_terms(text, analysis, analyzer)
    tokens = [t.replace('"', "") for t in analysis.tokens if t.replace('"', "")]
    if analysis.concepts:
        meant = set(analysis.concepts)
        found_in = [(t, meant & set(analyzer.analyze(t).concepts)) for t in tokens]
        covered = [t for t, concepts in found_in if concepts]
        rest = [t for t in tokens if t not in covered]
        # The first phrase is the one Meilisearch requires: the concept the query names first (not
        # the analyzer's alphabetical order); one met only across several tokens comes after.
        first_named = {c: i for i, (_, concepts) in reversed(list(enumerate(found_in))) for c in concepts}
        ordered = sorted(analysis.concepts, key=lambda c: first_named.get(c, len(tokens)))
        phrases = [f'"{concept_token(c)}"' for c in ordered]
        return MeiliQuery(" ".join([*phrases, *rest, *covered]), "last", terms)
    if tokens:
        return MeiliQuery(" ".join(tokens), "all", terms)
    if len(analysis.compact) >= 3:  # PG falls back to trigram similarity on the compact form
        return MeiliQuery(analysis.compact, "all", terms)
    return None


def _page(limit: int, offset: int) -> tuple[int, int, int]:
    """(page, hits_per_page, skip): exhaustive paging gives an exact total (PG's count(*))."""
    if limit <= 0:
        return 1, 0, 0
    if offset % limit == 0:
        return offset // limit + 1, limit, 0
    return 1, offset + limit, offset


def facets_of(distribution: dict[str, Any] | None) -> list[Facet]:
    facets = []
    for name, attribute in FACET_ATTRIBUTES.items():
        counts = (distribution or {}).get(attribute) or {}
        values = sorted((FacetValue(str(v), int(n)) for v, n in counts.items() if n), key=lambda f: (-f.count, f.value))
        if values:
            facets.append(Facet(name, tuple(values)))
    return facets


def hit_of(raw: dict[str, Any], terms: Iterable[str], *, browse: bool) -> SearchHit:
    kind, entity_id = parse_uid(str(raw["uid"]))
    terms = list(terms)
    marks: dict[str, str] = {}
    for attribute, key in HIGHLIGHT_FIELDS:
        snippet = highlight(str(raw.get(attribute) or ""), terms, snippet=attribute == "body")
        if snippet:
            marks[key] = snippet
    score = 0.0 if browse else float(raw.get("_rankingScore") or 0.0)
    return SearchHit(kind, entity_id, score, marks)


class MeilisearchBackend:
    """biomap.search.backend.SearchBackend over one Meilisearch index (`conn` is not used: the
    index is the source, kept current by the outbox relay)."""

    def __init__(self, client: AsyncClient, index_uid: str, *, analyzer: TextAnalyzer | None = None) -> None:
        self.client = client
        self.index_uid = index_uid
        self._analyzer = analyzer

    async def search(self, conn: asyncpg.Connection | None, request: SearchRequest) -> SearchResult:
        query = build_query(request.text, self._analyzer)
        if query is None:
            return SearchResult([], 0, [])
        result = await self._search(query, request)
        if result.total == 0 and query.matching_strategy == "all" and len(query.q.split()) > 1:
            # Nothing has every word: relax, as PG does — on every page alike (decided by the total).
            result = await self._search(replace(query, matching_strategy="last"), request)
        return result

    async def _search(self, query: MeiliQuery, request: SearchRequest) -> SearchResult:
        browse = query.q == ""
        page, per_page, skip = _page(request.limit, request.offset)
        results = await self.client.index(self.index_uid).search(
            query.q,
            filter=build_filter(request.filter, request.scope, request.kinds),
            facets=list(FACET_ATTRIBUTES.values()),
            page=page,
            hits_per_page=per_page,
            attributes_to_retrieve=_RETRIEVE,
            matching_strategy=query.matching_strategy,
            show_ranking_score=not browse,
            sort=["kind:asc", "entity_id:asc"] if browse else None,
        )
        hits = [hit_of(raw, query.highlight_terms, browse=browse) for raw in results.hits[skip:]]
        total = results.total_hits if results.total_hits is not None else (results.estimated_total_hits or 0)
        return SearchResult(hits, int(total), facets_of(results.facet_distribution))

    async def suggest(
        self, conn: asyncpg.Connection | None, prefix: str, limit: int, scope: SearchScope
    ) -> list[Suggestion]:
        """Equipment names (ko or en) whose space-stripped form starts with `prefix`, most common
        first, within what the viewer may see (as the PostgreSQL backend)."""
        squashed = compact(prefix)
        if not squashed or limit <= 0:
            return []
        results = await self.client.index(self.index_uid).search(
            squashed,
            filter=build_filter(SearchFilter(), scope, (SearchKind.EQUIPMENT,)),
            attributes_to_search_on=["names_compact"],
            attributes_to_retrieve=["title_ko", "title_en"],
            limit=SUGGEST_SCAN,
            matching_strategy="all",
        )
        counts: Counter[str] = Counter()
        for raw in results.hits:
            for name in dict.fromkeys((str(raw.get("title_ko") or ""), str(raw.get("title_en") or ""))):
                if name and compact(name).startswith(squashed):
                    counts[name] += 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1], len(item[0]), item[0]))[:limit]
        return [Suggestion(text=name, kind="equipment", extra={"count": n}) for name, n in ranked]
