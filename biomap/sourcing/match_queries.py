"""The matching statement: hard filters and the score in ONE SQL statement (weights bound as
parameters, see matching.py); facts come back for the reasons. Two static statements share the
body: suppliers for one demand, and demands for one supplier."""

from __future__ import annotations

import datetime as dt

import asyncpg

from biomap.sourcing import records, supplier_queries
from biomap.sourcing.matching import WEIGHTS, ExpiringCertification, MatchFacts, Weights
from biomap.sourcing.models import Product, Supplier

# $1 demand or supplier, $2 optional supplier / unused, $3 limit, $4.. weights (11)
_BODY = """
spec_rows AS (
  -- one row per (pair, required spec): met when the product states the key in range (base units)
  SELECT pr.demand_id, pr.product_id, ds.key, ds.hard, ps.product_id IS NOT NULL AS ok
    FROM pairs pr
    JOIN demand_spec ds ON ds.demand_id = pr.demand_id
    LEFT JOIN supplier_product_spec ps
           ON ps.product_id = pr.product_id AND ps.key = ds.key AND ps.dimension = ds.dimension
          AND (ds.min_base IS NULL OR ps.value_base >= ds.min_base - 1e-9 * abs(ds.min_base))
          AND (ds.max_base IS NULL OR ps.value_base <= ds.max_base + 1e-9 * abs(ds.max_base))
),
spec_agg AS (
  SELECT demand_id, product_id,
         count(*) FILTER (WHERE NOT hard) AS soft_specs_total,
         count(*) FILTER (WHERE NOT hard AND ok) AS soft_specs_met,
         coalesce(array_agg(key ORDER BY key) FILTER (WHERE ok), '{}') AS specs_met,
         coalesce(array_agg(key ORDER BY key) FILTER (WHERE NOT ok), '{}') AS specs_missing,
         bool_and(ok OR NOT hard) AS hard_ok
    FROM spec_rows GROUP BY demand_id, product_id
),
cert_rows AS (
  -- one row per (pair, required evidence): the latest unexpired matching certificate, if any
  SELECT pr.demand_id, pr.product_id, pr.deadline, pr.today, dr.kind, dr.hard, max(c.expires_on) AS expires_on
    FROM pairs pr
    JOIN demand_requirement dr ON dr.demand_id = pr.demand_id
    LEFT JOIN supplier_certification c
           ON c.supplier_id = pr.supplier_id AND c.kind = dr.kind AND c.expires_on >= pr.today
          AND (c.product_id IS NULL OR c.product_id = pr.product_id)
          AND (dr.max_iso_class IS NULL OR c.iso_class <= dr.max_iso_class)
   GROUP BY pr.demand_id, pr.product_id, pr.deadline, pr.today, dr.kind, dr.hard
),
cert_agg AS (
  SELECT demand_id, product_id,
         count(*) FILTER (WHERE NOT hard) AS soft_certs_total,
         count(*) FILTER (WHERE NOT hard AND expires_on IS NOT NULL) AS soft_certs_met,
         coalesce(array_agg(kind ORDER BY kind) FILTER (WHERE expires_on IS NOT NULL), '{}') AS certs_met,
         coalesce(array_agg(kind ORDER BY kind) FILTER (WHERE expires_on IS NULL), '{}') AS certs_missing,
         coalesce(jsonb_agg(jsonb_build_object('kind', kind, 'expires_on', expires_on) ORDER BY kind)
                  FILTER (WHERE expires_on < deadline OR expires_on < today + 90), '[]') AS expiring,
         bool_and(expires_on IS NOT NULL OR NOT hard) AS hard_ok
    FROM cert_rows GROUP BY demand_id, product_id
),
track AS (
  SELECT pl.supplier_id, count(*) FILTER (WHERE pl.stage = 'VALIDATED') AS validated,
         count(*) FILTER (WHERE pl.stage = 'REJECTED') AS rejected
    FROM pipeline pl WHERE pl.supplier_id IN (SELECT supplier_id FROM pairs) AND pl.stage IN ('VALIDATED', 'REJECTED')
   GROUP BY pl.supplier_id
),
cand AS (
  SELECT pr.*,
         coalesce(sa.soft_specs_total, 0) AS soft_specs_total, coalesce(sa.soft_specs_met, 0) AS soft_specs_met,
         coalesce(sa.specs_met, '{}') AS specs_met, coalesce(sa.specs_missing, '{}') AS specs_missing,
         coalesce(ca.soft_certs_total, 0) AS soft_certs_total, coalesce(ca.soft_certs_met, 0) AS soft_certs_met,
         coalesce(ca.certs_met, '{}') AS certs_met, coalesce(ca.certs_missing, '{}') AS certs_missing,
         coalesce(ca.expiring, '[]') AS expiring,
         -- the track record counts pairs on OTHER demands: this pair's own final stage is taken off
         coalesce(tr.validated, 0) - (own.stage IS NOT DISTINCT FROM 'VALIDATED')::int AS validated,
         coalesce(tr.rejected, 0) - (own.stage IS NOT DISTINCT FROM 'REJECTED')::int AS rejected
    FROM pairs pr
    LEFT JOIN spec_agg sa ON sa.demand_id = pr.demand_id AND sa.product_id = pr.product_id
    LEFT JOIN cert_agg ca ON ca.demand_id = pr.demand_id AND ca.product_id = pr.product_id
    LEFT JOIN track tr ON tr.supplier_id = pr.supplier_id
    LEFT JOIN pipeline own ON own.demand_id = pr.demand_id AND own.supplier_id = pr.supplier_id
   WHERE coalesce(sa.hard_ok, true) AND coalesce(ca.hard_ok, true)
),
scored AS (
  SELECT c.*,
         CASE WHEN c.volume_base = 0 THEN 1.0
              WHEN c.capacity_dimension = c.volume_dimension AND c.capacity_base IS NOT NULL
                   THEN c.capacity_base / c.volume_base END AS capacity_ratio,
         jsonb_array_length(c.expiring) AS n_expiring
    FROM cand c
),
points AS (
  SELECT sc.*, round((
           $4::float8 * CASE WHEN sc.soft_specs_total = 0 THEN 1 ELSE sc.soft_specs_met::float8 / sc.soft_specs_total END
         + $5::float8 * CASE WHEN sc.soft_certs_total = 0 THEN 1 ELSE sc.soft_certs_met::float8 / sc.soft_certs_total END
         + $6::float8 * least(1.0, coalesce(sc.capacity_ratio, 0))
         + $7::float8 * CASE WHEN sc.lead_time_days IS NULL THEN 0
                             WHEN sc.lead_time_days <= sc.days_left THEN 1
                             ELSE sc.days_left::float8 / sc.lead_time_days END
         + CASE WHEN sc.zone IN ('SONGDO', 'NAMDONG') THEN $8::float8
                WHEN sc.zone = 'OTHER_INCHEON' THEN $9::float8 ELSE 0 END
         + greatest(0, least($10::float8, $11::float8 * sc.validated - $12::float8 * sc.rejected))
         - least($14::float8, $13::float8 * sc.n_expiring)
         )::numeric, 2)::float8 AS score
    FROM scored sc
)
"""

