"""iCalendar (RFC 5545) feeds of bookings, reachable at /ical/<secret token>.ics.

A feed shows the slot-holding and completed bookings from 30 days back to 365 days ahead. An
equipment feed made by one of its managers names who booked and why; any other equipment feed
shows busy times only. Times are written in UTC.
"""

from __future__ import annotations

import datetime as dt

import asyncpg
from icalendar import Calendar, Event

from biomap.booking import queries
from biomap.booking.models import CalendarFeed
from biomap.booking.management import hash_feed_token

PRODID = "-//Bio Map//Incheon bio cluster booking//EN"
PAST = dt.timedelta(days=30)
AHEAD = dt.timedelta(days=365)


def _name(row: asyncpg.Record) -> str:
    return row["name_ko"] or row["name_en"]


def render(feed: CalendarFeed, rows: list[asyncpg.Record], host: str, now: dt.datetime) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Bio Map bookings")
    for r in rows:
        event = Event()
        event.add("uid", f"booking-{r['id']}@{host}")
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("last-modified", r["updated_at"].astimezone(dt.UTC))
        event.add("dtstart", r["start"].astimezone(dt.UTC))
        event.add("dtend", r["end"].astimezone(dt.UTC))
        event.add("status", "TENTATIVE" if r["status"] == "REQUESTED" else "CONFIRMED")
        place = " ".join(p for p in (r["building"], r["room"]) if p)
        if place:
            event.add("location", place)
        mine = feed.equipment_id is None
        if mine or feed.with_details:
            summary = _name(r) if mine else f"{_name(r)}: {r['user_email']}"
            event.add("summary", summary + (" (requested)" if r["status"] == "REQUESTED" else ""))
            if r["purpose"]:
                event.add("description", r["purpose"])
        else:
            event.add("summary", f"{_name(r)}: booked")
        cal.add_component(event)
    return cal.to_ical()


async def feed_calendar(conn: asyncpg.Connection, token: str, host: str,
                        now: dt.datetime | None = None) -> bytes | None:
    """The feed's calendar, or None when the token is unknown or revoked."""
    feed = await queries.feed_by_token_hash(conn, hash_feed_token(token))
    if feed is None:
        return None
    now = now or dt.datetime.now(dt.UTC)
    rows = await queries.feed_bookings(conn, feed, now - PAST, now + AHEAD)
    return render(feed, rows, host, now)
