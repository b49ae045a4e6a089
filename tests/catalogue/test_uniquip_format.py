"""uniquip CSV reader/writer: pure format tests (no database)."""

from __future__ import annotations

import csv
import io
import json
import random
import unicodedata
from dataclasses import asdict
from enum import Enum
from pathlib import Path

import pytest

from biomap.catalogue.taxonomy import CATEGORY_CODES
from biomap.catalogue.uniquip import (
    AGGREGATE_COLUMNS,
    BIOMAP_COLUMNS,
    EXPORT_COLUMNS,
    STANDARD_COLUMNS,
    EquipmentRecord,
    ParseResult,
    RowError,
    UniquipFormatError,
    guess_category,
    iter_uniquip,
    parse_uniquip,
    write_uniquip,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "uniquip"

BASIC_HEADER = "Type,Name,Description,Contact Name,Contact Telephone,Contact URL,Contact Email,ID,Site Location"


def csv_bytes(header: str, *rows: str, encoding: str = "utf-8", newline: str = "\r\n") -> bytes:
    return (newline.join((header, *rows)) + newline).encode(encoding)


def ok_row(name: str = "Centrifuge", rid: str = "", *, description: str = "", contact: str = "Desk") -> str:
    return f'equipment,{name},"{description}",{contact},+82 32 000 0000,,,{rid},Songdo'


def parse_one(header: str, row: str) -> EquipmentRecord:
    result = parse_uniquip(csv_bytes(header, row))
    assert result.errors == [], [str(e) for e in result.errors]
    assert len(result.records) == 1
    return result.records[0]


def error_of(header: str, *rows: str) -> RowError:
    result = parse_uniquip(csv_bytes(header, *rows))
    assert len(result.errors) == 1, result
    return result.errors[0]


# --------------------------------------------------------------------------------------------------
# Columns


def test_column_sets_follow_the_spec() -> None:
    assert len(STANDARD_COLUMNS) == 22
    assert STANDARD_COLUMNS[:3] == ("Type", "Name", "Description")
    assert STANDARD_COLUMNS[-1] == "Open License"
    assert AGGREGATE_COLUMNS[0] == "Institution Name"
    assert len(BIOMAP_COLUMNS) == 20 and all(c.startswith("X-BioMap ") for c in BIOMAP_COLUMNS)
    assert EXPORT_COLUMNS == STANDARD_COLUMNS + AGGREGATE_COLUMNS + BIOMAP_COLUMNS
    assert len(set(EXPORT_COLUMNS)) == len(EXPORT_COLUMNS)


# --------------------------------------------------------------------------------------------------
# Fixtures


def test_realworld_fixture_counts_and_error_lines() -> None:
    data = (FIXTURES / "realworld_cp1252.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")

    result = parse_uniquip(data)

    assert isinstance(result, ParseResult)
    assert result.encoding == "utf-8+cp1252"
    assert result.total_rows == 23  # 24 data records, one of them entirely empty
    assert result.skipped_facilities == 2
    assert len(result.records) == 18
    assert [(e.line, e.source_id) for e in result.errors] == [(13, "EQ-008"), (15, "EQ-003"), (22, "EQ-015")]
    assert [str(e) for e in result.errors] == [
        "line 13: missing Contact Name; no contact channel (telephone, URL or e-mail)",
        "line 15: duplicate ID 'EQ-003' (first on line 5)",
        "line 22: Type must be 'facility' or 'equipment', not 'instrument'; missing Site Location",
    ]


def test_realworld_fixture_decodes_cp1252_bytes() -> None:
    records = {r.source_id: r for r in parse_uniquip((FIXTURES / "realworld_cp1252.csv").read_bytes()).records}
    assert records["EQ-001"].contact["name"] == "Dr José Muñoz"
    assert records["EQ-003"].name_en == "Flow cytometer – BD FACSAria III"
    assert records["EQ-007"].description_en == "Quaternary pump, DAD, 50 µl loop"
    assert records["EQ-009"].description_en == "Sartorius Biostat B, 2 × 5 L vessels"


def test_realworld_fixture_flags_the_two_truncated_names() -> None:
    result = parse_uniquip((FIXTURES / "realworld_cp1252.csv").read_bytes())
    truncated = [(r.source_id, r.name_en) for r in result.records if r.extra.get("name_truncated")]
    assert truncated == [("EQ-001", "Q TRAP MASS SPECTROM"), ("EQ-002", "ORBITRAP FUSION LUMO")]


def test_realworld_fixture_multiline_record_line_numbers() -> None:
    records = parse_uniquip((FIXTURES / "realworld_cp1252.csv").read_bytes()).records
    by_id = {r.source_id: r for r in records}
    assert by_id["EQ-006"].line == 9
    assert by_id["EQ-006"].description_en == (
        "Bruker Avance III HD 600\ncryoprobe, 5 mm TCI\nbooking via the NMR office"
    )
    assert by_id["EQ-007"].line == 12  # the quoted description above spans lines 9–11
    assert records[-1].line == 27 and records[-1].source_id is None


def test_realworld_fixture_maps_optional_columns() -> None:
    records = {r.source_id: r for r in parse_uniquip((FIXTURES / "realworld_cp1252.csv").read_bytes()).records}
    qtrap = records["EQ-001"]
    # the file has no Secondary Contact columns and an unknown "Internal Notes" column
    assert qtrap.contact == {
        "name": "Dr José Muñoz",
        "telephone": "+44 23 8059 5000",
        "email": "ms-facility@example.ac.uk",
    }
    assert qtrap.extra == {
        "technique": "Mass spectrometry",
        "location": "https://en.wikipedia.org/wiki/Southampton",
        "department": "Chemistry",
        "site_location": "Highfield Campus",
        "service_level": "Full service",
        "web_address": "https://example.ac.uk/ms",
        "open_license": "ogl",
        "related_facility_ids": ["F-MS"],
        "name_truncated": True,
    }
    assert qtrap.building == "Building 30"
    assert qtrap.institution_name is None
    assert (qtrap.status, qtrap.access_policy, qtrap.service_mode) == ("ACTIVE", "CLUSTER", "OPERATOR_ASSISTED")


def test_realworld_fixture_categories() -> None:
    records = parse_uniquip((FIXTURES / "realworld_cp1252.csv").read_bytes()).records
    assert {r.source_id: r.category for r in records} == {
        "EQ-001": "MASS_SPECTROMETER",
        "EQ-002": "LC_MS",  # description mentions nano-LC
        "EQ-003": "FLOW_CYTOMETER",
        "EQ-004": "CONFOCAL_MICROSCOPE",
        "EQ-005": "CENTRIFUGE",
        "EQ-006": "NMR",
        "EQ-007": "HPLC",
        "EQ-009": "BIOREACTOR",
        "EQ-010": "STERILIZER",
        "EQ-011": "FREEZER",
        "EQ-012": "FREEZE_DRYER",
        "EQ-013": "PCR",
        "EQ-014": "SEQUENCER",
        "EQ-016": "IMAGING_SYSTEM",
        "EQ-017": "SPECTROPHOTOMETER",
        "EQ-018": "BIOSAFETY_CABINET",
        "EQ-019": "WATER_PURIFICATION",
        None: "PARTICLE_ANALYZER",
    }


def test_clean_utf8_bom_fixture() -> None:
    data = (FIXTURES / "clean_utf8_bom.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")

    result = parse_uniquip(data)

    assert result.encoding == "utf-8-sig"
    assert (result.total_rows, result.skipped_facilities, len(result.records), result.errors) == (6, 1, 5, [])
    facs, centrifuge, reactor, lcms, confocal = result.records
    assert (facs.name_ko, facs.name_en, facs.description_ko) == ("유세포분석기 FACSCanto II", "", "세포 표면 마커 분석")
    assert (facs.manufacturer, facs.model, facs.year, facs.rate_academic_krw) == (
        "BD Biosciences",
        "FACSCanto II",
        2019,
        30000,
    )
    assert facs.institution_name == "인천대학교"
    assert facs.extra["site_location"] == "송도캠퍼스"
    assert facs.category == "FLOW_CYTOMETER"
    assert centrifuge.category == "CENTRIFUGE"
    assert reactor.category == "SINGLE_USE_BIOREACTOR"  # explicit X-BioMap Category beats the guess
    assert reactor.rate_academic_krw is None
    assert lcms.category == "LC_MS"
    assert (confocal.name_en, confocal.name_ko, confocal.description_ko) == (
        "Confocal microscope",
        "",
        "공초점 레이저 주사 현미경",
    )
    assert confocal.category == "CONFOCAL_MICROSCOPE"


# --------------------------------------------------------------------------------------------------
# 1. Encoding


def test_utf8_without_bom() -> None:
    result = parse_uniquip(csv_bytes(BASIC_HEADER, ok_row("원심분리기")))
    assert result.encoding == "utf-8"
    assert result.records[0].name_ko == "원심분리기"


def test_utf8_with_bom_still_finds_the_type_column() -> None:
    result = parse_uniquip(b"\xef\xbb\xbf" + csv_bytes(BASIC_HEADER, ok_row()))
    assert result.encoding == "utf-8-sig"
    assert [r.name_en for r in result.records] == ["Centrifuge"]


def test_cp1252_bytes_are_decoded_only_where_utf8_fails() -> None:
    # one line mixes valid UTF-8 Korean with a cp1252 en-dash (0x96) and é (0xE9)
    row = "equipment,원심분리기 ".encode() + b"\x96 Caf\xe9,,Desk,+82 32,,,A1,Songdo"
    result = parse_uniquip(BASIC_HEADER.encode() + b"\r\n" + row + b"\r\n")
    assert result.encoding == "utf-8+cp1252"
    assert result.records[0].name_ko == "원심분리기 – Café"


def test_bom_file_with_cp1252_bytes_reports_the_fallback() -> None:
    data = b"\xef\xbb\xbf" + BASIC_HEADER.encode() + b"\r\nequipment,Centrifuge \x96 5810R,,Desk,1,,,,Songdo\r\n"
    result = parse_uniquip(data)
    assert result.encoding == "utf-8+cp1252"
    assert result.records[0].name_en == "Centrifuge – 5810R"


def test_bytes_undefined_in_cp1252_do_not_raise() -> None:
    data = BASIC_HEADER.encode() + b"\r\nequipment,Centri\x81fuge\x9d,,Desk,1,,,,Songdo\r\n"
    result = parse_uniquip(data)
    assert result.encoding == "utf-8+cp1252"
    assert result.records[0].name_en == "Centrifuge"  # latin-1 C1 controls, then cleaned away


# --------------------------------------------------------------------------------------------------
# 2. Header matching


def test_header_is_case_and_whitespace_insensitive() -> None:
    header = " TYPE ,  name ,description,CONTACT  NAME,contact_email,Site location , id "
    record = parse_one(header, "equipment,Centrifuge,,Desk,desk@example.org,Songdo,C-1")
    assert record.name_en == "Centrifuge"
    assert record.source_id == "C-1"
    assert record.contact == {"name": "Desk", "email": "desk@example.org"}
    assert record.extra == {"site_location": "Songdo"}


def test_unknown_columns_ignored_and_optional_columns_may_be_missing() -> None:
    record = parse_one("Type,Name,Colour,Price (GBP)", "equipment,Centrifuge,blue,1000")
    assert record.name_en == "Centrifuge"
    assert record.contact == {} and record.extra == {}
    assert record.source_id is None


def test_uk_spellings_of_header_names() -> None:
    record = parse_one("Type,Name,Contact E-mail,Open Licence", "equipment,Centrifuge,a@b.org,CC0")
    assert record.contact == {"email": "a@b.org"}
    assert record.extra == {"open_license": "cc0"}


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_separated_files(delimiter: str) -> None:
    header = delimiter.join(["Type", "Name", "Contact Name", "Contact Email"])
    row = delimiter.join(["equipment", "Centrifuge, 4 °C", "Desk", "a@b.org"])
    record = parse_one(header, row)
    assert record.name_en == "Centrifuge, 4 °C"


def test_duplicate_header_column_first_wins() -> None:
    record = parse_one("Type,Name,Name", "equipment,First,Second")
    assert record.name_en == "First"


# --------------------------------------------------------------------------------------------------
# 3. Required values, with leniency for absent columns


def test_row_error_names_the_line_and_all_problems_valid_rows_kept() -> None:
    data = csv_bytes(
        BASIC_HEADER,
        ok_row("Centrifuge", "A"),
        "equipment,,,,,,,B,",
        ok_row("HPLC", "C"),
    )
    result = parse_uniquip(data)
    assert [r.source_id for r in result.records] == ["A", "C"]
    assert len(result.errors) == 1
    error = result.errors[0]
    assert (error.line, error.source_id) == (3, "B")
    assert str(error) == (
        "line 3: missing Name and Description; missing Contact Name; "
        "no contact channel (telephone, URL or e-mail); missing Site Location"
    )
    assert error.reason.startswith("missing Name and Description")


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("", "missing Type"),
        ("instrument", "Type must be 'facility' or 'equipment', not 'instrument'"),
    ],
)
def test_type_must_be_facility_or_equipment(kind: str, expected: str) -> None:
    error = error_of(BASIC_HEADER, f"{kind},Centrifuge,,Desk,1,,,,Songdo")
    assert error.reason == expected


