"""GraphQL of the booking domain: availability, requests, approvals, usage log, calendar feeds."""
