"""Check-in, check-out and billing; the sweep (expiry, no-shows, reminders). Services are called with
an explicit `now`, so nothing here depends on the wall clock."""

from __future__ import annotations

import datetime as dt

import asyncpg

from biomap.booking import service, usage
from biomap.booking.models import BookingStatus
from biomap.errors import ValidationFailed
from biomap.identity.models import Role, Viewer
from biomap.identity.service import create_user
from tests.booking.conftest import next_weekday, seoul


async def viewers(conn: asyncpg.Connection) -> tuple[Viewer, Viewer]:
    user, _ = await create_user(conn, email="lee@yonsei.test.kr", role=Role.RESEARCHER, organisation_code="YONSEI_IC")
    mgr, _ = await create_user(conn, email="kim@itp.test.kr", role=Role.INSTITUTION_MANAGER, organisation_code="ITP_BIO")
    itp = await conn.fetchval("SELECT id FROM organisation WHERE code = 'ITP_BIO'")
    yonsei = await conn.fetchval("SELECT id FROM organisation WHERE code = 'YONSEI_IC'")
    return (Viewer(user.id, Role.RESEARCHER, yonsei, True, user.email),
            Viewer(mgr.id, Role.INSTITUTION_MANAGER, itp, True, mgr.email))


async def book(conn, viewer, equipment, day, h1, h2, now):
    return await service.request_booking(
        conn, viewer, {"equipment_id": equipment, "start": seoul(day, h1).isoformat(),
                       "end": seoul(day, h2).isoformat(), "purpose": "run"}, now=now)


async def test_check_in_out_bills_actual_use(conn, equipment) -> None:
    user, mgr = await viewers(conn)
    day = next_weekday(2)
    before = seoul(day, 8) - dt.timedelta(days=2)
    b = await book(conn, user, equipment, day, 13, 16, before)
    b = await service.approve(conn, mgr, b.id, now=before)
    try:
        await service.check_in(conn, user, b.id, now=seoul(day, 11))
        raise AssertionError("checked in two hours early")
    except ValidationFailed as exc:
        assert exc.problems[0].code == "CHECK_IN_WINDOW"
    b = await service.check_in(conn, user, b.id, now=seoul(day, 13, 5))
    assert b.checked_in_at == seoul(day, 13, 5) and b.status is BookingStatus.APPROVED
    b = await service.check_out(conn, mgr, b.id, now=seoul(day, 15, 35))  # the operator checks out
    assert b.status is BookingStatus.COMPLETED
    # 2 h 30 min actually used at the academic 40,000 KRW/h, not the 3 h booked
    assert b.billable_krw == 100_000 and b.estimated_cost_krw == 120_000
    actions = [r["action"] for r in await conn.fetch(
        "SELECT action FROM audit_log WHERE entity = 'booking' AND entity_id = $1 ORDER BY id", b.id)]
    assert actions == ["booking.request", "booking.approve", "booking.check_in", "booking.check_out"]


async def test_sweep_expires_marks_no_shows_and_reminds(conn, equipment) -> None:
    user, mgr = await viewers(conn)
    day = next_weekday(2)
    before = seoul(day, 8) - dt.timedelta(days=2)
    unanswered = await book(conn, user, equipment, day, 9, 10, before)
    approved = await book(conn, user, equipment, day, 11, 12, before)
    await service.approve(conn, mgr, approved.id, now=before)
    tomorrow = await book(conn, user, equipment, day + dt.timedelta(days=1), 11, 12, before)
    await service.approve(conn, mgr, tomorrow.id, now=before)

    # 09:10: the request's start has come, nobody answered
    first = await service.sweep(conn, now=seoul(day, 9, 10), reminder_lead=dt.timedelta(hours=3))
    assert first == {"expired": 1, "no_show": 0, "reminders": 1}
    assert (await service.booking_for_viewer(conn, user, unanswered.id)).status is BookingStatus.EXPIRED
    # 11:29: still within the 30-minute grace period; 11:31: a no-show
    assert (await service.sweep(conn, now=seoul(day, 11, 29), reminder_lead=dt.timedelta(hours=3)))["no_show"] == 0
    second = await service.sweep(conn, now=seoul(day, 11, 31), reminder_lead=dt.timedelta(hours=3))
    assert second == {"expired": 0, "no_show": 1, "reminders": 0}
    assert (await service.booking_for_viewer(conn, user, approved.id)).status is BookingStatus.NO_SHOW
    # tomorrow's booking is reminded once, with a 24 h lead
    third = await service.sweep(conn, now=seoul(day, 12))
    again = await service.sweep(conn, now=seoul(day, 12, 5))
    assert (third["reminders"], again["reminders"]) == (1, 0)
    events = [r["e"] for r in await conn.fetch(
        """SELECT payload->>'event' AS e FROM outbox WHERE topic = 'booking.notification'
            AND (payload->>'bookingId')::bigint = $1 ORDER BY id""", tomorrow.id)]
    assert events == ["requested", "approved", "reminder"]


