"""SQL of the booking domain. Plain functions (conn, …) -> records; no rules here.

Writes that change a booking carry their audit row, outbox notification and idempotency record in
the same statement (data-modifying CTEs): one round trip, and they exist iff the change does.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import asyncpg

from biomap.booking.models import (
    Blackout,
    Booking,
    BookingRules,
    BookingStatus,
    CalendarFeed,
    OpeningInterval,
    RateKind,
)

TOPIC = "booking.notification"
# Advisory lock class (first key of the two-int form) of the per-user quota lock.
LOCK_USER = 0x626B0002

_BOOKING_COLUMNS = """b.id, b.equipment_id, e.institution_id, b.user_id, u.email AS user_email, b.status,
    lower(b.during) AS start, upper(b.during) AS "end", b.purpose, b.rate_kind, b.hourly_rate_krw,
    b.estimated_cost_krw, b.reason, b.decided_at, b.checked_in_at, b.checked_out_at, b.billable_krw,
    b.created_at"""


def booking(row: asyncpg.Record) -> Booking:
    return Booking(
        id=row["id"], equipment_id=row["equipment_id"], institution_id=row["institution_id"],
        user_id=row["user_id"], user_email=row["user_email"], status=BookingStatus(row["status"]),
        start=row["start"], end=row["end"], purpose=row["purpose"], rate_kind=RateKind(row["rate_kind"]),
        hourly_rate_krw=row["hourly_rate_krw"], estimated_cost_krw=row["estimated_cost_krw"],
        reason=row["reason"], decided_at=row["decided_at"], checked_in_at=row["checked_in_at"],
        checked_out_at=row["checked_out_at"], billable_krw=row["billable_krw"], created_at=row["created_at"],
    )


def rules_of(row: Any) -> BookingRules:
    if row is None or row["opening_hours"] is None:
        return BookingRules()
    quota = row["weekly_quota_hours"]
    return BookingRules(
        opening_hours=tuple(OpeningInterval.from_json(h) for h in row["opening_hours"]),
        min_duration_minutes=row["min_duration_minutes"], max_duration_minutes=row["max_duration_minutes"],
        granularity_minutes=row["granularity_minutes"], min_notice_minutes=row["min_notice_minutes"],
        max_advance_days=row["max_advance_days"], buffer_minutes=row["buffer_minutes"],
        weekly_quota_hours=None if quota is None else float(quota), approval_required=row["approval_required"],
        qualification_required=row["qualification_required"], cancel_cutoff_minutes=row["cancel_cutoff_minutes"],
        no_show_grace_minutes=row["no_show_grace_minutes"], is_default=False,
    )


async def lock_user(conn: asyncpg.Connection, user_id: int) -> None:
    """A transaction-scoped lock per user, taken before the quota is counted: two concurrent requests
    of one user cannot both fit into the last hours of the quota."""
    await conn.execute("SELECT pg_advisory_xact_lock($1, ($2 % 2147483647)::int)", LOCK_USER, user_id)


async def week_hours(conn: asyncpg.Connection, user_id: int, equipment_id: int,
                     week: tuple[dt.datetime, dt.datetime]) -> float:
    value = await conn.fetchval(
        """SELECT coalesce(sum(extract(epoch FROM upper(during) - lower(during))), 0) / 3600.0 FROM booking
            WHERE user_id = $1 AND equipment_id = $2 AND status IN ('REQUESTED', 'APPROVED')
              AND during && tstzrange($3, $4)""", user_id, equipment_id, week[0], week[1])
    return float(value)


_CONTEXT_SQL = """
SELECT e.id, e.institution_id, e.status, e.training_required,
       (e.access_policy <> 'INTERNAL' OR $3 OR e.institution_id = $4) AS visible,
       e.rate_internal_krw, e.rate_academic_krw, e.rate_industry_krw,
       r.opening_hours, r.min_duration_minutes, r.max_duration_minutes, r.granularity_minutes,
       r.min_notice_minutes, r.max_advance_days, r.buffer_minutes, r.weekly_quota_hours, r.approval_required,
       r.qualification_required, r.cancel_cutoff_minutes, r.no_show_grace_minutes,
       i.kind::text AS viewer_org_kind,
       EXISTS (SELECT 1 FROM booking_qualification q
                WHERE q.equipment_id = e.id AND q.user_id = $2 AND q.revoked_at IS NULL
                  AND (q.expires_at IS NULL OR q.expires_at > $7)) AS qualified,
       (SELECT coalesce(json_agg(json_build_object('id', x.id, 'start', lower(x.during), 'end', upper(x.during),
                                                   'reason', x.reason) ORDER BY lower(x.during)), '[]')
          FROM booking_blackout x WHERE x.equipment_id = e.id AND x.during && tstzrange(least($5::timestamptz, $6::timestamptz), greatest($5::timestamptz, $6::timestamptz), '[]')) AS blackouts,
       (SELECT coalesce(sum(extract(epoch FROM upper(k.during) - lower(k.during))), 0) / 3600.0
          FROM booking k
         WHERE k.user_id = $2 AND k.equipment_id = e.id AND k.status IN ('REQUESTED', 'APPROVED')
           AND k.during && tstzrange($8, $9)) AS week_hours
  FROM equipment e
  LEFT JOIN booking_rules r ON r.equipment_id = e.id
  LEFT JOIN institution i ON i.id = $4
 WHERE e.id = $1
