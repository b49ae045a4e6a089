"""SQL for institutions. Plain async functions (conn, …) -> records; permission scoping comes in as
parameters decided by the service, never as rules here. Lists use keyset pagination on id and
`$n::type[] IS NULL OR col = ANY($n)` filters, so each list is one static prepared statement.
"""

from __future__ import annotations

from typing import Any

import asyncpg

from biomap.catalogue import records
from biomap.catalogue.models import Institution, InstitutionFilter

_INSTITUTION_COLUMNS = """i.id, o.code, o.name_ko, o.name_en, i.kind, i.zone, i.address, i.latitude,
    i.longitude, i.website, i.description, i.sources"""


async def institutions_by_ids(conn: asyncpg.Connection, ids: list[int]) -> list[Institution]:
    rows = await conn.fetch(
        f"""SELECT {_INSTITUTION_COLUMNS} FROM institution i JOIN organisation o ON o.id = i.id
             WHERE i.id = ANY($1::bigint[])""",
        ids,
    )
    return [records.institution(r) for r in rows]


async def institution_exists(conn: asyncpg.Connection, institution_id: int) -> bool:
    return await conn.fetchval("SELECT EXISTS (SELECT 1 FROM institution WHERE id = $1)", institution_id)


async def institution_by_code(conn: asyncpg.Connection, code: str) -> Institution | None:
    row = await conn.fetchrow(
        f"SELECT {_INSTITUTION_COLUMNS} FROM institution i JOIN organisation o ON o.id = i.id WHERE o.code = $1",
        code,
    )
    return records.institution(row) if row else None


async def institution_by_name(conn: asyncpg.Connection, name: str) -> Institution | None:
    """Match a code or a Korean/English name, case-insensitively (for imports from other systems)."""
    row = await conn.fetchrow(
        f"""SELECT {_INSTITUTION_COLUMNS} FROM institution i JOIN organisation o ON o.id = i.id
             WHERE upper(o.code) = upper($1) OR lower(o.name_en) = lower($1) OR o.name_ko = $1
             ORDER BY (upper(o.code) = upper($1)) DESC LIMIT 1""",
        name,
    )
    return records.institution(row) if row else None


_INSTITUTION_WHERE = """($1::zone[] IS NULL OR i.zone = ANY($1))
    AND ($2::institution_kind[] IS NULL OR i.kind = ANY($2))"""


async def list_institutions(
    conn: asyncpg.Connection, filt: InstitutionFilter, after_id: int, limit: int
) -> list[Institution]:
    rows = await conn.fetch(
        f"""SELECT {_INSTITUTION_COLUMNS} FROM institution i JOIN organisation o ON o.id = i.id
             WHERE {_INSTITUTION_WHERE} AND i.id > $3 ORDER BY i.id LIMIT $4""",
        records.enum_values(filt.zones), records.enum_values(filt.kinds), after_id, limit,
    )
    return [records.institution(r) for r in rows]


async def count_institutions(conn: asyncpg.Connection, filt: InstitutionFilter) -> int:
    return await conn.fetchval(
        f"SELECT count(*) FROM institution i WHERE {_INSTITUTION_WHERE}",
        records.enum_values(filt.zones), records.enum_values(filt.kinds),
    )


async def upsert_institution(conn: asyncpg.Connection, organisation_id: int, data: dict[str, Any]) -> None:
    await conn.execute(
        """INSERT INTO institution (id, kind, zone, address, latitude, longitude, website, description, sources)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, zone = EXCLUDED.zone,
               address = EXCLUDED.address, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
               website = EXCLUDED.website, description = EXCLUDED.description, sources = EXCLUDED.sources,
               updated_at = now()""",
        organisation_id, data["kind"], data["zone"], data.get("address", ""), data.get("latitude"),
        data.get("longitude"), data.get("website", ""), data.get("description", ""), data.get("sources", []),
    )


async def institution_names(conn: asyncpg.Connection) -> list[asyncpg.Record]:
    """Code and names of every institution, by code (the suggest directory)."""
    return await conn.fetch(
        "SELECT o.code, o.name_ko, o.name_en FROM institution i JOIN organisation o ON o.id = i.id ORDER BY o.code")
