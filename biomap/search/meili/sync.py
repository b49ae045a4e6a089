"""Index writes: the SDK adapter, full reindex with an atomic swap, and the drift check.

Reindex builds a new index `<base>-<UTC timestamp>` (settings first, then documents in batches),
swaps it with `<base>` in one Meilisearch task, so readers never see a half-built index, and deletes
the old content. Changes relayed to the old index while the new one was being built are replayed
afterwards (every outbox row pending or delivered since the build started), so none is lost.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import asyncpg
from meilisearch_python_sdk import AsyncClient
from meilisearch_python_sdk.errors import MeilisearchApiError

from biomap.search.meili.documents import (
    HASH_FIELD,
    PRIMARY_KEY,
    TextAnalyzer,
    content_hash,
    document_uid,
    resolve_analyzer,
    to_documents,
)
from biomap.search.meili.relay import (
    LOCK_SQL,
    TOPIC,
    Change,
    DocumentLoader,
    SearchIndex,
    default_loader,
    lock_key,
    parse_change,
    push_changes,
)
from biomap.search.meili.settings import (
    DEFAULT_TASK_TIMEOUT_MS,
    load_index_settings,
    meilisearch_settings,
)
from biomap.search.models import SearchKind

BATCH_SIZE = 1000
TASK_ENDS = frozenset({"succeeded", "failed", "canceled"})
# Records replayed per transaction after a reindex: each takes an advisory lock, and a whole
# import's worth in one transaction runs out of lock memory (max_locks_per_transaction, 64 by
# default, ~6,400 locks in all: 50,000 failed).
REPLAY_CHUNK = 500


class MeiliTaskError(RuntimeError):
    """A Meilisearch task ended in another state than "succeeded"."""


class MeiliIndex:
    """SearchIndex over one Meilisearch index: every write waits for its task and checks it."""

    def __init__(self, client: AsyncClient, uid: str, *, task_timeout_ms: int = DEFAULT_TASK_TIMEOUT_MS,
                 batch_size: int = BATCH_SIZE) -> None:
        self.client = client
        self._uid = uid
        self.task_timeout_ms = task_timeout_ms
        self.batch_size = batch_size

    @property
    def uid(self) -> str:
        return self._uid

    async def wait(self, task_uid: int) -> None:
        """Until the task has ended, and raise unless it succeeded. (The SDK's wait_for_task knows
        only "succeeded" and "failed" as ends: a canceled task would look like a timeout.)"""
        deadline = asyncio.get_running_loop().time() + self.task_timeout_ms / 1000
        pause = 0.02
        while True:
            task = await self.client.get_task(task_uid)
            if task.status in TASK_ENDS:
                break
            if asyncio.get_running_loop().time() >= deadline:
                raise MeiliTaskError(f"Meilisearch task {task_uid} ({task.task_type}) still {task.status} "
                                     f"after {self.task_timeout_ms} ms")
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.5)
        if task.status != "succeeded":
            raise MeiliTaskError(f"Meilisearch task {task_uid} ({task.task_type}) {task.status}: {task.error}")

    async def apply_settings(self, settings: dict[str, Any]) -> None:
        task = await self.client.index(self.uid).update_settings(meilisearch_settings(settings))
        await self.wait(task.task_uid)

    async def upsert(self, documents: Sequence[Mapping[str, Any]]) -> None:
        index = self.client.index(self.uid)
        for start in range(0, len(documents), self.batch_size):
            batch = [dict(d) for d in documents[start:start + self.batch_size]]
            task = await index.add_documents(batch, primary_key=PRIMARY_KEY)
            await self.wait(task.task_uid)

    async def delete(self, uids: Sequence[str]) -> None:
        if uids:
            await self.wait((await self.client.index(self.uid).delete_documents(list(uids))).task_uid)

    async def documents(self) -> list[dict[str, Any]]:
        index = self.client.index(self.uid)
        out: list[dict[str, Any]] = []
        while True:
            page = await index.get_documents(offset=len(out), limit=self.batch_size)
            out += page.results
            if not page.results or len(out) >= page.total:
                return out

    async def count(self) -> int:
        return (await self.client.index(self.uid).get_stats()).number_of_documents


@dataclass(frozen=True, slots=True)
class ReindexReport:
    index_uid: str
    built_uid: str
    documents: int
    replayed: int


async def _all_documents(conn: asyncpg.Connection, analyzer: TextAnalyzer | None,
                         loader: DocumentLoader) -> list[dict[str, Any]]:
    analyzer = resolve_analyzer(analyzer)
    documents: list[dict[str, Any]] = []
    for kind in SearchKind:
        documents += to_documents(await loader(conn, kind, None), analyzer)
    return documents


async def replay_since(conn: asyncpg.Connection, index: SearchIndex, since: datetime, *,
                       analyzer: TextAnalyzer | None = None, loader: DocumentLoader | None = None) -> int:
    """Push the current state of every record named by an outbox row still pending or delivered at
    or after `since` (under the relay's per-record locks); the number of records pushed."""
    rows = await conn.fetch(
        "SELECT id, payload FROM outbox WHERE topic = $1 AND (delivered_at IS NULL OR delivered_at >= $2)",
        TOPIC, since,
    )
    targets: dict[SearchKind, set[int]] = {}
    for row in rows:
        change = parse_change(row["id"], row["payload"])
        if change.kind is not None and change.entity_id is not None:
            targets.setdefault(change.kind, set()).add(change.entity_id)
    records = sorted((k, i) for k, ids in targets.items() for i in ids)
    pushed = 0
    for start in range(0, len(records), REPLAY_CHUNK):
        chunk: dict[SearchKind, list[int]] = {}
        for kind, entity_id in records[start:start + REPLAY_CHUNK]:
            chunk.setdefault(kind, []).append(entity_id)
        async with conn.transaction():
            await conn.fetchval(LOCK_SQL, sorted({lock_key(k, i) for k, ids in chunk.items() for i in ids}))
            upserted, deleted = await push_changes(conn, index, chunk, analyzer=analyzer, loader=loader)
        pushed += upserted + deleted
    return pushed


async def index_exists(client: AsyncClient, uid: str) -> bool:
    """Whether the index exists; any other answer (a wrong key: 401/403, a server error) raises
    Meilisearch's own error, where the SDK's get_raw_index would fail parsing it."""
    try:
        await client.get_index(uid)
    except MeilisearchApiError as error:
        if error.code == "index_not_found" or error.status_code == 404:
            return False
        raise
    return True


async def reindex(
    conn: asyncpg.Connection,
    client: AsyncClient,
    base_uid: str,
    *,
    analyzer: TextAnalyzer | None = None,
    loader: DocumentLoader | None = None,
    settings: dict[str, Any] | None = None,
    task_timeout_ms: int = DEFAULT_TASK_TIMEOUT_MS,
) -> ReindexReport:
    """Rebuild `base_uid` from the database without readers ever seeing a partial index."""
    loader = loader or default_loader()
    settings = settings if settings is not None else load_index_settings()
    started: datetime = await conn.fetchval("SELECT clock_timestamp()")
    built_uid = f"{base_uid}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"
    await client.create_index(built_uid, primary_key=PRIMARY_KEY, timeout_in_ms=task_timeout_ms)
    built = MeiliIndex(client, built_uid, task_timeout_ms=task_timeout_ms)
    try:
        await built.apply_settings(settings)  # before the documents: indexed once, with the final rules
        documents = await _all_documents(conn, analyzer, loader)
        await built.upsert(documents)
        indexed = await built.count()
        if indexed != len(documents):
            raise MeiliTaskError(f"{built_uid} holds {indexed} documents, {len(documents)} were sent")
        if not await index_exists(client, base_uid):  # first build: swap needs both indexes
            await client.create_index(base_uid, primary_key=PRIMARY_KEY, timeout_in_ms=task_timeout_ms)
        await built.wait((await client.swap_indexes([(base_uid, built_uid)])).task_uid)
    except BaseException:
        with contextlib.suppress(Exception):  # the partial build; the live index is untouched
            await built.wait((await client.index(built_uid).delete()).task_uid)
        raise
    # After the swap `built_uid` holds the old content.
    await built.wait((await client.index(built_uid).delete()).task_uid)
    live = MeiliIndex(client, base_uid, task_timeout_ms=task_timeout_ms)
    replayed = await replay_since(conn, live, started, analyzer=analyzer, loader=loader)
    return ReindexReport(base_uid, built_uid, len(documents), replayed)


async def ensure_index(conn: asyncpg.Connection, client: AsyncClient, uid: str, **options: Any) -> ReindexReport | None:
    """Build `uid` (a full reindex, `options` as for `reindex`) when it does not exist yet, so a relay
    never writes into an index Meilisearch auto-created without settings. None when it exists."""
    if await index_exists(client, uid):
        return None
    return await reindex(conn, client, uid, **options)


@dataclass(frozen=True, slots=True)
class DriftReport:
    database_counts: dict[str, int]
    index_counts: dict[str, int]
    missing: list[str] = field(default_factory=list)  # in the database, not in the index
    extra: list[str] = field(default_factory=list)  # in the index, not (or no longer) in the database
    stale: list[str] = field(default_factory=list)  # in both, with different content
    pending: list[str] = field(default_factory=list)  # changed, the change not relayed yet: not drift

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.stale) and (
            self.database_counts == self.index_counts or bool(self.pending))

    def summary(self) -> str:
        kinds = sorted(set(self.database_counts) | set(self.index_counts))
        counts = ", ".join(f"{k}: {self.database_counts.get(k, 0)} / {self.index_counts.get(k, 0)}" for k in kinds)
        state = "in sync" if self.ok else (
            f"DRIFT: {len(self.missing)} missing, {len(self.extra)} extra, {len(self.stale)} stale"
        )
        waiting = f"; {len(self.pending)} record(s) with a change still to relay" if self.pending else ""
        return f"{state}{waiting} (database / index per kind: {counts or 'empty'})"


