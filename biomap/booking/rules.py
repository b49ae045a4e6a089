"""Pure rule checks: given what the database said, every problem of a request (not just the first),
free intervals, rates and costs. No I/O here, so each rule is tested table-driven."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence

from biomap.booking.models import (
    SEOUL,
    BookingContext,
    BookingRules,
    Code,
    Interval,
    Problem,
    RateKind,
)

# Nothing is booked past this year, whatever the rules say (guards datetime overflow too).
LAST_YEAR = 2100
ACADEMIC_KINDS = frozenset({"UNIVERSITY", "HOSPITAL", "RESEARCH_INSTITUTE", "PUBLIC_SUPPORT_CENTRE",
                            "TRAINING_CENTRE"})


def parse_instant(value: object, field: str) -> tuple[dt.datetime | None, Problem | None]:
    """An ISO 8601 timestamp WITH a UTC offset, as an aware UTC datetime; naive ones are refused."""
    if isinstance(value, dt.datetime):
        parsed = value
    else:
        text = str(value).strip()
        try:
            parsed = dt.datetime.fromisoformat(text.replace("z", "Z"))
        except ValueError:
            return None, Problem(Code.INVALID_TIMESTAMP, field,
                                 f"'{text}' is not an ISO 8601 timestamp like 2026-12-08T13:00:00+09:00")
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        return None, Problem(Code.TIMEZONE_REQUIRED, field,
                             "give the time with its UTC offset, e.g. 2026-12-08T13:00:00+09:00 (Seoul)")
    if parsed.year > LAST_YEAR:
        return None, Problem(Code.BEYOND_MAX_ADVANCE, field,
                             f"{parsed.year} is too far ahead: times up to the year {LAST_YEAR} are accepted")
    try:
        return parsed.astimezone(dt.UTC), None
    except OverflowError:
        return None, Problem(Code.INVALID_TIMESTAMP, field, "this timestamp is out of range")


def rate_kind(viewer_org_id: int | None, viewer_org_kind: str | None, viewer_role: str | None,
              institution_id: int) -> RateKind:
    """Which hourly rate applies: the owner's own people pay the internal rate, academia the academic
    rate, companies (and suppliers, manufacturers) the industry rate."""
    if viewer_org_id is not None and viewer_org_id == institution_id:
        return RateKind.INTERNAL
    if viewer_role in ("SUPPLIER", "MANUFACTURER") or viewer_org_kind == "COMPANY":
        return RateKind.INDUSTRY
    if viewer_org_kind in ACADEMIC_KINDS or viewer_org_kind is None:
        return RateKind.ACADEMIC
    return RateKind.INDUSTRY


def hourly_rate(rates: dict[str, int | None], kind: RateKind) -> int | None:
    return rates.get(kind.value)


def cost_krw(hourly: int | None, start: dt.datetime, end: dt.datetime) -> int | None:
    """Hourly rate × time, pro rata to the minute started, rounded up to the won."""
    if hourly is None:
        return None
    minutes = max(0, math.ceil((end - start).total_seconds() / 60))
    return math.ceil(hourly * minutes / 60)


def check_times(start: dt.datetime, end: dt.datetime, now: dt.datetime) -> list[Problem]:
    """Problems of the range itself (before any rule of the equipment)."""
    if end < start:
        return [Problem(Code.END_BEFORE_START, "end", "the end is before the start: swap them")]
    if end == start:
        return [Problem(Code.ZERO_LENGTH, "end", "the booking has no length: give an end after the start")]
    if end <= now:
        return [Problem(Code.IN_THE_PAST, "start", "this time is in the past: choose a time from now on")]
    return []


def within_hours(rules: BookingRules, start: dt.datetime, end: dt.datetime) -> bool:
    """Open for the whole of [start, end): opening intervals that meet or overlap count as one, so
    a night on equipment open around the clock (Mon 00:00-24:00, Tue 00:00-24:00) is inside."""
    covered = start
    for interval in opening_intervals(rules, start, end):  # sorted by start, clipped to [start, end)
        if interval.start > covered:
            return False
        covered = max(covered, interval.end)
        if covered >= end:
            return True
    return False


def _hours_text(rules: BookingRules) -> str:
    names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    if not rules.opening_hours:
        return "no opening hours are set"
    return ", ".join(f"{names[h.weekday - 1]} {h.as_json()['opens']}-{h.as_json()['closes']}"
                     for h in sorted(rules.opening_hours, key=lambda h: (h.weekday, h.opens)))


def check_request(ctx: BookingContext, start: dt.datetime, end: dt.datetime, now: dt.datetime) -> list[Problem]:
    """Every rule this request breaks (empty: it may be booked, subject to the slot being free)."""
    problems = check_equipment(ctx)
    if not ctx.equipment_visible:
        return problems
    time_problems = check_times(start, end, now)
    if time_problems:
        return problems + time_problems
    return problems + _check_rules(ctx, start, end, now)


def check_equipment(ctx: BookingContext | None) -> list[Problem]:
    """What makes the equipment itself unbookable for this viewer, whatever the time asked for."""
    if ctx is None or not ctx.equipment_visible:
        return [Problem(Code.EQUIPMENT_NOT_FOUND, "equipmentId", "no equipment with this id")]
    problems: list[Problem] = []
    if ctx.equipment_status == "RETIRED":
        problems.append(Problem(Code.EQUIPMENT_RETIRED, "equipmentId", "this equipment is retired and cannot be booked"))
    elif ctx.equipment_status == "MAINTENANCE":
        problems.append(Problem(Code.EQUIPMENT_UNDER_MAINTENANCE, "equipmentId",
                                "this equipment is under maintenance: ask its manager when it is back"))
    rules = ctx.rules
    if rules.qualification_required and not ctx.qualified:
        problems.append(Problem(Code.QUALIFICATION_REQUIRED, "equipmentId",
                                "this equipment needs a qualification: ask its manager for training"))
    return problems


def _check_rules(ctx: BookingContext, start: dt.datetime, end: dt.datetime, now: dt.datetime) -> list[Problem]:
    """The equipment's rules for a range that is itself valid (check_times passed)."""
    rules = ctx.rules
    problems: list[Problem] = []
    minutes = (end - start).total_seconds() / 60
    if start < now + dt.timedelta(minutes=rules.min_notice_minutes):
        problems.append(Problem(Code.TOO_SHORT_NOTICE, "start",
                                f"book at least {duration_text(rules.min_notice_minutes)} ahead"
                                if rules.min_notice_minutes else "this time has already begun: choose a later start"))
    if end > now + dt.timedelta(days=rules.max_advance_days):
        problems.append(Problem(Code.BEYOND_MAX_ADVANCE, "end",
                                f"bookings open at most {rules.max_advance_days} days ahead"))
    if minutes < rules.min_duration_minutes:
        problems.append(Problem(Code.TOO_SHORT, "end", f"book at least {rules.min_duration_minutes} minutes"))
    if minutes > rules.max_duration_minutes:
        problems.append(Problem(Code.TOO_LONG, "end", f"book at most {rules.max_duration_minutes} minutes"))
    local = start.astimezone(SEOUL)
    since_midnight = local.hour * 60 + local.minute
    g = rules.granularity_minutes
    if since_midnight % g or local.second or local.microsecond or minutes % g:
        problems.append(Problem(Code.OFF_SLOT_GRID, "start",
                                f"start and length must be whole {g}-minute slots (Seoul time)"))
    if not within_hours(rules, start, end):
        problems.append(Problem(Code.OUTSIDE_OPENING_HOURS, "start",
                                f"outside opening hours (Asia/Seoul): {_hours_text(rules)}"))
    for b in ctx.blackouts:
        if b.start < end and start < b.end:
            why = f" ({b.reason})" if b.reason else ""
            problems.append(Problem(Code.BLACKOUT, "start",
                                    f"the equipment is unavailable from {b.start.astimezone(SEOUL):%Y-%m-%d %H:%M} "
                                    f"to {b.end.astimezone(SEOUL):%Y-%m-%d %H:%M}{why}"))
            break
    if rules.weekly_quota_hours is not None and ctx.week_hours_used + minutes / 60 > rules.weekly_quota_hours + 1e-9:
        left = max(0.0, rules.weekly_quota_hours - ctx.week_hours_used)
        problems.append(Problem(Code.QUOTA_EXCEEDED, "end",
                                f"your weekly quota on this equipment is {rules.weekly_quota_hours:g} h; "
                                f"{left:g} h are left this week"))
    return problems


