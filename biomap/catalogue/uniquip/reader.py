"""Reading uniquip files: decoding, header, rows → EquipmentRecord | RowError (see the package docstring)."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import Any

from biomap.catalogue.models import EquipmentFields
from biomap.catalogue.uniquip.categories import (  # package-internal helpers
    _category_code,
    guess_category,
)
from biomap.catalogue.uniquip.columns import (  # package-internal helpers
    _CHANNEL_COLUMNS,
    _DERIVED_NAME_MAX,
    _ENUM_FIELDS,
    _FALSE,
    _KNOWN_COLUMNS,
    _LINE,
    _RATE_BOUNDS,
    _RATE_FIELDS,
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
    _exact,
    _norm_header,
    has_hangul,
    restore_formula,
)
from biomap.catalogue.uniquip.encoding import decode, reject_non_text
from biomap.catalogue.uniquip.quoting import scan_record, unterminated
from biomap.errors import ValidationFailed
from biomap.validation import camel, validate

def _split_lines(text: str) -> list[str]:
    """Physical lines with their endings; only CR/LF count (not \\x0b, \\x85 or U+2028 as str.splitlines would)."""
    return _LINE.findall(text)


@dataclass(frozen=True)
class _Layout:
    columns: dict[str, int]  # canonical column name → cell index
    delimiter: str
    header_index: int  # 0-based index of the header in the physical lines
    is_biomap_export: bool  # has X-BioMap columns: a file Bio Map wrote
    given: frozenset[str]  # the fields every row of the file sets (EquipmentRecord.given)

    @classmethod
    def of(cls, columns: dict[str, int], delimiter: str, header_index: int) -> _Layout:
        biomap = any(c in columns for c in BIOMAP_COLUMNS)
        return cls(columns, delimiter, header_index, biomap, _file_given(columns))

    def has(self, column: str) -> bool:
        return column in self.columns


# Columns that set one field whole whenever they are in the file, even when a cell is empty.
_WHOLE_FIELD_COLUMNS: dict[str, str] = {
    **TEXT_FIELDS,
    **_RATE_FIELDS,
    **{column: f"contact.{key}" for column, key in CONTACT_KEYS.items()},
    **{column: f"extra.{key}" for column, key in EXTRA_KEYS.items()},
    "X-BioMap Year": "year",
    "X-BioMap Specifications": "specifications",
    "X-BioMap Extra": "extra.*",
}


def _file_given(columns: dict[str, int]) -> frozenset[str]:
    return frozenset(field for column, field in _WHOLE_FIELD_COLUMNS.items() if column in columns)


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
            return _Layout.of(columns, delimiter, index)
    raise UniquipFormatError(f"not a uniquip CSV: the first line has no 'Type' and 'Name' columns (line {index + 1})")


# --------------------------------------------------------------------------------------------------
# Row mapping


class _Row:
    """Cleaned access to one CSV record by canonical column name. In Bio Map's own export the
    values are read exactly (tabs and line breaks kept), because they are the catalogue's values;
    files from elsewhere are cleaned (see the package docstring)."""

    def __init__(self, cells: list[str], layout: _Layout) -> None:
        self._cells = cells
        self._layout = layout

    def raw(self, column: str) -> str:
        index = self._layout.columns.get(column)
        return restore_formula(self._cells[index]) if index is not None and index < len(self._cells) else ""

    def text(self, column: str) -> str:
        return _exact(self.raw(column)) if self.in_biomap_export else _clean(self.raw(column))

    def block(self, column: str) -> str:
        return _exact(self.raw(column)) if self.in_biomap_export else _clean(self.raw(column), multiline=True)

    def has(self, column: str) -> bool:
        return self._layout.has(column)

    def is_blank(self) -> bool:
        return not any(_clean(cell) for cell in self._cells)

    @property
    def in_biomap_export(self) -> bool:
        return self._layout.is_biomap_export

    @property
    def file_given(self) -> frozenset[str]:
        return self._layout.given


def _required_problems(row: _Row) -> list[str]:
    """The spec's required values; absent columns are lenient (see module docstring)."""
    problems: list[str] = []
    kind = row.text("Type").lower()
    if not kind:
        problems.append("missing Type")
    elif kind != "equipment":
        problems.append(f"Type must be 'facility' or 'equipment', not {row.text('Type')!r}")
    names = ("Name", "Description", *_NAME_COLUMNS[1:], *_DESCRIPTION_COLUMNS[1:])
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


