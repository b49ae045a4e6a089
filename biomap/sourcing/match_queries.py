"""The matching statement: hard filters and the score in ONE SQL statement (weights bound as
parameters, see matching.py); facts come back for the reasons. Two static statements share the
body: suppliers for one demand, and demands for one supplier."""

from __future__ import annotations

import datetime as dt

import asyncpg

from biomap.sourcing.matching import WEIGHTS, ExpiringCertification, MatchFacts, Weights

# $1 demand or supplier, $2 optional supplier / unused, $3 limit, $4.. weights (11)
_BODY = """
cand AS (
  SELECT pr.demand_id, pr.deadline, pr.days_left, pr.today, pr.volume_base, pr.volume_dimension, pr.volume_unit,
         p.id AS product_id, p.supplier_id, p.capacity_base, p.capacity_dimension, p.capacity_unit,
         p.lead_time_days, p.minimum_order_base, s.zone,
         sf.soft_specs_total, sf.soft_specs_met, sf.specs_met, sf.specs_missing,
         cf.soft_certs_total, cf.soft_certs_met, cf.certs_met, cf.certs_missing, cf.expiring,
         tr.validated, tr.rejected
    FROM pairs pr
    JOIN supplier_product p ON p.id = pr.product_id
    JOIN supplier s ON s.id = p.supplier_id
   CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE NOT x.hard) AS soft_specs_total,
             count(*) FILTER (WHERE NOT x.hard AND x.ok) AS soft_specs_met,
             coalesce(array_agg(x.key ORDER BY x.key) FILTER (WHERE x.ok), '{}') AS specs_met,
             coalesce(array_agg(x.key ORDER BY x.key) FILTER (WHERE NOT x.ok), '{}') AS specs_missing,
             coalesce(bool_and(x.ok OR NOT x.hard), true) AS hard_ok
        FROM (SELECT ds.key, ds.hard, EXISTS (
                       SELECT 1 FROM supplier_product_spec ps
                        WHERE ps.product_id = p.id AND ps.key = ds.key AND ps.dimension = ds.dimension
                          AND (ds.min_base IS NULL OR ps.value_base >= ds.min_base - 1e-9 * abs(ds.min_base))
                          AND (ds.max_base IS NULL OR ps.value_base <= ds.max_base + 1e-9 * abs(ds.max_base))) AS ok
                FROM demand_spec ds WHERE ds.demand_id = pr.demand_id) x
   ) sf
   CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE NOT y.hard) AS soft_certs_total,
             count(*) FILTER (WHERE NOT y.hard AND y.expires_on IS NOT NULL) AS soft_certs_met,
             coalesce(array_agg(y.kind ORDER BY y.kind) FILTER (WHERE y.expires_on IS NOT NULL), '{}') AS certs_met,
             coalesce(array_agg(y.kind ORDER BY y.kind) FILTER (WHERE y.expires_on IS NULL), '{}') AS certs_missing,
             coalesce(jsonb_agg(jsonb_build_object('kind', y.kind, 'expires_on', y.expires_on) ORDER BY y.kind)
                      FILTER (WHERE y.expires_on < pr.deadline OR y.expires_on < pr.today + 90), '[]') AS expiring,
             coalesce(bool_and(y.expires_on IS NOT NULL OR NOT y.hard), true) AS hard_ok
        FROM (SELECT dr.kind, dr.hard,
                     (SELECT max(c.expires_on) FROM supplier_certification c
                       WHERE c.supplier_id = p.supplier_id AND c.kind = dr.kind AND c.expires_on >= pr.today
                         AND (c.product_id IS NULL OR c.product_id = p.id)
                         AND (dr.max_iso_class IS NULL OR c.iso_class <= dr.max_iso_class)) AS expires_on
                FROM demand_requirement dr WHERE dr.demand_id = pr.demand_id) y
   ) cf
   CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE pl.stage = 'VALIDATED') AS validated,
             count(*) FILTER (WHERE pl.stage = 'REJECTED') AS rejected
        FROM pipeline pl WHERE pl.supplier_id = p.supplier_id AND pl.demand_id <> pr.demand_id
   ) tr
   WHERE sf.hard_ok AND cf.hard_ok
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

SUPPLIERS_FOR_DEMAND = f"""
WITH pairs AS (
  SELECT d.id AS demand_id, d.deadline, greatest(d.deadline - {_TODAY}, 0) AS days_left, {_TODAY} AS today,
         d.volume_base, d.volume_dimension, d.volume_unit, p.id AS product_id
    FROM demand d JOIN supplier_product p ON p.material_id = d.material_id AND p.retired_at IS NULL
   WHERE d.id = $1 AND ($2::bigint IS NULL OR p.supplier_id = $2)
),
{_BODY},
best AS (SELECT DISTINCT ON (supplier_id) * FROM points ORDER BY supplier_id, score DESC, product_id)
SELECT {_COLUMNS} FROM best ORDER BY score DESC, supplier_id LIMIT $3
"""

DEMANDS_FOR_SUPPLIER = f"""
WITH pairs AS (
  SELECT d.id AS demand_id, d.deadline, greatest(d.deadline - {_TODAY}, 0) AS days_left, {_TODAY} AS today,
         d.volume_base, d.volume_dimension, d.volume_unit, p.id AS product_id
    FROM supplier_product p JOIN demand d ON d.material_id = p.material_id AND d.status = 'OPEN'
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
    rows = await conn.fetch(SUPPLIERS_FOR_DEMAND, demand_id, supplier_id, limit, *weights.params())
    return [_facts(r) for r in rows]


async def demands_for_supplier(
    conn: asyncpg.Connection, supplier_id: int, limit: int, demand_id: int | None = None, weights: Weights = WEIGHTS
) -> list[MatchFacts]:
    rows = await conn.fetch(DEMANDS_FOR_SUPPLIER, supplier_id, demand_id, limit, *weights.params())
    return [_facts(r) for r in rows]
