"""uniquip CSV: read equipment lists published in the open uniquip format, and write Bio Map's export.

uniquip (see /work/shared/reference/uniquip.md) is a CSV with one row per facility or item of
equipment. This module is pure format code: bytes in, `EquipmentRecord`s out (and mappings in, CSV
text out). It knows nothing about the database, GraphQL or the network; the importer decides which
institution the records belong to and how to upsert them.

Reading is deliberately lenient where real files are messy, and strict where a value would corrupt
the catalogue:

* Encoding: UTF-8 with or without BOM. Bytes that are not valid UTF-8 (stray cp1252 such as 0x96
  en-dash or 0xE9 é, typical of files saved by Excel on Windows) are decoded as cp1252 — only those
  bytes, so a line mixing Korean UTF-8 and a cp1252 dash keeps both. The five bytes cp1252 leaves
  undefined fall back to latin-1 (and, being C1 controls, are then cleaned away): decoding never
  raises. `ParseResult.encoding` is "utf-8", "utf-8-sig" (BOM) or "utf-8+cp1252" (any fallback,
  with or without BOM).
* Header: matched case-, whitespace- and underscore-insensitively, plus two spellings seen in UK
  files ("Contact E-mail", "Open Licence"). Unknown columns are ignored; duplicate columns: the first
  wins. The first non-blank line is the header; its delimiter may be ',', ';' or TAB (Excel in some
  locales), whichever yields the "Type" and "Name"/"Description" columns.
* Required values (spec): a row whose Type is not facility/equipment, that has neither Name nor
  Description, an empty Contact Name, no contact channel or an empty Site Location is a `RowError`
  listing all its problems; the other rows are still returned. But a required *column* that is
  absent from the whole file is treated as optional, because many published files simply lack it:
  "Contact Name" absent → no check; "Site Location" absent → no check; none of Contact
  Telephone/URL/Email present → no channel check. If at least one channel column exists, the row
  needs a value in one of the primary channel columns that exist (secondary contacts do not count,
  as in the spec).
* Facility rows are counted in `skipped_facilities`; they are neither records nor errors, and their
  IDs do not take part in the duplicate check.
* Duplicate IDs (compared exactly, case-sensitive, after stripping): the first equipment row that
  carries the ID claims it — even if that row has other errors — and every later one is a
  `RowError` "duplicate ID 'X' (first on line N)".
* Values are stripped and control characters removed; descriptions and the specifications JSON
  keep their line breaks, other fields fold them into spaces. A row whose cells are all empty is
  skipped silently and not counted in `total_rows`.
* Names are kept as published, even when they look cut ("Q TRAP MASS SPECTROM"): such names (all
  upper-case ASCII, exactly 20 characters) get extra["name_truncated"] = True so a curator can fix
  them. A row with a Description but no Name gets its name from the description's first line
  (extra["name_from_description"] = True), because the equipment table requires a name.
* Bio Map's own "X-BioMap …" columns are validated strictly (they come from our export, so a bad
  value is an editing mistake that must not reach the database): a bad value is a `RowError` naming
  the column.

Writing (`write_uniquip`) produces UTF-8 text with no BOM (the caller opens the file, with
`newline=""` as the csv module requires); rows end with CRLF as RFC 4180 says. The export contains
every standard column, the aggregate columns and the X-BioMap columns, so export → import gives the
same field values back. The spec's required values are filled with fallbacks when a record lacks
them (Contact Name "<institution> equipment desk", Contact URL = the institution's URL when the
record has no contact channel, Site Location = the institution's name); when reading a Bio Map
export (a file with X-BioMap columns) exactly these fallbacks are recognised and dropped again.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TextIO

from biomap.catalogue.taxonomy import CATEGORY_BY_CODE

# --------------------------------------------------------------------------------------------------
# Columns

STANDARD_COLUMNS: tuple[str, ...] = (
    "Type",
    "Name",
    "Description",
    "Related Facility ID",
    "Technique",
    "Location",
    "Contact Name",
    "Contact Telephone",
    "Contact URL",
    "Contact Email",
    "Secondary Contact Name",
    "Secondary Contact Telephone",
    "Secondary Contact URL",
    "Secondary Contact Email",
    "ID",
    "Photo",
    "Department",
    "Site Location",
    "Building",
    "Service Level",
    "Web Address",
    "Open License",
)

AGGREGATE_COLUMNS: tuple[str, ...] = (
    "Institution Name",
    "Institution URL",
    "Institution Logo URL",
    "Datestamp",
    "Approximate Coordinates",
)

BIOMAP_COLUMNS: tuple[str, ...] = (
    "X-BioMap Name KO",
    "X-BioMap Description KO",
    "X-BioMap Category",
    "X-BioMap Manufacturer",
    "X-BioMap Model",
    "X-BioMap Year",
    "X-BioMap Room",
    "X-BioMap Status",
    "X-BioMap Access Policy",
    "X-BioMap Service Mode",
    "X-BioMap Training Required",
    "X-BioMap Rate Internal KRW",
    "X-BioMap Rate Academic KRW",
    "X-BioMap Rate Industry KRW",
    "X-BioMap NFEC",
    "X-BioMap RRID",
    "X-BioMap Specifications",
)

# Everything write_uniquip writes, in order. All aggregate columns are included (not only
# "Institution Name") because Datestamp and Approximate Coordinates live in `extra` and would
# otherwise be lost on a round trip.
EXPORT_COLUMNS: tuple[str, ...] = STANDARD_COLUMNS + AGGREGATE_COLUMNS + BIOMAP_COLUMNS

# uniquip contact columns → keys of equipment.contact
CONTACT_KEYS: dict[str, str] = {
    "Contact Name": "name",
    "Contact Telephone": "telephone",
    "Contact URL": "url",
    "Contact Email": "email",
    "Secondary Contact Name": "secondary_name",
    "Secondary Contact Telephone": "secondary_telephone",
    "Secondary Contact URL": "secondary_url",
    "Secondary Contact Email": "secondary_email",
}

# uniquip columns without an equipment column → keys of equipment.extra
EXTRA_KEYS: dict[str, str] = {
    "Technique": "technique",
    "Location": "location",
    "Department": "department",
    "Site Location": "site_location",
    "Service Level": "service_level",
    "Web Address": "web_address",
    "Open License": "open_license",
    "Related Facility ID": "related_facility_ids",
    "Datestamp": "datestamp",
    "Approximate Coordinates": "approximate_coordinates",
}

# Free-text columns that map 1:1 onto an equipment column.
TEXT_FIELDS: dict[str, str] = {
    "Photo": "photo_url",
    "Building": "building",
    "X-BioMap Manufacturer": "manufacturer",
    "X-BioMap Model": "model",
    "X-BioMap Room": "room",
    "X-BioMap NFEC": "nfec_registration",
    "X-BioMap RRID": "rrid",
}

_CHANNEL_COLUMNS = ("Contact Telephone", "Contact URL", "Contact Email")
_RATE_FIELDS: dict[str, str] = {
    "X-BioMap Rate Internal KRW": "rate_internal_krw",
    "X-BioMap Rate Academic KRW": "rate_academic_krw",
    "X-BioMap Rate Industry KRW": "rate_industry_krw",
}
# The database enums (0001_catalogue_identity.sql) with their column defaults.
_ENUM_FIELDS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "X-BioMap Status": ("status", ("ACTIVE", "MAINTENANCE", "RETIRED"), "ACTIVE"),
    "X-BioMap Access Policy": ("access_policy", ("INTERNAL", "CLUSTER", "PUBLIC"), "CLUSTER"),
    "X-BioMap Service Mode": (
        "service_mode",
        ("SELF_SERVICE", "OPERATOR_ASSISTED", "ANALYSIS_REQUEST"),
        "OPERATOR_ASSISTED",
    ),
}
_TRUE = frozenset({"true", "yes", "y", "1", "t", "예", "네"})
_FALSE = frozenset({"false", "no", "n", "0", "f", "아니오", "아니요"})
_INT4_MAX = 2_147_483_647  # rates are `int` columns
_YEAR_MIN, _YEAR_MAX = 1950, 2100  # CHECK on equipment.year
_TRUNCATED_LENGTH = 20  # some publishers cut upper-case names at 20 characters
_DERIVED_NAME_MAX = 120

# Spellings seen in real files that differ from the spec by more than case/whitespace.
_HEADER_ALIASES: dict[str, str] = {
    "contact e-mail": "Contact Email",
    "secondary contact e-mail": "Secondary Contact Email",
    "open licence": "Open License",
}


# --------------------------------------------------------------------------------------------------
# Public types


class UniquipFormatError(Exception):
    """The data is not a uniquip CSV at all (binary, empty, JSON, no usable header)."""


@dataclass(frozen=True)
class RowError:
    """A row that was not imported. `line` is the physical line (header = 1) where the record starts."""

    line: int
    reason: str
    source_id: str | None

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class EquipmentRecord:
    """One equipment row mapped onto the columns of the `equipment` table (minus the institution)."""

    line: int
    source_id: str | None = None
    institution_name: str | None = None
    name_ko: str = ""
    name_en: str = ""
    description_ko: str = ""
    description_en: str = ""
    category: str = "OTHER"
    manufacturer: str = ""
    model: str = ""
    year: int | None = None
    building: str = ""
    room: str = ""
    photo_url: str = ""
    status: str = "ACTIVE"
    access_policy: str = "CLUSTER"
    service_mode: str = "OPERATOR_ASSISTED"
    training_required: bool = False
    rate_internal_krw: int | None = None
    rate_academic_krw: int | None = None
    rate_industry_krw: int | None = None
    nfec_registration: str = ""
    rrid: str = ""
    specifications: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class ParseResult:
    records: list[EquipmentRecord]
    errors: list[RowError]
    skipped_facilities: int
    encoding: str
    total_rows: int  # non-empty data rows: records + errors + facilities


# --------------------------------------------------------------------------------------------------
# Text helpers

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
# C0/C1 controls except TAB and LF (handled separately), zero-width space and stray BOMs.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]")
_FOLD = re.compile(r"[ \t]*[\n\t][ \t\n]*")
_SURROGATES = re.compile(r"[\udc80-\udcff]+")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in cp1252
        return bytes([byte]).decode("latin-1")


_CP1252: tuple[str, ...] = tuple(_cp1252_char(b) for b in range(256))


def has_hangul(text: str) -> bool:
    return bool(_HANGUL.search(text))


def _clean(value: str, *, multiline: bool = False) -> str:
    """Strip, drop control characters; fold line breaks/tabs to a space unless the field is a text block."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    if multiline:
        value = "\n".join(line.rstrip() for line in value.replace("\t", " ").split("\n"))
    else:
        value = _FOLD.sub(" ", value)
    return value.strip()


