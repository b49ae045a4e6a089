from __future__ import annotations

import strawberry

from biomap.api.booking.errors import BookingError, run_booking
from biomap.api.booking.types import CalendarFeed
from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.booking import management


@strawberry.type
class CreateCalendarFeedPayload:
    feed: CalendarFeed | None
    url: str | None = strawberry.field(description="The secret feed URL, shown only now; keep it private.")
    errors: list[BookingError]


@strawberry.type
class RevokeCalendarFeedPayload:
    feed: CalendarFeed | None
    errors: list[BookingError]


async def create_calendar_feed(info: Info, equipment_id: strawberry.ID | None = None) -> CreateCalendarFeedPayload:
    """An iCalendar feed of your bookings, or (with equipmentId) of one equipment's bookings."""
    pk = None if equipment_id is None else (pk_of(equipment_id, "Equipment") or 0)
    viewer = info.context.viewer
    result, errors = await run_booking(info, lambda conn: management.create_feed(conn, viewer, pk))
    if result is None:
        return CreateCalendarFeedPayload(feed=None, url=None, errors=errors)
    feed, token = result
    base = info.context.settings.public_url.rstrip("/")
    return CreateCalendarFeedPayload(feed=CalendarFeed.of(feed), url=f"{base}/ical/{token}.ics", errors=[])


async def revoke_calendar_feed(info: Info, id: strawberry.ID) -> RevokeCalendarFeedPayload:
    """Stop a feed URL from working."""
    pk = pk_of(id, "CalendarFeed") or 0
    viewer = info.context.viewer
    feed, errors = await run_booking(info, lambda conn: management.revoke_feed(conn, viewer, pk))
    return RevokeCalendarFeedPayload(feed=CalendarFeed.of(feed) if feed else None, errors=errors)
