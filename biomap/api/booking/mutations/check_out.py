from __future__ import annotations

import strawberry

from biomap.api.booking.errors import BookingError, run_booking
from biomap.api.booking.types import Booking
from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.booking import service


@strawberry.type
class CheckOutPayload:
    booking: Booking | None
    errors: list[BookingError]


async def check_out(info: Info, id: strawberry.ID) -> CheckOutPayload:
    """Record the actual end; the billable amount is computed from the actual use."""
    pk = pk_of(id, "Booking") or 0
    viewer = info.context.viewer
    record, errors = await run_booking(info, lambda conn: service.check_out(conn, viewer, pk))
    return CheckOutPayload(booking=Booking.of(record, viewer) if record else None, errors=errors)
