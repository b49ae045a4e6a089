"""What managers and users set up around bookings: rules and blackout windows, qualifications,
calendar feeds and the institution's notification webhook. Never commits (the caller does)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

import asyncpg

from biomap.booking import queries, rules
from biomap.booking.models import BookingRules, CalendarFeed, Code, OpeningInterval, Problem
from biomap.booking.service import fail, require_user, viewer_scope
from biomap.errors import Forbidden, NotFound
from biomap.identity import service as identity
from biomap.identity.models import Viewer
from biomap.validation import camel


# ---- rules, blackouts, qualifications (managers) -------------------------------------------------


async def _managed_equipment(conn: asyncpg.Connection, viewer: Viewer, equipment_id: int) -> int:
    """The institution of equipment the viewer manages (NotFound / Forbidden otherwise)."""
    require_user(viewer, "manage equipment")
    institution_id = await conn.fetchval("SELECT institution_id FROM equipment WHERE id = $1", equipment_id)
    if institution_id is None:
        raise NotFound("no equipment with this id", field="equipmentId")
    if not viewer.manages(institution_id):
        raise Forbidden("only the managers of the institution that owns this equipment can do this")
    return institution_id


def _hhmm(value: str, field: str, allow_24: bool) -> dt.time | None:
    if allow_24 and value.strip() in ("24:00", "24:00:00"):
        return None
    try:
        return dt.time.fromisoformat(value.strip())
    except ValueError:
        raise fail([Problem(Code.INVALID, field, f"'{value}' is not a time like 09:00")]) from None


async def set_rules(conn: asyncpg.Connection, viewer: Viewer, equipment_id: int, data: dict[str, Any]) -> BookingRules:
    """Replace the equipment's rules (fields left out keep their current value) and, when given, its
    blackout windows. Requests already checked keep the rules they were checked under, except the
    buffer: a booking's buffer is taken from the rules committed when it is inserted, if larger."""
    await _managed_equipment(conn, viewer, equipment_id)
    current = await queries.equipment_rules(conn, equipment_id)
    problems: list[Problem] = []
    hours = current.opening_hours
    if data.get("opening_hours") is not None:
        parsed = []
        for n, h in enumerate(data["opening_hours"]):
            opens = _hhmm(h["opens"], f"openingHours.{n}.opens", False)
            closes = _hhmm(h["closes"], f"openingHours.{n}.closes", True)
            if not 1 <= int(h["weekday"]) <= 7:
                problems.append(Problem(Code.INVALID, f"openingHours.{n}.weekday", "weekday is 1 (Monday) to 7"))
            elif opens is None or (closes is not None and closes <= opens):
                problems.append(Problem(Code.INVALID, f"openingHours.{n}.closes", "closing must be after opening"))
            else:
                parsed.append(OpeningInterval(int(h["weekday"]), opens, closes))
        hours = tuple(parsed)
    values = {name: data.get(name, getattr(current, name)) for name in (
        "min_duration_minutes", "max_duration_minutes", "granularity_minutes", "min_notice_minutes",
        "max_advance_days", "buffer_minutes", "approval_required", "qualification_required",
        "cancel_cutoff_minutes", "no_show_grace_minutes")}
    for name, value in values.items():
        if value is None:
            values[name] = getattr(current, name)
    values["weekly_quota_hours"] = data["weekly_quota_hours"] if "weekly_quota_hours" in data else current.weekly_quota_hours
    bounds = {"min_duration_minutes": (1, 10080), "max_duration_minutes": (1, 10080), "granularity_minutes": (1, 1440),
              "min_notice_minutes": (0, 525600), "max_advance_days": (1, 730), "buffer_minutes": (0, 1440),
              "cancel_cutoff_minutes": (0, 525600), "no_show_grace_minutes": (0, 1440)}
    for name, (lo, hi) in bounds.items():
        if not lo <= int(values[name]) <= hi:
            problems.append(Problem(Code.INVALID, camel(name), f"give a value from {lo} to {hi}"))
    if values["max_duration_minutes"] < values["min_duration_minutes"]:
        problems.append(Problem(Code.INVALID, "maxDurationMinutes", "the maximum is below the minimum"))
    quota = values["weekly_quota_hours"]
    if quota is not None and not 0 < quota <= 168:
        problems.append(Problem(Code.INVALID, "weeklyQuotaHours", "give 0-168 hours, or null for no quota"))
    windows = []
    for n, w in enumerate(data.get("blackouts") or []):
        s, p1 = rules.parse_instant(w["start"], f"blackouts.{n}.start")
        e, p2 = rules.parse_instant(w["end"], f"blackouts.{n}.end")
        if p1 or p2:
            problems += [p for p in (p1, p2) if p]
        elif e <= s:  # type: ignore[operator]
            problems.append(Problem(Code.END_BEFORE_START, f"blackouts.{n}.end", "the end is before the start"))
        else:
            windows.append((s, e, (w.get("reason") or "").strip()))
    if problems:
        raise fail(problems)
    new_rules = BookingRules(opening_hours=hours, **values, is_default=False)
    await queries.upsert_rules(conn, equipment_id, new_rules, viewer.user_id)
    if data.get("blackouts") is not None:
        await queries.replace_blackouts(conn, equipment_id, windows)  # type: ignore[arg-type]
    await identity.record_audit(conn, viewer, "booking.rules", "equipment", equipment_id,
                                {"rules": sorted(k for k in data if data[k] is not None)})
    return new_rules


async def set_qualification(conn: asyncpg.Connection, viewer: Viewer, equipment_id: int, email: str,
                            expires_at: Any, grant: bool) -> None:
    await _managed_equipment(conn, viewer, equipment_id)
    user_id = await queries.user_id_by_email(conn, email.strip())
    if user_id is None:
        raise NotFound("no user with this e-mail", field="userEmail")
    if grant:
        expiry = None
        if expires_at is not None:
            expiry, problem = rules.parse_instant(expires_at, "expiresAt")
            if problem:
                raise fail([problem])
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
        see_all, own = viewer_scope(viewer)
        row = await conn.fetchrow(
            "SELECT institution_id, (access_policy <> 'INTERNAL' OR $2 OR institution_id = $3) AS visible "
            "FROM equipment WHERE id = $1", equipment_id, see_all, own)
        if row is None or not row["visible"]:
            raise NotFound("no equipment with this id", field="equipmentId")
        with_details = viewer.manages(row["institution_id"])
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


async def set_webhook(conn: asyncpg.Connection, viewer: Viewer, institution_id: int | None,
                      url: str | None) -> str | None:
    """Set (or with url null, remove) the institution's notification webhook; returns the new
    signing secret, shown once."""
    require_user(viewer, "set a webhook")
    institution_id = institution_id or viewer.organisation_id
    if institution_id is None or not viewer.manages(institution_id):
        raise Forbidden("only the institution's managers can set its webhook")
    if not url:
        await queries.delete_webhook(conn, institution_id)
        await identity.record_audit(conn, viewer, "webhook.delete", "institution", institution_id, {})
        return None
    url = url.strip()
    if not url.startswith(("https://", "http://")) or len(url) > 2000:
        raise fail([Problem(Code.INVALID, "url", "give an http(s) URL")])
    secret = "whsec_" + secrets.token_urlsafe(32)
    await queries.upsert_webhook(conn, institution_id, url, secret)
    await identity.record_audit(conn, viewer, "webhook.set", "institution", institution_id, {"url": url})
    return secret
