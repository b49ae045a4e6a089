"""Small helpers for building static SQL text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def limited_to_ids(sql: str, column: str, ids: Sequence[int] | None) -> tuple[str, list[Any]]:
    """`sql` with its `{ids}` placeholder limited to `ids` (None = every row), and the arguments.

    Two statements, not `$1 IS NULL OR id = ANY($1)`: once PostgreSQL switches a prepared statement
    to its generic plan, that OR cannot use the primary key and scans the whole table."""
    if ids is None:
        return sql.replace("{ids}", "TRUE"), []
    return sql.replace("{ids}", f"{column} = ANY($1::bigint[])"), [list(ids)]
