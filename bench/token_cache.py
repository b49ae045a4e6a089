"""What the token cache saves per request: app and PostgreSQL CPU per requestBooking, cache off and on.

    .venv/bin/python bench/token_cache.py [--rounds 30] [--chunk 100]

In one process, on the booking benchmark's database (embedded PostgreSQL, 1,000 instruments, 16
researchers): the whole ASGI app on a one-connection pool, called through httpx's ASGI transport one
request at a time, so the figures are CPU per request, not queueing. The two variants alternate in
chunks (on/off, then off/on, …) so that the machine's speed drifts hit both alike; the cache is
enabled by hand, as the app's change listener would (biomap/identity/viewer_changes.py). The app's
figure includes the httpx client's share, the same in both; PostgreSQL's is the CPU time of all its
processes.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time

import httpx
import psutil
from booking import MUTATION, _base, _slot, seed
from catalogue import benchmark_database, prepare

from biomap.api.node import to_global_id
from biomap.app import create_app
from biomap.config import Environment, Settings
from biomap.db.pool import PoolDatabase, create_pool
from biomap.identity.viewer_cache import ViewerCache


def _postgres_cpu(postmaster_pid: int) -> float:
    root = psutil.Process(postmaster_pid)
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:  # a backend that ended meanwhile
            continue
        total += times.user + times.system
    return total


async def measure(dsn: str, postmaster_pid: int, ids: list[int], tokens: list[str], rounds: int,
                  chunk: int) -> dict[str, tuple[float, float]]:
    pool = await create_pool(dsn, min_size=1, max_size=1)
    app = create_app(Settings(database_url=dsn, environment=Environment.PRODUCTION, anonymous_cache_seconds=0),
                     database=PoolDatabase(pool))
    cache = ViewerCache(30.0)
    cache.enable(time.monotonic() + 24 * 3600)  # as if a listener kept renewing the lease
    gids = [to_global_id("Equipment", i) for i in ids]
    rng = random.Random(1)
    base = _base()
    totals = {"off": [0.0, 0.0, 0], "on": [0.0, 0.0, 0]}
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as http:
            async def run(n: int) -> None:
                for _ in range(n):
                    start, end = _slot(rng, base)
                    variables = {"i": {"equipmentId": rng.choice(gids), "start": start.isoformat(),
                                       "end": end.isoformat()}}
                    response = await http.post("/graphql", json={"query": MUTATION, "variables": variables},
                                               headers={"Authorization": f"Bearer {rng.choice(tokens)}"})
                    response.raise_for_status()

            for variant in ("on", "off"):  # warm-up: statements prepared, caches filled
                app.state.viewer_cache = cache if variant == "on" else None
                await run(2 * chunk)
            for n in range(rounds):
                for variant in ("off", "on") if n % 2 else ("on", "off"):
                    app.state.viewer_cache = cache if variant == "on" else None
                    app0, pg0 = time.process_time(), _postgres_cpu(postmaster_pid)
                    await run(chunk)
                    totals[variant][0] += time.process_time() - app0
                    totals[variant][1] += _postgres_cpu(postmaster_pid) - pg0
                    totals[variant][2] += chunk
    finally:
        await pool.close()
    return {v: (1000 * a / n, 1000 * p / n) for v, (a, p, n) in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--chunk", type=int, default=100)
    args = parser.parse_args()
    with benchmark_database() as db:
        if db.postmaster_pid is None:
            raise SystemExit("run without BIOMAP_BENCH_DATABASE_URL: PostgreSQL's CPU is metered on the embedded server")
        asyncio.run(prepare(db.dsn))
        ids, tokens, _ = asyncio.run(seed(db.dsn))
        figures = asyncio.run(measure(db.dsn, db.postmaster_pid, ids, tokens, args.rounds, args.chunk))
    (app_off, pg_off), (app_on, pg_on) = figures["off"], figures["on"]
    print(f"requestBooking, CPU per request over {args.rounds * args.chunk} requests each, alternating chunks of {args.chunk}:")
    print(f"  token cache off: app {app_off:.3f} ms, PostgreSQL {pg_off:.3f} ms, together {app_off + pg_off:.3f} ms")
    print(f"  token cache on:  app {app_on:.3f} ms, PostgreSQL {pg_on:.3f} ms, together {app_on + pg_on:.3f} ms")
    print(f"  on / off: app {app_on / app_off:.3f}, PostgreSQL {pg_on / pg_off:.3f}, "
          f"together {(app_on + pg_on) / (app_off + pg_off):.3f}")


if __name__ == "__main__":
    main()
