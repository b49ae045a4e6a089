"""setNotificationWebhook: the institution it is for is the one named (a bad id is a field error, never
a silent fall-back to the manager's own), and the address must have a host."""

from __future__ import annotations

import pytest

from biomap.api.node import to_global_id

WEBHOOK = """mutation($url: String, $institution: ID) {
  setNotificationWebhook(url: $url, institutionId: $institution) { secret errors { code field message } } }"""


async def webhook_count(conn, code: str) -> int:
    return await conn.fetchval(
        """SELECT count(*) FROM institution_webhook w JOIN organisation o ON o.id = w.institution_id
            WHERE o.code = $1""", code)


async def set_webhook(client, token: str, url: str | None, institution: str | None = None) -> dict:
    variables = {"url": url, "institution": institution}
    return (await client.data(WEBHOOK, variables, token=token))["setNotificationWebhook"]


@pytest.mark.parametrize("institution", ["garbage", to_global_id("Booking", 1), to_global_id("Institution", 0)])
async def test_an_unusable_institution_id_is_a_field_error(client, conn, manager, institution) -> None:
    payload = await set_webhook(client, manager, "https://example.org/hooks", institution)

    assert payload["secret"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("NOT_FOUND", "institutionId")]
    assert await webhook_count(conn, "ITP_BIO") == 0


@pytest.mark.parametrize("url", ["http://", "https://", "https:///path", "https://exa mple.org/",
                                 "https://example.org:99999/", "ftp://example.org/"])
async def test_an_address_without_a_usable_host_is_refused(client, conn, manager, url) -> None:
    payload = await set_webhook(client, manager, url)

    assert payload["secret"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("INVALID", "url")]
    assert await webhook_count(conn, "ITP_BIO") == 0


async def test_an_admin_is_asked_to_name_the_institution(client, conn, make_token) -> None:
    admin = await make_token("ADMIN")

    payload = await set_webhook(client, admin, "https://example.org/hooks")

    assert payload["secret"] is None
    [error] = payload["errors"]
    assert (error["code"], error["field"]) == ("INVALID", "institutionId") and "institutionId" in error["message"]


async def test_an_admin_naming_an_institution_sets_its_webhook(client, conn, make_token) -> None:
    admin = await make_token("ADMIN")
    itp = await conn.fetchval("SELECT id FROM organisation WHERE code = 'ITP_BIO'")
    unknown = await conn.fetchval("SELECT max(id) + 1000 FROM organisation")

    payload = await set_webhook(client, admin, "https://example.org/hooks", to_global_id("Institution", itp))
    missing = await set_webhook(client, admin, "https://example.org/hooks", to_global_id("Institution", unknown))

    assert payload["errors"] == [] and payload["secret"].startswith("whsec_")
    assert await webhook_count(conn, "ITP_BIO") == 1
    assert [(e["code"], e["field"]) for e in missing["errors"]] == [("NOT_FOUND", "institutionId")]


async def test_a_manager_still_sets_their_own_without_naming_it(client, conn, manager) -> None:
    payload = await set_webhook(client, manager, "https://example.org/hooks")

    assert payload["errors"] == [] and payload["secret"].startswith("whsec_")
    assert await webhook_count(conn, "ITP_BIO") == 1
