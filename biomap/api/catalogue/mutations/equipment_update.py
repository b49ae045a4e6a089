from __future__ import annotations

import strawberry

from biomap.api.catalogue.inputs import EquipmentUpdateInput
from biomap.api.catalogue.mutations.equipment_values import (
    RATE_FIELDS,
    equipment_values,
)
from biomap.api.catalogue.types import Equipment
from biomap.api.context import Info
from biomap.api.errors import UserError
from biomap.api.mutations import run_in_transaction
from biomap.api.node import pk_of
from biomap.catalogue import service


@strawberry.type
class EquipmentUpdatePayload:
    equipment: Equipment | None
    errors: list[UserError]


async def equipment_update(info: Info, input: EquipmentUpdateInput) -> EquipmentUpdatePayload:
    """Change equipment of the institution you manage; fields left out stay as they are."""
    equipment_id = pk_of(input.id, "Equipment") or 0
    values = equipment_values(input)
    record, errors = await run_in_transaction(
        info, lambda conn: service.update_equipment(conn, info.context.viewer, equipment_id, values),
        field_paths=RATE_FIELDS,
    )
    return EquipmentUpdatePayload(equipment=Equipment.of(record) if record else None, errors=errors)
