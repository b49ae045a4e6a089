"""Decoding a uniquip file's bytes, and refusing what cannot be CSV text (see the package docstring)."""

from __future__ import annotations

from biomap.catalogue.uniquip.columns import _CP1252, _SURROGATES, UniquipFormatError, has_hangul


def decode(data: bytes) -> tuple[str, str]:
    """Decode UTF-8 (BOM optional); a file that is not UTF-8 but is Korean CP949 is read as CP949;
    otherwise the bytes that are not UTF-8 are read as cp1252. Never raises."""
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    # surrogateescape turns each undecodable byte into U+DC80+byte, in one linear pass; those runs are
    # then re-read as cp1252 — so only the offending bytes are reinterpreted, not their whole line.
    text = data.decode("utf-8", errors="surrogateescape")
    if not _SURROGATES.search(text):
        return text, "utf-8-sig" if bom else "utf-8"
    korean = None if bom else _cp949(data)  # a BOM says UTF-8: stray bytes there are cp1252
    if korean is not None:
        return korean, "cp949"
    text = _SURROGATES.sub(lambda m: "".join(_CP1252[ord(c) - 0xDC00] for c in m.group()), text)
    return text, "utf-8+cp1252"


def _cp949(data: bytes) -> str | None:
    """The text of a CP949 (Korean Excel's CSV; a superset of EUC-KR) file, or None when `data` is not
    entirely valid CP949 or has no Hangul. UTF-8 Korean and cp1252 accents almost never form valid
    CP949 pairs throughout a file, so a file with a stray cp1252 byte keeps the byte-wise fallback."""
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        return None
    return text if has_hangul(text) else None


def reject_non_text(data: bytes) -> None:
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
