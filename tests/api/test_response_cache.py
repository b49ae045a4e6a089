"""The anonymous micro-cache: identical anonymous queries are served from memory for `ttl` seconds;
signed-in viewers, mutations and failed queries always run."""

from __future__ import annotations

import asyncio

import httpx

from biomap.api.node import to_global_id
from biomap.config import Settings

QUERY = "query FrontPage($id: ID!) { node(id: $id) { ... on Equipment { room } } }"


async def cached_client(app_factory, ttl: float) -> httpx.AsyncClient:
    settings = Settings(database_url="postgresql://unused", anonymous_cache_seconds=ttl)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app_factory(settings)), base_url="http://biomap.test")


async def room_of(http: httpx.AsyncClient, gid: str, token: str | None = None) -> str:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = (await http.post("/graphql", json={"query": QUERY, "variables": {"id": gid}}, headers=headers)).json()
    return body["data"]["node"]["room"]


async def test_anonymous_queries_are_cached_for_the_ttl_only(app_factory, conn, make_token) -> None:
    pk = await conn.fetchval("SELECT id FROM equipment WHERE access_policy = 'PUBLIC' ORDER BY id LIMIT 1")
    gid = to_global_id("Equipment", pk)
    manager = await make_token("ADMIN")
    async with await cached_client(app_factory, ttl=0.5) as http:
        before = await room_of(http, gid)
        await conn.execute("UPDATE equipment SET room = 'R-CHANGED' WHERE id = $1", pk)
        assert await room_of(http, gid) == before  # served from the cache
        assert await room_of(http, gid, token=manager) == "R-CHANGED"  # signed-in viewers always run
        await asyncio.sleep(0.6)
        assert await room_of(http, gid) == "R-CHANGED"  # the entry expired
        metrics = (await http.get("/metrics")).text
        assert 'biomap_graphql_requests_total{operation="FrontPage",outcome="cached"} 1' in metrics


async def test_errors_and_mutations_are_never_cached(app_factory) -> None:
    async with await cached_client(app_factory, ttl=60) as http:
        bad = {"query": "{ equipment(first: -1) { totalCount } }"}
        for _ in range(2):
            assert "errors" in (await http.post("/graphql", json=bad)).json()
        mutation = {"query": 'mutation { equipmentRetire(id: "x") { errors { code } } }'}
        for _ in range(2):
            body = (await http.post("/graphql", json=mutation)).json()
            assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        metrics = (await http.get("/metrics")).text
        assert 'outcome="cached"' not in metrics
