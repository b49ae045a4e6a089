"""Search benchmark: GraphQL `search` and `suggest` over 100,000 imported equipment records, next to
the raw SQL of the same searches, plus import + indexing time, server memory and relevance.

    .venv/bin/python bench/search.py [--rows 100000] [--duration 20] [--connections 8] [--workers 2]
    .venv/bin/python bench/search.py --rows 5000 --duration 8 --skip-relevance     # quick look

1. Database: a fresh embedded PostgreSQL in a temp dir (or a new database on
   BIOMAP_BENCH_DATABASE_URL, dropped afterwards), migrated, then `biomap seed` (the demo
   institutions, glossary-backed documents) run as a subprocess.
2. Data: search_data.py writes a uniquip CSV of N synthetic equipment rows (Korean, English, mixed;
   fixed seed). `biomap import uniquip FILE` imports it as a subprocess (its tqdm bar shown through a
   pseudo-terminal); the wall time is the import + indexing time. Then the equipment and
   search_document rows are counted and the tables are VACUUM ANALYZEd (as autovacuum would soon).
3. Workload: search_queries.py: 1,000 queries of the relevance suite's kinds and 200 suggest
   prefixes. Each query is analysed once with the app's analyzer (timed: the analyzer's share).
4. Raw SQL: 8 asyncio tasks over a pool built like the app's (biomap.db.pool.create_pool), each
   request = exactly the SQL PostgresBackend.search runs for an anonymous viewer: pg_queries.search,
   one statement (and the relaxed retry when every-word found nothing); suggest = suggest_names +
   suggest_catalogue. The 1,000 queries are cycled for the same duration as the HTTP load.
5. GraphQL: `uvicorn --factory biomap.asgi:app --workers 2`, production settings, micro-cache off
   (BIOMAP_ANONYMOUS_CACHE_SECONDS=0): every request really searches. First a correctness pass
   (a sample of queries: no errors, same hits as the raw SQL), then wrk (Lua script cycling through
   the 1,000 bodies; every answer checked for `errors`) with 8 connections: `search` (first: 10,
   facets, highlights, nodes with their institution: a result page), then `suggest`, then
   `suggest` paced (openloop.py): due at --suggest-rate per second (500) over the same 8
   connections, latency from each request's due time: p95 at that load, where wrk gives
   saturation.
   The uvicorn workers' RSS is sampled every 0.2 s from start-up to the end (peak per worker and
   of their sum); CPU per request of the server and PostgreSQL is metered.
6. Sequential (1 client): each query once through the analyzer, the raw SQL and GraphQL: the
   latency breakdown of one request. EXPLAIN (ANALYZE, BUFFERS) of the slowest raw queries.
7. Relevance: `pytest tests/search/test_relevance.py -s` (seeded catalogue, graded judgments), its
   nDCG@10 / recall@10 table parsed; plus category precision@10 of the 1,000 queries over the
   100,000 records (a hit counts when its category is the one the query names).

Figures are printed and written to bench/results/search-<timestamp>.json (see search_README.md).
Ctrl-C or SIGTERM stops the servers and the database and removes the temp dirs.
"""

from __future__ import annotations

import argparse
import contextlib
import asyncio
import datetime as dt
import fcntl
import functools
import json
import os
import pty
import re
import select
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Self

import asyncpg
import httpx
import loadgen
import openloop
import psutil
import search_data
import search_queries
from catalogue import (  # read-only reuse
    BenchDatabase,
    benchmark_database,
)

from biomap.db import migrate
from biomap.db.embedded import create_database
from biomap.db.pool import connect, create_pool, init_connection

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
VENV_BIN = Path(sys.executable).parent
PAGE_SIZE = 10  # GraphQL `first`; the service asks the backend for first + 1
SUGGEST_SIZE = 8
TARGETS = {"search_p95_ms": 30.0, "suggest_p95_ms": 10.0, "ndcg10": 0.90, "import_s": 60.0}
# Categories close enough that a hit of one answers a query naming the other.
CATEGORY_FAMILIES = ({"LC_MS", "MASS_SPECTROMETER"}, {"BIOREACTOR", "SINGLE_USE_BIOREACTOR"})

SEARCH_QUERY = """query SearchPage($q: String!, $kinds: [SearchKind!], $filter: SearchFilterInput, $first: Int) {
  search(query: $q, kinds: $kinds, filter: $filter, first: $first) {
    totalCount
    facets { field values { value label count } }
    pageInfo { hasNextPage endCursor }
    edges {
      cursor score
      highlights { field snippet }
      node {
        __typename
        ... on Equipment { id name nameEn category manufacturer model status accessPolicy
                           rates { academicKrw } institution { id nameKo nameEn zone } }
        ... on Technology { id titleKo titleEn kind institution { id nameKo nameEn zone } }
        ... on Trainee { id displayName course desiredRole institution { id nameKo nameEn zone } }
        ... on Supplier { id code nameKo nameEn zone }
      }
    }
  }
}"""
SUGGEST_QUERY = """query Suggest($p: String!, $first: Int) { suggest(prefix: $p, first: $first) { text kind code } }"""


def search_body(q: search_queries.Query) -> str:
    variables: dict[str, Any] = {"q": q.text, "first": PAGE_SIZE}
    if q.search_kinds:
        variables["kinds"] = list(q.search_kinds)
    if q.filter:
        variables["filter"] = q.filter
    return json.dumps({"query": SEARCH_QUERY, "operationName": "SearchPage", "variables": variables},
                      ensure_ascii=False, separators=(",", ":"))


def suggest_body(prefix: str) -> str:
    return json.dumps({"query": SUGGEST_QUERY, "operationName": "Suggest",
                       "variables": {"p": prefix, "first": SUGGEST_SIZE}}, ensure_ascii=False, separators=(",", ":"))


# ---- statistics ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Latency:
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float
    errors: int = 0

    @staticmethod
    def of(samples_ms: Sequence[float], seconds: float, errors: int = 0) -> Latency:
        s = sorted(samples_ms)
        return Latency(len(s), round(seconds, 3), len(s) / seconds if seconds else 0.0, pct(s, 50), pct(s, 90),
                       pct(s, 95), pct(s, 99), s[-1] if s else 0.0, statistics.fmean(s) if s else 0.0, errors)


