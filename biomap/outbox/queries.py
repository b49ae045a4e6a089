"""SQL for the outbox table."""

from __future__ import annotations

from typing import Any

import asyncpg


async def enqueue(conn: asyncpg.Connection, topic: str, payload: dict[str, Any]) -> None:
    """Record a side effect in the caller's transaction: it exists exactly when the change commits."""
    await conn.execute("INSERT INTO outbox (topic, payload) VALUES ($1, $2)", topic, payload)


async def enqueue_many(conn: asyncpg.Connection, topic: str, payloads: list[dict[str, Any]]) -> None:
    await conn.executemany("INSERT INTO outbox (topic, payload) VALUES ($1, $2)", [(topic, p) for p in payloads])
