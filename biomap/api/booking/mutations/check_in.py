from __future__ import annotations

import strawberry

from biomap.api.booking.errors import BookingError, run_booking
from biomap.api.booking.types import Booking
from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.booking import service


@strawberry.type
class CheckInPayload:
    booking: Booking | None
    errors: list[BookingError]


async def check_in(info: Info, id: strawberry.ID) -> CheckInPayload:
    """Record the actual start (the user or the equipment's manager/operator)."""
    pk = pk_of(id, "Booking") or 0
    viewer = info.context.viewer
    record, errors = await run_booking(info, lambda conn: service.check_in(conn, viewer, pk))
    return CheckInPayload(booking=Booking.of(record, viewer) if record else None, errors=errors)
