"""Search by time: `filter.freeBetween` keeps only equipment that could be booked for the whole window."""

from __future__ import annotations

import datetime as dt

import asyncpg

from biomap.api.node import to_global_id
from biomap.catalogue.search_documents import refresh_search

SEOUL = dt.timezone(dt.timedelta(hours=9))
SEARCH = """query($q: String!, $filter: SearchFilterInput) {
  search(query: $q, filter: $filter, first: 20) {
    totalCount
    edges { node { __typename ... on Equipment { id nameEn } } }
  }
}"""
REQUEST = """mutation($input: RequestBookingInput!) {
  requestBooking(input: $input) { booking { id status } errors { code field message } }
}"""


def next_weekday(iso_weekday: int) -> dt.date:
    day = dt.datetime.now(SEOUL).date() + dt.timedelta(days=3)
    while day.isoweekday() != iso_weekday:
        day += dt.timedelta(days=1)
    return day


def at(day: dt.date, hour: int) -> str:
    return dt.datetime.combine(day, dt.time(hour), SEOUL).isoformat()


async def make_cytometer(conn: asyncpg.Connection, name: str) -> int:
    equipment_id = await conn.fetchval(
        """INSERT INTO equipment (institution_id, name_ko, name_en, category, status, access_policy,
                                  rate_academic_krw)
           SELECT o.id, '', $1, 'FLOW_CYTOMETER', 'ACTIVE', 'CLUSTER', 40000 FROM organisation o
            WHERE o.code = 'ITP_BIO' RETURNING id""", name)
    await refresh_search(conn, "equipment", [equipment_id])
    return equipment_id


async def names(client, window: dict | None, query: str = "Zebracyte") -> list[str]:
    data = await client.data(SEARCH, {"q": query, "filter": {"freeBetween": window} if window else None})
    return sorted(e["node"]["nameEn"] for e in data["search"]["edges"]
                  if e["node"]["__typename"] == "Equipment" and "Zebracyte" in e["node"]["nameEn"])


async def test_a_booked_instrument_is_not_free_during_its_booking_but_is_afterwards(client, conn, make_token) -> None:
    booked = await make_cytometer(conn, "Zebracyte flow cytometer A")
    await make_cytometer(conn, "Zebracyte flow cytometer B")
    day = next_weekday(2)  # a Tuesday, inside the default opening hours (Mon-Fri 09-18)
    researcher = await make_token("RESEARCHER", "YONSEI_IC")
    answer = await client.data(REQUEST, {"input": {
        "equipmentId": to_global_id("Equipment", booked), "start": at(day, 9), "end": at(day, 12),
        "purpose": "immunophenotyping", "idempotencyKey": "free-between-test"}}, token=researcher)
    assert answer["requestBooking"]["errors"] == [], answer

    both = ["Zebracyte flow cytometer A", "Zebracyte flow cytometer B"]
    assert await names(client, None) == both
    assert await names(client, {"start": at(day, 10), "end": at(day, 11)}) == ["Zebracyte flow cytometer B"]
    assert await names(client, {"start": at(day, 14), "end": at(day, 16)}) == both
    # Saturday: closed under the default opening hours
    saturday = next_weekday(6)
    assert await names(client, {"start": at(saturday, 10), "end": at(saturday, 11)}) == []


async def test_maintenance_and_blackouts_are_not_free(client, conn) -> None:
    in_maintenance = await make_cytometer(conn, "Zebracyte flow cytometer M")
    await conn.execute("UPDATE equipment SET status = 'MAINTENANCE' WHERE id = $1", in_maintenance)
    await refresh_search(conn, "equipment", [in_maintenance])
    blacked_out = await make_cytometer(conn, "Zebracyte flow cytometer X")
    day = next_weekday(3)
    await conn.execute(
        "INSERT INTO booking_blackout (equipment_id, during, reason) VALUES ($1, tstzrange($2, $3), 'service')",
        blacked_out, dt.datetime.fromisoformat(at(day, 8)), dt.datetime.fromisoformat(at(day, 20)))
    window = {"start": at(day, 10), "end": at(day, 11)}
    assert await names(client, window) == []
    assert await names(client, {"start": at(day + dt.timedelta(days=7), 10),
                                "end": at(day + dt.timedelta(days=7), 11)}) == ["Zebracyte flow cytometer X"]


async def test_only_equipment_is_returned_and_browsing_works(client, conn) -> None:
    await make_cytometer(conn, "Zebracyte flow cytometer C")
    day = next_weekday(4)
    data = await client.data(SEARCH, {"q": "", "filter": {"freeBetween": {"start": at(day, 10), "end": at(day, 11)}}})
    kinds = {e["node"]["__typename"] for e in data["search"]["edges"]}
    assert kinds == {"Equipment"}
    assert data["search"]["totalCount"] > 0


async def test_bad_windows_are_field_errors(client) -> None:
    day = next_weekday(2)
    cases = [
        ({"start": "2027-01-05T10:00:00", "end": at(day, 11)}, "filter.freeBetween.start", "TIMEZONE_REQUIRED"),
        ({"start": at(day, 11), "end": at(day, 10)}, "filter.freeBetween.end", "INVALID"),
        ({"start": "2020-01-01T10:00:00+09:00", "end": "2020-01-01T11:00:00+09:00"}, "filter.freeBetween.end",
         "INVALID"),
        ({"start": at(day, 10), "end": at(day + dt.timedelta(days=40), 10)}, "filter.freeBetween.end", "INVALID"),
        ({"start": "next tuesday", "end": at(day, 10)}, "filter.freeBetween.start", "INVALID_TIMESTAMP"),
    ]
    for window, field, code in cases:
        body = await client.execute(SEARCH, {"q": "flow cytometer", "filter": {"freeBetween": window}})
        assert body.get("data") is None or body["data"].get("search") is None, window
        error = body["errors"][0]
        assert field in error["extensions"]["fields"], (window, error)
        assert error["extensions"]["code"] == code, (window, error)


async def test_time_filtered_searches_are_answered_by_postgresql_whatever_the_backend(conn) -> None:
    from biomap.catalogue.search_documents import search_scope
    from biomap.identity.models import Viewer
    from biomap.search import service
    from biomap.search.models import SearchFilter

    class Unreachable:  # stands in for Meilisearch, which holds no booking data
        async def search(self, conn, request):
            raise AssertionError("a time-filtered search must not go to the search engine")

    free = await make_cytometer(conn, "Zebracyte flow cytometer D")
    day = next_weekday(5)
    window = (dt.datetime.fromisoformat(at(day, 10)), dt.datetime.fromisoformat(at(day, 11)))
    result = await service.search(conn, "Zebracyte", search_scope(Viewer.anonymous()),
                                  filter=SearchFilter(free_between=window), backend=Unreachable())
    assert free in [hit.entity_id for hit in result.hits]
