"""Re-importing a file over records managers have edited in Bio Map: only what the file carries changes."""

from __future__ import annotations

import asyncpg
import pytest

from biomap.catalogue import service
from biomap.catalogue.uniquip import reimported
from biomap.catalogue.uniquip_import import import_uniquip
from biomap.identity.models import Role, Viewer
from biomap.identity.service import create_user

PLAIN_HEADER = "Type,ID,Name,Description,Contact Name,Contact Email,Building,Department"


def plain_file(*rows: str, header: str = PLAIN_HEADER) -> bytes:
    return ("\r\n".join((header, *rows)) + "\r\n").encode()


async def admin(conn: asyncpg.Connection) -> Viewer:
    user, _ = await create_user(conn, email="reimport-admin@test.biomap.kr", role=Role.ADMIN)
    return Viewer(user.id, Role.ADMIN, None)


async def stored(conn: asyncpg.Connection, source_id: str) -> asyncpg.Record:
    return await conn.fetchrow(
        """SELECT e.*, e.status::text AS status, e.access_policy::text AS access_policy FROM equipment e
             JOIN organisation o ON o.id = e.institution_id WHERE o.code = 'INU' AND e.source_id = $1""",
        source_id)


async def managed_record(conn: asyncpg.Connection) -> int:
    """QA-RE-001 imported from a plain file, then edited and retired by a manager through the API."""
    report = await import_uniquip(conn, plain_file(
        "equipment,QA-RE-001,Centrifuge 5810R,Refrigerated,Desk,desk@inu.ac.kr,B1,Chemistry"), institution="INU")
    assert report.inserted == 1
    equipment_id = (await stored(conn, "QA-RE-001"))["id"]
    viewer = await admin(conn)
    await service.update_equipment(conn, viewer, equipment_id, {
        "name_ko": "원심분리기", "manufacturer": "Eppendorf", "model": "5810R", "rate_industry_krw": 30_000,
        "training_required": True, "access_policy": "INTERNAL", "category": "CENTRIFUGE"})
    await service.retire_equipment(conn, viewer, equipment_id)
    return equipment_id


async def test_a_plain_reimport_keeps_what_managers_set_and_updates_what_the_file_carries(conn) -> None:
    await managed_record(conn)
    report = await import_uniquip(conn, plain_file(
        'equipment,QA-RE-001,Centrifuge 5810R (new rotor),"Refrigerated, 4 °C",Desk,desk@inu.ac.kr,B2,Chemistry',
        "equipment,QA-RE-002,Vortex,,Desk,desk@inu.ac.kr,B2,Chemistry"), institution="INU")
    assert (report.inserted, report.updated, report.errors) == (1, 1, [])

    record = await stored(conn, "QA-RE-001")
    assert (record["name_ko"], record["manufacturer"], record["model"], record["rate_industry_krw"]) == (
        "원심분리기", "Eppendorf", "5810R", 30_000)
    assert record["training_required"] is True and record["category"] == "CENTRIFUGE"
    assert (record["access_policy"], record["status"]) == ("INTERNAL", "RETIRED")  # not visible to anyone new
    assert (record["name_en"], record["description_en"], record["building"]) == (
        "Centrifuge 5810R (new rotor)", "Refrigerated, 4 °C", "B2")

    new = await stored(conn, "QA-RE-002")  # new records still get the documented defaults
    assert (new["access_policy"], new["status"], new["service_mode"], new["training_required"]) == (
        "CLUSTER", "ACTIVE", "OPERATOR_ASSISTED", False)


async def test_a_korean_name_in_a_plain_file_leaves_the_english_one(conn) -> None:
    await managed_record(conn)
    await import_uniquip(conn, plain_file("equipment,QA-RE-001,냉각 원심분리기,,Desk,desk@inu.ac.kr,B1,Chemistry"),
                         institution="INU")
    record = await stored(conn, "QA-RE-001")
    assert (record["name_ko"], record["name_en"], record["description_en"]) == (
        "냉각 원심분리기", "Centrifuge 5810R", "Refrigerated")  # an empty Description says no language


async def test_columns_absent_from_the_file_keep_their_contact_and_extra_keys(conn) -> None:
    await managed_record(conn)
    header = "Type,ID,Name,Contact Name,Contact Telephone"
    await import_uniquip(conn, plain_file("equipment,QA-RE-001,Centrifuge 5810R,Park,032-000-0000", header=header),
                         institution="INU")
    record = await stored(conn, "QA-RE-001")
    assert record["contact"] == {"name": "Park", "email": "desk@inu.ac.kr", "telephone": "032-000-0000"}
    assert record["extra"]["department"] == "Chemistry" and record["building"] == "B1"


async def test_a_reimport_never_widens_access_nor_brings_retired_equipment_back(conn) -> None:
    await managed_record(conn)
    header = "Type,ID,Name,Contact Name,Contact Email,X-BioMap Access Policy,X-BioMap Status"
    await import_uniquip(conn, plain_file("equipment,QA-RE-001,Centrifuge,Desk,d@inu.ac.kr,PUBLIC,ACTIVE",
                                          header=header), institution="INU")
    record = await stored(conn, "QA-RE-001")
    assert (record["access_policy"], record["status"]) == ("INTERNAL", "RETIRED")


def test_narrowing_access_and_other_status_changes_apply() -> None:
    values = {"institution_id": 1, "source_id": "X", "name_en": "A", "access_policy": "INTERNAL",
              "status": "ACTIVE", "contact": {}, "extra": {}}
    current = values | {"access_policy": "PUBLIC", "status": "MAINTENANCE"}
    assert reimported(values, frozenset({"access_policy", "status"}), current) == values
    # a complete record (built in code) sets everything, but still cannot widen access or un-retire
    assert reimported(values | {"access_policy": "PUBLIC"}, None, values | {"status": "RETIRED"}) == values | {
        "status": "RETIRED"}


@pytest.mark.parametrize(("given", "kept"), [
    (frozenset({"contact.name"}), {"email": "old@x.kr", "name": "New"}),
    (frozenset({"contact.name", "contact.email"}), {"name": "New"}),  # an emptied column removes its key
])
def test_contact_is_merged_key_by_key(given: frozenset[str], kept: dict[str, str]) -> None:
    values = {"access_policy": "CLUSTER", "status": "ACTIVE", "contact": {"name": "New"}, "extra": {}}
    current = values | {"contact": {"name": "Old", "email": "old@x.kr"}}
    assert reimported(values, given, current)["contact"] == kept


def test_extra_keys_without_a_column_are_governed_only_by_the_biomap_extra_column() -> None:
    values = {"access_policy": "CLUSTER", "status": "ACTIVE", "contact": {}, "extra": {"department": "Bio"}}
    current = values | {"extra": {"department": "Chem", "curator_note": "check", "name_truncated": True}}
    plain = reimported(values, frozenset({"extra.department", "extra.name_truncated"}), current)
    assert plain["extra"] == {"department": "Bio", "curator_note": "check"}
    from_biomap = reimported(values, frozenset({"extra.department", "extra.*"}), current)
    assert from_biomap["extra"] == {"department": "Bio"}
