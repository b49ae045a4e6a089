"""Batch load functions for sourcing: one SQL statement per batch of keys, results in key order.
The API wraps them in per-request DataLoaders (biomap/api/sourcing/loaders.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import asyncpg

from biomap.sourcing import demand_queries, material_queries, pipeline_queries, supplier_queries

T = TypeVar("T")


def by_id(fetch: Callable[[asyncpg.Connection, Sequence[int]], Awaitable[list[T]]]):
    async def load(conn: asyncpg.Connection, ids: Sequence[int]) -> list[T | None]:
        found: dict[int, Any] = {r.id: r for r in await fetch(conn, ids)}
        return [found.get(i) for i in ids]

    return load


materials_by_id = by_id(material_queries.materials_by_ids)
suppliers_by_id = by_id(supplier_queries.suppliers_by_ids)
products_by_id = by_id(supplier_queries.products_by_ids)
demands_by_id = by_id(demand_queries.demands_by_ids)
pipelines_by_id = by_id(pipeline_queries.pipelines_by_ids)


async def certifications_by_id(conn: asyncpg.Connection, ids: Sequence[int]) -> list[Any]:
    from biomap.sourcing import records

    rows = await conn.fetch("SELECT * FROM supplier_certification WHERE id = ANY($1::bigint[])", list(ids))
    found = {r["id"]: records.certification(r) for r in rows}
    return [found.get(i) for i in ids]


async def organisations_by_id(conn: asyncpg.Connection, ids: Sequence[int]) -> list[Any]:
    rows = await conn.fetch("SELECT id, code, name_ko, name_en FROM organisation WHERE id = ANY($1::bigint[])",
                            list(ids))
    found = {r["id"]: r for r in rows}
    return [found.get(i) for i in ids]


products_by_supplier_id = supplier_queries.products_by_supplier_ids
certifications_by_supplier_id = supplier_queries.certifications_by_supplier_ids
pipelines_by_demand_id = pipeline_queries.pipelines_by_demand_ids
events_by_pipeline_id = pipeline_queries.events_by_pipeline_ids
status_history_by_material_id = material_queries.history_by_material_ids
