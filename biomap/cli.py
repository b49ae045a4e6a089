"""The `biomap` command: serve, demo, db migrate, seed, import/export uniquip, user create."""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import sys
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

import asyncpg

from biomap.config import Settings
from biomap.db import migrate
from biomap.db.connect import database_url
from biomap.db.pool import connect
from biomap.errors import DomainError
from biomap.identity.models import Role

T = TypeVar("T")


def _with_connection(settings: Settings, work: Callable[[asyncpg.Connection], Awaitable[T]]) -> T:
    async def run() -> T:
        conn = await connect(await database_url(settings))
        try:
            return await work(conn)
        finally:
            await conn.close()

    return asyncio.run(run())


def cmd_migrate(settings: Settings, args: argparse.Namespace) -> int:
    async def work(conn: asyncpg.Connection) -> int:
        applied = await migrate.migrate(conn)
        await migrate.check_hangul_trigrams(conn)
        for m in applied:
            print(f"applied {m.version:04d}_{m.name}")
        print(f"database at version {await migrate.database_version(conn)}")
        return 0

    return _with_connection(settings, work)


async def _seed(conn: asyncpg.Connection, seeds_dir: Path) -> None:
    from biomap.booking.seed import load_booking, load_demo_bookings
    from biomap.catalogue.seed import load_catalogue
    from biomap.identity.seed import load_users
    from biomap.sourcing.seed import load_sourcing

    async with conn.transaction():
        counts = await load_catalogue(conn, seeds_dir)
        users = await load_users(conn, seeds_dir)
        booking_rules, qualifications = await load_booking(conn, seeds_dir)
        sourcing = await load_sourcing(conn, seeds_dir)
        demo_bookings = await load_demo_bookings(conn, seeds_dir)
    print(
        f"seeded {counts.institutions} institutions, {counts.equipment} equipment, "
        f"{counts.technologies} technologies, {counts.trainees} trainees, {users} demo users, "
        f"{booking_rules} booking rules, {qualifications} qualifications, {demo_bookings} demo bookings"
    )
    print(
        f"seeded sourcing: {sourcing.materials} items, {sourcing.suppliers} suppliers, {sourcing.products} products, "
        f"{sourcing.demands} demands, {sourcing.pipelines} pipelines"
    )


def cmd_seed(settings: Settings, args: argparse.Namespace) -> int:
    seeds_dir = Path(args.dir or settings.seeds_dir)

    async def work(conn: asyncpg.Connection) -> int:
        await migrate.check_current(conn)
        await _seed(conn, seeds_dir)
        return 0

    return _with_connection(settings, work)


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    os.environ["BIOMAP_DATABASE_URL"] = asyncio.run(database_url(settings))  # workers read it from the environment
    if args.demo:
        async def prepare() -> None:
            conn = await connect(os.environ["BIOMAP_DATABASE_URL"])
            try:
                await migrate.migrate(conn)
                await _seed(conn, Path(settings.seeds_dir))
            finally:
                await conn.close()

        asyncio.run(prepare())
    host, port = args.host or settings.host, args.port or settings.port
    print(f"Bio Map on http://{host}:{port}/graphql", flush=True)
    uvicorn.run(
        "biomap.asgi:app", factory=True, host=host, port=port,
        workers=args.workers or settings.workers, log_config=None, access_log=False,
    )
    return 0


def cmd_import_uniquip(settings: Settings, args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from biomap.catalogue.uniquip_import import import_uniquip
    from biomap.search.analyzer import warm_analyzer

    data = Path(args.file).read_bytes()

    async def work(conn: asyncpg.Connection) -> int:
        await migrate.check_current(conn)
        # Worker processes analyse search text while this one parses and writes (see
        # _IndexingPipeline); spawned, not forked: Kiwi's threads do not survive a fork. Each worker
        # holds Kiwi's model (~350 MB); more than one pays only with idle cores to spare.
        workers = max(1, args.analysis_workers)
        with (ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                  initializer=warm_analyzer) as analysis,
              tqdm(desc="importing", unit="row", disable=None, file=sys.stderr) as bar):
            async with conn.transaction():
                report = await import_uniquip(conn, data, institution=args.institution, progress=bar.update,
                                              analysis=analysis, analysis_workers=workers)
        for err in report.errors:
            print(f"{args.file}:{err.line}: {err.reason}", file=sys.stderr)
        print(
            f"{report.inserted} inserted, {report.updated} updated, {len(report.errors)} rows rejected, "
            f"{report.skipped_facilities} facility rows skipped ({report.total_rows} rows, {report.encoding})"
        )
        return 0 if not report.errors else 2

    return _with_connection(settings, work)


