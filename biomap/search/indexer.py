"""Writes search documents into PostgreSQL (the default backend), analysed once at write time."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

import asyncpg

from biomap.search import pg_queries
from biomap.search.analyzer import Analysis, get_analyzer
from biomap.search.glossary import compact
from biomap.search.models import SearchDocument, SearchKind

# tsvector weights by field: names > model/maker > category > descriptions
_FIELD_WEIGHTS = (("titles", "A"), ("secondary", "B"), ("category_text", "C"), ("body", "D"),
                  ("institution_name", "D"))


_DOCUMENT_FIELDS = tuple(f.name for f in fields(SearchDocument))


def content_hash(document: SearchDocument) -> str:
    """A stable digest of what a document says (used to detect drift between stores)."""
    # A shallow dict: the same JSON as dataclasses.asdict (no nested dataclasses), 10x cheaper.
    values = {name: getattr(document, name) for name in _DOCUMENT_FIELDS}
    payload = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


@functools.lru_cache(maxsize=200_000)
def _lexeme(token: str) -> str:
    # Tokens repeat across records (a million lexemes per 100,000 records): quote each once.
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


# PostgreSQL refuses a lexeme of 2,048 bytes or more ("word is too long"), failing the whole write:
# a pasted URL or a run of characters is no word anyone searches for. 200 characters stay under
# that limit in any script (at most 4 bytes each), and are longer than any real model number.
MAX_WORD_CHARS = 200


def tsvector_literal(weighted: Sequence[tuple[Analysis, str]]) -> str:
    """A tsvector built from analysed tokens directly (no text-search parser in between, so Korean
    nouns, model numbers and concept ids arrive exactly as the analyzer produced them)."""
    entries: list[str] = []
    for analysis, weight in weighted:
        first = len(entries) + 1
        entries += [f"{_lexeme(token)}:{min(position, 16383)}{weight}" for position, token in enumerate(
            (*analysis.tokens, *(f"c_{c}" for c in analysis.concepts)), first) if len(token) <= MAX_WORD_CHARS]
    return " ".join(entries)


def _texts(document: SearchDocument) -> dict[str, str]:
    return {
        "titles": f"{document.title_ko} {document.title_en}",
        "secondary": document.secondary,
        "category_text": document.category_text,
        "body": document.body,
        "institution_name": document.institution_name,
    }


def document_rows(documents: Sequence[SearchDocument]) -> list[dict[str, Any]]:
    """Rows for many documents: their new Korean phrases go to Kiwi in one multi-core batch first."""
    get_analyzer().prepare(text for document in documents for text in _texts(document).values())
    return [document_row(d) for d in documents]


def document_row(document: SearchDocument) -> dict[str, Any]:
    analyzer = get_analyzer()
    texts = _texts(document)
    analysed = [(analyzer.analyze(texts[field]), weight) for field, weight in _FIELD_WEIGHTS]
    # Concepts named in the name, model or category define what equipment IS; a concept met only in
    # its description ("… used with a centrifuge") must not make it one. For technologies and
    # trainees the body (summary, skills) is what they are about.
    defining = "ABC" if document.kind is SearchKind.EQUIPMENT else "ABCD"
    # Each with the concepts it is a kind of (a QTRAP is a triple quadrupole and a mass spectrometer):
    # only here, where matching and the concept share look, not in the weighted text of the tsvector,
    # so a cell sorter does not rank as high as a flow cytometer for "flow cytometer".
    concepts = analyzer.with_broader(
        {c for analysis, weight in analysed if weight in defining for c in analysis.concepts})
    return {
        **{k: getattr(document, k) for k in (
            "entity_id", "institution_id", "zone", "category", "access_policy", "service_mode", "status",
            "visibility", "rate_academic_krw", "title_ko", "title_en", "secondary", "category_text", "body",
            "institution_name")},
        "kind": document.kind.value,
        "terms": tsvector_literal(analysed),
        "concepts": concepts,
        "compact": compact(f"{document.title_ko} {document.title_en} {document.secondary}"),
        "names_compact": [compact(document.title_ko), compact(document.title_en)],
        "content_hash": content_hash(document),
    }


async def replace(
    conn: asyncpg.Connection, kind: SearchKind, ids: Sequence[int], documents: Sequence[SearchDocument]
) -> None:
    """Make the index say exactly `documents` for `ids` (ids without a document are removed)."""
    await write_rows(conn, kind, ids, document_rows(documents))


async def write_rows(
    conn: asyncpg.Connection, kind: SearchKind, ids: Sequence[int], rows: Sequence[dict[str, Any]]
) -> None:
    """Store rows made by `document_rows` for `ids` (ids without a row are removed)."""
    await pg_queries.upsert_documents(conn, rows)
    present = {row["entity_id"] for row in rows}
    gone = [i for i in ids if i not in present]
    if gone:
        await pg_queries.delete_documents(conn, kind.value, gone)


async def replace_all(conn: asyncpg.Connection, kind: SearchKind, documents: Sequence[SearchDocument]) -> None:
    await pg_queries.upsert_documents(conn, document_rows(documents))
    await pg_queries.delete_kind_except(conn, kind.value, [d.entity_id for d in documents])
