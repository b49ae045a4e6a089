"""SearchDocument + analyzer → the Meilisearch JSON document (and its content hash).

Meilisearch gets the same analysed tokens as PostgreSQL (biomap.search.indexer), so Korean behaves
the same in both: Kiwi nouns without particles, English stems, model numbers, and glossary concepts
as `c_<id>` tokens. Weights become attributes, ranked in that order by the "attribute" rule:

- `title_terms` (A: names), `secondary_terms` (B: model, maker…), `category_terms` (C);
- `terms`: every token and concept of every field (D: descriptions, institution name), as PG's
  tsvector; a concept met only in a description is found there, so it ranks below the records it
  names in A–C (the "attribute" rule), as PG keeps it out of the `concepts` that define a record;
- `names_compact`: names without spaces or punctuation, for suggestions (prefix search).

Only the allow-listed fields below are written; personal data never reaches the index.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from biomap.search.glossary import compact
from biomap.search.models import SearchDocument, SearchKind

PRIMARY_KEY = "uid"
FILTERABLE_FIELDS = (
    "kind", "zone", "institution_id", "category", "access_policy", "service_mode", "status", "visibility",
    "rate_academic_krw",
)
DISPLAY_FIELDS = ("entity_id", "institution_name", "title_ko", "title_en", "secondary", "category_text", "body")
TERM_FIELDS = ("title_terms", "secondary_terms", "category_terms", "terms", "names_compact")
HASH_FIELD = "content_hash"
# Exactly the keys of every document (a test asserts it): nothing else may reach the index.
DOCUMENT_FIELDS = frozenset({PRIMARY_KEY, *FILTERABLE_FIELDS, *DISPLAY_FIELDS, *TERM_FIELDS, HASH_FIELD})
CONCEPT_PREFIX = "c_"


class TextAnalysis(Protocol):
    @property
    def tokens(self) -> tuple[str, ...]: ...

    @property
    def concepts(self) -> tuple[str, ...]: ...

    @property
    def compact(self) -> str: ...


class TextAnalyzer(Protocol):
    """What this package needs of biomap.search.analyzer.Analyzer (tests pass a small fake)."""

    def analyze(self, text: str) -> TextAnalysis: ...

    def with_broader(self, concepts: Iterable[str]) -> tuple[str, ...]:
        """The concepts and every concept they are kinds of."""
        ...


def resolve_analyzer(analyzer: TextAnalyzer | None) -> TextAnalyzer:
    if analyzer is not None:
        return analyzer
    from biomap.search.analyzer import get_analyzer  # loads Kiwi once per process

    return get_analyzer()


def document_uid(kind: SearchKind, entity_id: int) -> str:
    """The primary key: "equipment-12" (Meilisearch ids allow letters, digits, - and _)."""
    return f"{kind.value.lower()}-{int(entity_id)}"


def parse_uid(uid: str) -> tuple[SearchKind, int]:
    kind, _, entity_id = uid.partition("-")
    return SearchKind(kind.upper()), int(entity_id)


def concept_token(concept: str) -> str:
    return f"{CONCEPT_PREFIX}{concept}"


def _join(tokens: Iterable[str]) -> str:
    # Deduplicated, order kept: Meilisearch ranks by presence, not frequency. Double quotes would
    # open a phrase in a query, so they never appear in a token.
    return " ".join(dict.fromkeys(t.replace('"', "") for t in tokens if t.replace('"', "")))


def _field_terms(analysis: TextAnalysis, *, with_concepts: bool = True) -> list[str]:
    concepts = [concept_token(c) for c in analysis.concepts] if with_concepts else []
    return [*analysis.tokens, *concepts]


def to_documents(documents: Sequence[SearchDocument], analyzer: TextAnalyzer | None = None) -> list[dict[str, Any]]:
    """Many documents: their new Korean phrases go to Kiwi in one multi-core batch first (as the
    PostgreSQL indexer does), instead of one call per text."""
    analyzer = resolve_analyzer(analyzer)
    prepare = getattr(analyzer, "prepare", None)  # the real analyzer's batch; test analyzers have none
    if callable(prepare) and len(documents) > 1:
        prepare(text for d in documents for text in (f"{d.title_ko} {d.title_en}", d.secondary, d.category_text,
                                                      d.body, d.institution_name))
    return [to_document(d, analyzer) for d in documents]


def to_document(document: SearchDocument, analyzer: TextAnalyzer | None = None) -> dict[str, Any]:
    """The Meilisearch document for `document`: allow-listed fields, analysed terms, content hash."""
    analyzer = resolve_analyzer(analyzer)
    title = analyzer.analyze(f"{document.title_ko} {document.title_en}")
    secondary = analyzer.analyze(document.secondary)
    category = analyzer.analyze(document.category_text)
    body = analyzer.analyze(document.body)
    institution = analyzer.analyze(document.institution_name)
    analysed = (title, secondary, category, body, institution)
    out: dict[str, Any] = {
        PRIMARY_KEY: document_uid(document.kind, document.entity_id),
        "kind": document.kind.value,
        "entity_id": document.entity_id,
        "institution_id": document.institution_id,
        "institution_name": document.institution_name,
        "zone": document.zone,
        "category": document.category,
        "access_policy": document.access_policy,
        "service_mode": document.service_mode,
        "status": document.status,
        "visibility": document.visibility,
        "rate_academic_krw": document.rate_academic_krw,
        "title_ko": document.title_ko,
        "title_en": document.title_en,
        "secondary": document.secondary,
        "category_text": document.category_text,
        "body": document.body,
        "title_terms": _join(_field_terms(title)),
        "secondary_terms": _join(_field_terms(secondary)),
        "category_terms": _join(_field_terms(category)),
        "terms": _join([
            *(t for a in analysed for t in a.tokens),
            # matched with the concepts they are kinds of, as search_document.concepts is
            *(concept_token(c) for c in analyzer.with_broader(c for a in analysed for c in a.concepts)),
        ]),
        "names_compact": [n for n in dict.fromkeys((compact(document.title_ko), compact(document.title_en))) if n],
    }
    out[HASH_FIELD] = content_hash(out)
    return out


def content_hash(document: Mapping[str, Any]) -> str:
    """A digest of the document without its own hash field, computed the same way on the database
    side (freshly built documents) and on the index side (documents read back from Meilisearch)."""
    body = {k: v for k, v in document.items() if k != HASH_FIELD}
    payload = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]