def cmd_export_uniquip(settings: Settings, args: argparse.Namespace) -> int:
    from biomap.catalogue.uniquip_import import export_uniquip

    async def work(conn: asyncpg.Connection) -> int:
        if args.file:
            with open(args.file, "w", encoding="utf-8", newline="") as out:
                n = await export_uniquip(conn, out, institution=args.institution, public_url=settings.public_url)
            print(f"exported {n} equipment to {args.file}", file=sys.stderr)
        else:
            n = await export_uniquip(conn, sys.stdout, institution=args.institution, public_url=settings.public_url)
        return 0

    return _with_connection(settings, work)


def cmd_user_create(settings: Settings, args: argparse.Namespace) -> int:
    from biomap.identity.service import create_user

    async def work(conn: asyncpg.Connection) -> int:
        async with conn.transaction():
            user, token = await create_user(
                conn, email=args.email, role=Role(args.role), organisation_code=args.org,
                display_name=args.name or "",
            )
        print(f"user {user.id} {user.email} ({user.role.value})", file=sys.stderr)
        if args.print_token:
            print(token)
        return 0

    return _with_connection(settings, work)


def cmd_schema_export(settings: Settings, args: argparse.Namespace) -> int:
    from biomap.api.schema import create_schema

    sdl = create_schema(settings).as_str() + "\n"
    if args.file:
        Path(args.file).write_text(sdl, encoding="utf-8")
        print(f"wrote {args.file}", file=sys.stderr)
    else:
        sys.stdout.write(sdl)
    return 0


def cmd_sourcing_progress(settings: Settings, args: argparse.Namespace) -> int:
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

    return _with_connection(settings, work)


def _meili_config():  # -> MeiliConfig
    from biomap.search.meili.settings import meili_config_from_env

    config = meili_config_from_env()
    if config is None:
        raise RuntimeError("set BIOMAP_MEILI_URL (and BIOMAP_MEILI_KEY) to the Meilisearch server")
    return config


def cmd_search_reindex(settings: Settings, args: argparse.Namespace) -> int:
    """PostgreSQL: rebuild search_document; Meilisearch: build a new index and swap it in."""
    async def work(conn: asyncpg.Connection) -> int:
        await migrate.check_current(conn)
        if settings.search_backend == "meilisearch":
            from biomap.search.meili.sync import reindex

            config = _meili_config()
            report = await reindex(conn, config.client(), config.index_uid)
            print(report)
        else:
            from biomap.catalogue.search_documents import rebuild_search

            async with conn.transaction():
                print(f"indexed {await rebuild_search(conn)} documents in PostgreSQL")
        return 0

    return _with_connection(settings, work)


def cmd_search_check(settings: Settings, args: argparse.Namespace) -> int:
    """Compare the database with the Meilisearch index (counts and content hashes)."""
    from biomap.search.meili.sync import MeiliIndex, check

    async def work(conn: asyncpg.Connection) -> int:
        config = _meili_config()
        report = await check(conn, MeiliIndex(config.client(), config.index_uid))
        print(report.summary())
        return 0 if report.ok else 3

    return _with_connection(settings, work)


def cmd_search_relay(settings: Settings, args: argparse.Namespace) -> int:
    """Push catalogue changes from the outbox to Meilisearch until interrupted (several may run)."""
    import signal

    from biomap.db.pool import create_pool
    from biomap.search.meili.relay import run_relay
    from biomap.search.meili.sync import MeiliIndex, ensure_index

    async def run() -> int:
        config = _meili_config()
        pool = await create_pool(await database_url(settings), min_size=1, max_size=2)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        try:
            async with pool.acquire() as conn:
                await ensure_index(conn, config.client(), config.index_uid)
            print(f"relaying catalogue changes to {config.url} index {config.index_uid}", file=sys.stderr)
            await run_relay(pool, MeiliIndex(config.client(), config.index_uid), stop)
        finally:
            await pool.close()
        return 0

    return asyncio.run(run())


def cmd_booking_sweep(settings: Settings, args: argparse.Namespace) -> int:
    """Expire unanswered requests, mark no-shows, enqueue reminders (run it every few minutes)."""
    import datetime as dt

    from biomap.booking.service import sweep

    async def work(conn: asyncpg.Connection) -> int:
        await migrate.check_current(conn)
        async with conn.transaction():
            done = await sweep(conn, reminder_lead=dt.timedelta(hours=args.reminder_hours))
        print(f"expired {done['expired']}, no-shows {done['no_show']}, reminders {done['reminders']}")
        return 0

    return _with_connection(settings, work)


