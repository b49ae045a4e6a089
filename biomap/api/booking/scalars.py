"""DateTimeOffset: ISO 8601 with a UTC offset. Parsed by the booking service (not here), so a
timezone-less or malformed value becomes a payload error with its own code and field."""

from __future__ import annotations

import datetime as dt
from typing import NewType

import strawberry


def _serialize(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.datetime) else str(value)


DateTimeOffset = strawberry.scalar(
    NewType("DateTimeOffset", str),
    name="DateTimeOffset",
    description="An ISO 8601 date-time WITH its UTC offset, e.g. 2026-12-08T13:00:00+09:00. "
    "Values without an offset are refused (TIMEZONE_REQUIRED).",
    serialize=_serialize,
    parse_value=lambda v: v if isinstance(v, str) else str(v),
)
