from __future__ import annotations

import strawberry

from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.api.sourcing.errors import run_sourcing
from biomap.api.sourcing.mutations.certification_add import CertificationPayload
from biomap.api.sourcing.types import Certification
from biomap.sourcing import supplier_service


async def supplier_certification_remove(info: Info, id: strawberry.ID) -> CertificationPayload:
    """Remove one of your certifications."""
    cert_id = pk_of(id, "Certification") or 0
    record, errors = await run_sourcing(info, lambda conn: supplier_service.remove_certification(conn, info.context.viewer,
                                                                                         cert_id))
    return CertificationPayload(certification=Certification.of(record) if record else None, errors=errors)
