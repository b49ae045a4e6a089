"""Per-request GraphQL context: the viewer, the database and this request's DataLoaders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from starlette.requests import Request
from strawberry.types import Info as _Info

from biomap.config import Settings
from biomap.db.pool import Database
from biomap.identity.models import Viewer

L = TypeVar("L")


@dataclass
class Context:
    request: Request
    db: Database
    viewer: Viewer
    settings: Settings
    # Set by mark_cacheable (to the operation's name) when the response may be cached for anonymous viewers.
    cacheable_operation: str | None = None
    _loader_groups: dict[Any, Any] = field(default_factory=dict)

    def loaders(self, group: Callable[[Database, Viewer], L]) -> L:
        """This request's instance of a domain's loader group (created on first use).

        Loaders live for one request only: a cache shared across requests would leak one viewer's
        data to another and serve stale rows on other replicas.
        """
        if group not in self._loader_groups:
            self._loader_groups[group] = group(self.db, self.viewer)
        return self._loader_groups[group]


Info = _Info[Context, None]
