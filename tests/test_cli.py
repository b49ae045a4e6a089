"""The `biomap` command end to end, as an operator runs it, against a database of its own."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
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
    organisation_only = await scalar(
        cli_dsn, "SELECT o.code FROM organisation o WHERE NOT EXISTS (SELECT 1 FROM institution i WHERE i.id = o.id) "
                 "ORDER BY o.code LIMIT 1")
    assert organisation_only is not None  # a supplier's organisation, say
    not_an_institution = biomap(cli_dsn, "user", "create", "--email", "y@test.biomap.kr", "--role",
                                "INSTITUTION_MANAGER", "--org", organisation_only)
    assert not_an_institution.returncode == 1 and "without an institution record" in not_an_institution.stderr
    assert await scalar(cli_dsn, "SELECT count(*) FROM app_user WHERE email = 'y@test.biomap.kr'") == 0


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


async def test_a_failed_export_leaves_an_existing_file_as_it_was(cli_dsn: str, tmp_path: Path) -> None:
    assert biomap(cli_dsn, "db", "migrate").returncode == 0
    target = tmp_path / "all.csv"
    target.write_text("the last good export\n", encoding="utf-8")
    target.chmod(0o640)

    typo = biomap(cli_dsn, "export", "uniquip", str(target), "--institution", "ITP_BOI")
    assert typo.returncode == 1 and typo.stderr.startswith("error (institution): no institution"), typo.stderr
    assert target.read_text(encoding="utf-8") == "the last good export\n"
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind

    done = biomap(cli_dsn, "export", "uniquip", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8").startswith("Type,Name,Description")
    assert (target.stat().st_mode & 0o777, list(tmp_path.iterdir())) == (0o640, [target])


@pytest.mark.parametrize(("args", "message"), [
    (("import", "uniquip", "{tmp}/missing.csv", "--institution", "INU"), "missing.csv: No such file or directory"),
    (("import", "uniquip", "{tmp}", "--institution", "INU"), "Is a directory"),
    (("export", "uniquip", "{tmp}"), "Is a directory"),
    (("export", "uniquip", "{tmp}/no/such/dir/all.csv"), "all.csv: No such file or directory"),
])
def test_file_mistakes_are_one_line_errors(cli_dsn: str, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = biomap(cli_dsn, *(arg.format(tmp=tmp_path) for arg in args))
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [("db", "migrate"), ("export", "uniquip"),
                                  ("user", "create", "--email", "x@test.biomap.kr", "--role", "RESEARCHER"),
                                  ("search", "reindex"), ("search", "check"), ("sourcing", "progress"),
                                  ("booking", "sweep")])
def test_an_unreachable_database_is_a_one_line_error(args: tuple[str, ...]) -> None:
    result = biomap("postgresql://postgres@127.0.0.1:1/biomap", *args)
    assert result.returncode == 1
    assert result.stderr.startswith("error: cannot connect to the database: "), result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def not_meilisearch() -> Iterator[str]:
    """An HTTP server that answers 404 without a JSON body to everything (not a Meilisearch)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.mark.parametrize("command", ["check", "relay", "reindex"])
def test_a_meilisearch_that_cannot_be_used_is_a_one_line_error(
        cli_dsn: str, monkeypatch: pytest.MonkeyPatch, not_meilisearch: str, command: str) -> None:
    assert biomap(cli_dsn, "db", "migrate").returncode == 0
    monkeypatch.setenv("BIOMAP_SEARCH_BACKEND", "meilisearch")
    for url, message in (("http://127.0.0.1:1", "cannot reach Meilisearch at http://127.0.0.1:1"),
                         ("127.0.0.1:7700", "http://"),
                         (not_meilisearch, "does not answer as Meilisearch")):
        monkeypatch.setenv("BIOMAP_MEILI_URL", url)
        result = biomap(cli_dsn, "search", command)
        assert result.returncode == 1, (url, result.stderr)
        assert result.stderr.startswith("error: ") and message in result.stderr, (url, result.stderr)
        assert "Traceback" not in result.stderr


async def test_user_create_refuses_an_existing_email_unless_told_to_update_it(cli_dsn: str) -> None:
    assert biomap(cli_dsn, "db", "migrate").returncode == 0
    role = "SELECT role::text FROM app_user WHERE email = 'twice@test.biomap.kr'"
    assert biomap(cli_dsn, "user", "create", "--email", "twice@test.biomap.kr", "--role", "RESEARCHER").returncode == 0

    again = biomap(cli_dsn, "user", "create", "--email", "Twice@Test.Biomap.kr", "--role", "CITY_OFFICER")
    assert again.returncode == 1
    assert "already exists (role RESEARCHER)" in again.stderr and "--update-existing" in again.stderr
    assert await scalar(cli_dsn, role) == "RESEARCHER"

    live = "SELECT count(*) FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE u.email = 'twice@test.biomap.kr' AND t.revoked_at IS NULL"
    assert await scalar(cli_dsn, live) == 1
    updated = biomap(cli_dsn, "user", "create", "--email", "twice@test.biomap.kr", "--role", "CITY_OFFICER",
                     "--update-existing")
    assert updated.returncode == 0, updated.stderr
    assert await scalar(cli_dsn, role) == "CITY_OFFICER"
    # the token handed out to the researcher does not carry the new role: only the new one is live
    assert await scalar(cli_dsn, live) == 1
    named = biomap(cli_dsn, "user", "create", "--email", "twice@test.biomap.kr", "--role", "CITY_OFFICER",
                   "--name", "Kim Jiwoo", "--update-existing")
    assert named.returncode == 0 and await scalar(cli_dsn, live) == 2  # same role and organisation: kept
    same = biomap(cli_dsn, "user", "create", "--email", "twice@test.biomap.kr", "--role", "CITY_OFFICER",
                  "--update-existing")
    assert same.returncode == 0
    name = "SELECT display_name FROM app_user WHERE email = 'twice@test.biomap.kr'"
    assert await scalar(cli_dsn, name) == "Kim Jiwoo"  # --name not given: the stored name stays
