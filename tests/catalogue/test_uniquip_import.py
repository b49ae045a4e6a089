"""Importing uniquip files into the database: real-world files, re-imports, round trips, garbage."""

from __future__ import annotations

import io
from pathlib import Path

import asyncpg
import pytest

from biomap.catalogue.uniquip_import import export_uniquip, import_uniquip
from biomap.errors import Invalid, NotFound

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "uniquip"


async def count(conn: asyncpg.Connection, code: str) -> int:
    return await conn.fetchval(
        "SELECT count(*) FROM equipment e JOIN organisation o ON o.id = e.institution_id WHERE o.code = $1", code
    )


async def test_real_world_file_imports_valid_rows_and_reports_bad_ones(conn) -> None:
    before = await count(conn, "INU")
    report = await import_uniquip(conn, (FIXTURES / "realworld_cp1252.csv").read_bytes(), institution="INU")
    assert report.encoding == "utf-8+cp1252"
    assert report.inserted == 18 and report.updated == 0
    assert [e.line for e in report.errors] == [13, 15, 22]
    assert "duplicate ID" in report.errors[1].reason
    assert await count(conn, "INU") == before + 18
    truncated = await conn.fetchval(
        "SELECT count(*) FROM equipment WHERE (extra->>'name_truncated')::boolean AND source_id IS NOT NULL"
    )
    assert truncated >= 2


async def test_reimporting_updates_instead_of_duplicating(conn) -> None:
    data = (FIXTURES / "realworld_cp1252.csv").read_bytes()
    first = await import_uniquip(conn, data, institution="INU")
    total = await count(conn, "INU")
    second = await import_uniquip(conn, data, institution="INU")
    assert (second.inserted, second.updated) == (0, first.inserted)
    assert await count(conn, "INU") == total


async def test_export_then_import_round_trips(conn) -> None:
    out = io.StringIO()
    exported = await export_uniquip(conn, out, institution="ITP_BIO", public_url="http://biomap.test")
    assert exported == await count(conn, "ITP_BIO") > 0
    columns = ("name_ko", "name_en", "category", "manufacturer", "model", "year", "description_ko",
               "description_en", "specifications", "building", "room", "status", "access_policy", "service_mode",
               "training_required", "rate_internal_krw", "rate_academic_krw", "rate_industry_krw",
               "nfec_registration", "rrid", "photo_url")
    snapshot = {r["id"]: dict(r) for r in await conn.fetch(
        f"""SELECT e.id, {', '.join('e.' + c for c in columns)} FROM equipment e
              JOIN organisation o ON o.id = e.institution_id WHERE o.code = 'ITP_BIO'""")}
    await conn.execute("UPDATE equipment SET room = 'changed', year = NULL WHERE id = ANY($1::bigint[])",
                       list(snapshot))
    report = await import_uniquip(conn, out.getvalue().encode("utf-8"))
    assert report.errors == [] and report.updated == exported and report.inserted == 0
    after = {r["id"]: dict(r) for r in await conn.fetch(
        f"SELECT e.id, {', '.join('e.' + c for c in columns)} FROM equipment e WHERE e.id = ANY($1::bigint[])",
        list(snapshot))}
    assert after == snapshot


async def test_a_file_that_is_not_csv_is_one_error_and_writes_nothing(conn) -> None:
    before = await conn.fetchval("SELECT count(*) FROM equipment")
    for garbage in (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, b"", b'{"equipment": []}'):
        with pytest.raises(Invalid, match="uniquip"):
            await import_uniquip(conn, garbage, institution="INU")
    assert await conn.fetchval("SELECT count(*) FROM equipment") == before


async def test_unknown_institution_is_refused(conn) -> None:
    with pytest.raises(NotFound, match="Atlantis"):
        await import_uniquip(conn, (FIXTURES / "clean_utf8_bom.csv").read_bytes(), institution="Atlantis")


async def test_rows_need_an_institution(conn) -> None:
    header = "Type,Name,Contact Name,Contact Email,Site Location,ID\n"
    rows = "equipment,Centrifuge,Desk,desk@example.ac.kr,Songdo,C-1\n"
    report = await import_uniquip(conn, (header + rows).encode())
    assert report.inserted == 0
    assert report.errors[0].line == 2 and "--institution" in report.errors[0].reason


async def test_a_bulk_import_is_searchable_at_once(conn, monkeypatch) -> None:
    """Large imports gather GIN entries in a bigger pending list and merge them before returning."""
    from biomap.catalogue import uniquip_import
    from biomap.catalogue.search_documents import search_scope
    from biomap.identity.models import Viewer
    from biomap.search import service

    monkeypatch.setattr(uniquip_import, "BULK_ROWS", 1)
    report = await import_uniquip(conn, (FIXTURES / "realworld_cp1252.csv").read_bytes(), institution="INU")
    assert report.inserted == 18
    assert await conn.fetchval("SHOW gin_pending_list_limit") == "64MB"  # this transaction only (SET LOCAL)
    names = await conn.fetch(
        "SELECT e.id, e.name_en FROM equipment e JOIN organisation o ON o.id = e.institution_id "
        "WHERE o.code = 'INU' AND e.source_id IS NOT NULL AND e.name_en <> '' ORDER BY e.id DESC LIMIT 3")
    for row in names:
        result = await service.search(conn, row["name_en"], search_scope(Viewer.anonymous()))
        assert row["id"] in [hit.entity_id for hit in result.hits], row["name_en"]


