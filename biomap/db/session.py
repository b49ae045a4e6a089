"""Running command-line work against the database: one connection, or a pool until a signal."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Awaitable, Callable
from typing import TypeVar

import asyncpg

from biomap.config import Settings
from biomap.db.connect import database_url
from biomap.db.pool import connect, create_pool

T = TypeVar("T")


def with_connection(settings: Settings, work: Callable[[asyncpg.Connection], Awaitable[T]]) -> T:
    """Run `work` on one connection to the configured database (embedded when none is configured)."""

    async def run() -> T:
        conn = await connect(await database_url(settings))
        try:
            return await work(conn)
        finally:
            await conn.close()

    return asyncio.run(run())


def until_signalled(settings: Settings, work: Callable[[asyncpg.Pool, asyncio.Event], Awaitable[None]]) -> int:
    """Run a long-lived worker (a relay) on a small pool until SIGINT or SIGTERM sets its stop event."""

    async def run() -> int:
        pool = await create_pool(await database_url(settings), min_size=1, max_size=2)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        try:
            await work(pool, stop)
        finally:
            await pool.close()
        return 0

    return asyncio.run(run())
