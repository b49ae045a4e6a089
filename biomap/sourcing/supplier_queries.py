"""SQL for supplier profiles, products (with specifications) and certifications. No rules here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import asyncpg

from biomap.sourcing import records
from biomap.sourcing.models import Certification, Product, Supplier

SUPPLIER_COLUMNS = _SUPPLIER = """s.id, o.code, o.name_ko, o.name_en, s.zone, s.address, s.website, s.description,
    s.reference_customers, s.sources, s.synthetic"""

PRODUCT_COLUMNS = _PRODUCT = """p.*, (SELECT coalesce(jsonb_agg(jsonb_build_object('key', ps.key, 'value', ps.value, 'unit', ps.unit)
                                         ORDER BY ps.key), '[]')
                      FROM supplier_product_spec ps WHERE ps.product_id = p.id) AS specs"""


async def suppliers_by_ids(conn: asyncpg.Connection, ids: Sequence[int]) -> list[Supplier]:
    rows = await conn.fetch(
        f"SELECT {_SUPPLIER} FROM supplier s JOIN organisation o ON o.id = s.id WHERE s.id = ANY($1::bigint[])",
        list(ids),
    )
    return [records.supplier(r) for r in rows]


async def supplier_by_code(conn: asyncpg.Connection, code: str) -> Supplier | None:
    row = await conn.fetchrow(
        f"SELECT {_SUPPLIER} FROM supplier s JOIN organisation o ON o.id = s.id WHERE o.code = $1", code
    )
    return records.supplier(row) if row else None


async def list_suppliers(
    conn: asyncpg.Connection, zones: list[str] | None, material_id: int | None, after_id: int, limit: int
) -> list[Supplier]:
    rows = await conn.fetch(
        f"""SELECT {_SUPPLIER} FROM supplier s JOIN organisation o ON o.id = s.id
             WHERE s.id > $3 AND ($1::zone[] IS NULL OR s.zone = ANY($1))
               AND ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM supplier_product p WHERE p.supplier_id = s.id
                                                    AND p.material_id = $2 AND p.retired_at IS NULL))
             ORDER BY s.id LIMIT $4""",
        zones, material_id, after_id, limit,
    )
    return [records.supplier(r) for r in rows]


async def count_suppliers(conn: asyncpg.Connection, zones: list[str] | None, material_id: int | None) -> int:
    return await conn.fetchval(
        """SELECT count(*) FROM supplier s
            WHERE ($1::zone[] IS NULL OR s.zone = ANY($1))
              AND ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM supplier_product p WHERE p.supplier_id = s.id
                                                   AND p.material_id = $2 AND p.retired_at IS NULL))""",
        zones, material_id,
    )


_PROFILE_COLUMNS = ("zone", "address", "website", "description", "reference_customers", "sources", "synthetic")


async def upsert_supplier(conn: asyncpg.Connection, organisation_id: int, values: dict[str, Any]) -> None:
    """Change the given columns of the profile, or create it (then the zone is required)."""
    values = {k: getattr(v, "value", v) for k, v in values.items() if k in _PROFILE_COLUMNS}
    cols = list(values)
    sets = ", ".join(f"{c} = ${i + 2}" for i, c in enumerate(cols))
    updated = await conn.fetchval(
        f"UPDATE supplier SET {sets + ', ' if sets else ''}updated_at = now() WHERE id = $1 RETURNING id",
        organisation_id, *values.values(),
    )
    if updated is None:
        placeholders = "".join(f", ${i + 2}" for i in range(len(cols)))
        await conn.execute(
            f"INSERT INTO supplier (id{''.join(', ' + c for c in cols)}) VALUES ($1{placeholders})",
            organisation_id, *values.values(),
        )


async def supplier_exists(conn: asyncpg.Connection, supplier_id: int) -> bool:
    return await conn.fetchval("SELECT EXISTS (SELECT 1 FROM supplier WHERE id = $1)", supplier_id)


# ---- products ------------------------------------------------------------------------------------

_PRODUCT_COLUMNS = (
    "material_id", "name_ko", "name_en", "description", "monthly_capacity", "capacity_unit", "capacity_base",
    "capacity_dimension", "lead_time_days", "minimum_order", "minimum_order_base", "source_id",
)


async def insert_product(conn: asyncpg.Connection, supplier_id: int, values: dict[str, Any]) -> int:
    cols = [c for c in _PRODUCT_COLUMNS if c in values]
    placeholders = ", ".join(f"${i + 2}" for i in range(len(cols)))
    return await conn.fetchval(
        f"INSERT INTO supplier_product (supplier_id, {', '.join(cols)}) VALUES ($1, {placeholders}) RETURNING id",
        supplier_id, *[values[c] for c in cols],
    )


async def upsert_product_by_source(conn: asyncpg.Connection, supplier_id: int, values: dict[str, Any]) -> int:
    cols = [c for c in _PRODUCT_COLUMNS if c in values]
    placeholders = ", ".join(f"${i + 2}" for i in range(len(cols)))
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in cols)
    return await conn.fetchval(
        f"""INSERT INTO supplier_product (supplier_id, {', '.join(cols)}) VALUES ($1, {placeholders})
            ON CONFLICT (supplier_id, source_id) WHERE source_id IS NOT NULL DO UPDATE SET {updates}, updated_at = now()
            RETURNING id""",
        supplier_id, *[values[c] for c in cols],
    )


async def update_product(conn: asyncpg.Connection, product_id: int, values: dict[str, Any]) -> None:
    cols = [c for c in _PRODUCT_COLUMNS if c in values]
    if not cols:
        return
    sets = ", ".join(f"{c} = ${i + 2}" for i, c in enumerate(cols))
    await conn.execute(
        f"UPDATE supplier_product SET {sets}, updated_at = now() WHERE id = $1", product_id, *[values[c] for c in cols]
    )


async def retire_product(conn: asyncpg.Connection, product_id: int) -> None:
    await conn.execute("UPDATE supplier_product SET retired_at = now(), updated_at = now() WHERE id = $1", product_id)


async def replace_specs(conn: asyncpg.Connection, product_id: int, specs: list[dict[str, Any]]) -> None:
    await conn.execute("DELETE FROM supplier_product_spec WHERE product_id = $1", product_id)
    if specs:
        await conn.executemany(
            """INSERT INTO supplier_product_spec (product_id, key, value, unit, value_base, dimension)
               VALUES ($1, $2, $3, $4, $5, $6)""",
            [(product_id, s["key"], s["value"], s["unit"], s["value_base"], s["dimension"]) for s in specs],
        )


async def product_for_update(conn: asyncpg.Connection, product_id: int) -> Product | None:
    row = await conn.fetchrow(f"SELECT {_PRODUCT} FROM supplier_product p WHERE p.id = $1 FOR UPDATE", product_id)
    return records.product(row) if row else None


async def products_by_ids(conn: asyncpg.Connection, ids: Sequence[int]) -> list[Product]:
    rows = await conn.fetch(f"SELECT {_PRODUCT} FROM supplier_product p WHERE p.id = ANY($1::bigint[])", list(ids))
    return [records.product(r) for r in rows]


async def products_by_supplier_ids(conn: asyncpg.Connection, ids: Sequence[int]) -> list[list[Product]]:
    """Active products of each supplier (a supplier lists tens, not thousands: no paging)."""
    rows = await conn.fetch(
        f"""SELECT {_PRODUCT} FROM supplier_product p
             WHERE p.supplier_id = ANY($1::bigint[]) AND p.retired_at IS NULL ORDER BY p.supplier_id, p.id""",
        list(ids),
    )
    grouped: dict[int, list[Product]] = {i: [] for i in ids}
    for r in rows:
        grouped[r["supplier_id"]].append(records.product(r))
    return [grouped[i] for i in ids]


# ---- certifications ------------------------------------------------------------------------------


async def insert_certification(conn: asyncpg.Connection, supplier_id: int, values: dict[str, Any]) -> Certification:
    row = await conn.fetchrow(
        """INSERT INTO supplier_certification (supplier_id, product_id, kind, iso_class, reference, issued_on,
                                               expires_on, illustrative, source_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (supplier_id, source_id) WHERE source_id IS NOT NULL DO UPDATE SET
               product_id = EXCLUDED.product_id, kind = EXCLUDED.kind, iso_class = EXCLUDED.iso_class,
               reference = EXCLUDED.reference, issued_on = EXCLUDED.issued_on, expires_on = EXCLUDED.expires_on,
               illustrative = EXCLUDED.illustrative
           RETURNING *""",
        supplier_id, values.get("product_id"), values["kind"], values.get("iso_class"), values.get("reference", ""),
        values.get("issued_on"), values["expires_on"], values.get("illustrative", False), values.get("source_id"),
    )
    return records.certification(row)


async def certification_by_id(conn: asyncpg.Connection, certification_id: int) -> Certification | None:
    row = await conn.fetchrow("SELECT * FROM supplier_certification WHERE id = $1", certification_id)
    return records.certification(row) if row else None


async def delete_certification(conn: asyncpg.Connection, certification_id: int) -> None:
    await conn.execute("DELETE FROM supplier_certification WHERE id = $1", certification_id)


async def certifications_by_supplier_ids(conn: asyncpg.Connection, ids: Sequence[int]) -> list[list[Certification]]:
    rows = await conn.fetch(
        """SELECT * FROM supplier_certification WHERE supplier_id = ANY($1::bigint[])
            ORDER BY supplier_id, kind, expires_on, id""",
        list(ids),
    )
    grouped: dict[int, list[Certification]] = {i: [] for i in ids}
    for r in rows:
        grouped[r["supplier_id"]].append(records.certification(r))
    return [grouped[i] for i in ids]


async def seoul_today(conn: asyncpg.Connection) -> dt.date:
    return await conn.fetchval("SELECT (now() AT TIME ZONE 'Asia/Seoul')::date")
