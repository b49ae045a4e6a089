"""`biomap sourcing progress`: the city team's localisation table."""

from __future__ import annotations

import argparse

import asyncpg

from biomap.config import Settings
from biomap.db import migrate
from biomap.db.session import with_connection


def cmd_progress(settings: Settings, args: argparse.Namespace) -> int:
    """The city team's localisation progress as a table (what `localisationProgress` returns)."""
    from biomap.sourcing import progress_queries

    async def work(conn: asyncpg.Connection) -> int:
        await migrate.check_current(conn)
        items = await progress_queries.item_progress(conn)
        zones = await progress_queries.zone_progress(conn)
        print(f"{'item':<22} {'status':<16} {'cand':>4} {'active':>6} {'valid':>5} {'import KRW':>16} {'covered KRW':>14}")
        for i in items:
            print(f"{i.code:<22} {i.status.value:<16} {i.candidate_suppliers:>4} {i.active_pipelines:>6} "
                  f"{i.validated_pipelines:>5} {i.annual_import_krw or 0:>16,} {i.covered_krw:>14,}")
        print()
        for z in zones:
            print(f"{z.zone:<16} suppliers {z.suppliers:>4}  in pipelines {z.in_pipelines:>3}  qualified {z.qualified:>3}")
        return 0

    return with_connection(settings, work)


def add_commands(sub: argparse._SubParsersAction) -> None:
    commands = sub.add_parser("sourcing", help="localise-30 sourcing").add_subparsers(dest="sourcing_command",
                                                                                       required=True)
    commands.add_parser("progress", help="localisation progress per item and zone").set_defaults(
        func=cmd_progress)
