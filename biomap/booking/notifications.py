"""Booking notifications: outbox rows of topic 'booking.notification' delivered to the owning
institution's webhook (HMAC-SHA256 signed) and, when SMTP is configured, by e-mail.

The relay claims rows with FOR UPDATE SKIP LOCKED and a lease (several relays may run; no transaction
stays open while receivers are called) and only rows of its own topic (the search relay reads only
'catalogue.changed'). Each channel's state is recorded in
notification_delivery; a row whose channels are all DELIVERED, SKIPPED or FAILED is marked delivered,
otherwise it is retried with exponential backoff (2, 4, 8 … s, capped at an hour), giving up after
`max_attempts` with the channel FAILED.

Signature: `X-BioMap-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import ipaddress
import json
import logging
import smtplib
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import asyncpg
from pydantic_settings import BaseSettings, SettingsConfigDict

from biomap.booking.models import SEOUL
from biomap.booking.queries import TOPIC

log = logging.getLogger(__name__)
BACKOFF_CAP_SECONDS = 3600
MAX_ERROR_CHARS = 500


class NotificationSettings(BaseSettings):
    """BIOMAP_SMTP_* (e-mail is off while smtp_host is empty) and delivery limits."""

    model_config = SettingsConfigDict(env_prefix="BIOMAP_", extra="ignore")

    smtp_host: str = ""
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = "Bio Map <no-reply@biomap.local>"
    smtp_starttls: bool = True
    webhook_timeout_seconds: float = 5.0
    # Webhook URLs are set by institution managers: by default the relay refuses to POST to loopback,
    # private, link-local or otherwise non-public addresses (no requests into the deployment's own
    # network). On-premise receivers inside the network need BIOMAP_WEBHOOK_ALLOW_PRIVATE_NETWORKS=true.
    webhook_allow_private_networks: bool = False
    notification_max_attempts: int = 8
    notification_backoff_seconds: float = 2.0


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The X-BioMap-Signature header value for `body` sent at `timestamp`."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(secret: str, body: bytes, header: str, now: int | None = None, tolerance: int = 300) -> bool:
    """What a receiver does: recompute the HMAC over "<t>.<raw body>", compare in constant time, and
    refuse stale timestamps (replays)."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (ValueError, KeyError):
        return False
    if abs((now or int(time.time())) - timestamp) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, body, timestamp), f"t={timestamp},v1={parts.get('v1', '')}")


@dataclass
class Target:
    webhook_url: str | None
    webhook_secret: str | None
    emails: list[str]
    equipment_name: str


_TARGET_SQL = """
SELECT w.url, w.secret, coalesce(nullif(e.name_ko, ''), e.name_en) AS equipment_name, u.email AS user_email,
       (SELECT coalesce(array_agg(m.email ORDER BY m.id), '{}') FROM app_user m
         WHERE m.organisation_id = e.institution_id AND m.role = 'INSTITUTION_MANAGER'
           AND m.disabled_at IS NULL) AS managers
  FROM booking b JOIN equipment e ON e.id = b.equipment_id JOIN app_user u ON u.id = b.user_id
  LEFT JOIN institution_webhook w ON w.institution_id = e.institution_id
 WHERE b.id = $1
"""


async def target(conn: asyncpg.Connection, payload: dict[str, Any]) -> Target | None:
    row = await conn.fetchrow(_TARGET_SQL, int(payload["bookingId"]))
    if row is None:
        return None
    # The requester hears about decisions and reminders; managers hear about new requests and cancellations.
    emails = [row["user_email"]]
    if payload["event"] in ("requested", "cancelled"):
        emails = list(row["managers"]) + ([row["user_email"]] if payload["event"] == "cancelled" else [])
    return Target(row["url"], row["secret"], emails, row["equipment_name"])


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A webhook answers itself: a redirect could point anywhere, so it is a failure, not followed."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        raise urllib.error.HTTPError(req.full_url, code, f"redirects are not followed ({newurl})", headers, fp)


_OPENER = urllib.request.build_opener(_NoRedirects)