async def test_two_managers_cannot_both_decide(conn, equipment) -> None:
    user, mgr = await viewers(conn)
    day = next_weekday(2)
    before = seoul(day, 8) - dt.timedelta(days=2)
    b = await book(conn, user, equipment, day, 9, 10, before)
    await service.reject(conn, mgr, b.id, "busy", now=before)
    try:
        # the second manager read the booking while it was REQUESTED; the conditional update refuses
        await service._transition(conn, mgr, b, "decide", BookingStatus.REQUESTED, BookingStatus.APPROVED, None,
                                  "booking.approve", "approved", before, "approve")
        raise AssertionError("approved a rejected booking")
    except ValidationFailed as exc:
        assert exc.problems[0].code == "INVALID_TRANSITION" and "REJECTED" in exc.problems[0].message
    assert (await service.booking_for_viewer(conn, user, b.id)).status is BookingStatus.REJECTED


async def test_the_service_sweeps_by_itself_when_told_to(conn, equipment) -> None:
    # BIOMAP_SWEEP_INTERVAL_SECONDS (the demo's 60): the lifespan runs sweep_every, which expires a
    # request whose start has come without anyone running `biomap booking sweep`
    import asyncio

    from biomap.booking.sweeper import sweep_every
    from tests.conftest import SingleConnectionDatabase

    user, _ = await viewers(conn)
    day = next_weekday(2)
    booking = await book(conn, user, equipment, day, 10, 11, now=seoul(day, 10) - dt.timedelta(days=1))
    await conn.execute("UPDATE booking SET during = tstzrange(now() - interval '2 hours', now() - interval '1 hour'),"
                       " held = tstzrange(now() - interval '2 hours', now() - interval '1 hour') WHERE id = $1",
                       booking.id)
    db = SingleConnectionDatabase(conn)  # its lock keeps the poll below and the sweep apart
    sweeper = asyncio.create_task(sweep_every(db, 0.05))
    try:
        for _ in range(100):
            await asyncio.sleep(0.05)
            async with db.connection() as polled:
                if await polled.fetchval("SELECT status::text FROM booking WHERE id = $1", booking.id) == "EXPIRED":
                    break
    finally:
        sweeper.cancel()
        await asyncio.gather(sweeper, return_exceptions=True)
    assert await conn.fetchval("SELECT status::text FROM booking WHERE id = $1", booking.id) == "EXPIRED"
    assert sweeper.cancelled()


