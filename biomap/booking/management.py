"""What managers and users set up around bookings: rules and blackout windows, qualifications,
calendar feeds and the institution's notification webhook. Never commits (the caller does)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import secrets
from typing import Any
from urllib.parse import urlsplit

import asyncpg

from biomap.booking import queries, rules
from biomap.booking.models import (
    Blackout,
    BookingRules,
    CalendarFeed,
    Code,
    OpeningInterval,
    Problem,
    rules_in_force,
)
from biomap.booking.service import fail, require_user, viewer_scope
from biomap.catalogue.institution_queries import institution_exists
from biomap.errors import Forbidden, NotFound
from biomap.identity import service as identity
from biomap.identity.models import Role, Viewer
from biomap.validation import camel


# ---- rules, blackouts, qualifications (managers) -------------------------------------------------

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MIDNIGHT = 24 * 60  # minutes; a closing time of 24:00 is midnight at the end of the day
# The numeric rules: lowest and highest value a manager may set, and their unit.
LIMITS: dict[str, tuple[int, int, str]] = {
    "min_duration_minutes": (1, 10080, "minutes"), "max_duration_minutes": (1, 10080, "minutes"),
    "granularity_minutes": (1, 1440, "minutes"), "min_notice_minutes": (0, 525600, "minutes"),
    "max_advance_days": (1, 730, "days"), "buffer_minutes": (0, 1440, "minutes"),
    "cancel_cutoff_minutes": (0, 525600, "minutes"), "no_show_grace_minutes": (0, 1440, "minutes"),
}
SWITCHES = ("approval_required", "qualification_required")
MAX_QUOTA_HOURS = 168
MAX_BLACKOUT_REASON = 500  # reasons are shown to everyone who books and go into refusal messages
_WALL_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})")

_EQUIPMENT = """SELECT institution_id, training_required,
       (access_policy <> 'INTERNAL' OR $2 OR institution_id = $3) AS visible
  FROM equipment WHERE id = $1"""


async def _visible_equipment(conn: asyncpg.Connection, viewer: Viewer, equipment_id: int, *,
                             lock: bool = False) -> asyncpg.Record:
    """The equipment's institution_id and training_required. Equipment the viewer may not see gets
    exactly the NOT_FOUND of an unknown id: ids are sequential, so any other answer would reveal it."""
    see_all, own = viewer_scope(viewer)
    query = _EQUIPMENT + " FOR NO KEY UPDATE" if lock else _EQUIPMENT
    row = await conn.fetchrow(query, equipment_id, see_all, own) if equipment_id else None
    if row is None or not row["visible"]:
        raise NotFound("no equipment with this id", field="equipmentId")
    return row


async def _managed_equipment(conn: asyncpg.Connection, viewer: Viewer, equipment_id: int, *,
                             lock: bool = False) -> asyncpg.Record:
    """Equipment the viewer manages (NOT_FOUND when they may not see it, FORBIDDEN when they may but
    do not manage it)."""
    require_user(viewer, "manage equipment")
    row = await _visible_equipment(conn, viewer, equipment_id, lock=lock)
    if not viewer.manages(row["institution_id"]):
        raise Forbidden("only the managers of the institution that owns this equipment can do this")
    return row


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _wall_minutes(value: str, *, closing: bool) -> int | None:
    """Minutes after Seoul midnight of an 'HH:MM' time (closing times may be 24:00); None otherwise."""
    match = _WALL_TIME.fullmatch(value.strip())
    if match is None or int(match[2]) >= 60:
        return None
    minutes = int(match[1]) * 60 + int(match[2])
    return minutes if minutes < MIDNIGHT or (closing and minutes == MIDNIGHT) else None


def _opening_hours(given: list[dict[str, Any]], problems: list[Problem]) -> tuple[OpeningInterval, ...]:
    spans: list[tuple[int, int, int, int]] = []  # weekday, opens, closes (minutes), index in the input
    for n, h in enumerate(given):
        opens = _wall_minutes(h["opens"], closing=False)
        closes = _wall_minutes(h["closes"], closing=True)
        if opens is None:
            problems.append(Problem(Code.INVALID, f"openingHours.{n}.opens", f"'{h['opens']}' is not an opening "
                                    "time from 00:00 to 23:59 (HH:MM, Seoul time, without seconds or a UTC offset)"))
        if closes is None:
            problems.append(Problem(Code.INVALID, f"openingHours.{n}.closes", f"'{h['closes']}' is not a closing "
                                    "time from 00:00 to 24:00 (HH:MM, Seoul time, without seconds or a UTC offset)"))
        weekday = int(h["weekday"])
        if not 1 <= weekday <= 7:
            problems.append(Problem(Code.INVALID, f"openingHours.{n}.weekday", "weekday is 1 (Monday) to 7"))
        elif opens is not None and closes is not None:
            if closes <= opens:
                problems.append(Problem(Code.INVALID, f"openingHours.{n}.closes",
                                        "closing must be after opening (24:00 is midnight at the end of the day)"))
            else:
                spans.append((weekday, opens, closes, n))
    problems.extend(_overlaps(spans))
    return tuple(OpeningInterval(day, dt.time(*divmod(opens, 60)),
                                 None if closes == MIDNIGHT else dt.time(*divmod(closes, 60)))
                 for day, opens, closes, _ in spans)


def _overlaps(spans: list[tuple[int, int, int, int]]) -> list[Problem]:
    """Intervals of one weekday that overlap or meet. Bookings and searches treat such intervals as
    one, while availability would list them apart: asking for the one interval keeps what a manager
    sees, what a user is offered and what is checked the same."""
    problems = []
    reach: tuple[int, int, int, int] | None = None  # of the day so far, the interval closing last
    for span in sorted(spans):
        if reach is not None and reach[0] == span[0] and span[1] <= reach[2]:
            earlier, later = sorted((reach, span), key=lambda s: s[3])
            problems.append(Problem(
                Code.INVALID, f"openingHours.{later[3]}",
                f"{'meets' if span[1] == reach[2] else 'overlaps'} {WEEKDAYS[span[0] - 1]} "
                f"{_hhmm(earlier[1])}-{_hhmm(earlier[2])} (openingHours.{earlier[3]}): give them as one interval, "
                f"{_hhmm(min(span[1], reach[1]))}-{_hhmm(max(span[2], reach[2]))}"))
        if reach is None or reach[0] != span[0] or span[2] > reach[2]:
            reach = span
    return problems


def _limits(data: dict[str, Any], current: BookingRules, problems: list[Problem]) -> dict[str, Any]:
    """The numeric rules and switches, each given one checked, the others as they are (null keeps too)."""
    values: dict[str, Any] = {}
    for name, (lowest, highest, unit) in LIMITS.items():
        value = data.get(name)
        if value is None:
            value = getattr(current, name)
        elif not lowest <= value <= highest:
            problems.append(Problem(Code.INVALID, camel(name), f"give {lowest} to {highest} {unit}"))
        values[name] = value
    shortest, longest = values["min_duration_minutes"], values["max_duration_minutes"]
    if 1 <= longest < shortest <= LIMITS["min_duration_minutes"][1]:  # out of range: reported above
        problems.append(Problem(Code.INVALID, "maxDurationMinutes",
                                f"the maximum is below the minimum ({shortest} minutes)"))
    for name in SWITCHES:
        values[name] = getattr(current, name) if data.get(name) is None else data[name]
    quota = data["weekly_quota_hours"] if "weekly_quota_hours" in data else current.weekly_quota_hours
    if quota is not None and not 0 < quota <= MAX_QUOTA_HOURS:
        # 0 is refused rather than read as "no booking": that is what status MAINTENANCE says
        problems.append(Problem(Code.INVALID, "weeklyQuotaHours",
                                f"give more than 0 and at most {MAX_QUOTA_HOURS} hours, or null for no quota"))
    values["weekly_quota_hours"] = quota
    return values


def _instant(value: Any, field: str, too_far: str, problems: list[Problem]) -> dt.datetime | None:
    """rules.parse_instant, saying for years past the last accepted one what is being set here."""
    parsed, problem = rules.parse_instant(value, field)
    if problem is not None:
        if problem.code is Code.BEYOND_MAX_ADVANCE:
            problem = dataclasses.replace(problem, message=too_far)
        problems.append(problem)
    return parsed


def _blackouts(given: list[dict[str, Any]], problems: list[Problem]) -> list[tuple[dt.datetime, dt.datetime, str]]:
    windows = []
    too_far = f"a blackout window must lie before the year {rules.LAST_YEAR + 1}"
    for n, w in enumerate(given):
        start = _instant(w["start"], f"blackouts.{n}.start", too_far, problems)
        end = _instant(w["end"], f"blackouts.{n}.end", too_far, problems)
        reason = (w.get("reason") or "").strip()
        if len(reason) > MAX_BLACKOUT_REASON:
            problems.append(Problem(Code.INVALID, f"blackouts.{n}.reason",
                                    f"keep the reason under {MAX_BLACKOUT_REASON} characters"))
        if start is None or end is None:
            continue
        if end < start:
            problems.append(Problem(Code.END_BEFORE_START, f"blackouts.{n}.end",
                                    "the end is before the start: swap them"))
        elif end == start:
            problems.append(Problem(Code.ZERO_LENGTH, f"blackouts.{n}.end",
                                    "the window has no length: give an end after the start"))
        else:
            windows.append((start, end, reason))
    return windows


async def set_rules(conn: asyncpg.Connection, viewer: Viewer, equipment_id: int, data: dict[str, Any]) -> BookingRules:
    """Set the equipment's rules (fields left out keep the value in force) and, when given, replace
    its blackout windows. Requests already checked keep the rules they were checked under, except the
    buffer: a booking's buffer is taken from the rules committed when it is inserted, if larger."""
    # Locked so that two partial updates at once cannot each write back the other's old values.
    equipment = await _managed_equipment(conn, viewer, equipment_id, lock=True)
    # The rules in force, not bare defaults: until rules are first set, trainingRequired equipment
    # requires a qualification, and a partial update must not silently drop that.
    current = rules_in_force(await queries.equipment_rules(conn, equipment_id), equipment["training_required"])
    problems: list[Problem] = []
    given_hours = data.get("opening_hours")
    hours = current.opening_hours if given_hours is None else _opening_hours(given_hours, problems)
    values = _limits(data, current, problems)
    windows = None if data.get("blackouts") is None else _blackouts(data["blackouts"], problems)
    if problems:
        raise fail(problems)
    new_rules = BookingRules(opening_hours=hours, **values, is_default=False)
    await queries.upsert_rules(conn, equipment_id, new_rules, viewer.user_id)
    if windows is not None:
        await queries.replace_blackouts(conn, equipment_id, windows)
    await identity.record_audit(conn, viewer, "booking.rules", "equipment", equipment_id,
                                {"rules": sorted(k for k in data if data[k] is not None)})
    return new_rules


