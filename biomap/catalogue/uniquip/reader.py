"""Reading uniquip files: decoding, header, rows → EquipmentRecord | RowError (see the package docstring)."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from biomap.catalogue.uniquip.categories import (  # package-internal helpers
    _category_code,
    guess_category,
)
from biomap.catalogue.uniquip.columns import (  # package-internal helpers
    _CHANNEL_COLUMNS,
    _CP1252,
    _DERIVED_NAME_MAX,
    _ENUM_FIELDS,
    _FALSE,
    _INT4_MAX,
    _KNOWN_COLUMNS,
    _LINE,
    _RATE_FIELDS,
    _SURROGATES,
    _TRUE,
    _TRUNCATED_LENGTH,
    _YEAR_MAX,
    _YEAR_MIN,
    BIOMAP_COLUMNS,
    CONTACT_KEYS,
    EXTRA_KEYS,
    TEXT_FIELDS,
    EquipmentRecord,
    ParseResult,
    RowError,
    UniquipFormatError,
    _clean,
    _norm_header,
    has_hangul,
)

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


class UniquipReader:
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


def iter_uniquip(data: bytes) -> UniquipReader:
    """Records and row errors in file order, as they are read (the importer parses while it writes);
    the reader's `encoding`, `total_rows` and `skipped_facilities` are complete once the iteration
    is. The header is checked at call time, so a non-uniquip file raises UniquipFormatError here and
    not at the first item."""
    return UniquipReader(data)


def parse_uniquip(data: bytes) -> ParseResult:
    """Read a whole uniquip file. Raises UniquipFormatError when it is not a uniquip CSV at all."""
    reader = UniquipReader(data)
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


