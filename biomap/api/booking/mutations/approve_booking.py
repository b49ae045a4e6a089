from __future__ import annotations

import strawberry

from biomap.api.booking.errors import BookingError, run_booking
from biomap.api.booking.types import Booking
from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.booking import service


@strawberry.type
class ApproveBookingPayload:
    booking: Booking | None
    errors: list[BookingError]


async def approve_booking(info: Info, id: strawberry.ID) -> ApproveBookingPayload:
    """Approve a request on your institution's equipment."""
    pk = pk_of(id, "Booking") or 0
    viewer = info.context.viewer
    record, errors = await run_booking(info, lambda conn: service.approve(conn, viewer, pk))
    return ApproveBookingPayload(booking=Booking.of(record, viewer) if record else None, errors=errors)
