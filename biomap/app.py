"""create_app(settings) -> Starlette. The lifespan owns the pool; routes are GraphQL and operations."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route

from biomap.api.response_cache import ResponseCache
from biomap.api.schema import create_schema
from biomap.api.view import BioMapGraphQL
from biomap.booking.sweeper import sweep_every
from biomap.catalogue.institution_directory import InstitutionDirectory
from biomap.config import Settings
from biomap.db import migrate
from biomap.db.pool import Database, PoolDatabase, create_pool
from biomap.identity.viewer_cache import ViewerCache
from biomap.identity.viewer_changes import follow_viewer_changes
from biomap.observability.metrics import Metrics, render_samples
from biomap.search.analyzer import get_analyzer
from biomap.search.backend import SearchBackend
from biomap.search.postgres_backend import PostgresBackend

log = logging.getLogger(__name__)


async def healthz(request: Request) -> Response:
    """The process is alive (no dependencies checked: restarting would not fix them)."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """Ready for traffic: the database answers and its schema is exactly the code's version."""
    try:
        async with request.app.state.db.connection() as conn:
            await migrate.check_current(conn)
    except Exception as exc:  # noqa: BLE001 - any failure means not ready; say which
        return JSONResponse({"status": "unavailable", "reason": str(exc)}, status_code=503)
    return JSONResponse({"status": "ready", "schemaVersion": migrate.code_version()})


async def metrics(request: Request) -> Response:
    text = request.app.state.metrics.render()
    cache = request.app.state.viewer_cache
    if cache is not None:
        text += render_samples("biomap_token_cache_lookups_total", "counter",
                               "Bearer token lookups answered from this worker's cache (hit) or the database (miss).",
                               [({"result": "hit"}, cache.hits), ({"result": "miss"}, cache.misses)])
        text += render_samples("biomap_token_cache_listening", "gauge",
                               "1 while this worker listens for token changes (its cache is in use), else 0.",
                               [({}, 1.0 if cache.enabled else 0.0)])
    return PlainTextResponse(text, media_type="text/plain; version=0.0.4")


async def ical_feed(request: Request) -> Response:
    """A secret-URL iCalendar feed (see biomap/booking/ical.py); 404 when unknown or revoked."""
    from biomap.booking.ical import feed_calendar

    token = request.path_params["token"]
    if not token.startswith("cal_") or len(token) > 100:
        return PlainTextResponse("no such calendar", status_code=404)
    # UIDs must not change with the Host a client used (RFC 5545: persistent): the configured
    # public URL names the service, whatever proxy or alias the request came through.
    host = urlsplit(request.app.state.settings.public_url).hostname or "biomap"
    async with request.app.state.db.connection() as conn:
        body = await feed_calendar(conn, token, host)
    if body is None:
        return PlainTextResponse("no such calendar", status_code=404)
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Cache-Control": "private, max-age=300"})


async def index(request: Request) -> Response:
    return RedirectResponse("/graphql")


def freeze_start_up_objects() -> None:
    """Keep what start-up built (schema, analyzer, glossary: ~100,000 objects that live as long as
    the process) out of the garbage collector's full collections. Walking them took a full
    collection ~100 ms, which under load paused a worker every ~15 s: the booking bench's slowest
    requests (README, booking benchmark). Frozen objects are never collected, so garbage is
    collected first."""
    gc.collect()
    gc.freeze()


def search_backend(settings: Settings) -> SearchBackend:
    """The configured search backend (PostgreSQL unless BIOMAP_SEARCH_BACKEND=meilisearch)."""
    if settings.search_backend != "meilisearch":
        return PostgresBackend()
    from biomap.search.meili.backend import MeilisearchBackend
    from biomap.search.meili.settings import meili_config_from_env

    config = meili_config_from_env()
    if config is None:
        raise RuntimeError("BIOMAP_SEARCH_BACKEND=meilisearch needs BIOMAP_MEILI_URL")
    return MeilisearchBackend(config.client(), config.index_uid)


def create_app(settings: Settings, *, database: Database | None = None) -> Starlette:
    """The ASGI app. Without `database`, the lifespan opens a pool on `settings.database_url`."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        owned: PoolDatabase | None = None
        db = database
        if db is None:
            if not settings.database_url:
                raise RuntimeError("BIOMAP_DATABASE_URL is empty: start through `biomap serve` or `biomap demo`")
            pool = await create_pool(
                settings.database_url, min_size=settings.pool_min_size, max_size=settings.pool_max_size
            )
            db = owned = PoolDatabase(pool)
        async with db.connection() as conn:
            await migrate.check_current(conn)
            await migrate.check_hangul_trigrams(conn)
        app.state.db = db
        # Load the Korean analyzer (~1 s, ~500 MB) before traffic, not on the first search.
        await asyncio.to_thread(get_analyzer)
        freeze_start_up_objects()
        sweeper = (asyncio.create_task(sweep_every(db, settings.sweep_interval_seconds))
                   if settings.sweep_interval_seconds > 0 else None)
        token_follower = None
        if owned is not None and settings.token_cache_seconds > 0:
            app.state.viewer_cache = cache = ViewerCache(settings.token_cache_seconds)
            token_follower = asyncio.create_task(follow_viewer_changes(settings.database_url, cache))
        try:
            yield
        finally:
            if token_follower is not None:
                token_follower.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await token_follower
                app.state.viewer_cache = None
            if sweeper is not None:
                sweeper.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await sweeper
            if owned is not None:
                await owned.close()

    graphql = BioMapGraphQL(
        create_schema(settings),
        graphql_ide=None if settings.is_production else "graphiql",
        allow_queries_via_get=False,
        response_cache=ResponseCache(settings.anonymous_cache_seconds) if settings.anonymous_cache_seconds > 0 else None,
        max_request_bytes=settings.max_request_bytes,
    )
    app = Starlette(
        routes=[
            Route("/", index),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics),
            Route("/ical/{token}.ics", ical_feed),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.search_backend = search_backend(settings)
    app.state.institution_directory = InstitutionDirectory()
    app.state.metrics = Metrics()
    # Set by the lifespan when it owns the pool: the cache needs a DSN to listen for changes on.
    app.state.viewer_cache = None
    if database is not None:
        app.state.db = database  # given by the caller (tests): usable without running the lifespan
    return app