async def blackouts(conn: asyncpg.Connection, equipment_id: int) -> list[Blackout]:
    """Every stored window of the equipment, earliest first (for whoever may see its rules)."""
    return await queries.blackouts(conn, equipment_id)


async def set_qualification(conn: asyncpg.Connection, viewer: Viewer, equipment_id: int, email: str,
                            expires_at: Any, grant: bool, now: dt.datetime | None = None) -> None:
    """Grant (until `expires_at`, if given) or revoke a user's qualification for the equipment."""
    await _managed_equipment(conn, viewer, equipment_id)
    problems: list[Problem] = []
    user_id = await queries.user_id_by_email(conn, email.strip())
    if user_id is None:
        problems.append(Problem(Code.NOT_FOUND, "userEmail", "no user with this e-mail"))
    expiry = None
    if grant and expires_at is not None:
        expiry = _instant(expires_at, "expiresAt", f"give an expiry before the year {rules.LAST_YEAR + 1}, "
                          "or none for a qualification that does not expire", problems)
        if expiry is not None and expiry <= (now or dt.datetime.now(dt.UTC)):
            problems.append(Problem(Code.IN_THE_PAST, "expiresAt",
                                    "this expiry is in the past: give a later one, or none for no expiry"))
    if problems:
        raise fail(problems)
    assert user_id is not None
    if grant:
        await queries.grant_qualification(conn, equipment_id, user_id, viewer.user_id, expiry)
        await identity.record_audit(conn, viewer, "booking.qualification.grant", "equipment", equipment_id,
                                    {"user_id": user_id, "expires_at": expiry.isoformat() if expiry else None})
    else:
        if not await queries.revoke_qualification(conn, equipment_id, user_id):
            raise NotFound("this user holds no qualification for this equipment", field="userEmail")
        await identity.record_audit(conn, viewer, "booking.qualification.revoke", "equipment", equipment_id,
                                    {"user_id": user_id})


