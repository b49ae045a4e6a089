"""What search backends take and return. Backend-neutral: PostgreSQL and Meilisearch both speak it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

# Queries longer than this are refused with a clear error (documented in the README).
MAX_QUERY_LENGTH = 200


class SearchKind(str, Enum):
    EQUIPMENT = "EQUIPMENT"
    TECHNOLOGY = "TECHNOLOGY"
    TRAINEE = "TRAINEE"
    SUPPLIER = "SUPPLIER"  # sourcing: supplier profiles with their products (biomap/sourcing/search_documents.py)


# Fields a search can be filtered and faceted on. Values are the catalogue's enum values / ids.
FACET_FIELDS = ("kind", "zone", "institution", "category", "access_policy", "service_mode", "status")


@dataclass(frozen=True, slots=True)
class SearchFilter:
    """Values within a field are OR-ed, fields are AND-ed; None = no filter on that field.

    `price_min_krw` / `price_max_krw` bound the academic hourly rate (equipment only).
    `free_between` (aware start, end): only equipment that could be booked for that whole window
    (answered from the booking tables, so only equipment is returned).
    """

    zones: tuple[str, ...] | None = None
    institution_ids: tuple[int, ...] | None = None
    categories: tuple[str, ...] | None = None
    access_policies: tuple[str, ...] | None = None
    service_modes: tuple[str, ...] | None = None
    statuses: tuple[str, ...] | None = None
    price_min_krw: int | None = None
    price_max_krw: int | None = None
    free_between: tuple[dt.datetime, dt.datetime] | None = None


@dataclass(frozen=True, slots=True)
class SearchScope:
    """What the viewer may find — the same rules as reading the catalogue directly.

    - equipment: INTERNAL items only when `see_all_internal` or of `own_institution_id`;
    - trainees: visibility in `trainee_visibilities`, or of `managed_institution_id`.
    """

    see_all_internal: bool
    own_institution_id: int | None
    trainee_visibilities: tuple[str, ...]
    managed_institution_id: int | None


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """One searchable record: only allow-listed, non-personal fields (a trainee's full name and
    contacts never enter any index)."""

    kind: SearchKind
    entity_id: int
    institution_id: int | None  # None for suppliers (organisations, not institutions)
    zone: str
    title_ko: str
    title_en: str
    # model, manufacturer, course… (weight B), category labels (C), descriptions (D)
    secondary: str
    category_text: str
    body: str
    category: str | None = None
    access_policy: str | None = None
    service_mode: str | None = None
    status: str | None = None
    visibility: str | None = None
    rate_academic_krw: int | None = None
    institution_name: str = ""


@dataclass(frozen=True, slots=True)
class SearchRequest:
    text: str
    kinds: tuple[SearchKind, ...]
    filter: SearchFilter
    scope: SearchScope
    limit: int
    offset: int = 0


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: SearchKind
    entity_id: int
    score: float
    # field name -> snippet with matches wrapped in <mark>…</mark>
    highlights: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class Facet:
    field: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    hits: list[SearchHit]
    total: int
    facets: list[Facet]


@dataclass(frozen=True, slots=True)
class Suggestion:
    text: str
    kind: str  # "equipment", "category", "institution"
    extra: dict[str, Any] = field(default_factory=dict)
