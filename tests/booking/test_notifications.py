"""Notifications: written to the outbox with the change, delivered to a real local webhook server
(signature verified) and a real local SMTP server, retried with backoff, state recorded per channel."""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import asyncpg
import pytest
from aiosmtpd.controller import Controller

from biomap.booking.notifications import NotificationSettings, relay_once, sign, verify
from tests.booking.conftest import next_weekday, request, seoul

WEBHOOK = "mutation($url: String) { setNotificationWebhook(url: $url) { secret errors { code field } } }"


class Receiver:
    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.fail_next = 0


@pytest.fixture
def webhook_server() -> Iterator[tuple[str, Receiver]]:
    receiver = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            receiver.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
            status = 500 if receiver.fail_next > 0 else 204
            receiver.fail_next -= 1
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks/biomap", receiver
    finally:
        server.shutdown()
        server.server_close()


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802, ANN001
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, Mailbox]]:
    mailbox = Mailbox()
    with socket.socket() as probe:  # a free port (aiosmtpd cannot start on port 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, mailbox
    finally:
        controller.stop()


async def test_webhook_and_email_delivery_signed_and_recorded(client, conn: asyncpg.Connection, equipment_gid,
                                                              researcher, manager, webhook_server, smtp_server) -> None:
    url, receiver = webhook_server
    smtp_port, mailbox = smtp_server
    secret = (await client.data(WEBHOOK, {"url": url}, token=manager))["setNotificationWebhook"]["secret"]
    assert secret.startswith("whsec_")
    day = next_weekday(2)
    booking = (await request(client, researcher, equipment_gid, seoul(day, 13), seoul(day, 16)))["booking"]
    assert booking is not None
    outbox_id = await conn.fetchval(
        "SELECT max(id) FROM outbox WHERE topic = 'booking.notification' AND payload->>'event' = 'requested'")
    # the search relay's own rows are not ours: one is left pending and must stay so
    await conn.execute("INSERT INTO outbox (topic, payload) VALUES ('catalogue.changed', '{\"entity\": \"equipment\", \"id\": 1}')")

    settings = NotificationSettings(smtp_host="127.0.0.1", smtp_port=smtp_port, smtp_starttls=False,
                                    webhook_allow_private_networks=True)  # the receiver is on 127.0.0.1
    handled = await relay_once(conn, settings)
    assert handled >= 1

    headers, body = receiver.requests[-1]
    assert verify(secret, body, headers["x-biomap-signature"])
    assert not verify("whsec_wrong", body, headers["x-biomap-signature"])
    assert not verify(secret, body + b" ", headers["x-biomap-signature"])
    sent = json.loads(body)
    assert sent["event"] == "requested" and sent["status"] == "REQUESTED" and headers["x-biomap-event"] == "booking.requested"
    assert dt.datetime.fromisoformat(sent["start"]) == seoul(day, 13)

    manager_email = (await client.data("{ me { email } }", token=manager))["me"]["email"]
    recipients, raw = mailbox.messages[-1]
    assert manager_email in recipients
    assert "New booking request" in message_from_bytes(raw)["Subject"]

    states = {r["channel"]: r["state"] for r in await conn.fetch(
        "SELECT channel, state FROM notification_delivery WHERE outbox_id = $1", outbox_id)}
    assert states == {"WEBHOOK": "DELIVERED", "EMAIL": "DELIVERED"}
    assert await conn.fetchval("SELECT delivered_at IS NOT NULL FROM outbox WHERE id = $1", outbox_id)
    assert await conn.fetchval(
        "SELECT count(*) FROM outbox WHERE topic = 'catalogue.changed' AND delivered_at IS NULL") >= 1


async def test_failed_webhook_is_retried_with_backoff(client, conn, equipment_gid, researcher, manager,
                                                      webhook_server) -> None:
    url, receiver = webhook_server
    secret = (await client.data(WEBHOOK, {"url": url}, token=manager))["setNotificationWebhook"]["secret"]
    day = next_weekday(3)
    assert (await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11)))["booking"]
    outbox_id = await conn.fetchval("SELECT max(id) FROM outbox WHERE topic = 'booking.notification'")
    settings = NotificationSettings(smtp_host="", webhook_allow_private_networks=True)  # e-mail off: SKIPPED
    receiver.fail_next = 1
    now = dt.datetime.now(dt.UTC)
    await relay_once(conn, settings, now=now)
    row = await conn.fetchrow("SELECT attempts, available_at, delivered_at FROM outbox WHERE id = $1", outbox_id)
    assert row["attempts"] == 1 and row["delivered_at"] is None and row["available_at"] > now
    assert await conn.fetchval(
        "SELECT state FROM notification_delivery WHERE outbox_id = $1 AND channel = 'WEBHOOK'", outbox_id) == "RETRYING"
    # not due yet: nothing is sent
    sent_before = len(receiver.requests)
    await relay_once(conn, settings, now=now)
    assert len(receiver.requests) == sent_before
    # after the backoff it goes through
    await relay_once(conn, settings, now=row["available_at"])
    states = {r["channel"]: (r["state"], r["attempts"]) for r in await conn.fetch(
        "SELECT channel, state, attempts FROM notification_delivery WHERE outbox_id = $1", outbox_id)}
    assert states == {"WEBHOOK": ("DELIVERED", 2), "EMAIL": ("SKIPPED", 1)}
    headers, body = receiver.requests[-1]
    assert verify(secret, body, headers["x-biomap-signature"])


