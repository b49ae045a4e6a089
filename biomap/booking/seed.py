"""Demo booking rules, qualifications and bookings from seeds/booking_*.json. Idempotent: rules are
upserted by equipment, qualifications by (equipment, user); a demo booking (dated relative to
today) is added only while the user holds no upcoming booking with its purpose on that equipment.
Equipment or users that are absent are skipped."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import asyncpg

from biomap.booking import queries, rules as booking_rules
from biomap.booking.models import SEOUL, BookingRules, BookingStatus, OpeningInterval


def _read(seeds_dir: Path, name: str) -> list[dict]:
    path = seeds_dir / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


async def _equipment_id(conn: asyncpg.Connection, source_id: str) -> int | None:
    return await conn.fetchval("SELECT id FROM equipment WHERE source_id = $1 ORDER BY id LIMIT 1", source_id)


async def load_booking(conn: asyncpg.Connection, seeds_dir: Path) -> tuple[int, int]:
    """(rules, qualifications) loaded; demo bookings are loaded by `load_demo_bookings`."""
    n_rules = n_quals = 0
    for item in _read(seeds_dir, "booking_rules.json"):
        equipment_id = await _equipment_id(conn, item["equipment"])
        if equipment_id is None:
            continue
        values = {k: v for k, v in item.items() if k not in ("equipment", "opening_hours")}
        rules = BookingRules(opening_hours=tuple(OpeningInterval.from_json(h) for h in item["opening_hours"]),
                             **values, is_default=False)
        await queries.upsert_rules(conn, equipment_id, rules, None)
        n_rules += 1
    for item in _read(seeds_dir, "booking_qualifications.json"):
        equipment_id = await _equipment_id(conn, item["equipment"])
        user_id = await queries.user_id_by_email(conn, item["user"])
        if equipment_id is None or user_id is None:
            continue
        expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=item["valid_days"])
        await queries.grant_qualification(conn, equipment_id, user_id, None, expires)
        n_quals += 1
    return n_rules, n_quals


async def load_demo_bookings(conn: asyncpg.Connection, seeds_dir: Path) -> int:
    """How many demo bookings are in place (added now or already there): the same on every run."""
    present = 0
    today = dt.datetime.now(SEOUL).date()
    for item in _read(seeds_dir, "booking_demo.json"):
        equipment_id = await _equipment_id(conn, item["equipment"])
        user = await conn.fetchrow(
            """SELECT u.id, u.email, u.role::text AS role, u.organisation_id, i.kind::text AS kind
                 FROM app_user u LEFT JOIN institution i ON i.id = u.organisation_id
                WHERE lower(u.email) = lower($1)""", item["user"])
        if equipment_id is None or user is None:
            continue
        if await conn.fetchval(
                """SELECT EXISTS (SELECT 1 FROM booking WHERE equipment_id = $1 AND user_id = $2 AND purpose = $3
                      AND status IN ('REQUESTED', 'APPROVED') AND upper(during) > now())""",
                equipment_id, user["id"], item["purpose"]):
            present += 1
            continue
        day = today + dt.timedelta(weeks=item["weeks_ahead"])
        while day.isoweekday() != item["weekday"]:
            day += dt.timedelta(days=1)
        start = dt.datetime.combine(day, dt.time.fromisoformat(item["start"]), SEOUL)
        end = dt.datetime.combine(day, dt.time.fromisoformat(item["end"]), SEOUL)
        equipment = await conn.fetchrow("SELECT * FROM equipment WHERE id = $1", equipment_id)
        kind = booking_rules.rate_kind(user["organisation_id"], user["kind"], user["role"], equipment["institution_id"])
        hourly = equipment[f"rate_{kind.value.lower()}_krw"]
        buffer = (await queries.equipment_rules(conn, equipment_id)).buffer_minutes
        try:
            async with conn.transaction():  # a savepoint: a taken slot skips this demo booking only
                await queries.insert_booking(
                    conn, equipment_id=equipment_id, institution_id=equipment["institution_id"], user_id=user["id"],
                    user_email=user["email"], status=BookingStatus(item["status"]), start=start, end=end,
                    buffer_minutes=buffer, purpose=item["purpose"], rate_kind=kind, hourly_rate_krw=hourly,
                    estimated_cost_krw=booking_rules.cost_krw(hourly, start, end), idempotency_key=None)
        except asyncpg.ExclusionViolationError:
            continue
        present += 1
    return present
