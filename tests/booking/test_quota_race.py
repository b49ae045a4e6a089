"""The quota cannot be bypassed by a race: concurrent requests of one user, each on its own
connection, for separate slots: only as many as fit the quota succeed. Both ways the service is
called: inside the caller's transaction, and on a bare connection as the API calls it."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
import pytest

from biomap.booking import service
from biomap.booking.models import DEFAULT_HOURS, BookingRules
from biomap.booking.queries import upsert_rules
from biomap.db.pool import connect
from biomap.errors import ValidationFailed
from biomap.identity.models import Role, Viewer
from biomap.identity.service import create_user
from tests.booking.conftest import make_equipment, next_weekday, seoul


@pytest.mark.parametrize("in_transaction", [True, False], ids=["caller-transaction", "bare-connection"])
async def test_concurrent_requests_cannot_exceed_quota(database_dsn: str, in_transaction: bool) -> None:
    setup = await connect(database_dsn)
    tag = uuid.uuid4().hex[:8]
    try:
        async with setup.transaction():
            equipment = await make_equipment(setup)
            await upsert_rules(setup, equipment, BookingRules(opening_hours=DEFAULT_HOURS, weekly_quota_hours=2,
                                                              is_default=False), None)
            user, _ = await create_user(setup, email=f"quota-{tag}@test.biomap.kr", role=Role.RESEARCHER,
                                        organisation_code="YONSEI_IC")
        viewer = Viewer(user.id, Role.RESEARCHER, None, False, user.email)
        day = next_weekday(2)
        conns = [await connect(database_dsn) for _ in range(6)]

        async def attempt(conn: asyncpg.Connection, hour: int) -> str:
            data = {"equipment_id": equipment, "start": seoul(day, hour).isoformat(),
                    "end": seoul(day, hour + 1).isoformat(), "purpose": "quota race"}
            try:
                if in_transaction:
                    async with conn.transaction():
                        await service.request_booking(conn, viewer, data)
                else:
                    await service.request_booking(conn, viewer, data)
                return "ok"
            except ValidationFailed as exc:
                return exc.problems[0].code

        try:
            results = await asyncio.gather(*(attempt(c, 9 + i) for i, c in enumerate(conns)))
        finally:
            for c in conns:
                await c.close()
        assert sorted(results) == ["QUOTA_EXCEEDED"] * 4 + ["ok"] * 2
        assert await setup.fetchval(
            "SELECT count(*) FROM booking WHERE user_id = $1 AND status IN ('REQUESTED', 'APPROVED')", user.id) == 2
    finally:
        async with setup.transaction():
            await setup.execute("DELETE FROM outbox WHERE topic = 'booking.notification' AND (payload->>'equipmentId')::bigint = $1", equipment)
            await setup.execute("DELETE FROM audit_log WHERE entity = 'booking' AND entity_id IN (SELECT id FROM booking WHERE equipment_id = $1)", equipment)
            await setup.execute("DELETE FROM booking WHERE equipment_id = $1", equipment)
            await setup.execute("DELETE FROM equipment WHERE id = $1", equipment)
            await setup.execute("DELETE FROM app_user WHERE email = $1", f"quota-{tag}@test.biomap.kr")
        await setup.close()

