from __future__ import annotations

import strawberry

from biomap.api.booking.errors import BookingError, run_booking
from biomap.api.booking.types import Booking
from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.booking import service


@strawberry.type
class CancelBookingPayload:
    booking: Booking | None
    errors: list[BookingError]


async def cancel_booking(info: Info, id: strawberry.ID, reason: str | None = None) -> CancelBookingPayload:
    """Cancel a request or booking (users: until the cut-off; managers: any time before the end)."""
    pk = pk_of(id, "Booking") or 0
    viewer = info.context.viewer
    record, errors = await run_booking(info, lambda conn: service.cancel(conn, viewer, pk, reason))
    return CancelBookingPayload(booking=Booking.of(record, viewer) if record else None, errors=errors)
