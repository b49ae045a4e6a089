"""validation.py: pydantic errors as field errors with their full path; validate_into keeps the valid rest."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ConfigDict, Field

from biomap.errors import DomainError, ValidationFailed
from biomap.validation import validate, validate_into


class _Item(BaseModel):
    key: str = Field(pattern=r"^[a-z]+$")
    max_iso_class: int | None = Field(default=None, ge=1)


class _Form(BaseModel):
    model_config = ConfigDict(extra="forbid")
    short_code: str = Field(max_length=3)
    count: int
    note: str = ""
    items: list[_Item] = Field(default_factory=list, max_length=3)


def test_validate_names_every_failing_field_by_its_full_path() -> None:
    with pytest.raises(ValidationFailed) as exc:
        validate(_Form, {"short_code": "toolong", "items": [{"key": "ok"}, {"key": "ok", "max_iso_class": 0},
                                                            {"key": "Not OK"}]})
    assert [p.field for p in exc.value.problems] == ["shortCode", "count", "items.1.maxIsoClass", "items.2.key"]


def test_validate_into_reports_and_keeps_the_valid_rest() -> None:
    problems: list[DomainError] = []
    form = validate_into(_Form, {"short_code": "toolong", "count": 2, "bogus": 1,
                                 "items": [{"key": "ok"}, {"key": "Not OK"}, {"key": "fine"}]}, problems)
    assert [p.field for p in problems] == ["shortCode", "items.1.key", "bogus"]
    # a failing field is None and not "set"; a failing item of a list of models is None in its place
    assert form.short_code is None and form.count == 2 and form.note == ""
    assert [i.key if i else None for i in form.items] == ["ok", None, "fine"]
    assert form.model_fields_set == {"count"}


def test_validate_into_drops_a_list_that_fails_as_a_whole_and_fills_missing_required_fields() -> None:
    problems: list[DomainError] = []
    form = validate_into(_Form, {"items": [{"key": "a"}] * 4}, problems)
    assert [p.field for p in problems] == ["shortCode", "count", "items"]
    assert form.items is None and form.short_code is None and form.count is None


def test_validate_into_returns_the_model_untouched_when_all_is_well() -> None:
    problems: list[DomainError] = []
    form = validate_into(_Form, {"short_code": "abc", "count": 1}, problems)
    assert problems == [] and form == _Form(short_code="abc", count=1)
    assert form.model_fields_set == {"short_code", "count"}
