"""Sourcing payload errors: `{code field message}` with the domain's own codes (see enums)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import asyncpg
import strawberry

from biomap.api.context import Info
from biomap.api.errors import top_level
from biomap.api.sourcing.enums import SourcingErrorCode
from biomap.errors import DomainError, Forbidden, Unauthenticated, ValidationFailed
from biomap.validation import camel

R = TypeVar("R")


@strawberry.type(description="A problem with a sourcing input, in the field it concerns.")
class SourcingError:
    code: SourcingErrorCode
    field: str | None = strawberry.field(description="The input field (camelCase, list items as specs.0.min).")
    message: str


def _field(field: str | None) -> str | None:
    if field is None:
        return None
    return ".".join(camel(part) for part in field.split("."))


def sourcing_errors(exc: DomainError) -> list[SourcingError]:
    if isinstance(exc, (Unauthenticated, Forbidden)):
        raise top_level(exc) from None
    problems = exc.problems if isinstance(exc, ValidationFailed) else [exc]
    return [SourcingError(code=SourcingErrorCode(p.code) if p.code in SourcingErrorCode.__members__
                          else SourcingErrorCode.INVALID, field=_field(p.field), message=p.message)
            for p in problems]


async def run_sourcing(
    info: Info, work: Callable[[asyncpg.Connection], Awaitable[R]]
) -> tuple[R | None, list[SourcingError]]:
    """Run `work` in its own transaction; a domain error rolls everything back (audit rows too)."""
    try:
        async with info.context.db.transaction() as conn:
            return await work(conn), []
    except DomainError as exc:
        return None, sourcing_errors(exc)