@pytest.mark.parametrize("kind", ["equipment", "Equipment", "EQUIPMENT"])
def test_type_is_case_insensitive(kind: str) -> None:
    assert parse_one(BASIC_HEADER, f"{kind},Centrifuge,,Desk,1,,,,Songdo").name_en == "Centrifuge"


def test_description_alone_is_enough_and_becomes_the_name() -> None:
    description = "Refrigerated benchtop centrifuge for 50 ml tubes\nsecond line"
    record = parse_one("Type,Description", f'equipment,"{description}"')
    assert record.name_en == "Refrigerated benchtop centrifuge for 50 ml tubes"
    assert record.description_en == description
    assert record.extra == {"name_from_description": True}
    assert record.category == "CENTRIFUGE"


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("Type,Name,Contact Email,Site Location", "equipment,Centrifuge,a@b.org,Songdo"),  # no Contact Name column
        ("Type,Name,Contact Name,Contact Email", "equipment,Centrifuge,Desk,a@b.org"),  # no Site Location column
        ("Type,Name,Contact Name,Site Location", "equipment,Centrifuge,Desk,Songdo"),  # no channel column at all
    ],
    ids=["no-contact-name-column", "no-site-location-column", "no-channel-columns"],
)
def test_absent_required_columns_are_lenient(header: str, row: str) -> None:
    assert parse_one(header, row).name_en == "Centrifuge"


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        ("Type,Name,Contact Name,Contact Email", "equipment,Centrifuge,,a@b.org", "missing Contact Name"),
        ("Type,Name,Site Location,Contact Email", "equipment,Centrifuge,,a@b.org", "missing Site Location"),
        ("Type,Name,Contact Email", "equipment,Centrifuge,", "no contact channel (telephone, URL or e-mail)"),
    ],
    ids=["empty-contact-name", "empty-site-location", "empty-channel"],
)
def test_present_but_empty_required_values_are_errors(header: str, row: str, expected: str) -> None:
    assert error_of(header, row).reason == expected


