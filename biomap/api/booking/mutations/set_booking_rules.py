from __future__ import annotations

import strawberry

from biomap.api.booking.errors import BookingError, run_booking
from biomap.api.booking.inputs import SetBookingRulesInput
from biomap.api.booking.types import BookingRules
from biomap.api.context import Info
from biomap.api.mutations import input_values
from biomap.api.node import pk_of
from biomap.booking import management


@strawberry.type
class SetBookingRulesPayload:
    rules: BookingRules | None
    errors: list[BookingError]


async def set_booking_rules(info: Info, input: SetBookingRulesInput) -> SetBookingRulesPayload:
    """Set the booking rules of equipment of the institution you manage."""
    pk = pk_of(input.equipment_id, "Equipment") or 0
    data = input_values(input)
    data.pop("equipment_id", None)
    if data.get("opening_hours") is not None:
        data["opening_hours"] = [{"weekday": h.weekday.value, "opens": h.opens, "closes": h.closes}
                                 for h in input.opening_hours]  # type: ignore[union-attr]
    if data.get("blackouts") is not None:
        data["blackouts"] = [{"start": b.start, "end": b.end, "reason": b.reason}
                             for b in input.blackouts]  # type: ignore[union-attr]
    viewer = info.context.viewer
    record, errors = await run_booking(info, lambda conn: management.set_rules(conn, viewer, pk, data))
    return SetBookingRulesPayload(rules=BookingRules.of(record, pk) if record else None, errors=errors)