"""


async def booking_context_row(
    conn: asyncpg.Connection, equipment_id: int, user_id: int, see_all_internal: bool, own_org_id: int | None,
    start: dt.datetime, end: dt.datetime, now: dt.datetime, week: tuple[dt.datetime, dt.datetime],
) -> asyncpg.Record | None:
    return await conn.fetchrow(_CONTEXT_SQL, equipment_id, user_id, see_all_internal, own_org_id, start, end, now,
                               week[0], week[1])


def blackouts_of(value: Any, equipment_id: int) -> tuple[Blackout, ...]:
    items = json.loads(value) if isinstance(value, str) else value
    return tuple(Blackout(b["id"], equipment_id, dt.datetime.fromisoformat(b["start"]),
                          dt.datetime.fromisoformat(b["end"]), b["reason"]) for b in items)


async def claim_idempotency(conn: asyncpg.Connection, user_id: int, key: str, request_hash: str) -> asyncpg.Record | None:
    """Claim `key` for this user (None), or the earlier claim's (request_hash, booking_id) when it is
    younger than 24 hours. A concurrent claim of the same key waits here until the first commits."""
    claimed = await conn.fetchval(
        """INSERT INTO booking_idempotency (user_id, key, request_hash) VALUES ($1, $2, $3)
           ON CONFLICT (user_id, key) DO UPDATE
              SET request_hash = EXCLUDED.request_hash, booking_id = NULL, created_at = now()
            WHERE booking_idempotency.created_at < now() - interval '24 hours'
           RETURNING true""",
        user_id, key, request_hash,
    )
    if claimed:
        return None
    return await conn.fetchrow(
        "SELECT request_hash, booking_id FROM booking_idempotency WHERE user_id = $1 AND key = $2", user_id, key
    )


_INSERT_SQL = f"""
WITH b AS (
    INSERT INTO booking (equipment_id, user_id, status, during, held, purpose, rate_kind, hourly_rate_krw,
                         estimated_cost_krw, decided_at)
    -- the buffer as committed now (not as read before the checks): a concurrent rule change cannot
    -- shrink it; $6 is the buffer the checks saw, the larger one applies
    VALUES ($1, $2, $3::booking_status, tstzrange($4, $5, '[)'),
            tstzrange($4, $5 + make_interval(mins => greatest($6, coalesce(
                (SELECT r.buffer_minutes FROM booking_rules r WHERE r.equipment_id = $1), 0))), '[)'),
            $7, $8, $9, $10, CASE WHEN $3 = 'APPROVED' THEN now() END)
    RETURNING *
), a AS (
    INSERT INTO audit_log (actor_id, action, entity, entity_id, detail)
    SELECT $2, 'booking.request', 'booking', b.id,
           jsonb_build_object('from', NULL, 'to', b.status::text, 'reason', NULL) FROM b
), o AS (
    INSERT INTO outbox (topic, payload)
    SELECT '{TOPIC}', jsonb_build_object('event', CASE WHEN b.status = 'APPROVED' THEN 'approved' ELSE 'requested' END,
           'bookingId', b.id, 'equipmentId', b.equipment_id, 'institutionId', $11::bigint, 'userId', b.user_id,
           'status', b.status::text, 'start', lower(b.during), 'end', upper(b.during), 'reason', NULL) FROM b
), i AS (
    UPDATE booking_idempotency SET booking_id = b.id FROM b
     WHERE booking_idempotency.user_id = $2 AND booking_idempotency.key = $12
)
SELECT b.id, b.equipment_id, $11::bigint AS institution_id, b.user_id, $13::text AS user_email, b.status,
       lower(b.during) AS start, upper(b.during) AS "end", b.purpose, b.rate_kind, b.hourly_rate_krw,
       b.estimated_cost_krw, b.reason, b.decided_at, b.checked_in_at, b.checked_out_at, b.billable_krw, b.created_at
  FROM b
