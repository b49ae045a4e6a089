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


class DatabaseUnreachable(Exception):
    """No connection to the database could be made (the command's work never started)."""


# What a failed connection attempt raises: the server absent, the database or role unknown…
_CONNECT_ERRORS = (OSError, asyncpg.PostgresError, asyncpg.InterfaceError)


async def _reached(opening: Awaitable[T]) -> T:
    """A connection or pool, or DatabaseUnreachable saying why none could be opened."""
    try:
        return await opening
    except _CONNECT_ERRORS as exc:
        raise DatabaseUnreachable(f"cannot connect to the database: {exc}") from exc


def with_connection(settings: Settings, work: Callable[[asyncpg.Connection], Awaitable[T]]) -> T:
    """Run `work` on one connection to the configured database (embedded when none is configured).
    Failing to connect raises DatabaseUnreachable, told apart from failures of the work itself."""

    async def run() -> T:
        conn = await _reached(connect(await database_url(settings)))
        try:
            return await work(conn)
        finally:
            await conn.close()

    return asyncio.run(run())


def until_signalled(settings: Settings, work: Callable[[asyncpg.Pool, asyncio.Event], Awaitable[None]]) -> int:
    """Run a long-lived worker (a relay) on a small pool until SIGINT or SIGTERM sets its stop event."""

    async def run() -> int:
        pool = await _reached(create_pool(await database_url(settings), min_size=1, max_size=2))
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
