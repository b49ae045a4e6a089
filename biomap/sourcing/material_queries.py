"""SQL for localisation items (materials) and their status history. No rules here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import asyncpg

from biomap.sourcing import records
from biomap.sourcing.models import Material, StatusChange


async def list_materials(conn: asyncpg.Connection) -> list[Material]:
    return [records.material(r) for r in await conn.fetch("SELECT * FROM material ORDER BY code")]


async def materials_by_ids(conn: asyncpg.Connection, ids: Sequence[int]) -> list[Material]:
    rows = await conn.fetch("SELECT * FROM material WHERE id = ANY($1::bigint[])", list(ids))
    return [records.material(r) for r in rows]


async def material_by_code(conn: asyncpg.Connection, code: str) -> Material | None:
    row = await conn.fetchrow("SELECT * FROM material WHERE code = $1", code)
    return records.material(row) if row else None


async def upsert_material(conn: asyncpg.Connection, m: dict[str, Any]) -> int:
    """Seed upsert by code; the localisation status is left alone (it is earned by pipelines)."""
    return await conn.fetchval(
        """INSERT INTO material (code, name_ko, name_en, category, typical_specs, required_evidence,
                                 annual_import_krw, import_value_estimated, sources, source_note)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (code) DO UPDATE SET name_ko = EXCLUDED.name_ko, name_en = EXCLUDED.name_en,
               category = EXCLUDED.category, typical_specs = EXCLUDED.typical_specs,
               required_evidence = EXCLUDED.required_evidence, annual_import_krw = EXCLUDED.annual_import_krw,
               import_value_estimated = EXCLUDED.import_value_estimated, sources = EXCLUDED.sources,
               source_note = EXCLUDED.source_note
           RETURNING id""",
        m["code"], m["name_ko"], m["name_en"], m["category"], m.get("typical_specs", []),
        m.get("required_evidence", []), m.get("annual_import_krw"), m.get("import_value_estimated", True),
        m.get("sources", []), m.get("source_note", ""),
    )


async def advance_status(
    conn: asyncpg.Connection, material_id: int, target: str, actor_id: int | None, pipeline_id: int | None,
    reason: str,
) -> StatusChange | None:
    """Move the status forward to `target` only if it is behind it (monotonic); record the change."""
    row = await conn.fetchrow(
        """WITH old AS (SELECT status FROM material WHERE id = $1 FOR UPDATE),
                upd AS (UPDATE material SET status = $2::localisation_status, status_changed_at = now()
                         WHERE id = $1 AND status < $2::localisation_status RETURNING id)
           INSERT INTO material_status_history (material_id, from_status, to_status, actor_id, pipeline_id, reason)
           SELECT $1, old.status, $2::localisation_status, $3, $4, $5 FROM old, upd
           RETURNING *""",
        material_id, target, actor_id, pipeline_id, reason,
    )
    return records.status_change(row) if row else None


async def history_by_material_ids(conn: asyncpg.Connection, ids: Sequence[int]) -> list[list[StatusChange]]:
    rows = await conn.fetch(
        "SELECT * FROM material_status_history WHERE material_id = ANY($1::bigint[]) ORDER BY at, id", list(ids)
    )
    grouped: dict[int, list[StatusChange]] = {i: [] for i in ids}
    for r in rows:
        grouped[r["material_id"]].append(records.status_change(r))
    return [grouped[i] for i in ids]
