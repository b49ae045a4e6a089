"""The asyncpg pool and the `Database` handle every request and command goes through.

Services receive a connection; the caller (one GraphQL request, one CLI command) owns the
transaction, so services never commit by themselves.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Protocol

import asyncpg


async def init_connection(conn: asyncpg.Connection) -> None:
    """Decode json/jsonb to Python objects (and encode back) on every pooled connection."""
    for typename in ("json", "jsonb"):
        await conn.set_type_codec(
            typename,
            encoder=lambda v: json.dumps(v, ensure_ascii=False),
            decoder=json.loads,
            schema="pg_catalog",
        )


class Database(Protocol):
    """What the app needs from a database: a connection to read with, a transaction to write in."""

    def connection(self) -> AsyncIterator[asyncpg.Connection]: ...

    def transaction(self) -> AsyncIterator[asyncpg.Connection]: ...


class PoolDatabase:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.Connection]:
        async with self.pool.acquire() as conn:
            yield conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[asyncpg.Connection]:
        async with self.pool.acquire() as conn, conn.transaction():
            yield conn

    async def close(self) -> None:
        await self.pool.close()


async def keep_session(conn: asyncpg.Connection) -> None:
    """Release a pooled connection without asyncpg's reset query (advisory unlock, CLOSE ALL,
    UNLISTEN, RESET ALL): one round trip per request saved, and the app leaves none of that state
    behind. Settings are only ever SET LOCAL, locks only transaction-scoped, nothing LISTENs on a
    pooled connection, no cursor outlives its transaction (tests/db/test_pool.py checks the code).
    asyncpg still rolls back an open transaction and drops listener callbacks before this runs."""


async def create_pool(dsn: str, *, min_size: int = 2, max_size: int = 10) -> asyncpg.Pool:
    pool = await asyncpg.create_pool(
        dsn,
        min_size=min_size,
        max_size=max_size,
        init=init_connection,
        reset=keep_session,
        # Statement cache is per connection; prepared statements make repeated catalogue
        # queries cheaper, and work because we never use a transaction-mode pooler.
        statement_cache_size=512,
    )
    assert pool is not None
    return pool


async def connect(dsn: str) -> asyncpg.Connection:
    conn = await asyncpg.connect(dsn)
    await init_connection(conn)
    return conn
