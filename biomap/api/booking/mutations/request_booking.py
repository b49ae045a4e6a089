from __future__ import annotations

import strawberry

from biomap.api.booking.errors import BookingError, run_booking
from biomap.api.booking.inputs import RequestBookingInput
from biomap.api.booking.types import Booking
from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.booking import service


@strawberry.type
class RequestBookingPayload:
    booking: Booking | None
    errors: list[BookingError]


async def request_booking(info: Info, input: RequestBookingInput) -> RequestBookingPayload:
    """Request a booking; it confirms at once when the equipment needs no approval. Every broken rule
    is named in `errors`."""
    data = {"equipment_id": pk_of(input.equipment_id, "Equipment") or 0, "start": input.start, "end": input.end,
            "purpose": input.purpose, "idempotency_key": input.idempotency_key}
    viewer = info.context.viewer
    # No transaction around it: the service makes its writes atomic itself (see request_booking).
    record, errors = await run_booking(info, lambda conn: service.request_booking(conn, viewer, data),
                                       transaction=False)
    return RequestBookingPayload(booking=Booking.of(record, viewer) if record else None, errors=errors)
