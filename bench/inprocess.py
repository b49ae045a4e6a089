"""In-process measurement (no HTTP, no load generator): where does a GraphQL request's time go?

Each variant runs the benchmark query N times, one after another, against the real benchmark
database through a real pool, so every figure that executes includes the same two SQL round trips:

- `plain`            the baseline: the same SQL and JSON shaping without GraphQL (plain_json_app)
- `strawberry bare`  the app's types on a plain strawberry.Schema: Strawberry's own pipeline,
                     no guards, no caches (what the app's GuardedSchema replaces)
- `schema no-cache`  the app's schema with every guard, but its document cache keeps nothing
- `schema`           the app's schema exactly as create_schema(settings) builds it
- `asgi`             the whole app (Starlette routing, BioMapGraphQL view, JSON encoding) called as
                     an ASGI callable with an in-memory request, micro-cache OFF
                     (anonymous_cache_seconds=0): the HTTP-layer cost on top of `schema`, no sockets
- `asgi cached`      the same with the app's default anonymous micro-cache (1 s): most executions
                     are cache hits (no parse, no execution, no SQL); its hit rate is recorded

Sequential on purpose: with one request at a time the figure is CPU cost per request, not
queueing. The variants run interleaved in chunks of 100, so the speed drifts of a shared virtual
machine (±15 % here within seconds) hit all of them alike. (For `asgi cached` that also means a
miss at the start of most chunks: the 1 s entry has expired while the other variants ran.)

The cache's effect is `schema` vs `schema no-cache`; the guards' cost against Strawberry's own
pipeline is `schema no-cache` vs `strawberry bare`. For the variants with a document cache its hit
rate during the run is recorded too: a cache that never hits costs more than no cache at all.
"""

from __future__ import annotations

import cProfile
import io
import json
import pstats
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Any

import schema_variants
import strawberry
from bench_query import OPERATION_NAME, PAGE_SIZE, QUERY, REQUEST_BODY, operation_counts
from plain_json_app import equipment_page
from starlette.applications import Starlette
from starlette.requests import Request

from biomap.api.context import Context
from biomap.api.schema import create_schema
from biomap.app import create_app
from biomap.config import Environment, Settings
from biomap.db.pool import PoolDatabase, create_pool
from biomap.identity.models import Viewer

WARMUP = 50
DEFAULT_CACHE_SECONDS: float = Settings.model_fields["anonymous_cache_seconds"].default  # the app's default


@dataclass(frozen=True, slots=True)
class InprocessResult:
    variant: str
    executions: int
    per_second: float
    mean_us: float
    validation_cache_hit_rate: float | None  # None: the variant has no document cache
    response_cache_hit_rate: float | None  # the app's anonymous micro-cache; None: not an app with one on

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Variant:
    name: str
    run: Callable[[], Awaitable[None]]
    schema: strawberry.Schema | None = None  # whose document cache to watch
    app: Starlette | None = None  # whose micro-cache hits to count (its Metrics), when it has the cache on


def _context_factory(app: Starlette, db: PoolDatabase, settings: Settings) -> Callable[[], Context]:
    # The metrics read request.app.state.metrics, so the request must carry a real app.
    scope = {"type": "http", "app": app, "method": "POST", "path": "/graphql", "headers": [], "query_string": b""}

    def make() -> Context:
        # A new Context per execution: its DataLoaders live for one request, as in the server.
        return Context(request=Request(scope), db=db, viewer=Viewer.anonymous(), settings=settings)

    return make


def _schema_variant(name: str, schema: strawberry.Schema, make_context: Callable[[], Context]) -> Variant:
    async def run() -> None:
        result = await schema.execute(QUERY, context_value=make_context(), operation_name=OPERATION_NAME)
        if result.errors or not result.data or len(result.data["equipment"]["edges"]) != PAGE_SIZE:
            raise RuntimeError(f"in-process GraphQL answer is wrong: errors={result.errors} data={result.data}")

    return Variant(name, run, schema)


def _app_schema(app: Starlette) -> strawberry.Schema:
    """The schema create_app built for this app (behind its /graphql route)."""
    view = next(r.endpoint for r in app.routes if getattr(r, "path", None) == "/graphql")  # type: ignore[attr-defined]
    return view.schema


