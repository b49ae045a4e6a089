"""`biomap booking sweep|relay`: expiries, no-shows and reminders; notification delivery."""

from __future__ import annotations

import argparse
import asyncio
import sys

import asyncpg

from biomap.config import Settings
from biomap.db import migrate
from biomap.db.session import until_signalled, with_connection


def cmd_sweep(settings: Settings, args: argparse.Namespace) -> int:
    """Expire unanswered requests, mark no-shows, enqueue reminders (run it every few minutes)."""
    import datetime as dt

    from biomap.booking.service import sweep

    async def work(conn: asyncpg.Connection) -> int:
        await migrate.check_current(conn)
        async with conn.transaction():
            done = await sweep(conn, reminder_lead=dt.timedelta(hours=args.reminder_hours))
        print(f"expired {done['expired']}, no-shows {done['no_show']}, reminders {done['reminders']}")
        return 0

    return with_connection(settings, work)


def cmd_relay(settings: Settings, args: argparse.Namespace) -> int:
    """Deliver booking notifications (webhooks, e-mail) until interrupted; several may run."""
    from biomap.booking.notifications import run_relay

    async def work(pool: asyncpg.Pool, stop: asyncio.Event) -> None:
        print("relaying booking notifications", file=sys.stderr)
        await run_relay(pool, settings, stop, once=args.once)

    return until_signalled(settings, work)


def add_commands(sub: argparse._SubParsersAction) -> None:
    commands = sub.add_parser("booking", help="bookings").add_subparsers(dest="booking_command", required=True)
    p = commands.add_parser("sweep", help="expire unanswered requests, mark no-shows, send reminders")
    p.add_argument("--reminder-hours", type=float, default=24.0, help="remind this long before the start")
    p.set_defaults(func=cmd_sweep)
    p = commands.add_parser("relay", help="deliver booking notifications to webhooks and e-mail")
    p.add_argument("--once", action="store_true", help="deliver what is due now, then exit")
    p.set_defaults(func=cmd_relay)
