"""A DataLoader over one batch SQL function, for the per-request loader groups of every domain."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

import asyncpg
from strawberry.dataloader import DataLoader

from biomap.db.pool import Database

K = TypeVar("K")
V = TypeVar("V")


def db_loader(db: Database, fn: Callable[[asyncpg.Connection, Sequence[K]], Awaitable[list[V]]]) -> DataLoader[K, V]:
    """`fn(conn, keys)` returns one value per key, in order; each batch borrows one pooled connection."""

    async def load(keys: Sequence[K]) -> list[V]:
        async with db.connection() as conn:
            return await fn(conn, keys)

    return DataLoader(load_fn=load)
