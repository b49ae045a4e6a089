"""Sourcing root fields and node resolvers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry

from biomap.api.catalogue import enums as catalogue_enums
from biomap.api.context import Info
from biomap.api.errors import query_error
from biomap.api.node import Node, pk_of
from biomap.api.pagination import Connection, build_connection, decode_cursor, page_size
from biomap.api.sourcing import enums
from biomap.api.sourcing.loaders import SourcingLoaders
from biomap.api.sourcing.types import (
    Certification,
    Demand,
    DemandMatch,
    ItemProgress,
    LocalisationProgress,
    Material,
    Pipeline,
    Product,
    Supplier,
    SupplierMatch,
    ZoneProgress,
)
from biomap.errors import DomainError
from biomap.sourcing import demand_queries, material_queries, permissions, service, supplier_queries


@strawberry.type
class SourcingQuery:
    @strawberry.field(description="The 30 localisation items (a fixed list), by code.")
    async def materials(self, info: Info) -> list[Material]:
        async with info.context.db.connection() as conn:
            return [Material.of(m) for m in await material_queries.list_materials(conn)]

    @strawberry.field(description="One localisation item by its code, e.g. CELL_CULTURE_MEDIA.")
    async def material(self, info: Info, code: str) -> Material | None:
        async with info.context.db.connection() as conn:
            record = await material_queries.material_by_code(conn, code.strip().upper())
        return Material.of(record) if record else None

    @strawberry.field(description="Supplier profiles (public), optionally of some zones or offering an item.")
    async def suppliers(
        self, info: Info, first: int | None = None, after: str | None = None,
        zones: list[catalogue_enums.Zone] | None = None, material_code: str | None = None,
    ) -> Connection[Supplier]:
        try:
            size, after_id = page_size(first), decode_cursor(after)
        except DomainError as exc:
            raise query_error(exc) from None
        db = info.context.db
        zone_values = None if zones is None else [z.value for z in zones]
        async with db.connection() as conn:
            material_id = None
            if material_code is not None:
                material = await material_queries.material_by_code(conn, material_code.strip().upper())
                material_id = material.id if material else 0
            rows = await supplier_queries.list_suppliers(conn, zone_values, material_id, after_id, size + 1)

        async def count() -> int:
            async with db.connection() as conn:
                return await supplier_queries.count_suppliers(conn, zone_values, material_id)

        return build_connection(rows, size, lambda r: r.id, [Supplier.of(r) for r in rows[:size]], count, after_id)

    @strawberry.field(description="One supplier by its organisation code, e.g. BIOCS.")
    async def supplier(self, info: Info, code: str) -> Supplier | None:
        async with info.context.db.connection() as conn:
            record = await supplier_queries.supplier_by_code(conn, code.strip().upper())
        return Supplier.of(record) if record else None

    @strawberry.field(description="Demands you may see: your own (manufacturer), those open to you (supplier: "
                                  "ALL_SUPPLIERS or invited), all (city team).")
    async def demands(
        self, info: Info, first: int | None = None, after: str | None = None,
        statuses: list[enums.DemandStatus] | None = None,
    ) -> Connection[Demand]:
        viewer, db = info.context.viewer, info.context.db
        status_values = None if statuses is None else [s.value for s in statuses]
        try:
            size, after_id = page_size(first), decode_cursor(after)
            async with db.connection() as conn:
                rows, scope = await service.list_demands(conn, viewer, status_values, after_id, size + 1)
        except DomainError as exc:
            raise query_error(exc) from None

        async def count() -> int:
            async with db.connection() as conn:
                return await demand_queries.count_demands(conn, *scope, status_values)

        return build_connection(rows, size, lambda r: r.id, [Demand.of(r) for r in rows[:size]], count, after_id)

    @strawberry.field(description="Suppliers ranked for your demand, best first, each with its score and reasons. "
                                  "Suppliers missing a hard requirement never appear.")
    async def match_suppliers(self, info: Info, demand_id: strawberry.ID, first: int | None = None
                              ) -> list[SupplierMatch]:
        try:
            size = page_size(first)
            async with info.context.db.connection() as conn:
                found = await service.match_suppliers(conn, info.context.viewer, pk_of(demand_id, "Demand") or 0, size)
        except DomainError as exc:
            raise query_error(exc) from None
        loaders = info.context.loaders(SourcingLoaders)
        for _, supplier, product in found:  # came with the ranking: no further statements
            loaders.supplier_by_id.prime(supplier.id, supplier)
            loaders.product_by_id.prime(product.id, product)
        return [SupplierMatch.of(i, f) for i, (f, _, _) in enumerate(found, 1)]

    @strawberry.field(description="For a supplier: the open demands it matches and may see, best first.")
    async def matching_demands(self, info: Info, first: int | None = None) -> list[DemandMatch]:
        try:
            size = page_size(first)
            async with info.context.db.connection() as conn:
                facts = await service.matching_demands(conn, info.context.viewer, size)
        except DomainError as exc:
            raise query_error(exc) from None
        return [DemandMatch.of(i, f) for i, f in enumerate(facts, 1)]

    @strawberry.field(description="City team: per item status, candidates, pipelines, time per stage, covered "
                                  "import value; suppliers per zone.")
    async def localisation_progress(self, info: Info) -> LocalisationProgress:
        try:
            async with info.context.db.connection() as conn:
                items, zones = await service.localisation_progress(conn, info.context.viewer)
        except DomainError as exc:
            raise query_error(exc) from None
        return LocalisationProgress(
            items=[ItemProgress.of(i) for i in items], zones=[ZoneProgress.of(z) for z in zones],
            qualified_items=sum(1 for i in items if i.status.value == "QUALIFIED"),
            covered_krw=float(sum(i.covered_krw for i in items)),
            annual_import_krw=float(sum(i.annual_import_krw or 0 for i in items)),
        )


async def _material_node(info: Info, pk: int) -> Node | None:
    record = await info.context.loaders(SourcingLoaders).material_by_id.load(pk)
    return Material.of(record) if record else None


async def _supplier_node(info: Info, pk: int) -> Node | None:
    record = await info.context.loaders(SourcingLoaders).supplier_by_id.load(pk)
    return Supplier.of(record) if record else None


async def _product_node(info: Info, pk: int) -> Node | None:
    record = await info.context.loaders(SourcingLoaders).product_by_id.load(pk)
    return Product.of(record) if record else None


async def _certification_node(info: Info, pk: int) -> Node | None:
    record = await info.context.loaders(SourcingLoaders).certification_by_id.load(pk)
    return Certification.of(record) if record else None


async def _demand_node(info: Info, pk: int) -> Node | None:
    async with info.context.db.connection() as conn:
        record = await service.visible_demand(conn, info.context.viewer, pk)
    return Demand.of(record) if record else None


async def _pipeline_node(info: Info, pk: int) -> Node | None:
    loaders = info.context.loaders(SourcingLoaders)
    record = await loaders.pipeline_by_id.load(pk)
    if record is None:
        return None
    demand = await loaders.demand_by_id.load(record.demand_id)
    return Pipeline.of(record) if permissions.can_see_pipeline(info.context.viewer, record, demand) else None


NODE_RESOLVERS: dict[str, Callable[[Info, int], Awaitable[Node | None]]] = {
    "Material": _material_node,
    "Supplier": _supplier_node,
    "Product": _product_node,
    "Certification": _certification_node,
    "Demand": _demand_node,
    "Pipeline": _pipeline_node,
}
