from __future__ import annotations

from typing import Annotated

import strawberry

from biomap.api.booking.errors import BookingError, run_booking
from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.booking import management


@strawberry.type
class SetNotificationWebhookPayload:
    secret: str | None = strawberry.field(
        description="The HMAC-SHA256 signing secret, shown only now (null when the webhook was removed).")
    errors: list[BookingError]


async def set_notification_webhook(
    info: Info, url: str | None,
    institution_id: Annotated[strawberry.ID | None, strawberry.argument(
        description="Whose webhook; managers may leave it out for their own, admins must name it.")] = None,
) -> SetNotificationWebhookPayload:
    """Where your institution receives booking notifications (null url: stop). A new secret each time."""
    # 0 for an id that is not an institution's: the service reports it, never falls back to the viewer's own
    pk = None if institution_id is None else (pk_of(institution_id, "Institution") or 0)
    viewer = info.context.viewer
    secret, errors = await run_booking(info, lambda conn: management.set_webhook(conn, viewer, pk, url))
    return SetNotificationWebhookPayload(secret=secret, errors=errors)
