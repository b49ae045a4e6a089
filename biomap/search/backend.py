"""The interface every search backend implements (PostgreSQL by default, Meilisearch at scale)."""

from __future__ import annotations

from typing import Protocol

import asyncpg

from biomap.search.models import SearchRequest, SearchResult, SearchScope, Suggestion


class SearchBackend(Protocol):
    async def search(self, conn: asyncpg.Connection, request: SearchRequest) -> SearchResult: ...

    async def suggest(
        self, conn: asyncpg.Connection, prefix: str, limit: int, scope: SearchScope
    ) -> list[Suggestion]: ...
