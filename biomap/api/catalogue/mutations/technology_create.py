from __future__ import annotations

import strawberry

from biomap.api.catalogue.inputs import TechnologyCreateInput
from biomap.api.catalogue.types import Technology
from biomap.api.context import Info
from biomap.api.errors import UserError
from biomap.api.mutations import input_values, run_in_transaction
from biomap.catalogue import service


@strawberry.type
class TechnologyCreatePayload:
    technology: Technology | None
    errors: list[UserError]


async def technology_create(info: Info, input: TechnologyCreateInput) -> TechnologyCreatePayload:
    """Add a technology or service of the institution you manage."""
    values = input_values(input, ids={"institution_id": "Institution"})
    record, errors = await run_in_transaction(
        info, lambda conn: service.create_technology(conn, info.context.viewer, values)
    )
    return TechnologyCreatePayload(technology=Technology.of(record) if record else None, errors=errors)
