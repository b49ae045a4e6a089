"""Migrations: numbered, forward-only, recorded; the code refuses a database that is ahead of it,
and refuses a database whose locale hides Hangul from pg_trgm."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest

from biomap.db import migrate
from biomap.db.embedded import create_database, dsn_with_database
from biomap.db.pool import connect


@pytest.fixture
async def scratch_dsn(server_dsn: str) -> AsyncIterator[str]:
    """An empty database of its own, dropped afterwards."""
    name = f"biomap_scratch_{uuid.uuid4().hex[:8]}"
    dsn = await create_database(server_dsn, name)
    yield dsn
    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def test_migration_files_are_numbered_without_gaps() -> None:
    migrations = migrate.available_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert migrate.code_version() == len(migrations)


async def test_migrate_applies_once_and_records_versions(scratch_dsn: str) -> None:
    conn = await connect(scratch_dsn)
    try:
        assert await migrate.database_version(conn) == 0
        applied = await migrate.migrate(conn)
        assert [m.version for m in applied] == list(range(1, migrate.code_version() + 1))
        assert await migrate.database_version(conn) == migrate.code_version()
        assert await migrate.migrate(conn) == []  # nothing pending the second time
        await migrate.check_current(conn)
    finally:
        await conn.close()


async def test_refuses_a_database_ahead_of_the_code(scratch_dsn: str) -> None:
    conn = await connect(scratch_dsn)
    try:
        await migrate.migrate(conn)
        ahead = migrate.code_version() + 1
        await conn.execute("INSERT INTO schema_migration (version, name) VALUES ($1, 'from_the_future')", ahead)
        with pytest.raises(migrate.DatabaseAheadError, match="ahead"):
            await migrate.check_current(conn)
        with pytest.raises(migrate.DatabaseAheadError, match=f"version {ahead}"):
            await migrate.migrate(conn)
    finally:
        await conn.close()


async def test_check_current_names_the_fix_when_behind(scratch_dsn: str) -> None:
    conn = await connect(scratch_dsn)
    try:
        with pytest.raises(RuntimeError, match="biomap db migrate"):
            await migrate.check_current(conn)
    finally:
        await conn.close()


async def test_start_up_check_rejects_a_locale_without_hangul_trigrams(server_dsn: str) -> None:
    name = f"biomap_c_locale_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute(
            f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
        )
        conn = await asyncpg.connect(dsn_with_database(server_dsn, name))
        try:
            await conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            with pytest.raises(migrate.LocaleError, match="Hangul"):
                await migrate.check_hangul_trigrams(conn)
        finally:
            await conn.close()
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def test_the_test_database_sees_hangul_trigrams(conn: asyncpg.Connection) -> None:
    await migrate.check_hangul_trigrams(conn)
    assert await conn.fetchval("SELECT similarity('원심분리기', '원심분리끼')") >= 0.3