def _norm_header(name: str) -> str:
    return re.sub(r"[\s_]+", " ", _CONTROL.sub("", name)).strip().lower()


_KNOWN_COLUMNS: dict[str, str] = {
    _norm_header(c): c for c in STANDARD_COLUMNS + AGGREGATE_COLUMNS + BIOMAP_COLUMNS
} | _HEADER_ALIASES


# --------------------------------------------------------------------------------------------------
# Decoding and sniffing


def _decode(data: bytes) -> tuple[str, str]:
    """Decode UTF-8 (BOM optional); bytes that are not UTF-8 are read as cp1252. Never raises."""
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    # surrogateescape turns each undecodable byte into U+DC80+byte, in one linear pass; those runs are
    # then re-read as cp1252 — so only the offending bytes are reinterpreted, not their whole line.
    text = data.decode("utf-8", errors="surrogateescape")
    if _SURROGATES.search(text):
        text = _SURROGATES.sub(lambda m: "".join(_CP1252[ord(c) - 0xDC00] for c in m.group()), text)
        return text, "utf-8+cp1252"
    return text, "utf-8-sig" if bom else "utf-8"


def _reject_non_text(data: bytes) -> None:
    """Fail early, with a useful message, on data that cannot be a CSV."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UniquipFormatError("not a uniquip CSV: the file is UTF-16 (Excel 'Unicode text'); save it as 'CSV UTF-8'")
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise UniquipFormatError("not a uniquip CSV: the file is empty; expected a header row (Type, Name, …)")
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0D))
    if b"\x00" in head or controls > len(head) // 20:
        raise UniquipFormatError("not a uniquip CSV: the file is binary data, expected CSV text")
    if head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] in (b"{", b"["):
        raise UniquipFormatError(
            "not a uniquip CSV: the file looks like JSON; expected CSV with a header row (Type, Name, …)"
        )


def _split_lines(text: str) -> list[str]:
    """Physical lines with their endings; only CR/LF count (not \\x0b, \\x85 or U+2028 as str.splitlines would)."""
    return _LINE.findall(text)


@dataclass(frozen=True)
class _Layout:
    columns: dict[str, int]  # canonical column name → cell index
    delimiter: str
    header_index: int  # 0-based index of the header in the physical lines

    def has(self, column: str) -> bool:
        return column in self.columns

    @property
    def is_biomap_export(self) -> bool:
        return any(c in self.columns for c in BIOMAP_COLUMNS)


def _header_columns(line: str, delimiter: str) -> dict[str, int]:
    cells = next(csv.reader([line], delimiter=delimiter, skipinitialspace=True), [])
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        canonical = _KNOWN_COLUMNS.get(_norm_header(cell))
        if canonical and canonical not in columns:
            columns[canonical] = index
    return columns


def _read_header(lines: list[str]) -> _Layout:
    index = next((i for i, line in enumerate(lines) if line.strip(" \t\r\n,;")), None)
    if index is None:
        raise UniquipFormatError("not a uniquip CSV: the file has no header row (Type, Name, …)")
    for delimiter in (",", ";", "\t"):
        columns = _header_columns(lines[index], delimiter)
        if "Type" in columns and ("Name" in columns or "Description" in columns):
            return _Layout(columns, delimiter, index)
    raise UniquipFormatError(f"not a uniquip CSV: the first line has no 'Type' and 'Name' columns (line {index + 1})")


# --------------------------------------------------------------------------------------------------
# Category guessing


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _acr(word: str) -> str:
    """An acronym standing alone ("GC", "TEM") — not inside a longer word such as "system"."""
    return rf"(?<![A-Za-z0-9])(?:{word})(?![A-Za-z])"


# Mentions of liquid chromatography: turn a mass spectrometer into LC-MS.
_LC = _rx(_acr("U?H?P?LC|UPLC"), r"liquid\s*chromatograph", r"액체\s*크로마토")

# Ordered: the first matching rule wins, so specific rules come before generic ones (ICP-MS and
# GC-MS before mass spectrometer, confocal before microscope, single-use bioreactor before bioreactor,
# CO2 incubator before the generic Korean 배양기, particle counter before particle analyser…).
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("FLOW_CYTOMETER", _rx(r"flow\s*cytomet", r"cytometer", _acr(r"FACS\w*"), r"cell\s*sorter", "유세포")),
    (
        "ELEMENTAL_ANALYZER",
        _rx(_acr("ICP"), r"elemental\s*analy", _acr("CHNS?"), _acr("TOC"), r"원소\s*분석", "유도결합"),
    ),
    (
        "GAS_CHROMATOGRAPH",
        _rx(r"gas\s*chromatograph", _acr("GC"), r"GC[-/ ]?MS", r"기체\s*크로마토", r"가스\s*크로마토"),
    ),
    (
        "LC_MS",
        _rx(
            r"(?<![A-Za-z])U?H?P?LC\s*[-/]?\s*(?:MS|Q-?TOF|QQQ|orbitrap)",
            r"liquid\s*chromatograph\w*[\s-]*(?:tandem\s*)?mass",
            r"액체\s*크로마토그래피\s*질량",
        ),
    ),
    (
        "MASS_SPECTROMETER",
        _rx(
            r"mass\s*-?\s*spec",
            _acr("MALDI"),
            r"orbitrap",
            r"Q-?TOF",
            r"Q\s*-?\s*TRAP",
            r"triple\s*quad",
            _acr("MS/MS"),
            r"질량\s*분석",
        ),
    ),
    ("NMR", _rx(_acr("NMR"), r"nuclear\s*magnetic", r"핵자기\s*공명")),
    ("CHROMATOGRAPHY_SYSTEM", _rx(_acr("FPLC"), r"[ÄA]KTA", r"protein\s*purif", r"단백질\s*정제")),
    (
        "HPLC",
        _rx(
            _acr("U?H?PLC"),
            r"high[-\s]*performance\s*liquid",
            r"liquid\s*chromatograph",
            r"고성능\s*액체",
            r"액체\s*크로마토",
        ),
    ),
    ("CAPILLARY_ELECTROPHORESIS", _rx(r"capillary\s*electrophor", r"모세관\s*전기\s*영동")),
    (
        "ENVIRONMENTAL_MONITOR",
        _rx(
            r"particle\s*counter",
            r"air\s*sampler",
            r"environmental\s*monitor",
            r"파티클\s*카운터",
            r"입자\s*계수",
            r"부유\s*균",
            r"환경\s*모니터링",
        ),
    ),
    (
        "PARTICLE_ANALYZER",
        _rx(
            _acr("DLS"),
            r"dynamic\s*light\s*scatter",
            r"zeta",
            r"particle\s*(?:size|analy)",
            r"nanoparticle\s*tracking",
            "입도",
            r"제타\s*전위",
        ),
    ),
    (
        "BIOMOLECULAR_INTERACTION",
        _rx(
            _acr("SPR"),
            r"surface\s*plasmon",
            r"biacore",
            _acr("BLI"),
            r"bio-?layer\s*interfer",
            _acr("octet"),
            _acr("ITC"),
            r"isothermal\s*titration",
            r"표면\s*플라즈몬",
            r"상호\s*작용\s*분석",
        ),
    ),
    (
        "THERMAL_ANALYZER",
        _rx(_acr("DSC"), _acr("TGA"), r"differential\s*scanning", r"thermogravimetr", r"열\s*분석", r"시차\s*주사"),
    ),
    (
        "MICROPLATE_READER",
        _rx(r"plate\s*reader", r"multi-?mode\s*reader", r"ELISA\s*reader", r"플레이트\s*리더", r"마이크로\s*플레이트"),
    ),
    (
        "SPECTROPHOTOMETER",
        _rx(
            r"spectrophotomet",
            r"UV[-/\s]*Vis",
            r"nanodrop",
            r"fluorometer",
            r"spectrofluor",
            r"분광\s*광도계",
            r"형광\s*분광",
        ),
    ),
    ("CONFOCAL_MICROSCOPE", _rx(r"confocal", r"spinning\s*disk", _acr(r"LSM\s?\d+"), "공초점")),
    (
        "ELECTRON_MICROSCOPE",
        _rx(
            r"electron\s*microscop",
            _acr("(?:FE-?)?SEM"),
            _acr("(?:cryo-?)?TEM"),
            r"cryo-?EM",
            r"전자\s*현미경",
        ),
    ),
    ("LIGHT_MICROSCOPE", _rx(r"microscop", "현미경")),
    (
        "IMAGING_SYSTEM",
        _rx(
            r"gel\s*doc",
            r"imaging\s*system",
            r"imager",
            _acr("IVIS"),
            r"in\s*vivo\s*imag",
            r"high[-\s]*content",
            r"chemidoc",
            "이미징",
            r"영상\s*분석",
        ),
    ),
    ("CELL_COUNTER", _rx(r"cell\s*counter", r"countess", r"viability\s*analy", r"세포\s*계수", r"세포\s*카운터")),
    (
        "BIOSAFETY_CABINET",
        _rx(
            r"bio(?:logical)?\s*safety\s*cabinet",
            r"biosafety",
            r"clean\s*bench",
            _acr("BSC"),
            r"laminar\s*flow",
            r"생물\s*안전\s*작업대",
            r"클린\s*벤치",
            r"무균\s*작업대",
        ),
    ),
    (
        "SINGLE_USE_BIOREACTOR",
        _rx(r"single[-\s]*use\s*(?:bio-?)?reactor", r"wave\s*bioreactor", r"일회용\s*(?:생물\s*)?(?:반응기|배양기)"),
    ),
    ("BIOREACTOR", _rx(r"bio-?reactor", r"ferment[eo]r", r"생물\s*반응기", "발효기")),
    (
        "CELL_CULTURE",
        _rx(r"CO2", "CO₂", r"incubator", r"live[-\s]*cell", r"cell\s*culture", "인큐베이터", r"세포\s*배양"),
    ),
    ("BIOREACTOR", _rx("배양기")),  # generic Korean "culture vessel", after CO2 incubators
    ("MEDIA_PREPARATION", _rx(r"media\s*prep", r"buffer\s*prep", r"배지\s*제조", r"버퍼\s*제조", r"완충액\s*제조")),
    ("PCR", _rx(r"PCR", r"thermal\s*cycler", r"thermocycler", r"유전자\s*증폭")),
    (
        "SEQUENCER",
        _rx(r"sequenc", _acr("NGS"), _acr(r"(?:mi|nova|next|hi|i)seq\w*"), r"nanopore", r"염기\s*서열", "시퀀서"),
    ),
    ("NUCLEIC_ACID_ANALYZER", _rx(r"bioanaly[sz]er", r"tapestation", r"fragment\s*analy", r"핵산\s*분석")),
    ("LIQUID_HANDLER", _rx(r"liquid\s*handl", r"pipetting\s*robot", r"automated\s*pipett", r"자동\s*분주", "분주기")),
    ("CENTRIFUGE", _rx(r"centrifug", r"원심\s*분리")),
    (
        "FILTRATION_SYSTEM",
        _rx(_acr("TFF"), r"tangential\s*flow", r"filtration", r"depth\s*filt", r"virus\s*filt", "여과"),
    ),
    ("HOMOGENIZER", _rx(r"homogeni[sz]", r"cell\s*disrupt", r"sonicator", r"french\s*press", "균질기", "파쇄기")),
    ("FREEZE_DRYER", _rx(r"freeze[-\s]*dr", r"lyophili", r"동결\s*건조")),
    ("SPRAY_DRYER", _rx(r"spray[-\s]*dr", r"분무\s*건조")),
    ("FILLING_MACHINE", _rx(r"filling\s*(?:machine|line|system)", r"capping", r"vial\s*fill", "충전기", "충진기")),
    ("ENDOTOXIN_TESTER", _rx(r"endotoxin", _acr("LAL"), r"sterility\s*test", "엔도톡신", r"무균\s*시험")),
    (
        "STABILITY_CHAMBER",
        _rx(r"stability\s*(?:test\s*)?chamber", r"climat(?:e|ic)\s*chamber", r"안정성\s*시험", r"항온\s*항습"),
    ),
    ("STERILIZER", _rx(r"autoclave", r"sterili[sz]", "멸균")),
    (
        "FREEZER",
        _rx(
            r"(?:^|[\s(])[-\u2212\u2013]\s*80(?!\d)",
            r"ultra[-\s]*low",
            r"freezer",
            r"cryo-?\s*stor",
            r"liquid\s*nitrogen",
            _acr("LN2"),
            "초저온",
            "냉동고",
            r"액체\s*질소",
        ),
    ),
    ("WATER_PURIFICATION", _rx(r"water\s*purif", r"milli-?q", r"ultra-?pure\s*water", _acr("WFI"), "정제수", "초순수")),
    ("ANIMAL_FACILITY", _rx(r"animal", r"rodent", _acr("IVC"), "동물")),
)


def guess_category(*texts: str) -> str:
    """Taxonomy code for free text (English, case-insensitive, or Korean); "OTHER" when nothing matches.

    Texts are tried in order and the first one that matches any rule decides, so pass the most
    reliable text (the name) first. A mass spectrometer becomes LC_MS when any text mentions LC.
    """
    present = [t for t in texts if t]
    for text in present:
        for code, pattern in _RULES:
            if pattern.search(text):
                if code == "MASS_SPECTROMETER" and any(_LC.search(t) for t in present):
                    return "LC_MS"
                return code
    return "OTHER"


def _category_code(value: str) -> str | None:
    """An explicit category: a taxonomy code, tolerant of case and '-'/' ' for '_'."""
    code = re.sub(r"[\s-]+", "_", value.strip()).upper()
    return code if code in CATEGORY_BY_CODE else None


# --------------------------------------------------------------------------------------------------
# Row mapping


class _Row:
    """Cleaned access to one CSV record by canonical column name."""

    def __init__(self, cells: list[str], layout: _Layout) -> None:
        self._cells = cells
        self._layout = layout

    def raw(self, column: str) -> str:
        index = self._layout.columns.get(column)
        return self._cells[index] if index is not None and index < len(self._cells) else ""

    def text(self, column: str) -> str:
        return _clean(self.raw(column))

    def block(self, column: str) -> str:
        return _clean(self.raw(column), multiline=True)

    def has(self, column: str) -> bool:
        return self._layout.has(column)

    def is_blank(self) -> bool:
        return not any(_clean(cell) for cell in self._cells)

    @property
    def in_biomap_export(self) -> bool:
        return self._layout.is_biomap_export


def _required_problems(row: _Row) -> list[str]:
    """The spec's required values; absent columns are lenient (see module docstring)."""
    problems: list[str] = []
    kind = row.text("Type").lower()
    if not kind:
        problems.append("missing Type")
    elif kind != "equipment":
        problems.append(f"Type must be 'facility' or 'equipment', not {row.text('Type')!r}")
    names = ("Name", "Description", "X-BioMap Name KO", "X-BioMap Description KO")
    if not any(row.text(column) for column in names):
        problems.append("missing Name and Description")
    if row.has("Contact Name") and not row.text("Contact Name"):
        problems.append("missing Contact Name")
    channels = [c for c in _CHANNEL_COLUMNS if row.has(c)]
    if channels and not any(row.text(c) for c in channels):
        problems.append("no contact channel (telephone, URL or e-mail)")
    if row.has("Site Location") and not row.text("Site Location"):
        problems.append("missing Site Location")
    return problems


