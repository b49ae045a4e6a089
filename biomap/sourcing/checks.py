"""Input checks shared by supplier and demand writes: each problem with its own code and field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import asyncpg

from biomap.errors import DomainError, Invalid, ValidationFailed
from biomap.sourcing import supplier_queries
from biomap.sourcing.models import HORIZON_DAYS
from biomap.sourcing.units import EVIDENCE_KINDS, UNITS


def unit_of(code: str, field: str, problems: list[DomainError]) -> Any:
    found = UNITS.get(code)
    if found is None:
        problems.append(Invalid(f"unknown unit '{code}': use one of {', '.join(sorted(UNITS))}", field=field,
                                code="UNKNOWN_UNIT"))
    return found


def non_negative(value: float | None, field: str, problems: list[DomainError]) -> None:
    if value is not None and value < 0:
        problems.append(Invalid("must be 0 or more", field=field, code="NEGATIVE_VALUE"))


def evidence_kind(kind: str, field: str, problems: list[DomainError]) -> None:
    if kind not in EVIDENCE_KINDS:
        problems.append(Invalid(f"unknown certification/evidence '{kind}': use one of {', '.join(EVIDENCE_KINDS)}",
                                field=field, code="UNKNOWN_EVIDENCE"))


def spec_values(specs: list[Any], problems: list[DomainError]) -> list[dict[str, Any]]:
    """A product's specifications with base values; an item validation refused (None) is skipped."""
    out, seen = [], set()
    for i, s in enumerate(specs):
        if s is None:
            continue
        u = unit_of(s.unit, f"specs.{i}.unit", problems)
        if s.key in seen:
            problems.append(Invalid(f"specification '{s.key}' is given twice", field=f"specs.{i}.key"))
        seen.add(s.key)
        if u is not None:
            out.append({"key": s.key, "value": s.value, "unit": s.unit, "value_base": s.value * u.factor,
                        "dimension": u.dimension})
    return out


def not_beyond_horizon(value: dt.date, today: dt.date, field: str, what: str, problems: list[DomainError]) -> None:
    """Dates at most HORIZON_DAYS (10 years) after today: later ones are typos, or 'infinity' in PostgreSQL."""
    latest = today + dt.timedelta(days=HORIZON_DAYS)
    if value > latest:
        problems.append(Invalid(f"{what} is more than 10 years ahead: give a date up to {latest.isoformat()}",
                                field=field))


def fail_if_any(problems: list[DomainError]) -> None:
    if problems:
        raise ValidationFailed(problems)


async def seoul_today(conn: asyncpg.Connection) -> dt.date:
    return await supplier_queries.seoul_today(conn)
