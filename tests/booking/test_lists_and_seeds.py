"""List fields are batched (no N+1); demo booking seeds load idempotently; pagination of approvals."""

from __future__ import annotations

from biomap.booking.seed import load_booking
from tests.booking.conftest import next_weekday, request, seoul
from tests.conftest import SEEDS

LIST = """query($from: DateTimeOffset!, $to: DateTimeOffset!, $n: Int) {
  equipment(first: $n) { edges { node { id bookings(from: $from, to: $to) { status start } } } }
}"""


async def test_equipment_bookings_batched_across_a_page(client, equipment_gid, researcher, statements) -> None:
    day = next_weekday(2)
    assert (await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11)))["errors"] == []
    variables = {"from": seoul(day, 0).isoformat(), "to": seoul(day, 23).isoformat()}
    await client.data(LIST, {**variables, "n": 2}, token=researcher)  # warm up asyncpg's type introspection
    statements.reset()
    await client.data(LIST, {**variables, "n": 2}, token=researcher)
    few = statements.count
    statements.reset()
    body = await client.data(LIST, {**variables, "n": 50}, token=researcher)
    assert len(body["equipment"]["edges"]) == 50
    assert statements.count == few


async def test_booking_seeds_are_idempotent(conn) -> None:
    first = await load_booking(conn, SEEDS)
    rules = await conn.fetchval("SELECT count(*) FROM booking_rules")
    quals = await conn.fetchval("SELECT count(*) FROM booking_qualification")
    assert first == (3, 2)
    assert await load_booking(conn, SEEDS) == first
    assert await conn.fetchval("SELECT count(*) FROM booking_rules") == rules
    assert await conn.fetchval("SELECT count(*) FROM booking_qualification") == quals


async def test_pending_approvals_pages(client, equipment_gid, researcher, manager) -> None:
    day = next_weekday(2)
    for hour in (9, 11, 13):
        assert (await request(client, researcher, equipment_gid, seoul(day, hour), seoul(day, hour + 1)))["errors"] == []
    q = """query($after: String) { pendingApprovals(first: 2, after: $after) {
      totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }"""
    first = (await client.data(q, {"after": None}, token=manager))["pendingApprovals"]
    assert len(first["edges"]) == 2 and first["pageInfo"]["hasNextPage"] and first["totalCount"] >= 3
    mine = (await client.data("{ myBookings { totalCount } }", token=researcher))["myBookings"]
    assert mine["totalCount"] == 3
    second = (await client.data(q, {"after": first["pageInfo"]["endCursor"]}, token=manager))["pendingApprovals"]
    ids = [e["node"]["id"] for e in first["edges"] + second["edges"]]
    assert len(ids) == len(set(ids)) == 3


async def test_demo_bookings_load_once(conn) -> None:
    from biomap.booking.seed import load_demo_bookings

    await load_booking(conn, SEEDS)
    before = await conn.fetchval("SELECT count(*) FROM booking WHERE purpose LIKE '[demo]%'")
    assert await load_demo_bookings(conn, SEEDS) == 3
    assert await load_demo_bookings(conn, SEEDS) == 3
    assert await conn.fetchval("SELECT count(*) FROM booking WHERE purpose LIKE '[demo]%'") == before + 3
    statuses = sorted(r["status"] for r in await conn.fetch(
        "SELECT status::text FROM booking WHERE purpose LIKE '[demo]%'"))
    assert statuses == ["APPROVED", "APPROVED", "REQUESTED"]