@pytest.mark.parametrize("channel", ["Contact Telephone", "Contact URL", "Contact Email"])
def test_any_one_contact_channel_suffices(channel: str) -> None:
    header = "Type,Name,Contact Telephone,Contact URL,Contact Email"
    cells = {"Contact Telephone": "", "Contact URL": "", "Contact Email": ""} | {channel: "x"}
    assert parse_one(header, "equipment,Centrifuge," + ",".join(cells.values())).name_en == "Centrifuge"


def test_secondary_contact_does_not_count_as_a_channel() -> None:
    header = "Type,Name,Contact Email,Secondary Contact Email"
    assert error_of(header, "equipment,Centrifuge,,b@c.org").reason == "no contact channel (telephone, URL or e-mail)"


# --------------------------------------------------------------------------------------------------
# 4. Facilities


def test_facility_rows_are_counted_not_errors() -> None:
    data = csv_bytes(
        BASIC_HEADER,
        "facility,Imaging suite,,Desk,1,,,F1,Songdo",
        "FACILITY,,,,,,,,",  # facilities are not validated
        ok_row("Confocal microscope", "F1"),  # a facility's ID does not count as a duplicate
    )
    result = parse_uniquip(data)
    assert result.skipped_facilities == 2
    assert result.errors == []
    assert [r.source_id for r in result.records] == ["F1"]
    assert result.total_rows == 3


# --------------------------------------------------------------------------------------------------
# 5. Duplicate IDs


def test_duplicate_id_first_occurrence_wins() -> None:
    data = csv_bytes(
        BASIC_HEADER, ok_row("Centrifuge", "X"), ok_row("HPLC", "Y"), ok_row("NMR", "X"), ok_row("PCR", "X")
    )
    result = parse_uniquip(data)
    assert [(r.source_id, r.name_en) for r in result.records] == [("X", "Centrifuge"), ("Y", "HPLC")]
    assert [str(e) for e in result.errors] == [
        "line 4: duplicate ID 'X' (first on line 2)",
        "line 5: duplicate ID 'X' (first on line 2)",
    ]
    assert [e.source_id for e in result.errors] == ["X", "X"]


def test_an_invalid_first_row_still_claims_its_id() -> None:
    data = csv_bytes(BASIC_HEADER, ok_row("Centrifuge", "X", contact=""), ok_row("Centrifuge", "X"))
    assert [str(e) for e in parse_uniquip(data).errors] == [
        "line 2: missing Contact Name",
        "line 3: duplicate ID 'X' (first on line 2)",
    ]


def test_rows_without_id_are_never_duplicates() -> None:
    result = parse_uniquip(csv_bytes(BASIC_HEADER, ok_row(), ok_row()))
    assert len(result.records) == 2 and result.errors == []


# --------------------------------------------------------------------------------------------------
# 6. Truncated upper-case names


@pytest.mark.parametrize(
    ("name", "truncated"),
    [
        ("Q TRAP MASS SPECTROM", True),
        ("CONFOCAL MICROSCOPE ", False),  # stripped to 19 characters
        ("Q TRAP MASS SPECTRO", False),  # 19
        ("Q TRAP MASS SPECTROME", False),  # 21
        ("Q trap mass spectrom", False),  # not upper case
        ("12345678901234567890", False),  # no letters
        ("원심분리기 원심분리기 원심분리기 원심분리", False),  # not ASCII
    ],
)
def test_truncated_upper_case_names_are_flagged_not_changed(name: str, truncated: bool) -> None:
    record = parse_one(BASIC_HEADER, ok_row(name))
    assert (record.name_en or record.name_ko) == name.strip()
    assert record.extra.get("name_truncated", False) is truncated


# --------------------------------------------------------------------------------------------------
# 7. Korean and English


