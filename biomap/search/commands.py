"""`biomap search reindex|check|relay`: the search index of the configured backend."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import Iterator

import asyncpg

from biomap.config import Settings
from biomap.db import migrate
from biomap.db.session import until_signalled, with_connection


def _meili_config():  # -> MeiliConfig
    from biomap.search.meili.settings import meili_config_from_env

    config = meili_config_from_env()
    if config is None:
        raise RuntimeError("set BIOMAP_MEILI_URL (and BIOMAP_MEILI_KEY) to the Meilisearch server")
    return config


@contextlib.contextmanager
def _meili_errors(url: str) -> Iterator[None]:
    """Meilisearch unreachable or refusing (a wrong key): one line, as for the database."""
    import httpx2
    from meilisearch_python_sdk.errors import MeilisearchApiError, MeilisearchCommunicationError, MeilisearchError

    try:
        yield
    except MeilisearchCommunicationError as exc:
        raise RuntimeError(f"cannot reach Meilisearch at {url}: {exc}") from exc
    except MeilisearchApiError as exc:
        raise RuntimeError(f"Meilisearch at {url} refused: {exc.code or exc.status_code} {exc.message}") from exc
    except MeilisearchError as exc:  # e.g. a URL without http:// or https://
        raise RuntimeError(f"Meilisearch at {url}: {exc}") from exc
    except httpx2.HTTPError as exc:  # an answer that is not Meilisearch's (no JSON error body)
        raise RuntimeError(f"{url} does not answer as Meilisearch: {exc}") from exc


def cmd_reindex(settings: Settings, args: argparse.Namespace) -> int:
    """PostgreSQL: rebuild search_document; Meilisearch: build a new index and swap it in."""
    async def work(conn: asyncpg.Connection) -> int:
        await migrate.check_current(conn)
        if settings.search_backend == "meilisearch":
            from biomap.search.meili.sync import reindex

            config = _meili_config()
            with _meili_errors(config.url):
                report = await reindex(conn, config.client(), config.index_uid)
            print(report)
        else:
            from biomap.catalogue.search_documents import rebuild_search

            async with conn.transaction():
                print(f"indexed {await rebuild_search(conn)} documents in PostgreSQL")
        return 0

    return with_connection(settings, work)


def cmd_check(settings: Settings, args: argparse.Namespace) -> int:
    """Compare the database with the Meilisearch index (counts and content hashes)."""
    from biomap.search.meili.sync import MeiliIndex, check

    async def work(conn: asyncpg.Connection) -> int:
        config = _meili_config()
        with _meili_errors(config.url):
            report = await check(conn, MeiliIndex(config.client(), config.index_uid))
        print(report.summary())
        return 0 if report.ok else 3

    return with_connection(settings, work)


def cmd_relay(settings: Settings, args: argparse.Namespace) -> int:
    """Push catalogue changes from the outbox to Meilisearch until interrupted (several may run)."""
    from biomap.search.meili.relay import run_relay
    from biomap.search.meili.sync import MeiliIndex, ensure_index

    config = _meili_config()

    async def work(pool: asyncpg.Pool, stop: asyncio.Event) -> None:
        async with pool.acquire() as conn:
            with _meili_errors(config.url):
                await ensure_index(conn, config.client(), config.index_uid)
        print(f"relaying catalogue changes to {config.url} index {config.index_uid}", file=sys.stderr)
        await run_relay(pool, MeiliIndex(config.client(), config.index_uid), stop)

    return until_signalled(settings, work)


def add_commands(sub: argparse._SubParsersAction) -> None:
    commands = sub.add_parser("search", help="search index").add_subparsers(dest="search_command", required=True)
    commands.add_parser("reindex", help="rebuild the index of the configured backend").set_defaults(
        func=cmd_reindex)
    commands.add_parser("check", help="compare the database and the Meilisearch index").set_defaults(
        func=cmd_check)
    commands.add_parser("relay", help="push outbox changes to Meilisearch (runs until stopped)").set_defaults(
        func=cmd_relay)
