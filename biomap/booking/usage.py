"""Use recorded by hand: a manager records the actual start and end of a booking nobody checked
into (still APPROVED, or made a NO_SHOW by the sweep although it was used). Check-in and check-out,
the usual way a use is logged, are in service.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

import asyncpg

from biomap.booking import queries, rules, service, usage_queries
from biomap.booking.models import SEOUL, Booking, BookingStatus, Code, Problem
from biomap.identity.models import Viewer


async def record_usage(conn: asyncpg.Connection, viewer: Viewer, booking_id: int, start: Any, end: Any,
                       reason: str | None, now: dt.datetime | None = None) -> Booking:
    """A manager records the use nobody checked in or out: the actual start and end of an APPROVED
    booking that was never checked into, or of one the sweep marked NO_SHOW although it was used.
    The booking becomes COMPLETED and is billed for that use, as a check-out would bill it; the
    reason is kept in the audit trail. Every problem is reported at once."""
    now = service.current_time(now)
    booking = await service.booking_to_act_on(conn, viewer, booking_id)
    service.require_manager(viewer, booking)
    if booking.status not in (BookingStatus.APPROVED, BookingStatus.NO_SHOW):
        raise service.moved(booking, "record its use")
    if booking.checked_in_at is not None:
        raise service.fail([Problem(Code.INVALID_TRANSITION, "id", "this booking was checked into: check it out instead")])
    s, start_problem = rules.parse_instant(start, "start")
    e, end_problem = rules.parse_instant(end, "end")
    problems = [p for p in (start_problem, end_problem) if p]
    text, reason_problems = service.reason_problems(reason, "say how the use is known (e.g. the instrument's log)")
    problems += reason_problems
    if s is not None and e is not None:
        problems += _usage_problems(booking, s, e, now)
        if not problems:
            # one recorded use per equipment at a time; the time may not be another booking's
            await usage_queries.lock_equipment_usage(conn, booking.equipment_id)
            taken = await usage_queries.time_taken_by_another(conn, booking.equipment_id, booking.id, s, e)
            if taken is not None:
                problems.append(Problem(Code.BOOKING_CONFLICT, "start" if taken["start"] < booking.start else "end",
                                        "this use meets another booking's time on the same equipment "
                                        f"({_seoul_range(taken['start'], taken['end'])} Seoul time): "
                                        "record only the time this booking used"))
    if problems:
        raise service.fail(problems)
    assert s is not None and e is not None
    billable = rules.cost_krw(booking.hourly_rate_krw, s, e)
    # As read first; then as a NO_SHOW, which the sweep may have made it meanwhile (recordable too).
    for expected in dict.fromkeys((booking.status, BookingStatus.NO_SHOW)):
        recorded = await usage_queries.record_usage(conn, booking.id, expected, viewer.user_id, text, s, e, billable, now)
        if recorded is not None:
            return recorded
    raise service.moved(await queries.booking_by_id(conn, booking.id), "record its use")


def _seoul_range(start: dt.datetime, end: dt.datetime | None) -> str:
    first = start.astimezone(SEOUL)
    if end is None:
        return f"{first:%Y-%m-%d %H:%M} onwards"
    last = end.astimezone(SEOUL)
    return f"{first:%Y-%m-%d %H:%M}–{last:%H:%M}" if last.date() == first.date() else \
        f"{first:%Y-%m-%d %H:%M}–{last:%Y-%m-%d %H:%M}"


# A use recorded by hand may run over the booking by at most this much: longer, it was another
# booking's time (or nobody's), not this one's.
USAGE_OVERRUN = dt.timedelta(hours=4)


def _usage_problems(booking: Booking, start: dt.datetime, end: dt.datetime, now: dt.datetime) -> list[Problem]:
    problems = []
    if end <= start:
        problems.append(Problem(Code.END_BEFORE_START, "end", "the use must end after it starts"))
    if not booking.start - service.CHECK_IN_EARLY <= start < booking.end:
        problems.append(Problem(Code.CHECK_IN_WINDOW, "start",
                                f"the use must start between {int(service.CHECK_IN_EARLY.total_seconds() // 60)} minutes "
                                "before the booking's start and its end, as a check-in would"))
    if end > now:
        problems.append(Problem(Code.INVALID, "end", "the use must be over: this end has not come yet"))
    if end > booking.end + USAGE_OVERRUN:
        problems.append(Problem(Code.TOO_LONG, "end",
                                f"the use may run over the booking by at most {rules.duration_text(int(USAGE_OVERRUN.total_seconds() // 60))}"))
    return problems
