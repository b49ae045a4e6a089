"""Search by time: which equipment is free for a whole interval [start, end).

Free means what `requestBooking` would accept for the slot: ACTIVE, the interval lies inside one
opening interval of its Asia/Seoul day (the equipment's rules, else the default Monday-Friday
09:00-18:00), no blackout window overlaps it, and no slot-holding booking (REQUESTED or APPROVED)
overlaps it together with the buffers: the one after that booking and the one the new booking
would need after itself.

`free_between_sql` is the same test as a SQL predicate for a search statement (e.g. the PostgreSQL
search backend: `AND (d.kind <> 'EQUIPMENT' OR {free_between_sql('d.entity_id', '$23', '$24')})`);
`free_equipment_ids` applies it to a list of ids (e.g. to post-filter Meilisearch hits).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import asyncpg


def free_between_sql(equipment_id: str, start: str, end: str) -> str:
    """A boolean SQL expression: the equipment named by the column expression `equipment_id` is free
    for [start, end), where `start` and `end` are SQL expressions (usually bound parameters)."""
    window = f"tstzrange({start}::timestamptz, {end}::timestamptz, '[)')"
    # as the booking_buffer_free constraint sees a new booking: its slot plus the equipment's buffer
    held = (f"tstzrange({start}::timestamptz, {end}::timestamptz + make_interval(mins => coalesce("
            f"(SELECT fr.buffer_minutes FROM booking_rules fr WHERE fr.equipment_id = {equipment_id}), 0)), '[)')")
    return f"""(NOT EXISTS (SELECT 1 FROM booking fb
                  WHERE fb.equipment_id = {equipment_id} AND fb.status IN ('REQUESTED', 'APPROVED')
                    AND fb.held && {held})
        AND NOT EXISTS (SELECT 1 FROM booking_blackout fx
                  WHERE fx.equipment_id = {equipment_id} AND fx.during && {window})
        AND booking_within_hours(coalesce((SELECT fr.opening_hours FROM booking_rules fr
                                            WHERE fr.equipment_id = {equipment_id}), booking_default_hours()),
                                 {window}))"""


_FREE_SQL = f"""SELECT e.id FROM equipment e
 WHERE e.id = ANY($1::bigint[]) AND e.status = 'ACTIVE' AND {free_between_sql('e.id', '$2', '$3')}"""


async def free_equipment_ids(conn: asyncpg.Connection, equipment_ids: Sequence[int], start: dt.datetime,
                             end: dt.datetime) -> list[int]:
    """The ids among `equipment_ids` that are free for [start, end), in the given order."""
    if end <= start or not equipment_ids:
        return []
    free = {r["id"] for r in await conn.fetch(_FREE_SQL, list(equipment_ids), start, end)}
    return [i for i in equipment_ids if i in free]