def test_hangul_goes_to_ko_fields_other_text_to_en() -> None:
    record = parse_one(BASIC_HEADER, ok_row("원심분리기 5810R", description="Refrigerated, 4 °C"))
    assert (record.name_ko, record.name_en) == ("원심분리기 5810R", "")
    assert (record.description_ko, record.description_en) == ("", "Refrigerated, 4 °C")
    record = parse_one(BASIC_HEADER, ok_row("Centrifuge 5810R", description="냉각 원심분리기"))
    assert (record.name_ko, record.name_en) == ("", "Centrifuge 5810R")
    assert (record.description_ko, record.description_en) == ("냉각 원심분리기", "")


def test_decomposed_hangul_is_read_composed() -> None:
    # A file written on macOS may hold Hangul as jamo (NFD): stored composed, it is found and highlighted.
    record = parse_one(BASIC_HEADER, ok_row(unicodedata.normalize("NFD", "원심분리기 5810R"),
                                            description=unicodedata.normalize("NFD", "냉각 원심분리기")))
    assert (record.name_ko, record.description_ko) == ("원심분리기 5810R", "냉각 원심분리기")


def test_biomap_ko_columns_fill_the_korean_fields_explicitly() -> None:
    header = "Type,Name,Description,X-BioMap Name KO,X-BioMap Description KO"
    record = parse_one(header, "equipment,Centrifuge,Refrigerated,원심분리기,냉각형")
    assert (record.name_ko, record.name_en) == ("원심분리기", "Centrifuge")
    assert (record.description_ko, record.description_en) == ("냉각형", "Refrigerated")
    # Name repeating the Korean name is the writer's fallback when there is no English name
    record = parse_one(header, "equipment,원심분리기,,원심분리기,")
    assert (record.name_ko, record.name_en) == ("원심분리기", "")
    # an explicit KO value with a Latin-script Korean name (a model name) keeps both
    record = parse_one(header, "equipment,HPLC,,HPLC,")
    assert (record.name_ko, record.name_en) == ("HPLC", "HPLC")


# --------------------------------------------------------------------------------------------------
# 8. Cleaning and blank rows


def test_values_are_stripped_and_control_characters_removed() -> None:
    row = 'equipment,"  Centri\x07fuge\u200b  ","  line one  \r\n\tline two \x0b ",  Desk\x1b ,1,,,  ID-1  ,Songdo'
    record = parse_one(BASIC_HEADER, row)
    assert record.name_en == "Centrifuge"
    assert record.description_en == "line one\n line two"
    assert record.contact["name"] == "Desk"
    assert record.source_id == "ID-1"


def test_line_breaks_in_a_name_are_folded() -> None:
    record = parse_one(BASIC_HEADER, 'equipment,"Centrifuge\r\n  5810R",,Desk,1,,,,Songdo')
    assert record.name_en == "Centrifuge 5810R"


def test_entirely_empty_rows_are_ignored_silently() -> None:
    data = csv_bytes(BASIC_HEADER, ",,,,,,,,", "", ok_row("Centrifuge"), ' , ,"",,,,,, ', ok_row("HPLC"))
    result = parse_uniquip(data)
    assert result.errors == []
    assert [(r.line, r.name_en) for r in result.records] == [(4, "Centrifuge"), (6, "HPLC")]
    assert result.total_rows == 2


def test_line_numbers_account_for_multiline_fields_and_bare_cr() -> None:
    data = csv_bytes(BASIC_HEADER, 'equipment,NMR,"a\nb\nc",Desk,1,,,,Songdo', "equipment,,,,,,,X,", newline="\n")
    assert [(e.line, e.source_id) for e in parse_uniquip(data).errors] == [(5, "X")]
    data = csv_bytes(BASIC_HEADER, ok_row("A"), "equipment,,,,,,,Y,", newline="\r")  # classic Mac OS
    assert [e.line for e in parse_uniquip(data).errors] == [3]


def test_malformed_csv_is_a_row_error_and_reading_goes_on_after_it() -> None:
    huge = "x" * 200_000  # beyond csv.field_size_limit()
    result = parse_uniquip(csv_bytes(BASIC_HEADER, ok_row("A"), f'equipment,"{huge}",,Desk,1,,,,Songdo', ok_row("B")))
    assert [r.name_en for r in result.records] == ["A", "B"]
    assert len(result.errors) == 1 and result.errors[0].line == 3
    assert result.errors[0].reason.startswith("malformed CSV")


# --------------------------------------------------------------------------------------------------
# 9. X-BioMap columns


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("X-BioMap Status", "BROKEN", "X-BioMap Status must be one of ACTIVE, MAINTENANCE, RETIRED, not 'BROKEN'"),
        ("X-BioMap Access Policy", "everyone", "X-BioMap Access Policy must be one of INTERNAL, CLUSTER, PUBLIC"),
        ("X-BioMap Service Mode", "robot", "X-BioMap Service Mode must be one of"),
        ("X-BioMap Year", "1949", "X-BioMap Year must be a whole number between 1950 and 2100, not '1949'"),
        ("X-BioMap Year", "2101", "X-BioMap Year must be"),
        ("X-BioMap Year", "2019.5", "X-BioMap Year must be"),
        ("X-BioMap Year", "last year", "X-BioMap Year must be"),
        ("X-BioMap Rate Internal KRW", "-5000",
         "X-BioMap Rate Internal KRW must be a whole number of won from 0 to 100,000,000, not '-5000'"),
        ("X-BioMap Rate Academic KRW", "12.5", "X-BioMap Rate Academic KRW must be"),
        ("X-BioMap Rate Industry KRW", "99999999999", "X-BioMap Rate Industry KRW must be"),
        ("X-BioMap Specifications", "{speed: 1}", "X-BioMap Specifications is not valid JSON"),
        ("X-BioMap Specifications", "[1, 2]", "X-BioMap Specifications must be a JSON object"),
        ("X-BioMap Training Required", "maybe", "X-BioMap Training Required must be true or false"),
        ("X-BioMap Category", "GADGET", "X-BioMap Category 'GADGET' is not a category code"),
    ],
)
def test_invalid_biomap_values_are_row_errors_naming_the_column(column: str, value: str, message: str) -> None:
    header = f"Type,Name,Contact Name,Contact Email,{column}"
    cell = '"' + value.replace('"', '""') + '"'
    error = error_of(header, f"equipment,Centrifuge,Desk,a@b.org,{cell}")
    assert error.reason.startswith(message), error.reason


