"""Schema variants for the in-process measurements, rebuilt from the app's own schema.

Nothing here changes biomap/: each variant is a new strawberry.Schema with the app's Query,
Mutation and types and a changed extension list, derived from `create_schema(settings).extensions`
so it follows whatever the app configures.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.extensions import ParserCache, SchemaExtension, ValidationCache

from biomap.api.catalogue.types import Equipment, Institution, Technology, Trainee
from biomap.api.schema import BioMapSchema, Mutation, Query


def _instance(ext: Any) -> SchemaExtension:
    """What Strawberry makes of an `extensions=[...]` entry for one request (instance, class or factory)."""
    return ext if isinstance(ext, SchemaExtension) else ext()


def _is_cache(ext: Any) -> bool:
    return isinstance(_instance(ext), (ParserCache, ValidationCache))


def rebuild(reference: strawberry.Schema, extensions: list[Any]) -> strawberry.Schema:
    """The app's schema built the way create_schema builds it, with another extension list."""
    return BioMapSchema(
        query=Query, mutation=Mutation, types=[Institution, Equipment, Technology, Trainee],
        extensions=extensions, config=reference.config,
    )


def without_extensions(reference: strawberry.Schema) -> strawberry.Schema:
    return rebuild(reference, [])


def without_caches(reference: strawberry.Schema) -> strawberry.Schema:
    return rebuild(reference, [e for e in reference.extensions if not _is_cache(e)])


def validation_cache_counters(schema: strawberry.Schema) -> tuple[int, int] | None:
    """(hits, misses) so far of the LRU behind the schema's ValidationCache; None without one.

    The LRU is module-level in Strawberry (one per maxsize), so callers compare two readings.
    """
    for ext in map(_instance, schema.extensions):
        if isinstance(ext, ValidationCache):
            info = ext.cached_validate_document.cache_info()  # type: ignore[attr-defined]
            return info.hits, info.misses
    return None