def _asgi_variant(name: str, app: Starlette, *, cached: bool) -> Variant:
    body = REQUEST_BODY.encode()
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": "/graphql", "raw_path": b"/graphql", "root_path": "", "query_string": b"",
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
    }

    async def run() -> None:
        chunks: list[bytes] = []
        status = 0

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await app(dict(scope), receive, send)
        answer = json.loads(b"".join(chunks))
        if status != 200 or "errors" in answer:
            raise RuntimeError(f"in-process ASGI answer is wrong: {status} {answer}")

    return Variant(name, run, _app_schema(app), app if cached else None)


def _response_cache_counters(v: Variant) -> tuple[int, int] | None:
    """(hits, executions) so far of the benchmark operation in the variant's app metrics."""
    if v.app is None:
        return None
    counts = operation_counts(v.app.state.metrics.render())
    return counts.get("cached", 0), counts.get("ok", 0) + counts.get("error", 0)


async def _time_interleaved(variants: list[Variant], n: int, chunk: int = 100) -> list[InprocessResult]:
    """N executions per variant, in round-robin chunks: a slow phase of a noisy (virtual) machine
    then slows every variant alike instead of whichever happened to run during it."""
    for v in variants:
        for _ in range(WARMUP):
            await v.run()
    elapsed = [0.0] * len(variants)
    counters: list[list[int]] = [[0, 0] for _ in variants]  # document cache hits, misses
    responses: list[list[int]] = [[0, 0] for _ in variants]  # micro-cache hits, executions
    done = 0
    while done < n:
        size = min(chunk, n - done)
        for i, v in enumerate(variants):
            before = schema_variants.document_cache_counters(v.schema) if v.schema else None
            served_before = _response_cache_counters(v)
            started = time.perf_counter()
            for _ in range(size):
                await v.run()
            elapsed[i] += time.perf_counter() - started
            after = schema_variants.document_cache_counters(v.schema) if v.schema else None
            served_after = _response_cache_counters(v)
            if before is not None and after is not None:
                counters[i][0] += after[0] - before[0]
                counters[i][1] += after[1] - before[1]
            if served_before is not None and served_after is not None:
                responses[i][0] += served_after[0] - served_before[0]
                responses[i][1] += served_after[1] - served_before[1]
        done += size
    results = []
    for v, seconds, (hits, misses), (served, executed) in zip(variants, elapsed, counters, responses, strict=True):
        has_cache = v.schema is not None and schema_variants.document_cache_counters(v.schema) is not None
        rate = hits / (hits + misses) if has_cache and hits + misses else None
        served_rate = served / (served + executed) if v.app is not None and served + executed else None
        results.append(InprocessResult(v.name, n, n / seconds, seconds / n * 1e6, rate, served_rate))
    return results


async def measure(dsn: str, n: int, *, profile: bool = False) -> tuple[list[InprocessResult], str | None]:
    """Run every variant N times; with `profile`, also cProfile N executions of the app's schema."""
    settings = Settings(environment=Environment.PRODUCTION, database_url=dsn)
    pool = await create_pool(dsn, min_size=settings.pool_min_size, max_size=settings.pool_max_size)
    db = PoolDatabase(pool)
    try:
        # Real routes, view and Metrics; no lifespan needed. The micro-cache is explicit either way,
        # whatever BIOMAP_ANONYMOUS_CACHE_SECONDS says: off measures execution, on is the app default.
        app = create_app(settings.model_copy(update={"anonymous_cache_seconds": 0.0}), database=db)
        cached_app = create_app(settings.model_copy(update={"anonymous_cache_seconds": DEFAULT_CACHE_SECONDS}),
                                database=db)
        make_context = _context_factory(app, db, settings)
        schema = create_schema(settings)
        variants = [
            Variant("plain (same SQL, no GraphQL)", lambda: equipment_page(db)),
            _schema_variant("strawberry bare (Strawberry's pipeline, no guards)",
                            schema_variants.strawberry_bare(schema), make_context),
            _schema_variant("schema no-cache (every guard, documents not cached)",
                            schema_variants.without_caches(schema), make_context),
            _schema_variant("schema (create_schema as is)", schema, make_context),
            _asgi_variant("asgi (create_app, micro-cache off)", app, cached=False),
            _asgi_variant(f"asgi cached (create_app, micro-cache {DEFAULT_CACHE_SECONDS:g} s)", cached_app, cached=True),
        ]
        results = await _time_interleaved(variants, n)
        report = await _profile(variants[3].run, n) if profile else None
        return results, report
    finally:
        await db.close()


async def _profile(run: Callable[[], Awaitable[None]], n: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(n):
        await run()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)
    return out.getvalue()
