"""SQL for equipment. Plain async functions (conn, …) -> records; permission scoping comes in as
parameters decided by the service, never as rules here. Lists use keyset pagination on id and
`$n::type[] IS NULL OR col = ANY($n)` filters, so each list is one static prepared statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg

from biomap.catalogue import records
from biomap.catalogue.models import Equipment, EquipmentFilter


@dataclass(frozen=True, slots=True)
class EquipmentScope:
    """Which equipment the viewer may list: INTERNAL items only for their own institution."""

    see_all_internal: bool
    own_institution_id: int | None


_EQUIPMENT_WHERE = """($1::bigint[] IS NULL OR e.institution_id = ANY($1))
    AND ($2::zone[] IS NULL OR i.zone = ANY($2))
    AND ($3::text[] IS NULL OR e.category = ANY($3))
    AND ($4::access_policy[] IS NULL OR e.access_policy = ANY($4))
    AND ($5::service_mode[] IS NULL OR e.service_mode = ANY($5))
    AND (CASE WHEN $6::equipment_status[] IS NULL THEN e.status <> 'RETIRED' ELSE e.status = ANY($6) END)
    AND (e.access_policy <> 'INTERNAL' OR $7::boolean OR e.institution_id = $8::bigint)"""


def _equipment_args(filt: EquipmentFilter, scope: EquipmentScope) -> list[Any]:
    return [
        records.enum_values(filt.institution_ids),
        records.enum_values(filt.zones),
        records.enum_values(filt.categories),
        records.enum_values(filt.access_policies),
        records.enum_values(filt.service_modes),
        records.enum_values(filt.statuses),
        scope.see_all_internal,
        scope.own_institution_id,
    ]


async def list_equipment(
    conn: asyncpg.Connection, filt: EquipmentFilter, scope: EquipmentScope, after_id: int, limit: int
) -> list[Equipment]:
    rows = await conn.fetch(
        f"""SELECT e.* FROM equipment e JOIN institution i ON i.id = e.institution_id
             WHERE {_EQUIPMENT_WHERE} AND e.id > $9 ORDER BY e.id LIMIT $10""",
        *_equipment_args(filt, scope), after_id, limit,
    )
    return [records.equipment(r) for r in rows]


async def count_equipment(conn: asyncpg.Connection, filt: EquipmentFilter, scope: EquipmentScope) -> int:
    return await conn.fetchval(
        f"""SELECT count(*) FROM equipment e JOIN institution i ON i.id = e.institution_id
             WHERE {_EQUIPMENT_WHERE}""",
        *_equipment_args(filt, scope),
    )


async def equipment_by_ids(conn: asyncpg.Connection, ids: list[int]) -> list[Equipment]:
    rows = await conn.fetch("SELECT * FROM equipment WHERE id = ANY($1::bigint[])", ids)
    return [records.equipment(r) for r in rows]


async def equipment_for_update(conn: asyncpg.Connection, equipment_id: int) -> Equipment | None:
    row = await conn.fetchrow("SELECT * FROM equipment WHERE id = $1 FOR UPDATE", equipment_id)
    return records.equipment(row) if row else None


_EQUIPMENT_WRITABLE = (
    "name_ko", "name_en", "category", "manufacturer", "model", "year", "description_ko", "description_en",
    "specifications", "building", "room", "status", "access_policy", "service_mode", "training_required",
    "rate_internal_krw", "rate_academic_krw", "rate_industry_krw", "nfec_registration", "rrid", "source_id",
    "photo_url", "contact", "extra",
)



async def insert_equipment(conn: asyncpg.Connection, institution_id: int, values: dict[str, Any]) -> Equipment:
    values = records.plain_values(values, _EQUIPMENT_WRITABLE, skip_none=True)
    columns = ["institution_id", *values]
    placeholders = ", ".join(f"${n}" for n in range(1, len(columns) + 1))
    row = await conn.fetchrow(
        f"INSERT INTO equipment ({', '.join(columns)}) VALUES ({placeholders}) RETURNING *",
        institution_id, *values.values(),
    )
    return records.equipment(row)


async def update_equipment(conn: asyncpg.Connection, equipment_id: int, values: dict[str, Any]) -> Equipment:
    """Set the given columns (only known column names are ever interpolated)."""
    values = records.plain_values(values, _EQUIPMENT_WRITABLE, skip_none=False)
    assignments = ", ".join(f"{column} = ${n}" for n, column in enumerate(values, start=2))
    row = await conn.fetchrow(
        f"""UPDATE equipment SET {assignments + ', ' if assignments else ''}updated_at = now()
             WHERE id = $1 RETURNING *""",
        equipment_id, *values.values(),
    )
    return records.equipment(row)


async def upsert_equipment_by_source(
    conn: asyncpg.Connection, institution_id: int, values: dict[str, Any]
) -> tuple[Equipment, bool]:
    """Insert or update the record keyed by (institution, source_id); returns (record, inserted)."""
    values = records.plain_values(values, _EQUIPMENT_WRITABLE, skip_none=True)
    columns = ["institution_id", *values]
    placeholders = ", ".join(f"${n}" for n in range(1, len(columns) + 1))
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in values if c != "source_id")
    row = await conn.fetchrow(
        f"""INSERT INTO equipment ({', '.join(columns)}) VALUES ({placeholders})
            ON CONFLICT (institution_id, source_id) WHERE source_id IS NOT NULL
            DO UPDATE SET {updates}, updated_at = now()
            RETURNING *, (xmax = 0) AS inserted""",
        institution_id, *values.values(),
    )
    return records.equipment(row), row["inserted"]


async def equipment_for_export(conn: asyncpg.Connection, institution_id: int | None) -> list[dict[str, Any]]:
    rows = await conn.fetch(
        """SELECT e.*, o.name_en AS institution_name_en, o.name_ko AS institution_name_ko,
                  o.code AS institution_code, i.website AS institution_url
             FROM equipment e JOIN institution i ON i.id = e.institution_id
             JOIN organisation o ON o.id = i.id
            WHERE ($1::bigint IS NULL OR e.institution_id = $1)
            ORDER BY e.institution_id, e.id""",
        institution_id,
    )
    return [dict(r) for r in rows]




async def list_equipment_per_institution(
    conn: asyncpg.Connection, institution_ids: list[int], filt: EquipmentFilter, scope: EquipmentScope,
    after_id: int, limit: int,
) -> list[Equipment]:
    """Up to `limit` rows per institution (window function), for the Institution.equipment field."""
    args = _equipment_args(filt, scope)
    args[0] = institution_ids
    rows = await conn.fetch(
        f"""SELECT * FROM (
                SELECT e.*, row_number() OVER (PARTITION BY e.institution_id ORDER BY e.id) AS rank_in_institution
                  FROM equipment e JOIN institution i ON i.id = e.institution_id
                 WHERE {_EQUIPMENT_WHERE} AND e.id > $9) ranked
             WHERE rank_in_institution <= $10 ORDER BY institution_id, id""",
        *args, after_id, limit,
    )
    return [records.equipment(r) for r in rows]


async def count_equipment_per_institution(
    conn: asyncpg.Connection, institution_ids: list[int], filt: EquipmentFilter, scope: EquipmentScope
) -> dict[int, int]:
    args = _equipment_args(filt, scope)
    args[0] = institution_ids
    rows = await conn.fetch(
        f"""SELECT e.institution_id, count(*) AS n FROM equipment e JOIN institution i ON i.id = e.institution_id
             WHERE {_EQUIPMENT_WHERE} GROUP BY e.institution_id""",
        *args,
    )
    return {r["institution_id"]: r["n"] for r in rows}


# Every column an import writes, with its SQL type (for the unnest() batch upsert).
IMPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("institution_id", "bigint"), ("source_id", "text"), ("name_ko", "text"), ("name_en", "text"),
    ("description_ko", "text"), ("description_en", "text"), ("category", "text"), ("manufacturer", "text"),
    ("model", "text"), ("year", "int"), ("building", "text"), ("room", "text"), ("photo_url", "text"),
    ("status", "equipment_status"), ("access_policy", "access_policy"), ("service_mode", "service_mode"),
    ("training_required", "boolean"), ("rate_internal_krw", "int"), ("rate_academic_krw", "int"),
    ("rate_industry_krw", "int"), ("nfec_registration", "text"), ("rrid", "text"),
    ("specifications", "jsonb"), ("contact", "jsonb"), ("extra", "jsonb"),
)


async def upsert_equipment_batch(conn: asyncpg.Connection, rows: list[dict[str, Any]]) -> list[asyncpg.Record]:
    """Insert or update many records keyed by (institution, source_id) in one statement.

    Returns (id, source_id, institution_id, inserted) per row. Enum columns travel as text and are
    cast in SQL so one statement serves every batch."""
    names = [name for name, _ in IMPORT_COLUMNS]
    arrays = [[row[name] for row in rows] for name in names]
    selects = ", ".join(
        f"u.{name}::{sqltype}" if sqltype in ("equipment_status", "access_policy", "service_mode") else f"u.{name}"
        for name, sqltype in IMPORT_COLUMNS
    )
    unnest_types = ", ".join(
        f"${n}::{'text' if t in ('equipment_status', 'access_policy', 'service_mode') else t}[]"
        for n, (_, t) in enumerate(IMPORT_COLUMNS, start=1)
    )
    updates = ", ".join(f"{name} = EXCLUDED.{name}" for name in names if name not in ("institution_id", "source_id"))
    return await conn.fetch(
        f"""INSERT INTO equipment ({', '.join(names)})
            SELECT {selects} FROM unnest({unnest_types}) AS u({', '.join(names)})
            ON CONFLICT (institution_id, source_id) WHERE source_id IS NOT NULL
            DO UPDATE SET {updates}, updated_at = now()
            RETURNING id, source_id, institution_id, (xmax = 0) AS inserted""",
        *arrays,
    )


async def adopt_exported_ids(conn: asyncpg.Connection, exported: Sequence[tuple[int, int]]) -> None:
    """Give records without a source ID the ID Bio Map's export wrote for them ("biomap-<id>"), for
    the (institution id, equipment id) pairs given."""
    await conn.execute(
        """UPDATE equipment e SET source_id = 'biomap-' || e.id
             FROM unnest($1::bigint[], $2::bigint[]) AS k(institution_id, id)
            WHERE e.id = k.id AND e.institution_id = k.institution_id AND e.source_id IS NULL""",
        [institution_id for institution_id, _ in exported], [equipment_id for _, equipment_id in exported],
    )


async def equipment_by_source_ids_for_update(
    conn: asyncpg.Connection, keys: Sequence[tuple[int, str]]
) -> list[asyncpg.Record]:
    """The stored equipment rows with these (institution id, source id) keys, locked (FOR UPDATE)."""
    return await conn.fetch(
        """SELECT e.* FROM equipment e
             JOIN unnest($1::bigint[], $2::text[]) AS k(institution_id, source_id)
               ON e.institution_id = k.institution_id AND e.source_id = k.source_id
              FOR UPDATE OF e""",
        [institution_id for institution_id, _ in keys], [source_id for _, source_id in keys],
    )
