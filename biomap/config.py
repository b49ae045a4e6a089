"""Settings from the environment (prefix BIOMAP_), validated once at start-up."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Environment(str, Enum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BIOMAP_", extra="ignore")

    environment: Environment = Environment.DEVELOPMENT
    # Empty: run on the embedded PostgreSQL kept in `data_dir`.
    database_url: str = ""
    data_dir: Path = Field(default=Path(".biomap"))
    # Demo data (JSON) loaded by `biomap seed` / `biomap demo`.
    seeds_dir: Path = Field(default=Path("seeds"))
    pool_min_size: int = 2
    pool_max_size: int = 10
    # Where users reach this deployment (used in exports and links).
    public_url: str = "http://127.0.0.1:8000"
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    log_level: str = "INFO"
    max_query_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    # A GraphQL request body larger than this is refused (413) before it is read whole or parsed.
    max_request_bytes: int = Field(default=1_048_576, ge=1024)
    # Search: "postgres" (default, in the database) or "meilisearch" (BIOMAP_MEILI_URL, _KEY, _INDEX).
    search_backend: str = Field(default="postgres", pattern="^(postgres|meilisearch)$")
    # Seconds an anonymous query's response may be served from the per-process micro-cache (0 = off).
    anonymous_cache_seconds: float = 1.0
    # Run the booking sweep (expiries, no-shows, reminders) inside the service every this many
    # seconds (0 = off: run `biomap booking sweep` from a scheduler). `biomap demo` sets 60.
    sweep_interval_seconds: float = Field(default=0.0, ge=0.0)
    # Seconds a worker may reuse a bearer token's viewer without asking the database (0 = off).
    # Revocations, disabled users and role changes still take effect at once: the database
    # notifies every worker, which empties its cache (biomap/identity/viewer_cache.py).
    token_cache_seconds: float = Field(default=30.0, ge=0.0)

    @property
    def is_production(self) -> bool:
        return self.environment is Environment.PRODUCTION
