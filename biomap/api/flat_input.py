"""Input objects of scalar fields, built in one step.

Strawberry converts an input object field by field: for each it resolves the field's type, checks
which kind of type it is and recurses: 27 µs for the five scalars of `RequestBookingInput`
(6.6 µs built in one step). For an input whose fields are all scalars (or optional
scalars) there is nothing to convert: graphql-core has already coerced every value
with the scalar's `parse_value`. `flat_input` gives such a type Strawberry's documented
`from_input` hook, which builds the instance from the coerced values directly.

Types with anything else (enums, lists, nested inputs, `Maybe`, relay GlobalIDs) are refused when the
module is imported, so the hook never skips a conversion Strawberry would have done. It is used on
the inputs of hot paths only (`requestBooking`, 500+ per second under load); elsewhere ~20 µs per
request do not matter and Strawberry's own conversion stays.
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


# Per schema (its name converter, held here: a process builds one, tests a few hundred) and class:
# [(python name, GraphQL name)], found on the first request by the schema's own converter. Keyed
# by the converter itself, not its id(), which a later converter could reuse.
_FIELD_NAMES: dict[Any, dict[type, list[tuple[str, str]]]] = {}


def _from_input(cls: type, value: Mapping[str, Any], context: Any) -> Any:
    converter = context.config.name_converter
    by_class = _FIELD_NAMES.get(converter)
    if by_class is None:
        by_class = _FIELD_NAMES[converter] = {}
    names = by_class.get(cls)
    if names is None:
        definition = get_object_definition(cls, strict=True)
        names = by_class[cls] = [(f.python_name, converter.from_field(f)) for f in definition.fields]
    # Required fields are always present (graphql-core validated the value); omitted optional
    # ones take the class default, as Strawberry's own conversion does.
    return cls(**{python: value[graphql] for python, graphql in names if graphql in value})
