"""Typed domain errors. Services raise them; the API layer turns them into payload or top-level errors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


class DomainError(Exception):
    """A failure the user can act on: `code` is stable, `message` says what to do, `field` where."""

    code: str = "INVALID"

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code


class NotFound(DomainError):
    code = "NOT_FOUND"


class Invalid(DomainError):
    code = "INVALID"


class Conflict(DomainError):
    code = "CONFLICT"


class Forbidden(DomainError):
    """The viewer may not do this. Surfaces as a top-level GraphQL error, never as a payload error."""

    code = "FORBIDDEN"


class Unauthenticated(DomainError):
    code = "UNAUTHENTICATED"


class ValidationFailed(DomainError):
    """Several field problems at once, so a form can show all of them."""

    code = "INVALID"

    def __init__(self, problems: list[DomainError]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


# What an input check raises: collected with the other checks' problems, not raised at once.
_INPUT_ERRORS = (ValidationFailed, Invalid, NotFound)


def _problems_of(exc: DomainError) -> list[DomainError]:
    return exc.problems if isinstance(exc, ValidationFailed) else [exc]


def checked(check: Callable[[], T], problems: list[DomainError]) -> T | None:
    """Run one input check; what it refuses (one problem, or each of a ValidationFailed) joins
    `problems` instead of stopping the other checks. None when it refused."""
    try:
        return check()
    except _INPUT_ERRORS as exc:
        problems.extend(_problems_of(exc))
    return None


async def checked_async(check: Awaitable[T], problems: list[DomainError]) -> T | None:
    """`checked` for a check that needs the database (ids to resolve)."""
    try:
        return await check
    except _INPUT_ERRORS as exc:
        problems.extend(_problems_of(exc))
    return None


def raise_problems(problems: list[DomainError]) -> None:
    """Every problem at once; a single one as itself (its own code, e.g. NOT_FOUND)."""
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise ValidationFailed(problems)
