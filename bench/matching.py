"""Matching benchmark: `matchSuppliers` through GraphQL over HTTP next to the same scoring done by
the raw SQL alone, on 5,000 suppliers with 20,000 products and 200 demands.

    .venv/bin/python bench/matching.py [--requests 600] [--clients 1,4] [--workers 2]
    BIOMAP_BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/matching.py

1. Database: a fresh embedded PostgreSQL in a temp dir (or a new database on BIOMAP_BENCH_DATABASE_URL,
   dropped afterwards), migrated; the 30 localisation items from seeds/sourcing_materials.json.
2. Data (fixed seed, generated in SQL): 5,000 supplier organisations over the four zones, 4 products each
   (20,000; each of one of the 30 items, with the item's typical specifications at random values in
   their range, a monthly capacity and a lead time), ~4 certifications per supplier (some expired or
   expiring), 200 demands of one manufacturer (a hard and a soft specification range, two hard and
   one soft evidence requirement each), 2,000 finished pairs (track record). VACUUM ANALYZE.
3. Raw SQL: a pool built like the app's; each request = match_queries.SUPPLIERS_FOR_DEMAND (the one
   statement matchSuppliers runs), first 20, demands cycled; C concurrent clients.
4. GraphQL: `uvicorn --factory biomap.asgi:app --workers W` (production settings), the manufacturer's
   token, the operation `matchSuppliers(demandId, first: 20)` with score, reasons, facts, supplier and
   product (as graphql/operations/sourcing.graphql's MatchSuppliers); C concurrent httpx clients.
   Answers are checked first: same suppliers in the same order as the raw SQL for 20 demands.
5. EXPLAIN (ANALYZE, BUFFERS) of one demand: the indexes the statement uses.

Figures are printed (p50 / p95 / mean ms, requests/s, GraphQL/SQL ratio) with the machine's load.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from catalogue import benchmark_database  # read-only reuse
from search import app_server  # read-only reuse

from biomap.db import migrate
from biomap.db.pool import connect, create_pool
from biomap.identity.models import Role
from biomap.identity.service import create_user
from biomap.sourcing import material_queries
from biomap.sourcing.match_queries import SUPPLIERS_FOR_DEMAND
from biomap.sourcing.matching import WEIGHTS

ROOT = Path(__file__).resolve().parent.parent
FIRST = 20
QUERY = """query($d: ID!) { matchSuppliers(demandId: $d, first: 20) { rank score
  supplier { id code nameKo zone } product { id nameKo } reasons { code positive message }
  facts { specsMet specsMissing certificationsMet certificationsMissing expiring { kind expiresOn }
          capacityRatio leadTimeDays daysLeft zone validatedPairs rejectedPairs } } }"""

DATA_SQL = """
SELECT setseed(0.5);
INSERT INTO organisation (code, name_ko, name_en, verified_at)
SELECT 'BENCH_S' || g, '벤치 공급사 ' || g, 'Bench supplier ' || g, now() FROM generate_series(1, 5000) g;
INSERT INTO supplier (id, zone, synthetic, description)
SELECT id, (ARRAY['SONGDO','NAMDONG','OTHER_INCHEON','OUTSIDE_INCHEON'])[1 + (id % 4)]::zone, true, 'bench'
  FROM organisation WHERE code LIKE 'BENCH_S%';
WITH m AS (SELECT array_agg(id ORDER BY id) AS ids FROM material)
INSERT INTO supplier_product (supplier_id, material_id, name_en, monthly_capacity, capacity_unit, capacity_base,
                              capacity_dimension, lead_time_days)
SELECT s.id, m.ids[1 + ((s.id * 7 + k * 13) % 30)], 'Bench product ' || s.id || '-' || k,
       c, 'kg', c, 'mass', (ARRAY[7, 14, 21, 30, 45, 60, 90, 120])[1 + floor(random() * 8)::int]
  FROM supplier s, m, generate_series(1, 4) k, LATERAL (SELECT round((50 + random() * 5000)::numeric)::float8 AS c) cap;
