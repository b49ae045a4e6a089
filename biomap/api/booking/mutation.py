"""The booking domain's mutation root fields, composed from one module per mutation."""

from __future__ import annotations

import strawberry

from biomap.api.booking.mutations.approve_booking import approve_booking
from biomap.api.booking.mutations.calendar_feeds import create_calendar_feed, revoke_calendar_feed
from biomap.api.booking.mutations.cancel_booking import cancel_booking
from biomap.api.booking.mutations.check_in import check_in
from biomap.api.booking.mutations.check_out import check_out
from biomap.api.booking.mutations.qualifications import grant_qualification, revoke_qualification
from biomap.api.booking.mutations.record_usage import record_usage
from biomap.api.booking.mutations.reject_booking import reject_booking
from biomap.api.booking.mutations.request_booking import request_booking
from biomap.api.booking.mutations.set_booking_rules import set_booking_rules
from biomap.api.booking.mutations.set_notification_webhook import set_notification_webhook


@strawberry.type
class BookingMutation:
    request_booking = strawberry.mutation(resolver=request_booking)
    approve_booking = strawberry.mutation(resolver=approve_booking)
    reject_booking = strawberry.mutation(resolver=reject_booking)
    cancel_booking = strawberry.mutation(resolver=cancel_booking)
    check_in = strawberry.mutation(resolver=check_in)
    check_out = strawberry.mutation(resolver=check_out)
    record_usage = strawberry.mutation(resolver=record_usage)
    set_booking_rules = strawberry.mutation(resolver=set_booking_rules)
    grant_qualification = strawberry.mutation(resolver=grant_qualification)
    revoke_qualification = strawberry.mutation(resolver=revoke_qualification)
    create_calendar_feed = strawberry.mutation(resolver=create_calendar_feed)
    revoke_calendar_feed = strawberry.mutation(resolver=revoke_calendar_feed)
    set_notification_webhook = strawberry.mutation(resolver=set_notification_webhook)
