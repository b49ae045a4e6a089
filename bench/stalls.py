"""Where do the booking bench's slowest requests come from? Paced loads against a probed app.

    .venv/bin/python bench/stalls.py [--runs 4] [--rate 530]

The booking bench's setup (fresh embedded PostgreSQL, 1,000 instruments, 16 researchers) and its
paced load (bench/booking.py, open loop at `--rate` requests/s over 16 connections), served by
2 uvicorn workers of bench/stall_probe.py, which log their event-loop stalls and every full
garbage collection. Prints each run's p95, max and the client's own longest stall, then every
worker's collections of generation 2 and its loop stalls over 20 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from booking import run_paced, run_wrk, seed
from catalogue import ServerSpec, benchmark_database, prepare, uvicorn_server

from biomap.api.node import to_global_id

BENCH_DIR = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--rate", type=float, default=530.0)
    args = parser.parse_args()
    log_dir = Path(tempfile.mkdtemp(prefix="biomap-stalls-"))
    with benchmark_database() as db:
        asyncio.run(prepare(db.dsn))
        ids, tokens, _ = asyncio.run(seed(db.dsn))
        gids = [to_global_id("Equipment", i) for i in ids]
        env = {"BIOMAP_DATABASE_URL": db.dsn, "BIOMAP_ENVIRONMENT": "production", "BIOMAP_LOG_LEVEL": "WARNING",
               "BIOMAP_POOL_MIN_SIZE": "10", "BIOMAP_POOL_MAX_SIZE": "10", "PYTHONPATH": str(BENCH_DIR),
               "BIOMAP_STALL_LOG_DIR": str(log_dir)}
        spec = ServerSpec("probed", "probed app", ["--factory", "stall_probe:app"], env, "/graphql", True)
        with uvicorn_server(spec, 2, log_dir) as server:
            run_wrk(server.url, gids, tokens, 16, 2)  # warm-up
            served_from = time.time()
            for n in range(args.runs):
                started = time.time()
                r = run_paced(server.url, gids, tokens, 16, 10, args.rate)
                print(f"run {n} (t={started - served_from:6.1f} s): p95 {r['p95_ms']:.1f} ms, max {r['max_ms']:.1f} ms, "
                      f"the client's longest own stall {r['client_max_loop_lag_ms']:.1f} ms", flush=True)
    print("(t < 0: start-up — loading the analyzer, the collection before the freeze — and the warm-up)")
    for path in sorted(log_dir.glob("stalls-*.txt")):
        events = [line.split() for line in path.read_text(encoding="utf-8").splitlines()]
        print(f"worker {path.stem.removeprefix('stalls-')}:")
        for kind, at, ms, *rest in events:
            if kind in ("gc2", "loop"):
                what = f"full collection, {rest[0]} objects freed" if kind == "gc2" else "event loop stalled"
                print(f"  t={float(at) - served_from:7.2f} s  {float(ms):7.1f} ms  {what}")


if __name__ == "__main__":
    main()