INSERT INTO supplier_product_spec (product_id, key, value, unit, value_base, dimension)
SELECT p.id, t->>'key', v, t->>'unit', v, 'bench'
  FROM supplier_product p JOIN material mt ON mt.id = p.material_id
 CROSS JOIN LATERAL jsonb_array_elements(mt.typical_specs) t
 CROSS JOIN LATERAL (SELECT (t->>'min')::float8 + ((t->>'max')::float8 - (t->>'min')::float8) * random() AS v) x
 WHERE random() < 0.9;
INSERT INTO supplier_certification (supplier_id, kind, iso_class, expires_on)
SELECT s.id, k, CASE WHEN k = 'ISO_14644' THEN 5 + floor(random() * 4)::int END,
       current_date + (floor(random() * 1100) - 100)::int
  FROM supplier s, unnest(ARRAY['ISO_9001','ISO_13485','ISO_14644','GMP','DMF','BSE_TSE_FREE','USP_88_CLASS_VI',
                                'USP_85_ENDOTOXIN','ISO_10993','BIOPHORUM_EXTRACTABLES','CHANGE_NOTIFICATION']) k
 WHERE random() < 0.55;
"""

DEMANDS_SQL = """
WITH m AS (SELECT array_agg(id ORDER BY id) AS ids FROM material)
INSERT INTO demand (manufacturer_id, material_id, title, volume_per_month, volume_unit, volume_base, volume_dimension,
                    deadline, visibility)
SELECT $1, m.ids[1 + (g % 30)], 'Bench demand ' || g, v, 'kg', v, 'mass', current_date + 30 + (g * 7 % 335),
       'ALL_SUPPLIERS'
  FROM m, generate_series(1, 200) g, LATERAL (SELECT round((100 + random() * 3000)::numeric)::float8 AS v) x;
INSERT INTO demand_spec (demand_id, key, min_value, max_value, unit, min_base, max_base, dimension, hard)
SELECT d.id, t->>'key', lo, hi, t->>'unit', lo, hi, 'bench', ord = 1
  FROM demand d JOIN material mt ON mt.id = d.material_id
 CROSS JOIN LATERAL jsonb_array_elements(mt.typical_specs) WITH ORDINALITY AS e(t, ord)
 CROSS JOIN LATERAL (SELECT (t->>'min')::float8 AS a, (t->>'max')::float8 AS b) r
 CROSS JOIN LATERAL (SELECT a + (b - a) * 0.1 AS lo, b - (b - a) * 0.1 AS hi) x
 WHERE ord <= 2;
INSERT INTO demand_requirement (demand_id, kind, hard)
SELECT d.id, k, ord <= 2
  FROM demand d JOIN material mt ON mt.id = d.material_id
 CROSS JOIN LATERAL unnest(mt.required_evidence) WITH ORDINALITY AS e(k, ord)
 WHERE ord <= 3;
INSERT INTO pipeline (demand_id, supplier_id, stage)
SELECT DISTINCT ON (d, s) d, s, (ARRAY['VALIDATED','REJECTED','QUOTED'])[1 + floor(random() * 3)::int]::pipeline_stage
  FROM (SELECT (SELECT min(id) FROM demand) + floor(random() * 200)::int AS d,
               (SELECT min(id) FROM supplier) + floor(random() * 5000)::int AS s FROM generate_series(1, 2000)) x;
