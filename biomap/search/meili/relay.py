"""The outbox relay: 'catalogue.changed' rows → Meilisearch, at least once, in order per record.

One transaction per batch: claim pending rows (FOR UPDATE SKIP LOCKED, so several relays share the
work without taking the same row), lock the records they name (transaction advisory locks, taken in
key order: two relays never push the same record out of order), load the current documents, upsert
the existing ones and delete the vanished ones, wait until Meilisearch reports the tasks succeeded,
then mark the rows delivered. If Meilisearch fails, the same transaction records the error and
pushes `available_at` back (exponential, capped at 10 minutes): the rows stay pending, and are
retried one row at a time, so a record Meilisearch keeps refusing holds back only itself. A
database error rolls everything back. Catalogue writes never wait for any of this.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import asyncpg

from biomap.search.meili.documents import (
    TextAnalyzer,
    document_uid,
    resolve_analyzer,
    to_documents,
)
from biomap.search.models import SearchDocument, SearchKind

log = logging.getLogger(__name__)

TOPIC = "catalogue.changed"
ENTITY_KINDS = {"equipment": SearchKind.EQUIPMENT, "technology": SearchKind.TECHNOLOGY, "trainee": SearchKind.TRAINEE,
                "supplier": SearchKind.SUPPLIER}
BACKOFF_CAP_SECONDS = 600
MAX_ERROR_CHARS = 2000

DocumentLoader = Callable[[asyncpg.Connection, SearchKind, list[int] | None], Awaitable[list[SearchDocument]]]

CLAIM_SQL = """SELECT id, payload, attempts FROM outbox
 WHERE topic = $1 AND delivered_at IS NULL AND available_at <= coalesce($2::timestamptz, now())
 ORDER BY available_at, id
 LIMIT $3
 FOR UPDATE SKIP LOCKED"""
LOCK_SQL = "SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT unnest($1::bigint[]) AS k ORDER BY 1) AS keys"
DELIVERED_SQL = """UPDATE outbox SET delivered_at = coalesce($2::timestamptz, clock_timestamp())
 WHERE id = ANY($1::bigint[])"""
FAILED_SQL = """UPDATE outbox
   SET attempts = attempts + 1,
       last_error = $2,
       available_at = coalesce($3::timestamptz, clock_timestamp())
                      + least($4::float8, power(2, attempts + 1)) * interval '1 second'
 WHERE id = ANY($1::bigint[])"""


class SearchIndex(Protocol):
    """What the relay and the drift check need of an index (sync.MeiliIndex; tests use a fake).
    `upsert` and `delete` return only once the index has applied the change, and raise otherwise."""

    @property
    def uid(self) -> str: ...

    async def upsert(self, documents: Sequence[Mapping[str, Any]]) -> None: ...

    async def delete(self, uids: Sequence[str]) -> None: ...

    async def documents(self) -> list[dict[str, Any]]: ...


@dataclass(frozen=True, slots=True)
class Change:
    outbox_id: int
    kind: SearchKind | None  # None: an entity this index does not hold (delivered without work)
    entity_id: int | None


def backoff_seconds(attempts: int) -> float:
    """Delay before the next try after `attempts` failures: 2, 4, 8 … seconds, at most 10 minutes."""
    return float(min(BACKOFF_CAP_SECONDS, 2 ** max(1, attempts)))


def parse_change(outbox_id: int, payload: Any) -> Change:
    if isinstance(payload, str):  # a connection without the json codec
        payload = json.loads(payload)
    if not isinstance(payload, dict):
        return Change(outbox_id, None, None)
    kind = ENTITY_KINDS.get(str(payload.get("entity", "")))
    try:
        entity_id = int(payload["id"])
    except (KeyError, TypeError, ValueError):
        return Change(outbox_id, None, None)
    return Change(outbox_id, kind, entity_id)


def lock_key(kind: SearchKind, entity_id: int) -> int:
    """A signed 64-bit advisory lock key per record (a collision only serialises two records)."""
    digest = hashlib.blake2b(f"search:{document_uid(kind, entity_id)}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def default_loader() -> DocumentLoader:
    """The catalogue's `load_documents(conn, kind, ids)` (imported when first needed)."""
    try:
        from biomap.search.documents import load_documents  # type: ignore[import-not-found,unused-ignore]
    except ModuleNotFoundError:
        from biomap.catalogue.search_documents import load_documents
    loader: DocumentLoader = load_documents
    return loader