def refuse_private_destination(url: str) -> None:
    """Raise unless every address the URL's host resolves to is a public one."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RuntimeError("webhook URL must be http(s) with a host")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise RuntimeError(f"webhook host {parts.hostname} does not resolve: {exc}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise RuntimeError(f"webhook host {parts.hostname} resolves to a non-public address ({address}): refused "
                               "(set BIOMAP_WEBHOOK_ALLOW_PRIVATE_NETWORKS=true for receivers inside the network)")


def _post(url: str, body: bytes, headers: dict[str, str], timeout: float, allow_private: bool) -> None:
    if not allow_private:
        refuse_private_destination(url)
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    with _OPENER.open(request, timeout=timeout) as response:  # noqa: S310 - http(s) only, checked above and on set
        if not 200 <= response.status < 300:
            raise RuntimeError(f"webhook answered HTTP {response.status}")


async def deliver_webhook(t: Target, outbox_id: int, payload: dict[str, Any], settings: NotificationSettings) -> None:
    body = json.dumps({"id": outbox_id, **payload}, ensure_ascii=False, sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "BioMap-Webhook/1",
        "X-BioMap-Event": f"booking.{payload['event']}",
        "X-BioMap-Delivery": str(outbox_id),
        "X-BioMap-Signature": sign(t.webhook_secret or "", body, int(time.time())),
    }
    assert t.webhook_url is not None
    await asyncio.to_thread(_post, t.webhook_url, body, headers, settings.webhook_timeout_seconds,
                            settings.webhook_allow_private_networks)


def email_message(t: Target, payload: dict[str, Any], sender: str) -> EmailMessage:
    start = dt.datetime.fromisoformat(payload["start"]).astimezone(SEOUL)
    end = dt.datetime.fromisoformat(payload["end"]).astimezone(SEOUL)
    what = {"requested": "New booking request", "approved": "Booking approved", "rejected": "Booking rejected",
            "cancelled": "Booking cancelled", "reminder": "Reminder: booking"}.get(payload["event"], "Booking")
    message = EmailMessage()
    message["Subject"] = f"[Bio Map] {what}: {t.equipment_name} {start:%Y-%m-%d %H:%M}"
    message["From"] = sender
    message["To"] = ", ".join(t.emails)
    lines = [f"{what}: {t.equipment_name}", f"When: {start:%Y-%m-%d %H:%M} - {end:%H:%M} (Asia/Seoul)",
             f"Status: {payload['status']}"]
    if payload.get("reason"):
        lines.append(f"Reason: {payload['reason']}")
    message.set_content("\n".join(lines) + "\n")
    return message


def _send_mail(message: EmailMessage, s: NotificationSettings) -> None:
    with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=10) as smtp:
        if s.smtp_starttls:
            smtp.starttls()
        if s.smtp_user:
            smtp.login(s.smtp_user, s.smtp_password)
        smtp.send_message(message)


async def deliver_email(t: Target, payload: dict[str, Any], settings: NotificationSettings) -> None:
    await asyncio.to_thread(_send_mail, email_message(t, payload, settings.smtp_from), settings)


# Claim a batch with a lease: the rows are pushed into the future by the lease and the claiming
# transaction ends at once, so no transaction stays open while receivers are called (a webhook may
# take its whole timeout). A relay that dies mid-batch leaves rows that come due again when the
# lease ends (at-least-once: receivers deduplicate on X-BioMap-Delivery).
CLAIM_SQL = """UPDATE outbox o SET available_at = $2::timestamptz + make_interval(secs => $4)
 WHERE o.id IN (SELECT id FROM outbox
                 WHERE topic = $1 AND delivered_at IS NULL AND available_at <= $2
                 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
 RETURNING o.id, o.payload, o.attempts"""

_STATE_SQL = """INSERT INTO notification_delivery (outbox_id, channel, state, attempts, last_error)
VALUES ($1, $2, $3, 1, $4)
ON CONFLICT (outbox_id, channel) DO UPDATE SET state = EXCLUDED.state,
    attempts = notification_delivery.attempts + 1, last_error = EXCLUDED.last_error, updated_at = now()"""


async def _channel(conn: asyncpg.Connection, outbox_id: int, channel: str, done: dict[str, str], configured: bool,
                   send, last_try: bool) -> str:  # noqa: ANN001
    """Deliver on one channel unless it already succeeded; record and return its state."""
    if done.get(channel) in ("DELIVERED", "SKIPPED", "FAILED"):
        return done[channel]
    if not configured:
        await conn.execute(_STATE_SQL, outbox_id, channel, "SKIPPED", None)
        return "SKIPPED"
    try:
        await send()
    except Exception as exc:  # noqa: BLE001 - the receiver's failure, recorded and retried
        message = f"{type(exc).__name__}: {exc}"[:MAX_ERROR_CHARS]
        state = "FAILED" if last_try else "RETRYING"
        log.warning("booking relay: %s of outbox %d failed (%s)", channel, outbox_id, message)
        await conn.execute(_STATE_SQL, outbox_id, channel, state, message)
        return state
    await conn.execute(_STATE_SQL, outbox_id, channel, "DELIVERED", None)
    return "DELIVERED"


def _lease_seconds(settings: NotificationSettings) -> float:
    """Long enough for one row's webhook and e-mail attempts, with room to spare."""
    return 60.0 + 2 * settings.webhook_timeout_seconds


async def relay_once(conn: asyncpg.Connection, settings: NotificationSettings, *, batch_size: int = 50,
                     now: dt.datetime | None = None) -> int:
    """Deliver one batch of due notifications; returns how many rows were handled."""
    now = now or dt.datetime.now(dt.UTC)
    async with conn.transaction():
        rows = await conn.fetch(CLAIM_SQL, TOPIC, now, batch_size, _lease_seconds(settings))
    for row in rows:
        await _deliver_row(conn, row, settings, now)
    return len(rows)


async def _deliver_row(conn: asyncpg.Connection, row: asyncpg.Record, settings: NotificationSettings,
                       now: dt.datetime) -> None:
    payload = row["payload"]
    outbox_id = row["id"]
    t = await target(conn, payload)
    if t is None:
        await conn.execute("UPDATE outbox SET delivered_at = $2, last_error = 'booking gone' WHERE id = $1",
                           outbox_id, now)
        return
    done = {r["channel"]: r["state"] for r in await conn.fetch(
        "SELECT channel, state FROM notification_delivery WHERE outbox_id = $1", outbox_id)}
    last_try = row["attempts"] + 1 >= settings.notification_max_attempts
    states = [
        await _channel(conn, outbox_id, "WEBHOOK", done, t.webhook_url is not None,
                       lambda: deliver_webhook(t, outbox_id, payload, settings), last_try),
        await _channel(conn, outbox_id, "EMAIL", done, bool(settings.smtp_host and t.emails),
                       lambda: deliver_email(t, payload, settings), last_try),
    ]
    if "RETRYING" in states:
        delay = min(BACKOFF_CAP_SECONDS, settings.notification_backoff_seconds * 2 ** row["attempts"])
        await conn.execute(
            """UPDATE outbox SET attempts = attempts + 1, available_at = $2::timestamptz + make_interval(secs => $3),
                   last_error = 'retrying' WHERE id = $1""", outbox_id, now, delay)
    else:
        await conn.execute(
            "UPDATE outbox SET attempts = attempts + 1, delivered_at = $2, last_error = $3 WHERE id = $1",
            outbox_id, now, None if "FAILED" not in states else "gave up on a channel")


async def run_relay(pool: asyncpg.Pool, settings: Any, stop: asyncio.Event, *, once: bool = False,
                    poll_seconds: float = 1.0) -> None:
    """Relay until `stop` is set (or, with once, until nothing is due)."""
    notification_settings = NotificationSettings()
    while not stop.is_set():
        handled = 0
        try:
            async with pool.acquire() as conn:
                handled = await relay_once(conn, notification_settings)
        except Exception:
            log.exception("booking relay: batch failed")
        if once and handled == 0:
            return
        if handled:
            continue
        try:
            await asyncio.wait_for(stop.wait(), timeout=poll_seconds)
        except TimeoutError:
            pass
