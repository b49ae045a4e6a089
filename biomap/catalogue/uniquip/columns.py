"""uniquip columns, the records a file maps to, and text cleaning shared by reader and writer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from annotated_types import Ge, Le

from biomap.catalogue.models import EquipmentFields

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
    "X-BioMap Name EN",
    "X-BioMap Description KO",
    "X-BioMap Description EN",
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
    "X-BioMap Extra",
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


def _api_bounds(name: str) -> tuple[int, int]:
    """The (ge, le) bounds the API puts on an integer field: the import takes the same range."""
    metadata = EquipmentFields.model_fields[name].metadata
    low = next(m.ge for m in metadata if isinstance(m, Ge))
    high = next(m.le for m in metadata if isinstance(m, Le))
    return int(low), int(high)


_YEAR_MIN, _YEAR_MAX = _api_bounds("year")
_RATE_BOUNDS: dict[str, tuple[int, int]] = {key: _api_bounds(key) for key in _RATE_FIELDS.values()}
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
    # What the row's file carries, so that a re-import changes only that: field names, plus
    # "contact.<key>" / "extra.<key>" per key and "extra.*" for the extra keys without a column of
    # their own. None: the record is complete (built in code, not read from a file).
    given: frozenset[str] | None = None


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
    if value.isprintable() and "\u200b" not in value:  # the usual cell: nothing to drop or fold
        return value.strip()
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    if multiline:
        value = "\n".join(line.rstrip() for line in value.replace("\t", " ").split("\n"))
    else:
        value = _FOLD.sub(" ", value)
    return value.strip()


def _exact(value: str) -> str:
    """A cell of Bio Map's own export: its value as stored, only surrounding whitespace dropped."""
    return value.strip()


# Cells a spreadsheet would run as a formula (OWASP "CSV injection"): = + - @, and TAB/CR before
# them. Leading apostrophes are part of the pattern so that a value really starting with "'=" gets
# one more and comes back unchanged: escaping and unescaping are exact inverses.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def neutralise_formula(cell: str) -> str:
    """The cell as exported: a leading apostrophe makes spreadsheets show it as text, not run it."""
    return "'" + cell if _FORMULA.match(cell) else cell


def restore_formula(cell: str) -> str:
    """Undo `neutralise_formula`: drop exactly the apostrophe it would have added."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell


def _norm_header(name: str) -> str:
    return re.sub(r"[\s_]+", " ", _CONTROL.sub("", name)).strip().lower()


_KNOWN_COLUMNS: dict[str, str] = {
    _norm_header(c): c for c in STANDARD_COLUMNS + AGGREGATE_COLUMNS + BIOMAP_COLUMNS
} | _HEADER_ALIASES


