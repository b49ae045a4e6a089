"""The `biomap` command: serve, demo, db migrate, seed, import/export uniquip, user create, schema
export; the search, booking and sourcing domains add their own subcommands (`<domain>/commands.py`)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import multiprocessing
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TextIO

import asyncpg

from biomap.booking import commands as booking_commands
from biomap.config import Settings
from biomap.db import migrate
from biomap.db.connect import database_url
from biomap.db.pool import connect
from biomap.db.session import DatabaseUnreachable, with_connection
from biomap.errors import Conflict, DomainError
from biomap.identity.models import Role
from biomap.search import commands as search_commands
from biomap.sourcing import commands as sourcing_commands


def cmd_migrate(settings: Settings, args: argparse.Namespace) -> int:
    async def work(conn: asyncpg.Connection) -> int:
        applied = await migrate.migrate(conn)
        await migrate.check_hangul_trigrams(conn)
        for m in applied:
            print(f"applied {m.version:04d}_{m.name}")
        print(f"database at version {await migrate.database_version(conn)}")
        return 0

    return with_connection(settings, work)


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

    return with_connection(settings, work)


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    os.environ["BIOMAP_DATABASE_URL"] = asyncio.run(database_url(settings))  # workers read it from the environment
    host, port = args.host or settings.host, args.port or settings.port
    # Links in exports and calendar feeds name this server unless a public URL is configured (a
    # wildcard listen address is no address to link to: then this machine's own name for itself).
    link_host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    os.environ.setdefault("BIOMAP_PUBLIC_URL", f"http://{link_host}:{port}")
    if args.demo:
        # The demo has no scheduler: requests expire and no-shows are marked by the service itself.
        os.environ.setdefault("BIOMAP_SWEEP_INTERVAL_SECONDS", "60")
        async def prepare() -> None:
            conn = await connect(os.environ["BIOMAP_DATABASE_URL"])
            try:
                await migrate.migrate(conn)
                await _seed(conn, Path(settings.seeds_dir))
            finally:
                await conn.close()

        asyncio.run(prepare())
    print(f"Bio Map on http://{host}:{port}/graphql", flush=True)
    uvicorn.run(
        "biomap.asgi:app", factory=True, host=host, port=port,
        workers=args.workers or settings.workers, log_config=None, access_log=False,
    )
    return 0


LARGE_IMPORT_BYTES = 4 * 2**20  # ~6,000 uniquip rows


def default_analysis_workers(file_bytes: int, cpus: int) -> int:
    return 2 if file_bytes >= LARGE_IMPORT_BYTES and cpus >= 2 else 1


def cmd_import_uniquip(settings: Settings, args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from biomap.catalogue.uniquip_import import import_uniquip
    from biomap.search.analyzer import warm_analyzer

    data = Path(args.file).read_bytes()  # before connecting: a wrong path fails fast

    async def work(conn: asyncpg.Connection) -> int:
        await migrate.check_current(conn)
        # Worker processes analyse search text while this one parses and writes (see
        # _IndexingPipeline); spawned, not forked: Kiwi's threads do not survive a fork. Each worker
        # holds Kiwi's model (~350 MB) and takes seconds to load it, so a second one only for a
        # large file on a machine with two cores or more (100,000 rows on 2 cores: 90 s against
        # 100-107 s with one).
        workers = max(1, args.analysis_workers or default_analysis_workers(len(data), os.cpu_count() or 1))
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

    return with_connection(settings, work)


def cmd_export_uniquip(settings: Settings, args: argparse.Namespace) -> int:
    from biomap.catalogue.uniquip_import import export_uniquip

    async def work(conn: asyncpg.Connection) -> int:
        if args.file:
            with _replaced_on_success(Path(args.file)) as out:
                n = await export_uniquip(conn, out, institution=args.institution, public_url=settings.public_url)
            print(f"exported {n} equipment to {args.file}", file=sys.stderr)
        else:
            n = await export_uniquip(conn, sys.stdout, institution=args.institution, public_url=settings.public_url)
        return 0

    return with_connection(settings, work)


@contextlib.contextmanager
def _replaced_on_success(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text file (newline="", as csv wants) that replaces `path` only when the block ends
    without an error: it is written beside `path` and renamed over it, so a failed export (an unknown
    institution, a lost connection, a full disk) leaves an existing file as it was."""
    with _naming(path):
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        with _naming(path):
            os.chmod(temporary, _mode_for(path))  # mkstemp makes it private (0600)
            os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """OS errors about the temporary file name the file the user asked for."""
    try:
        yield
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None


def _mode_for(path: Path) -> int:
    """The permissions `path` has, or those a new file gets (0666 less the umask)."""
    with contextlib.suppress(FileNotFoundError):
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def cmd_user_create(settings: Settings, args: argparse.Namespace) -> int:
    from biomap.identity.service import create_user

    async def work(conn: asyncpg.Connection) -> int:
        async with conn.transaction():
            try:
                user, token = await create_user(
                    conn, email=args.email, role=Role(args.role), organisation_code=args.org,
                    display_name=args.name, update_existing=args.update_existing,
                )
            except Conflict as exc:
                raise Conflict(f"{exc.message}; give --update-existing to change its role, organisation and name",
                               field=exc.field) from None
        print(f"user {user.id} {user.email} ({user.role.value})", file=sys.stderr)
        if args.print_token:
            print(token)
        return 0

    return with_connection(settings, work)


def cmd_schema_export(settings: Settings, args: argparse.Namespace) -> int:
    from biomap.api.schema import create_schema

    sdl = create_schema(settings).as_str() + "\n"
    if args.file:
        Path(args.file).write_text(sdl, encoding="utf-8")
        print(f"wrote {args.file}", file=sys.stderr)
    else:
        sys.stdout.write(sdl)
    return 0


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
    p.add_argument("--analysis-workers", type=int, default=None,
                   help="processes analysing search text (default: 2 for files of 4 MB or more on a machine "
                        "with 2+ cores, else 1; each holds ~350 MB)")
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
    p.add_argument("--update-existing", action="store_true",
                   help="if a user with this e-mail exists, change its role, organisation and name and issue "
                        "another token (a changed role or organisation revokes its earlier tokens); "
                        "without it, refuse")
    p.set_defaults(func=cmd_user_create)

    # Each domain adds its own subcommands (its commands live with it).
    search_commands.add_commands(sub)
    booking_commands.add_commands(sub)
    sourcing_commands.add_commands(sub)

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
    except (migrate.DatabaseAheadError, migrate.LocaleError, RuntimeError, DatabaseUnreachable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a file that cannot be read or written, the database server gone
        print(f"error: {_describe(exc)}", file=sys.stderr)
        return 1


def _describe(exc: OSError) -> str:
    if exc.filename is not None and exc.strerror:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc)


if __name__ == "__main__":
    sys.exit(main())