def _route(value: str, explicit_ko: str) -> tuple[str, str]:
    """(ko, en) for a Name/Description and its X-BioMap KO column.

    Without a KO value, text with Hangul is Korean and anything else English. With one, the KO value
    is the Korean text and the plain column is English — unless it repeats the Korean text (the
    writer falls back to Korean when there is no English); a Hangul-free repeat is kept as English.
    """
    if not explicit_ko:
        return (value, "") if has_hangul(value) else ("", value)
    if value == explicit_ko and has_hangul(value):
        return explicit_ko, ""
    return explicit_ko, value


def _derived_name(description: str) -> str:
    """A name for a row that only has a Description: its first line, cut at a word boundary."""
    first = description.split("\n", 1)[0].strip()
    if len(first) <= _DERIVED_NAME_MAX:
        return first
    cut = first[:_DERIVED_NAME_MAX].rsplit(" ", 1)[0]
    return (cut or first[:_DERIVED_NAME_MAX]).rstrip(" ,;:-")


def _is_truncated(name: str) -> bool:
    return len(name) == _TRUNCATED_LENGTH and name.isascii() and name.isupper()


def _parse_int(value: str, column: str, low: int, high: int, problems: list[str], what: str) -> int | None:
    if not value:
        return None
    digits = value.replace(",", "").replace("_", "").replace(" ", "")
    if re.fullmatch(r"[+-]?\d+", digits):
        number = int(digits)
        if low <= number <= high:
            return number
    problems.append(f"{column} must be {what}, not {value!r}")
    return None


