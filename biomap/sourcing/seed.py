"""Loads seeds/sourcing_*.json: the 30 localisation items, suppliers with products and
certifications, demo demands and demo pipelines in several stages. Idempotent: rows are keyed by
codes and source ids; pipelines that exist are left as they are."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg

from biomap.identity import service as identity
from biomap.sourcing import demand_queries, material_queries, pipeline_queries, supplier_queries
from biomap.sourcing.models import PipelineStage
from biomap.sourcing.search_documents import rebuild_supplier_search
from biomap.sourcing.pipeline_service import STAGE_STATUS
from biomap.sourcing.units import UNITS

_PATH = [PipelineStage.INVITED, PipelineStage.QUOTED, PipelineStage.SAMPLE_SENT, PipelineStage.TESTING,
         PipelineStage.VALIDATED]


@dataclass(frozen=True, slots=True)
class SourcingSeedCounts:
    materials: int
    suppliers: int
    products: int
    demands: int
    pipelines: int


def _read(seeds_dir: Path, name: str) -> Any:
    return json.loads((seeds_dir / name).read_text(encoding="utf-8"))


def _base(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    if value is None or unit is None:
        return None, None
    u = UNITS[unit]
    return value * u.factor, u.dimension


async def load_sourcing(conn: asyncpg.Connection, seeds_dir: Path) -> SourcingSeedCounts:
    if not (seeds_dir / "sourcing_materials.json").exists():
        return SourcingSeedCounts(0, 0, 0, 0, 0)
    material_ids: dict[str, int] = {}
    materials = _read(seeds_dir, "sourcing_materials.json")
    for m in materials:
        material_ids[m["code"]] = await material_queries.upsert_material(conn, m)

    supplier_ids: dict[str, int] = {}
    n_products = 0
    suppliers = _read(seeds_dir, "sourcing_suppliers.json")
    for s in suppliers:
        existing = await conn.fetchval("SELECT id FROM organisation WHERE code = $1", s["org"])
        org_id = existing or await identity.ensure_organisation(
            conn, code=s["org"], name_ko=s.get("name_ko", ""), name_en=s.get("name_en", ""), verified=True)
        supplier_ids[s["org"]] = org_id
        await supplier_queries.upsert_supplier(conn, org_id, {
            k: s.get(k, d) for k, d in (("zone", "OUTSIDE_INCHEON"), ("address", ""), ("website", ""),
                                        ("description", ""), ("reference_customers", []), ("sources", []),
                                        ("synthetic", True))})
        product_ids: dict[str, int] = {}
        for p in s["products"]:
            capacity_base, capacity_dim = _base(p.get("monthly_capacity"), p.get("capacity_unit"))
            min_base, _ = _base(p.get("minimum_order"), p.get("capacity_unit"))
            product_id = await supplier_queries.upsert_product_by_source(conn, org_id, {
                "material_id": material_ids[p["material"]], "name_ko": p.get("name_ko", ""),
                "name_en": p.get("name_en", ""), "description": p.get("description", ""),
                "monthly_capacity": p.get("monthly_capacity"), "capacity_unit": p.get("capacity_unit"),
                "capacity_base": capacity_base, "capacity_dimension": capacity_dim,
                "lead_time_days": p.get("lead_time_days"), "minimum_order": p.get("minimum_order"),
                "minimum_order_base": min_base, "source_id": p["source_id"],
            })
            product_ids[p["source_id"]] = product_id
            await supplier_queries.replace_specs(conn, product_id, [
                {**sp, "value_base": sp["value"] * UNITS[sp["unit"]].factor, "dimension": UNITS[sp["unit"]].dimension}
                for sp in p["specs"]])
            n_products += 1
        for c in s["certifications"]:
            await supplier_queries.insert_certification(conn, org_id, {
                **c, "expires_on": dt.date.fromisoformat(c["expires_on"]),
                "issued_on": dt.date.fromisoformat(c["issued_on"]) if c.get("issued_on") else None,
                "product_id": product_ids.get(c.get("product", "")),
            })

    data = _read(seeds_dir, "sourcing_demands.json")
    demand_ids: dict[str, int] = {}
    for d in data["demands"]:
        manufacturer_id = await conn.fetchval("SELECT id FROM organisation WHERE code = $1", d["manufacturer"])
        unit = UNITS[d["volume_unit"]]
        demand_id = await demand_queries.insert_demand(conn, {
            "manufacturer_id": manufacturer_id, "material_id": material_ids[d["material"]], "title": d["title"],
            "description": d.get("description", ""), "volume_per_month": d["volume_per_month"],
            "volume_unit": d["volume_unit"], "volume_base": d["volume_per_month"] * unit.factor,
            "volume_dimension": unit.dimension, "deadline": dt.date.fromisoformat(d["deadline"]),
            "visibility": d["visibility"], "source_id": d["source_id"],
        })
        demand_ids[d["source_id"]] = demand_id
        specs = []
        for sp in d["specs"]:
            u = UNITS[sp["unit"]]
            lo, hi = sp.get("min"), sp.get("max")
            specs.append({"key": sp["key"], "min": lo, "max": hi, "unit": sp["unit"], "hard": sp["hard"],
                          "min_base": None if lo is None else lo * u.factor,
                          "max_base": None if hi is None else hi * u.factor, "dimension": u.dimension})
        await demand_queries.replace_specs(conn, demand_id, specs)
        await demand_queries.replace_requirements(conn, demand_id, d["requirements"])

    for p in data["pipelines"]:
        demand_id = demand_ids[p["demand"]]
        pipeline = await pipeline_queries.insert_pipeline(conn, demand_id, supplier_ids[p["supplier"]])
        if pipeline is None:
            continue  # already seeded
        material_id = await conn.fetchval("SELECT material_id FROM demand WHERE id = $1", demand_id)
        target = PipelineStage(p["stage"])
        path = _PATH[: _PATH.index(PipelineStage.TESTING) + 1] if target is PipelineStage.REJECTED else \
            _PATH[: _PATH.index(target) + 1]
        if target is PipelineStage.REJECTED:
            path = path + [PipelineStage.REJECTED]
        await pipeline_queries.insert_event(conn, pipeline.id, None, "INVITED", None, "demo data", [])
        previous = PipelineStage.INVITED
        for stage in path[1:]:
            quote = p.get("quote") if stage is PipelineStage.QUOTED else None
            await pipeline_queries.move(conn, pipeline.id, previous.value, stage.value, quote)
            await pipeline_queries.insert_event(conn, pipeline.id, previous.value, stage.value, None, "demo data", [])
            previous = stage
        for stage in path:
            if stage in STAGE_STATUS:
                await material_queries.advance_status(conn, material_id, STAGE_STATUS[stage].value, None, pipeline.id,
                                                      f"demo pipeline {stage.value}")
    await rebuild_supplier_search(conn)
    return SourcingSeedCounts(len(materials), len(suppliers), n_products, len(data["demands"]), len(data["pipelines"]))
