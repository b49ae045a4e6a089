"""The race: 50 concurrent requestBooking calls for overlapping slots of one instrument, over real
HTTP (uvicorn on a free port, the app on its own asyncpg pool): exactly one wins, the rest get
BOOKING_CONFLICT, and the table holds no overlap. The data is committed, so the test cleans up."""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
import threading
import time
import uuid

import httpx
import uvicorn

from biomap.api.node import to_global_id
from biomap.app import create_app
from biomap.config import Settings
from biomap.db.pool import connect
from biomap.identity.models import Role
from biomap.identity.service import create_user
from tests.booking.conftest import REQUEST, make_equipment, next_weekday, seoul

CLIENTS = 50


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_fifty_concurrent_overlapping_requests_one_wins(database_dsn: str) -> None:
    conn = await connect(database_dsn)
    tag = uuid.uuid4().hex[:8]
    try:
        async with conn.transaction():
            equipment = await make_equipment(conn)
            users = [await create_user(conn, email=f"race-{tag}-{i}@test.biomap.kr", role=Role.RESEARCHER,
                                       organisation_code="YONSEI_IC") for i in range(CLIENTS)]
        port = free_port()
        settings = Settings(database_url=database_dsn, pool_min_size=4, pool_max_size=20, anonymous_cache_seconds=0)
        server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning",
                                               lifespan="on"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 60
        while not server.started and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        assert server.started, "uvicorn did not start"
        try:
            day = next_weekday(2)
            gid = to_global_id("Equipment", equipment)

            async def attempt(i: int, http: httpx.AsyncClient) -> dict:
                k = i % 4  # [10:00+k·30', 12:00+k·30'): every pair overlaps (all cover 11:30-12:00)
                start = seoul(day, 10) + dt.timedelta(minutes=30 * k)
                variables = {"input": {"equipmentId": gid, "start": start.isoformat(),
                                       "end": (start + dt.timedelta(hours=2)).isoformat(), "purpose": f"race {i}"}}
                response = await http.post("/graphql", json={"query": REQUEST, "variables": variables},
                                           headers={"Authorization": f"Bearer {users[i][1]}"})
                assert response.status_code == 200, response.text
                return response.json()["data"]["requestBooking"]

            limits = httpx.Limits(max_connections=CLIENTS)
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=60) as http:
                results = await asyncio.gather(*(attempt(i, http) for i in range(CLIENTS)))
        finally:
            server.should_exit = True
            thread.join(timeout=30)

        winners = [r for r in results if r["booking"] is not None]
        losers = [r for r in results if r["booking"] is None]
        assert len(winners) == 1
        assert len(losers) == CLIENTS - 1
        assert all([e["code"] for e in r["errors"]] == ["BOOKING_CONFLICT"] for r in losers)
        assert await conn.fetchval(
            "SELECT count(*) FROM booking WHERE equipment_id = $1 AND status IN ('REQUESTED', 'APPROVED')",
            equipment) == 1
        assert await conn.fetchval(
            """SELECT count(*) FROM booking a JOIN booking b ON a.id < b.id AND a.equipment_id = b.equipment_id
                WHERE a.status IN ('REQUESTED', 'APPROVED') AND b.status IN ('REQUESTED', 'APPROVED')
                  AND a.during && b.during""") == 0
    finally:
        async with conn.transaction():
            ids = await conn.fetch("SELECT id FROM app_user WHERE email LIKE $1", f"race-{tag}-%")
            user_ids = [r["id"] for r in ids]
            await conn.execute("DELETE FROM outbox WHERE topic = 'booking.notification' AND (payload->>'userId')::bigint = ANY($1::bigint[])", user_ids)
            await conn.execute("DELETE FROM audit_log WHERE actor_id = ANY($1::bigint[])", user_ids)
            await conn.execute("DELETE FROM booking_idempotency WHERE user_id = ANY($1::bigint[])", user_ids)
            await conn.execute("DELETE FROM booking WHERE user_id = ANY($1::bigint[])", user_ids)
            await conn.execute("DELETE FROM app_user WHERE id = ANY($1::bigint[])", user_ids)
            if "equipment" in locals():
                await conn.execute("DELETE FROM equipment WHERE id = $1", equipment)
        await conn.close()
