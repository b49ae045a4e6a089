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


@strawberry.input
class OpeningHoursInput:
    weekday: WeekdayEnum  # type: ignore[valid-type]
    opens: str = strawberry.field(description="HH:MM, Asia/Seoul")
    closes: str = strawberry.field(description="HH:MM or 24:00, Asia/Seoul")


@strawberry.input
class BlackoutInput:
    start: DateTimeOffset  # type: ignore[valid-type]
    end: DateTimeOffset  # type: ignore[valid-type]
    reason: str = ""


@strawberry.input(description="Booking rules of one equipment; fields left out keep their value.")
class SetBookingRulesInput:
    equipment_id: strawberry.ID
    opening_hours: list[OpeningHoursInput] | None = UNSET
    min_duration_minutes: int | None = UNSET
    max_duration_minutes: int | None = UNSET
    granularity_minutes: int | None = UNSET
    min_notice_minutes: int | None = UNSET
    max_advance_days: int | None = UNSET
    buffer_minutes: int | None = UNSET
    weekly_quota_hours: float | None = strawberry.field(default=UNSET, description="null: no quota")
    approval_required: bool | None = UNSET
    qualification_required: bool | None = UNSET
    cancel_cutoff_minutes: int | None = UNSET
    no_show_grace_minutes: int | None = UNSET
    blackouts: list[BlackoutInput] | None = strawberry.field(
        default=UNSET, description="Maintenance / blackout windows; when given, replaces the current list.")


@strawberry.input
class QualificationInput:
    equipment_id: strawberry.ID
    user_email: str
    expires_at: DateTimeOffset | None = None  # type: ignore[valid-type]
