"""Institution codes and names held in memory for search-as-you-type.

`suggest` runs on every keystroke; asking PostgreSQL for the institutions matching a prefix was
its second statement and 40 % of its database time. Institutions are public and change only when
an operator seeds or edits them, so each process keeps the list and reloads it after `ttl`
seconds: a new institution shows up in completions within a minute.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import asyncpg

from biomap.catalogue import institution_queries

DEFAULT_TTL_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class InstitutionName:
    code: str
    name_ko: str
    name_en: str


class InstitutionDirectory:
    """One per app process (`app.state.institution_directory`); concurrent reloads are harmless."""

    def __init__(self, ttl: float = DEFAULT_TTL_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._clock = clock
        self._names: tuple[InstitutionName, ...] = ()
        self._loaded_at: float | None = None

    async def names(self, conn: asyncpg.Connection) -> tuple[InstitutionName, ...]:
        """Every institution, ordered by code; read from the database at most once per `ttl`."""
        now = self._clock()
        if self._loaded_at is None or now - self._loaded_at >= self._ttl:
            rows = await institution_queries.institution_names(conn)
            self._names = tuple(InstitutionName(r["code"], r["name_ko"] or "", r["name_en"] or "") for r in rows)
            self._loaded_at = now
        return self._names


def by_prefix(names: Sequence[InstitutionName], prefix: str, limit: int) -> list[InstitutionName]:
    """Institutions whose English name (any case), Korean name or code (upper case) starts with
    `prefix`, in code order."""
    lower, upper = prefix.lower(), prefix.upper()
    found = [n for n in names
             if n.name_en.lower().startswith(lower) or n.name_ko.startswith(prefix) or n.code.startswith(upper)]
    return found[:limit]
