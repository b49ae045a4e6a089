"""`me`: who the API thinks you are (handy to check a token)."""

from __future__ import annotations

import strawberry

from biomap.api.context import Info
from biomap.identity.models import Role as DomainRole

Role = strawberry.enum(DomainRole)


@strawberry.type(description="The signed-in user as the API sees them.")
class Me:
    email: str
    role: Role
    organisation_verified: bool


@strawberry.type
class IdentityQuery:
    @strawberry.field(description="The signed-in user; null without a token.")
    def me(self, info: Info) -> Me | None:
        viewer = info.context.viewer
        if not viewer.is_authenticated or viewer.role is None:
            return None
        return Me(email=viewer.email, role=viewer.role, organisation_verified=viewer.organisation_verified)
