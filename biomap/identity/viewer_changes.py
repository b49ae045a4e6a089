"""Follow the database's notices of changed tokens, users and organisations for a ViewerCache.

One connection per worker, outside the pool, LISTENs on the channel migration 0010 notifies. The
cache is enabled only while that connection is known to live: every `heartbeat` seconds the
follower asks it a trivial query and, once answered, renews the cache's lease for `heartbeat +
timeout` seconds (PostgreSQL sends a connection its pending notices before answering its next
query, so an answer proves that every change committed before the question has been heard). A
connection that closes disables the cache at once; one that goes silent (no answer within
`timeout`) is dropped, and the lease runs out by itself meanwhile. Either way the follower
reconnects with backoff, and the cache starts empty when it listens again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

import asyncpg

from biomap.identity.viewer_cache import ViewerCache

CHANNEL = "biomap_viewer_changed"
log = logging.getLogger(__name__)


async def follow_viewer_changes(dsn: str, cache: ViewerCache, *, heartbeat: float = 1.0, timeout: float = 2.0,
                                max_backoff: float = 30.0) -> None:
    """Run until cancelled: listen, keep the cache's lease renewed, and disable it while not listening."""
    backoff = 0.5
    while True:
        conn: asyncpg.Connection | None = None
        try:
            asked = time.monotonic()
            conn = await asyncio.wait_for(asyncpg.connect(dsn), timeout=timeout)
            lost = asyncio.Event()

            def on_lost(_conn: object) -> None:
                cache.disable()  # at once, not when this task next runs
                lost.set()

            conn.add_termination_listener(on_lost)
            await asyncio.wait_for(conn.add_listener(CHANNEL, lambda *_notice: cache.invalidate()), timeout=timeout)
            cache.enable(asked + heartbeat + timeout)
            backoff = 0.5
            while not lost.is_set():
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(lost.wait(), timeout=heartbeat)
                if lost.is_set():
                    break
                asked = time.monotonic()
                await asyncio.wait_for(conn.fetchval("SELECT 1"), timeout=timeout)
                cache.renew(asked + heartbeat + timeout)
            log.warning("lost the connection that listens for token changes; tokens are looked up every time until it is back")
        except (OSError, asyncio.TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            log.warning("cannot listen for token changes (%s); retrying in %.1f s", exc or type(exc).__name__, backoff)
        finally:
            cache.disable()
            if conn is not None and not conn.is_closed():
                conn.terminate()
        await asyncio.sleep(backoff)
        backoff = min(max_backoff, backoff * 2)
