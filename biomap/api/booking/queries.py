"""Booking root fields: availability, quote, pending approvals, the viewer's bookings and calendar feeds."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import asyncpg
import strawberry

from biomap.api.booking.errors import BookingError, booking_errors
from biomap.api.booking.loaders import BookingLoaders
from biomap.api.scalars import DateTimeOffset
from biomap.api.booking.types import Availability, Booking, BookingQuote, BookingRules, CalendarFeed, FreeInterval
from biomap.api.context import Info
from biomap.api.errors import query_error
from biomap.api.node import Node, pk_of
from biomap.api.pagination import Connection, build_connection, decode_cursor, page_size
from biomap.booking import management, service
from biomap.errors import DomainError
from biomap.identity.models import Viewer

R = TypeVar("R")
N = TypeVar("N")


@strawberry.type
class BookingQuery:
    @strawberry.field(description="Free intervals of one equipment between `from` and `to` (at most 62 days), "
                                  "with its rules and the viewer's hourly rate.")
    async def availability(
        self, info: Info, equipment_id: strawberry.ID,
        from_: Annotated[DateTimeOffset, strawberry.argument(name="from")],  # type: ignore[valid-type]
        to: DateTimeOffset,  # type: ignore[valid-type]
    ) -> Availability:
        pk = pk_of(equipment_id, "Equipment") or 0
        try:
            async with info.context.db.connection() as conn:
                ctx, free = await service.availability(conn, info.context.viewer, pk, from_, to)
        except DomainError as exc:
            raise query_error(exc) from None
        from biomap.booking import rules

        return Availability(
            free=[FreeInterval(start=f.start, end=f.end) for f in free],
            rules=BookingRules.of(ctx.rules, ctx.equipment_id),
            rate_kind=ctx.rate_kind, hourly_rate_krw=rules.hourly_rate(ctx.rates, ctx.rate_kind),
        )

    @strawberry.field(description="What booking [start, end) would cost the viewer, and every rule it would break.")
    async def booking_quote(
        self, info: Info, equipment_id: strawberry.ID, start: DateTimeOffset, end: DateTimeOffset,  # type: ignore[valid-type]
    ) -> BookingQuote:
        pk = pk_of(equipment_id, "Equipment") or 0
        try:
            async with info.context.db.connection() as conn:
                q = await service.quote(conn, info.context.viewer, pk, start, end)
        except DomainError as exc:
            raise query_error(exc) from None
        problems = [BookingError(code=p.code, field=p.field, message=p.message) for p in q.problems]
        return BookingQuote(rate_kind=q.rate_kind, hourly_rate_krw=q.hourly_rate_krw,
                            estimated_cost_krw=q.estimated_cost_krw, problems=problems)

    @strawberry.field(description="Requests waiting for approval on your institution's equipment (managers).")
    async def pending_approvals(self, info: Info, first: int | None = None,
                                after: str | None = None) -> Connection[Booking]:
        viewer = info.context.viewer
        return await _page(info, first, after, service.pending_approvals, service.count_pending_approvals,
                           lambda r: Booking.of(r, viewer))

    @strawberry.field(description="Your bookings, oldest first.")
    async def my_bookings(self, info: Info, first: int | None = None, after: str | None = None) -> Connection[Booking]:
        viewer = info.context.viewer
        return await _page(info, first, after, service.my_bookings, service.count_my_bookings,
                           lambda r: Booking.of(r, viewer))

    @strawberry.field(description="Your calendar feeds, revoked ones too, oldest first: find a lost one here "
                                  "to revoke it (its secret URL was shown only when it was created).")
    async def my_calendar_feeds(self, info: Info, first: int | None = None,
                                after: str | None = None) -> Connection[CalendarFeed]:
        return await _page(info, first, after, management.own_feeds, management.count_own_feeds, CalendarFeed.of)


async def _page(info: Info, first: int | None, after: str | None,
                fetch: Callable[[asyncpg.Connection, Viewer, int, int], Awaitable[list[R]]],
                counter: Callable[[asyncpg.Connection, Viewer], Awaitable[int]],
                node: Callable[[R], N]) -> Connection[N]:
    viewer = info.context.viewer
    try:
        size, after_id = page_size(first), decode_cursor(after)
        async with info.context.db.connection() as conn:
            rows = await fetch(conn, viewer, after_id, size + 1)

        async def count() -> int:
            async with info.context.db.connection() as conn:
                return await counter(conn, viewer)
    except DomainError as exc:
        raise query_error(exc) from None
    return build_connection(rows, size, lambda r: r.id, [node(r) for r in rows[:size]], count, after_id)


async def _booking_node(info: Info, pk: int) -> Node | None:
    record = await info.context.loaders(BookingLoaders).booking_by_id.load(pk)
    if record is None or not service.can_see_details(info.context.viewer, record):
        return None
    return Booking.of(record, info.context.viewer)


async def _calendar_feed_node(info: Info, pk: int) -> Node | None:
    async with info.context.db.connection() as conn:
        feed = await management.own_feed(conn, info.context.viewer, pk)
    return CalendarFeed.of(feed) if feed else None


NODE_RESOLVERS: dict[str, Callable[[Info, int], Awaitable[Node | None]]] = {
    "Booking": _booking_node,
    "CalendarFeed": _calendar_feed_node,
}
__all__ = ["BookingQuery", "NODE_RESOLVERS", "booking_errors"]
