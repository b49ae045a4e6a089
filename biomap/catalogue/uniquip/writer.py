"""Writing Bio Map's uniquip export."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any, TextIO

from biomap.catalogue.uniquip.columns import (  # package-internal helpers
    _CHANNEL_COLUMNS,
    _RATE_FIELDS,
    CONTACT_KEYS,
    EXPORT_COLUMNS,
    EXTRA_KEYS,
    TEXT_FIELDS,
    neutralise_formula,
)
from biomap.catalogue.uniquip.reader import _fallback_contact_name  # package-internal helper

# --------------------------------------------------------------------------------------------------
# Writing

_EXTRA_IN_COLUMNS = frozenset(EXTRA_KEYS.values())  # extra keys with a uniquip column of their own


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


def _json_cell(value: Mapping[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, default=str) if value else ""


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
    # Name and Description for other readers; the KO/EN columns say exactly which language is which.
    row |= {
        "Type": "equipment",
        "Name": name_en or name_ko,
        "X-BioMap Name KO": name_ko,
        "X-BioMap Name EN": name_en,
        "Description": description_en or description_ko,
        "X-BioMap Description KO": description_ko,
        "X-BioMap Description EN": description_en,
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
        "X-BioMap Specifications": _json_cell(specifications),
        # the rest of extra (flags such as name_truncated), so that an import gives it back as it was
        "X-BioMap Extra": _json_cell({k: v for k, v in extra.items() if k not in _EXTRA_IN_COLUMNS}),
    }
    row |= {column: _cell(equipment.get(key)) for column, key in _RATE_FIELDS.items()}
    return [neutralise_formula(row.get(column, "")) for column in EXPORT_COLUMNS]


def write_uniquip(rows: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Write equipment as a uniquip CSV; returns the number of equipment rows written.

    Each mapping uses the equipment table's column names (id, name_ko, …, contact, extra as dicts or
    JSON strings) plus "institution_name" and "institution_url" (optional "institution_logo_url").
    The output is text: open `out` as UTF-8 without BOM and with newline="" — Bio Map's export is
    UTF-8 with no BOM. The header is EXPORT_COLUMNS. Cells that a spreadsheet would run as a formula
    get a leading apostrophe (`neutralise_formula`), which the reader removes again.
    """
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    written = 0
    for equipment in rows:
        writer.writerow(_export_row(equipment))
        written += 1
    return written