def test_biomap_problems_are_reported_with_the_spec_problems() -> None:
    header = "Type,Name,Contact Name,Contact Email,X-BioMap Year,X-BioMap Status"
    error = error_of(header, "equipment,Centrifuge,,a@b.org,19,gone")
    assert error.reason == (
        "missing Contact Name; X-BioMap Year must be a whole number between 1950 and 2100, not '19'; "
        "X-BioMap Status must be one of ACTIVE, MAINTENANCE, RETIRED, not 'gone'"
    )


def test_valid_biomap_values_are_normalised() -> None:
    header = (
        "Type,Name,X-BioMap Status,X-BioMap Access Policy,X-BioMap Service Mode,X-BioMap Training Required,"
        "X-BioMap Rate Internal KRW,X-BioMap Year,X-BioMap Category,X-BioMap Specifications"
    )
    row = 'equipment,Centrifuge,maintenance,public,self-service,Yes,"1,500,000",2019,lc-ms,"{""rpm"": 14000}"'
    record = parse_one(header, row)
    assert (record.status, record.access_policy, record.service_mode) == ("MAINTENANCE", "PUBLIC", "SELF_SERVICE")
    assert record.training_required is True
    assert (record.rate_internal_krw, record.year) == (1_500_000, 2019)
    assert record.category == "LC_MS"  # explicit code wins over the guess (centrifuge)
    assert record.specifications == {"rpm": 14000}


# --------------------------------------------------------------------------------------------------
# 10. Writing and the round trip


def sample_records() -> list[EquipmentRecord]:
    contact_full = {
        "name": "김연구 (Dr Kim)",
        "telephone": "+82 32-835-0000",
        "url": "https://core.example.ac.kr",
        "email": "core@example.ac.kr",
        "secondary_name": "Lee, Operator",
        "secondary_telephone": "032-835-0001",
        "secondary_url": "https://core.example.ac.kr/lee",
        "secondary_email": "lee@example.ac.kr",
    }
    return [
        EquipmentRecord(  # Korean only
            line=0,
            source_id="INU-001",
            institution_name="인천대학교",
            name_ko="원심분리기",
            description_ko="고속 냉각 원심분리기\n최대 14,000 rpm",
            category="CENTRIFUGE",
            contact={"name": "김연구", "telephone": "032-835-0000"},
            extra={"site_location": "송도캠퍼스"},
        ),
        EquipmentRecord(  # English only, every optional field
            line=0,
            source_id="EQ-7",
            institution_name="Songdo Bio Centre",
            name_en='Mass spec "Q-TOF", 6545',
            description_en="Agilent 6545 Q-TOF, coupled to UHPLC",
            category="LC_MS",
            manufacturer="Agilent",
            model="6545",
            year=2019,
            building="B1",
            room="101호",
            photo_url="https://example.org/qtof.jpg",
            status="MAINTENANCE",
            access_policy="PUBLIC",
            service_mode="ANALYSIS_REQUEST",
            training_required=True,
            rate_internal_krw=0,
            rate_academic_krw=50_000,
            rate_industry_krw=150_000,
            nfec_registration="NFEC-2019-01-123456",
            rrid="RRID:SCR_012345",
            specifications={"mass_range": [50, 3200], "resolution": 45000, "검출기": "TOF", "nested": {"a": None}},
            contact=contact_full,
            extra={
                "technique": "Mass spectrometry",
                "location": "https://en.wikipedia.org/wiki/Incheon",
                "department": "Analytical core",
                "site_location": "Songdo",
                "service_level": "Full service",
                "web_address": "https://example.org/qtof",
                "open_license": "cc0",
                "related_facility_ids": ["F1", "F2"],
                "datestamp": "2024-03-01",
                "approximate_coordinates": "37.38,126.65",
            },
        ),
        EquipmentRecord(  # Korean and English, no contact at all (writer fallbacks must vanish again)
            line=0,
            source_id=None,
            institution_name="Songdo Bio Centre",
            name_ko="유세포분석기",
            name_en="Flow cytometer",
            description_ko="세포 분석",
            description_en="Cell analysis",
            category="FLOW_CYTOMETER",
        ),
        EquipmentRecord(  # truncated name, Latin-script Korean name identical to the English one
            line=0,
            source_id="Q1",
            institution_name="Songdo Bio Centre",
            name_ko="HPLC",
            name_en="Q TRAP MASS SPECTROM",
            category="MASS_SPECTROMETER",
            contact={"email": "ms@example.org"},
            extra={"name_truncated": True},
        ),
        EquipmentRecord(  # name derived from a Korean description
            line=0,
            source_id="D1",
            institution_name="Songdo Bio Centre",
            name_ko="동결건조기 (파일럿 규모)",
            description_ko="동결건조기 (파일럿 규모)\n선반 면적 1 m²",
            category="FREEZE_DRYER",
            contact={"url": "https://example.org"},
            extra={"name_from_description": True},
        ),
    ]


def comparable(record: EquipmentRecord) -> dict[str, object]:
    fields = asdict(record)
    del fields["line"], fields["given"]
    return fields


def test_round_trip_gives_back_every_mapped_field() -> None:
    records = sample_records()
    rows = [asdict(r) | {"institution_url": "https://inst.example.org"} for r in records]
    buffer = io.StringIO(newline="")
    assert write_uniquip(rows, buffer) == len(records)

    result = parse_uniquip(buffer.getvalue().encode("utf-8"))

    assert result.errors == [] and result.encoding == "utf-8"
    assert [comparable(r) for r in result.records] == [comparable(r) for r in records]
    # the two-line Korean description is written twice (Description and X-BioMap Description KO)
    assert [r.line for r in result.records] == [2, 5, 6, 7, 8]


def test_export_is_spec_valid_with_fallbacks_for_required_values() -> None:
    rows = [
        {
            "id": 12,
            "name_ko": "원심분리기",
            "category": "CENTRIFUGE",
            "institution_name": "인천대학교",
            "institution_url": "https://www.inu.ac.kr",
            "contact": "{}",
            "extra": None,
            "specifications": "{}",
        }
    ]
    buffer = io.StringIO(newline="")
    write_uniquip(rows, buffer)
    text = buffer.getvalue()
    assert not text.startswith("\ufeff")
    assert text.endswith("\r\n")
    header, row = list(csv.reader(io.StringIO(text)))
    assert tuple(header) == EXPORT_COLUMNS
    cells = dict(zip(header, row, strict=True))
    assert cells["Type"] == "equipment"
    assert cells["Name"] == "원심분리기" and cells["X-BioMap Name KO"] == "원심분리기"
    assert cells["ID"] == "biomap-12"
    assert cells["Contact Name"] == "인천대학교 equipment desk"
    assert cells["Contact URL"] == "https://www.inu.ac.kr"
    assert cells["Site Location"] == "인천대학교"
    assert cells["X-BioMap Training Required"] == "false"
    # a file other readers accept; reading it back drops exactly those fallbacks
    record = parse_uniquip(text.encode()).records[0]
    assert (record.source_id, record.contact, record.extra) == ("biomap-12", {}, {})


