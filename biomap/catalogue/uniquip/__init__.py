"""uniquip CSV: read equipment lists published in the open uniquip format, and write Bio Map's export.

uniquip (see /work/shared/reference/uniquip.md) is a CSV with one row per facility or item of
equipment. This module is pure format code: bytes in, `EquipmentRecord`s out (and mappings in, CSV
text out). It knows nothing about the database, GraphQL or the network; the importer decides which
institution the records belong to and how to upsert them.

Reading is deliberately lenient where real files are messy, and strict where a value would corrupt
the catalogue:

* Encoding: UTF-8 with or without BOM. A file without BOM that is not UTF-8 but is entirely valid
  CP949 (Korean Excel's "CSV"; a superset of EUC-KR) and contains Hangul is decoded as CP949.
  Otherwise bytes that are not valid UTF-8 (stray cp1252 such as 0x96 en-dash or 0xE9 é, typical of
  files saved by Excel on Windows) are decoded as cp1252 — only those bytes, so a line mixing Korean
  UTF-8 and a cp1252 dash keeps both. The five bytes cp1252 leaves undefined fall back to latin-1
  (and, being C1 controls, are then cleaned away): decoding never raises. `ParseResult.encoding` is
  "utf-8", "utf-8-sig" (BOM), "cp949" or "utf-8+cp1252" (any fallback, with or without BOM).
* Quoting: a quoted field may span lines. One that never closes, or whose closing quote on a later
  line is followed by more text (an unbalanced quote that swallowed the rows after it), is a
  `RowError` naming the line the quote opened on; that row is not imported and reading goes on at
  the next line, so the rows after it are not lost. (Text after a closing quote on the quote's own
  line is kept, as the csv module reads it.) A field over the csv size limit is a `RowError` too.
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
  (extra["name_from_description"] = True), because the equipment table requires a name. (In Bio
  Map's export these flags travel in "X-BioMap Extra" and are not recomputed.)
* Bio Map's own "X-BioMap …" columns are validated strictly (they come from our export, so a bad
  value is an editing mistake that must not reach the database): a bad value is a `RowError` naming
  the column. In a file with X-BioMap columns every value is read exactly (only surrounding
  whitespace is stripped: tabs and line breaks stay), because they are the catalogue's own values.
* Every record must also pass the catalogue's own input rules (`EquipmentFields`, what the API
  accepts: http(s) photo, RRID shape, rates up to 100,000,000, name 300, NFEC 40, room 100
  characters…); a value it refuses is a `RowError` "<column>: <the API's message>".
* A cell starting with an apostrophe followed by = + - @ TAB or CR loses that one apostrophe: the
  writer adds it to neutralise spreadsheet formulas (`neutralise_formula`).
* `EquipmentRecord.given` says which fields the row's file carries (`reimport.reimported` changes
  only those in a stored record): columns present in the file; of a plain Name/Description only the
  language it is routed to (a blank one sets neither); enum, category and training cells only when
  not empty.

Writing (`write_uniquip`) produces UTF-8 text with no BOM (the caller opens the file, with
`newline=""` as the csv module requires); rows end with CRLF as RFC 4180 says. The export contains
every standard column, the aggregate columns and the X-BioMap columns: "Name"/"Description" hold
the English text, else the Korean, for other readers, and "X-BioMap Name KO/EN" and "X-BioMap
Description KO/EN" hold each language exactly; "X-BioMap Extra" holds the extra keys without a
column of their own (flags such as name_truncated). So export → import gives the same field values
back. Cells that would start a spreadsheet formula get a leading apostrophe. The spec's required
values are filled with fallbacks when a record lacks them (Contact Name "<institution> equipment
desk", Contact URL = the institution's URL when the record has no contact channel, Site Location =
the institution's name); when reading a Bio Map export (a file with X-BioMap columns) exactly these
fallbacks are recognised and dropped again.
"""

from biomap.catalogue.uniquip.categories import guess_category
from biomap.catalogue.uniquip.columns import (
    AGGREGATE_COLUMNS,
    BIOMAP_COLUMNS,
    CONTACT_KEYS,
    EXPORT_COLUMNS,
    EXTRA_KEYS,
    STANDARD_COLUMNS,
    TEXT_FIELDS,
    EquipmentRecord,
    ParseResult,
    RowError,
    UniquipFormatError,
    has_hangul,
)
from biomap.catalogue.uniquip.reader import UniquipReader, iter_uniquip, parse_uniquip
from biomap.catalogue.uniquip.reimport import reimported
from biomap.catalogue.uniquip.writer import write_uniquip

__all__ = [
    "AGGREGATE_COLUMNS", "BIOMAP_COLUMNS", "CONTACT_KEYS", "EXPORT_COLUMNS", "EXTRA_KEYS", "STANDARD_COLUMNS",
    "TEXT_FIELDS", "EquipmentRecord", "ParseResult", "RowError", "UniquipFormatError", "guess_category",
    "UniquipReader", "has_hangul", "iter_uniquip", "parse_uniquip", "reimported", "write_uniquip",
]
