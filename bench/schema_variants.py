"""Schema variants for the in-process measurements, derived from the app's own schema.

Nothing here changes biomap/: each variant is built from `create_schema(settings)` so it follows
whatever the app configures.
"""

from __future__ import annotations

import copy

import strawberry

from biomap.api.execution import DocumentCache, GuardedSchema
from biomap.api.schema import NODE_TYPES, Mutation, Query


def strawberry_bare(reference: GuardedSchema) -> strawberry.Schema:
    """The app's types on a plain strawberry.Schema: Strawberry's own pipeline, no guards, no caches."""
    return strawberry.Schema(
        query=Query, mutation=Mutation, types=NODE_TYPES, config=reference.config,
    )


def without_caches(reference: GuardedSchema) -> GuardedSchema:
    """The app's schema with every guard, but a document cache that keeps nothing (parse and validate
    on every request)."""
    schema = copy.copy(reference)
    documents = reference.documents
    schema.documents = DocumentCache(documents.schema, documents.rules, max_tokens=documents.max_tokens, maxsize=0)
    return schema


def document_cache_counters(schema: strawberry.Schema) -> tuple[int, int] | None:
    """(hits, misses) so far of the schema's document cache; None for a schema without one."""
    documents = getattr(schema, "documents", None)
    return (documents.hits, documents.misses) if isinstance(documents, DocumentCache) else None
