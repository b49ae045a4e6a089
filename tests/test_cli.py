"""The `biomap` command end to end, as an operator runs it, against a database of its own."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from biomap.db.embedded import create_database

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "uniquip"


@pytest.fixture(scope="module")
async def cli_dsn(server_dsn: str) -> AsyncIterator[str]:
    name = f"biomap_cli_{uuid.uuid4().hex[:8]}"
    yield await create_database(server_dsn, name)
    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def biomap(dsn: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BIOMAP_DATABASE_URL": dsn, "BIOMAP_SEEDS_DIR": str(ROOT / "seeds")}
    return subprocess.run([sys.executable, "-m", "biomap.cli", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)


async def scalar(dsn: str, sql: str) -> object:
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetchval(sql)
    finally:
        await conn.close()


async def test_migrate_seed_import_export_and_user_create(cli_dsn: str, tmp_path: Path) -> None:
    migrated = biomap(cli_dsn, "db", "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert "database at version" in migrated.stdout

    first = biomap(cli_dsn, "seed")
    assert first.returncode == 0, first.stderr
    counts = await scalar(cli_dsn, "SELECT (SELECT count(*) FROM equipment) || '/' || (SELECT count(*) FROM trainee)")
    again = biomap(cli_dsn, "seed")  # idempotent
    assert again.returncode == 0 and again.stdout == first.stdout
    assert await scalar(cli_dsn, "SELECT (SELECT count(*) FROM equipment) || '/' || (SELECT count(*) FROM trainee)"
                        ) == counts

    imported = biomap(cli_dsn, "import", "uniquip", str(FIXTURES / "realworld_cp1252.csv"), "--institution", "INU")
    assert imported.returncode == 2  # some rows were rejected
    assert "18 inserted, 0 updated, 3 rows rejected" in imported.stdout
    assert "realworld_cp1252.csv:13:" in imported.stderr and "realworld_cp1252.csv:15:" in imported.stderr

    garbage = tmp_path / "photo.csv"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    before = await scalar(cli_dsn, "SELECT count(*) FROM equipment")
    refused = biomap(cli_dsn, "import", "uniquip", str(garbage), "--institution", "INU")
    assert refused.returncode == 1 and "uniquip" in refused.stderr
    assert await scalar(cli_dsn, "SELECT count(*) FROM equipment") == before

    exported = tmp_path / "all.csv"
    result = biomap(cli_dsn, "export", "uniquip", str(exported))
    assert result.returncode == 0, result.stderr
    reimport = biomap(cli_dsn, "import", "uniquip", str(exported))
    assert reimport.returncode == 0, reimport.stderr
    assert f"0 inserted, {before} updated, 0 rows rejected" in reimport.stdout
    assert await scalar(cli_dsn, "SELECT count(*) FROM equipment") == before

    created = biomap(cli_dsn, "user", "create", "--email", "ops@test.biomap.kr", "--role", "INSTITUTION_MANAGER",
                     "--org", "ITP_BIO", "--print-token")
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert token.startswith("bm_")
    stored = await scalar(cli_dsn, "SELECT count(*) FROM api_token WHERE token_hash = sha256('" + token + "'::bytea)")
    assert stored == 1  # only the hash is stored
    assert await scalar(cli_dsn, f"SELECT count(*) FROM api_token WHERE token_hash::text LIKE '%{token}%'") == 0

    no_org = biomap(cli_dsn, "user", "create", "--email", "x@test.biomap.kr", "--role", "SUPPLIER")
    assert no_org.returncode == 1 and "--org" in no_org.stderr


async def test_search_reindex_and_meilisearch_commands_without_a_server(cli_dsn: str) -> None:
    assert biomap(cli_dsn, "db", "migrate").returncode == 0
    reindexed = biomap(cli_dsn, "search", "reindex")
    assert reindexed.returncode == 0, reindexed.stderr
    assert "documents in PostgreSQL" in reindexed.stdout
    if not os.environ.get("BIOMAP_MEILI_URL"):
        env_less = biomap(cli_dsn, "search", "check")
        assert env_less.returncode == 1 and "BIOMAP_MEILI_URL" in env_less.stderr


@pytest.mark.parametrize(("file_bytes", "cpus", "workers"), [
    (70 * 2**20, 2, 2),  # 100,000 rows: a second analysis process pays on two cores
    (70 * 2**20, 1, 1),  # … not on one
    (200_000, 8, 1),  # a small file: loading Kiwi in a second process costs more than it saves
])
def test_large_imports_analyse_in_two_processes_by_default(file_bytes: int, cpus: int, workers: int) -> None:
    from biomap.cli import default_analysis_workers

    assert default_analysis_workers(file_bytes, cpus) == workers
