from __future__ import annotations

import strawberry

from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.api.sourcing.errors import run_sourcing
from biomap.api.sourcing.mutations.product_create import ProductPayload
from biomap.api.sourcing.types import Product
from biomap.sourcing import supplier_queries, supplier_service


async def supplier_product_retire(info: Info, id: strawberry.ID) -> ProductPayload:
    """Take one of your products off matching (the record and its pipelines' history stay)."""
    product_id = pk_of(id, "Product") or 0

    async def work(conn):
        await supplier_service.retire_product(conn, info.context.viewer, product_id)
        return (await supplier_queries.products_by_ids(conn, [product_id]))[0]

    record, errors = await run_sourcing(info, work)
    return ProductPayload(product=Product.of(record) if record else None, errors=errors)
