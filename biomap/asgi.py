"""ASGI entry point for uvicorn workers: `uvicorn --factory biomap.asgi:app`.

Settings come from the environment; `biomap serve` sets BIOMAP_DATABASE_URL (to the embedded
server when none was configured) before starting the workers.
"""

from __future__ import annotations

from starlette.applications import Starlette

from biomap.app import create_app
from biomap.config import Settings
from biomap.observability.logging import configure_logging


def app() -> Starlette:
    settings = Settings()
    configure_logging(settings.log_level)
    return create_app(settings)
