from __future__ import annotations

import strawberry

from biomap.api.context import Info
from biomap.api.sourcing.errors import SourcingError, run_sourcing
from biomap.api.sourcing.inputs import SupplierProfileInput, plain
from biomap.api.sourcing.types import Supplier
from biomap.sourcing import supplier_queries, supplier_service


@strawberry.type
class SupplierProfilePayload:
    supplier: Supplier | None
    errors: list[SourcingError]


async def supplier_profile_update(info: Info, input: SupplierProfileInput) -> SupplierProfilePayload:
    """Create or change your organisation's supplier profile (SUPPLIER users of that organisation only)."""
    values = plain(input)

    async def work(conn):
        supplier_id = await supplier_service.update_supplier_profile(conn, info.context.viewer, values)
        return (await supplier_queries.suppliers_by_ids(conn, [supplier_id]))[0]

    record, errors = await run_sourcing(info, work)
    return SupplierProfilePayload(supplier=Supplier.of(record) if record else None, errors=errors)
