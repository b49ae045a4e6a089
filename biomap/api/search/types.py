"""GraphQL types of search results."""

from __future__ import annotations

from typing import Annotated

import strawberry

from biomap.api.scalars import DateTimeOffset
from biomap.api.catalogue import enums
from biomap.api.catalogue.types import Equipment, Technology, Trainee
from biomap.api.pagination import PageInfo
from biomap.api.sourcing.types import Supplier
from biomap.search import models

SearchKind = strawberry.enum(models.SearchKind)

SearchResultNode = Annotated[Equipment | Technology | Trainee | Supplier, strawberry.union("SearchResultNode")]


@strawberry.input(description="A time window [start, end), both with their UTC offset.")
class TimeWindowInput:
    start: DateTimeOffset
    end: DateTimeOffset


@strawberry.input(description="Search filters; values within a field are OR-ed, fields are AND-ed.")
class SearchFilterInput:
    zones: list[enums.Zone] | None = None
    institution_ids: list[strawberry.ID] | None = None
    categories: list[enums.EquipmentCategory] | None = None
    access_policies: list[enums.AccessPolicy] | None = None
    service_modes: list[enums.ServiceMode] | None = None
    statuses: list[enums.EquipmentStatus] | None = strawberry.field(
        default=None, description="Default: everything but RETIRED."
    )
    price_min_krw: int | None = strawberry.field(default=None, description="Academic hourly rate, at least.")
    price_max_krw: int | None = strawberry.field(default=None, description="Academic hourly rate, at most.")
    free_between: TimeWindowInput | None = strawberry.field(
        default=None, description="Only equipment that can be booked for this whole window: open then (its "
                                  "opening hours, Asia/Seoul), no maintenance or blackout, no booking or request "
                                  "holding any of it. At most 31 days; only equipment is returned.")


@strawberry.type(description="A matched field with the query's words wrapped in <mark>…</mark> (HTML-escaped).")
class Highlight:
    field: str
    snippet: str


@strawberry.type
class SearchEdge:
    cursor: str
    score: float = strawberry.field(description="Relevance; higher is better (0 when browsing).")
    highlights: list[Highlight]
    node: SearchResultNode


@strawberry.type
class SearchFacetValue:
    value: str
    label: str
    count: int


@strawberry.type(description="Counts per value of one field over all matches (same rules as the hits).")
class SearchFacet:
    field: str
    values: list[SearchFacetValue]


@strawberry.type
class SearchConnection:
    total_count: int
    facets: list[SearchFacet]
    edges: list[SearchEdge]
    page_info: PageInfo


@strawberry.type(description="A completion for search-as-you-type.")
class SearchSuggestion:
    text: str
    kind: str = strawberry.field(description="equipment, category or institution")
    code: str | None = strawberry.field(description="The category or institution code, when there is one.")
