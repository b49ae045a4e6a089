"""Numbered forward-only SQL migrations with a version table and an advisory lock.

`migrations/NNNN_name.sql` files run in order, each in its own transaction. The code refuses to
run against a database whose version is ahead of it (a newer release migrated it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import asyncpg

# Any constant: all migrators of this database serialise on it.
MIGRATION_LOCK_KEY = 0x62696F6D6170  # "biomap"

_FILE_RE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


class DatabaseAheadError(RuntimeError):
    pass


class LocaleError(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    found: list[Migration] = []
    for entry in resources.files("biomap.db").joinpath("migrations").iterdir():
        match = _FILE_RE.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migration numbers must run 1..n without gaps, found {versions}")
    return found


def code_version() -> int:
    return len(available_migrations())


async def _ensure_version_table(conn: asyncpg.Connection) -> None:
    await conn.execute(
        """CREATE TABLE IF NOT EXISTS schema_migration (
               version int PRIMARY KEY,
               name text NOT NULL,
               applied_at timestamptz NOT NULL DEFAULT now())"""
    )


async def database_version(conn: asyncpg.Connection) -> int:
    exists = await conn.fetchval("SELECT to_regclass('schema_migration') IS NOT NULL")
    if not exists:
        return 0
    return await conn.fetchval("SELECT coalesce(max(version), 0) FROM schema_migration")


async def migrate(conn: asyncpg.Connection) -> list[Migration]:
    """Apply pending migrations; return those applied. Safe to run from several processes at once."""
    migrations = available_migrations()
    await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK_KEY)
    try:
        await _ensure_version_table(conn)
        current = await database_version(conn)
        if current > len(migrations):
            raise DatabaseAheadError(
                f"database schema is at version {current} but this code knows only {len(migrations)}; "
                "run a newer Bio Map release (migrations are forward-only)"
            )
        applied = []
        for migration in migrations[current:]:
            async with conn.transaction():
                await conn.execute(migration.sql)
                await conn.execute(
                    "INSERT INTO schema_migration (version, name) VALUES ($1, $2)",
                    migration.version,
                    migration.name,
                )
            applied.append(migration)
        return applied
    finally:
        await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK_KEY)


async def check_current(conn: asyncpg.Connection) -> None:
    """Raise unless the database is exactly at the code's version (used by start-up and /readyz)."""
    current = await database_version(conn)
    expected = code_version()
    if current > expected:
        raise DatabaseAheadError(
            f"database schema is at version {current}, ahead of this code ({expected}); refusing to run"
        )
    if current < expected:
        raise RuntimeError(f"database schema is at version {current}, code needs {expected}: run `biomap db migrate`")


async def check_hangul_trigrams(conn: asyncpg.Connection) -> None:
    """Korean search depends on pg_trgm seeing Hangul as word characters (libc C.UTF-8 ctype or similar)."""
    trigrams = await conn.fetchval("SELECT show_trgm('가나다')")
    if not trigrams:
        ctype = await conn.fetchval("SELECT datctype FROM pg_database WHERE datname = current_database()")
        raise LocaleError(
            f"pg_trgm finds no trigrams in Hangul in this database (LC_CTYPE={ctype!r}): Korean search would "
            "silently return nothing. Create the database with "
            "TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER libc LC_CTYPE 'C.UTF-8'."
        )
