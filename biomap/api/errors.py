"""How domain errors reach GraphQL clients.

- Field problems (validation, unknown ids, conflicts) are payload errors `{code field message}`
  beside the unchanged object, so a form can show them.
- Authentication and permission failures are top-level GraphQL errors with
  `extensions.code` UNAUTHENTICATED / FORBIDDEN (not masked: the client must know).
- Anything else is masked as "Unexpected error." by the MaskErrors extension.
"""

from __future__ import annotations

from enum import Enum

import asyncpg
import strawberry

from biomap.errors import DomainError, Forbidden, Unauthenticated, ValidationFailed
from graphql import GraphQLError


@strawberry.enum(description="Why a mutation did not do what was asked.")
class ErrorCode(Enum):
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"


@strawberry.type(description="A problem with the input, in the field it concerns.")
class UserError:
    code: ErrorCode
    field: str | None = strawberry.field(description="The input field (camelCase), or null for the whole input.")
    message: str


class ClientError(GraphQLError):
    """A deliberate top-level error (permission or bad argument) that MaskErrors lets through."""


def top_level(exc: Unauthenticated | Forbidden) -> ClientError:
    return ClientError(exc.message, extensions={"code": exc.code})


def user_errors(exc: DomainError) -> list[UserError]:
    """Payload errors for a domain error; permission errors are re-raised as top-level errors."""
    if isinstance(exc, (Unauthenticated, Forbidden)):
        raise top_level(exc) from None
    problems = exc.problems if isinstance(exc, ValidationFailed) else [exc]
    return [UserError(code=ErrorCode(p.code if p.code in ErrorCode.__members__ else "INVALID"),
                      field=p.field, message=p.message) for p in problems]


def _extensions(exc: DomainError) -> dict[str, object]:
    if isinstance(exc, (Unauthenticated, Forbidden)):
        return {"code": exc.code}
    problems = exc.problems if isinstance(exc, ValidationFailed) else [exc]
    return {"code": problems[0].code, "fields": [p.field for p in problems if p.field],
            "problems": [{"code": p.code, "field": p.field, "message": p.message} for p in problems]}


def query_error(exc: DomainError) -> GraphQLError:
    """A domain error raised while reading: a top-level error naming the argument at fault."""
    return ClientError(exc.message, extensions=_extensions(exc))


UNSTORABLE_TEXT = "remove the NUL character (U+0000) from the text you sent: it cannot be stored"


def with_domain_extensions(error: GraphQLError) -> GraphQLError:
    """A domain error that a resolver let through as it was gets the same `extensions` (code,
    fields, problems) as one the resolver turned into a `query_error` itself. Text PostgreSQL refused
    to store (U+0000, which no service checked for) is the client's mistake, said as such."""
    original = error.original_error
    if isinstance(original, asyncpg.CharacterNotInRepertoireError):
        return ClientError(UNSTORABLE_TEXT, nodes=error.nodes, source=error.source, positions=error.positions,
                           path=error.path, extensions={"code": "INVALID"})
    if not isinstance(original, DomainError) or error.extensions:
        return error
    return GraphQLError(error.message, nodes=error.nodes, source=error.source, positions=error.positions,
                        path=error.path, original_error=original, extensions=_extensions(original))


def should_mask(error: GraphQLError) -> bool:
    """Mask unexpected exceptions; keep GraphQL syntax/validation errors and our permission errors."""
    original = error.original_error
    if original is None:
        return False
    if isinstance(original, (ClientError, DomainError, asyncpg.CharacterNotInRepertoireError)):
        return False
    return not isinstance(original, GraphQLError)
