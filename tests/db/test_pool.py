"""The pool releases connections without asyncpg's reset query (biomap.db.pool.keep_session).

That is only safe while no code leaves session state on a pooled connection; these tests pin both
halves: what a released connection still gets (rollback of an open transaction), and that the code
has no session-level SET, LISTEN, session advisory lock, temporary table or held cursor.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest

from biomap.db.pool import PoolDatabase, create_pool

PACKAGE = Path(__file__).resolve().parents[2] / "biomap"

# Session state the reset query would have cleared, as it appears in SQL text (SQL keywords are
# upper case throughout the code, which keeps prose such as "set BIOMAP_..." out of it).
SESSION_STATE = {
    "SET without LOCAL": re.compile(r"\bSET\s+(?!LOCAL\b)(?:SESSION\s+)?[a-z_.]+\s*(?:=|TO\b)"),
    "set_config(..., false)": re.compile(r"set_config\([^)]*false\s*\)", re.IGNORECASE),
    "LISTEN": re.compile(r"\bLISTEN\s"),
    "session advisory lock": re.compile(r"pg_(?:try_)?advisory_lock(?:_shared)?\("),
    "temporary table": re.compile(r"CREATE\s+(?:TEMP|TEMPORARY)\s"),
    "held cursor": re.compile(r"WITH\s+HOLD"),
    "add_listener": re.compile(r"\.add_listener\("),
}
# The migration runner takes a session advisory lock on its own connection (never a pooled one)
# and releases it in `finally`.
# The viewer cache's follower LISTENs on a connection of its own, never a pooled one.
ALLOWED = {("db/migrate.py", "session advisory lock"), ("identity/viewer_changes.py", "add_listener")}


def _sources() -> list[tuple[str, str]]:
    files = [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.sql")]
    return [(str(f.relative_to(PACKAGE)), f.read_text(encoding="utf-8")) for f in files]


def test_no_code_leaves_session_state_on_a_connection() -> None:
    found = [
        f"{path}: {what}: {match.group().strip()!r}"
        for path, text in _sources()
        # UPDATE ... SET column = ... is not a session setting
        for what, pattern in SESSION_STATE.items()
        for match in pattern.finditer(re.sub(r"(?is)\bUPDATE\b.*?\bSET\b", "UPDATE", text))
        if (path, what) not in ALLOWED and not path.startswith("db/migrations/")
    ]
    assert found == []


def test_the_session_state_patterns_catch_what_they_name() -> None:
    samples = {
        "SET without LOCAL": 'await conn.execute("SET work_mem = \'64MB\'")',
        "set_config(..., false)": "SELECT set_config('search_path', 'x', false)",
        "LISTEN": 'await conn.execute("LISTEN catalogue")',
        "session advisory lock": "SELECT pg_advisory_lock(1)",
        "temporary table": "CREATE TEMP TABLE t (id int)",
        "held cursor": "DECLARE c CURSOR WITH HOLD FOR SELECT 1",
        "add_listener": "await conn.add_listener('x', cb)",
    }
    for what, sample in samples.items():
        assert SESSION_STATE[what].search(sample), what
    assert not SESSION_STATE["SET without LOCAL"].search('"SET LOCAL plan_cache_mode = force_custom_plan"')
    assert not SESSION_STATE["session advisory lock"].search("SELECT pg_advisory_xact_lock(1)")


@pytest.mark.parametrize("failing", [False, True])
async def test_a_released_connection_comes_back_outside_any_transaction(database_dsn: str, failing: bool) -> None:
    pool = await create_pool(database_dsn, min_size=1, max_size=1)
    db = PoolDatabase(pool)
    try:
        with pytest.raises(RuntimeError) if failing else contextlib.nullcontext():
            async with db.transaction() as conn:
                await conn.execute("SET LOCAL statement_timeout = '1234ms'")
                await conn.execute("CREATE TABLE pool_probe (id int)")
                if failing:
                    raise RuntimeError("the request failed")
        async with db.connection() as conn:  # the same (only) connection
            assert not conn.is_in_transaction()
            assert await conn.fetchval("SHOW statement_timeout") != "1234ms"
            exists = await conn.fetchval("SELECT to_regclass('pool_probe') IS NOT NULL")
            assert exists is not failing
            if exists:
                await conn.execute("DROP TABLE pool_probe")
    finally:
        await pool.close()