def test_writer_accepts_database_shaped_values() -> None:
    class Status(Enum):
        RETIRED = "RETIRED"

    rows = [
        {
            "id": 3,
            "source_id": "S-3",
            "name_en": "Autoclave",
            "category": "STERILIZER",
            "status": Status.RETIRED,
            "institution_name": "Inha",
            "contact": json.dumps({"name": "Park", "email": "p@inha.ac.kr"}),
            "extra": json.dumps({"related_facility_ids": ["F9"], "department": "Bio"}),
            "specifications": json.dumps({"volume_l": 100}),
            "year": 2015,
            "rate_industry_krw": 20000,
            "training_required": None,
        }
    ]
    buffer = io.StringIO(newline="")
    write_uniquip(rows, buffer)
    record = parse_uniquip(buffer.getvalue().encode()).records[0]
    assert (record.source_id, record.status, record.year, record.rate_industry_krw) == ("S-3", "RETIRED", 2015, 20000)
    assert record.contact == {"name": "Park", "email": "p@inha.ac.kr"}
    assert record.extra == {"related_facility_ids": ["F9"], "department": "Bio"}  # Site Location fallback dropped
    assert record.specifications == {"volume_l": 100}


def test_writer_with_no_rows_writes_only_the_header() -> None:
    buffer = io.StringIO(newline="")
    assert write_uniquip([], buffer) == 0
    assert buffer.getvalue() == ",".join(EXPORT_COLUMNS) + "\r\n"


# --------------------------------------------------------------------------------------------------
# 11. Not a uniquip CSV at all

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (PNG_1PX, "binary data"),
        (random.Random(7).randbytes(4096), "binary data"),
        (b"", "empty"),
        (b"\xef\xbb\xbf  \r\n\r\n", "empty"),
        (b'[{"Type": "equipment", "Name": "Centrifuge"}]', "JSON"),
        (b'\n  {"equipment": []}', "JSON"),
        (b"Name,Description\nCentrifuge,x\n", "the first line has no 'Type' and 'Name' columns"),
        (b"Type,Contact Name\nequipment,Desk\n", "the first line has no 'Type' and 'Name' columns"),
        ("Type,Name\nequipment,x\n".encode("utf-16"), "UTF-16"),
    ],
    ids=[
        "png",
        "random-blob",
        "empty",
        "bom-and-blank-lines",
        "json-array",
        "json-object",
        "no-type",
        "no-name",
        "utf-16",
    ],
)
def test_non_uniquip_data_raises_format_error(data: bytes, message: str) -> None:
    with pytest.raises(UniquipFormatError) as raised:
        parse_uniquip(data)
    assert str(raised.value).startswith("not a uniquip CSV: ")
    assert message in str(raised.value)


def test_iter_uniquip_raises_at_call_time_and_streams_in_file_order() -> None:
    with pytest.raises(UniquipFormatError):
        iter_uniquip(b"\x89PNG\r\n\x1a\n\x00\x00")
    items = list(iter_uniquip(csv_bytes(BASIC_HEADER, ok_row("A", "1"), "equipment,,,,,,,2,", ok_row("B", "3"))))
    assert [type(i).__name__ for i in items] == ["EquipmentRecord", "RowError", "EquipmentRecord"]
    assert [i.line for i in items] == [2, 3, 4]


# --------------------------------------------------------------------------------------------------
# Category guessing


@pytest.mark.parametrize(
    ("texts", "code"),
    [
        (("flow cytometer",), "FLOW_CYTOMETER"),
        (("BD FACSCanto II",), "FLOW_CYTOMETER"),
        (("유세포분석기",), "FLOW_CYTOMETER"),
        (("Q TRAP MASS SPECTROM",), "MASS_SPECTROMETER"),
        (("mass spec",), "MASS_SPECTROMETER"),
        (("MALDI-TOF",), "MASS_SPECTROMETER"),
        (("질량분석기",), "MASS_SPECTROMETER"),
        (("Q-TOF mass spectrometer", "coupled to an Agilent 1290 UHPLC"), "LC_MS"),
        (("LC-MS/MS",), "LC_MS"),
        (("액체크로마토그래피 질량분석기",), "LC_MS"),
        (("GC-MS",), "GAS_CHROMATOGRAPH"),
        (("ICP-MS",), "ELEMENTAL_ANALYZER"),
        (("Ultracentrifuge",), "CENTRIFUGE"),
        (("Beckman Optima XPN-80 ultracentrifuge",), "CENTRIFUGE"),
        (("원심분리기",), "CENTRIFUGE"),
        (("Bioreactor 5L",), "BIOREACTOR"),
        (("Fermenter",), "BIOREACTOR"),
        (("생물반응기",), "BIOREACTOR"),
        (("배양기",), "BIOREACTOR"),
        (("CO2 배양기",), "CELL_CULTURE"),
        (("single-use bioreactor",), "SINGLE_USE_BIOREACTOR"),
        (("Confocal microscope",), "CONFOCAL_MICROSCOPE"),
        (("Zeiss LSM 980",), "CONFOCAL_MICROSCOPE"),
        (("공초점 현미경",), "CONFOCAL_MICROSCOPE"),
        (("Fluorescence microscope",), "LIGHT_MICROSCOPE"),
        (("FE-SEM",), "ELECTRON_MICROSCOPE"),
        (("Cryo-EM",), "ELECTRON_MICROSCOPE"),
        (("Imaging system",), "IMAGING_SYSTEM"),  # "system" does not contain the acronym TEM
        (("NMR 600 MHz",), "NMR"),
        (("HPLC",), "HPLC"),
        (("ÄKTA pure",), "CHROMATOGRAPHY_SYSTEM"),
        (("Real-time qPCR",), "PCR"),
        (("NovaSeq 6000",), "SEQUENCER"),
        (("DNA sequencer",), "SEQUENCER"),
        (("Freeze dryer",), "FREEZE_DRYER"),
        (("Lyophilizer",), "FREEZE_DRYER"),
        (("Autoclave",), "STERILIZER"),
        (("-80 freezer",), "FREEZER"),
        (("초저온 냉동고",), "FREEZER"),
        (("Particle counter",), "ENVIRONMENTAL_MONITOR"),
        (("Particle size analyser (DLS)",), "PARTICLE_ANALYZER"),
        (("Biacore T200 SPR",), "BIOMOLECULAR_INTERACTION"),
        (("Microplate reader",), "MICROPLATE_READER"),
        (("UV-Vis spectrophotometer",), "SPECTROPHOTOMETER"),
        (("Clean bench",), "BIOSAFETY_CABINET"),
        (("Tangential flow filtration",), "FILTRATION_SYSTEM"),
        (("Endotoxin tester",), "ENDOTOXIN_TESTER"),
        (("Milli-Q water system",), "WATER_PURIFICATION"),
        (("Widget", "", "nothing known"), "OTHER"),
        ((), "OTHER"),
    ],
)
def test_guess_category(texts: tuple[str, ...], code: str) -> None:
    assert guess_category(*texts) == code
    assert code in CATEGORY_CODES