def _biomap_values(row: _Row, problems: list[str]) -> dict[str, Any]:
    """Typed X-BioMap columns; bad values are reported in `problems` with the column name."""
    values: dict[str, Any] = {}
    year = row.text("X-BioMap Year")
    values["year"] = _parse_int(
        year, "X-BioMap Year", _YEAR_MIN, _YEAR_MAX, problems, f"a whole number between {_YEAR_MIN} and {_YEAR_MAX}"
    )
    for column, key in _RATE_FIELDS.items():
        values[key] = _parse_int(row.text(column), column, 0, _INT4_MAX, problems, "a whole number of won, 0 or more")
    for column, (key, allowed, default) in _ENUM_FIELDS.items():
        raw = row.text(column)
        value = re.sub(r"[\s-]+", "_", raw).upper() if raw else default
        if value not in allowed:
            problems.append(f"{column} must be one of {', '.join(allowed)}, not {raw!r}")
        values[key] = value if value in allowed else default
    training = row.text("X-BioMap Training Required").lower()
    if training and training not in _TRUE | _FALSE:
        problems.append(f"X-BioMap Training Required must be true or false, not {training!r}")
    values["training_required"] = training in _TRUE
    values["specifications"] = _specifications(row.block("X-BioMap Specifications"), problems)
    category = row.text("X-BioMap Category")
    values["category"] = _category_code(category) if category else None
    if category and values["category"] is None:
        problems.append(f"X-BioMap Category {category!r} is not a category code")
    return values


