"""`search` and `suggest` root fields."""

from __future__ import annotations

import datetime as dt

import strawberry

from biomap.api.catalogue.institution_filter import institution_pks
from biomap.api.catalogue.loaders import CatalogueLoaders
from biomap.api.catalogue.types import Equipment, Technology, Trainee
from biomap.api.context import Info
from biomap.api.errors import query_error
from biomap.api.node import to_global_id
from biomap.api.pagination import PageInfo, decode_cursor, encode_cursor, page_size
from biomap.api.search.facet_labels import facet_label
from biomap.api.search.types import (
    Highlight,
    SearchConnection,
    SearchEdge,
    SearchFacet,
    SearchFacetValue,
    SearchFilterInput,
    SearchKind,
    SearchSuggestion,
    TimeWindowInput,
)
from biomap.api.sourcing.loaders import SourcingLoaders
from biomap.api.sourcing.types import Supplier
from biomap.booking.rules import parse_instant
from biomap.catalogue.search_documents import search_scope, suggest_catalogue
from biomap.catalogue.trainee_privacy import can_view_profile
from biomap.catalogue.visibility import can_see_equipment
from biomap.errors import DomainError, Invalid, checked, checked_async, raise_problems
from biomap.search import service as search_service
from biomap.search.models import SearchFilter, SearchHit, SearchResult


def _window(given: TimeWindowInput | None, problems: list[DomainError]) -> tuple[dt.datetime, dt.datetime] | None:
    if given is None:
        return None
    bounds, before = [], len(problems)
    for name, value in (("start", given.start), ("end", given.end)):
        parsed, problem = parse_instant(value, f"filter.freeBetween.{name}")
        bounds.append(parsed)
        if problem is not None:
            problems.append(Invalid(problem.message, field=problem.field, code=problem.code.value))
    return None if len(problems) > before else (bounds[0], bounds[1])


async def _filter(info: Info, given: SearchFilterInput | None, problems: list[DomainError]) -> SearchFilter:
    """The filter with what could be read of it; what could not joins `problems` (the rest is
    still built, so its own checks run too)."""
    if given is None:
        return SearchFilter()

    def values(items: list | None) -> tuple[str, ...] | None:
        # an empty list constrains nothing, like `kinds: []` (no box ticked means every value)
        return tuple(i.value for i in items) if items else None

    return SearchFilter(
        zones=values(given.zones),
        institution_ids=await checked_async(
            institution_pks(info, given.institution_ids, "filter.institutionIds"), problems),
        categories=values(given.categories), access_policies=values(given.access_policies),
        service_modes=values(given.service_modes), statuses=values(given.statuses),
        price_min_krw=given.price_min_krw, price_max_krw=given.price_max_krw,
        free_between=_window(given.free_between, problems),
    )


async def _nodes(info: Info, hits: list[SearchHit]) -> dict[tuple[str, int], object]:
    """The hits' objects, loaded in one batch per kind and checked once more against the viewer."""
    loaders = info.context.loaders(CatalogueLoaders)
    viewer = info.context.viewer
    by_kind: dict[str, list[int]] = {}
    for hit in hits:
        by_kind.setdefault(hit.kind.value, []).append(hit.entity_id)
    nodes: dict[tuple[str, int], object] = {}
    for record in await loaders.equipment_by_id.load_many(by_kind.get("EQUIPMENT", [])):
        if record is not None and can_see_equipment(viewer, record):
            nodes[("EQUIPMENT", record.id)] = Equipment.of(record)
    for record in await loaders.technology_by_id.load_many(by_kind.get("TECHNOLOGY", [])):
        if record is not None and not record.retired:
            nodes[("TECHNOLOGY", record.id)] = Technology.of(record)
    for record in await loaders.trainee_by_id.load_many(by_kind.get("TRAINEE", [])):
        if record is not None and can_view_profile(viewer, record):
            nodes[("TRAINEE", record.id)] = Trainee.of(record)
    if by_kind.get("SUPPLIER"):  # supplier profiles are public
        suppliers = info.context.loaders(SourcingLoaders).supplier_by_id
        for record in await suppliers.load_many(by_kind["SUPPLIER"]):
            if record is not None:
                nodes[("SUPPLIER", record.id)] = Supplier.of(record)
    return nodes