def pct(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile."""
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, max(0, -(-len(sorted_values) * q // 100) - 1))]


# ---- database and import ------------------------------------------------------------------------


@dataclass
class ImportResult:
    rows: int
    csv_mb: float
    generate_s: float
    seed_s: float
    import_s: float
    rows_per_s: float
    exit_code: int
    summary: str  # the importer's last stdout line
    progress: str  # tqdm's last line
    equipment_rows: int
    search_documents: dict[str, int]
    vacuum_analyze_s: float
    table_mb: dict[str, float]


def run_cli(args: list[str], dsn: str, *, tty: bool = False) -> tuple[int, str, str, float]:
    """`biomap ARGS` with BIOMAP_DATABASE_URL=dsn, cwd = project root. With tty=True its stderr is a
    pseudo-terminal (tqdm only draws its bar on a terminal), echoed live to ours."""
    env = {**os.environ, "BIOMAP_DATABASE_URL": dsn, "BIOMAP_LOG_LEVEL": "WARNING"}
    cmd = [str(VENV_BIN / "biomap"), *args]
    started = time.perf_counter()
    if not tty:
        done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
        return done.returncode, done.stdout, done.stderr, time.perf_counter() - started
    master, slave = pty.openpty()
    # A new pseudo-terminal is 0 x 0, and tqdm draws nothing on a terminal without rows.
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 110, 0, 0))
    proc = subprocess.Popen(cmd, env={**env, "COLUMNS": "110"}, cwd=ROOT, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    captured = bytearray()
    while True:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                chunk = b""
            if not chunk:
                break
            captured += chunk
            sys.stderr.buffer.write(chunk)
            sys.stderr.flush()
        elif proc.poll() is not None:
            break
    os.close(master)
    stdout = proc.stdout.read().decode() if proc.stdout else ""
    code = proc.wait()
    return code, stdout, captured.decode(errors="replace"), time.perf_counter() - started


def import_catalogue(db: BenchDatabase, rows: int, work_dir: Path) -> ImportResult:
    code, out, err, seed_s = run_cli(["seed"], db.dsn)
    if code:
        raise SystemExit(f"FAIL: biomap seed exited {code}:\n{out}\n{err}")
    print(f"seeded in {seed_s:.1f} s: {out.strip()}", flush=True)
    started = time.perf_counter()
    data = search_data.generate_rows(rows)
    csv_path = work_dir / "equipment.csv"
    search_data.write_csv(data, csv_path)
    generate_s = time.perf_counter() - started
    size_mb = csv_path.stat().st_size / 1e6
    print(f"generated {rows:,} rows ({size_mb:.1f} MB) in {generate_s:.1f} s; importing ...", flush=True)
    code, out, err, import_s = run_cli(["import", "uniquip", str(csv_path)], db.dsn, tty=True)
    print(flush=True)
    summary = out.strip().splitlines()[-1] if out.strip() else ""
    if code not in (0, 2) or not summary:
        raise SystemExit(f"FAIL: biomap import exited {code}:\n{out[-3000:]}\n{err[-3000:]}")
    progress = [ln for ln in re.split(r"[\r\n]+", err) if "row" in ln and "%" in ln or "it/s" in ln or "row/s" in ln]
    counts, vacuum_s, sizes = asyncio.run(_after_import(db.dsn))
    return ImportResult(
        rows=rows, csv_mb=round(size_mb, 1), generate_s=round(generate_s, 2), seed_s=round(seed_s, 2),
        import_s=round(import_s, 2), rows_per_s=rows / import_s, exit_code=code, summary=summary,
        progress=re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", progress[-1]).strip() if progress else "",
        equipment_rows=counts.pop("equipment"), search_documents=counts, vacuum_analyze_s=round(vacuum_s, 2),
        table_mb=sizes,
    )


async def _after_import(dsn: str) -> tuple[dict[str, int], float, dict[str, float]]:
    conn = await connect(dsn)
    try:
        counts = {"equipment": await conn.fetchval("SELECT count(*) FROM equipment")}
        for r in await conn.fetch("SELECT kind, count(*) AS n FROM search_document GROUP BY kind ORDER BY kind"):
            counts[r["kind"]] = r["n"]
        started = time.perf_counter()
        await conn.execute("VACUUM (ANALYZE) search_document")
        await conn.execute("VACUUM (ANALYZE) search_match")
        await conn.execute("VACUUM (ANALYZE) equipment")
        vacuum_s = time.perf_counter() - started
        sizes = {r["t"]: round(r["mb"], 1) for r in await conn.fetch(
            """SELECT t, pg_total_relation_size(t)::float8 / 1e6 AS mb
                 FROM unnest(ARRAY['search_document', 'search_match', 'equipment', 'audit_log', 'outbox']) AS t
                WHERE to_regclass(t) IS NOT NULL""")}
        return counts, vacuum_s, sizes
    finally:
        await conn.close()


async def existing_counts(dsn: str) -> dict[str, Any]:
    conn = await connect(dsn)
    try:
        return {"equipment_rows": await conn.fetchval("SELECT count(*) FROM equipment"),
                "search_documents": {r["kind"]: r["n"] for r in await conn.fetch(
                    "SELECT kind, count(*) AS n FROM search_document GROUP BY kind ORDER BY kind")}}
    finally:
        await conn.close()


async def postgres_settings(dsn: str) -> dict[str, str]:
    """The PostgreSQL settings the figures depend on most (128MB shared_buffers, the default, cannot
    hold a 100,000-record search working set: pages then come from the OS cache)."""
    conn = await connect(dsn)
    try:
        return {name: await conn.fetchval(f"SHOW {name}")
                for name in ("server_version", "shared_buffers", "work_mem", "jit")}
    finally:
        await conn.close()


# ---- the workload, analysed ---------------------------------------------------------------------


@dataclass
class PreparedSearch:
    query: search_queries.Query
    args: list[Any]
    relaxed_args: list[Any] | None  # PostgresBackend's retry with any word when every word found nothing
    analyze_ms: float
    tokens: int
    concepts: int


def prepare_workload(queries: list[search_queries.Query]) -> tuple[list[PreparedSearch], dict[str, Any]]:
    """Analyse every query once with the app's analyzer (Kiwi load timed and its memory measured)."""
    from biomap.catalogue.search_documents import search_scope
    from biomap.identity.models import Viewer
    from biomap.search.analyzer import get_analyzer
    from biomap.search.models import SearchFilter, SearchKind
    from biomap.search.postgres_backend import match_args, scope_and_filter_args

    me = psutil.Process()
    rss_before = me.memory_info().rss
    started = time.perf_counter()
    analyzer = get_analyzer()
    analyzer.analyze_query("유세포분석기를 예약하고 싶어요 flow cytometers")  # Kiwi's first call is slow
    load_s = time.perf_counter() - started
    kiwi_mb = (me.memory_info().rss - rss_before) / 2**20
    scope = search_scope(Viewer.anonymous())
    prepared = []
    for q in queries:
        from biomap.search.service import clean_query

        text = clean_query(q.text)
        t0 = time.perf_counter()
        analysis = analyzer.analyze_query(text)
        analyze_ms = (time.perf_counter() - t0) * 1000
        kinds = tuple(SearchKind(k) for k in q.search_kinds) if q.search_kinds else tuple(SearchKind)
        filt = SearchFilter(zones=tuple(q.filter["zones"]) if q.filter and "zones" in q.filter else None,
                            categories=tuple(q.filter["categories"]) if q.filter and "categories" in q.filter else None)
        base = scope_and_filter_args(kinds, scope, filt)
        relaxed = base + match_args(analysis, every=False) if len(analysis.tokens) > 1 else None
        prepared.append(PreparedSearch(q, base + match_args(analysis), relaxed, analyze_ms,
                                       len(analysis.tokens), len(analysis.concepts)))
    # A second pass: the steady state of a server that has seen the text before (Analyzer.analyze
    # keeps an LRU cache of texts; analyze_query's own work is redone every time).
    warm = []
    for p in prepared:
        t0 = time.perf_counter()
        analyzer.analyze_query(clean_query(p.query.text))
        warm.append((time.perf_counter() - t0) * 1000)
    cold = sorted(p.analyze_ms for p in prepared)
    warm.sort()
    info = {"analyzer_load_s": round(load_s, 2), "analyzer_rss_mb": round(kiwi_mb, 1),
            "analyze_ms": _summary(cold), "analyze_warm_ms": _summary(warm)}
    return prepared, info


def _summary(sorted_ms: Sequence[float]) -> dict[str, float]:
    return {"p50": pct(sorted_ms, 50), "p95": pct(sorted_ms, 95), "p99": pct(sorted_ms, 99),
            "max": sorted_ms[-1] if sorted_ms else 0.0, "mean": statistics.fmean(sorted_ms) if sorted_ms else 0.0}


async def search_sql(conn: asyncpg.Connection, p: PreparedSearch) -> tuple[list[dict], int, float, float]:
    """Exactly the statements PostgresBackend.search runs (text search, first page): hits, total,
    statement ms (one statement: page, facets and total), and 0 (kept for the report's shape)."""
    from biomap.search import pg_queries

    t0 = time.perf_counter()
    hits, facets = await pg_queries.search(conn, p.args, PAGE_SIZE + 1, 0, browse=False)
    if not hits and p.relaxed_args is not None:
        hits, facets = await pg_queries.search(conn, p.relaxed_args, PAGE_SIZE + 1, 0, browse=False)
    statement_ms = (time.perf_counter() - t0) * 1000
    total = next((r["n"] for r in facets if r["grouping"] == 127), 0)
    return hits, total, statement_ms, 0.0


@functools.cache
def _institution_directory() -> Any:
    """The baseline's InstitutionDirectory: one per process, as each app worker holds one."""
    from biomap.catalogue.institution_directory import InstitutionDirectory

    return InstitutionDirectory()


async def suggest_sql(conn: asyncpg.Connection, prefix: str) -> int:
    """The SQL (and Python) behind `suggest`: names from search_suggestion, categories and
    institutions (from the process's institution directory, reloaded once a minute)."""
    from biomap.catalogue.search_documents import search_scope, suggest_catalogue
    from biomap.identity.models import Viewer
    from biomap.search.postgres_backend import PostgresBackend
    from biomap.search.service import clean_query

    cleaned = clean_query(prefix)
    names = await PostgresBackend().suggest(conn, cleaned, SUGGEST_SIZE, search_scope(Viewer.anonymous()))
    others = suggest_catalogue(cleaned, SUGGEST_SIZE, await _institution_directory().names(conn))
    return len(names) + len(others)


@dataclass
class RawResult:
    latency: Latency
    page_ms: dict[str, float]
    facets_ms: dict[str, float]
    passes: float
    per_item_ms: list[float]  # median latency of each item over the run
    postgres_cpu_ms: float | None


async def raw_load(dsn: str, items: Sequence[Any], call: Callable[[asyncpg.Connection, Any], Awaitable[Any]],
                   *, concurrency: int, duration: float, postmaster_pid: int | None,
                   parts: bool = False, server_settings: dict[str, str] | None = None) -> RawResult:
    """`concurrency` tasks cycle through `items` for `duration` s (each task acquires a pooled
    connection per request, as the app's resolvers do). The pool is the app's (create_pool), or the
    same with `server_settings` (a lever to try)."""
    if server_settings:
        pool = await asyncpg.create_pool(dsn, min_size=concurrency, max_size=concurrency, init=init_connection,
                                         statement_cache_size=512, server_settings=server_settings)
    else:
        pool = await create_pool(dsn, min_size=concurrency, max_size=concurrency)
    samples: list[float] = []
    page: list[float] = []
    facets: list[float] = []
    per_item: list[list[float]] = [[] for _ in items]
    next_index = [0]
    try:
        # Warm every connection's statement cache: the app's pool is warm too.
        for i in range(min(len(items), concurrency * 6)):
            async with pool.acquire() as conn:
                await call(conn, items[i])
        cpu_before = _tree_cpu_seconds(postmaster_pid)
        started = time.perf_counter()
        deadline = started + duration

        async def worker() -> None:
            while time.perf_counter() < deadline:
                i = next_index[0] % len(items)
                next_index[0] += 1
                t0 = time.perf_counter()
                async with pool.acquire() as conn:
                    result = await call(conn, items[i])
                ms = (time.perf_counter() - t0) * 1000
                samples.append(ms)
                per_item[i].append(ms)
                if parts:
                    page.append(result[2])
                    facets.append(result[3])

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
        cpu = _tree_cpu_seconds(postmaster_pid) - cpu_before
    finally:
        await pool.close()
    page.sort()
    facets.sort()
    return RawResult(
        Latency.of(samples, elapsed),
        {"p50": pct(page, 50), "p95": pct(page, 95), "p99": pct(page, 99)} if parts else {},
        {"p50": pct(facets, 50), "p95": pct(facets, 95), "p99": pct(facets, 99)} if parts else {},
        len(samples) / len(items),
        [statistics.median(v) if v else 0.0 for v in per_item],
        cpu * 1000 / len(samples) if postmaster_pid and samples else None,
    )


# ---- relevance at scale: category precision@10 ---------------------------------------------------


def _same_family(a: str | None, b: str) -> bool:
    return a == b or any(a in f and b in f for f in CATEGORY_FAMILIES)


async def category_precision(dsn: str, prepared: list[PreparedSearch]) -> dict[str, Any]:
    """Over the 100,000 records: share of the top 10 hits whose category is the one the query names."""
    conn = await connect(dsn)
    by_kind: dict[str, list[tuple[float, bool, int]]] = {}
    try:
        for p in prepared:
            expected = p.query.expected_category
            if not expected or p.query.search_kinds != ("EQUIPMENT",):
                continue
            rows, total, _, _ = await search_sql(conn, p)
            ids = [r["entity_id"] for r in rows[:PAGE_SIZE] if r["kind"] == "EQUIPMENT"]
            cats = dict(await conn.fetch("SELECT id, category FROM equipment WHERE id = ANY($1::bigint[])", ids))
            hits = [_same_family(cats.get(i), expected) for i in ids]
            precision = sum(hits) / PAGE_SIZE if ids else 0.0
            by_kind.setdefault(p.query.kind, []).append((precision, bool(hits and hits[0]), total))
    finally:
        await conn.close()
    table = {kind: {"queries": len(v), "precision10": statistics.fmean(x[0] for x in v),
                    "first_hit_ok": statistics.fmean(x[1] for x in v),
                    "no_hits": sum(1 for x in v if x[2] == 0)} for kind, v in sorted(by_kind.items())}
    everything = [x for v in by_kind.values() for x in v]
    table["ALL"] = {"queries": len(everything), "precision10": statistics.fmean(x[0] for x in everything),
                    "first_hit_ok": statistics.fmean(x[1] for x in everything),
                    "no_hits": sum(1 for x in everything if x[2] == 0)}
    return table


async def result_sizes(dsn: str, prepared: list[PreparedSearch]) -> dict[str, Any]:
    """How many records each query matches (the facet total): big match sets cost the most."""
    conn = await connect(dsn)
    totals = []
    try:
        for p in prepared:
            _, total, _, _ = await search_sql(conn, p)
            totals.append(total)
    finally:
        await conn.close()
    s = sorted(totals)
    return {"p50": pct(s, 50), "p90": pct(s, 90), "p99": pct(s, 99), "max": s[-1],
            "zero": sum(1 for t in s if t == 0), "over_10000": sum(1 for t in s if t > 10000), "totals": totals}


# ---- EXPLAIN of the slowest queries -------------------------------------------------------------


class _Capture:
    """A stand-in connection that records the statements pg_queries would send."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    async def fetchrow(self, sql: str, *args: Any) -> dict[str, Any]:
        self.calls.append((sql, args))
        return {"hits": [], "facets": []}

    async def execute(self, sql: str, *args: Any) -> str:  # SET LOCAL: not a search statement
        return ""

    def transaction(self) -> contextlib.AbstractAsyncContextManager[None]:
        return contextlib.nullcontext()


async def explain_slowest(dsn: str, prepared: list[PreparedSearch], per_item_ms: list[float], n: int) -> list[dict]:
    from biomap.search import pg_queries

    order = sorted(range(len(prepared)), key=lambda i: per_item_ms[i], reverse=True)[:n]
    conn = await connect(dsn)
    out = []
    try:
        for i in order:
            p = prepared[i]
            capture = _Capture()
            await pg_queries.search(capture, p.args, PAGE_SIZE + 1, 0, browse=False)  # type: ignore[arg-type]
            entry: dict[str, Any] = {"query": p.query.text, "kind": p.query.kind, "median_ms_under_load": per_item_ms[i],
                                     "tokens": p.tokens, "concepts": p.concepts, "statements": []}
            for (sql, args), name in zip(capture.calls, ("search",), strict=True):
                plan = await conn.fetchval(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", *args)
                plan = json.loads(plan)[0] if isinstance(plan, str) else plan[0]
                text = await conn.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", *args)
                entry["statements"].append({
                    "statement": name, "execution_ms": plan["Execution Time"], "planning_ms": plan["Planning Time"],
                    "jit": "JIT" in plan, "plan": "\n".join(r[0] for r in text),
                })
            out.append(entry)
    finally:
        await conn.close()
    return out


# ---- servers and load ---------------------------------------------------------------------------


def _tree_cpu_seconds(pid: int | None) -> float:
    if pid is None:
        return 0.0
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


class MemorySampler:
    """RSS of uvicorn's workers (the supervisor's children) every `interval` s, in a thread."""

    def __init__(self, supervisor_pid: int, interval: float = 0.2) -> None:
        self.supervisor = psutil.Process(supervisor_pid)
        self.interval = interval
        self.peak_per_worker: dict[int, int] = {}
        self.peak_total = 0
        self.supervisor_peak = 0
        self.final: dict[int, dict[str, int]] = {}
        self._kinds: dict[int, bool] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        total = 0
        try:
            self.supervisor_peak = max(self.supervisor_peak, self.supervisor.memory_info().rss)
            workers = self.supervisor.children(recursive=True)
        except psutil.NoSuchProcess:
            return
        for w in workers:
            try:
                if not self._is_worker(w):
                    continue
                rss = w.memory_info().rss
            except psutil.NoSuchProcess:
                continue
            total += rss
            self.peak_per_worker[w.pid] = max(self.peak_per_worker.get(w.pid, 0), rss)
        self.peak_total = max(self.peak_total, total)

    def _is_worker(self, proc: psutil.Process) -> bool:
        """uvicorn's workers are multiprocessing `spawn` children; the resource tracker is not one."""
        known = self._kinds.get(proc.pid)
        if known is None:
            try:
                known = self._kinds[proc.pid] = "resource_tracker" not in " ".join(proc.cmdline())
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                return False
        return known

    def full_info(self) -> None:
        """USS/PSS (what a worker alone holds) once, at the end of the load."""
        for w in self.supervisor.children(recursive=True):
            try:
                if not self._is_worker(w):
                    continue
                m = w.memory_full_info()
                self.final[w.pid] = {"rss": m.rss, "uss": m.uss, "pss": getattr(m, "pss", 0)}
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass

    def report(self) -> dict[str, Any]:
        mb = 2**20
        return {
            "workers": len(self.peak_per_worker),  # more than --workers: some were replaced
            "peak_rss_per_worker_mb": [round(v / mb, 1) for v in self.peak_per_worker.values()],
            "peak_rss_total_mb": round(self.peak_total / mb, 1),
            "supervisor_rss_mb": round(self.supervisor_peak / mb, 1),
            "end_uss_per_worker_mb": [round(v["uss"] / mb, 1) for v in self.final.values()],
            "end_pss_per_worker_mb": [round(v["pss"] / mb, 1) for v in self.final.values()],
        }