def _specifications(value: str, problems: list[str]) -> dict[str, Any]:
    if not value:
        return {}
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError as exc:
        problems.append(f"X-BioMap Specifications is not valid JSON ({exc.msg} at position {exc.pos})")
        return {}
    if not isinstance(parsed, dict):
        problems.append("X-BioMap Specifications must be a JSON object")
        return {}
    return parsed


def _fallback_contact_name(institution: str) -> str:
    """The Contact Name write_uniquip invents when a record has none (spec: it is required)."""
    return f"{institution} equipment desk" if institution else "Equipment desk"


def _contact(row: _Row) -> dict[str, str]:
    contact = {key: row.text(column) for column, key in CONTACT_KEYS.items() if row.text(column)}
    if row.in_biomap_export:
        # Drop what write_uniquip filled in only to satisfy the spec, so a round trip is lossless.
        institution = row.text("Institution Name")
        if contact.get("name") == _fallback_contact_name(institution):
            del contact["name"]
        if (
            contact.get("url")
            and contact.get("url") == row.text("Institution URL")
            and not (contact.get("telephone") or contact.get("email"))
        ):
            del contact["url"]
    return contact


def _extra(row: _Row, name: str) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    for column, key in EXTRA_KEYS.items():
        value = row.text(column)
        if value:
            extra[key] = value
    if "related_facility_ids" in extra:
        extra["related_facility_ids"] = [i.strip() for i in extra["related_facility_ids"].split(",") if i.strip()]
    if extra.get("open_license", "").lower() in ("ogl", "cc0"):
        extra["open_license"] = extra["open_license"].lower()
    if row.in_biomap_export and extra.get("site_location") == row.text("Institution Name"):
        del extra["site_location"]  # write_uniquip's fallback for the required Site Location
    if _is_truncated(name):
        extra["name_truncated"] = True
    return extra


