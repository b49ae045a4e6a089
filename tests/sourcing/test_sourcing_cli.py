"""`biomap sourcing progress` on a database of its own."""

from __future__ import annotations

import uuid

import asyncpg

from biomap.db.embedded import create_database
from biomap.db.pool import connect
from biomap.sourcing import material_queries
from tests.test_cli import biomap


async def test_sourcing_progress_command(server_dsn: str) -> None:
    name = f"biomap_cli_sourcing_{uuid.uuid4().hex[:8]}"
    dsn = await create_database(server_dsn, name)
    try:
        assert biomap(dsn, "db", "migrate").returncode == 0
        conn = await connect(dsn)
        try:
            await material_queries.upsert_material(conn, {
                "code": "VIRUS_FILTER", "name_ko": "바이러스 필터", "name_en": "Virus filter", "category": "FILTRATION",
                "annual_import_krw": 120_000_000_000})
        finally:
            await conn.close()
        shown = biomap(dsn, "sourcing", "progress")
        assert shown.returncode == 0, shown.stderr
        line = [ln for ln in shown.stdout.splitlines() if ln.startswith("VIRUS_FILTER")][0]
        assert "NOT_STARTED" in line and "120,000,000,000" in line
        assert "NAMDONG" in shown.stdout
    finally:
        admin = await asyncpg.connect(server_dsn)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()
