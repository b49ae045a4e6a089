"""Pydantic validation at the service boundary, turned into field errors users can act on."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from biomap.errors import Invalid, ValidationFailed

M = TypeVar("M", bound=BaseModel)


def camel(name: str) -> str:
    """snake_case input names as the API spells them (camelCase), so errors point at the right field."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def validate(model: type[M], data: dict[str, Any]) -> M:
    """Validate `data`; every failing field becomes one INVALID field error, all reported at once."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            field = camel(str(err["loc"][0])) if err["loc"] else None
            message = err["msg"].removeprefix("Value error, ")
            problems.append(Invalid(message, field=field))
        raise ValidationFailed(problems) from None