# (plain column, Korean column, English column) and the field they fill.
_NAME_COLUMNS = ("Name", "X-BioMap Name KO", "X-BioMap Name EN")
_DESCRIPTION_COLUMNS = ("Description", "X-BioMap Description KO", "X-BioMap Description EN")


def _bilingual(row: _Row, columns: tuple[str, str, str], field: str, *, multiline: bool) -> tuple[str, str, set[str]]:
    """(Korean, English, the fields the row sets) of the name or the description.

    Bio Map's export carries both languages exactly in its KO and EN columns. Its exports before the
    EN columns carry KO only (see `_route`). In any other file, text with Hangul is Korean and
    anything else English, and only that language is set: a re-import keeps the other one.
    """
    plain, ko_column, en_column = columns
    read = row.block if multiline else row.text
    ko, en = read(ko_column), read(en_column)
    if row.has(en_column) and (ko or en):
        return ko, en, {f"{field}_ko", f"{field}_en"}
    value = read(plain)
    if row.has(ko_column) and not row.has(en_column):
        return (*_route(value, ko), {f"{field}_ko", f"{field}_en"})
    if not value:
        return "", "", set()
    return (value, "", {f"{field}_ko"}) if has_hangul(value) else ("", value, {f"{field}_en"})


def _route(value: str, explicit_ko: str) -> tuple[str, str]:
    """(ko, en) for a Name/Description and its X-BioMap KO column, in exports without EN columns.

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
        low, high = _RATE_BOUNDS[key]
        what = f"a whole number of won from {low:,} to {high:,}"
        values[key] = _parse_int(row.text(column), column, low, high, problems, what)
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
    values["specifications"] = _json_object(row, "X-BioMap Specifications", problems)
    category = row.text("X-BioMap Category")
    values["category"] = _category_code(category) if category else None
    if category and values["category"] is None:
        problems.append(f"X-BioMap Category {category!r} is not a category code")
    return values


def _json_object(row: _Row, column: str, problems: list[str]) -> dict[str, Any]:
    value = row.block(column)
    if not value:
        return {}
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError as exc:
        problems.append(f"{column} is not valid JSON ({exc.msg} at position {exc.pos})")
        return {}
    if not isinstance(parsed, dict):
        problems.append(f"{column} must be a JSON object")
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


def _extra(row: _Row, name: str, problems: list[str]) -> dict[str, Any]:
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
    if row.has("X-BioMap Extra"):  # Bio Map's export carries the rest of extra, flags included
        return _json_object(row, "X-BioMap Extra", problems) | extra
    if _is_truncated(name):
        extra["name_truncated"] = True
    return extra


# Flags the reader sets from the name; recomputed whenever a row sets a name.
_NAME_FLAGS = frozenset({"extra.name_truncated", "extra.name_from_description"})


def _row_given(row: _Row, texts: set[str]) -> frozenset[str]:
    """EquipmentRecord.given: the file's columns, the languages the row's texts set, and the enum,
    category and training cells that are not empty (empty ones mean "not given", not a value)."""
    given = row.file_given | texts
    if texts & {"name_ko", "name_en"} and not row.has("X-BioMap Extra"):
        given |= _NAME_FLAGS
    given |= {key for column, (key, _, _) in _ENUM_FIELDS.items() if row.text(column)}
    if row.text("X-BioMap Category"):
        given |= {"category"}
    if row.text("X-BioMap Training Required"):
        given |= {"training_required"}
    return given


# The API's names of EquipmentFields (camelCase, as in its errors) → the column the value comes from.
_COLUMN_OF_FIELD: dict[str, str] = {camel(key): column for column, key in {**TEXT_FIELDS, **_RATE_FIELDS}.items()} | {
    "nameKo": "Name", "nameEn": "Name", "descriptionKo": "Description", "descriptionEn": "Description",
    "sourceId": "ID", "year": "X-BioMap Year", "category": "X-BioMap Category",
    "specifications": "X-BioMap Specifications",
}
_VALIDATED_FIELDS = tuple(EquipmentFields.model_fields)


def _catalogue_problems(record: EquipmentRecord) -> list[str]:
    """What the API would refuse in this record (its own EquipmentFields rules): a file must not
    store what a manager could not."""
    try:
        validate(EquipmentFields, {name: getattr(record, name) for name in _VALIDATED_FIELDS})
    except ValidationFailed as failed:
        return [f"{_COLUMN_OF_FIELD.get(p.field or '', p.field)}: {p.message}" for p in failed.problems]
    return []


def _map_row(row: _Row, line: int, source_id: str | None, problems: list[str]) -> EquipmentRecord | None:
    """Build the record; returns None (with `problems` filled) when the row must be rejected."""
    typed = _biomap_values(row, problems)
    name_ko, name_en, names = _bilingual(row, _NAME_COLUMNS, "name", multiline=False)
    description_ko, description_en, descriptions = _bilingual(row, _DESCRIPTION_COLUMNS, "description", multiline=True)
    extra = _extra(row, row.text("Name"), problems)
    if not name_ko and not name_en:
        derived = _derived_name(description_en or description_ko)
        name_ko, name_en, names = (derived, "", {"name_ko"}) if has_hangul(derived) else ("", derived, {"name_en"})
        extra["name_from_description"] = True
    category = typed.pop("category") or guess_category(
        name_en, name_ko, row.text("Technique"), description_en, description_ko
    )
    texts = {key: row.text(column) for column, key in TEXT_FIELDS.items()}
    record = EquipmentRecord(
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
        given=_row_given(row, names | descriptions),
        **texts,
        **typed,
    )
    problems.extend(_catalogue_problems(record))
    return None if problems else record


# --------------------------------------------------------------------------------------------------
# Reading


class UniquipReader:
    """One pass over a decoded file; keeps the counters `parse_uniquip` reports."""

    def __init__(self, data: bytes) -> None:
        reject_non_text(data)
        text, self.encoding = decode(data)
        text = unicodedata.normalize("NFC", text)  # stored composed, as the API stores text
        self._lines = _split_lines(text.replace("\x00", ""))  # csv refuses NUL
        self._layout = _read_header(self._lines)
        self.skipped_facilities = 0
        self.total_rows = 0
        self._first_line_of_id: dict[str, int] = {}
        self._given_sets: dict[frozenset[str], frozenset[str]] = {}  # one shared set per distinct value

    def __iter__(self) -> Iterator[EquipmentRecord | RowError]:
        start: int | None = self._layout.header_index + 1
        while start is not None:
            start = yield from self._rows_from(start)

    def _rows_from(self, start: int) -> Generator[EquipmentRecord | RowError, None, int | None]:
        """The rows of lines[start:]. Returns None at the end of the file, or the line to go on at after
        a row whose quoting broke (the csv module cannot resynchronise by itself)."""
        lines, delimiter = self._lines, self._layout.delimiter
        reader = csv.reader((lines[i] for i in range(start, len(lines))), delimiter=delimiter, skipinitialspace=True)
        while True:
            first = start + reader.line_num  # the record's first line (0-based)
            try:
                cells = next(reader)
            except StopIteration:
                return None
            except csv.Error as exc:  # e.g. a field over the csv size limit
                resume, opened = scan_record(lines, first, delimiter)
                yield self._broken(first, unterminated(opened) if opened is not None else f"malformed CSV: {exc}")
                return resume
            end = start + reader.line_num
            # The csv module reads an unterminated quote to the next quote or the end of the file,
            # shifting fields and swallowing rows: records over several lines, and the last one, are
            # checked (cheaply, strictly first; the scan only when that fails).
            if (end - first > 1 or end == len(lines)) and not self._parses_strictly(first, end):
                resume, opened = scan_record(lines, first, delimiter)
                if opened is not None:
                    yield self._broken(first, unterminated(opened))
                    return resume
            item = self._row(_Row(cells, self._layout), first + 1)
            if item is not None:
                yield item

    def _parses_strictly(self, first: int, end: int) -> bool:
        try:
            for _ in csv.reader(self._lines[first:end], delimiter=self._layout.delimiter, skipinitialspace=True,
                                strict=True):
                pass
        except csv.Error:
            return False
        return True

    def _broken(self, first: int, reason: str) -> RowError:
        self.total_rows += 1
        return RowError(first + 1, reason, None)

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
        if record is None:
            return RowError(line, "; ".join(problems), source_id)
        if record.given is not None:
            record.given = self._given_sets.setdefault(record.given, record.given)
        return record


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