def test_guess_category_earlier_texts_win() -> None:
    assert guess_category("Centrifuge", "used before flow cytometry") == "CENTRIFUGE"
    assert guess_category("", "Flow cytometer") == "FLOW_CYTOMETER"


# --------------------------------------------------------------------------------------------------
# 12. Unterminated quotes

QUOTE_HEADER = "Type,Name,Description,Contact Name,Contact Email,ID,Site Location"


def quote_row(n: int, description: str = "desc") -> str:
    return f"equipment,Item {n},{description},Kim,k{n}@example.ac.kr,Q-{n},Songdo"


def test_an_unterminated_quote_rejects_its_row_and_the_rows_after_it_are_read() -> None:
    broken = 'equipment,Broken D,"unterminated quote,Kim,b@example.ac.kr,Q-3,Songdo'
    data = csv_bytes(QUOTE_HEADER, quote_row(2), broken, quote_row(4), quote_row(5, '"desc, quoted"'), quote_row(6))
    result = parse_uniquip(data)
    assert [(r.line, r.source_id, r.name_en) for r in result.records] == [
        (2, "Q-2", "Item 2"), (4, "Q-4", "Item 4"), (5, "Q-5", "Item 5"), (6, "Q-6", "Item 6")]
    assert result.records[2].description_en == "desc, quoted"  # not shifted
    assert [(e.line, e.source_id) for e in result.errors] == [(3, None)]
    assert "unterminated quoted field: the quote opened on line 3" in result.errors[0].reason
    assert result.total_rows == 5


def test_an_unterminated_quote_on_the_last_line_is_an_error() -> None:
    result = parse_uniquip(csv_bytes(QUOTE_HEADER, quote_row(2), 'equipment,Last,"no end,Kim,l@example.ac.kr,L,Songdo'))
    assert [r.name_en for r in result.records] == ["Item 2"]
    assert [e.line for e in result.errors] == [3] and "unterminated" in result.errors[0].reason


def test_the_error_names_the_line_where_the_quote_opens_inside_a_multiline_row() -> None:
    row = 'equipment,Multi,"line one\nline two",Kim,"m@example.ac.kr,M,Songdo'
    result = parse_uniquip(csv_bytes(QUOTE_HEADER, row, quote_row(5), newline="\n"))
    assert [(e.line, "quote opened on line 3" in e.reason) for e in result.errors] == [(2, True)]
    assert [r.line for r in result.records] == [4]


def test_sound_quoting_across_lines_and_stray_quotes_inside_a_line_are_still_read() -> None:
    multiline = 'equipment,Multi,"line one\nline ""two""",Kim,m@example.ac.kr,M,Songdo'
    stray = 'equipment,Stray,"5" tall,Kim,s@example.ac.kr,S,Songdo'  # the csv module's lenient reading
    result = parse_uniquip(csv_bytes(QUOTE_HEADER, multiline, stray, quote_row(5), newline="\n"))
    assert result.errors == []
    assert [(r.line, r.description_en) for r in result.records] == [
        (2, 'line one\nline "two"'), (4, "5 tall"), (5, "desc")]


# --------------------------------------------------------------------------------------------------
# 13. Korean CP949 / EUC-KR files

KOREAN_ROWS = ("Type,Name,Description,Contact Name,Contact Email",
               "equipment,원심분리기,고속 냉각 원심분리기,김연구,kim@example.ac.kr",
               "equipment,질량분석기 LC-MS,펩타이드 분석,이분석,lee@example.ac.kr")


@pytest.mark.parametrize("encoding", ["cp949", "euc-kr"])
def test_korean_excel_files_are_decoded_as_cp949(encoding: str) -> None:
    data = csv_bytes(*KOREAN_ROWS, encoding=encoding)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result = parse_uniquip(data)
    assert result.encoding == "cp949" and result.errors == []
    assert [(r.name_ko, r.description_ko, r.contact["name"]) for r in result.records] == [
        ("원심분리기", "고속 냉각 원심분리기", "김연구"), ("질량분석기 LC-MS", "펩타이드 분석", "이분석")]


def test_cp949_only_when_the_whole_file_is_cp949_with_hangul() -> None:
    utf8_korean_with_a_cp1252_dash = csv_bytes(*KOREAN_ROWS) + "equipment,Café – x,,Kim,k@x.kr\r\n".encode("cp1252")
    result = parse_uniquip(utf8_korean_with_a_cp1252_dash)
    assert result.encoding == "utf-8+cp1252"
    assert [r.name_ko or r.name_en for r in result.records] == ["원심분리기", "질량분석기 LC-MS", "Café – x"]
    # valid CP949, but no Hangul: still cp1252 ("ëé" is a Hanja character in CP949)
    no_hangul = parse_uniquip(csv_bytes(BASIC_HEADER, ok_row("Noëé Centrifuge"), encoding="cp1252"))
    assert (no_hangul.encoding, no_hangul.records[0].name_en) == ("utf-8+cp1252", "Noëé Centrifuge")


# --------------------------------------------------------------------------------------------------
# 14. CSV injection


