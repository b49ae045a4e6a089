"""Following a record's quoting over its lines, to find an unterminated quote: the csv module reads
one to the next quote or the end of the file, shifting fields and swallowing the rows after it."""

from __future__ import annotations

import re

_QUOTED_REST = re.compile(r'(?:[^"]|"")*+"')  # a quoted field's text up to its closing quote


def _skip_spaces(line: str, pos: int) -> int:
    while line.startswith(" ", pos):
        pos += 1
    return pos


def _field_end(line: str, pos: int, delimiter: str) -> int:
    """Where an unquoted field starting at `pos` ends: the next delimiter or line break."""
    ends = [end for end in (line.find(delimiter, pos), line.find("\r", pos), line.find("\n", pos)) if end >= 0]
    return min(ends, default=len(line))


def scan_record(lines: list[str], first: int, delimiter: str) -> tuple[int, int | None]:
    """Follow the quoting of the record that starts at lines[first] (RFC 4180, as the csv module with
    skipinitialspace reads it). Returns (index after the record's last line, None); or, for a quoted
    field that never closes or closes on a later line but not at the end of a field — an unterminated
    quote, which swallows the rows after it — (index after the line it opened on, that line). Text
    after a closing quote on the quote's own line is tolerated, as the csv module does."""
    i, pos = first, 0
    while True:
        pos = _skip_spaces(lines[i], pos)
        if lines[i].startswith('"', pos):
            opened, pos = i, pos + 1
            while (closing := _QUOTED_REST.match(lines[i], pos)) is None:
                i, pos = i + 1, 0
                if i == len(lines):
                    return opened + 1, opened
            pos = _skip_spaces(lines[i], closing.end())
            if i != opened and _field_end(lines[i], pos, delimiter) != pos:
                return opened + 1, opened
        pos = _field_end(lines[i], pos, delimiter)
        if not lines[i].startswith(delimiter, pos):
            return i + 1, None
        pos += len(delimiter)


def unterminated(opened: int) -> str:
    return (f"unterminated quoted field: the quote opened on line {opened + 1} is never properly closed, so "
            "this row is not imported (the lines after it are read as rows of their own)")