"""


async def insert_booking(
    conn: asyncpg.Connection, *, equipment_id: int, institution_id: int, user_id: int, user_email: str,
    status: BookingStatus, start: dt.datetime, end: dt.datetime, buffer_minutes: int, purpose: str,
    rate_kind: RateKind, hourly_rate_krw: int | None, estimated_cost_krw: int | None, idempotency_key: str | None,
) -> Booking:
    """Insert a slot-holding booking with its audit row, notification and idempotency link.
    Raises asyncpg.ExclusionViolationError when the slot (or its buffer) is taken."""
    row = await conn.fetchrow(
        _INSERT_SQL, equipment_id, user_id, status.value, start, end, buffer_minutes, purpose, rate_kind.value,
        hourly_rate_krw, estimated_cost_krw, institution_id, idempotency_key, user_email,
    )
    return booking(row)


async def booking_by_id(conn: asyncpg.Connection, booking_id: int) -> Booking | None:
    row = await conn.fetchrow(
        f"""SELECT {_BOOKING_COLUMNS} FROM booking b JOIN equipment e ON e.id = b.equipment_id
             JOIN app_user u ON u.id = b.user_id WHERE b.id = $1""", booking_id)
    return booking(row) if row else None


async def bookings_by_ids(conn: asyncpg.Connection, ids: Sequence[int]) -> list[Booking]:
    rows = await conn.fetch(
        f"""SELECT {_BOOKING_COLUMNS} FROM booking b JOIN equipment e ON e.id = b.equipment_id
             JOIN app_user u ON u.id = b.user_id WHERE b.id = ANY($1::bigint[])""", list(ids))
    return [booking(r) for r in rows]


def transition_sql(extra_set: str, extra_where: str) -> str:
    return f"""
