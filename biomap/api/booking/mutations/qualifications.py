from __future__ import annotations

import strawberry

from biomap.api.booking.errors import BookingError, run_booking
from biomap.api.booking.inputs import QualificationInput
from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.booking import management


@strawberry.type
class QualificationPayload:
    ok: bool
    errors: list[BookingError]


async def grant_qualification(info: Info, input: QualificationInput) -> QualificationPayload:
    """Allow a user to book equipment that needs a qualification, until `expiresAt` (managers)."""
    pk = pk_of(input.equipment_id, "Equipment") or 0
    viewer = info.context.viewer
    _, errors = await run_booking(info, lambda conn: management.set_qualification(
        conn, viewer, pk, input.user_email, input.expires_at, grant=True))
    return QualificationPayload(ok=not errors, errors=errors)


async def revoke_qualification(info: Info, input: QualificationInput) -> QualificationPayload:
    """Withdraw a user's qualification for equipment (managers)."""
    pk = pk_of(input.equipment_id, "Equipment") or 0
    viewer = info.context.viewer
    _, errors = await run_booking(info, lambda conn: management.set_qualification(
        conn, viewer, pk, input.user_email, None, grant=False))
    return QualificationPayload(ok=not errors, errors=errors)
