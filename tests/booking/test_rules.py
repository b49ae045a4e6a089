"""The pure rule checks, table-driven."""

from __future__ import annotations

import datetime as dt

import pytest

from biomap.booking import rules
from biomap.booking.models import Blackout, BookingContext, BookingRules, RateKind
from tests.booking.conftest import next_weekday, seoul

DAY = next_weekday(2, days_ahead=10)
NOW = seoul(DAY, 9) - dt.timedelta(days=5)


def ctx(**changes) -> BookingContext:
    base = dict(equipment_id=1, institution_id=1, equipment_status="ACTIVE", equipment_visible=True,
                rates={"INTERNAL": 1, "ACADEMIC": 2, "INDUSTRY": 3}, rules=BookingRules(), rate_kind=RateKind.ACADEMIC,
                qualified=True)
    return BookingContext(**{**base, **changes})


CASES = [
    ("fine", ctx(), (10, 0), (11, 0), []),
    ("too short", ctx(), (10, 0), (10, 0), ["ZERO_LENGTH"]),
    ("shorter than the minimum", ctx(rules=BookingRules(min_duration_minutes=60)), (10, 0), (10, 30), ["TOO_SHORT"]),
    ("too long", ctx(), (9, 0), (18, 0), ["TOO_LONG"]),
    ("off grid", ctx(), (10, 10), (11, 10), ["OFF_SLOT_GRID"]),
    ("after hours", ctx(), (17, 30), (18, 30), ["OUTSIDE_OPENING_HOURS"]),
    ("blackout", ctx(blackouts=(Blackout(1, 1, seoul(DAY, 10, 30), seoul(DAY, 12), "service"),)), (10, 0), (11, 0),
     ["BLACKOUT"]),
    ("quota", ctx(rules=BookingRules(weekly_quota_hours=2), week_hours_used=1.5), (10, 0), (11, 0), ["QUOTA_EXCEEDED"]),
    ("quota exactly used up", ctx(rules=BookingRules(weekly_quota_hours=2), week_hours_used=1), (10, 0), (11, 0), []),
    ("maintenance and unqualified", ctx(equipment_status="MAINTENANCE", qualified=False,
                                        rules=BookingRules(qualification_required=True)), (10, 0), (11, 0),
     ["EQUIPMENT_UNDER_MAINTENANCE", "QUALIFICATION_REQUIRED"]),
    ("not visible", ctx(equipment_visible=False), (10, 0), (11, 0), ["EQUIPMENT_NOT_FOUND"]),
    ("many at once", ctx(rules=BookingRules(min_duration_minutes=60, weekly_quota_hours=0.1)), (18, 10), (18, 20),
     ["TOO_SHORT", "OFF_SLOT_GRID", "OUTSIDE_OPENING_HOURS", "QUOTA_EXCEEDED"]),
]


@pytest.mark.parametrize(("label", "context", "start", "end", "codes"), CASES, ids=[c[0] for c in CASES])
def test_check_request(label, context, start, end, codes) -> None:
    problems = rules.check_request(context, seoul(DAY, *start), seoul(DAY, *end), NOW)
    assert [p.code.value for p in problems] == codes


def test_short_notice() -> None:
    problems = rules.check_request(ctx(), seoul(DAY, 10), seoul(DAY, 11), seoul(DAY, 9, 30))
    assert [p.code.value for p in problems] == ["TOO_SHORT_NOTICE"]


@pytest.mark.parametrize(("text", "code"), [
    ("2026-12-08T13:00:00", "TIMEZONE_REQUIRED"), ("tuesday", "INVALID_TIMESTAMP"),
    ("9999-12-31T23:00:00-05:00", "BEYOND_MAX_ADVANCE"), ("2026-12-08T13:00:00+09:00", None),
    ("2026-12-08T04:00:00Z", None),
])
def test_parse_instant(text, code) -> None:
    value, problem = rules.parse_instant(text, "start")
    assert (problem.code.value if problem else None) == code
    if code is None:
        assert value == dt.datetime(2026, 12, 8, 4, tzinfo=dt.UTC)


@pytest.mark.parametrize(("org_id", "kind", "role", "expected"), [
    (1, "UNIVERSITY", "RESEARCHER", RateKind.INTERNAL), (2, "UNIVERSITY", "RESEARCHER", RateKind.ACADEMIC),
    (2, "COMPANY", "MANUFACTURER", RateKind.INDUSTRY), (None, None, "SUPPLIER", RateKind.INDUSTRY),
    (None, None, "RESEARCHER", RateKind.ACADEMIC), (2, "HOSPITAL", "RESEARCHER", RateKind.ACADEMIC),
])
def test_rate_kind(org_id, kind, role, expected) -> None:
    assert rules.rate_kind(org_id, kind, role, 1) is expected


def test_cost_rounds_up_to_the_minute_and_won() -> None:
    start = seoul(DAY, 10)
    assert rules.cost_krw(40000, start, start + dt.timedelta(hours=3)) == 120000
    assert rules.cost_krw(40000, start, start + dt.timedelta(minutes=1, seconds=1)) == 1334
    assert rules.cost_krw(None, start, start + dt.timedelta(hours=1)) is None


def test_free_intervals() -> None:
    r = BookingRules(buffer_minutes=15)
    held = [(seoul(DAY, 11), seoul(DAY, 12, 15))]
    blackout = [(seoul(DAY, 15), seoul(DAY, 16))]
    free = rules.free_intervals(r, seoul(DAY, 0), seoul(DAY, 23), NOW, blackout, held)
    assert [(f.start, f.end) for f in free] == [
        (seoul(DAY, 9), seoul(DAY, 10, 45)), (seoul(DAY, 12, 15), seoul(DAY, 15)), (seoul(DAY, 16), seoul(DAY, 18))]
    # beyond the advance limit nothing is free
    assert rules.free_intervals(BookingRules(max_advance_days=1), seoul(DAY, 0), seoul(DAY, 23), NOW, [], []) == []
