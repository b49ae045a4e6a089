"""`flat_input`: the one-step build of scalar-only inputs gives exactly what Strawberry's own
field-by-field conversion gives, and types it would get wrong are refused at import time."""

from __future__ import annotations

import enum
from typing import Any

import pytest
import strawberry
from strawberry.types.arguments import convert_arguments
from strawberry.types.base import get_object_definition

from biomap.api.booking.inputs import RequestBookingInput
from biomap.api.flat_input import HOOK_AVAILABLE, flat_input
from biomap.api.schema import create_schema
from biomap.config import Settings

VALUES: list[dict[str, Any]] = [
    {"equipmentId": "RXF1aXBtZW50OjE", "start": "2026-12-10T10:00:00+09:00", "end": "2026-12-10T11:00:00+09:00"},
    {"equipmentId": "RXF1aXBtZW50OjI", "start": "2026-12-10T10:00:00+09:00", "end": "2026-12-10T12:30:00+09:00",
     "purpose": "LC-MS/MS 분석", "idempotencyKey": "k-1"},
    {"equipmentId": "RXF1aXBtZW50OjM", "start": "x", "end": "y", "purpose": "", "idempotencyKey": None},
]


def _request_booking_field() -> Any:
    schema = create_schema(Settings())
    mutation = schema.get_type_by_name("Mutation")
    assert mutation is not None
    field = next(f for f in mutation.fields if f.python_name == "request_booking")
    return schema, field


def test_request_booking_input_uses_the_hook() -> None:
    assert HOOK_AVAILABLE, "Strawberry lost the from_input hook: flat_input falls back to the slow path"
    assert get_object_definition(RequestBookingInput, strict=True).from_input is not None


@pytest.mark.parametrize("value", VALUES)
def test_same_instance_as_strawberrys_own_conversion(value: dict[str, Any]) -> None:
    schema, field = _request_booking_field()
    registry = schema.schema_converter.scalar_registry
    fast = convert_arguments({"input": value}, field.arguments, registry, schema.config)["input"]
    definition = get_object_definition(RequestBookingInput, strict=True)
    hook, definition.from_input = definition.from_input, None
    try:
        generic = convert_arguments({"input": value}, field.arguments, registry, schema.config)["input"]
    finally:
        definition.from_input = hook
    assert isinstance(fast, RequestBookingInput)
    assert fast == generic
    assert fast.purpose == value.get("purpose", "")  # an omitted field takes the class default


class Colour(enum.Enum):
    RED = "RED"


@strawberry.input
class Inner:
    name: str


def _input_with(annotation: Any) -> type:
    namespace = {"__annotations__": {"value": annotation}}
    return strawberry.input(type("Candidate", (), namespace))


@pytest.mark.parametrize("annotation", [
    strawberry.enum(Colour), list[str], Inner, strawberry.Maybe[str], strawberry.relay.GlobalID,
])
def test_types_that_need_converting_are_refused(annotation: Any) -> None:
    with pytest.raises(TypeError, match="not a plain scalar"):
        flat_input(_input_with(annotation))


def test_optional_scalars_are_accepted() -> None:
    cls = flat_input(_input_with(int | None))
    assert get_object_definition(cls, strict=True).from_input is not None
