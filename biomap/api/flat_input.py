"""Input objects of scalar fields, built in one step.

Strawberry converts an input object field by field: for each it resolves the field's type, checks
which kind of type it is and recurses, about 30 µs for the five scalars of `RequestBookingInput`,
a tenth of that mutation's Python work. For an input whose fields are all scalars (or optional
scalars) there is nothing to convert: graphql-core has already coerced every value
with the scalar's `parse_value`. `flat_input` gives such a type Strawberry's documented
`from_input` hook, which builds the instance from the coerced values directly.

Types with anything else (enums, lists, nested inputs, `Maybe`, relay GlobalIDs) are refused when the
module is imported, so the hook never skips a conversion Strawberry would have done.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

from strawberry.relay import GlobalID
from strawberry.scalars import is_scalar
from strawberry.types.base import (
    StrawberryMaybe,
    StrawberryObjectDefinition,
    StrawberryOptional,
    get_object_definition,
)

T = TypeVar("T", bound=type)

# Strawberry versions without the hook keep converting field by field (same result, slower).
HOOK_AVAILABLE = any(f.name == "from_input" for f in dataclasses.fields(StrawberryObjectDefinition))


def _is_plain(type_: Any, scalar_registry: Mapping[object, Any]) -> bool:
    """True when Strawberry's conversion of a value of `type_` returns the value unchanged."""
    if isinstance(type_, StrawberryMaybe):
        return False  # Some(...) wrapping, and nulls Strawberry validates itself
    if isinstance(type_, StrawberryOptional):
        return _is_plain(type_.of_type, scalar_registry)
    return type_ is not GlobalID and is_scalar(type_, scalar_registry)


def flat_input(cls: T) -> T:
    """Decorate a `@strawberry.input` class (above the strawberry decorator) whose fields are all
    scalars; raises TypeError at import time when one is not."""
    from strawberry.schema.types.scalar import DEFAULT_SCALAR_REGISTRY

    from biomap.api.scalars import SCALAR_MAP

    definition = get_object_definition(cls, strict=True)
    registry = {**DEFAULT_SCALAR_REGISTRY, **SCALAR_MAP}
    for field in definition.fields:
        if not _is_plain(field.resolve_type(type_definition=definition), registry):
            raise TypeError(f"{cls.__name__}.{field.python_name} is not a plain scalar: "
                            "flat_input would skip its conversion")
    if HOOK_AVAILABLE:
        definition.from_input = _from_input
    return cls


# (class, id of the schema's config) -> [(python name, GraphQL name)]; the names come from the
# schema's own name converter, on the first request.
_FIELD_NAMES: dict[tuple[type, int], list[tuple[str, str]]] = {}


def _from_input(cls: type, value: Mapping[str, Any], context: Any) -> Any:
    key = (cls, id(context.config))
    names = _FIELD_NAMES.get(key)
    if names is None:
        converter = context.config.name_converter
        definition = get_object_definition(cls, strict=True)
        names = _FIELD_NAMES[key] = [(f.python_name, converter.from_field(f)) for f in definition.fields]
    # Required fields are always present (graphql-core validated the value); omitted optional
    # ones take the class default, as Strawberry's own conversion does.
    return cls(**{python: value[graphql] for python, graphql in names if graphql in value})