"""


async def prepare(dsn: str) -> tuple[str, list[int], dict[str, int]]:
    conn = await connect(dsn)
    try:
        await migrate.migrate(conn)
        materials = json.loads((ROOT / "seeds" / "sourcing_materials.json").read_text(encoding="utf-8"))
        async with conn.transaction():
            for m in materials:
                await material_queries.upsert_material(conn, m)
            t0 = time.perf_counter()
            await conn.execute(DATA_SQL)
            org = await conn.fetchval("""INSERT INTO organisation (code, name_ko, name_en, verified_at)
                                         VALUES ('BENCH_MANUFACTURER', '벤치 제조사', 'Bench manufacturer', now())
                                         RETURNING id""")
            await conn.execute(DEMANDS_SQL.split(";")[0], org)
            for statement in DEMANDS_SQL.split(";")[1:]:
                if statement.strip():
                    await conn.execute(statement)
            _, token = await create_user(conn, email="bench-manufacturer@bench.biomap.kr", role=Role.MANUFACTURER,
                                         organisation_code="BENCH_MANUFACTURER")
            load_s = time.perf_counter() - t0
        await conn.execute("VACUUM ANALYZE")
        counts = dict(await conn.fetchrow(
            """SELECT (SELECT count(*) FROM supplier) AS suppliers, (SELECT count(*) FROM supplier_product) AS products,
                      (SELECT count(*) FROM supplier_product_spec) AS specs,
                      (SELECT count(*) FROM supplier_certification) AS certifications,
                      (SELECT count(*) FROM demand) AS demands, (SELECT count(*) FROM pipeline) AS pipelines"""))
        counts["generate_s"] = round(load_s, 1)
        demands = [r["id"] for r in await conn.fetch("SELECT id FROM demand ORDER BY id")]
        return token, demands, counts
    finally:
        await conn.close()


def _summary(ms: list[float], wall: float) -> dict[str, float]:
    s = sorted(ms)
    return {"n": len(s), "p50": statistics.median(s), "p95": s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))],
            "mean": statistics.fmean(s), "rps": len(s) / wall}


async def raw_sql(dsn: str, demands: list[int], clients: int, requests: int) -> dict[str, float]:
    pool = await create_pool(dsn, min_size=clients, max_size=clients)
    params = WEIGHTS.params()
    ms: list[float] = []
    counter = iter(range(requests))

    async def client() -> None:
        async with pool.acquire() as conn:
            for d in demands[:10]:  # warm the prepared statement on this connection
                await conn.fetch(SUPPLIERS_FOR_DEMAND, d, None, FIRST, *params)
        for i in counter:
            async with pool.acquire() as conn:
                t0 = time.perf_counter()
                await conn.fetch(SUPPLIERS_FOR_DEMAND, demands[i % len(demands)], None, FIRST, *params)
                ms.append((time.perf_counter() - t0) * 1000)

    t0 = time.perf_counter()
    try:
        await asyncio.gather(*(client() for _ in range(clients)))
    finally:
        await pool.close()
    return _summary(ms, time.perf_counter() - t0)


def _gid(pk: int) -> str:
    from biomap.api.node import to_global_id

    return to_global_id("Demand", pk)


async def graphql(url: str, token: str, demands: list[int], clients: int, requests: int) -> dict[str, float]:
    headers = {"Authorization": f"Bearer {token}"}
    ms: list[float] = []
    counter = iter(range(requests))

    async def client() -> None:
        async with httpx.AsyncClient(timeout=30) as http:
            for d in demands[:10]:
                (await http.post(url, json={"query": QUERY, "variables": {"d": _gid(d)}}, headers=headers)).json()
            for i in counter:
                body = {"query": QUERY, "variables": {"d": _gid(demands[i % len(demands)])}}
                t0 = time.perf_counter()
                answer = (await http.post(url, json=body, headers=headers)).json()
                ms.append((time.perf_counter() - t0) * 1000)
                if "errors" in answer:
                    raise RuntimeError(answer["errors"])

    t0 = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return _summary(ms, time.perf_counter() - t0)


async def verify(url: str, token: str, dsn: str, demands: list[int]) -> int:
    """Same suppliers in the same order through GraphQL as from the raw SQL (the run fails otherwise)."""
    conn = await connect(dsn)
    checked = 0
    try:
        async with httpx.AsyncClient(timeout=30) as http:
            for d in demands[:: max(1, len(demands) // 20)]:
                raw = [r["supplier_id"] for r in await conn.fetch(SUPPLIERS_FOR_DEMAND, d, None, FIRST, *WEIGHTS.params())]
                answer = (await http.post(url, json={"query": QUERY, "variables": {"d": _gid(d)}},
                                          headers={"Authorization": f"Bearer {token}"})).json()
                from biomap.api.node import pk_of

                got = [pk_of(m["supplier"]["id"], "Supplier") for m in answer["data"]["matchSuppliers"]]
                if got != raw:
                    raise RuntimeError(f"demand {d}: GraphQL {got} != SQL {raw}")
                checked += 1
    finally:
        await conn.close()
    return checked


async def explain(dsn: str, demand_id: int) -> dict[str, Any]:
    conn = await connect(dsn)
    try:
        plan = await conn.fetchval(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {SUPPLIERS_FOR_DEMAND}",
                                   demand_id, None, FIRST, *WEIGHTS.params())
        candidates = await conn.fetchval(
            """SELECT count(*) FROM supplier_product p JOIN demand d ON d.material_id = p.material_id
                WHERE d.id = $1 AND p.retired_at IS NULL""", demand_id)
    finally:
        await conn.close()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    indexes: set[str] = set()
    seq: set[str] = set()

    def walk(node: dict[str, Any]) -> None:
        if "Index Name" in node:
            indexes.add(node["Index Name"])
        if node.get("Node Type") == "Seq Scan":
            seq.add(node.get("Relation Name", "?"))
        for child in node.get("Plans", []):
            walk(child)

    walk(plan[0]["Plan"])
    return {"execution_ms": plan[0]["Execution Time"], "indexes": sorted(indexes), "seq_scans": sorted(seq),
            "candidate_products": candidates}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=600, help="requests per measurement")
    parser.add_argument("--clients", default="1,4", help="concurrency levels, comma-separated")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers")
    args = parser.parse_args(argv)
    levels = [int(c) for c in args.clients.split(",")]
    load_before = os.getloadavg()
    with benchmark_database() as db:
        token, demands, counts = asyncio.run(prepare(db.dsn))
        print(f"data: {counts}", flush=True)
        plan = asyncio.run(explain(db.dsn, demands[len(demands) // 2]))
        print(f"EXPLAIN ANALYZE one demand: {plan}", flush=True)
        rows = []
        with tempfile.TemporaryDirectory() as logs, app_server(db.dsn, args.workers, Path(logs)) as server:
            checked = asyncio.run(verify(server.url, token, db.dsn, demands))
            print(f"verified: {checked} demands give the same suppliers in the same order via GraphQL and SQL")
            for clients in levels:
                sql = asyncio.run(raw_sql(db.dsn, demands, clients, args.requests))
                gql = asyncio.run(graphql(server.url, token, demands, clients, args.requests))
                rows.append((clients, gql, sql))
    load_after = os.getloadavg()
    print()
    print(f"matchSuppliers(first: 20): {counts['suppliers']:,} suppliers, {counts['products']:,} products, "
          f"{counts['demands']} demands; {args.requests} requests per row; uvicorn workers {args.workers}; "
          f"{os.cpu_count()} CPUs; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after")
    print("| clients | path | p50 ms | p95 ms | mean ms | req/s | p95 ratio GraphQL/SQL |")
    print("|--:|---|--:|--:|--:|--:|--:|")
    for clients, gql, sql in rows:
        print(f"| {clients} | GraphQL over HTTP | {gql['p50']:.1f} | {gql['p95']:.1f} | {gql['mean']:.1f} | "
              f"{gql['rps']:.0f} | {gql['p95'] / sql['p95']:.2f} |")
        print(f"| {clients} | raw SQL (same statement) | {sql['p50']:.1f} | {sql['p95']:.1f} | {sql['mean']:.1f} | "
              f"{sql['rps']:.0f} | 1 |")
    worst = max(g["p95"] for _, g, _ in rows)
    print(f"target p95 <= 50 ms through GraphQL: {'met' if worst <= 50 else 'NOT met'} (worst p95 {worst:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
