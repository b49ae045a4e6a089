"""Booking rules and the booking state machine. Services take a connection inside the caller's
transaction and never commit; every state change is a conditional UPDATE that carries its audit row
and outbox notification in the same statement. `request_booking` alone also runs on a bare
connection: its writes are one statement, or a block of its own (see there).

Lifecycle: REQUESTED -> APPROVED | REJECTED | CANCELLED | EXPIRED;  APPROVED -> CANCELLED | COMPLETED | NO_SHOW.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from typing import Any

import asyncpg

from biomap.booking import queries, rules
from biomap.booking.models import (
    MAX_RANGE_DAYS,
    SEOUL,
    Booking,
    BookingContext,
    BookingStatus,
    Code,
    Interval,
    Problem,
    Quote,
    rules_in_force,
)
from biomap.errors import DomainError, Forbidden, NotFound, Unauthenticated, ValidationFailed
from biomap.identity.models import Role, Viewer

# A booking may be checked into this long before its start.
CHECK_IN_EARLY = dt.timedelta(minutes=30)
MAX_PURPOSE = 2000
MAX_REASON = 2000  # rejection and cancellation reasons travel in notifications


def current_time(now: dt.datetime | None) -> dt.datetime:
    return now or dt.datetime.now(dt.UTC)


def error(problem: Problem) -> DomainError:
    return DomainError(problem.message, field=problem.field, code=problem.code.value)


def fail(problems: list[Problem]) -> ValidationFailed:
    return ValidationFailed([error(p) for p in problems])


def require_user(viewer: Viewer, what: str = "book equipment") -> int:
    if viewer.user_id is None:
        raise Unauthenticated(f"sign in with an API token to {what}")
    return viewer.user_id


def viewer_scope(viewer: Viewer) -> tuple[bool, int | None]:
    return viewer.role in (Role.ADMIN, Role.CITY_OFFICER), viewer.organisation_id


# ---- requesting ----------------------------------------------------------------------------------


def _parse_range(start: Any, end: Any) -> tuple[dt.datetime, dt.datetime]:
    s, p1 = rules.parse_instant(start, "start")
    e, p2 = rules.parse_instant(end, "end")
    problems = [p for p in (p1, p2) if p]
    if problems:
        raise fail(problems)
    assert s is not None and e is not None
    return s, e


async def _context(conn: asyncpg.Connection, viewer: Viewer, equipment_id: int, start: dt.datetime,
                   end: dt.datetime, now: dt.datetime, *, to_book: bool = False) -> BookingContext | None:
    """What the rules need to judge a request. `to_book`: the equipment counts as visible only if
    the viewer may book it — city officers and admins see every INTERNAL instrument, but only its
    own institution's people book one (README: EQUIPMENT_NOT_FOUND for another institution's)."""
    see_all, own = viewer_scope(viewer)
    see_all = see_all and not to_book
    row = await queries.booking_context_row(conn, equipment_id, viewer.user_id or 0, see_all, own, start, end, now,
                                            rules.week_bounds(start))
    if row is None:
        return None
    booking_rules = rules_in_force(queries.rules_of(row), row["training_required"])
    return BookingContext(
        equipment_id=row["id"], institution_id=row["institution_id"], equipment_status=row["status"],
        equipment_visible=row["visible"],
        rates={"INTERNAL": row["rate_internal_krw"], "ACADEMIC": row["rate_academic_krw"],
               "INDUSTRY": row["rate_industry_krw"]},
        rules=booking_rules,
        rate_kind=rules.rate_kind(viewer.organisation_id, row["viewer_org_kind"],
                                  viewer.role.value if viewer.role else None, row["institution_id"]),
        qualified=row["qualified"] or viewer.manages(row["institution_id"]),
        blackouts=queries.blackouts_of(row["blackouts"], row["id"]),
        week_hours_used=float(row["week_hours"]),
    )


_CONFLICT = Problem(Code.BOOKING_CONFLICT, "start", "this time (or the buffer after another booking) is already "
                    "taken: choose a free interval from availability")


async def _with_conflict(conn: asyncpg.Connection, ctx: BookingContext, start: dt.datetime, end: dt.datetime,
                         problems: list[Problem]) -> list[Problem]:
    """`problems`, and BOOKING_CONFLICT too when the slot is taken: a refused request names every
    rule it breaks, as its quote does. (A request that breaks nothing else learns it from the insert.)"""
    if ctx.equipment_visible and end > start and await queries.slot_taken(
            conn, ctx.equipment_id, start, end, ctx.rules.buffer_minutes):
        return [*problems, _CONFLICT]
    return problems


def _request_hash(equipment_id: int, start: dt.datetime, end: dt.datetime, purpose: str) -> str:
    body = json.dumps([equipment_id, start.isoformat(), end.isoformat(), purpose], ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


_NUL = "\x00"


def _unstorable(field: str) -> Problem:
    """PostgreSQL text cannot hold U+0000: say so, rather than fail on the insert."""
    return Problem(Code.INVALID, field, "remove the NUL character (U+0000): it cannot be stored")


def _input_problems(purpose: str, key: str | None) -> list[Problem]:
    problems = []
    if len(purpose) > MAX_PURPOSE:
        problems.append(Problem(Code.INVALID, "purpose", f"keep the purpose under {MAX_PURPOSE} characters"))
    elif _NUL in purpose:
        problems.append(_unstorable("purpose"))
    if key is not None and not 1 <= len(key) <= 200:
        problems.append(Problem(Code.INVALID, "idempotencyKey", "an idempotency key has 1-200 characters"))
    elif key is not None and _NUL in key:
        problems.append(_unstorable("idempotencyKey"))
    return problems


async def request_booking(conn: asyncpg.Connection, viewer: Viewer, data: dict[str, Any],
                          now: dt.datetime | None = None) -> Booking:
    """Book [start, end) of one equipment. Every broken rule is reported at once (bad input and the
    equipment's rules together); the slot itself is guarded by the exclusion constraints (a taken
    slot is BOOKING_CONFLICT).

    Atomicity is this function's own: a request with an idempotency key or under a weekly quota
    writes in `conn.transaction()` (a savepoint inside the caller's transaction, else a transaction
    of its own); the plain request reads its context and then writes one statement, which is atomic
    by itself, so the API calls it on a bare connection and saves BEGIN and COMMIT."""
    user_id = require_user(viewer)
    now = current_time(now)
    equipment_id = int(data.get("equipment_id") or 0)
    purpose = (data.get("purpose") or "").strip()
    start, start_problem = rules.parse_instant(data.get("start"), "start")
    end, end_problem = rules.parse_instant(data.get("end"), "end")
    key = data.get("idempotency_key")
    key = None if key is None else str(key).strip()
    problems = [p for p in (start_problem, end_problem) if p] + _input_problems(purpose, key)
    ctx = await _context(conn, viewer, equipment_id, start or now, end or now, now, to_book=True) \
        if equipment_id else None
    if problems:
        # with the equipment's own problems, and its rules when the times could be read
        if ctx is not None and start is not None and end is not None:
            raise fail(await _with_conflict(conn, ctx, start, end, problems + rules.check_request(ctx, start, end, now)))
        raise fail(problems + rules.check_equipment(ctx))
    assert start is not None and end is not None
    quota = ctx is not None and ctx.rules.weekly_quota_hours is not None
    if key is None and not quota:
        return await _book(conn, viewer, user_id, ctx, equipment_id, start, end, purpose, None, now)
    async with conn.transaction():
        if key is not None:
            request_hash = _request_hash(equipment_id, start, end, purpose)
            earlier = await queries.claim_idempotency(conn, user_id, key, request_hash)
            if earlier is not None:
                if earlier["request_hash"] != request_hash:
                    raise fail([Problem(Code.IDEMPOTENCY_KEY_REUSED, "idempotencyKey",
                                        "this key was used for a different request in the last 24 hours: "
                                        "use a new key")])
                found = await queries.booking_by_id(conn, earlier["booking_id"])
                assert found is not None
                return found
        if ctx is not None and quota:
            # Count again under the user's lock: a concurrent request of the same user waits here.
            await queries.lock_user(conn, user_id)
            used = await queries.week_hours(conn, user_id, equipment_id, rules.week_bounds(start))
            ctx = dataclasses.replace(ctx, week_hours_used=used)
        return await _book(conn, viewer, user_id, ctx, equipment_id, start, end, purpose, key, now)


async def _book(conn: asyncpg.Connection, viewer: Viewer, user_id: int, ctx: BookingContext | None,
                equipment_id: int, start: dt.datetime, end: dt.datetime, purpose: str, key: str | None,
                now: dt.datetime) -> Booking:
    """Check every rule against `ctx`, then insert the booking (one statement with its audit row,
    notification and idempotency link)."""
    if ctx is None:
        raise fail([Problem(Code.EQUIPMENT_NOT_FOUND, "equipmentId", "no equipment with this id")])
    problems = rules.check_request(ctx, start, end, now)
    if problems:
        raise fail(await _with_conflict(conn, ctx, start, end, problems))
    hourly = rules.hourly_rate(ctx.rates, ctx.rate_kind)
    status = BookingStatus.REQUESTED if ctx.rules.approval_required else BookingStatus.APPROVED
    try:
        return await queries.insert_booking(
            conn, equipment_id=equipment_id, institution_id=ctx.institution_id, user_id=user_id,
            user_email=viewer.email, status=status, start=start, end=end,
            buffer_minutes=ctx.rules.buffer_minutes, purpose=purpose, rate_kind=ctx.rate_kind,
            hourly_rate_krw=hourly, estimated_cost_krw=rules.cost_krw(hourly, start, end),
            idempotency_key=key,
        )
    except asyncpg.ExclusionViolationError:
        raise fail([_CONFLICT]) from None


async def quote(conn: asyncpg.Connection, viewer: Viewer, equipment_id: int, start: Any, end: Any,
                now: dt.datetime | None = None) -> Quote:
    """The estimate before booking (the viewer's rate × length) and every rule the request would
    break, a taken slot included. Anonymous viewers get the estimate only: rules depend on who books."""
    now = current_time(now)
    s, e = _parse_range(start, end)
    ctx = await _context(conn, viewer, equipment_id, s, e, now) if equipment_id else None
    if ctx is None or not ctx.equipment_visible:
        raise NotFound("no equipment with this id", field="equipmentId")
    hourly = rules.hourly_rate(ctx.rates, ctx.rate_kind)
    problems: list[Problem] = []
    if viewer.is_authenticated:
        # judged as the request would be: seeing an INTERNAL instrument is not being allowed to book it
        as_request = await _context(conn, viewer, equipment_id, s, e, now, to_book=True) \
            if viewer_scope(viewer)[0] else ctx
        assert as_request is not None  # the same row, read with the booking scope
        problems = await _with_conflict(conn, as_request, s, e, rules.check_request(as_request, s, e, now))
    return Quote(ctx.rate_kind, hourly, rules.cost_krw(hourly, s, e) if e > s else None, problems)


def check_range(start: dt.datetime, end: dt.datetime, field: str = "to") -> None:
    if end <= start:
        raise fail([Problem(Code.END_BEFORE_START, field, "'to' must be after 'from'")])
    if end - start > dt.timedelta(days=MAX_RANGE_DAYS):
        raise fail([Problem(Code.RANGE_TOO_LONG, field, f"ask for at most {MAX_RANGE_DAYS} days at a time")])


async def availability(conn: asyncpg.Connection, viewer: Viewer, equipment_id: int, start: Any, end: Any,
                       now: dt.datetime | None = None) -> tuple[BookingContext, list[Interval]]:
    now = current_time(now)
    s, p1 = rules.parse_instant(start, "from")
    e, p2 = rules.parse_instant(end, "to")
    if p1 or p2:
        raise fail([p for p in (p1, p2) if p])
    assert s is not None and e is not None
    check_range(s, e)
    ctx = await _context(conn, viewer, equipment_id, s, e, now) if equipment_id else None
    if ctx is None or not ctx.equipment_visible:
        raise NotFound("no equipment with this id", field="equipmentId")
    if ctx.equipment_status != "ACTIVE":
        return ctx, []
    buffer = dt.timedelta(minutes=ctx.rules.buffer_minutes)
    held = await queries.held_ranges(conn, equipment_id, s - buffer, e + buffer)
    free = rules.free_intervals(ctx.rules, s, e, now, [(b.start, b.end) for b in ctx.blackouts], held)
    return ctx, free


async def equipment_bookings(conn: asyncpg.Connection, equipment_ids: list[int], start: dt.datetime,
                             end: dt.datetime) -> list[Booking]:
    return await queries.bookings_overlapping(conn, equipment_ids, start, end)


def can_see_details(viewer: Viewer, booking: Booking) -> bool:
    """Who booked and why: the user themself and the equipment's managers (and admins)."""
    return viewer.user_id == booking.user_id or viewer.manages(booking.institution_id)


# ---- lifecycle -----------------------------------------------------------------------------------


async def booking_to_act_on(conn: asyncpg.Connection, viewer: Viewer, booking_id: int) -> Booking:
    require_user(viewer, "change a booking")
    found = await queries.booking_by_id(conn, booking_id) if booking_id else None
    if found is None or not can_see_details(viewer, found):
        raise NotFound("no booking with this id", field="id")
    return found


def moved(current: Booking | None, wanted: str) -> ValidationFailed:
    status = current.status.value if current else "gone"
    return fail([Problem(Code.INVALID_TRANSITION, "id", f"cannot {wanted}: the booking is {status}")])


async def _transition(conn: asyncpg.Connection, viewer: Viewer, booking: Booking, kind: str, expected: BookingStatus,
                      new: BookingStatus, reason: str | None, action: str, event: str | None, now: dt.datetime,
                      wanted: str, billable: int | None = None) -> Booking:
    if booking.status is not expected:
        raise moved(booking, wanted)
    changed = await queries.transition(conn, kind, booking.id, expected, new, viewer.user_id, reason, action, event,
                                       now, billable)
    if changed is None:  # someone else acted first (conditional UPDATE matched nothing)
        raise moved(await queries.booking_by_id(conn, booking.id), wanted)
    return changed


def require_manager(viewer: Viewer, booking: Booking) -> None:
    if not viewer.manages(booking.institution_id):
        raise Forbidden("only the managers of the institution that owns this equipment can do this")


async def approve(conn: asyncpg.Connection, viewer: Viewer, booking_id: int, now: dt.datetime | None = None) -> Booking:
    """A request nobody answered before its start expires (the sweep): approving it then would
    promise a slot that has begun, or is over, and could never be checked into."""
    now = current_time(now)
    booking = await booking_to_act_on(conn, viewer, booking_id)
    require_manager(viewer, booking)
    if booking.status is BookingStatus.REQUESTED and now >= booking.start:
        raise fail([Problem(Code.INVALID_TRANSITION, "id", "the requested time has already begun: the request "
                            "expires unanswered; ask the user to request a new time")])
    return await _transition(conn, viewer, booking, "decide", BookingStatus.REQUESTED, BookingStatus.APPROVED, None,
                             "booking.approve", "approved", now, "approve")


def reason_problems(reason: str | None, missing: str | None) -> tuple[str, list[Problem]]:
    """The reason as stored (stripped) and what is wrong with it; `missing` is the message when a
    reason is required and none was given (None: a reason is optional)."""
    text = (reason or "").strip()
    if missing is not None and not text:
        return text, [Problem(Code.INVALID, "reason", missing)]
    if len(text) > MAX_REASON:
        return text, [Problem(Code.INVALID, "reason", f"keep the reason under {MAX_REASON} characters")]
    if _NUL in text:
        return text, [_unstorable("reason")]
    return text, []


def _reason(reason: str | None, required: bool, what: str) -> str | None:
    text, problems = reason_problems(reason, f"say why the {what}" if required else None)
    if problems:
        raise fail(problems)
    return text or None


async def reject(conn: asyncpg.Connection, viewer: Viewer, booking_id: int, reason: str,
                 now: dt.datetime | None = None) -> Booking:
    booking = await booking_to_act_on(conn, viewer, booking_id)
    require_manager(viewer, booking)
    text = _reason(reason, True, "request is rejected")
    return await _transition(conn, viewer, booking, "decide", BookingStatus.REQUESTED, BookingStatus.REJECTED, text,
                             "booking.reject", "rejected", current_time(now), "reject")


async def cancel(conn: asyncpg.Connection, viewer: Viewer, booking_id: int, reason: str | None,
                 now: dt.datetime | None = None) -> Booking:
    """The user cancels a request any time before its start, an approved booking until the
    equipment's cut-off (default 24 h) before the start; managers may cancel any time before the end."""
    now = current_time(now)
    booking = await booking_to_act_on(conn, viewer, booking_id)
    manager = viewer.manages(booking.institution_id)
    if booking.status not in (BookingStatus.REQUESTED, BookingStatus.APPROVED):
        raise moved(booking, "cancel")
    text = _reason(reason, False, "booking is cancelled")
    if not manager:
        booking_rules = await queries.equipment_rules(conn, booking.equipment_id)
        cutoff = booking.start - dt.timedelta(minutes=booking_rules.cancel_cutoff_minutes)
        if booking.status is BookingStatus.APPROVED and now > cutoff:
            raise fail([Problem(Code.CANCEL_CUTOFF_PASSED, "id",
                                "approved bookings can be cancelled until "
                                f"{rules.duration_text(booking_rules.cancel_cutoff_minutes)} before the start "
                                f"(here {cutoff.astimezone(SEOUL):%Y-%m-%d %H:%M} Seoul time); "
                                "ask the equipment's manager")])
        if now >= booking.start:
            raise fail([Problem(Code.CANCEL_CUTOFF_PASSED, "id", "the booking has already started")])
    elif now >= booking.end:
        raise fail([Problem(Code.CANCEL_CUTOFF_PASSED, "id",
                            "the booking is over: it is completed when checked out, and becomes a no-show "
                            "when nobody checked in (biomap booking sweep)")])
    return await _transition(conn, viewer, booking, "cancel", booking.status, BookingStatus.CANCELLED,
                             text, "booking.cancel", "cancelled", now, "cancel")


async def check_in(conn: asyncpg.Connection, viewer: Viewer, booking_id: int, now: dt.datetime | None = None) -> Booking:
    now = current_time(now)
    booking = await booking_to_act_on(conn, viewer, booking_id)
    if booking.checked_in_at is not None:
        raise fail([Problem(Code.INVALID_TRANSITION, "id", "already checked in")])
    if booking.status is BookingStatus.APPROVED and not (booking.start - CHECK_IN_EARLY <= now < booking.end):
        raise fail([Problem(Code.CHECK_IN_WINDOW, "id",
                            f"check in from {int(CHECK_IN_EARLY.total_seconds() // 60)} minutes before the start "
                            "until the end of the booking")])
    return await _transition(conn, viewer, booking, "check_in", BookingStatus.APPROVED, BookingStatus.APPROVED, None,
                             "booking.check_in", None, now, "check in")


async def check_out(conn: asyncpg.Connection, viewer: Viewer, booking_id: int,
                    now: dt.datetime | None = None) -> Booking:
    """Record the actual end; the billable amount is the actual usage × the booking's hourly rate."""
    now = current_time(now)
    booking = await booking_to_act_on(conn, viewer, booking_id)
    if booking.checked_in_at is None:
        raise fail([Problem(Code.INVALID_TRANSITION, "id", "check in first")])
    billable = rules.cost_krw(booking.hourly_rate_krw, booking.checked_in_at, max(now, booking.checked_in_at))
    return await _transition(conn, viewer, booking, "check_out", BookingStatus.APPROVED, BookingStatus.COMPLETED, None,
                             "booking.check_out", None, now, "check out", billable)


async def pending_approvals(conn: asyncpg.Connection, viewer: Viewer, after_id: int, limit: int) -> list[Booking]:
    require_user(viewer, "see pending approvals")
    if viewer.is_admin:
        return await queries.pending_approvals(conn, None, after_id, limit)
    if viewer.role is not Role.INSTITUTION_MANAGER or viewer.organisation_id is None:
        raise Forbidden("pending approvals are for institution managers")
    return await queries.pending_approvals(conn, viewer.organisation_id, after_id, limit)


async def count_pending_approvals(conn: asyncpg.Connection, viewer: Viewer) -> int:
    await pending_approvals(conn, viewer, 0, 0)  # the same permission checks
    return await queries.count_pending_approvals(conn, None if viewer.is_admin else viewer.organisation_id)


async def count_my_bookings(conn: asyncpg.Connection, viewer: Viewer) -> int:
    return await queries.count_bookings_of_user(conn, require_user(viewer, "see your bookings"))


async def my_bookings(conn: asyncpg.Connection, viewer: Viewer, after_id: int, limit: int) -> list[Booking]:
    user_id = require_user(viewer, "see your bookings")
    return await queries.bookings_of_user(conn, user_id, after_id, limit)


async def booking_for_viewer(conn: asyncpg.Connection, viewer: Viewer, booking_id: int) -> Booking | None:
    found = await queries.booking_by_id(conn, booking_id)
    return found if found and can_see_details(viewer, found) else None


# ---- the sweep -----------------------------------------------------------------------------------


async def sweep(conn: asyncpg.Connection, now: dt.datetime | None = None,
                reminder_lead: dt.timedelta = dt.timedelta(hours=24), limit: int = 500) -> dict[str, int]:
    """Expire unanswered requests whose start has come, mark no-shows after the grace period and
    enqueue reminders. Safe to run from several places at once (SKIP LOCKED, conditional updates)."""
    now = current_time(now)
    expired = no_show = 0
    for booking_id in await queries.due_for_expiry(conn, now, limit):
        if await queries.transition(conn, "simple", booking_id, BookingStatus.REQUESTED, BookingStatus.EXPIRED, None,
                                    "nobody answered before the start", "booking.expire", None, now):
            expired += 1
    for booking_id in await queries.due_for_no_show(conn, now, limit):
        if await queries.transition(conn, "simple", booking_id, BookingStatus.APPROVED, BookingStatus.NO_SHOW, None,
                                    "not checked in within the grace period", "booking.no_show", None, now):
            no_show += 1
    reminders = await queries.send_reminders(conn, now, reminder_lead, limit)
    return {"expired": expired, "no_show": no_show, "reminders": reminders}
