"""Where the database is: BIOMAP_DATABASE_URL, or the embedded server (started on demand)."""

from __future__ import annotations

from biomap.config import Settings
from biomap.db.embedded import create_database, start_embedded


async def database_url(settings: Settings) -> str:
    """The DSN to use; starts the embedded PostgreSQL in `settings.data_dir` when none is configured."""
    if settings.database_url:
        return settings.database_url
    admin_dsn = start_embedded(settings.data_dir)
    return await create_database(admin_dsn)
