from __future__ import annotations

import strawberry

from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.api.sourcing.errors import SourcingError, run_sourcing
from biomap.api.sourcing.inputs import CertificationAddInput, plain
from biomap.api.sourcing.types import Certification
from biomap.sourcing import supplier_service


@strawberry.type
class CertificationPayload:
    certification: Certification | None
    errors: list[SourcingError]


async def supplier_certification_add(info: Info, input: CertificationAddInput) -> CertificationPayload:
    """Put a certification or evidence on file; one without an expiry date is refused (EXPIRY_REQUIRED)."""
    values = plain(input)
    if values.get("product_id") is not None:
        values["product_id"] = pk_of(values["product_id"], "Product") or 0
    record, errors = await run_sourcing(info, lambda conn: supplier_service.add_certification(conn, info.context.viewer, values))
    return CertificationPayload(certification=Certification.of(record) if record else None, errors=errors)