def test_signature_recipe() -> None:
    body = b'{"event":"approved"}'
    header = sign("whsec_x", body, 1_700_000_000)
    assert header.startswith("t=1700000000,v1=") and len(header.split("v1=")[1]) == 64
    assert verify("whsec_x", body, header, now=1_700_000_100)
    assert not verify("whsec_x", body, header, now=1_700_001_000)  # too old: a replay
    assert not verify("whsec_x", body, "garbage")


async def test_only_managers_set_webhooks(client, researcher, manager) -> None:
    body = await client.execute(WEBHOOK, {"url": "https://example.org/h"}, token=researcher)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    bad = (await client.data(WEBHOOK, {"url": "ftp://x"}, token=manager))["setNotificationWebhook"]
    assert bad["errors"] == [{"code": "INVALID", "field": "url"}]


async def test_webhooks_to_private_addresses_are_refused_by_default(client, conn, equipment_gid, researcher, manager,
                                                                   webhook_server) -> None:
    """A manager's webhook URL must not make the relay POST into the deployment's own network."""
    url, receiver = webhook_server  # on 127.0.0.1
    await client.data(WEBHOOK, {"url": url}, token=manager)
    day = next_weekday(4)
    assert (await request(client, researcher, equipment_gid, seoul(day, 10), seoul(day, 11)))["booking"]
    outbox_id = await conn.fetchval("SELECT max(id) FROM outbox WHERE topic = 'booking.notification'")
    await relay_once(conn, NotificationSettings(smtp_host=""))
    assert receiver.requests == []
    row = await conn.fetchrow(
        "SELECT state, last_error FROM notification_delivery WHERE outbox_id = $1 AND channel = 'WEBHOOK'", outbox_id)
    assert row["state"] == "RETRYING" and "non-public address (127.0.0.1)" in row["last_error"]


def test_private_destinations_are_recognised() -> None:
    from biomap.booking.notifications import refuse_private_destination

    for url in ("http://127.0.0.1:8000/x", "http://10.1.2.3/x", "http://169.254.169.254/latest/meta-data",
                "http://[::1]/x", "http://192.168.0.10/x", "ftp://example.org/x"):
        with pytest.raises(RuntimeError):
            refuse_private_destination(url)
    refuse_private_destination("https://8.8.8.8/hooks")  # a public address literal: allowed, no DNS needed


def test_webhook_redirects_are_not_followed() -> None:
    """A receiver that redirects is a failed delivery: the redirect could point anywhere."""
    from biomap.booking.notifications import _post

    hits: list[str] = []

    class Redirecting(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            hits.append(self.path)
            self.send_response(302)
            self.send_header("Location", "/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirecting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with pytest.raises(Exception, match="redirects are not followed"):
            _post(f"http://127.0.0.1:{server.server_address[1]}/hook", b"{}", {}, 5.0, True)
    finally:
        server.shutdown()
        server.server_close()
    assert hits == ["/hook"]  # the redirect target was never requested


async def test_a_claim_is_a_lease_that_ends(client, conn, equipment_gid, researcher, manager, webhook_server) -> None:
    """A relay that died after claiming leaves its rows to the next relay once the lease is over."""
    from biomap.booking.notifications import CLAIM_SQL, _lease_seconds
    from biomap.booking.queries import TOPIC

    url, receiver = webhook_server
    await client.data(WEBHOOK, {"url": url}, token=manager)
    day = next_weekday(2)
    assert (await request(client, researcher, equipment_gid, seoul(day, 14), seoul(day, 15)))["booking"]
    settings = NotificationSettings(smtp_host="", webhook_allow_private_networks=True)
    now = dt.datetime.now(dt.UTC)
    claimed = await conn.fetch(CLAIM_SQL, TOPIC, now, 50, _lease_seconds(settings))  # ... and then it died
    assert claimed
    assert await relay_once(conn, settings, now=now) == 0  # leased: nobody else takes them
    later = now + dt.timedelta(seconds=_lease_seconds(settings) + 1)
    assert await relay_once(conn, settings, now=later) == len(claimed)
    assert len(receiver.requests) >= 1
