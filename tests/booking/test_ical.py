"""iCalendar feeds: valid RFC 5545 (parsed back with icalendar), secret URLs, revocation, privacy."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from tests.booking.conftest import next_weekday, request, seoul

CREATE = """mutation($eq: ID) { createCalendarFeed(equipmentId: $eq) { url feed { id withDetails } errors { code } } }"""
REVOKE = "mutation($id: ID!) { revokeCalendarFeed(id: $id) { feed { revokedAt } errors { code } } }"


async def fetch(client, url: str):
    return await client.http.get(url.replace("http://127.0.0.1:8000", ""))


async def test_user_feed_is_valid_icalendar_and_revocable(client, equipment_gid, researcher) -> None:
    day = next_weekday(2)
    assert (await request(client, researcher, equipment_gid, seoul(day, 13), seoul(day, 16)))["errors"] == []
    created = (await client.data(CREATE, {"eq": None}, token=researcher))["createCalendarFeed"]
    assert created["errors"] == [] and "/ical/cal_" in created["url"]
    response = await fetch(client, created["url"])
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    assert str(cal["VERSION"]) == "2.0" and "Bio Map" in str(cal["PRODID"])
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert event.decoded("DTSTART") == seoul(day, 13) and event.decoded("DTEND") == seoul(day, 16)
    assert event.decoded("DTSTART").tzinfo is not None and event.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert str(event["UID"]).startswith("booking-") and "DTSTAMP" in event
    assert "LC-MS/MS run" in str(event["DESCRIPTION"]) and str(event["STATUS"]) == "TENTATIVE"

    # UIDs are persistent (RFC 5545): named by the configured public URL, not by the Host asked for
    path = created["url"].replace("http://127.0.0.1:8000", "")
    for host in ("localhost:8100", "evil.example"):
        again = Calendar.from_ical((await client.http.get(path, headers={"host": host})).content)
        assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(event["UID"])]
    assert str(event["UID"]).endswith("@127.0.0.1")

    revoked = (await client.data(REVOKE, {"id": created["feed"]["id"]}, token=researcher))["revokeCalendarFeed"]
    assert revoked["errors"] == [] and revoked["feed"]["revokedAt"]
    assert (await fetch(client, created["url"])).status_code == 404


async def test_equipment_feed_hides_who_booked_unless_manager(client, equipment_gid, researcher, manager,
                                                              make_token) -> None:
    day = next_weekday(3)
    assert (await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11)))["errors"] == []
    other = await make_token("RESEARCHER", "INU")
    public = (await client.data(CREATE, {"eq": equipment_gid}, token=other))["createCalendarFeed"]
    managed = (await client.data(CREATE, {"eq": equipment_gid}, token=manager))["createCalendarFeed"]
    assert (public["feed"]["withDetails"], managed["feed"]["withDetails"]) == (False, True)
    public_event = Calendar.from_ical((await fetch(client, public["url"])).content).walk("VEVENT")[0]
    managed_event = Calendar.from_ical((await fetch(client, managed["url"])).content).walk("VEVENT")[0]
    assert str(public_event["SUMMARY"]).endswith(": booked") and "DESCRIPTION" not in public_event
    assert "@test.biomap.kr" in str(managed_event["SUMMARY"])
    # someone else cannot revoke a feed that is not theirs
    body = (await client.data(REVOKE, {"id": public["feed"]["id"]}, token=manager))["revokeCalendarFeed"]
    assert body["errors"] == [{"code": "NOT_FOUND"}]


async def test_unknown_feed_token_is_404(client) -> None:
    assert (await client.http.get("/ical/cal_nope.ics")).status_code == 404
    assert (await client.http.get("/ical/whatever.ics")).status_code == 404
