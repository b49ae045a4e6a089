"""Pydantic validation at the service boundary, turned into field errors users can act on."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from biomap.errors import DomainError, Invalid, ValidationFailed

M = TypeVar("M", bound=BaseModel)

HTTP_URL = re.compile(r"^https?://\S+$")


def camel(name: str) -> str:
    """snake_case input names as the API spells them (camelCase), so errors point at the right field."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def field_path(loc: tuple[int | str, ...]) -> str | None:
    """An error location as the API spells the field: ('specs', 3, 'max_iso_class') -> 'specs.3.maxIsoClass'."""
    return ".".join(camel(str(part)) for part in loc) or None


def field_errors(exc: ValidationError) -> list[DomainError]:
    return [Invalid(err["msg"].removeprefix("Value error, "), field=field_path(err["loc"])) for err in exc.errors()]


def validate(model: type[M], data: Mapping[str, Any]) -> M:
    """Validate `data`; every failing field becomes one INVALID field error, all reported at once."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed(field_errors(exc)) from None


def validate_into(model: type[M], data: Mapping[str, Any], problems: list[DomainError]) -> M:
    """validate(), but the field errors are added to `problems` instead of raised, so that the caller's own
    checks (lookups, units) still run on the rest and every problem goes back at once.

    When something fails, the result is partial: each failing field is None (whatever its type) and left
    out of `model_fields_set`, and a failing item of a list of models is None in its place. Callers skip
    None where a value is required. For models without model validators (they would see partial models).
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(field_errors(exc))
    partial = model.model_construct(_fields_set=set())
    for name, info in model.model_fields.items():
        if name not in data:
            partial.__dict__.setdefault(name, None)  # defaults stay; a missing required field (reported) is None
            continue
        try:
            model.__pydantic_validator__.validate_assignment(partial, name, data[name])
        except ValidationError as exc:
            partial.__dict__[name] = _valid_items(info.annotation, data[name], exc)
    return partial


def refused(model: BaseModel, given: Iterable[str]) -> set[str]:
    """The `given` input names that validate_into() refused (left out of the partial model)."""
    return set(given) - model.model_fields_set


def _valid_items(annotation: Any, value: Any, exc: ValidationError) -> list[BaseModel | None] | None:
    """A list of models with its failing items as None; None when the value is not such a list or the list
    itself is refused (e.g. too long)."""
    item_model = _list_item_model(annotation)
    whole = any(len(err["loc"]) < 2 for err in exc.errors())
    if item_model is None or whole or not isinstance(value, list):
        return None
    items: list[BaseModel | None] = []
    for item in value:
        try:
            items.append(item_model.model_validate(item))
        except ValidationError:
            items.append(None)
    return items


def _list_item_model(annotation: Any) -> type[BaseModel] | None:
    """X for list[X] and list[X] | None when X is a model, else None."""
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        return item if isinstance(item, type) and issubclass(item, BaseModel) else None
    for arg in get_args(annotation):
        if get_origin(arg) is list:
            return _list_item_model(arg)
    return None


def http_url(value: str | None, what: str) -> str | None:
    """An http(s) address or empty: other schemes (javascript:, data:, ftp:) are never served as links."""
    if value and not HTTP_URL.match(value):
        raise ValueError(f"give an http(s):// address of the {what} (or leave it empty)")
    return value
