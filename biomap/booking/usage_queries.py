"""SQL of uses recorded by hand (usage.py). Plain functions (conn, …) -> records."""

from __future__ import annotations

import datetime as dt

import asyncpg

from biomap.booking.models import Booking, BookingStatus
from biomap.booking.queries import booking, transition_sql

# Advisory lock class (first key of the two-int form), beside queries.LOCK_USER.
LOCK_EQUIPMENT_USAGE = 0x626B0003  # recorded uses of one equipment, one at a time

# Use recorded by a manager ($9 start, $10 end, $11 billable): only while nobody checked in or out.
_RECORD_USAGE = transition_sql(
    ", decided_at = coalesce(decided_at, $8), checked_in_at = $9, checked_in_by = $4, checked_out_at = $10,"
    " checked_out_by = $4, billable_krw = $11::bigint", " AND checked_in_at IS NULL AND checked_out_at IS NULL")


async def lock_equipment_usage(conn: asyncpg.Connection, equipment_id: int) -> None:
    """A transaction-scoped lock per equipment, taken before a recorded use is checked against the
    others: two managers cannot record overlapping uses at once."""
    await conn.execute("SELECT pg_advisory_xact_lock($1, ($2 % 2147483647)::int)", LOCK_EQUIPMENT_USAGE,
                       equipment_id)


async def time_taken_by_another(conn: asyncpg.Connection, equipment_id: int, booking_id: int, start: dt.datetime,
                                end: dt.datetime) -> asyncpg.Record | None:
    """The first other booking of the equipment whose held slot or actual use meets [start, end):
    (id, start, end) of that slot or use, or None."""
    return await conn.fetchrow(
        """SELECT b.id, u.start, u."end" FROM booking b
             CROSS JOIN LATERAL (
                 SELECT lower(b.during) AS start, upper(b.during) AS "end"
                  WHERE b.status IN ('REQUESTED', 'APPROVED') AND b.during && tstzrange($3, $4, '[)')
                 UNION ALL
                 SELECT b.checked_in_at, b.checked_out_at
                  WHERE b.checked_in_at IS NOT NULL
                    AND tstzrange(b.checked_in_at, coalesce(b.checked_out_at, 'infinity'), '[)')
                        && tstzrange($3, $4, '[)')) u
            WHERE b.equipment_id = $1 AND b.id <> $2
            ORDER BY u.start LIMIT 1""", equipment_id, booking_id, start, end)


async def record_usage(
    conn: asyncpg.Connection, booking_id: int, expected: BookingStatus, actor_id: int | None, reason: str,
    start: dt.datetime, end: dt.datetime, billable_krw: int | None, at: dt.datetime,
) -> Booking | None:
    """The booking COMPLETED with the given actual use (None when it is no longer `expected`, or was
    checked into meanwhile), audited in the same statement."""
    row = await conn.fetchrow(_RECORD_USAGE, booking_id, expected.value, BookingStatus.COMPLETED.value, actor_id,
                              reason, "booking.record_usage", None, at, start, end, billable_krw)
    return booking(row) if row else None