def cmd_booking_relay(settings: Settings, args: argparse.Namespace) -> int:
    """Deliver booking notifications (webhooks, e-mail) until interrupted; several may run."""
    import signal

    from biomap.booking.notifications import run_relay
    from biomap.db.pool import create_pool

    async def run() -> int:
        pool = await create_pool(await database_url(settings), min_size=1, max_size=2)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        try:
            print("relaying booking notifications", file=sys.stderr)
            await run_relay(pool, settings, stop, once=args.once)
        finally:
            await pool.close()
        return 0

    return asyncio.run(run())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="biomap", description="Bio Map: Incheon bio-cluster resource map")
    sub = parser.add_subparsers(dest="command", required=True)

    for name, demo, help_text in (
        ("serve", False, "run the API (embedded PostgreSQL unless BIOMAP_DATABASE_URL is set)"),
        ("demo", True, "migrate, load the Incheon demo data and serve"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--host")
        p.add_argument("--port", type=int)
        p.add_argument("--workers", type=int)
        p.set_defaults(func=cmd_serve, demo=demo)

    db = sub.add_parser("db", help="database commands").add_subparsers(dest="db_command", required=True)
    db.add_parser("migrate", help="apply pending migrations").set_defaults(func=cmd_migrate)

    seed = sub.add_parser("seed", help="load the demo data (idempotent)")
    seed.add_argument("--dir", help="seed directory (default: BIOMAP_SEEDS_DIR or ./seeds)")
    seed.set_defaults(func=cmd_seed)

    imp = sub.add_parser("import", help="import data").add_subparsers(dest="format", required=True)
    p = imp.add_parser("uniquip", help="import equipment from a uniquip CSV file")
    p.add_argument("file")
    p.add_argument("--institution", help="code or name for rows without an Institution Name column")
    p.add_argument("--analysis-workers", type=int, default=1,
                   help="processes analysing search text (default 1; more on a machine with idle cores)")
    p.set_defaults(func=cmd_import_uniquip)

    exp = sub.add_parser("export", help="export data").add_subparsers(dest="format", required=True)
    p = exp.add_parser("uniquip", help="export equipment as uniquip CSV (UTF-8)")
    p.add_argument("file", nargs="?", help="output file (default: standard output)")
    p.add_argument("--institution", help="only this institution (code or name)")
    p.set_defaults(func=cmd_export_uniquip)

    user = sub.add_parser("user", help="users").add_subparsers(dest="user_command", required=True)
    p = user.add_parser("create", help="create a user and issue an API token")
    p.add_argument("--email", required=True)
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--org", help="organisation code, e.g. ITP_BIO")
    p.add_argument("--name")
    p.add_argument("--print-token", action="store_true", help="print the token (shown only once)")
    p.set_defaults(func=cmd_user_create)

    search = sub.add_parser("search", help="search index").add_subparsers(dest="search_command", required=True)
    search.add_parser("reindex", help="rebuild the index of the configured backend").set_defaults(
        func=cmd_search_reindex)
    search.add_parser("check", help="compare the database and the Meilisearch index").set_defaults(
        func=cmd_search_check)
    search.add_parser("relay", help="push outbox changes to Meilisearch (runs until stopped)").set_defaults(
        func=cmd_search_relay)

    booking = sub.add_parser("booking", help="bookings").add_subparsers(dest="booking_command", required=True)
    p = booking.add_parser("sweep", help="expire unanswered requests, mark no-shows, send reminders")
    p.add_argument("--reminder-hours", type=float, default=24.0, help="remind this long before the start")
    p.set_defaults(func=cmd_booking_sweep)
    p = booking.add_parser("relay", help="deliver booking notifications to webhooks and e-mail")
    p.add_argument("--once", action="store_true", help="deliver what is due now, then exit")
    p.set_defaults(func=cmd_booking_relay)

    sourcing = sub.add_parser("sourcing", help="localise-30 sourcing").add_subparsers(dest="sourcing_command",
                                                                                       required=True)
    sourcing.add_parser("progress", help="localisation progress per item and zone").set_defaults(
        func=cmd_sourcing_progress)

    schema = sub.add_parser("schema", help="GraphQL schema").add_subparsers(dest="schema_command", required=True)
    p = schema.add_parser("export", help="print the SDL (commit it as graphql/schema.graphql)")
    p.add_argument("file", nargs="?")
    p.set_defaults(func=cmd_schema_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings()
    try:
        return args.func(settings, args)
    except DomainError as exc:
        where = f" ({exc.field})" if exc.field else ""
        print(f"error{where}: {exc.message}", file=sys.stderr)
        return 1
    except (migrate.DatabaseAheadError, migrate.LocaleError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