def _map_row(row: _Row, line: int, source_id: str | None, problems: list[str]) -> EquipmentRecord | None:
    """Build the record; returns None (with `problems` filled) when the row must be rejected."""
    typed = _biomap_values(row, problems)
    if problems:
        return None
    name = row.text("Name")
    name_ko, name_en = _route(name, row.text("X-BioMap Name KO"))
    description_ko, description_en = _route(row.block("Description"), row.block("X-BioMap Description KO"))
    extra = _extra(row, name)
    if not name_ko and not name_en:
        derived = _derived_name(description_en or description_ko)
        name_ko, name_en = (derived, "") if has_hangul(derived) else ("", derived)
        extra["name_from_description"] = True
    category = typed.pop("category") or guess_category(
        name_en, name_ko, row.text("Technique"), description_en, description_ko
    )
    texts = {key: row.text(column) for column, key in TEXT_FIELDS.items()}
    return EquipmentRecord(
        line=line,
        source_id=source_id,
        institution_name=row.text("Institution Name") or None,
        name_ko=name_ko,
        name_en=name_en,
        description_ko=description_ko,
        description_en=description_en,
        category=category,
        contact=_contact(row),
        extra=extra,
        **texts,
        **typed,
    )


# --------------------------------------------------------------------------------------------------
# Reading