_WRK_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local bodies = {
%(bodies)s
}
local threads = {}
local counter = 0
function setup(thread)
  thread:set("offset", #threads * %(stride)d)
  table.insert(threads, thread)
end
function init(args) bad = 0; i = offset end
function request()
  i = i + 1
  return wrk.format(nil, nil, nil, bodies[(i %% #bodies) + 1])
end
function response(status, headers, body)
  if status == 200 and (string.find(body, '"errors"', 1, true) or not string.find(body, '%(marker)s', 1, true)) then
    bad = bad + 1
  end
end
function done(summary, latency, requests)
  local bad_total = 0
  for _, t in ipairs(threads) do bad_total = bad_total + t:get("bad") end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%%d,"duration_us":%%d,"p50_us":%%d,"p90_us":%%d,"p95_us":%%d,"p99_us":%%d,' ..
    '"max_us":%%d,"mean_us":%%d,"status_errors":%%d,"socket_errors":%%d,"bad_bodies":%%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean, e.status, e.connect + e.read + e.write + e.timeout, bad_total))
end
"""


@dataclass
class WrkResult:
    latency: Latency
    non_2xx: int
    socket_errors: int
    bad_bodies: int
    server_cpu_ms: float
    postgres_cpu_ms: float | None


def run_wrk(url: str, bodies: Sequence[str], marker: str, *, connections: int, threads: int,
            duration: float, server_pid: int, postmaster_pid: int | None) -> WrkResult:
    lua = _WRK_LUA % {"bodies": ",\n".join(loadgen._lua_string(b) for b in bodies),
                      "stride": max(1, len(bodies) // max(1, threads)), "marker": marker}
    before = (_tree_cpu_seconds(server_pid), _tree_cpu_seconds(postmaster_pid))
    r = loadgen.run_wrk_script(url, lua, connections=connections, threads=threads, duration=duration, timeout="10s")
    after = (_tree_cpu_seconds(server_pid), _tree_cpu_seconds(postmaster_pid))
    seconds = r["duration_us"] / 1e6
    n = max(1, r["requests"])
    latency = Latency(r["requests"], round(seconds, 3), r["requests"] / seconds, r["p50_us"] / 1000,
                      r["p90_us"] / 1000, r["p95_us"] / 1000, r["p99_us"] / 1000, r["max_us"] / 1000,
                      r["mean_us"] / 1000, r["status_errors"] + r["socket_errors"] + r["bad_bodies"])
    return WrkResult(latency, r["status_errors"], r["socket_errors"], r["bad_bodies"],
                     (after[0] - before[0]) * 1000 / n,
                     (after[1] - before[1]) * 1000 / n if postmaster_pid else None)


def run_paced(url: str, bodies: Sequence[str], marker: str, *, rate: float, connections: int,
              duration: float) -> openloop.OpenLoopResult:
    """The same requests due at a fixed `rate` (open loop, bench/openloop.py): latency at that load,
    counted from each request's due time, where wrk's closed loop measures saturation."""
    encoded = [b.encode() for b in bodies]
    sent = iter(range(10**9))
    want = marker.encode()

    def body_for(n: int) -> tuple[bytes, dict[str, str]]:
        return encoded[next(sent) % len(encoded)], {}

    def classify(status: int, payload: bytes) -> str:
        return "ok" if status == 200 and want in payload and b'"errors"' not in payload else "bad"

    return openloop.run_open_loop(url, rate=rate, connections=connections, duration=duration,
                                  body_for=body_for, classify=classify)


def post(client: httpx.Client, url: str, body: str) -> dict[str, Any]:
    response = client.post(url, content=body.encode(), headers={"Content-Type": "application/json"}, timeout=30)
    if response.status_code != 200:
        raise SystemExit(f"FAIL: {response.status_code}: {response.text[:2000]}")
    data = response.json()
    if data.get("errors"):
        raise SystemExit(f"FAIL: GraphQL errors for {body[-300:]}: {json.dumps(data['errors'], ensure_ascii=False)[:2000]}")
    return data["data"]


async def _raw_ids(dsn: str, prepared: Sequence[PreparedSearch]) -> list[list[int]]:
    conn = await connect(dsn)
    try:
        out = []
        for p in prepared:
            rows, _, _, _ = await search_sql(conn, p)
            out.append([r["entity_id"] for r in rows[:PAGE_SIZE]])
        return out
    finally:
        await conn.close()


def verify_graphql(url: str, dsn: str, prepared: list[PreparedSearch], sample: int) -> dict[str, int]:
    """A sample of the queries through GraphQL: no errors, and the same hits, in the same order,
    as the raw SQL (GraphQL drops hits the viewer may not see: none for the anonymous scope)."""
    from biomap.api.node import from_global_id

    step = max(1, len(prepared) // sample)
    chosen = prepared[::step][:sample]
    expected = asyncio.run(_raw_ids(dsn, chosen))
    mismatches = 0
    with httpx.Client() as client:
        for p, ids in zip(chosen, expected, strict=True):
            got = [from_global_id(e["node"]["id"])[1] for e in post(client, url, search_body(p.query))["search"]["edges"]]
            if got != ids:
                mismatches += 1
                print(f"  differs: {p.query.text!r}: GraphQL {got} vs SQL {ids}", file=sys.stderr)
    if mismatches:
        raise SystemExit(f"FAIL: {mismatches} of {len(chosen)} queries answered differently by GraphQL and SQL")
    return {"checked": len(chosen), "mismatches": mismatches}


def sequential_graphql(url: str, bodies: Sequence[str]) -> list[float]:
    out = []
    with httpx.Client() as client:
        for body in bodies:
            t0 = time.perf_counter()
            response = client.post(url, content=body.encode(), headers={"Content-Type": "application/json"}, timeout=30)
            out.append((time.perf_counter() - t0) * 1000)
            if response.status_code != 200 or '"errors"' in response.text:
                raise SystemExit(f"FAIL: {response.status_code} {response.text[:1000]}")
    return out


async def sequential_sql(dsn: str, prepared: Sequence[PreparedSearch]) -> list[float]:
    pool = await create_pool(dsn, min_size=1, max_size=1)
    out = []
    try:
        for p in prepared[:20]:  # warm the statement cache
            async with pool.acquire() as conn:
                await search_sql(conn, p)
        for p in prepared:
            t0 = time.perf_counter()
            async with pool.acquire() as conn:
                await search_sql(conn, p)
            out.append((time.perf_counter() - t0) * 1000)
    finally:
        await pool.close()
    return out


# ---- relevance suite -----------------------------------------------------------------------------

_TABLE_ROW = re.compile(r"^\|\s*(\S+)\s*\|\s*(\d+)\s*\|\s*([\d.]+)\s*\|\s*([\d.]+)\s*\|\s*$")


def relevance_suite(server_dsn: str) -> dict[str, Any]:
    """tests/search/test_relevance.py against the same PostgreSQL server (it makes its own database)."""
    env = {**os.environ, "BIOMAP_TEST_DATABASE_URL": server_dsn}
    cmd = [sys.executable, "-m", "pytest", "tests/search/test_relevance.py", "-q", "-s", "-p", "no:cacheprovider"]
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    rows = {}
    for line in done.stdout.splitlines():
        m = _TABLE_ROW.match(line.strip())
        if m:
            rows[m[1]] = {"queries": int(m[2]), "ndcg10": float(m[3]), "recall10": float(m[4])}
    tail = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    return {"exit_code": done.returncode, "seconds": round(time.perf_counter() - started, 1), "summary": tail,
            "kinds": rows, "all": rows.get("ALL"),
            "output_tail": "\n".join(done.stdout.splitlines()[-40:]) if done.returncode else ""}


# ---- main ----------------------------------------------------------------------------------------


@contextmanager
def database(args: argparse.Namespace) -> Iterator[BenchDatabase]:
    """--existing-database; or a new database on BIOMAP_BENCH_DATABASE_URL (dropped unless
    --keep-database); or catalogue.py's embedded PostgreSQL in a temp dir (always removed)."""
    if args.existing_database:
        yield BenchDatabase(args.existing_database, _postmaster_pid(args.existing_database))
        return
    external = os.environ.get("BIOMAP_BENCH_DATABASE_URL")
    if external:
        name = f"biomap_bench_search_{uuid.uuid4().hex[:8]}"
        dsn = asyncio.run(create_database(external, name))
        try:
            yield BenchDatabase(dsn, _postmaster_pid(dsn))
        finally:
            if args.keep_database:
                print(f"kept: {dsn}", file=sys.stderr)
            else:
                asyncio.run(_drop_database(external, name))
        return
    with benchmark_database() as db:
        yield db


async def _drop_database(admin_dsn: str, name: str) -> None:
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def _postmaster_pid(dsn: str) -> int | None:
    """The server's postmaster when it runs on this machine (its CPU time is then metered)."""
    async def parent_of_backend() -> int | None:
        conn = await asyncpg.connect(dsn)
        try:  # asked while connected: the backend process ends with the connection
            return psutil.Process(await conn.fetchval("SELECT pg_backend_pid()")).ppid()
        except psutil.Error:
            return None
        finally:
            await conn.close()

    try:
        return asyncio.run(parent_of_backend())
    except (OSError, asyncpg.PostgresError):
        return None


@dataclass(frozen=True, slots=True)
class Server:
    url: str
    base_url: str
    pid: int  # uvicorn's supervisor; the workers are its children
    log_path: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def app_server(dsn: str, workers: int, log_dir: Path) -> Iterator[Server]:
    """`uvicorn --factory biomap.asgi:app --workers N`, production settings, response cache off, in its
    own process group (stopped with all its workers on exit). uvicorn logs at info level so that its
    supervisor's "Child process [..] died" (a worker replaced after a failed 5 s health check) is kept;
    access logs are off and the app logs warnings only."""
    port = _free_port()
    log_path = log_dir / f"uvicorn-{port}.log"
    env = {**os.environ, "BIOMAP_DATABASE_URL": dsn, "BIOMAP_ENVIRONMENT": "production",
           "BIOMAP_LOG_LEVEL": "WARNING", "BIOMAP_ANONYMOUS_CACHE_SECONDS": "0"}
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "biomap.asgi:app", "--host", "127.0.0.1", "--port", str(port),
           "--workers", str(workers), "--no-access-log", "--log-level", "info"]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        streak = 0
        while streak < 10 * workers:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the app did not start; its log:\n{log_path.read_text(errors='replace')[-4000:]}")
            try:
                ok = httpx.get(base + "/healthz", timeout=1.0).status_code == 200
            except httpx.HTTPError:
                ok = False
            streak = streak + 1 if ok else 0
            time.sleep(0.05 if ok else 0.2)
        yield Server(base + "/graphql", base, proc.pid, log_path)
    finally:
        if proc.poll() is None:
            os.killpg(os.getpgid(proc.pid), signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(os.getpgid(proc.pid), signal.SIGKILL)
                proc.wait()


def worker_deaths(server: Server) -> list[str]:
    return [ln.strip() for ln in server.log_path.read_text(errors="replace").splitlines() if "died" in ln]


def warm_workers(url: str, bodies: Sequence[str], requests: int) -> list[float]:
    """Korean searches on a fresh connection each (so every worker gets some), one at a time: each
    worker's first search pays Kiwi's lazy initialisation (see the README)."""
    out = []
    for i in range(requests):
        with httpx.Client() as client:
            t0 = time.perf_counter()
            client.post(url, content=bodies[i % len(bodies)].encode(), headers={"Content-Type": "application/json"},
                        timeout=60)
            out.append((time.perf_counter() - t0) * 1000)
    return out


def run(args: argparse.Namespace, report: dict[str, Any]) -> dict[str, Any]:
    """Fills `report` as it goes (so an interrupted run can still write what it measured)."""
    if not loadgen.wrk_available():
        raise SystemExit(loadgen.WRK_INSTALL_HINT)
    report |= {"benchmark": "search", "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                              "machine": {"cpus": os.cpu_count(), "loadavg_before": list(os.getloadavg())},
                              "settings": {k: v for k, v in vars(args).items() if k != "existing_database"},
                              "code": _git_state()}
    queries = search_queries.search_queries()
    prefixes = search_queries.suggest_prefixes()
    with database(args) as db, tempfile.TemporaryDirectory(prefix="biomap-search-bench-") as work:
        if args.existing_database:
            report["import"] = None
            report["data"] = asyncio.run(existing_counts(db.dsn))
            print(f"existing database: {report['data']}", flush=True)
        else:
            async def prepare_db() -> None:
                conn = await connect(db.dsn)
                try:
                    await migrate.migrate(conn)
                    await migrate.check_hangul_trigrams(conn)
                finally:
                    await conn.close()

            asyncio.run(prepare_db())
            imported = import_catalogue(db, args.rows, Path(work))
            report["import"] = asdict(imported)
            report["data"] = {"equipment_rows": imported.equipment_rows, "search_documents": imported.search_documents}
            print(f"import + indexing: {imported.rows:,} rows in {imported.import_s:.1f} s "
                  f"({imported.rows_per_s:,.0f} rows/s); {imported.summary}", flush=True)

        report["postgres"] = asyncio.run(postgres_settings(db.dsn))
        print(f"analysing {len(queries)} queries ...", flush=True)
        prepared, analyzer_info = prepare_workload(queries)
        report["workload"] = {"queries": len(queries), "prefixes": len(prefixes),
                              "by_kind": dict(sorted(_count(q.kind for q in queries).items())),
                              "judged": sum(q.judged for q in queries),
                              "filtered": sum(q.filter is not None for q in queries)}
        report["analyzer"] = analyzer_info
        sizes = asyncio.run(result_sizes(db.dsn, prepared))
        report["match_sizes"] = {k: v for k, v in sizes.items() if k != "totals"}

        print(f"raw SQL: search, {args.connections} tasks, {args.duration:g} s ...", flush=True)
        raw_search = asyncio.run(raw_load(db.dsn, prepared, search_sql, concurrency=args.connections,
                                          duration=args.duration, postmaster_pid=db.postmaster_pid, parts=True))
        print(f"raw SQL: suggest, {args.connections} tasks, {args.suggest_duration:g} s ...", flush=True)
        raw_suggest = asyncio.run(raw_load(db.dsn, prefixes, suggest_sql, concurrency=args.connections,
                                           duration=args.suggest_duration, postmaster_pid=db.postmaster_pid))
        raw_serial = None
        if args.levers:
            print(f"raw SQL: search with parallel query off (a lever), {args.duration:g} s ...", flush=True)
            raw_serial = asyncio.run(raw_load(db.dsn, prepared, search_sql, concurrency=args.connections,
                                              duration=args.duration, postmaster_pid=db.postmaster_pid, parts=True,
                                              server_settings={"max_parallel_workers_per_gather": "0"}))
        report["raw_sql"] = {
            "search": {**asdict(raw_search.latency), "page_ms": raw_search.page_ms, "facets_ms": raw_search.facets_ms,
                       "passes": round(raw_search.passes, 2), "postgres_cpu_ms": raw_search.postgres_cpu_ms},
            "suggest": {**asdict(raw_suggest.latency), "passes": round(raw_suggest.passes, 2),
                        "postgres_cpu_ms": raw_suggest.postgres_cpu_ms},
        }
        if raw_serial:
            report["raw_sql"]["search_no_parallel"] = {
                **asdict(raw_serial.latency), "page_ms": raw_serial.page_ms, "facets_ms": raw_serial.facets_ms,
                "passes": round(raw_serial.passes, 2), "postgres_cpu_ms": raw_serial.postgres_cpu_ms}
        search_bodies = [search_body(p.query) for p in prepared]
        suggest_bodies = [suggest_body(x) for x in prefixes]

        with tempfile.TemporaryDirectory(prefix="biomap-search-logs-") as logs:
            started = time.perf_counter()
            with app_server(db.dsn, args.workers, Path(logs)) as server:
                start_s = time.perf_counter() - started
                with MemorySampler(server.pid) as memory:
                    korean = [b for b, p in zip(search_bodies, prepared, strict=True)
                              if search_data.has_hangul(p.query.text)]
                    warm = warm_workers(server.url, korean, 8 * args.workers)
                    print(f"server up in {start_s:.1f} s; first searches {max(warm):.0f} ms at most; checking "
                          "answers ...", flush=True)
                    report["correctness"] = verify_graphql(server.url, db.dsn, prepared, args.verify)
                    common = {"connections": args.connections, "threads": args.threads,
                              "server_pid": server.pid, "postmaster_pid": db.postmaster_pid}
                    deaths_before = len(worker_deaths(server))
                    print(f"wrk: search warm-up {args.warmup:g} s, then {args.duration:g} s ...", flush=True)
                    run_wrk(server.url, search_bodies, '"search"', duration=args.warmup, **common)
                    gql_search = run_wrk(server.url, search_bodies, '"search"', duration=args.duration, **common)
                    deaths_search = len(worker_deaths(server)) - deaths_before
                    print(f"wrk: suggest {args.suggest_duration:g} s ...", flush=True)
                    run_wrk(server.url, suggest_bodies, '"suggest"', duration=min(args.warmup, 2), **common)
                    gql_suggest = run_wrk(server.url, suggest_bodies, '"suggest"', duration=args.suggest_duration,
                                          **common)
                    paced_suggest = None
                    if args.suggest_rate:
                        print(f"paced: suggest due at {args.suggest_rate:g}/s, {args.suggest_duration:g} s ...",
                              flush=True)
                        paced_suggest = run_paced(server.url, suggest_bodies, '"suggest"', rate=args.suggest_rate,
                                                  connections=args.connections, duration=args.suggest_duration)
                    memory.full_info()
                    sequential = None
                    if args.sequential:
                        print("sequential: each query once through GraphQL and the raw SQL ...", flush=True)
                        step = max(1, len(prepared) // args.sequential_queries)
                        subset = prepared[::step][: args.sequential_queries]
                        seq_gql = sequential_graphql(server.url, [search_body(p.query) for p in subset])
                        seq_sql = asyncio.run(sequential_sql(db.dsn, subset))
                        sequential = _breakdown(subset, seq_gql, seq_sql)
                deaths = worker_deaths(server)
                report["server"] = {"start_s": round(start_s, 1), "memory": memory.report(),
                                    "warmup_ms": [round(x, 1) for x in warm], "worker_deaths": deaths,
                                    "worker_deaths_during_search_load": deaths_search}
        for name, r in (("search", gql_search), ("suggest", gql_suggest)):
            if r.non_2xx or r.socket_errors or r.bad_bodies:
                raise SystemExit(f"FAIL: GraphQL {name}: {r.non_2xx} non-2xx, {r.socket_errors} socket errors, "
                                 f"{r.bad_bodies} answers with errors")
        report["graphql"] = {name: {**asdict(r.latency), "server_cpu_ms": r.server_cpu_ms,
                                    "postgres_cpu_ms": r.postgres_cpu_ms}
                             for name, r in (("search", gql_search), ("suggest", gql_suggest))}
        if paced_suggest is not None:
            if paced_suggest.counts.get("bad") or paced_suggest.socket_errors:
                raise SystemExit(f"FAIL: paced suggest: {paced_suggest.counts}, {paced_suggest.socket_errors} "
                                 "socket errors")
            report["graphql"]["suggest_paced"] = paced_suggest.as_dict()
        report["ratio_graphql_to_raw"] = {
            name: {"rps": report["graphql"][name]["rps"] / report["raw_sql"][name]["rps"],
                   "p50": report["graphql"][name]["p50_ms"] / report["raw_sql"][name]["p50_ms"],
                   "p95": report["graphql"][name]["p95_ms"] / report["raw_sql"][name]["p95_ms"],
                   "p99": report["graphql"][name]["p99_ms"] / report["raw_sql"][name]["p99_ms"]}
            for name in ("search", "suggest")}
        report["sequential"] = sequential
        slowest = sorted(range(len(prepared)), key=lambda i: raw_search.per_item_ms[i], reverse=True)
        report["slowest_raw"] = [{"query": prepared[i].query.text, "kind": prepared[i].query.kind,
                                  "median_ms_under_load": round(raw_search.per_item_ms[i], 2),
                                  "matches": sizes["totals"][i], "tokens": prepared[i].tokens,
                                  "concepts": prepared[i].concepts} for i in slowest[:15]]
        if args.explain:
            print(f"EXPLAIN ANALYZE of the {args.explain} slowest queries ...", flush=True)
            report["explain"] = asyncio.run(explain_slowest(db.dsn, prepared, raw_search.per_item_ms, args.explain))
        print("category precision@10 over the whole catalogue ...", flush=True)
        report["category_precision"] = asyncio.run(category_precision(db.dsn, prepared))
        if not args.skip_relevance:
            print("relevance suite (pytest tests/search/test_relevance.py) ...", flush=True)
            report["relevance"] = relevance_suite(db.dsn)
        else:
            report["relevance"] = None
    report["machine"]["loadavg_after"] = list(os.getloadavg())
    report["targets"] = targets(report)
    return report


def _git_state() -> dict[str, Any]:
    def git(*a: str) -> str:
        return subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True, check=False).stdout

    return {"commit": git("rev-parse", "--short", "HEAD").strip(),
            "dirty": [ln[3:] for ln in git("status", "--porcelain").splitlines()
                      if ln[3:] and not ln[3:].startswith("bench/")]}


def _count(items: Iterator[str] | Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in items:
        out[i] = out.get(i, 0) + 1
    return out


def _breakdown(prepared: Sequence[PreparedSearch], gql: list[float], sql: list[float]) -> dict[str, Any]:
    analyze = sorted(p.analyze_ms for p in prepared)
    g, s = sorted(gql), sorted(sql)
    rest = sorted(a - b - p.analyze_ms for a, b, p in zip(gql, sql, prepared, strict=True))
    return {"queries": len(gql),
            "graphql_ms": {"p50": pct(g, 50), "p95": pct(g, 95), "mean": statistics.fmean(g)},
            "sql_ms": {"p50": pct(s, 50), "p95": pct(s, 95), "mean": statistics.fmean(s)},
            "analyzer_ms": {"p50": pct(analyze, 50), "p95": pct(analyze, 95), "mean": statistics.fmean(analyze)},
            "rest_ms": {"p50": pct(rest, 50), "p95": pct(rest, 95), "mean": statistics.fmean(rest)}}


def targets(report: dict[str, Any]) -> dict[str, Any]:
    g = report["graphql"]
    rel = (report.get("relevance") or {}).get("all")
    imp = report.get("import")
    return {
        "search_p95": {"target_ms": TARGETS["search_p95_ms"], "measured_ms": g["search"]["p95_ms"],
                       "met": g["search"]["p95_ms"] <= TARGETS["search_p95_ms"]},
        "suggest_p95": {"target_ms": TARGETS["suggest_p95_ms"], "measured_ms": g["suggest"]["p95_ms"],
                        "met": g["suggest"]["p95_ms"] <= TARGETS["suggest_p95_ms"]},
        "ndcg10": {"target": TARGETS["ndcg10"], "measured": rel["ndcg10"] if rel else None,
                   "met": bool(rel and rel["ndcg10"] >= TARGETS["ndcg10"])},
        "import": {"target_s": TARGETS["import_s"], "measured_s": imp["import_s"] if imp else None,
                   "rows": imp["rows"] if imp else None,
                   "met": bool(imp and imp["rows"] >= 100_000 and imp["import_s"] < TARGETS["import_s"])},
    }


# ---- report --------------------------------------------------------------------------------------


def print_report(r: dict[str, Any]) -> None:
    print("\n=== Bio Map search benchmark ===")
    code = r["code"]
    print(f"code: {code['commit']}{' + uncommitted ' + ', '.join(code['dirty']) if code['dirty'] else ''}")
    print("PostgreSQL: " + ", ".join(f"{k} {v}" for k, v in r.get("postgres", {}).items()))
    d = r["data"]
    print(f"data: {d['equipment_rows']:,} equipment; search documents {d['search_documents']}")
    imp = r.get("import")
    if imp:
        print(f"import + indexing: {imp['rows']:,} rows in {imp['import_s']:.1f} s = {imp['rows_per_s']:,.0f} rows/s "
              f"(seed {imp['seed_s']:.1f} s, CSV generation {imp['generate_s']:.1f} s, VACUUM ANALYZE "
              f"{imp['vacuum_analyze_s']:.1f} s); {imp['summary']}")
        print(f"  tables after import (MB): {imp['table_mb']}")
    w, a = r["workload"], r["analyzer"]
    print(f"workload: {w['queries']} queries ({w['judged']} judged, {w['filtered']} filtered), {w['prefixes']} prefixes")
    ms = r["match_sizes"]
    print(f"  records matched per query: p50 {ms['p50']:,}, p90 {ms['p90']:,}, p99 {ms['p99']:,}, max {ms['max']:,}; "
          f"{ms['zero']} with none, {ms['over_10000']} over 10,000")
    print(f"analyzer: Kiwi load {a['analyzer_load_s']:.1f} s, +{a['analyzer_rss_mb']:.0f} MB RSS; analyze_query "
          f"first time p50 {a['analyze_ms']['p50']:.2f} / p95 {a['analyze_ms']['p95']:.2f} / max "
          f"{a['analyze_ms']['max']:.1f} ms; seen before p50 {a['analyze_warm_ms']['p50']:.2f} / p95 "
          f"{a['analyze_warm_ms']['p95']:.2f} ms")
    conns = r["settings"]["connections"]
    print(f"\n{'':<34}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}  CPU ms/req:{'app':>7}{'pg':>8}")
    for name in ("search", "suggest"):
        for label, row in ((f"GraphQL {name} ({conns} clients)", r["graphql"][name]),
                           (f"raw SQL {name} ({conns} tasks)", r["raw_sql"][name])):
            app = f"{row['server_cpu_ms']:>7.1f}" if "server_cpu_ms" in row else f"{'-':>7}"
            pg = f"{row['postgres_cpu_ms']:>8.1f}" if row.get("postgres_cpu_ms") is not None else f"{'-':>8}"
            print(f"{label:<34}{row['rps']:>8.0f}{row['p50_ms']:>9.2f}{row['p95_ms']:>9.2f}{row['p99_ms']:>9.2f}"
                  f"{row['max_ms']:>9.1f}  {'':>10}{app}{pg}")
    paced = r["graphql"].get("suggest_paced")
    if paced:
        print(f"{'GraphQL suggest, ' + format(paced['rate'], '.0f') + '/s due (paced)':<34}{paced['requests_per_s']:>8.0f}"
              f"{paced['p50_ms']:>9.2f}{paced['p95_ms']:>9.2f}{paced['p99_ms']:>9.2f}{paced['max_ms']:>9.1f}"
              f"  (open loop over {paced['connections']} connections, latency from each request's due time)")
    if "search_no_parallel" in r["raw_sql"]:
        row = r["raw_sql"]["search_no_parallel"]
        pg = f"{row['postgres_cpu_ms']:>8.1f}" if row.get("postgres_cpu_ms") is not None else f"{'-':>8}"
        print(f"{'lever: raw SQL search, no parallel':<34}{row['rps']:>8.0f}{row['p50_ms']:>9.2f}{row['p95_ms']:>9.2f}"
              f"{row['p99_ms']:>9.2f}{row['max_ms']:>9.1f}  {'':>10}{'-':>7}{pg}")
    for name in ("search", "suggest"):
        ratio = r["ratio_graphql_to_raw"][name]
        print(f"ratio GraphQL / raw SQL, {name}: req/s {ratio['rps']:.2f}, p50 {ratio['p50']:.2f}x, "
              f"p95 {ratio['p95']:.2f}x, p99 {ratio['p99']:.2f}x")
    raw = r["raw_sql"]["search"]
    print(f"raw search SQL (one statement: page, facets, total): p50 {raw['page_ms']['p50']:.2f} / "
          f"p95 {raw['page_ms']['p95']:.2f} ms")
    seq = r.get("sequential")
    if seq:
        print(f"one request at a time, {seq['queries']} queries (mean / p50 / p95 ms): GraphQL {_3(seq['graphql_ms'])} = analyzer "
              f"{_3(seq['analyzer_ms'])} + SQL {_3(seq['sql_ms'])} + rest (HTTP, GraphQL, loaders, highlights) "
              f"{_3(seq['rest_ms'])}")
    m = r["server"]["memory"]
    if r["server"]["worker_deaths"]:
        print(f"WARNING: uvicorn replaced {len(r['server']['worker_deaths'])} workers that failed its 5 s health "
              f"check ({r['server']['worker_deaths_during_search_load']} during the search load): the figures above "
              "include their restarts.")
    print(f"\nserver memory (uvicorn --workers {m['workers']}): peak RSS per worker {m['peak_rss_per_worker_mb']} MB, "
          f"peak total {m['peak_rss_total_mb']:.0f} MB (+ supervisor {m['supervisor_rss_mb']:.0f} MB); "
          f"USS at the end {m['end_uss_per_worker_mb']} MB; the Kiwi analyzer alone is ~{a['analyzer_rss_mb']:.0f} MB "
          "per worker")
    print(f"correctness: {r['correctness']['checked']} queries answered identically by GraphQL and SQL")
    print("\nslowest raw searches (median ms under load, records matched):")
    for s in r["slowest_raw"][:8]:
        print(f"  {s['median_ms_under_load']:>7.1f} ms {s['matches']:>7,}  [{s['kind']}] {s['query']!r}")
    for e in r.get("explain") or []:
        parts = ", ".join(f"{s['statement']} {s['execution_ms']:.1f} ms{' (JIT)' if s['jit'] else ''}"
                          for s in e["statements"])
        print(f"  EXPLAIN {e['query']!r}: {parts}")
    cp = r["category_precision"]
    print("\ncategory precision@10 over the whole catalogue (queries that name a category):")
    print("  " + ", ".join(f"{k} {v['precision10']:.2f}" for k, v in cp.items() if k != "ALL"))
    print(f"  ALL: {cp['ALL']['queries']} queries, precision@10 {cp['ALL']['precision10']:.3f}, "
          f"first hit right {cp['ALL']['first_hit_ok']:.3f}, {cp['ALL']['no_hits']} without hits")
    rel = r.get("relevance")
    if rel:
        all_row = rel.get("all") or {}
        print(f"relevance suite: nDCG@10 {all_row.get('ndcg10')} recall@10 {all_row.get('recall10')} over "
              f"{all_row.get('queries')} judged queries ({rel['summary']})")
        if rel["exit_code"]:
            print(f"  the relevance test FAILED (exit {rel['exit_code']}):\n{rel['output_tail']}")
    print("\ntargets:")
    for name, t in r["targets"].items():
        shown = {k: (round(v, 2) if isinstance(v, float) else v) for k, v in t.items() if k != "met"}
        print(f"  {name:<12} {'MET' if t['met'] else 'NOT MET':<8} {shown}")


def _3(d: dict[str, float]) -> str:
    return f"{d['mean']:.1f}/{d['p50']:.1f}/{d['p95']:.1f}"


def write_json(report: dict[str, Any], suffix: str = "") -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"search-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}{suffix}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rows", type=int, default=100_000, help="synthetic equipment rows to import (100000)")
    p.add_argument("--duration", type=float, default=20.0, help="seconds of measured search load, GraphQL and raw (20)")
    p.add_argument("--suggest-duration", type=float, default=10.0, help="seconds of measured suggest load (10)")
    p.add_argument("--suggest-rate", type=float, default=500.0,
                   help="suggest requests/s of the paced (open-loop) run after the wrk one; 0 skips it (500)")
    p.add_argument("--warmup", type=float, default=3.0, help="seconds of unmeasured GraphQL load first (3)")
    p.add_argument("--connections", type=int, default=8, help="concurrent clients / raw SQL tasks (8)")
    p.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    p.add_argument("--workers", type=int, default=2, help="uvicorn workers (2)")
    p.add_argument("--verify", type=int, default=50, help="queries checked GraphQL vs SQL before the load (50)")
    p.add_argument("--explain", type=int, default=5, metavar="N", help="EXPLAIN ANALYZE the N slowest queries (5)")
    p.add_argument("--no-sequential", dest="sequential", action="store_false",
                   help="skip the one-client pass (per-request breakdown)")
    p.add_argument("--sequential-queries", type=int, default=300, metavar="N",
                   help="queries (spread over the 1,000) in the one-client pass (300)")
    p.add_argument("--skip-relevance", action="store_true", help="do not run the relevance suite")
    p.add_argument("--no-levers", dest="levers", action="store_false",
                   help="skip the raw SQL run with parallel query off (max_parallel_workers_per_gather=0)")
    p.add_argument("--keep-database", action="store_true",
                   help="with BIOMAP_BENCH_DATABASE_URL: keep the new database (its DSN is printed)")
    p.add_argument("--existing-database", metavar="DSN",
                   help="use this already imported database (no migrate/seed/import; nothing dropped)")
    return p.parse_args(argv)


_received: list[str] = []


def _terminate(signum: int, frame: object) -> None:
    # Unwind like Ctrl-C, so every `finally` stops the server and the database.
    _received.append(signal.Signals(signum).name)
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _terminate)
    report: dict[str, Any] = {}
    try:
        run(args, report)
    except KeyboardInterrupt:
        report["interrupted_by"] = _received[-1] if _received else "KeyboardInterrupt"
        where = write_json(report, "-partial").relative_to(ROOT) if report else "nothing"
        print(f"\ninterrupted ({report['interrupted_by']}): server and database stopped; what was measured so "
              f"far: {where}", file=sys.stderr)
        return 130
    print_report(report)
    print(f"\nwritten: {write_json(report).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
