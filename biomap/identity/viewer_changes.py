"""Follow the database's notices of changed tokens, users and organisations for a ViewerCache.

One connection per worker, outside the pool, LISTENs on the channel migration 0010 notifies. The
cache is enabled only while that connection lives: when it is lost (the server restarted, the
backend was terminated), the cache is disabled at once and the follower reconnects with backoff.
"""

from __future__ import annotations

import asyncio
import logging

import asyncpg

from biomap.identity.viewer_cache import ViewerCache

CHANNEL = "biomap_viewer_changed"
log = logging.getLogger(__name__)


async def follow_viewer_changes(dsn: str, cache: ViewerCache, *, max_backoff: float = 30.0) -> None:
    """Run until cancelled: listen, enable the cache, and disable it while not listening."""
    backoff = 0.5
    while True:
        conn: asyncpg.Connection | None = None
        try:
            conn = await asyncpg.connect(dsn)
            lost = asyncio.Event()

            def on_lost(_conn: object) -> None:
                cache.disable()  # at once, not when this task next runs
                lost.set()

            conn.add_termination_listener(on_lost)
            await conn.add_listener(CHANNEL, lambda *_notice: cache.invalidate())
            cache.enable()
            backoff = 0.5
            await lost.wait()
            log.warning("lost the connection that listens for token changes; tokens are looked up every time until it is back")
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            log.warning("cannot listen for token changes (%s); retrying in %.1f s", exc, backoff)
        finally:
            cache.disable()
            if conn is not None and not conn.is_closed():
                conn.terminate()
        await asyncio.sleep(backoff)
        backoff = min(max_backoff, backoff * 2)
