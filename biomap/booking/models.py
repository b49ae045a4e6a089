"""Booking records, rules and the problems a refused request reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")
# Slot-holding statuses: the exclusion constraints cover exactly these.
HOLDING = ("REQUESTED", "APPROVED")
# The longest window availability / equipment.bookings / calendar ranges may span.
MAX_RANGE_DAYS = 62


class BookingStatus(str, Enum):
    REQUESTED = "REQUESTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    CANCELLED = "CANCELLED"
    EXPIRED = "EXPIRED"
    COMPLETED = "COMPLETED"
    NO_SHOW = "NO_SHOW"


class RateKind(str, Enum):
    INTERNAL = "INTERNAL"   # the owning institution's own people
    ACADEMIC = "ACADEMIC"   # universities, hospitals, institutes, public centres
    INDUSTRY = "INDUSTRY"   # companies, suppliers, manufacturers


class Code(str, Enum):
    """Stable error codes of the booking domain (the API's BookingErrorCode)."""

    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    TIMEZONE_REQUIRED = "TIMEZONE_REQUIRED"
    INVALID_TIMESTAMP = "INVALID_TIMESTAMP"
    END_BEFORE_START = "END_BEFORE_START"
    ZERO_LENGTH = "ZERO_LENGTH"
    IN_THE_PAST = "IN_THE_PAST"
    TOO_SHORT_NOTICE = "TOO_SHORT_NOTICE"
    BEYOND_MAX_ADVANCE = "BEYOND_MAX_ADVANCE"
    TOO_SHORT = "TOO_SHORT"
    TOO_LONG = "TOO_LONG"
    OFF_SLOT_GRID = "OFF_SLOT_GRID"
    OUTSIDE_OPENING_HOURS = "OUTSIDE_OPENING_HOURS"
    BLACKOUT = "BLACKOUT"
    EQUIPMENT_NOT_FOUND = "EQUIPMENT_NOT_FOUND"
    EQUIPMENT_RETIRED = "EQUIPMENT_RETIRED"
    EQUIPMENT_UNDER_MAINTENANCE = "EQUIPMENT_UNDER_MAINTENANCE"
    QUALIFICATION_REQUIRED = "QUALIFICATION_REQUIRED"
    QUOTA_EXCEEDED = "QUOTA_EXCEEDED"
    BOOKING_CONFLICT = "BOOKING_CONFLICT"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    CANCEL_CUTOFF_PASSED = "CANCEL_CUTOFF_PASSED"
    CHECK_IN_WINDOW = "CHECK_IN_WINDOW"
    RANGE_TOO_LONG = "RANGE_TOO_LONG"


@dataclass(frozen=True, slots=True)
class Problem:
    code: Code
    field: str | None
    message: str


@dataclass(frozen=True, slots=True)
class OpeningInterval:
    weekday: int          # ISO: Monday = 1 … Sunday = 7
    opens: dt.time
    closes: dt.time | None  # None = 24:00 (midnight at the end of the day)

    def as_json(self) -> dict:
        return {"weekday": self.weekday, "opens": self.opens.strftime("%H:%M"),
                "closes": "24:00" if self.closes is None else self.closes.strftime("%H:%M")}

    @staticmethod
    def from_json(value: dict) -> OpeningInterval:
        closes = value["closes"]
        return OpeningInterval(int(value["weekday"]), dt.time.fromisoformat(value["opens"]),
                               None if closes in ("24:00", "24:00:00") else dt.time.fromisoformat(closes))


DEFAULT_HOURS = tuple(OpeningInterval(d, dt.time(9), dt.time(18)) for d in range(1, 6))


@dataclass(frozen=True, slots=True)
class BookingRules:
    """Rules of one equipment. The defaults apply until its manager sets rules (see 0004_booking.sql)."""

    opening_hours: tuple[OpeningInterval, ...] = DEFAULT_HOURS
    min_duration_minutes: int = 30
    max_duration_minutes: int = 480
    granularity_minutes: int = 30
    min_notice_minutes: int = 60
    max_advance_days: int = 90
    buffer_minutes: int = 0
    weekly_quota_hours: float | None = None
    approval_required: bool = True
    qualification_required: bool = False
    cancel_cutoff_minutes: int = 24 * 60
    no_show_grace_minutes: int = 30
    is_default: bool = True


def rules_in_force(stored: BookingRules, training_required: bool) -> BookingRules:
    """The rules that apply to equipment: the stored ones, else the defaults, which require a
    qualification when the equipment is marked trainingRequired."""
    if stored.is_default and training_required:
        return BookingRules(qualification_required=True)
    return stored


@dataclass(frozen=True, slots=True)
class Blackout:
    id: int
    equipment_id: int
    start: dt.datetime
    end: dt.datetime
    reason: str


@dataclass(frozen=True, slots=True)
class BookingContext:
    """Everything the rules need about one request, read in one statement."""

    equipment_id: int
    institution_id: int
    equipment_status: str
    equipment_visible: bool
    rates: dict[str, int | None]
    rules: BookingRules
    rate_kind: RateKind
    qualified: bool
    blackouts: tuple[Blackout, ...] = ()
    week_hours_used: float = 0.0


@dataclass(frozen=True, slots=True)
class Booking:
    id: int
    equipment_id: int
    institution_id: int
    user_id: int
    user_email: str
    status: BookingStatus
    start: dt.datetime
    end: dt.datetime
    purpose: str
    rate_kind: RateKind
    hourly_rate_krw: int | None
    estimated_cost_krw: int | None
    reason: str | None
    decided_at: dt.datetime | None
    checked_in_at: dt.datetime | None
    checked_out_at: dt.datetime | None
    billable_krw: int | None
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Interval:
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True, slots=True)
class Quote:
    rate_kind: RateKind
    hourly_rate_krw: int | None
    estimated_cost_krw: int | None
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CalendarFeed:
    id: int
    owner_id: int
    equipment_id: int | None
    with_details: bool
    created_at: dt.datetime
    revoked_at: dt.datetime | None
