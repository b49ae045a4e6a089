from __future__ import annotations

import strawberry

from biomap.api.booking.errors import BookingError, run_booking
from biomap.api.booking.types import Booking
from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.api.scalars import DateTimeOffset
from biomap.booking import usage


@strawberry.type
class RecordUsagePayload:
    booking: Booking | None
    errors: list[BookingError]


async def record_usage(info: Info, id: strawberry.ID, start: DateTimeOffset, end: DateTimeOffset,  # type: ignore[valid-type]
                       reason: str) -> RecordUsagePayload:
    """Managers: record the actual use of a booking nobody checked into (APPROVED, or NO_SHOW although
    it was used), saying how it is known. The booking is COMPLETED and billed for that use."""
    pk = pk_of(id, "Booking") or 0
    viewer = info.context.viewer
    record, errors = await run_booking(info, lambda conn: usage.record_usage(conn, viewer, pk, start, end, reason))
    return RecordUsagePayload(booking=Booking.of(record, viewer) if record else None, errors=errors)