def duration_text(minutes: int) -> str:
    """Minutes as a person says them: "90 minutes", "24 hours", "2 days"."""
    if minutes and minutes % 1440 == 0 and minutes >= 2880:
        return f"{minutes // 1440} days"
    if minutes and minutes % 60 == 0:
        return "1 hour" if minutes == 60 else f"{minutes // 60} hours"
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def week_bounds(start: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The ISO week (Monday 00:00 to Monday 00:00, Asia/Seoul) a booking's start falls in."""
    local = start.astimezone(SEOUL)
    monday = local.date() - dt.timedelta(days=local.isoweekday() - 1)
    first = dt.datetime.combine(monday, dt.time(0), SEOUL)
    return first, dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(0), SEOUL)


def _subtract(free: list[Interval], cut_start: dt.datetime, cut_end: dt.datetime) -> list[Interval]:
    out: list[Interval] = []
    for f in free:
        if cut_end <= f.start or f.end <= cut_start:
            out.append(f)
            continue
        if f.start < cut_start:
            out.append(Interval(f.start, cut_start))
        if cut_end < f.end:
            out.append(Interval(cut_end, f.end))
    return out


def opening_intervals(rules: BookingRules, start: dt.datetime, end: dt.datetime) -> list[Interval]:
    """Opening hours between start and end as UTC intervals."""
    out: list[Interval] = []
    day = start.astimezone(SEOUL).date() - dt.timedelta(days=1)
    last = end.astimezone(SEOUL).date()
    while day <= last:
        for h in rules.opening_hours:
            if h.weekday != day.isoweekday():
                continue
            opens = dt.datetime.combine(day, h.opens, SEOUL)
            closes = (dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), SEOUL) if h.closes is None
                      else dt.datetime.combine(day, h.closes, SEOUL))
            s, e = max(opens, start), min(closes, end)
            if s < e:
                out.append(Interval(s.astimezone(dt.UTC), e.astimezone(dt.UTC)))
        day += dt.timedelta(days=1)
    return sorted(out, key=lambda i: i.start)


def free_intervals(
    rules: BookingRules, start: dt.datetime, end: dt.datetime, now: dt.datetime,
    blackouts: Iterable[tuple[dt.datetime, dt.datetime]], held: Sequence[tuple[dt.datetime, dt.datetime]],
) -> list[Interval]:
    """Where a new booking of at least the minimum duration fits: opening hours within notice and
    advance limits, minus blackouts, minus every held slot (a new booking's buffer must not reach
    into the next one, so each held slot also blocks `buffer` minutes before it)."""
    lo = max(start, now + dt.timedelta(minutes=rules.min_notice_minutes))
    hi = min(end, now + dt.timedelta(days=rules.max_advance_days))
    if lo >= hi:
        return []
    free = opening_intervals(rules, lo, hi)
    for b_start, b_end in blackouts:
        free = _subtract(free, b_start, b_end)
    buffer = dt.timedelta(minutes=rules.buffer_minutes)
    for h_start, h_end in held:
        free = _subtract(free, h_start - buffer, h_end)
    minimum = dt.timedelta(minutes=rules.min_duration_minutes)
    return [f for f in free if f.end - f.start >= minimum]
