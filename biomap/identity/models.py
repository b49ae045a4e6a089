"""Identity records and the `Viewer` every permission check is asked about."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Role(str, Enum):
    RESEARCHER = "RESEARCHER"
    INSTITUTION_MANAGER = "INSTITUTION_MANAGER"
    SUPPLIER = "SUPPLIER"
    MANUFACTURER = "MANUFACTURER"
    CITY_OFFICER = "CITY_OFFICER"
    ADMIN = "ADMIN"


# Roles that hire people: with a verified organisation they may see consented trainee contacts.
EMPLOYER_ROLES = frozenset({Role.INSTITUTION_MANAGER, Role.MANUFACTURER, Role.SUPPLIER})


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is asking. `Viewer.anonymous()` when no (valid) token was sent."""

    user_id: int | None
    role: Role | None
    organisation_id: int | None
    organisation_verified: bool = False
    email: str = ""

    @staticmethod
    def anonymous() -> "Viewer":
        return Viewer(user_id=None, role=None, organisation_id=None)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def is_verified_employer(self) -> bool:
        return self.role in EMPLOYER_ROLES and self.organisation_verified

    def manages(self, institution_id: int) -> bool:
        """True for the managers of `institution_id` (and admins)."""
        if self.is_admin:
            return True
        return self.role is Role.INSTITUTION_MANAGER and self.organisation_id == institution_id

    def belongs_to(self, organisation_id: int) -> bool:
        return self.organisation_id is not None and self.organisation_id == organisation_id


@dataclass(frozen=True, slots=True)
class User:
    id: int
    email: str
    display_name: str
    role: Role
    organisation_id: int | None


@dataclass(frozen=True, slots=True)
class Organisation:
    id: int
    code: str
    name_ko: str
    name_en: str
    verified: bool


@dataclass(frozen=True, slots=True)
class TokenGrant:
    """What a valid bearer token grants: its viewer, and for how long the token stays valid."""

    viewer: Viewer
    seconds_left: float | None  # None: the token does not expire
