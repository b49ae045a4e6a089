"""Booking payload errors (`BookingError {code field message}`) and the transaction runner that
retries serialization failures and deadlocks."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import asyncpg
import strawberry

from biomap.api.context import Info
from biomap.api.errors import top_level
from biomap.booking.models import Code
from biomap.errors import DomainError, Forbidden, Unauthenticated, ValidationFailed

R = TypeVar("R")
RETRIES = 5

BookingErrorCode = strawberry.enum(Code, name="BookingErrorCode",
                                   description="Why a booking mutation did not do what was asked.")


@strawberry.type(description="A problem with a booking input, in the field it concerns.")
class BookingError:
    code: BookingErrorCode  # type: ignore[valid-type]
    field: str | None = strawberry.field(description="The input field (camelCase), or null for the whole input.")
    message: str


def booking_errors(exc: DomainError) -> list[BookingError]:
    if isinstance(exc, (Unauthenticated, Forbidden)):
        raise top_level(exc) from None
    problems = exc.problems if isinstance(exc, ValidationFailed) else [exc]
    return [BookingError(code=Code(p.code) if p.code in Code.__members__ else Code.INVALID, field=p.field,
                         message=p.message) for p in problems]


async def run_booking(info: Info, work: Callable[[asyncpg.Connection], Awaitable[R]], *,
                      transaction: bool = True) -> tuple[R | None, list[BookingError]]:
    """`work` in its own transaction (or, with transaction=False, on a bare connection, for work that
    keeps its own writes atomic); domain errors roll back and become payload errors; serialization
    failures and deadlocks are retried with a short jittered pause."""
    db = info.context.db
    for attempt in range(RETRIES):
        try:
            async with db.transaction() if transaction else db.connection() as conn:
                return await work(conn), []
        except DomainError as exc:
            return None, booking_errors(exc)
        except (asyncpg.SerializationError, asyncpg.DeadlockDetectedError):
            if attempt == RETRIES - 1:
                raise
            await asyncio.sleep(0.005 * (2**attempt))
    raise AssertionError("unreachable")