# ---- calendar feeds and webhooks -----------------------------------------------------------------


def feed_token() -> str:
    return "cal_" + secrets.token_urlsafe(32)


def hash_feed_token(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


async def create_feed(conn: asyncpg.Connection, viewer: Viewer, equipment_id: int | None) -> tuple[CalendarFeed, str]:
    """A secret feed URL: the viewer's own bookings, or one equipment's bookings (with who booked
    for its managers; busy times only for everyone else)."""
    user_id = require_user(viewer, "create a calendar feed")
    with_details = False
    if equipment_id is not None:
        equipment = await _visible_equipment(conn, viewer, equipment_id)
        with_details = viewer.manages(equipment["institution_id"])
    token = feed_token()
    feed = await queries.insert_feed(conn, hash_feed_token(token), user_id, equipment_id, with_details)
    await identity.record_audit(conn, viewer, "calendar_feed.create", "calendar_feed", feed.id,
                                {"equipment_id": equipment_id})
    return feed, token


async def revoke_feed(conn: asyncpg.Connection, viewer: Viewer, feed_id: int) -> CalendarFeed:
    require_user(viewer, "revoke a calendar feed")
    feed = await queries.feed_by_id(conn, feed_id) if feed_id else None
    if feed is None or (feed.owner_id != viewer.user_id and not viewer.is_admin):
        raise NotFound("no calendar feed with this id", field="id")
    revoked = await queries.revoke_feed(conn, feed_id)
    assert revoked is not None
    await identity.record_audit(conn, viewer, "calendar_feed.revoke", "calendar_feed", feed_id, {})
    return revoked


async def own_feed(conn: asyncpg.Connection, viewer: Viewer, feed_id: int) -> CalendarFeed | None:
    """One of the viewer's own feeds (None for anyone else's: their existence is not yours to know)."""
    if viewer.user_id is None:
        return None
    return await queries.feed_of_owner(conn, feed_id, viewer.user_id)


async def own_feeds(conn: asyncpg.Connection, viewer: Viewer, after_id: int, limit: int) -> list[CalendarFeed]:
    """The viewer's feeds, revoked ones too, oldest first: how a lost feed is found again to revoke it."""
    return await queries.feeds_of_owner(conn, require_user(viewer, "see your calendar feeds"), after_id, limit)


async def count_own_feeds(conn: asyncpg.Connection, viewer: Viewer) -> int:
    return await queries.count_feeds_of_owner(conn, require_user(viewer, "see your calendar feeds"))


MAX_WEBHOOK_URL = 2000
_SPACE = re.compile(r"\s")


def _webhook_url(url: str, problems: list[Problem]) -> str | None:
    """The address as stored (scheme in lower case, as the table's check wants), or None after a problem."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        usable = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # e.g. a port that is not a number from 0 to 65535
        usable = False
    if not usable or _SPACE.search(url) or len(url) > MAX_WEBHOOK_URL:
        problems.append(Problem(Code.INVALID, "url", "give an http(s) address with a host name, like "
                                f"https://example.org/hooks/biomap (at most {MAX_WEBHOOK_URL} characters)"))
        return None
    return parts.scheme + url[len(parts.scheme):]


async def set_webhook(conn: asyncpg.Connection, viewer: Viewer, institution_id: int | None,
                      url: str | None) -> str | None:
    """Set (or with url null, remove) an institution's notification webhook; returns the new signing
    secret, shown once. `institution_id`: None for the viewer's own institution (admins must name
    one), 0 for an id that names no institution (the API's reading of a malformed one)."""
    require_user(viewer, "set a webhook")
    if not (viewer.is_admin or viewer.role is Role.INSTITUTION_MANAGER):
        raise Forbidden("only an institution's managers can set its webhook")
    problems: list[Problem] = []
    if institution_id == 0:
        problems.append(Problem(Code.NOT_FOUND, "institutionId", "no institution with this id"))
    elif institution_id is None and viewer.is_admin:
        problems.append(Problem(Code.INVALID, "institutionId",
                                "name the institution whose webhook this is (institutionId)"))
    else:
        institution_id = viewer.organisation_id if institution_id is None else institution_id
        # Permission before existence, so that ids cannot be probed.
        if institution_id is None or not viewer.manages(institution_id):
            raise Forbidden("only the institution's managers can set its webhook")
        if not await institution_exists(conn, institution_id):
            problems.append(Problem(Code.NOT_FOUND, "institutionId", "no institution with this id"))
    stored_url = _webhook_url(url, problems) if url else None
    if problems:
        raise fail(problems)
    assert institution_id
    if stored_url is None:
        await queries.delete_webhook(conn, institution_id)
        await identity.record_audit(conn, viewer, "webhook.delete", "institution", institution_id, {})
        return None
    secret = "whsec_" + secrets.token_urlsafe(32)
    await queries.upsert_webhook(conn, institution_id, stored_url, secret)
    await identity.record_audit(conn, viewer, "webhook.set", "institution", institution_id, {"url": stored_url})
    return secret
