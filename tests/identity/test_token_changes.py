"""The token cache over real HTTP (uvicorn, the app's own pool and its change listener): a cached
viewer is reused, and every change to what a token grants reaches the next request within moments,
far sooner than the cache's 30 s lifetime. The data is committed, so each test cleans up."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import asyncpg
import httpx
import pytest
import uvicorn
from starlette.applications import Starlette

from biomap.app import create_app
from biomap.config import Settings
from biomap.db.pool import connect
from biomap.identity.models import Role, Viewer
from biomap.identity.service import create_user
from biomap.identity.tokens import hash_token, new_token
from biomap.identity.viewer_cache import ViewerCache
from biomap.identity.viewer_changes import CHANNEL, follow_viewer_changes

ME = "{ me { email role organisationVerified } }"
VIEWER = Viewer(1, Role.RESEARCHER, None, False, "someone@test.biomap.kr")
SOON = 5.0  # seconds: a notice takes milliseconds; the cache alone would keep a viewer for 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Service:
    app: Starlette
    http: httpx.AsyncClient

    @property
    def cache(self) -> ViewerCache:
        cache = self.app.state.viewer_cache
        assert cache is not None
        return cache

    async def me(self, token: str) -> httpx.Response:
        return await self.http.post("/graphql", json={"query": ME}, headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
async def admin(database_dsn: str) -> AsyncIterator[asyncpg.Connection]:
    conn = await connect(database_dsn)
    yield conn
    await conn.close()


@pytest.fixture
async def service(database_dsn: str) -> AsyncIterator[Service]:
    settings = Settings(database_url=database_dsn, pool_min_size=1, pool_max_size=4, token_cache_seconds=30)
    app = create_app(settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not (server.started and app.state.viewer_cache is not None and app.state.viewer_cache.enabled):
        assert time.monotonic() < deadline, "the service did not start listening for token changes"
        await asyncio.sleep(0.05)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            yield Service(app, http)
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture
async def user(admin: asyncpg.Connection) -> AsyncIterator[tuple[int, str]]:
    """A committed researcher of a verified organisation and their token; removed afterwards."""
    email = f"cache-{uuid.uuid4().hex[:8]}@test.biomap.kr"
    async with admin.transaction():
        created, token = await create_user(admin, email=email, role=Role.RESEARCHER, organisation_code="YONSEI_IC")
    yield created.id, token
    await admin.execute("DELETE FROM app_user WHERE id = $1", created.id)


async def until(check: Callable[[], Awaitable[bool]], seconds: float = SOON) -> float:
    """Seconds until `check()` held; fails the test if it did not within `seconds`."""
    started = time.monotonic()
    while not await check():
        assert time.monotonic() - started < seconds, f"not within {seconds} s"
        await asyncio.sleep(0.02)
    return time.monotonic() - started


async def test_a_token_is_looked_up_once_then_served_from_the_cache(service: Service, user: tuple[int, str]) -> None:
    _, token = user
    first = await service.me(token)
    assert first.status_code == 200 and first.json()["data"]["me"]["role"] == "RESEARCHER"
    hits = service.cache.hits
    for _ in range(3):
        assert (await service.me(token)).json() == first.json()
    assert service.cache.hits == hits + 3
    metrics = (await service.http.get("/metrics")).text
    assert "biomap_token_cache_listening 1\n" in metrics
    assert f'biomap_token_cache_lookups_total{{result="hit"}} {hits + 3}\n' in metrics


@pytest.mark.parametrize("change", [
    "UPDATE api_token SET revoked_at = now() WHERE user_id = $1",  # the token revoked
    "UPDATE app_user SET disabled_at = now() WHERE id = $1",  # its user disabled
], ids=["revoked-token", "disabled-user"])
async def test_a_token_that_no_longer_grants_anything_is_refused_at_once(
    service: Service, user: tuple[int, str], admin: asyncpg.Connection, change: str
) -> None:
    user_id, token = user
    assert (await service.me(token)).status_code == 200  # cached now
    await admin.execute(change, user_id)

    async def refused() -> bool:
        return (await service.me(token)).status_code == 401

    await until(refused)


async def test_a_new_role_and_an_organisation_verification_show_at_once(
    service: Service, user: tuple[int, str], admin: asyncpg.Connection
) -> None:
    user_id, token = user
    assert (await service.me(token)).json()["data"]["me"]["role"] == "RESEARCHER"
    await admin.execute("UPDATE app_user SET role = 'CITY_OFFICER' WHERE id = $1", user_id)

    async def promoted() -> bool:
        return (await service.me(token)).json()["data"]["me"]["role"] == "CITY_OFFICER"

    await until(promoted)
    org = await admin.fetchval("SELECT organisation_id FROM app_user WHERE id = $1", user_id)
    verified_at = await admin.fetchval("SELECT verified_at FROM organisation WHERE id = $1", org)
    assert verified_at is not None
    try:
        await admin.execute("UPDATE organisation SET verified_at = NULL WHERE id = $1", org)

        async def unverified() -> bool:
            return (await service.me(token)).json()["data"]["me"]["organisationVerified"] is False

        await until(unverified)
    finally:
        await admin.execute("UPDATE organisation SET verified_at = $2 WHERE id = $1", org, verified_at)


async def test_a_rolled_back_change_leaves_the_cache_alone(
    service: Service, user: tuple[int, str], admin: asyncpg.Connection
) -> None:
    user_id, token = user
    assert (await service.me(token)).status_code == 200
    generation = service.cache.generation
    tx = admin.transaction()
    await tx.start()
    await admin.execute("UPDATE api_token SET revoked_at = now() WHERE user_id = $1", user_id)
    await tx.rollback()
    await asyncio.sleep(0.3)
    assert service.cache.generation == generation
    assert (await service.me(token)).status_code == 200


async def test_an_expiring_token_is_not_served_past_its_expiry(
    service: Service, user: tuple[int, str], admin: asyncpg.Connection
) -> None:
    user_id, token = user
    # A token created expiring (an INSERT and no UPDATE afterwards: no change notice at all).
    other = new_token()
    await admin.execute("INSERT INTO api_token (user_id, token_hash, label, expires_at) "
                        "VALUES ($1, $2, 'short', now() + interval '1 second')", user_id, hash_token(other))
    assert (await service.me(other)).status_code == 200
    assert (await service.me(other)).status_code == 200
    await asyncio.sleep(1.2)
    assert (await service.me(other)).status_code == 401
    assert (await service.me(token)).status_code == 200


async def test_an_unknown_token_is_not_remembered(
    service: Service, user: tuple[int, str], admin: asyncpg.Connection
) -> None:
    user_id, _ = user
    late = new_token()
    assert (await service.me(late)).status_code == 401
    await admin.execute("INSERT INTO api_token (user_id, token_hash, label) VALUES ($1, $2, 'late')",
                        user_id, hash_token(late))
    assert (await service.me(late)).status_code == 200


async def test_after_losing_its_listener_the_service_listens_again(
    service: Service, user: tuple[int, str], admin: asyncpg.Connection
) -> None:
    user_id, token = user
    assert (await service.me(token)).status_code == 200
    listeners = await admin.fetchval(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE datname = current_database() AND query = $1", f'LISTEN "{CHANNEL}"')
    assert listeners >= 1
    await until(lambda: _true(not service.cache.enabled or len(service.cache) == 0))
    await until(lambda: _true(service.cache.enabled))  # reconnected (after a 0.5 s backoff)
    assert (await service.me(token)).status_code == 200  # cached again
    await admin.execute("UPDATE api_token SET revoked_at = now() WHERE user_id = $1", user_id)

    async def refused() -> bool:
        return (await service.me(token)).status_code == 401

    await until(refused)


async def _true(value: bool) -> bool:
    return value


async def test_a_follower_that_cannot_connect_leaves_the_cache_off() -> None:
    cache = ViewerCache(30.0)
    follower = asyncio.create_task(follow_viewer_changes("postgresql://nobody@127.0.0.1:1/none", cache))
    await asyncio.sleep(0.3)
    assert not cache.enabled
    follower.cancel()
    with pytest.raises(asyncio.CancelledError):
        await follower


class SilentableProxy:
    """A TCP proxy to the test database whose open connections can go silent without closing, as
    through a network partition: nothing is forwarded any more, and no side sees an end."""

    def __init__(self, dsn: str) -> None:
        parts = urlsplit(dsn)
        self.target_host = parse_qs(parts.query).get("host", [parts.hostname or "127.0.0.1"])[0]
        self.target_port = parts.port or 5432
        self.user = parts.username or "postgres"
        self.database = parts.path.lstrip("/")
        self.silenced: set[int] = set()
        self.links: list[int] = []
        self.server: asyncio.Server | None = None

    async def start(self) -> str:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        return f"postgresql://{self.user}@127.0.0.1:{port}/{self.database}"

    def silence_all(self) -> None:
        self.silenced.update(self.links)

    async def close(self) -> None:
        assert self.server is not None
        self.server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.target_host.startswith("/"):
            up_reader, up_writer = await asyncio.open_unix_connection(f"{self.target_host}/.s.PGSQL.{self.target_port}")
        else:
            up_reader, up_writer = await asyncio.open_connection(self.target_host, self.target_port)
        link = len(self.links)
        self.links.append(link)

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            while data := await source.read(65536):
                if link not in self.silenced:
                    sink.write(data)
                    await sink.drain()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer), return_exceptions=True)


async def test_a_listening_connection_that_goes_silent_stops_the_cache_within_seconds(database_dsn: str) -> None:
    proxy = SilentableProxy(database_dsn)
    dsn = await proxy.start()
    cache = ViewerCache(30.0)
    follower = asyncio.create_task(follow_viewer_changes(dsn, cache, heartbeat=0.1, timeout=0.3))
    try:
        await until(lambda: _true(cache.enabled))
        cache.put(b"token", VIEWER, seconds_left=None, generation=cache.generation)
        assert cache.get(b"token") == VIEWER
        proxy.silence_all()  # the connection stays open, but no notice (or answer) gets through any more
        silent_for = await until(lambda: _true(cache.get(b"token") is None), seconds=2.0)
        assert silent_for <= 0.1 + 0.3 + 0.2  # the lease: one heartbeat and its timeout (+ scheduling)
        await until(lambda: _true(cache.enabled))  # a new connection through the proxy listens again
        assert cache.get(b"token") is None  # and the cache started empty
    finally:
        follower.cancel()
        with pytest.raises(asyncio.CancelledError):
            await follower
        await proxy.close()