async def test_a_manager_records_the_use_nobody_checked_in(conn, equipment) -> None:
    user, mgr = await viewers(conn)
    day = next_weekday(2)
    before = seoul(day, 8) - dt.timedelta(days=2)
    used = await service.approve(conn, mgr, (await book(conn, user, equipment, day, 13, 16, before)).id, now=before)
    await service.sweep(conn, now=seoul(day, 13, 31))  # nobody checked in: a no-show
    assert (await service.booking_for_viewer(conn, user, used.id)).status is BookingStatus.NO_SHOW
    done = await usage.record_usage(conn, mgr, used.id, seoul(day, 13, 10).isoformat(),
                                      seoul(day, 15, 40).isoformat(), "instrument log: run 2026-114",
                                      now=seoul(day, 17))
    assert done.status is BookingStatus.COMPLETED
    assert (done.checked_in_at, done.checked_out_at) == (seoul(day, 13, 10), seoul(day, 15, 40))
    assert done.billable_krw == 100_000  # 2 h 30 min at the academic 40,000 KRW/h
    audit = await conn.fetchrow(
        "SELECT actor_id, detail FROM audit_log WHERE entity = 'booking' AND entity_id = $1 "
        "AND action = 'booking.record_usage'", used.id)
    assert audit["actor_id"] == mgr.user_id
    assert audit["detail"] == {"from": "NO_SHOW", "to": "COMPLETED", "reason": "instrument log: run 2026-114"}
    # recorded once: a second record is refused, and nothing changes
    try:
        await usage.record_usage(conn, mgr, used.id, seoul(day, 13).isoformat(), seoul(day, 14).isoformat(),
                                   "again", now=seoul(day, 17))
        raise AssertionError("recorded twice")
    except ValidationFailed as exc:
        assert exc.problems[0].code == "INVALID_TRANSITION" and "COMPLETED" in exc.problems[0].message
    assert (await service.booking_for_viewer(conn, user, used.id)).billable_krw == 100_000


async def test_recorded_use_is_checked_all_at_once_and_only_managers_record_it(conn, equipment) -> None:
    from biomap.errors import Forbidden

    user, mgr = await viewers(conn)
    day = next_weekday(2)
    before = seoul(day, 8) - dt.timedelta(days=2)
    b = await service.approve(conn, mgr, (await book(conn, user, equipment, day, 13, 16, before)).id, now=before)
    try:
        await usage.record_usage(conn, user, b.id, seoul(day, 13).isoformat(), seoul(day, 14).isoformat(),
                                   "I was there", now=seoul(day, 17))
        raise AssertionError("the user recorded their own use")
    except Forbidden:
        pass
    try:
        await usage.record_usage(conn, mgr, b.id, seoul(day, 11).isoformat(), seoul(day, 21).isoformat(), " ",
                                   now=seoul(day, 17))
        raise AssertionError("accepted an impossible use")
    except ValidationFailed as exc:
        found = {(p.code, p.field) for p in exc.problems}
    # starts two hours early, ends in the future and 5 h after the booking, and says nothing
    assert found == {("CHECK_IN_WINDOW", "start"), ("INVALID", "end"), ("TOO_LONG", "end"), ("INVALID", "reason")}
    try:
        await usage.record_usage(conn, mgr, b.id, seoul(day, 14).isoformat(), "2026-12-08T15:00:00", "log",
                                   now=seoul(day, 17))
        raise AssertionError("accepted a time without offset")
    except ValidationFailed as exc:
        assert [(p.code, p.field) for p in exc.problems] == [("TIMEZONE_REQUIRED", "end")]
    try:
        await usage.record_usage(conn, mgr, b.id, seoul(day, 15).isoformat(), seoul(day, 14).isoformat(), "log",
                                   now=seoul(day, 17))
        raise AssertionError("accepted an end before the start")
    except ValidationFailed as exc:
        assert [(p.code, p.field) for p in exc.problems] == [("END_BEFORE_START", "end")]
    unchanged = await service.booking_for_viewer(conn, user, b.id)
    assert unchanged.status is BookingStatus.APPROVED and unchanged.checked_in_at is None
    # a booking that was checked into is checked out, not recorded
    await service.check_in(conn, user, b.id, now=seoul(day, 13))
    try:
        await usage.record_usage(conn, mgr, b.id, seoul(day, 13).isoformat(), seoul(day, 14).isoformat(), "log",
                                   now=seoul(day, 17))
        raise AssertionError("overrode a check-in")
    except ValidationFailed as exc:
        assert "check it out" in exc.problems[0].message


