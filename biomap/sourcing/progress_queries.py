"""Localisation progress for the city team: per item and per zone, one statement each."""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg

from biomap.sourcing.models import LocalisationStatus
from biomap.sourcing.units import KRW_PER_UNIT


@dataclass(frozen=True, slots=True)
class StageTime:
    stage: str
    pairs: int           # pairs that spent time in this stage (including the one they are in now)
    total_days: float
    average_days: float


@dataclass(frozen=True, slots=True)
class ItemProgress:
    material_id: int
    code: str
    name_ko: str
    name_en: str
    status: LocalisationStatus
    candidate_suppliers: int
    active_pipelines: int       # pairs that may still move: not VALIDATED or REJECTED, demand not cancelled
    validated_pipelines: int
    stage_times: list[StageTime]
    annual_import_krw: int | None
    covered_krw: int


@dataclass(frozen=True, slots=True)
class ZoneProgress:
    zone: str
    suppliers: int          # with at least one active product
    in_pipelines: int       # with an active pair (see ItemProgress.active_pipelines)
    qualified: int          # with at least one VALIDATED pair


_ITEMS = """
WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Seoul')::date AS d),
cand AS (
  -- suppliers offering the item whose unexpired certifications cover the item's required evidence
  SELECT p.material_id, count(DISTINCT p.supplier_id) AS n
    FROM supplier_product p JOIN material m ON m.id = p.material_id, today
   WHERE p.retired_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM unnest(m.required_evidence) AS k(kind)
                      WHERE NOT EXISTS (SELECT 1 FROM supplier_certification c
                                         WHERE c.supplier_id = p.supplier_id AND c.kind = k.kind
                                           AND c.expires_on >= today.d
                                           AND (c.product_id IS NULL OR c.product_id = p.id)))
   GROUP BY p.material_id
),
pipes AS (
  -- a pair of a cancelled demand never moves again (README: DEMAND_CLOSED), so it is not active; the
  -- covered value is numeric: a float8 product of stored values could overflow, which is an error
  SELECT d.material_id,
         count(*) FILTER (WHERE pl.stage NOT IN ('VALIDATED', 'REJECTED') AND d.status <> 'CANCELLED') AS active,
         count(*) FILTER (WHERE pl.stage = 'VALIDATED') AS validated,
         sum(CASE WHEN pl.stage = 'VALIDATED' THEN d.volume_per_month::numeric * 12 * pl.quote_price
                       * coalesce(($1::jsonb ->> pl.quote_currency)::numeric, 0) END) AS covered
    FROM pipeline pl JOIN demand d ON d.id = pl.demand_id
   GROUP BY d.material_id
),
spans AS (
  -- the current stage counts until now, or until the demand was cancelled (its pairs stopped there)
  SELECT d.material_id, e.pipeline_id, e.to_stage AS stage,
         extract(epoch FROM coalesce(lead(e.at) OVER w, CASE WHEN e.to_stage IN ('VALIDATED', 'REJECTED') THEN e.at
                                                               WHEN d.status = 'CANCELLED' THEN coalesce(d.closed_at, now())
                                                               ELSE now() END) - e.at) / 86400.0 AS days
    FROM pipeline_event e JOIN pipeline pl ON pl.id = e.pipeline_id JOIN demand d ON d.id = pl.demand_id
  WINDOW w AS (PARTITION BY e.pipeline_id ORDER BY e.at, e.id)
),
stage_times AS (
  SELECT material_id, jsonb_agg(jsonb_build_object('stage', stage, 'pairs', pairs, 'total', total) ORDER BY stage)
         AS times
    FROM (SELECT material_id, stage, count(DISTINCT pipeline_id) AS pairs, sum(days) AS total
            FROM spans WHERE stage NOT IN ('VALIDATED', 'REJECTED') GROUP BY material_id, stage) x
   GROUP BY material_id
)
SELECT m.id, m.code, m.name_ko, m.name_en, m.status, m.annual_import_krw,
       coalesce(cand.n, 0) AS candidates, coalesce(pipes.active, 0) AS active,
       coalesce(pipes.validated, 0) AS validated,
       least(coalesce(pipes.covered, 0), m.annual_import_krw) AS covered,
       coalesce(stage_times.times, '[]') AS times
  FROM material m
  LEFT JOIN cand ON cand.material_id = m.id
  LEFT JOIN pipes ON pipes.material_id = m.id
  LEFT JOIN stage_times ON stage_times.material_id = m.id
 ORDER BY m.code
"""

_ZONES = """
SELECT z.zone::text AS zone,
       count(DISTINCT s.id) FILTER (WHERE EXISTS (SELECT 1 FROM supplier_product p
                                                   WHERE p.supplier_id = s.id AND p.retired_at IS NULL)) AS suppliers,
       count(DISTINCT s.id) FILTER (WHERE EXISTS (SELECT 1 FROM pipeline pl JOIN demand d ON d.id = pl.demand_id
                                                   WHERE pl.supplier_id = s.id AND d.status <> 'CANCELLED'
                                                   AND pl.stage NOT IN ('VALIDATED', 'REJECTED'))) AS in_pipelines,
       count(DISTINCT s.id) FILTER (WHERE EXISTS (SELECT 1 FROM pipeline pl WHERE pl.supplier_id = s.id
                                                   AND pl.stage = 'VALIDATED')) AS qualified
  FROM unnest(enum_range(NULL::zone)) AS z(zone)
  LEFT JOIN supplier s ON s.zone = z.zone
 GROUP BY z.zone ORDER BY z.zone
"""


async def item_progress(conn: asyncpg.Connection) -> list[ItemProgress]:
    rows = await conn.fetch(_ITEMS, KRW_PER_UNIT)
    out = []
    for r in rows:
        times = [StageTime(t["stage"], t["pairs"], round(t["total"], 2), round(t["total"] / t["pairs"], 2))
                 for t in r["times"]]
        out.append(ItemProgress(
            r["id"], r["code"], r["name_ko"], r["name_en"], LocalisationStatus(r["status"]), r["candidates"],
            r["active"], r["validated"], times, r["annual_import_krw"], int(r["covered"])))  # capped in SQL
    return out


async def zone_progress(conn: asyncpg.Connection) -> list[ZoneProgress]:
    return [ZoneProgress(r["zone"], r["suppliers"], r["in_pipelines"], r["qualified"]) for r in await conn.fetch(_ZONES)]
