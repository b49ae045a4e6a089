"""Catalogue root fields: lists as Relay connections, single objects, the taxonomy, node resolvers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry

from biomap.api.catalogue import enums
from biomap.api.catalogue.institution_filter import institution_pks
from biomap.api.catalogue.loaders import CatalogueLoaders
from biomap.api.catalogue.types import (
    Category,
    Equipment,
    EquipmentFilterInput,
    Institution,
    Technology,
    Trainee,
    equipment_filter,
    equipment_nodes,
)
from biomap.api.context import Info
from biomap.api.node import Node
from biomap.api.pagination import Connection, build_connection, decode_cursor, page_size
from biomap.catalogue import (
    institution_queries,
    service,
    technology_queries,
    trainee_queries,
)
from biomap.catalogue.models import InstitutionFilter
from biomap.catalogue.taxonomy import CATEGORIES
from biomap.catalogue.trainee_privacy import (
    can_view_profile,
    listable_visibilities,
    managed_centre,
)
from biomap.catalogue.trainee_queries import TraineeScope
from biomap.catalogue.visibility import can_see_equipment


@strawberry.type
class CatalogueQuery:
    @strawberry.field(description="Institutions of the cluster.")
    async def institutions(
        self, info: Info, first: int | None = None, after: str | None = None,
        zones: list[enums.Zone] | None = None, kinds: list[enums.InstitutionKind] | None = None,
    ) -> Connection[Institution]:
        size, after_id = page_size(first), decode_cursor(after)
        filt = InstitutionFilter(zones=tuple(zones) if zones else None, kinds=tuple(kinds) if kinds else None)
        db = info.context.db
        async with db.connection() as conn:
            rows = await institution_queries.list_institutions(conn, filt, after_id, size + 1)

        async def count() -> int:
            async with db.connection() as conn:
                return await institution_queries.count_institutions(conn, filt)

        return build_connection(rows, size, lambda r: r.id, [Institution.of(r) for r in rows[:size]], count, after_id)

    @strawberry.field(description="One institution by its code, e.g. ITP_BIO.")
    async def institution(self, info: Info, code: str) -> Institution | None:
        async with info.context.db.connection() as conn:
            record = await institution_queries.institution_by_code(conn, code.strip().upper())
        return Institution.of(record) if record else None

    @strawberry.field(description="Equipment the viewer may see, filtered; retired items only when asked for.")
    async def equipment(
        self, info: Info, first: int | None = None, after: str | None = None,
        filter: EquipmentFilterInput | None = None,
    ) -> Connection[Equipment]:
        size, after_id = page_size(first), decode_cursor(after)
        filt = await equipment_filter(info, filter)
        db, viewer = info.context.db, info.context.viewer
        async with db.connection() as conn:
            rows = await service.list_equipment(conn, viewer, filt, after_id, size + 1)

        async def count() -> int:
            async with db.connection() as conn:
                return await service.count_equipment(conn, viewer, filt)

        nodes = await equipment_nodes(info, rows[:size])
        return build_connection(rows, size, lambda r: r.id, nodes, count, after_id)

    @strawberry.field(description="Licensable technologies and analysis / CDMO / training services.")
    async def technologies(
        self, info: Info, first: int | None = None, after: str | None = None,
        institution_ids: list[strawberry.ID] | None = None, kinds: list[enums.TechnologyKind] | None = None,
        include_retired: bool = False,
    ) -> Connection[Technology]:
        size, after_id = page_size(first), decode_cursor(after)
        institutions = await institution_pks(info, institution_ids, "institutionIds")
        db = info.context.db
        async with db.connection() as conn:
            rows = await technology_queries.list_technologies(
                conn, institutions, kinds, include_retired, after_id, size + 1
            )

        async def count() -> int:
            async with db.connection() as conn:
                return await technology_queries.count_technologies(conn, institutions, kinds, include_retired)

        return build_connection(rows, size, lambda r: r.id, [Technology.of(r) for r in rows[:size]], count, after_id)

    @strawberry.field(description="Trainee profiles the viewer may see (see the README's privacy matrix).")
    async def trainees(
        self, info: Info, first: int | None = None, after: str | None = None,
        institution_ids: list[strawberry.ID] | None = None,
    ) -> Connection[Trainee]:
        size, after_id = page_size(first), decode_cursor(after)
        viewer = info.context.viewer
        scope = TraineeScope([v.value for v in listable_visibilities(viewer)], managed_centre(viewer))
        institutions = await institution_pks(info, institution_ids, "institutionIds")
        db = info.context.db
        async with db.connection() as conn:
            rows = await trainee_queries.list_trainees(conn, institutions, scope, after_id, size + 1)

        async def count() -> int:
            async with db.connection() as conn:
                return await trainee_queries.count_trainees(conn, institutions, scope)

        return build_connection(rows, size, lambda r: r.id, [Trainee.of(r) for r in rows[:size]], count, after_id)

    @strawberry.field(description="The fixed equipment taxonomy with Korean and English labels.")
    def categories(self) -> list[Category]:
        return [Category.of(c.code) for c in CATEGORIES]


async def _institution_node(info: Info, pk: int) -> Node | None:
    record = await info.context.loaders(CatalogueLoaders).institution_by_id.load(pk)
    return Institution.of(record) if record else None


async def _equipment_node(info: Info, pk: int) -> Node | None:
    record = await info.context.loaders(CatalogueLoaders).equipment_by_id.load(pk)
    if record is None or not can_see_equipment(info.context.viewer, record):
        return None
    return Equipment.of(record)


async def _technology_node(info: Info, pk: int) -> Node | None:
    record = await info.context.loaders(CatalogueLoaders).technology_by_id.load(pk)
    return Technology.of(record) if record else None


async def _trainee_node(info: Info, pk: int) -> Node | None:
    record = await info.context.loaders(CatalogueLoaders).trainee_by_id.load(pk)
    if record is None or not can_view_profile(info.context.viewer, record):
        return None
    return Trainee.of(record)


NODE_RESOLVERS: dict[str, Callable[[Info, int], Awaitable[Node | None]]] = {
    "Institution": _institution_node,
    "Equipment": _equipment_node,
    "Technology": _technology_node,
    "Trainee": _trainee_node,
}