def _kind_of(document: Mapping[str, Any]) -> str:
    return str(document.get("kind") or str(document.get(PRIMARY_KEY, "")).partition("-")[0].upper())


async def check(conn: asyncpg.Connection, index: SearchIndex, *, analyzer: TextAnalyzer | None = None,
                loader: DocumentLoader | None = None) -> DriftReport:
    """Compare the database with the index: counts per kind, and per document the content hash
    (the index's stored `content_hash` must equal both the hash of the document as read back and
    the hash of the document freshly built from the database)."""
    expected = {d[PRIMARY_KEY]: d for d in await _all_documents(conn, analyzer, loader or default_loader())}
    actual = {str(d[PRIMARY_KEY]): d for d in await index.documents()}
    # Records whose change the relay has not delivered yet may differ: that is lag, not drift.
    pending = {document_uid(c.kind, c.entity_id) for c in await _pending_changes(conn)
               if c.kind is not None and c.entity_id is not None}
    stale = []
    for uid in sorted((expected.keys() & actual.keys()) - pending):
        stored = actual[uid].get(HASH_FIELD)
        if stored != expected[uid][HASH_FIELD] or stored != content_hash(actual[uid]):
            stale.append(uid)
    return DriftReport(
        database_counts=dict(Counter(_kind_of(d) for d in expected.values())),
        index_counts=dict(Counter(_kind_of(d) for d in actual.values())),
        missing=sorted(expected.keys() - actual.keys() - pending),
        extra=sorted(actual.keys() - expected.keys() - pending),
        stale=stale,
        pending=sorted(pending),
    )


async def _pending_changes(conn: asyncpg.Connection) -> list[Change]:
    rows = await conn.fetch("SELECT id, payload FROM outbox WHERE topic = $1 AND delivered_at IS NULL", TOPIC)
    return [parse_change(r["id"], r["payload"]) for r in rows]


__all__ = ["DriftReport", "MeiliIndex", "MeiliTaskError", "ReindexReport", "check", "ensure_index",
           "index_exists", "reindex", "replay_since"]