WITH b AS (
    UPDATE booking SET status = $3::booking_status, updated_at = now(){extra_set}
     WHERE id = $1 AND status = $2::booking_status{extra_where}
    RETURNING *
), a AS (
    INSERT INTO audit_log (actor_id, action, entity, entity_id, detail)
    SELECT $4, $6, 'booking', b.id, jsonb_build_object('from', $2::text, 'to', $3::text, 'reason', $5::text) FROM b
), o AS (
    INSERT INTO outbox (topic, payload)
    SELECT '{TOPIC}', jsonb_build_object('event', $7::text, 'bookingId', b.id, 'equipmentId', b.equipment_id,
           'institutionId', e.institution_id, 'userId', b.user_id, 'status', b.status::text,
           'start', lower(b.during), 'end', upper(b.during), 'reason', $5::text)
      FROM b JOIN equipment e ON e.id = b.equipment_id WHERE $7::text IS NOT NULL
)
SELECT {_BOOKING_COLUMNS} FROM b JOIN equipment e ON e.id = b.equipment_id JOIN app_user u ON u.id = b.user_id
"""


_DECIDE = transition_sql(", reason = coalesce($5, reason), decided_by = $4, decided_at = $8", "")
_CANCEL = transition_sql(", reason = coalesce($5, reason), decided_at = coalesce(decided_at, $8)", "")
_CHECK_IN = transition_sql(", checked_in_at = $8, checked_in_by = $4", " AND checked_in_at IS NULL")
_CHECK_OUT = transition_sql(", checked_out_at = $8, checked_out_by = $4, billable_krw = $9::bigint",
                             " AND checked_in_at IS NOT NULL AND checked_out_at IS NULL")
_SIMPLE = transition_sql(", decided_at = coalesce(decided_at, $8)", "")
TRANSITIONS = {"decide": _DECIDE, "cancel": _CANCEL, "check_in": _CHECK_IN, "check_out": _CHECK_OUT,
               "simple": _SIMPLE}


async def transition(
    conn: asyncpg.Connection, kind: str, booking_id: int, expected: BookingStatus, new: BookingStatus,
    actor_id: int | None, reason: str | None, action: str, event: str | None, at: dt.datetime,
    billable_krw: int | None = None,
) -> Booking | None:
    """A conditional status change (None when the booking is no longer `expected`), audited and
    announced in the same statement."""
    args: list[Any] = [booking_id, expected.value, new.value, actor_id, reason, action, event, at]
    if kind == "check_out":
        args.append(billable_krw)
    row = await conn.fetchrow(TRANSITIONS[kind], *args)
    return booking(row) if row else None


async def bookings_overlapping(
    conn: asyncpg.Connection, equipment_ids: Sequence[int], start: dt.datetime, end: dt.datetime,
) -> list[Booking]:
    """Slot-holding bookings of these equipment overlapping [start, end), in time order."""
    rows = await conn.fetch(
        f"""SELECT {_BOOKING_COLUMNS} FROM booking b JOIN equipment e ON e.id = b.equipment_id
             JOIN app_user u ON u.id = b.user_id
            WHERE b.equipment_id = ANY($1::bigint[]) AND b.status IN ('REQUESTED', 'APPROVED')
              AND b.during && tstzrange($2, $3) ORDER BY lower(b.during)""",
        list(equipment_ids), start, end)
    return [booking(r) for r in rows]


async def held_ranges(
    conn: asyncpg.Connection, equipment_id: int, start: dt.datetime, end: dt.datetime,
) -> list[tuple[dt.datetime, dt.datetime]]:
    rows = await conn.fetch(
        """SELECT lower(held) AS s, upper(held) AS e FROM booking
            WHERE equipment_id = $1 AND status IN ('REQUESTED', 'APPROVED') AND held && tstzrange($2, $3)""",
        equipment_id, start, end)
    return [(r["s"], r["e"]) for r in rows]


async def slot_taken(conn: asyncpg.Connection, equipment_id: int, start: dt.datetime, end: dt.datetime,
                     buffer_minutes: int) -> bool:
    """Whether a new booking of [start, end) would meet a held slot, as the exclusion constraints
    would see it: its own range plus its buffer against every held range (which carries its buffer)."""
    return await conn.fetchval(
        """SELECT EXISTS (SELECT 1 FROM booking
            WHERE equipment_id = $1 AND status IN ('REQUESTED', 'APPROVED')
              AND held && tstzrange($2::timestamptz, $3::timestamptz + make_interval(mins => $4), '[)'))""",
        equipment_id, start, end, buffer_minutes)


async def equipment_rules(conn: asyncpg.Connection, equipment_id: int) -> BookingRules:
    row = await conn.fetchrow("SELECT * FROM booking_rules WHERE equipment_id = $1", equipment_id)
    return rules_of(row)


async def blackouts(conn: asyncpg.Connection, equipment_id: int, start: dt.datetime | None = None,
                    end: dt.datetime | None = None) -> list[Blackout]:
    rows = await conn.fetch(
        """SELECT id, equipment_id, lower(during) AS s, upper(during) AS e, reason FROM booking_blackout
            WHERE equipment_id = $1 AND during && tstzrange($2, $3) ORDER BY lower(during)""",
        equipment_id, start, end)
    return [Blackout(r["id"], r["equipment_id"], r["s"], r["e"], r["reason"]) for r in rows]


async def upsert_rules(conn: asyncpg.Connection, equipment_id: int, rules: BookingRules, actor_id: int | None) -> None:
    await conn.execute(
        """INSERT INTO booking_rules (equipment_id, opening_hours, min_duration_minutes, max_duration_minutes,
               granularity_minutes, min_notice_minutes, max_advance_days, buffer_minutes, weekly_quota_hours,
               approval_required, qualification_required, cancel_cutoff_minutes, no_show_grace_minutes, updated_by)
           VALUES ($1, $2::text::jsonb, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
           ON CONFLICT (equipment_id) DO UPDATE SET
               opening_hours = EXCLUDED.opening_hours, min_duration_minutes = EXCLUDED.min_duration_minutes,
               max_duration_minutes = EXCLUDED.max_duration_minutes,
               granularity_minutes = EXCLUDED.granularity_minutes, min_notice_minutes = EXCLUDED.min_notice_minutes,
               max_advance_days = EXCLUDED.max_advance_days, buffer_minutes = EXCLUDED.buffer_minutes,
               weekly_quota_hours = EXCLUDED.weekly_quota_hours, approval_required = EXCLUDED.approval_required,
               qualification_required = EXCLUDED.qualification_required,
               cancel_cutoff_minutes = EXCLUDED.cancel_cutoff_minutes,
               no_show_grace_minutes = EXCLUDED.no_show_grace_minutes, updated_by = EXCLUDED.updated_by,
               updated_at = now()""",
        equipment_id, json.dumps([h.as_json() for h in rules.opening_hours]), rules.min_duration_minutes,
        rules.max_duration_minutes, rules.granularity_minutes, rules.min_notice_minutes, rules.max_advance_days,
        rules.buffer_minutes, rules.weekly_quota_hours, rules.approval_required, rules.qualification_required,
        rules.cancel_cutoff_minutes, rules.no_show_grace_minutes, actor_id,
    )


async def replace_blackouts(conn: asyncpg.Connection, equipment_id: int,
                            windows: Sequence[tuple[dt.datetime, dt.datetime, str]]) -> None:
    await conn.execute("DELETE FROM booking_blackout WHERE equipment_id = $1", equipment_id)
    if windows:
        await conn.executemany(
            "INSERT INTO booking_blackout (equipment_id, during, reason) VALUES ($1, tstzrange($2, $3, '[)'), $4)",
            [(equipment_id, s, e, r) for s, e, r in windows])


async def grant_qualification(conn: asyncpg.Connection, equipment_id: int, user_id: int, granted_by: int | None,
                              expires_at: dt.datetime | None) -> None:
    await conn.execute(
        """INSERT INTO booking_qualification (equipment_id, user_id, granted_by, expires_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (equipment_id, user_id) DO UPDATE SET granted_by = EXCLUDED.granted_by,
               granted_at = now(), expires_at = EXCLUDED.expires_at, revoked_at = NULL""",
        equipment_id, user_id, granted_by, expires_at)


async def revoke_qualification(conn: asyncpg.Connection, equipment_id: int, user_id: int) -> bool:
    done = await conn.execute(
        """UPDATE booking_qualification SET revoked_at = now()
            WHERE equipment_id = $1 AND user_id = $2 AND revoked_at IS NULL""", equipment_id, user_id)
    return done.endswith(" 1")


async def user_id_by_email(conn: asyncpg.Connection, email: str) -> int | None:
    return await conn.fetchval("SELECT id FROM app_user WHERE lower(email) = lower($1)", email)


async def pending_approvals(conn: asyncpg.Connection, institution_id: int | None, after_id: int,
                            limit: int) -> list[Booking]:
    """REQUESTED bookings of one institution's equipment (all institutions when None), oldest first."""
    rows = await conn.fetch(
        f"""SELECT {_BOOKING_COLUMNS} FROM booking b JOIN equipment e ON e.id = b.equipment_id
             JOIN app_user u ON u.id = b.user_id
            WHERE b.status = 'REQUESTED' AND ($1::bigint IS NULL OR e.institution_id = $1) AND b.id > $2
            ORDER BY b.id LIMIT $3""", institution_id, after_id, limit)
    return [booking(r) for r in rows]


async def count_pending_approvals(conn: asyncpg.Connection, institution_id: int | None) -> int:
    return await conn.fetchval(
        """SELECT count(*) FROM booking b JOIN equipment e ON e.id = b.equipment_id
            WHERE b.status = 'REQUESTED' AND ($1::bigint IS NULL OR e.institution_id = $1)""", institution_id)


async def count_bookings_of_user(conn: asyncpg.Connection, user_id: int) -> int:
    return await conn.fetchval("SELECT count(*) FROM booking WHERE user_id = $1", user_id)


async def bookings_of_user(conn: asyncpg.Connection, user_id: int, after_id: int, limit: int) -> list[Booking]:
    rows = await conn.fetch(
        f"""SELECT {_BOOKING_COLUMNS} FROM booking b JOIN equipment e ON e.id = b.equipment_id
             JOIN app_user u ON u.id = b.user_id
            WHERE b.user_id = $1 AND b.id > $2 ORDER BY b.id LIMIT $3""", user_id, after_id, limit)
    return [booking(r) for r in rows]


# ---- sweep ---------------------------------------------------------------------------------------

async def due_for_expiry(conn: asyncpg.Connection, now: dt.datetime, limit: int) -> list[int]:
    return [r["id"] for r in await conn.fetch(
        """SELECT id FROM booking WHERE status = 'REQUESTED' AND lower(during) <= $1
            ORDER BY lower(during) LIMIT $2 FOR UPDATE SKIP LOCKED""", now, limit)]


async def due_for_no_show(conn: asyncpg.Connection, now: dt.datetime, limit: int) -> list[int]:
    return [r["id"] for r in await conn.fetch(
        """SELECT b.id FROM booking b LEFT JOIN booking_rules r ON r.equipment_id = b.equipment_id
            WHERE b.status = 'APPROVED' AND b.checked_in_at IS NULL
              AND lower(b.during) + make_interval(mins => coalesce(r.no_show_grace_minutes, $3)) <= $1
            ORDER BY lower(b.during) LIMIT $2 FOR UPDATE OF b SKIP LOCKED""", now, limit,
        BookingRules().no_show_grace_minutes)]


async def send_reminders(conn: asyncpg.Connection, now: dt.datetime, lead: dt.timedelta, limit: int) -> int:
    """Mark approved bookings starting within `lead` as reminded and enqueue a reminder for each."""
    rows = await conn.fetch(
        f"""WITH due AS (
                SELECT b.id FROM booking b
                 WHERE b.status = 'APPROVED' AND b.reminder_sent_at IS NULL
                   AND lower(b.during) > $1 AND lower(b.during) <= $1 + $2::interval
                 ORDER BY lower(b.during) LIMIT $3 FOR UPDATE SKIP LOCKED
            ), b AS (
                UPDATE booking SET reminder_sent_at = $1 FROM due WHERE booking.id = due.id RETURNING booking.*
            )
            INSERT INTO outbox (topic, payload)
            SELECT '{TOPIC}', jsonb_build_object('event', 'reminder', 'bookingId', b.id, 'equipmentId', b.equipment_id,
                   'institutionId', e.institution_id, 'userId', b.user_id, 'status', b.status::text,
                   'start', lower(b.during), 'end', upper(b.during), 'reason', NULL)
              FROM b JOIN equipment e ON e.id = b.equipment_id
            RETURNING id""", now, lead, limit)
    return len(rows)


# ---- calendar feeds ------------------------------------------------------------------------------

def _feed(row: asyncpg.Record) -> CalendarFeed:
    return CalendarFeed(row["id"], row["owner_id"], row["equipment_id"], row["with_details"], row["created_at"],
                        row["revoked_at"])


async def insert_feed(conn: asyncpg.Connection, token_hash: bytes, owner_id: int, equipment_id: int | None,
                      with_details: bool) -> CalendarFeed:
    row = await conn.fetchrow(
        """INSERT INTO calendar_feed (token_hash, owner_id, equipment_id, with_details) VALUES ($1, $2, $3, $4)
           RETURNING *""", token_hash, owner_id, equipment_id, with_details)
    return _feed(row)


async def feed_by_id(conn: asyncpg.Connection, feed_id: int) -> CalendarFeed | None:
    row = await conn.fetchrow("SELECT * FROM calendar_feed WHERE id = $1", feed_id)
    return _feed(row) if row else None


async def feed_of_owner(conn: asyncpg.Connection, feed_id: int, owner_id: int) -> CalendarFeed | None:
    row = await conn.fetchrow("SELECT * FROM calendar_feed WHERE id = $1 AND owner_id = $2", feed_id, owner_id)
    return _feed(row) if row else None


async def feeds_of_owner(conn: asyncpg.Connection, owner_id: int, after_id: int, limit: int) -> list[CalendarFeed]:
    rows = await conn.fetch("SELECT * FROM calendar_feed WHERE owner_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                            owner_id, after_id, limit)
    return [_feed(r) for r in rows]


async def count_feeds_of_owner(conn: asyncpg.Connection, owner_id: int) -> int:
    return await conn.fetchval("SELECT count(*) FROM calendar_feed WHERE owner_id = $1", owner_id)


async def feed_by_token_hash(conn: asyncpg.Connection, token_hash: bytes) -> CalendarFeed | None:
    row = await conn.fetchrow(
        "SELECT * FROM calendar_feed WHERE token_hash = $1 AND revoked_at IS NULL", token_hash)
    return _feed(row) if row else None


async def revoke_feed(conn: asyncpg.Connection, feed_id: int) -> CalendarFeed | None:
    row = await conn.fetchrow(
        "UPDATE calendar_feed SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING *", feed_id)
    return _feed(row) if row else None


async def feed_bookings(conn: asyncpg.Connection, feed: CalendarFeed, start: dt.datetime,
                        end: dt.datetime) -> list[asyncpg.Record]:
    """Bookings a feed shows (slot-holding and completed ones) with the equipment's names."""
    return await conn.fetch(
        """SELECT b.id, b.status::text AS status, lower(b.during) AS start, upper(b.during) AS "end", b.purpose,
                  b.updated_at, u.email AS user_email, e.name_ko, e.name_en, e.building, e.room
             FROM booking b JOIN equipment e ON e.id = b.equipment_id JOIN app_user u ON u.id = b.user_id
            WHERE (CASE WHEN $1::bigint IS NULL THEN b.user_id = $2 ELSE b.equipment_id = $1 END)
              AND b.status IN ('REQUESTED', 'APPROVED', 'COMPLETED')
              AND b.during && tstzrange($3, $4)
            ORDER BY lower(b.during) LIMIT 5000""", feed.equipment_id, feed.owner_id, start, end)


# ---- webhooks ------------------------------------------------------------------------------------

async def upsert_webhook(conn: asyncpg.Connection, institution_id: int, url: str, secret: str) -> None:
    await conn.execute(
        """INSERT INTO institution_webhook (institution_id, url, secret) VALUES ($1, $2, $3)
           ON CONFLICT (institution_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret,
               updated_at = now()""", institution_id, url, secret)


async def delete_webhook(conn: asyncpg.Connection, institution_id: int) -> None:
    await conn.execute("DELETE FROM institution_webhook WHERE institution_id = $1", institution_id)
