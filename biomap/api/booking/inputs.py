"""Inputs of booking mutations."""

from __future__ import annotations

import strawberry

from biomap.api.booking.types import WeekdayEnum
from biomap.api.flat_input import flat_input
from biomap.api.scalars import DateTimeOffset

UNSET = strawberry.UNSET


@flat_input
@strawberry.input(description="Book [start, end) of one equipment.")
class RequestBookingInput:
    equipment_id: strawberry.ID
    start: DateTimeOffset  # type: ignore[valid-type]
    end: DateTimeOffset  # type: ignore[valid-type]
    purpose: str = ""
    idempotency_key: str | None = strawberry.field(
        default=None, description="Repeat a request with the same key (24 h) to get its first result, not a second booking.")


@strawberry.input(description="One opening interval; intervals of a weekday may not overlap or meet.")
class OpeningHoursInput:
    weekday: WeekdayEnum  # type: ignore[valid-type]
    opens: str = strawberry.field(description="HH:MM, Asia/Seoul wall time (no seconds, no UTC offset)")
    closes: str = strawberry.field(
        description="HH:MM or 24:00, Asia/Seoul wall time (no seconds, no UTC offset)")


@strawberry.input
class BlackoutInput:
    start: DateTimeOffset  # type: ignore[valid-type]
    end: DateTimeOffset  # type: ignore[valid-type]
    reason: str = strawberry.field(default="", description="Shown to everyone who books; at most 500 characters.")


@strawberry.input(description="Booking rules of one equipment; fields left out keep the value in force.")
class SetBookingRulesInput:
    equipment_id: strawberry.ID
    opening_hours: list[OpeningHoursInput] | None = UNSET
    min_duration_minutes: int | None = UNSET
    max_duration_minutes: int | None = UNSET
    granularity_minutes: int | None = UNSET
    min_notice_minutes: int | None = UNSET
    max_advance_days: int | None = UNSET
    buffer_minutes: int | None = UNSET
    weekly_quota_hours: float | None = strawberry.field(default=UNSET, description="More than 0, at most 168; "
                                                        "null: no quota")
    approval_required: bool | None = UNSET
    qualification_required: bool | None = UNSET
    cancel_cutoff_minutes: int | None = UNSET
    no_show_grace_minutes: int | None = UNSET
    blackouts: list[BlackoutInput] | None = strawberry.field(
        default=UNSET, description="Maintenance / blackout windows. When given, this list REPLACES every stored "
                                   "window (read them in BookingRules.blackouts, add or remove, send them all); "
                                   "[] removes them all; left out, they stay.")


@strawberry.input
class QualificationInput:
    equipment_id: strawberry.ID
    user_email: str
    expires_at: DateTimeOffset | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="When a granted qualification ends (in the future); null: it does not expire.")