async def _facets(info: Info, result: SearchResult) -> list[SearchFacet]:
    institution_ids = [int(v.value) for f in result.facets if f.field == "institution" for v in f.values]
    loader = info.context.loaders(CatalogueLoaders).institution_by_id
    names = {i.id: i.name_ko or i.name_en for i in await loader.load_many(institution_ids) if i is not None}

    def value_of(field: str, value: str) -> str:
        return to_global_id("Institution", int(value)) if field == "institution" else value

    return [
        SearchFacet(field=f.field, values=[
            SearchFacetValue(value=value_of(f.field, v.value), label=facet_label(f.field, v.value, names), count=v.count)
            for v in f.values
        ])
        for f in result.facets
    ]


@strawberry.type
class SearchQuery:
    @strawberry.field(description="Search equipment, technologies and trainees in Korean or English "
                                  "(typos, spacing, particles, abbreviations and loanwords tolerated). "
                                  "An empty query with filters browses. At most 200 characters.")
    async def search(
        self, info: Info, query: str, kinds: list[SearchKind] | None = None,
        filter: SearchFilterInput | None = None, first: int | None = 20, after: str | None = None,
    ) -> SearchConnection:
        try:
            # Every problem of the request at once, before taking a connection (ids may load institutions).
            problems: list[DomainError] = []
            size = checked(lambda: page_size(first), problems)
            offset = checked(lambda: decode_cursor(after), problems)
            search_filter = await _filter(info, filter, problems)
            problems += search_service.request_problems(query, search_filter, offset or 0)[1]
            raise_problems(problems)
            assert size is not None and offset is not None  # checked above
            viewer = info.context.viewer
            async with info.context.db.connection() as conn:
                result = await search_service.search(
                    conn, query, search_scope(viewer), kinds=tuple(kinds) if kinds else None,
                    filter=search_filter, first=size + 1, offset=offset,
                    viewer_role=viewer.role.value if viewer.role else None,
                    backend=info.context.request.app.state.search_backend,
                )
        except DomainError as exc:
            raise query_error(exc) from None
        page = result.hits[:size]
        nodes = await _nodes(info, page)
        edges = [
            SearchEdge(
                cursor=encode_cursor(offset + position + 1), score=round(hit.score, 4),
                highlights=[Highlight(field=k, snippet=v) for k, v in hit.highlights.items()],
                node=nodes[(hit.kind.value, hit.entity_id)],
            )
            for position, hit in enumerate(page)
            if (hit.kind.value, hit.entity_id) in nodes
        ]
        return SearchConnection(
            total_count=result.total, facets=await _facets(info, result), edges=edges,
            page_info=PageInfo(
                has_next_page=len(result.hits) > size, has_previous_page=offset > 0,
                start_cursor=edges[0].cursor if edges else None, end_cursor=edges[-1].cursor if edges else None,
            ),
        )

    @strawberry.field(description="Completions for search-as-you-type: equipment names, categories, institutions.")
    async def suggest(self, info: Info, prefix: str, first: int | None = 8) -> list[SearchSuggestion]:
        try:
            limit = search_service.suggestion_count(first)
            if limit == 0:
                return []
            async with info.context.db.connection() as conn:
                names = await search_service.suggest(
                    conn, prefix, search_scope(info.context.viewer), first=limit,
                    backend=info.context.request.app.state.search_backend,
                )
                institutions = await info.context.request.app.state.institution_directory.names(conn)
        except DomainError as exc:
            raise query_error(exc) from None
        others = suggest_catalogue(search_service.clean_query(prefix, "prefix"), limit, institutions)
        # categories and institutions take up to half the list (at least one place), names the rest;
        # places the names leave empty go to more categories and institutions
        head = others[: max(1, limit // 2)]
        merged = [*head, *names][:limit]
        merged += others[len(head):][: limit - len(merged)]
        return [SearchSuggestion(text=s.text, kind=s.kind, code=s.extra.get("code")) for s in merged]
