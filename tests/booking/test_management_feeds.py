"""Calendar feeds can be found again by their owner (to revoke a leaked URL), never by anyone else,
and never with their secret."""

from __future__ import annotations

CREATE = """mutation($eq: ID) { createCalendarFeed(equipmentId: $eq) { url feed { id } errors { code } } }"""
REVOKE = "mutation($id: ID!) { revokeCalendarFeed(id: $id) { feed { id revokedAt } errors { code } } }"
NODE = "query($id: ID!) { node(id: $id) { id ... on CalendarFeed { revokedAt withDetails equipment { id } } } }"
MINE = """query($first: Int, $after: String) {
  myCalendarFeeds(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id revokedAt equipment { id } } } } }"""


async def create(client, token: str, equipment_gid: str | None = None) -> str:
    created = (await client.data(CREATE, {"eq": equipment_gid}, token=token))["createCalendarFeed"]
    assert created["errors"] == []
    return created["feed"]["id"]


async def test_the_owner_fetches_a_feed_by_id_and_nobody_else_does(client, equipment_gid, researcher,
                                                                     manager) -> None:
    feed_id = await create(client, researcher, equipment_gid)

    own = (await client.data(NODE, {"id": feed_id}, token=researcher))["node"]
    assert own == {"id": feed_id, "revokedAt": None, "withDetails": False, "equipment": {"id": equipment_gid}}
    assert (await client.data(NODE, {"id": feed_id}, token=manager))["node"] is None
    assert (await client.data(NODE, {"id": feed_id}))["node"] is None


async def test_my_calendar_feeds_lists_only_the_viewers_feeds_to_revoke_one(client, equipment_gid, researcher,
                                                                            manager) -> None:
    mine = [await create(client, researcher), await create(client, researcher, equipment_gid)]
    await create(client, manager)

    first = (await client.data(MINE, {"first": 1}, token=researcher))["myCalendarFeeds"]
    rest = (await client.data(MINE, {"after": first["pageInfo"]["endCursor"]}, token=researcher))["myCalendarFeeds"]

    assert first["totalCount"] == 2 and first["pageInfo"]["hasNextPage"] is True
    listed = [e["node"] for e in first["edges"] + rest["edges"]]
    assert [n["id"] for n in listed] == mine
    assert [n["equipment"] for n in listed] == [None, {"id": equipment_gid}]
    revoked = (await client.data(REVOKE, {"id": listed[0]["id"]}, token=researcher))["revokeCalendarFeed"]
    assert revoked["errors"] == []
    again = (await client.data(MINE, {}, token=researcher))["myCalendarFeeds"]["edges"]
    assert again[0]["node"]["revokedAt"] is not None and again[1]["node"]["revokedAt"] is None


async def test_listing_feeds_needs_a_signed_in_user(client) -> None:
    body = await client.execute(MINE, {})

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
