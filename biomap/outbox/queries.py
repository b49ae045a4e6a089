"""SQL for the outbox table."""

from __future__ import annotations

import json
from typing import Any

import asyncpg


async def enqueue(conn: asyncpg.Connection, topic: str, payload: dict[str, Any]) -> None:
    """Record a side effect in the caller's transaction: it exists exactly when the change commits."""
    await conn.execute("INSERT INTO outbox (topic, payload) VALUES ($1, $2)", topic, payload)


async def enqueue_many(conn: asyncpg.Connection, topic: str, payloads: list[dict[str, Any]]) -> None:
    """One statement for many messages (an import batch writes hundreds)."""
    if not payloads:
        return
    await conn.execute(
        "INSERT INTO outbox (topic, payload) SELECT $1, p FROM jsonb_array_elements($2::text::jsonb) AS p",
        topic, json.dumps(payloads, ensure_ascii=False, default=str),
    )