async def test_pipelined_analysis_writes_every_document_in_order(conn, monkeypatch) -> None:
    """Several batches analysed at once (as with `--analysis-workers 2`): every imported record ends up
    with its own search document, none lost or swapped between batches."""
    from concurrent.futures import ThreadPoolExecutor

    from biomap.catalogue import uniquip_import

    monkeypatch.setattr(uniquip_import, "BATCH_SIZE", 4)
    with ThreadPoolExecutor(2) as analysis:
        report = await import_uniquip(conn, (FIXTURES / "realworld_cp1252.csv").read_bytes(), institution="INU",
                                      analysis=analysis, analysis_workers=2)
    assert report.inserted == 18
    mismatched = await conn.fetch(
        """SELECT e.id FROM equipment e JOIN organisation o ON o.id = e.institution_id
             LEFT JOIN search_document d ON d.kind = 'EQUIPMENT' AND d.entity_id = e.id
            WHERE o.code = 'INU' AND e.source_id IS NOT NULL
              AND (d.entity_id IS NULL OR d.title_en IS DISTINCT FROM e.name_en)""")
    assert mismatched == []


async def test_a_failing_writer_stops_the_import_instead_of_hanging(conn, monkeypatch) -> None:
    """The file is parsed while a writer task stores earlier batches: when the writer fails, the
    import raises its error at once (the parser does not wait for room in a queue nobody empties)."""
    import asyncio

    from biomap.catalogue import uniquip_import

    written: list[int] = []
    real_batch = uniquip_import._import_batch

    async def failing_second_batch(conn, batch, report, progress, indexing):
        if written:
            raise RuntimeError("disk full")
        written.append(len(batch))
        await real_batch(conn, batch, report, progress, indexing)

    monkeypatch.setattr(uniquip_import, "BATCH_SIZE", 2)
    monkeypatch.setattr(uniquip_import, "_import_batch", failing_second_batch)
    with pytest.raises(RuntimeError, match="disk full"):
        await asyncio.wait_for(
            import_uniquip(conn, (FIXTURES / "realworld_cp1252.csv").read_bytes(), institution="INU"), timeout=30)
    assert written == [2]


ROWS_HEADER = "Type,Name,Description,Contact Name,Contact Email,Site Location"


def rows_file(*rows: str, header: str = ROWS_HEADER, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join((header, *rows)) + "\r\n").encode(encoding)


async def last_id(conn: asyncpg.Connection) -> int:
    return await conn.fetchval("SELECT coalesce(max(id), 0) FROM equipment")


async def names_since(conn: asyncpg.Connection, since: int) -> list[tuple[str, str]]:
    rows = await conn.fetch("SELECT name_ko, name_en FROM equipment WHERE id > $1 ORDER BY id", since)
    return [(r["name_ko"], r["name_en"]) for r in rows]


async def test_an_unterminated_quote_loses_no_rows(conn) -> None:
    since = await last_id(conn)
    report = await import_uniquip(conn, rows_file(
        "equipment,Item A,desc,Kim,a@inu.ac.kr,Songdo",
        'equipment,Broken D,"unterminated quote,Kim,d@inu.ac.kr,Songdo',
        "equipment,Item C,desc,Kim,c@inu.ac.kr,Songdo",
        'equipment,Item E,"desc, quoted",Kim,e@inu.ac.kr,Songdo',
        "equipment,Item F,desc,Kim,f@inu.ac.kr,Songdo"), institution="INU")
    assert (report.inserted, [e.line for e in report.errors]) == (4, [3])
    assert await names_since(conn, since) == [("", "Item A"), ("", "Item C"), ("", "Item E"), ("", "Item F")]


async def test_a_cp949_file_is_stored_in_korean(conn) -> None:
    since = await last_id(conn)
    report = await import_uniquip(conn, rows_file("equipment,원심분리기,고속 냉각,김연구,kim@inu.ac.kr,송도캠퍼스",
                                                  encoding="cp949"), institution="INU")
    assert (report.encoding, report.inserted) == ("cp949", 1)
    assert await names_since(conn, since) == [("원심분리기", "")]


