"""uvicorn factory: the real app with the validation-rule lever applied, to measure that lever over HTTP.

Identical to `biomap.asgi:app` except that the schema create_app builds goes through
`levers.with_stable_rules` (validation-rule classes made once, so ValidationCache hits). Patched
here, in the benchmark process only: biomap/ itself is not changed.

Run: uvicorn --factory lever_app:app --app-dir bench   (with the same BIOMAP_* environment)
"""

from __future__ import annotations

import levers
import strawberry
from starlette.applications import Starlette

import biomap.app
import biomap.asgi
from biomap.config import Settings

_create_schema = biomap.app.create_schema


def _create_schema_with_stable_rules(settings: Settings) -> strawberry.Schema:
    return levers.with_stable_rules(_create_schema(settings))


def app() -> Starlette:
    biomap.app.create_schema = _create_schema_with_stable_rules  # type: ignore[assignment]
    return biomap.asgi.app()