class _Reader:
    """One pass over a decoded file; keeps the counters `parse_uniquip` reports."""

    def __init__(self, data: bytes) -> None:
        _reject_non_text(data)
        text, self.encoding = _decode(data)
        self._lines = _split_lines(text.replace("\x00", ""))  # csv refuses NUL
        self._layout = _read_header(self._lines)
        self.skipped_facilities = 0
        self.total_rows = 0
        self._first_line_of_id: dict[str, int] = {}

    def __iter__(self) -> Iterator[EquipmentRecord | RowError]:
        layout = self._layout
        body = self._lines[layout.header_index + 1 :]
        reader = csv.reader(body, delimiter=layout.delimiter, skipinitialspace=True)
        offset = layout.header_index + 1  # physical lines up to and including the header
        while True:
            line = offset + reader.line_num + 1  # the record starts on the line after the previous one
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:  # e.g. a field over the csv size limit: cannot resynchronise
                self.total_rows += 1
                yield RowError(line, f"malformed CSV, reading stopped: {exc}", None)
                return
            item = self._row(_Row(cells, layout), line)
            if item is not None:
                yield item

    def _row(self, row: _Row, line: int) -> EquipmentRecord | RowError | None:
        if row.is_blank():
            return None
        self.total_rows += 1
        if row.text("Type").lower() == "facility":
            self.skipped_facilities += 1
            return None
        source_id = row.text("ID") or None
        problems = _required_problems(row)
        if source_id is not None:
            first = self._first_line_of_id.setdefault(source_id, line)
            if first != line:
                problems.append(f"duplicate ID {source_id!r} (first on line {first})")
        record = _map_row(row, line, source_id, problems)
        return record if record is not None else RowError(line, "; ".join(problems), source_id)