def export_cells(**values: object) -> dict[str, str]:
    buffer = io.StringIO(newline="")
    write_uniquip([{"id": 1, "category": "OTHER", "institution_name": "INU", **values}], buffer)
    header, row = list(csv.reader(io.StringIO(buffer.getvalue())))
    return dict(zip(header, row, strict=True))


@pytest.mark.parametrize("value", [
    '=HYPERLINK("http://evil.example","click")', "+82 32 835 0000", "-80 freezer", "@SUM(A1)",
    "'=already quoted", "''+two apostrophes",
])
def test_formula_cells_are_neutralised_on_export_and_restored_on_import(value: str) -> None:
    cells = export_cells(name_en=value, contact={"telephone": value})
    assert cells["Name"] == cells["X-BioMap Name EN"] == cells["Contact Telephone"] == "'" + value
    record = parse_uniquip(csv_bytes(",".join(cells), ",".join(csv_quote(v) for v in cells.values()))).records[0]
    assert (record.name_en, record.contact["telephone"]) == (value, value)


def test_ordinary_cells_and_apostrophes_are_left_alone() -> None:
    cells = export_cells(name_en="O'Neill's centrifuge", name_ko="'원심분리기'", rate_industry_krw=5000)
    assert (cells["Name"], cells["X-BioMap Name KO"], cells["X-BioMap Rate Industry KRW"]) == (
        "O'Neill's centrifuge", "'원심분리기'", "5000")


def csv_quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


# --------------------------------------------------------------------------------------------------
# 15. The catalogue's own rules


@pytest.mark.parametrize(("column", "value", "reason"), [
    ("Photo", "javascript:alert(1)", "Photo: give an http(s):// address of the photo"),
    ("X-BioMap RRID", "not-an-rrid", "X-BioMap RRID: an RRID looks like RRID:SCR_012345"),
    ("X-BioMap Rate Industry KRW", "2000000000", "X-BioMap Rate Industry KRW must be a whole number of won from 0 to "
                                                 "100,000,000, not '2000000000'"),
    ("X-BioMap NFEC", "N" * 100, "X-BioMap NFEC: String should have at most 40 characters"),
    ("X-BioMap Room", "R" * 150, "X-BioMap Room: String should have at most 100 characters"),
    ("Name", "N" * 599, "Name: String should have at most 300 characters"),
    ("Description", "D" * 10_001, "Description: String should have at most 10000 characters"),
])
def test_values_the_api_refuses_are_row_errors(column: str, value: str, reason: str) -> None:
    header, cells = "Type,Name,Contact Name,Contact Email", f"equipment,{value},Desk,a@b.org"
    if column != "Name":
        header, cells = f"{header},{column}", f"equipment,Centrifuge,Desk,a@b.org,{value}"
    result = parse_uniquip(csv_bytes(header, cells, ok_row_for(header)))
    assert len(result.errors) == 1 and result.errors[0].reason.startswith(reason), result.errors
    assert [r.name_en for r in result.records] == ["Fine"]  # the other rows are kept


def ok_row_for(header: str) -> str:
    values = {"Type": "equipment", "Name": "Fine", "Contact Name": "Desk", "Contact Email": "a@b.org"}
    return ",".join(values.get(column, "") for column in header.split(","))


def test_values_the_api_accepts_pass() -> None:
    header = "Type,Name,Contact Name,Contact Email,Photo,X-BioMap RRID,X-BioMap Rate Industry KRW,X-BioMap NFEC"
    record = parse_one(header, f"equipment,{'N' * 300},Desk,a@b.org,https://x.org/a.jpg,RRID:SCR_012345,"
                               f"100000000,{'N' * 40}")
    assert (record.photo_url, record.rrid, record.rate_industry_krw) == ("https://x.org/a.jpg", "RRID:SCR_012345",
                                                                         100_000_000)


# --------------------------------------------------------------------------------------------------
# 16. The export's Korean/English split and exact values


@pytest.mark.parametrize("fields", [
    {"name_ko": "Agilent 1260 HPLC"},  # a Latin-script Korean name only
    {"name_en": "질량분석기 LC-MS"},  # an English name with Hangul
    {"name_ko": "원심분리기", "name_en": "원심분리기"},  # the same text in both
    {"name_en": "HPLC", "description_en": "한국어 설명 in the English field"},
    {"name_en": "Mass\tspec", "description_ko": "탭\t구분\n두 줄", "manufacturer": "Agilent\tTech"},
    {"name_en": "Q TRAP MASS SPECTROM"},  # 20 upper-case characters, not flagged as cut in Bio Map
    {"name_en": "Q TRAP MASS SPECTROM", "extra": {"name_truncated": True, "curator_note": "check"}},
    {"name_en": "Freezer", "extra": {"name_from_description": True}},
])
def test_an_export_gives_the_same_texts_back(fields: dict[str, object]) -> None:
    row = {"id": 5, "source_id": "R-5", "category": "OTHER", "institution_name": "INU",
           "institution_url": "https://www.inu.ac.kr", "name_ko": "", "name_en": "", "description_ko": "",
           "description_en": "", "extra": {}} | fields
    buffer = io.StringIO(newline="")
    write_uniquip([row], buffer)
    result = parse_uniquip(buffer.getvalue().encode())
    assert result.errors == []
    record = result.records[0]
    for key in ("name_ko", "name_en", "description_ko", "description_en", "extra", *fields):
        assert getattr(record, key) == row[key], key


def test_a_plain_file_sets_only_what_it_carries() -> None:
    header = "Type,Name,Description,Contact Name,Contact Email,Building"
    english = parse_one(header, "equipment,Centrifuge,,Desk,a@b.org,B1")
    assert english.given is not None
    assert {"name_en", "building", "contact.name", "contact.email"} <= english.given
    assert not english.given & {"name_ko", "description_ko", "description_en", "access_policy", "status",
                                "training_required", "category", "manufacturer", "rate_industry_krw", "extra.*"}
    korean = parse_one(header, "equipment,원심분리기,냉각형,Desk,a@b.org,B1")
    assert korean.given is not None and {"name_ko", "description_ko"} <= korean.given
    assert not korean.given & {"name_en", "description_en"}
    biomap = parse_one("Type,Name,X-BioMap Name EN,X-BioMap Status,X-BioMap Access Policy", "equipment,A,A,,INTERNAL")
    assert biomap.given is not None and {"name_ko", "name_en", "access_policy"} <= biomap.given
    assert "status" not in biomap.given  # an empty enum cell is no value: the stored one stays