async def push_changes(
    conn: asyncpg.Connection,
    index: SearchIndex,
    targets: Mapping[SearchKind, Sequence[int]],
    *,
    analyzer: TextAnalyzer | None = None,
    loader: DocumentLoader | None = None,
) -> tuple[int, int]:
    """Make `index` say what the database says now about these records; (upserted, deleted)."""
    loader = loader or default_loader()
    upserts: list[dict[str, Any]] = []
    gone: list[str] = []
    for kind, ids in targets.items():
        wanted = sorted(set(ids))
        if not wanted:
            continue
        found = await loader(conn, kind, wanted)
        present = {d.entity_id for d in found}
        if found:
            analyzer = resolve_analyzer(analyzer)
            upserts += to_documents(found, analyzer)
        gone += [document_uid(kind, i) for i in wanted if i not in present]
    if upserts:
        await index.upsert(upserts)
    if gone:
        await index.delete(gone)
    return len(upserts), len(gone)


async def relay_once(
    conn: asyncpg.Connection,
    index: SearchIndex,
    *,
    batch_size: int = 100,
    now: datetime | None = None,
    analyzer: TextAnalyzer | None = None,
    loader: DocumentLoader | None = None,
    topic: str = TOPIC,
) -> int:
    """Deliver one batch of pending changes; the number of outbox rows marked delivered (0 when
    there was nothing to do or Meilisearch failed: then the rows are rescheduled)."""
    async with conn.transaction():
        rows = await conn.fetch(CLAIM_SQL, topic, now, batch_size)
        if not rows:
            return 0
        retried = [r for r in rows if r["attempts"] > 0]
        if retried:
            # Rows that failed before go one at a time, each with its own backoff: one record that
            # Meilisearch keeps refusing must not hold back the rows that failed beside it.
            rows = retried[:1]
        changes = [parse_change(r["id"], r["payload"]) for r in rows]
        targets: dict[SearchKind, list[int]] = {}
        for change in changes:
            if change.kind is not None and change.entity_id is not None:
                targets.setdefault(change.kind, []).append(change.entity_id)
        keys = sorted({lock_key(k, i) for k, ids in targets.items() for i in ids})
        if keys:
            await conn.fetchval(LOCK_SQL, keys)
        ids = [r["id"] for r in rows]
        try:
            await push_changes(conn, index, targets, analyzer=analyzer, loader=loader)
        except asyncpg.PostgresError:
            raise  # the transaction is aborted: roll back, the rows stay pending as they were
        except Exception as error:  # noqa: BLE001 - Meilisearch down, a task failed, a bad document
            message = f"{type(error).__name__}: {error}"[:MAX_ERROR_CHARS]
            log.warning("search relay: %d change(s) to %s failed: %s", len(ids), index.uid, message)
            await conn.execute(FAILED_SQL, ids, message, now, float(BACKOFF_CAP_SECONDS))
            return 0
        await conn.execute(DELIVERED_SQL, ids, now)
        return len(ids)


async def run_relay(
    pool: asyncpg.Pool,
    index: SearchIndex,
    stop_event: asyncio.Event,
    *,
    batch_size: int = 100,
    poll_seconds: float = 1.0,
    analyzer: TextAnalyzer | None = None,
    loader: DocumentLoader | None = None,
) -> None:
    """Relay until `stop_event` is set: back to back while batches deliver, otherwise poll every
    `poll_seconds` (longer, up to a minute, while the database itself keeps failing)."""
    errors = 0
    while not stop_event.is_set():
        delivered = 0
        try:
            async with pool.acquire() as conn:
                delivered = await relay_once(conn, index, batch_size=batch_size, analyzer=analyzer, loader=loader)
            errors = 0
        except Exception:
            errors += 1
            log.exception("search relay: batch failed (database error %d in a row)", errors)
        if delivered > 0:  # more may be waiting (a full batch, or rows retried one at a time)
            continue
        delay = min(60.0, poll_seconds * 2 ** min(errors, 6))
        try:
            await asyncio.wait_for(stop_event.wait(), timeout=delay)
        except TimeoutError:
            pass
