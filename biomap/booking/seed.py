"""Demo booking rules and qualifications from seeds/booking_*.json. Idempotent: rules are upserted
by equipment, qualifications by (equipment, user); equipment or users that are absent are skipped."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import asyncpg

from biomap.booking import queries
from biomap.booking.models import BookingRules, OpeningInterval


def _read(seeds_dir: Path, name: str) -> list[dict]:
    path = seeds_dir / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


async def _equipment_id(conn: asyncpg.Connection, source_id: str) -> int | None:
    return await conn.fetchval("SELECT id FROM equipment WHERE source_id = $1 ORDER BY id LIMIT 1", source_id)


async def load_booking(conn: asyncpg.Connection, seeds_dir: Path) -> tuple[int, int]:
    """(rules, qualifications) loaded."""
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
