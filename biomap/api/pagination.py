"""Relay cursor connections with keyset pagination on the primary key.

Lists fetch `first + 1` rows to know whether another page exists; `totalCount` is a separate
count that runs only when the client selects it.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

import strawberry

from biomap.errors import Invalid

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Cursors carry a bigint key (or a search offset): anything larger was never issued by this API.
MAX_CURSOR_VALUE = 2**63 - 1


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="All items matching the filters, across pages.")
    async def total_count(self) -> int:
        return await self._count()


def encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(f"c:{pk}".encode()).decode().rstrip("=")


def _padded(b64: str) -> str:
    return b64 + "=" * (-len(b64) % 4)


def decode_cursor(cursor: str | None) -> int:
    """The pk after which the page starts (0 = from the beginning)."""
    if cursor is None:
        return 0
    try:
        raw = base64.urlsafe_b64decode(_padded(cursor).encode()).decode()
        prefix, _, pk = raw.partition(":")
        value = int(pk)
        # Only what encode_cursor writes: int() alone also takes " 5", "+5", "5_0" and other digits.
        written = encode_cursor(value)
        if prefix != "c" or not 0 <= value <= MAX_CURSOR_VALUE or cursor not in (written, _padded(written)):
            raise ValueError
        return value
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise Invalid("'after' is not a cursor returned by this API", field="after") from None


def page_size(first: int | None) -> int:
    """`first` clamped to 1..100 (a larger request gets the first 100; negative is an error)."""
    if first is None:
        return DEFAULT_PAGE_SIZE
    if first < 0:
        raise Invalid("'first' must be 0 or more", field="first")
    return min(first, MAX_PAGE_SIZE)


def build_connection(
    rows: Sequence[R],
    size: int,
    pk: Callable[[R], int],
    nodes: Sequence[T],
    count: Callable[[], Awaitable[int]],
    after: int,
) -> Connection[T]:
    """`rows` holds up to size + 1 records, the extra one only telling that a next page exists;
    `nodes` are the API objects of the first `size` rows, in the same order."""
    edges = [Edge(cursor=encode_cursor(pk(row)), node=node) for row, node in zip(rows[:size], nodes, strict=True)]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(rows) > size,
            has_previous_page=after > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _count=count,
    )
