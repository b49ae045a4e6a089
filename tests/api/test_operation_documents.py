"""Every operation document in graphql/operations/ is valid against the schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from biomap.api.schema import create_schema
from biomap.config import Settings
from graphql import parse, validate

OPERATIONS = sorted((Path(__file__).resolve().parents[2] / "graphql" / "operations").glob("*.graphql"))


@pytest.mark.parametrize("path", OPERATIONS, ids=lambda p: p.name)
def test_operation_document_is_valid(path: Path) -> None:
    schema = create_schema(Settings())._schema
    errors = validate(schema, parse(path.read_text(encoding="utf-8")))
    assert errors == [], errors


def test_there_are_operation_documents() -> None:
    assert OPERATIONS
