"""SQL for manufacturers' demands with their specification ranges and evidence requirements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import asyncpg

from biomap.sourcing import records
from biomap.sourcing.models import Demand

_DEMAND = """d.*,
    (SELECT coalesce(jsonb_agg(jsonb_build_object('key', s.key, 'min_value', s.min_value, 'max_value', s.max_value,
                                                  'unit', s.unit, 'hard', s.hard) ORDER BY s.key), '[]')
       FROM demand_spec s WHERE s.demand_id = d.id) AS specs,
    (SELECT coalesce(jsonb_agg(jsonb_build_object('kind', q.kind, 'max_iso_class', q.max_iso_class, 'hard', q.hard)
                               ORDER BY q.kind), '[]')
       FROM demand_requirement q WHERE q.demand_id = d.id) AS requirements"""


async def insert_demand(conn: asyncpg.Connection, values: dict[str, Any]) -> int:
    return await conn.fetchval(
        """INSERT INTO demand (manufacturer_id, material_id, title, description, volume_per_month, volume_unit,
                               volume_base, volume_dimension, deadline, visibility, source_id, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (manufacturer_id, source_id) WHERE source_id IS NOT NULL DO UPDATE SET
               material_id = EXCLUDED.material_id, title = EXCLUDED.title, description = EXCLUDED.description,
               volume_per_month = EXCLUDED.volume_per_month, volume_unit = EXCLUDED.volume_unit,
               volume_base = EXCLUDED.volume_base, volume_dimension = EXCLUDED.volume_dimension,
               deadline = EXCLUDED.deadline, visibility = EXCLUDED.visibility
           RETURNING id""",
        values["manufacturer_id"], values["material_id"], values.get("title", ""), values.get("description", ""),
        values["volume_per_month"], values["volume_unit"], values["volume_base"], values["volume_dimension"],
        values["deadline"], values["visibility"], values.get("source_id"), values.get("created_by"),
    )


async def replace_specs(conn: asyncpg.Connection, demand_id: int, specs: list[dict[str, Any]]) -> None:
    await conn.execute("DELETE FROM demand_spec WHERE demand_id = $1", demand_id)
    if specs:
        await conn.executemany(
            """INSERT INTO demand_spec (demand_id, key, min_value, max_value, unit, min_base, max_base, dimension, hard)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""",
            [(demand_id, s["key"], s["min"], s["max"], s["unit"], s["min_base"], s["max_base"], s["dimension"],
              s["hard"]) for s in specs],
        )


async def replace_requirements(conn: asyncpg.Connection, demand_id: int, reqs: list[dict[str, Any]]) -> None:
    await conn.execute("DELETE FROM demand_requirement WHERE demand_id = $1", demand_id)
    if reqs:
        await conn.executemany(
            "INSERT INTO demand_requirement (demand_id, kind, max_iso_class, hard) VALUES ($1, $2, $3, $4)",
            [(demand_id, q["kind"], q.get("max_iso_class"), q["hard"]) for q in reqs],
        )


async def demands_by_ids(conn: asyncpg.Connection, ids: Sequence[int]) -> list[Demand]:
    rows = await conn.fetch(f"SELECT {_DEMAND} FROM demand d WHERE d.id = ANY($1::bigint[])", list(ids))
    return [records.demand(r) for r in rows]


async def demand_for_update(conn: asyncpg.Connection, demand_id: int) -> Demand | None:
    row = await conn.fetchrow(f"SELECT {_DEMAND} FROM demand d WHERE d.id = $1 FOR UPDATE", demand_id)
    return records.demand(row) if row else None


async def set_status(conn: asyncpg.Connection, demand_id: int, status: str) -> bool:
    """Conditional: only an OPEN demand is closed or cancelled."""
    done = await conn.fetchval(
        """UPDATE demand SET status = $2::demand_status, closed_at = now()
            WHERE id = $1 AND status = 'OPEN' RETURNING id""",
        demand_id, status,
    )
    return done is not None


async def list_demands(
    conn: asyncpg.Connection, manufacturer_id: int | None, visible_to_supplier: int | None, statuses: list[str] | None,
    after_id: int, limit: int,
) -> list[Demand]:
    """Demands of one manufacturer, or those a supplier may see, or all (city team) when both are None."""
    rows = await conn.fetch(
        f"""SELECT {_DEMAND} FROM demand d
             WHERE d.id > $4 AND ($1::bigint IS NULL OR d.manufacturer_id = $1)
               AND ($2::bigint IS NULL OR d.visibility = 'ALL_SUPPLIERS'
                    OR EXISTS (SELECT 1 FROM pipeline p WHERE p.demand_id = d.id AND p.supplier_id = $2))
               AND ($3::demand_status[] IS NULL OR d.status = ANY($3))
             ORDER BY d.id LIMIT $5""",
        manufacturer_id, visible_to_supplier, statuses, after_id, limit,
    )
    return [records.demand(r) for r in rows]


async def count_demands(
    conn: asyncpg.Connection, manufacturer_id: int | None, visible_to_supplier: int | None, statuses: list[str] | None
) -> int:
    return await conn.fetchval(
        """SELECT count(*) FROM demand d
            WHERE ($1::bigint IS NULL OR d.manufacturer_id = $1)
              AND ($2::bigint IS NULL OR d.visibility = 'ALL_SUPPLIERS'
                   OR EXISTS (SELECT 1 FROM pipeline p WHERE p.demand_id = d.id AND p.supplier_id = $2))
              AND ($3::demand_status[] IS NULL OR d.status = ANY($3))""",
        manufacturer_id, visible_to_supplier, statuses,
    )


async def supplier_invited(conn: asyncpg.Connection, demand_id: int, supplier_id: int) -> bool:
    return await conn.fetchval(
        "SELECT EXISTS (SELECT 1 FROM pipeline WHERE demand_id = $1 AND supplier_id = $2)", demand_id, supplier_id
    )
