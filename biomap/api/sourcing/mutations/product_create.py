from __future__ import annotations

import strawberry

from biomap.api.context import Info
from biomap.api.sourcing.errors import SourcingError, run_sourcing
from biomap.api.sourcing.inputs import ProductCreateInput, plain
from biomap.api.sourcing.types import Product
from biomap.sourcing import supplier_queries, supplier_service


@strawberry.type
class ProductPayload:
    product: Product | None
    errors: list[SourcingError]


async def supplier_product_create(info: Info, input: ProductCreateInput) -> ProductPayload:
    """Add a product for a localisation item to your supplier profile."""
    values = plain(input)

    async def work(conn):
        product_id = await supplier_service.create_product(conn, info.context.viewer, values)
        return (await supplier_queries.products_by_ids(conn, [product_id]))[0]

    record, errors = await run_sourcing(info, work)
    return ProductPayload(product=Product.of(record) if record else None, errors=errors)
