"""SQL for technologies. Plain async functions (conn, …) -> records; permission scoping comes in as
parameters decided by the service, never as rules here. Lists use keyset pagination on id and
`$n::type[] IS NULL OR col = ANY($n)` filters, so each list is one static prepared statement.
"""

from __future__ import annotations

from typing import Any

import asyncpg

from biomap.catalogue import records
from biomap.catalogue.models import Technology, TechnologyKind

_TECHNOLOGY_WHERE = """($1::bigint[] IS NULL OR t.institution_id = ANY($1))
    AND ($2::technology_kind[] IS NULL OR t.kind = ANY($2))
    AND ($3::boolean OR t.retired_at IS NULL)"""


async def list_technologies(
    conn: asyncpg.Connection, institution_ids: list[int] | None, kinds: list[TechnologyKind] | None,
    include_retired: bool, after_id: int, limit: int,
) -> list[Technology]:
    rows = await conn.fetch(
        f"SELECT t.* FROM technology t WHERE {_TECHNOLOGY_WHERE} AND t.id > $4 ORDER BY t.id LIMIT $5",
        institution_ids, records.enum_values(kinds), include_retired, after_id, limit,
    )
    return [records.technology(r) for r in rows]


async def count_technologies(
    conn: asyncpg.Connection, institution_ids: list[int] | None, kinds: list[TechnologyKind] | None,
    include_retired: bool,
) -> int:
    return await conn.fetchval(
        f"SELECT count(*) FROM technology t WHERE {_TECHNOLOGY_WHERE}",
        institution_ids, records.enum_values(kinds), include_retired,
    )


async def technologies_by_ids(conn: asyncpg.Connection, ids: list[int]) -> list[Technology]:
    rows = await conn.fetch("SELECT * FROM technology WHERE id = ANY($1::bigint[])", ids)
    return [records.technology(r) for r in rows]


_TECHNOLOGY_WRITABLE = (
    "kind", "title_ko", "title_en", "summary_ko", "summary_en", "trl", "patents", "contact_name",
    "contact_email", "contact_phone", "source_id",
)


async def technology_for_update(conn: asyncpg.Connection, technology_id: int) -> Technology | None:
    row = await conn.fetchrow("SELECT * FROM technology WHERE id = $1 FOR UPDATE", technology_id)
    return records.technology(row) if row else None


async def insert_technology(conn: asyncpg.Connection, institution_id: int, values: dict[str, Any]) -> Technology:
    values = records.plain_values(values, _TECHNOLOGY_WRITABLE, skip_none=True)
    columns = ["institution_id", *values]
    placeholders = ", ".join(f"${n}" for n in range(1, len(columns) + 1))
    row = await conn.fetchrow(
        f"INSERT INTO technology ({', '.join(columns)}) VALUES ({placeholders}) RETURNING *",
        institution_id, *values.values(),
    )
    return records.technology(row)


async def update_technology(conn: asyncpg.Connection, technology_id: int, values: dict[str, Any]) -> Technology:
    values = records.plain_values(values, _TECHNOLOGY_WRITABLE, skip_none=False)
    assignments = ", ".join(f"{column} = ${n}" for n, column in enumerate(values, start=2))
    row = await conn.fetchrow(
        f"""UPDATE technology SET {assignments + ', ' if assignments else ''}updated_at = now()
             WHERE id = $1 RETURNING *""",
        technology_id, *values.values(),
    )
    return records.technology(row)


async def retire_technology(conn: asyncpg.Connection, technology_id: int) -> Technology:
    row = await conn.fetchrow(
        """UPDATE technology SET retired_at = coalesce(retired_at, now()), updated_at = now()
            WHERE id = $1 RETURNING *""",
        technology_id,
    )
    return records.technology(row)


async def upsert_technology_by_source(conn: asyncpg.Connection, institution_id: int, values: dict[str, Any]) -> None:
    values = records.plain_values(values, _TECHNOLOGY_WRITABLE, skip_none=True)
    columns = ["institution_id", *values]
    placeholders = ", ".join(f"${n}" for n in range(1, len(columns) + 1))
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in values if c != "source_id")
    await conn.execute(
        f"""INSERT INTO technology ({', '.join(columns)}) VALUES ({placeholders})
            ON CONFLICT (institution_id, source_id) WHERE source_id IS NOT NULL
            DO UPDATE SET {updates}, updated_at = now()""",
        institution_id, *values.values(),
    )


