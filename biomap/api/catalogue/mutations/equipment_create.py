from __future__ import annotations

import strawberry

from biomap.api.catalogue.inputs import EquipmentCreateInput
from biomap.api.catalogue.mutations.equipment_values import (
    RATE_FIELDS,
    equipment_values,
)
from biomap.api.catalogue.types import Equipment
from biomap.api.context import Info
from biomap.api.errors import UserError
from biomap.api.mutations import run_in_transaction
from biomap.catalogue import service


@strawberry.type
class EquipmentCreatePayload:
    equipment: Equipment | None
    errors: list[UserError]


async def equipment_create(info: Info, input: EquipmentCreateInput) -> EquipmentCreatePayload:
    """Add equipment to the institution you manage."""
    values = equipment_values(input)
    record, errors = await run_in_transaction(
        info, lambda conn: service.create_equipment(conn, info.context.viewer, values),
        field_paths=RATE_FIELDS,
    )
    return EquipmentCreatePayload(equipment=Equipment.of(record) if record else None, errors=errors)
