"""GraphQL types of bookings. Who booked and why is shown only to the user and the equipment's managers."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from biomap.api.booking.loaders import BookingLoaders
from biomap.api.catalogue.loaders import CatalogueLoaders
from biomap.api.context import Info
from biomap.api.node import Node, to_global_id
from biomap.booking import management, models
from biomap.booking.service import can_see_details
from biomap.catalogue.visibility import can_see_equipment

if TYPE_CHECKING:
    from biomap.api.booking.errors import BookingError
    from biomap.api.catalogue.types import Equipment

BookingStatus = strawberry.enum(models.BookingStatus, description="REQUESTED and APPROVED hold their slot.")
RateKind = strawberry.enum(models.RateKind, description="Which hourly rate applies to the user.")


@strawberry.type(description="A booking of one piece of equipment for [start, end).")
class Booking(Node):
    pk: strawberry.Private[int]
    record: strawberry.Private[models.Booking]
    status: BookingStatus  # type: ignore[valid-type]
    start: dt.datetime
    end: dt.datetime
    mine: bool = strawberry.field(description="True when the viewer made this booking.")
    purpose: str | None = strawberry.field(description="Only for the user and the equipment's managers.")
    booked_by: str | None = strawberry.field(description="The user's e-mail; only for them and the managers.")
    rate_kind: RateKind | None  # type: ignore[valid-type]
    hourly_rate_krw: int | None
    estimated_cost_krw: int | None = strawberry.field(description="Rate × booked time, shown before booking.")
    billable_krw: int | None = strawberry.field(description="Rate × actual use (check-in to check-out).")
    reason: str | None = strawberry.field(description="Why it was rejected or cancelled.")
    checked_in_at: dt.datetime | None
    checked_out_at: dt.datetime | None
    decided_at: dt.datetime | None
    created_at: dt.datetime | None

    @staticmethod
    def of(r: models.Booking, viewer) -> Booking:  # noqa: ANN001
        details = can_see_details(viewer, r)
        return Booking(
            id=to_global_id("Booking", r.id), pk=r.id, record=r, status=r.status, start=r.start, end=r.end,
            mine=viewer.user_id == r.user_id,
            purpose=r.purpose if details else None, booked_by=r.user_email if details else None,
            rate_kind=r.rate_kind if details else None, hourly_rate_krw=r.hourly_rate_krw if details else None,
            estimated_cost_krw=r.estimated_cost_krw if details else None,
            billable_krw=r.billable_krw if details else None, reason=r.reason if details else None,
            checked_in_at=r.checked_in_at if details else None, checked_out_at=r.checked_out_at if details else None,
            decided_at=r.decided_at if details else None, created_at=r.created_at if details else None,
        )

    @strawberry.field
    async def equipment(self, info: Info) -> Annotated[Equipment, strawberry.lazy("biomap.api.catalogue.types")]:
        from biomap.api.catalogue.types import Equipment

        record = await info.context.loaders(CatalogueLoaders).equipment_by_id.load(self.record.equipment_id)
        assert record is not None
        return Equipment.of(record)


class Weekday(Enum):
    MONDAY = 1
    TUESDAY = 2
    WEDNESDAY = 3
    THURSDAY = 4
    FRIDAY = 5
    SATURDAY = 6
    SUNDAY = 7


WeekdayEnum = strawberry.enum(Weekday, name="Weekday")


@strawberry.type(description="Opening hours of one weekday, Asia/Seoul wall time (closes may be 24:00).")
class OpeningHours:
    weekday: WeekdayEnum  # type: ignore[valid-type]
    opens: str
    closes: str


@strawberry.type(description="A maintenance / blackout window: the equipment cannot be booked in [start, end).")
class Blackout:
    start: dt.datetime
    end: dt.datetime
    reason: str = strawberry.field(description="Why (may be empty); shown to everyone who books.")


@strawberry.type(description="The booking rules of one equipment, set by its manager.")
class BookingRules:
    equipment_pk: strawberry.Private[int]
    opening_hours: list[OpeningHours]
    min_duration_minutes: int
    max_duration_minutes: int
    granularity_minutes: int
    min_notice_minutes: int
    max_advance_days: int
    buffer_minutes: int
    weekly_quota_hours: float | None
    approval_required: bool
    qualification_required: bool
    cancel_cutoff_minutes: int = strawberry.field(
        description="Users may cancel an approved booking until this long before its start.")
    no_show_grace_minutes: int
    is_default: bool = strawberry.field(description="True until the manager sets rules.")

    @strawberry.field(description="Every stored blackout window, earliest first: the list that "
                                  "setBookingRules(input: {blackouts}) replaces.")
    async def blackouts(self, info: Info) -> list[Blackout]:
        async with info.context.db.connection() as conn:
            windows = await management.blackouts(conn, self.equipment_pk)
        return [Blackout(start=w.start, end=w.end, reason=w.reason) for w in windows]

    @staticmethod
    def of(r: models.BookingRules, equipment_pk: int) -> BookingRules:
        return BookingRules(
            equipment_pk=equipment_pk,
            opening_hours=[OpeningHours(weekday=Weekday(h.weekday), opens=h.as_json()["opens"],
                                        closes=h.as_json()["closes"]) for h in r.opening_hours],
            min_duration_minutes=r.min_duration_minutes, max_duration_minutes=r.max_duration_minutes,
            granularity_minutes=r.granularity_minutes, min_notice_minutes=r.min_notice_minutes,
            max_advance_days=r.max_advance_days, buffer_minutes=r.buffer_minutes,
            weekly_quota_hours=r.weekly_quota_hours, approval_required=r.approval_required,
            qualification_required=r.qualification_required, cancel_cutoff_minutes=r.cancel_cutoff_minutes,
            no_show_grace_minutes=r.no_show_grace_minutes, is_default=r.is_default,
        )


@strawberry.type
class FreeInterval:
    start: dt.datetime
    end: dt.datetime


@strawberry.type(description="When equipment can be booked, and what it costs the viewer per hour.")
class Availability:
    free: list[FreeInterval] = strawberry.field(description="Bookable intervals (opening hours, limits, bookings, buffers, blackouts).")
    rules: BookingRules
    rate_kind: RateKind  # type: ignore[valid-type]
    hourly_rate_krw: int | None = strawberry.field(description="Null: the institution quotes on request.")


@strawberry.type(description="The estimate before booking, and every rule the request would break.")
class BookingQuote:
    rate_kind: RateKind  # type: ignore[valid-type]
    hourly_rate_krw: int | None
    estimated_cost_krw: int | None
    problems: list[Annotated["BookingError", strawberry.lazy("biomap.api.booking.errors")]]


@strawberry.type(description="A secret iCalendar feed URL (the URL itself is shown only when it is created); "
                             "revoke it to stop it working.")
class CalendarFeed(Node):
    pk: strawberry.Private[int]
    equipment_pk: strawberry.Private[int | None]
    created_at: dt.datetime
    revoked_at: dt.datetime | None
    with_details: bool

    @strawberry.field(description="The equipment whose bookings it lists; null for a feed of your own bookings "
                                  "(or equipment you may no longer see).")
    async def equipment(self, info: Info) -> Annotated[Equipment, strawberry.lazy("biomap.api.catalogue.types")] | None:
        from biomap.api.catalogue.types import Equipment

        if self.equipment_pk is None:
            return None
        record = await info.context.loaders(CatalogueLoaders).equipment_by_id.load(self.equipment_pk)
        if record is None or not can_see_equipment(info.context.viewer, record):
            return None
        return Equipment.of(record)

    @staticmethod
    def of(f: models.CalendarFeed) -> CalendarFeed:
        return CalendarFeed(id=to_global_id("CalendarFeed", f.id), pk=f.id, equipment_pk=f.equipment_id,
                            created_at=f.created_at, revoked_at=f.revoked_at, with_details=f.with_details)


async def equipment_bookings(info: Info, equipment_pk: int, start: str, end: str) -> list[Booking]:
    """Occupied slots of one equipment (batched across equipment of the same request and range)."""
    from biomap.api.errors import query_error
    from biomap.booking import rules as booking_rules
    from biomap.booking.service import check_range, fail
    from biomap.errors import DomainError

    try:
        s, p1 = booking_rules.parse_instant(start, "from")
        e, p2 = booking_rules.parse_instant(end, "to")
        if p1 or p2:
            raise fail([p for p in (p1, p2) if p])
        assert s is not None and e is not None
        check_range(s, e)
    except DomainError as exc:
        raise query_error(exc) from None
    rows = await info.context.loaders(BookingLoaders).bookings_by_equipment(s, e).load(equipment_pk)
    return [Booking.of(r, info.context.viewer) for r in rows]
