"""Custom scalars shared by all domains. `SCALAR_MAP` is handed to the schema's StrawberryConfig."""

from __future__ import annotations

import datetime as dt
from typing import NewType

import strawberry
from strawberry.scalars import JSON
from strawberry.types.scalar import ScalarDefinition

# ISO 8601 WITH a UTC offset. Kept a string up to the service that parses it, so a timezone-less or
# malformed value becomes a field error with its own code (TIMEZONE_REQUIRED, INVALID_TIMESTAMP)
# rather than a GraphQL coercion error.
DateTimeOffset = NewType("DateTimeOffset", str)


def _serialize_instant(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.datetime) else str(value)


SCALAR_MAP: dict[object, ScalarDefinition] = {
    DateTimeOffset: strawberry.scalar(
        name="DateTimeOffset",
        description="An ISO 8601 date-time WITH its UTC offset, e.g. 2026-12-08T13:00:00+09:00. "
        "Values without an offset are refused (TIMEZONE_REQUIRED).",
        serialize=_serialize_instant,
        parse_value=lambda v: v if isinstance(v, str) else str(v),
    ),
}

__all__ = ["JSON", "DateTimeOffset", "SCALAR_MAP"]
