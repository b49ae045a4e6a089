from __future__ import annotations

from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.api.sourcing.errors import run_sourcing
from biomap.api.sourcing.inputs import ProductUpdateInput, plain
from biomap.api.sourcing.mutations.product_create import ProductPayload
from biomap.api.sourcing.types import Product
from biomap.sourcing import supplier_queries, supplier_service


async def supplier_product_update(info: Info, input: ProductUpdateInput) -> ProductPayload:
    """Change one of your products; fields left out stay as they are (specs, when given, replace all)."""
    product_id = pk_of(input.id, "Product") or 0
    values = {k: v for k, v in plain(input).items() if k != "id"}

    async def work(conn):
        await supplier_service.update_product(conn, info.context.viewer, product_id, values)
        return (await supplier_queries.products_by_ids(conn, [product_id]))[0]

    record, errors = await run_sourcing(info, work)
    return ProductPayload(product=Product.of(record) if record else None, errors=errors)