async def test_values_the_api_refuses_are_reported_and_not_stored(conn) -> None:
    since = await last_id(conn)
    header = ROWS_HEADER + ",ID,Photo,X-BioMap RRID,X-BioMap Rate Industry KRW,X-BioMap NFEC,X-BioMap Room"
    ok = "equipment,{name},,Kim,k@inu.ac.kr,Songdo,{id},{photo},{rrid},{rate},{nfec},{room}"
    fine = dict(photo="https://inu.ac.kr/a.jpg", rrid="RRID:SCR_012345", rate="50000", nfec="NFEC-1", room="101")
    bad = [("photo", "javascript:alert(1)"), ("rrid", "not-an-rrid"), ("rate", "2000000000"), ("nfec", "N" * 100),
           ("room", "R" * 150), ("name", "N" * 599)]
    rows = [ok.format(**({"name": "Fine", "id": "OK"} | fine))]
    rows += [ok.format(**({"name": f"Bad {key}", "id": f"B{n}"} | fine | {key: value}))
             for n, (key, value) in enumerate(bad)]
    report = await import_uniquip(conn, rows_file(*rows, header=header), institution="INU")
    assert report.inserted == 1
    assert [(e.line, e.reason.split(":")[0].split(" must")[0]) for e in report.errors] == [
        (3, "Photo"), (4, "X-BioMap RRID"), (5, "X-BioMap Rate Industry KRW"), (6, "X-BioMap NFEC"),
        (7, "X-BioMap Room"), (8, "Name")]
    assert await names_since(conn, since) == [("", "Fine")]


async def test_identical_rows_without_an_id_are_counted_once(conn) -> None:
    since = await last_id(conn)
    rows = [f"equipment,Item {n},desc,Kim,k@inu.ac.kr,Songdo" for n in (1, 2, 3)]
    data = rows_file(rows[0], rows[1], rows[1], rows[2], "equipment,Item 4,desc,Kim,k@inu.ac.kr,Songdo")
    first = await import_uniquip(conn, data, institution="INU")
    assert (first.inserted, first.updated) == (4, 0)
    assert [(e.line, e.reason.startswith("duplicate of line 3")) for e in first.errors] == [(4, True)]
    again = await import_uniquip(conn, data, institution="INU")
    assert (again.inserted, again.updated, len(again.errors)) == (0, 4, 1)
    assert len(await names_since(conn, since)) == 4


async def test_records_created_through_the_api_round_trip(conn) -> None:
    from biomap.catalogue import service
    from biomap.identity.models import Role, Viewer
    from biomap.identity.service import create_user

    user, _ = await create_user(conn, email="round-trip-admin@test.biomap.kr", role=Role.ADMIN)
    viewer = Viewer(user.id, Role.ADMIN, None)
    institution_id = await conn.fetchval("SELECT id FROM organisation WHERE code = 'INU'")
    created = [
        {"name_ko": "Agilent 1260 HPLC"},
        {"name_en": "질량분석기 LC-MS"},
        {"name_ko": "원심분리기", "name_en": "원심분리기"},
        {"name_en": "NMR", "description_en": "600 MHz 핵자기공명 분광기"},
        {"name_en": "Mass\tspec", "description_ko": "두 줄\n\t설명", "manufacturer": "=cmd|' /C calc'!A0"},
        {"name_en": "Q TRAP MASS SPECTROM"},
    ]
    ids = [(await service.create_equipment(conn, viewer, {"institution_id": institution_id, "category": "OTHER",
                                                          **fields})).id for fields in created]
    columns = ("name_ko", "name_en", "description_ko", "description_en", "manufacturer", "extra", "source_id")
    before = await conn.fetch(f"SELECT {', '.join(columns)} FROM equipment WHERE id = ANY($1) ORDER BY id", ids)

    out = io.StringIO(newline="")
    await export_uniquip(conn, out, institution="INU", public_url="http://biomap.test")
    await conn.execute("DELETE FROM search_document WHERE kind = 'EQUIPMENT' AND entity_id = ANY($1)", ids)
    await conn.execute("DELETE FROM equipment WHERE id = ANY($1)", ids)  # into an empty catalogue
    report = await import_uniquip(conn, out.getvalue().encode())
    assert report.errors == []

    after = await conn.fetch(
        f"SELECT {', '.join(columns)} FROM equipment WHERE source_id = ANY($1) ORDER BY id",
        [f"biomap-{i}" for i in ids])
    assert [dict(r) | {"source_id": None} for r in after] == [dict(r) for r in before]


async def test_reimporting_an_export_updates_records_created_through_the_api(conn) -> None:
    from biomap.catalogue import service
    from biomap.identity.models import Role, Viewer
    from biomap.identity.service import create_user

    user, _ = await create_user(conn, email="reexport-admin@test.biomap.kr", role=Role.ADMIN)
    institution_id = await conn.fetchval("SELECT id FROM organisation WHERE code = 'INU'")
    created = await service.create_equipment(conn, Viewer(user.id, Role.ADMIN, None), {
        "institution_id": institution_id, "category": "OTHER", "name_en": "Made in Bio Map"})
    out = io.StringIO(newline="")
    exported = await export_uniquip(conn, out, institution="INU", public_url="http://biomap.test")
    report = await import_uniquip(conn, out.getvalue().encode())
    assert (report.inserted, report.updated, report.errors) == (0, exported, [])
    rows = await conn.fetch("SELECT id, source_id FROM equipment WHERE name_en = 'Made in Bio Map'")
    assert [tuple(r) for r in rows] == [(created.id, f"biomap-{created.id}")]
