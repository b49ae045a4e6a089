"""Booking fixtures: fresh equipment per test (in the test's transaction) and Seoul-time helpers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import asyncpg
import pytest

from biomap.api.node import to_global_id
from biomap.booking.models import SEOUL


def next_weekday(weekday: int, days_ahead: int = 3) -> dt.date:
    """The first date with this ISO weekday at least `days_ahead` days from today (Seoul)."""
    day = dt.datetime.now(SEOUL).date() + dt.timedelta(days=days_ahead)
    while day.isoweekday() != weekday:
        day += dt.timedelta(days=1)
    return day


def seoul(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), SEOUL)


def iso(value: dt.datetime) -> str:
    return value.isoformat()


async def make_equipment(conn: asyncpg.Connection, org: str = "ITP_BIO", **values: Any) -> int:
    fields = {"name_ko": "테스트 유세포분석기", "name_en": "Test flow cytometer", "category": "FLOW_CYTOMETER",
              "status": "ACTIVE", "access_policy": "CLUSTER", "rate_internal_krw": 20000,
              "rate_academic_krw": 40000, "rate_industry_krw": 80000, **values}
    cols = ", ".join(fields)
    params = ", ".join(f"${i + 2}" for i in range(len(fields)))
    return await conn.fetchval(
        f"""INSERT INTO equipment (institution_id, {cols})
            SELECT o.id, {params} FROM organisation o WHERE o.code = $1 RETURNING id""",
        org, *fields.values())


@pytest.fixture
async def equipment(conn: asyncpg.Connection) -> int:
    return await make_equipment(conn)


@pytest.fixture
def equipment_gid(equipment: int) -> str:
    return to_global_id("Equipment", equipment)


@pytest.fixture
async def researcher(make_token) -> str:
    return await make_token("RESEARCHER", "YONSEI_IC")


@pytest.fixture
async def manager(make_token) -> str:
    return await make_token("INSTITUTION_MANAGER", "ITP_BIO")


@pytest.fixture
async def other_manager(make_token) -> str:
    return await make_token("INSTITUTION_MANAGER", "KNIBRT")


REQUEST = """mutation($input: RequestBookingInput!) {
  requestBooking(input: $input) {
    booking { id status start end purpose bookedBy mine rateKind hourlyRateKrw estimatedCostKrw billableKrw
              equipment { id } }
    errors { code field message }
  }
}"""

SET_RULES = """mutation($input: SetBookingRulesInput!) {
  setBookingRules(input: $input) { rules { minDurationMinutes bufferMinutes approvalRequired } errors { code field message } }
}"""


async def request(client, token: str, equipment_gid: str, start: dt.datetime | str, end: dt.datetime | str,
                  **extra: Any) -> dict:
    given = {"equipmentId": equipment_gid, "start": start if isinstance(start, str) else iso(start),
             "end": end if isinstance(end, str) else iso(end), "purpose": extra.pop("purpose", "LC-MS/MS run"),
             **extra}
    return (await client.data(REQUEST, {"input": given}, token=token))["requestBooking"]


async def set_rules(client, token: str, equipment_gid: str, **rules: Any) -> dict:
    return (await client.data(SET_RULES, {"input": {"equipmentId": equipment_gid, **rules}}, token=token))[
        "setBookingRules"]
