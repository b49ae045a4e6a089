"""Importing and exporting equipment as uniquip CSV (format code in `uniquip/`).

An import runs in the caller's transaction with a savepoint per row: a row the database refuses
becomes a row error and every valid row is still imported. Rows are keyed by (institution, ID),
so importing the same file again updates instead of duplicating; rows without an ID get a key
derived from their content ("content:<hash>"), stable as long as the row does not change. An
update changes only what the file carries (`uniquip.reimported`).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import dataclasses
import hashlib
import re
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import IO, Any

import asyncpg

from biomap.catalogue import equipment_queries, institution_queries
from biomap.catalogue.models import Institution
from biomap.catalogue.search_documents import load_documents
from biomap.catalogue.uniquip import (
    EquipmentRecord,
    RowError,
    UniquipFormatError,
    iter_uniquip,
    reimported,
    write_uniquip,
)
from biomap.errors import Invalid, NotFound
from biomap.identity import service as identity
from biomap.outbox import queries as outbox
from biomap.search import indexer, pg_queries
from biomap.search.models import SearchKind


@dataclass
class ImportReport:
    inserted: int = 0
    updated: int = 0
    skipped_facilities: int = 0
    total_rows: int = 0
    encoding: str = ""
    errors: list[RowError] = field(default_factory=list)


def content_key(record: EquipmentRecord) -> str:
    basis = "|".join([record.name_en, record.name_ko, record.description_en, record.description_ko,
                      record.building, str(record.extra.get("site_location", ""))])
    return "content:" + hashlib.sha256(basis.encode()).hexdigest()[:16]


def _values(record: EquipmentRecord) -> dict[str, Any]:
    # Shallow on purpose (asdict deep-copies every nested dict: a third of the import's CPU).
    values = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    for not_a_column in ("line", "institution_name", "given"):
        values.pop(not_a_column, None)
    values["source_id"] = record.source_id or content_key(record)
    return values


async def import_uniquip(
    conn: asyncpg.Connection,
    data: bytes,
    *,
    institution: str | None = None,
    progress: Callable[[int], None] | None = None,
    analysis: Executor | None = None,
    analysis_workers: int = 1,
) -> ImportReport:
    """Import `data`; `institution` (code or name) applies to rows without an Institution Name.

    The file is parsed while earlier batches are written: a writer task owns the connection and
    takes batches from a short queue, so PostgreSQL works on batch k while this coroutine parses
    batch k+1 (parsing 100,000 rows takes ~10 s, which used to pass before the first write).
    `analysis`: an executor (worker processes) for the search analysis; the CLI passes one so that
    Kiwi works on `analysis_workers` batches at the same time."""
    try:
        reader = iter_uniquip(data)
    except UniquipFormatError as exc:
        raise Invalid(str(exc), field="file") from None
    report = ImportReport()
    default: Institution | None = None
    if institution:
        default = await institution_queries.institution_by_name(conn, institution)
        if default is None:
            raise NotFound(f"no institution with code or name '{institution}'", field="institution")
    batches: asyncio.Queue[list[EquipmentRecord] | None] = asyncio.Queue(maxsize=2)
    writer = asyncio.create_task(_write_batches(
        conn, batches, report, progress, _IndexingPipeline(conn, analysis, depth=analysis_workers), default))
    try:
        batch: list[EquipmentRecord] = []
        for n, item in enumerate(reader, 1):
            if isinstance(item, RowError):
                report.errors.append(item)
            else:
                batch.append(item)
                if len(batch) >= BATCH_SIZE:
                    await _hand_over(batches, batch, writer)
                    batch = []
            if n % PARSE_SLICE == 0:
                await asyncio.sleep(0)  # the writer sends its next statement as soon as the last one is done
        if batch:
            await _hand_over(batches, batch, writer)
        await _hand_over(batches, None, writer)
        await writer
    finally:
        if not writer.done():
            writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await writer
    report.total_rows, report.skipped_facilities = reader.total_rows, reader.skipped_facilities
    report.encoding = reader.encoding
    report.errors.sort(key=lambda e: e.line)
    return report


# From this many rows on, index entries are merged in bulk (measured: ~10 % faster at 50,000 rows).
BULK_ROWS = 5000

# Rows per statement: big enough to amortise round trips and analysis, small enough that a
# refused batch (retried row by row) stays cheap.
BATCH_SIZE = 500

# Rows parsed between two turns of the event loop (each turn lets the writer go on).
PARSE_SLICE = 10  # measured: 50 gave the same within noise


async def _hand_over(batches: asyncio.Queue[list[EquipmentRecord] | None], batch: list[EquipmentRecord] | None,
                     writer: asyncio.Task[None]) -> None:
    """Queue `batch` for the writer; if the writer has failed meanwhile, raise its error instead of
    waiting for room in a queue nobody empties any more."""
    put = asyncio.ensure_future(batches.put(batch))
    await asyncio.wait({put, writer}, return_when=asyncio.FIRST_COMPLETED)
    if not put.done():
        put.cancel()
    if writer.done():
        writer.result()  # raises the writer's error
        if batch is not None:
            raise RuntimeError("the import's writer stopped before the end of the file")


async def _write_batches(
    conn: asyncpg.Connection, batches: asyncio.Queue[list[EquipmentRecord] | None], report: ImportReport,
    progress: Callable[[int], None] | None, indexing: "_IndexingPipeline", default: Institution | None,
) -> None:
    """The only user of the connection during an import: places the records, writes the batches
    in file order, then the last search documents."""
    destinations = _Destinations(conn, default)
    written = 0
    bulk = False
    while (batch := await batches.get()) is not None:
        pending: list[tuple[int, EquipmentRecord]] = []
        for record in batch:
            placed = await destinations.place(record)
            if isinstance(placed, RowError):
                report.errors.append(placed)
                if progress:
                    progress(1)
                continue
            pending.append((placed, record))
        if not bulk and written + len(pending) >= BULK_ROWS:
            await pg_queries.begin_bulk_writes(conn)
            bulk = True
        if pending:
            await _import_batch(conn, pending, report, progress, indexing)
            written += len(pending)
    await indexing.flush()
    if bulk:
        await pg_queries.merge_pending_index_entries(conn)


class _Destinations:
    """Where each record goes: its institution (by Institution Name, else the default one). A second
    row without an ID but with the same content has the same key there: it would only overwrite the
    first and be counted twice, so it is refused like a duplicate ID (the first wins)."""

    def __init__(self, conn: asyncpg.Connection, default: Institution | None) -> None:
        self._conn = conn
        self._default = default
        self._by_name: dict[str, Institution | None] = {}
        self._line_of_content: dict[tuple[int, str], int] = {}

    async def place(self, record: EquipmentRecord) -> int | RowError:
        """The institution id, or the row error that keeps the record out."""
        target = self._default
        if record.institution_name:
            if record.institution_name not in self._by_name:
                self._by_name[record.institution_name] = await institution_queries.institution_by_name(
                    self._conn, record.institution_name)
            target = self._by_name[record.institution_name] or self._default
        if target is None:
            reason = (f"unknown institution '{record.institution_name}'" if record.institution_name
                      else "no Institution Name column: give --institution")
            return RowError(record.line, reason, record.source_id)
        if record.source_id is None:
            first = self._line_of_content.setdefault((target.id, content_key(record)), record.line)
            if first != record.line:
                return RowError(record.line, f"duplicate of line {first}: no ID and the same Name, Description, "
                                             "Building and Site Location (the first wins)", None)
        return target.id


def _row(institution_id: int, record: EquipmentRecord) -> dict[str, Any]:
    return {"institution_id": institution_id, **_values(record)}


async def _import_batch(
    conn: asyncpg.Connection, batch: list[tuple[int, EquipmentRecord]], report: ImportReport,
    progress: Callable[[int], None] | None, indexing: "_IndexingPipeline",
) -> None:
    """Upsert a batch in one statement; if the database refuses it, find the bad rows one by one
    (each in its own savepoint) so every valid row is still imported."""
    rows = await _rows_to_write(conn, batch)
    lines = {(row["institution_id"], row["source_id"]): record.line for record, row in rows}
    try:
        async with conn.transaction():
            written = list(await equipment_queries.upsert_equipment_batch(conn, [row for _, row in rows]))
    except (asyncpg.IntegrityConstraintViolationError, asyncpg.DataError, asyncpg.CardinalityViolationError):
        written = []
        for record, row in rows:
            try:
                async with conn.transaction():
                    written += await equipment_queries.upsert_equipment_batch(conn, [row])
            except (asyncpg.IntegrityConstraintViolationError, asyncpg.DataError) as exc:
                report.errors.append(RowError(record.line, f"refused by the database: {exc}", record.source_id))
    if written:
        actions = [("import.create" if w["inserted"] else "import.update", w) for w in written]
        await identity.record_audit_many(conn, None, [
            (action, "equipment", w["id"], {"line": lines.get((w["institution_id"], w["source_id"]))})
            for action, w in actions
        ])
        await indexing.submit([w["id"] for w in written])
        await outbox.enqueue_many(conn, "catalogue.changed", [
            {"entity": "equipment", "id": w["id"], "action": action} for action, w in actions
        ])
        report.inserted += sum(1 for w in written if w["inserted"])
        report.updated += sum(1 for w in written if not w["inserted"])
    if progress:
        progress(len(batch))


async def _rows_to_write(
    conn: asyncpg.Connection, batch: list[tuple[int, EquipmentRecord]]
) -> list[tuple[EquipmentRecord, dict[str, Any]]]:
    """Each record with the row to upsert: a new record as read (defaults for what the file lacks),
    a stored one changed only where the file says so."""
    rows = [(record, _row(institution_id, record)) for institution_id, record in batch]
    keys = [(row["institution_id"], row["source_id"]) for _, row in rows]
    await _adopt_exported_ids(conn, keys)
    stored = await _stored_equipment(conn, keys)
    to_write: list[tuple[EquipmentRecord, dict[str, Any]]] = []
    for (record, row), key in zip(rows, keys, strict=True):
        current = stored.get(key)
        to_write.append((record, row if current is None else reimported(row, record.given, current)))
    return to_write


# The ID Bio Map's export gives a record that has no source ID (one created through the API).
_EXPORTED_ID = re.compile(r"biomap-(\d{1,18})")


async def _adopt_exported_ids(conn: asyncpg.Connection, keys: list[tuple[int, str]]) -> None:
    """Re-importing an export must update the records it came from, not add copies: a record without
    a source ID whose export ID ("biomap-<id>") comes back takes that ID as its key."""
    exported = [(institution_id, int(m.group(1))) for institution_id, source_id in keys
                if (m := _EXPORTED_ID.fullmatch(source_id))]
    if exported:
        await equipment_queries.adopt_exported_ids(conn, exported)


async def _stored_equipment(conn: asyncpg.Connection, keys: list[tuple[int, str]]) -> dict[tuple[int, str], Any]:
    """The stored records with these (institution, source_id) keys, locked until the import commits,
    so that an edit made between this read and the upsert cannot be overwritten with older values."""
    rows = await equipment_queries.equipment_by_source_ids_for_update(conn, keys)
    return {(r["institution_id"], r["source_id"]): r for r in rows}


class _IndexingPipeline:
    """Search documents of batch k are analysed while later batches are parsed and written: with an
    executor the analysis runs in worker processes (the import's biggest CPU cost: ~0.3 ms per
    record), `depth` batches at a time, so the cores and PostgreSQL work at once. Writes still
    happen in batch order, in the import's transaction, so the index ends exactly as the records are."""

    def __init__(self, conn: asyncpg.Connection, executor: Executor | None, depth: int = 1) -> None:
        self._conn = conn
        self._executor = executor
        self._depth = max(1, depth)
        self._pending: collections.deque[tuple[list[int], asyncio.Future[list[dict[str, Any]]]]] = (
            collections.deque())

    async def submit(self, ids: list[int]) -> None:
        documents = await load_documents(self._conn, SearchKind.EQUIPMENT, ids)
        if self._executor is None:
            await indexer.write_rows(self._conn, SearchKind.EQUIPMENT, ids, indexer.document_rows(documents))
            return
        while len(self._pending) >= self._depth:
            await self._write_oldest()
        future = asyncio.get_running_loop().run_in_executor(self._executor, indexer.document_rows, documents)
        self._pending.append((ids, future))

    async def flush(self) -> None:
        while self._pending:
            await self._write_oldest()

    async def _write_oldest(self) -> None:
        ids, future = self._pending.popleft()
        await indexer.write_rows(self._conn, SearchKind.EQUIPMENT, ids, await future)


async def export_uniquip(
    conn: asyncpg.Connection, out: IO[str], *, institution: str | None = None, public_url: str = ""
) -> int:
    """Write equipment as uniquip. The spec needs a contact channel on every row: records without one
    get their institution's website, else `public_url` (where Bio Map serves them)."""
    institution_id = None
    if institution:
        found = await institution_queries.institution_by_name(conn, institution)
        if found is None:
            raise NotFound(f"no institution with code or name '{institution}'", field="institution")
        institution_id = found.id
    rows = await equipment_queries.equipment_for_export(conn, institution_id)
    for row in rows:
        row["institution_name"] = row["institution_name_en"] or row["institution_name_ko"]
        row["institution_url"] = row["institution_url"] or public_url
    return write_uniquip(rows, out)
