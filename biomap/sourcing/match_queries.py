"""The matching statement: hard filters and the score in ONE SQL statement (weights bound as
parameters, see matching.py); facts come back for the reasons. Two static statements share the
body: suppliers for one demand, and demands for one supplier.

Plan shape (pinned by tests/sourcing/test_matching.py): the candidate pairs come from an index; every
specification and certification fact is an index probe per pair (correlated subqueries), the hard
requirements first so the soft facts are gathered for survivors only. Nothing depends on row
estimates, so the generic plan PostgreSQL switches a prepared statement to after five executions
is the same plan as a custom one (a join over the whole spec/certification tables was 2-3x slower)."""

from __future__ import annotations

import datetime as dt

import asyncpg

from biomap.sourcing import records, supplier_queries
from biomap.sourcing.matching import WEIGHTS, ExpiringCertification, MatchFacts, Weights
from biomap.sourcing.models import HORIZON_DAYS, Product, Supplier

# $1 demand or supplier, $2 optional supplier / unused, $3 limit, $4.. weights (11)
_BODY = """
ok AS MATERIALIZED (
  -- hard requirements first: per pair, index probes on the supplier's certificates
  -- (supplier_id, kind, expires_on), then on the product's specifications (product_id, key), stopping at
  -- the first miss; the soft facts below are gathered for the survivors only
  SELECT pr.* FROM (
    SELECT pr.* FROM pairs pr
     WHERE NOT EXISTS (SELECT FROM demand_requirement dr
                        WHERE dr.demand_id = pr.demand_id AND dr.hard
                          AND NOT EXISTS (SELECT FROM supplier_certification c
                                           WHERE c.supplier_id = pr.supplier_id AND c.kind = dr.kind AND c.expires_on >= pr.today
                                             AND (c.product_id IS NULL OR c.product_id = pr.product_id)
                                             AND (dr.max_iso_class IS NULL OR c.iso_class <= dr.max_iso_class)))
    OFFSET 0) pr
   WHERE NOT EXISTS (SELECT FROM demand_spec ds
                      WHERE ds.demand_id = pr.demand_id AND ds.hard
                        AND NOT EXISTS (SELECT FROM supplier_product_spec ps
                                         WHERE ps.product_id = pr.product_id AND ps.key = ds.key AND ps.dimension = ds.dimension
                                           AND (ds.min_base IS NULL OR ps.value_base >= ds.min_base - 1e-9 * abs(ds.min_base))
                                           AND (ds.max_base IS NULL OR ps.value_base <= ds.max_base + 1e-9 * abs(ds.max_base))))
),
cand AS (
  -- per surviving pair, one row each of spec, evidence and track-record facts (correlated subqueries:
  -- index probes, no estimate-dependent joins, so the prepared statement's generic plan is as good
  -- as a custom one); OFFSET 0 keeps each probe evaluated once per row
  SELECT pr.*, sa.soft_specs_total, sa.soft_specs_met, sa.specs_met, sa.specs_missing,
         ca.soft_certs_total, ca.soft_certs_met, ca.certs_met, ca.certs_missing, ca.expiring,
         -- the track record counts pairs on OTHER demands: this pair's own final stage is taken off
         tr.validated - (own.stage IS NOT DISTINCT FROM 'VALIDATED')::int AS validated,
         tr.rejected - (own.stage IS NOT DISTINCT FROM 'REJECTED')::int AS rejected
    FROM ok pr
   CROSS JOIN LATERAL (
     -- each required spec: met when the product states the key in range (base units)
     SELECT count(*) FILTER (WHERE NOT x.hard) AS soft_specs_total,
            count(*) FILTER (WHERE NOT x.hard AND x.ok) AS soft_specs_met,
            coalesce(array_agg(x.key ORDER BY x.key) FILTER (WHERE x.ok), '{}') AS specs_met,
            coalesce(array_agg(x.key ORDER BY x.key) FILTER (WHERE NOT x.ok), '{}') AS specs_missing
       FROM (SELECT ds.key, ds.hard,
                    EXISTS (SELECT FROM supplier_product_spec ps
                             WHERE ps.product_id = pr.product_id AND ps.key = ds.key AND ps.dimension = ds.dimension
                               AND (ds.min_base IS NULL OR ps.value_base >= ds.min_base - 1e-9 * abs(ds.min_base))
                               AND (ds.max_base IS NULL OR ps.value_base <= ds.max_base + 1e-9 * abs(ds.max_base))) AS ok
               FROM demand_spec ds WHERE ds.demand_id = pr.demand_id OFFSET 0) x
   ) sa
   CROSS JOIN LATERAL (
     -- each required evidence: the latest unexpired matching certificate, if any
     SELECT count(*) FILTER (WHERE NOT x.hard) AS soft_certs_total,
            count(*) FILTER (WHERE NOT x.hard AND x.expires_on IS NOT NULL) AS soft_certs_met,
            coalesce(array_agg(x.kind ORDER BY x.kind) FILTER (WHERE x.expires_on IS NOT NULL), '{}') AS certs_met,
            coalesce(array_agg(x.kind ORDER BY x.kind) FILTER (WHERE x.expires_on IS NULL), '{}') AS certs_missing,
            coalesce(jsonb_agg(jsonb_build_object('kind', x.kind, 'expires_on', x.expires_on) ORDER BY x.kind)
                     FILTER (WHERE x.expires_on < pr.deadline OR x.expires_on < pr.today + 90), '[]') AS expiring
       FROM (SELECT dr.kind, dr.hard,
                    (SELECT max(c.expires_on) FROM supplier_certification c
                      WHERE c.supplier_id = pr.supplier_id AND c.kind = dr.kind AND c.expires_on >= pr.today
                        AND (c.product_id IS NULL OR c.product_id = pr.product_id)
                        AND (dr.max_iso_class IS NULL OR c.iso_class <= dr.max_iso_class)) AS expires_on
               FROM demand_requirement dr WHERE dr.demand_id = pr.demand_id OFFSET 0) x
   ) ca
   CROSS JOIN LATERAL (
     SELECT count(*) FILTER (WHERE pl.stage = 'VALIDATED') AS validated,
            count(*) FILTER (WHERE pl.stage = 'REJECTED') AS rejected
       FROM pipeline pl WHERE pl.supplier_id = pr.supplier_id AND pl.stage IN ('VALIDATED', 'REJECTED')
   ) tr
    LEFT JOIN pipeline own ON own.demand_id = pr.demand_id AND own.supplier_id = pr.supplier_id
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
# days to the deadline, counted up to the horizon: a deadline stored as 'infinity' cannot be subtracted
_DAYS_LEFT = f"greatest(least(d.deadline, {_TODAY} + {HORIZON_DAYS}) - {_TODAY}, 0)"
_PRODUCT = """p.id AS product_id, p.supplier_id, p.capacity_base, p.capacity_dimension, p.capacity_unit,
         p.lead_time_days, p.minimum_order_base, s.zone"""

SUPPLIERS_FOR_DEMAND = f"""
WITH pairs AS (
  SELECT d.id AS demand_id, d.deadline, {_DAYS_LEFT} AS days_left, {_TODAY} AS today,
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
  SELECT d.id AS demand_id, d.deadline, {_DAYS_LEFT} AS days_left, {_TODAY} AS today,
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