def iter_uniquip(data: bytes) -> Iterator[EquipmentRecord | RowError]:
    """Records and row errors in file order, for progress reporting.

    The header is checked at call time, so a non-uniquip file raises UniquipFormatError here and
    not at the first `next()`.
    """
    return iter(_Reader(data))


def parse_uniquip(data: bytes) -> ParseResult:
    """Read a whole uniquip file. Raises UniquipFormatError when it is not a uniquip CSV at all."""
    reader = _Reader(data)
    records: list[EquipmentRecord] = []
    errors: list[RowError] = []
    for item in reader:
        if isinstance(item, RowError):
            errors.append(item)
        else:
            records.append(item)
    return ParseResult(
        records=records,
        errors=errors,
        skipped_facilities=reader.skipped_facilities,
        encoding=reader.encoding,
        total_rows=reader.total_rows,
    )


# --------------------------------------------------------------------------------------------------
# Writing


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _as_dict(value: Any) -> dict[str, Any]:
    """jsonb arrives as a dict, or as a JSON string from a driver without a codec."""
    if isinstance(value, str):
        value = json.loads(value) if value.strip() else {}
    return dict(value) if isinstance(value, Mapping) else {}


def _export_row(equipment: Mapping[str, Any]) -> list[str]:
    contact = _as_dict(equipment.get("contact"))
    extra = _as_dict(equipment.get("extra"))
    specifications = _as_dict(equipment.get("specifications"))
    institution = _cell(equipment.get("institution_name"))
    institution_url = _cell(equipment.get("institution_url"))
    name_ko, name_en = _cell(equipment.get("name_ko")), _cell(equipment.get("name_en"))
    description_ko = _cell(equipment.get("description_ko"))
    description_en = _cell(equipment.get("description_en"))
    row: dict[str, str] = {column: _cell(contact.get(key)) for column, key in CONTACT_KEYS.items()}
    row |= {column: _cell(extra.get(key)) for column, key in EXTRA_KEYS.items()}
    row |= {column: _cell(equipment.get(key)) for column, key in TEXT_FIELDS.items()}
    related = extra.get("related_facility_ids")
    if isinstance(related, (list, tuple)):
        row["Related Facility ID"] = ",".join(_cell(i) for i in related)
    # Spec-required values a record may lack; _contact/_extra drop exactly these on re-import.
    row["Contact Name"] = row["Contact Name"] or _fallback_contact_name(institution)
    if not any(row[c] for c in _CHANNEL_COLUMNS):
        row["Contact URL"] = institution_url
    row["Site Location"] = row["Site Location"] or institution
    source_id = equipment.get("source_id")
    if extra.get("name_from_description") and (name_en or name_ko) == _derived_name(description_en or description_ko):
        name_en = name_ko = ""  # still the derived name: leave it out so the reader derives it again
    row |= {
        "Type": "equipment",
        "Name": name_en or name_ko,
        "X-BioMap Name KO": name_ko,
        "Description": description_en or description_ko,
        "X-BioMap Description KO": description_ko,
        "ID": _cell(source_id) if source_id else (f"biomap-{equipment['id']}" if equipment.get("id") else ""),
        "Institution Name": institution,
        "Institution URL": institution_url,
        "Institution Logo URL": _cell(equipment.get("institution_logo_url")),
        "X-BioMap Category": _cell(equipment.get("category")),
        "X-BioMap Year": _cell(equipment.get("year")),
        "X-BioMap Status": _cell(equipment.get("status")),
        "X-BioMap Access Policy": _cell(equipment.get("access_policy")),
        "X-BioMap Service Mode": _cell(equipment.get("service_mode")),
        "X-BioMap Training Required": _cell(bool(equipment.get("training_required"))),
        "X-BioMap Specifications": json.dumps(specifications, ensure_ascii=False, default=str)
        if specifications
        else "",
    }
    row |= {column: _cell(equipment.get(key)) for column, key in _RATE_FIELDS.items()}
    return [row.get(column, "") for column in EXPORT_COLUMNS]


def write_uniquip(rows: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Write equipment as a uniquip CSV; returns the number of equipment rows written.

    Each mapping uses the equipment table's column names (id, name_ko, …, contact, extra as dicts or
    JSON strings) plus "institution_name" and "institution_url" (optional "institution_logo_url").
    The output is text: open `out` as UTF-8 without BOM and with newline="" — Bio Map's export is
    UTF-8 with no BOM. The header is EXPORT_COLUMNS.
    """
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    written = 0
    for equipment in rows:
        writer.writerow(_export_row(equipment))
        written += 1
    return written