async def test_a_recorded_use_may_not_take_another_booking_s_time(conn, equipment) -> None:
    user, mgr = await viewers(conn)
    day = next_weekday(2)
    before = seoul(day, 8) - dt.timedelta(days=2)
    first = await service.approve(conn, mgr, (await book(conn, user, equipment, day, 10, 11, before)).id, now=before)
    second = await service.approve(conn, mgr, (await book(conn, user, equipment, day, 11, 12, before)).id, now=before)
    later = seoul(day, 18)
    await usage.record_usage(conn, mgr, second.id, seoul(day, 11).isoformat(), seoul(day, 12).isoformat(),
                               "run sheet", now=later)
    try:  # the first booking's use may not run into the second's, recorded or not
        await usage.record_usage(conn, mgr, first.id, seoul(day, 10).isoformat(), seoul(day, 13).isoformat(),
                                   "run sheet", now=later)
        raise AssertionError("billed the same hour twice")
    except ValidationFailed as exc:
        assert [(p.code, p.field) for p in exc.problems] == [("BOOKING_CONFLICT", "end")]
        assert "11:00–12:00" in exc.problems[0].message
    assert (await service.booking_for_viewer(conn, user, first.id)).status is BookingStatus.APPROVED
    done = await usage.record_usage(conn, mgr, first.id, seoul(day, 9, 45).isoformat(), seoul(day, 11).isoformat(),
                                      "run sheet", now=later)
    assert done.status is BookingStatus.COMPLETED


async def test_a_use_is_recorded_even_if_the_sweep_made_it_a_no_show_meanwhile(conn, equipment) -> None:
    user, mgr = await viewers(conn)
    day = next_weekday(2)
    before = seoul(day, 8) - dt.timedelta(days=2)
    b = await service.approve(conn, mgr, (await book(conn, user, equipment, day, 10, 11, before)).id, now=before)
    read_while_approved = await service.booking_for_viewer(conn, mgr, b.id)
    await service.sweep(conn, now=seoul(day, 10, 31))  # between the manager's read and write
    original = service.booking_to_act_on

    async def stale(conn_, viewer, booking_id):  # the manager's read came before the sweep
        return read_while_approved

    service.booking_to_act_on = stale
    try:
        done = await usage.record_usage(conn, mgr, b.id, seoul(day, 10).isoformat(), seoul(day, 11).isoformat(),
                                          "run sheet", now=seoul(day, 12))
    finally:
        service.booking_to_act_on = original
    assert done.status is BookingStatus.COMPLETED
    detail = await conn.fetchval("SELECT detail FROM audit_log WHERE entity_id = $1 AND action = 'booking.record_usage'",
                                 b.id)
    assert detail["from"] == "NO_SHOW"


async def test_text_that_cannot_be_stored_is_named_in_its_field(conn, equipment) -> None:
    user, mgr = await viewers(conn)
    day = next_weekday(2)
    before = seoul(day, 8) - dt.timedelta(days=2)
    try:
        await service.request_booking(conn, user, {"equipment_id": equipment, "start": seoul(day, 10).isoformat(),
                                                    "end": seoul(day, 11).isoformat(), "purpose": "a\x00b"}, now=before)
        raise AssertionError("accepted a NUL in the purpose")
    except ValidationFailed as exc:
        assert [(p.code, p.field) for p in exc.problems] == [("INVALID", "purpose")]
    b = await service.approve(conn, mgr, (await book(conn, user, equipment, day, 10, 11, before)).id, now=before)
    try:
        await usage.record_usage(conn, mgr, b.id, seoul(day, 10).isoformat(), seoul(day, 11).isoformat(),
                                   "log\x00", now=seoul(day, 12))
        raise AssertionError("accepted a NUL in the reason")
    except ValidationFailed as exc:
        assert [(p.code, p.field) for p in exc.problems] == [("INVALID", "reason")]
    try:
        await service.cancel(conn, mgr, b.id, "x\x00", now=before)
        raise AssertionError("accepted a NUL in the reason")
    except ValidationFailed as exc:
        assert [(p.code, p.field) for p in exc.problems] == [("INVALID", "reason")]
