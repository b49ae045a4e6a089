from __future__ import annotations

import strawberry

from biomap.api.catalogue.types import Equipment
from biomap.api.context import Info
from biomap.api.errors import UserError
from biomap.api.mutations import run_in_transaction
from biomap.api.node import pk_of
from biomap.catalogue import service


@strawberry.type
class EquipmentRetirePayload:
    equipment: Equipment | None
    errors: list[UserError]


async def equipment_retire(info: Info, id: strawberry.ID) -> EquipmentRetirePayload:
    """Retire equipment: it stays on record (history points at it) but is no longer listed."""
    equipment_id = pk_of(id, "Equipment") or 0
    record, errors = await run_in_transaction(
        info, lambda conn: service.retire_equipment(conn, info.context.viewer, equipment_id)
    )
    return EquipmentRetirePayload(equipment=Equipment.of(record) if record else None, errors=errors)
