"""The one way mutations run: a transaction per mutation, domain errors into payload errors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any, TypeVar

import asyncpg
import strawberry

from biomap.api.context import Info
from biomap.api.errors import UserError, user_errors
from biomap.api.node import pk_of
from biomap.errors import DomainError

R = TypeVar("R")


async def run_in_transaction(
    info: Info,
    work: Callable[[asyncpg.Connection], Awaitable[R]],
    *,
    field_paths: dict[str, str] | None = None,
) -> tuple[R | None, list[UserError]]:
    """Run `work` in its own transaction. A domain error rolls everything back (audit and outbox rows
    included) and comes back as payload errors; permission errors become top-level errors.
    `field_paths` renames service field names to where they sit in the input (e.g. nested objects)."""
    try:
        async with info.context.db.transaction() as conn:
            return await work(conn), []
    except DomainError as exc:
        errors = user_errors(exc)
        if field_paths:
            for error in errors:
                error.field = field_paths.get(error.field or "", error.field)
        return None, errors


def input_values(given: object, *, ids: dict[str, str] | None = None) -> dict[str, Any]:
    """A strawberry input as a dict of snake_case values that were actually sent.

    Fields left out (UNSET) are absent, explicit nulls stay None, enums become their values, and
    the global-ID fields named in `ids` (field -> type name) are decoded to primary keys (0 when the
    id is not of that type, which the service reports as not found).
    """
    values: dict[str, Any] = {}
    for name, value in vars(given).items():
        if value is strawberry.UNSET:
            continue
        if ids and name in ids and value is not None:
            value = pk_of(value, ids[name]) or 0
        elif isinstance(value, Enum):
            value = value.value
        values[name] = value
    return values
