"""Serialization failures and deadlocks are retried; concurrent repeats of one idempotency key
create one booking."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from types import SimpleNamespace

import asyncpg
import pytest

from biomap.api.booking.errors import run_booking
from biomap.booking import service
from biomap.db.pool import connect
from biomap.errors import ValidationFailed
from biomap.identity.models import Role, Viewer
from biomap.identity.service import create_user
from tests.booking.conftest import make_equipment, next_weekday, seoul


class FakeDatabase:
    def __init__(self) -> None:
        self.transactions = 0

    @asynccontextmanager
    async def transaction(self):
        self.transactions += 1
        yield object()


@pytest.mark.parametrize("failure", [asyncpg.SerializationError, asyncpg.DeadlockDetectedError])
async def test_transient_failures_are_retried(failure) -> None:
    db = FakeDatabase()
    info = SimpleNamespace(context=SimpleNamespace(db=db))
    calls = []

    async def work(conn):
        calls.append(conn)
        if len(calls) < 3:
            raise failure("could not serialize access")
        return "booked"

    result, errors = await run_booking(info, work)  # type: ignore[arg-type]
    assert (result, errors, db.transactions) == ("booked", [], 3)


@dataclass(frozen=True)
class Committed:
    """Equipment and a researcher committed outside any test transaction (concurrent connections
    must see them); everything the test books on the equipment is deleted afterwards."""
    setup: asyncpg.Connection
    equipment: int
    viewer: Viewer
    tag: str


@pytest.fixture
async def committed(database_dsn: str) -> AsyncIterator[Committed]:
    setup = await connect(database_dsn)
    tag = uuid.uuid4().hex[:8]
    email = f"key-{tag}@test.biomap.kr"
    async with setup.transaction():
        equipment = await make_equipment(setup)
        user, _ = await create_user(setup, email=email, role=Role.RESEARCHER, organisation_code="YONSEI_IC")
    try:
        yield Committed(setup, equipment, Viewer(user.id, Role.RESEARCHER, None, False, user.email), tag)
    finally:
        async with setup.transaction():
            await setup.execute("DELETE FROM outbox WHERE topic = 'booking.notification' AND (payload->>'equipmentId')::bigint = $1", equipment)
            await setup.execute("DELETE FROM audit_log WHERE entity = 'booking' AND entity_id IN (SELECT id FROM booking WHERE equipment_id = $1)", equipment)
            await setup.execute("DELETE FROM booking_idempotency WHERE user_id = $1", user.id)
            await setup.execute("DELETE FROM booking WHERE equipment_id = $1", equipment)
            await setup.execute("DELETE FROM equipment WHERE id = $1", equipment)
            await setup.execute("DELETE FROM app_user WHERE email = $1", email)
        await setup.close()


@pytest.mark.parametrize("in_transaction", [True, False], ids=["caller-transaction", "bare-connection"])
async def test_concurrent_repeats_of_one_key_make_one_booking(database_dsn: str, committed: Committed,
                                                              in_transaction: bool) -> None:
    day = next_weekday(2)
    data = {"equipment_id": committed.equipment, "start": seoul(day, 10).isoformat(),
            "end": seoul(day, 11).isoformat(), "purpose": "twice", "idempotency_key": f"key-{committed.tag}"}
    conns = [await connect(database_dsn) for _ in range(5)]

    async def attempt(conn: asyncpg.Connection) -> int:
        if not in_transaction:  # as the API calls it: the service keeps its writes atomic itself
            return (await service.request_booking(conn, committed.viewer, dict(data))).id
        async with conn.transaction():
            return (await service.request_booking(conn, committed.viewer, dict(data))).id

    try:
        ids = await asyncio.gather(*(attempt(c) for c in conns))
    finally:
        for c in conns:
            await c.close()
    assert len(set(ids)) == 1
    assert await committed.setup.fetchval(
        "SELECT count(*) FROM booking WHERE equipment_id = $1", committed.equipment) == 1


async def test_a_refused_request_on_a_bare_connection_leaves_no_key_claim(database_dsn: str,
                                                                         committed: Committed) -> None:
    """The key's claim and the booking are written together or not at all: after a conflict the
    same key can make the booking once the slot is free."""
    setup, viewer, key = committed.setup, committed.viewer, f"k-{committed.tag}"
    day = next_weekday(2)
    slot = {"equipment_id": committed.equipment, "start": seoul(day, 10).isoformat(),
            "end": seoul(day, 11).isoformat(), "purpose": "first"}
    conn = await connect(database_dsn)
    try:
        first = await service.request_booking(conn, viewer, dict(slot))
        with pytest.raises(ValidationFailed) as refused:
            await service.request_booking(conn, viewer, {**slot, "idempotency_key": key})
        assert [p.code for p in refused.value.problems] == ["BOOKING_CONFLICT"]
        assert not conn.is_in_transaction()
        assert await setup.fetchval("SELECT count(*) FROM booking_idempotency WHERE key = $1", key) == 0
        await setup.execute("UPDATE booking SET status = 'CANCELLED' WHERE id = $1", first.id)
        again = await service.request_booking(conn, viewer, {**slot, "idempotency_key": key})
        assert again.id != first.id
        assert await setup.fetchval("SELECT booking_id FROM booking_idempotency WHERE key = $1", key) == again.id
    finally:
        await conn.close()
