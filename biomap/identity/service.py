"""Identity rules: who a token belongs to, creating users for operators and tests."""

from __future__ import annotations

import re

import asyncpg

from biomap.errors import Conflict, Invalid, NotFound
from biomap.identity import queries
from biomap.identity.models import Role, TokenGrant, User, Viewer
from biomap.identity.tokens import hash_token, is_well_formed, new_token

_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Roles whose work is on behalf of an organisation: creating them without one makes no sense.
_ROLES_NEEDING_ORG = {Role.INSTITUTION_MANAGER, Role.SUPPLIER, Role.MANUFACTURER}


async def authenticate(conn: asyncpg.Connection, token: str) -> TokenGrant | None:
    """What a bearer token grants, or None when it is malformed, unknown, revoked or expired."""
    if not is_well_formed(token):
        return None
    return await queries.grant_by_token_hash(conn, hash_token(token))


async def create_user(
    conn: asyncpg.Connection,
    *,
    email: str,
    role: Role,
    organisation_code: str | None = None,
    display_name: str | None = None,
    token: str | None = None,
    token_label: str = "cli",
    update_existing: bool = True,
) -> tuple[User, str]:
    """Create (or update) a user and issue a token; returns the user and the token in clear, once.

    `update_existing=False` refuses an e-mail that already has a user instead of changing its role,
    organisation and name. When an update changes the role or the organisation, the user's earlier
    tokens are revoked: they were handed out for what the user was. The demo seed updates (same
    role and organisation, so its tokens stay)."""
    if not _EMAIL_RE.match(email):
        raise Invalid(f"'{email}' is not an e-mail address", field="email")
    existing = await queries.user_by_email(conn, email)
    if existing is not None and not update_existing:
        raise Conflict(f"a user with the e-mail '{email}' already exists (role {existing.role.value})", field="email")
    organisation_id = None
    if organisation_code:
        organisation = await queries.organisation_by_code(conn, organisation_code)
        if organisation is None:
            raise NotFound(f"no organisation with code '{organisation_code}'", field="org")
        organisation_id = organisation.id
        if role is Role.INSTITUTION_MANAGER and not await queries.is_institution(conn, organisation_id):
            raise Invalid(f"an INSTITUTION_MANAGER manages an institution's equipment, trainees and bookings: "
                          f"'{organisation_code}' is an organisation without an institution record", field="org")
    elif role in _ROLES_NEEDING_ORG:
        raise Invalid(f"a {role.value} user needs --org (the organisation it acts for)", field="org")
    if token is not None and not is_well_formed(token):
        raise Invalid("a token must look like bm_ followed by 20-100 url-safe characters", field="token")
    if display_name is None:  # not given: an update keeps the stored name
        display_name = existing.display_name if existing is not None else ""
    user = await queries.upsert_user(conn, email, role, organisation_id, display_name)
    if existing is not None and (existing.role, existing.organisation_id) != (role, organisation_id):
        await queries.revoke_tokens_of(conn, user.id)
    token = token or new_token()
    await queries.insert_token(conn, user.id, hash_token(token), token_label)
    return user, token


async def ensure_organisation(
    conn: asyncpg.Connection, *, code: str, name_ko: str, name_en: str, verified: bool
) -> int:
    """Create or update an organisation by code; returns its id (institutions share it)."""
    organisation = await queries.upsert_organisation(conn, code, name_ko, name_en, verified)
    return organisation.id


async def record_audit(
    conn: asyncpg.Connection, viewer: Viewer | None, action: str, entity: str, entity_id: int, detail: dict
) -> None:
    """Append to the audit trail in the caller's transaction (who did what to which record)."""
    await queries.insert_audit(conn, viewer.user_id if viewer else None, action, entity, entity_id, detail)


async def record_audit_many(
    conn: asyncpg.Connection, viewer: Viewer | None, entries: list[tuple[str, str, int, dict]]
) -> None:
    """Many audit entries (action, entity, entity_id, detail) by one actor, in one round trip."""
    actor = viewer.user_id if viewer else None
    await queries.insert_audit_many(conn, [(actor, *entry) for entry in entries])
