from __future__ import annotations

import strawberry

from biomap.api.catalogue.inputs import TechnologyUpdateInput
from biomap.api.catalogue.types import Technology
from biomap.api.context import Info
from biomap.api.errors import UserError
from biomap.api.mutations import input_values, run_in_transaction
from biomap.api.node import pk_of
from biomap.catalogue import service


@strawberry.type
class TechnologyUpdatePayload:
    technology: Technology | None
    errors: list[UserError]


async def technology_update(info: Info, input: TechnologyUpdateInput) -> TechnologyUpdatePayload:
    """Change a technology of the institution you manage; fields left out stay as they are."""
    technology_id = pk_of(input.id, "Technology") or 0
    values = input_values(input)
    values.pop("id")
    record, errors = await run_in_transaction(
        info, lambda conn: service.update_technology(conn, info.context.viewer, technology_id, values)
    )
    return TechnologyUpdatePayload(technology=Technology.of(record) if record else None, errors=errors)
