"""Hand-built sourcing worlds: one test item, suppliers with chosen facts, a manufacturer."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import asyncpg
import pytest

from biomap.identity import service as identity
from biomap.identity.models import Role, Viewer
from biomap.sourcing import material_queries, service, supplier_queries
from biomap.sourcing.units import UNITS


@dataclass
class World:
    conn: asyncpg.Connection
    material_code: str
    material_id: int
    today: dt.date

    async def organisation(self, code: str) -> int:
        return await identity.ensure_organisation(self.conn, code=code, name_ko=code, name_en=code, verified=True)

    async def viewer(self, role: Role, org_id: int | None) -> tuple[Viewer, str]:
        org_code = None
        if org_id is not None:
            org_code = await self.conn.fetchval("SELECT code FROM organisation WHERE id = $1", org_id)
        user, token = await identity.create_user(
            self.conn, email=f"{role.value.lower()}-{uuid.uuid4().hex[:8]}@test.biomap.kr", role=role,
            organisation_code=org_code)
        return Viewer(user.id, role, org_id, True), token

    async def supplier(
        self, code: str, zone: str = "NAMDONG", *, specs: dict[str, tuple[float, str]] | None = None,
        capacity: tuple[float, str] | None = (1000, "kg"), lead_time_days: int | None = 30,
        certs: dict[str, int] | None = None, material_id: int | None = None,
    ) -> int:
        """A supplier with one product of the test item; certs: kind -> days until expiry."""
        org_id = await self.organisation(code)
        await supplier_queries.upsert_supplier(self.conn, org_id, {"zone": zone})
        values: dict[str, Any] = {"material_id": material_id or self.material_id, "name_en": f"{code} product",
                                  "lead_time_days": lead_time_days}
        if capacity:
            u = UNITS[capacity[1]]
            values.update(monthly_capacity=capacity[0], capacity_unit=capacity[1],
                          capacity_base=capacity[0] * u.factor, capacity_dimension=u.dimension)
        product_id = await supplier_queries.insert_product(self.conn, org_id, values)
        await supplier_queries.replace_specs(self.conn, product_id, [
            {"key": k, "value": v, "unit": unit, "value_base": v * UNITS[unit].factor,
             "dimension": UNITS[unit].dimension} for k, (v, unit) in (specs or {}).items()])
        for kind, days in (certs or {}).items():
            await supplier_queries.insert_certification(self.conn, org_id, {
                "kind": kind, "expires_on": self.today + dt.timedelta(days=days),
                "iso_class": 7 if kind == "ISO_14644" else None})
        return org_id

    async def demand(self, manufacturer: Viewer, **given: Any) -> int:
        data = {"material_code": self.material_code, "volume_per_month": 500, "volume_unit": "kg",
                "deadline": self.today + dt.timedelta(days=120), **given}
        return await service.create_demand(self.conn, manufacturer, data)


@pytest.fixture
async def world(conn: asyncpg.Connection) -> World:
    code = f"TEST_{uuid.uuid4().hex[:8].upper()}"
    material_id = await material_queries.upsert_material(conn, {
        "code": code, "name_ko": "시험 품목", "name_en": "Test item", "category": "MEDIA",
        "required_evidence": ["GMP"], "annual_import_krw": 1_000_000_000})
    today = await supplier_queries.seoul_today(conn)
    return World(conn, code, material_id, today)


@pytest.fixture
async def manufacturer(world: World) -> Viewer:
    org = await world.organisation("TEST_MANUFACTURER")
    viewer, _ = await world.viewer(Role.MANUFACTURER, org)
    return viewer