_COLUMNS = """demand_id, supplier_id, product_id, score, specs_met, specs_missing, certs_met, certs_missing,
    expiring, capacity_ratio, capacity_unit, volume_unit, lead_time_days, days_left, zone, validated, rejected,
    (minimum_order_base IS NOT NULL AND capacity_dimension = volume_dimension
     AND minimum_order_base > volume_base) AS minimum_order_above"""

_TODAY = "(now() AT TIME ZONE 'Asia/Seoul')::date"
_PRODUCT = """p.id AS product_id, p.supplier_id, p.capacity_base, p.capacity_dimension, p.capacity_unit,
         p.lead_time_days, p.minimum_order_base, s.zone"""

SUPPLIERS_FOR_DEMAND = f"""
WITH pairs AS (
  SELECT d.id AS demand_id, d.deadline, greatest(d.deadline - {_TODAY}, 0) AS days_left, {_TODAY} AS today,
         d.volume_base, d.volume_dimension, d.volume_unit, {_PRODUCT}
    FROM demand d JOIN supplier_product p ON p.material_id = d.material_id AND p.retired_at IS NULL
    JOIN supplier s ON s.id = p.supplier_id
   WHERE d.id = $1 AND ($2::bigint IS NULL OR p.supplier_id = $2)
),
{_BODY},
best AS (SELECT DISTINCT ON (supplier_id) * FROM points ORDER BY supplier_id, score DESC, product_id),
top AS (SELECT {_COLUMNS} FROM best ORDER BY score DESC, supplier_id LIMIT $3)
-- the page's supplier and product rows come along (the API primes its loaders: no further statements)
SELECT top.*, to_jsonb(sup) AS supplier_row, to_jsonb(prod) AS product_row
  FROM top
 CROSS JOIN LATERAL (SELECT {supplier_queries.SUPPLIER_COLUMNS} FROM supplier s JOIN organisation o ON o.id = s.id
                      WHERE s.id = top.supplier_id) sup
 CROSS JOIN LATERAL (SELECT {supplier_queries.PRODUCT_COLUMNS} FROM supplier_product p WHERE p.id = top.product_id) prod
 ORDER BY top.score DESC, top.supplier_id
"""

