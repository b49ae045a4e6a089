from __future__ import annotations

import strawberry

from biomap.api.catalogue.types import Technology
from biomap.api.context import Info
from biomap.api.errors import UserError
from biomap.api.mutations import run_in_transaction
from biomap.api.node import pk_of
from biomap.catalogue import service


@strawberry.type
class TechnologyRetirePayload:
    technology: Technology | None
    errors: list[UserError]


async def technology_retire(info: Info, id: strawberry.ID) -> TechnologyRetirePayload:
    """Withdraw a technology from the catalogue (kept on record)."""
    technology_id = pk_of(id, "Technology") or 0
    record, errors = await run_in_transaction(
        info, lambda conn: service.retire_technology(conn, info.context.viewer, technology_id)
    )
    return TechnologyRetirePayload(technology=Technology.of(record) if record else None, errors=errors)
