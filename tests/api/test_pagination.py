"""Cursors: only what this API wrote is read back."""

from __future__ import annotations

import base64

import pytest

from biomap.api.pagination import decode_cursor, encode_cursor
from biomap.errors import Invalid


def _b64(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode()


@pytest.mark.parametrize("position", [0, 1, 5, 50, 1000, 2**40])
def test_issued_cursors_read_back_with_or_without_padding(position: int) -> None:
    cursor = encode_cursor(position)
    assert decode_cursor(cursor) == position
    assert decode_cursor(_b64(f"c:{position}")) == position  # the same, base64 padding kept


@pytest.mark.parametrize("raw", ["c: 5", "c:+5", "c:5_0", "c:\u0665", "c:05", "c:5 ", "c:-1", "x:5", "c:",
                                 "c:5\n"])
def test_cursors_this_api_never_wrote_are_refused(raw: str) -> None:
    with pytest.raises(Invalid, match="not a cursor returned by this API"):
        decode_cursor(_b64(raw))


@pytest.mark.parametrize("junk", ["x!", "====", "="])
def test_a_real_cursor_with_junk_after_it_is_refused(junk: str) -> None:
    cursor = encode_cursor(4)  # "Yzo0": no padding of its own, so one "=" is junk too
    with pytest.raises(Invalid):
        decode_cursor(cursor + junk)