DEMANDS_FOR_SUPPLIER = f"""
WITH pairs AS (
  SELECT d.id AS demand_id, d.deadline, greatest(d.deadline - {_TODAY}, 0) AS days_left, {_TODAY} AS today,
         d.volume_base, d.volume_dimension, d.volume_unit, {_PRODUCT}
    FROM supplier_product p JOIN demand d ON d.material_id = p.material_id AND d.status = 'OPEN'
    JOIN supplier s ON s.id = p.supplier_id
   WHERE p.supplier_id = $1 AND p.retired_at IS NULL AND d.deadline >= {_TODAY}
     AND (d.visibility = 'ALL_SUPPLIERS'
          OR EXISTS (SELECT 1 FROM pipeline v WHERE v.demand_id = d.id AND v.supplier_id = $1))
     AND ($2::bigint IS NULL OR d.id = $2)
),
{_BODY},
best AS (SELECT DISTINCT ON (demand_id) * FROM points ORDER BY demand_id, score DESC, product_id)
SELECT {_COLUMNS} FROM best ORDER BY score DESC, demand_id LIMIT $3
"""


def _facts(r: asyncpg.Record) -> MatchFacts:
    return MatchFacts(
        demand_id=r["demand_id"], supplier_id=r["supplier_id"], product_id=r["product_id"], score=r["score"],
        specs_met=list(r["specs_met"]), specs_missing=list(r["specs_missing"]),
        certifications_met=list(r["certs_met"]), certifications_missing=list(r["certs_missing"]),
        expiring=[ExpiringCertification(e["kind"], dt.date.fromisoformat(e["expires_on"])) for e in r["expiring"]],
        capacity_ratio=r["capacity_ratio"], capacity_unit=r["capacity_unit"], volume_unit=r["volume_unit"],
        lead_time_days=r["lead_time_days"], days_left=r["days_left"], zone=r["zone"],
        validated_pairs=r["validated"], rejected_pairs=r["rejected"],
        minimum_order_above_volume=r["minimum_order_above"],
    )


async def suppliers_for_demand(
    conn: asyncpg.Connection, demand_id: int, limit: int, supplier_id: int | None = None, weights: Weights = WEIGHTS
) -> list[MatchFacts]:
    return [f for f, _, _ in await suppliers_for_demand_with_records(conn, demand_id, limit, supplier_id, weights)]


async def suppliers_for_demand_with_records(
    conn: asyncpg.Connection, demand_id: int, limit: int, supplier_id: int | None = None, weights: Weights = WEIGHTS
) -> list[tuple[MatchFacts, Supplier, Product]]:
    """The ranking with each match's supplier and product record (same statement)."""
    rows = await conn.fetch(SUPPLIERS_FOR_DEMAND, demand_id, supplier_id, limit, *weights.params())
    return [(_facts(r), records.supplier(r["supplier_row"]), records.product(r["product_row"])) for r in rows]


async def demands_for_supplier(
    conn: asyncpg.Connection, supplier_id: int, limit: int, demand_id: int | None = None, weights: Weights = WEIGHTS
) -> list[MatchFacts]:
    rows = await conn.fetch(DEMANDS_FOR_SUPPLIER, supplier_id, demand_id, limit, *weights.params())
    return [_facts(r) for r in rows]
