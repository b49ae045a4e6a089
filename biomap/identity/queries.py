"""SQL for identity. Plain functions (conn, …) -> records; no rules here."""

from __future__ import annotations

import json

import asyncpg

from biomap.identity.models import Organisation, Role, TokenGrant, User, Viewer


def _user(row: asyncpg.Record) -> User:
    return User(row["id"], row["email"], row["display_name"], Role(row["role"]), row["organisation_id"])


def _organisation(row: asyncpg.Record) -> Organisation:
    return Organisation(row["id"], row["code"], row["name_ko"], row["name_en"], row["verified_at"] is not None)


async def grant_by_token_hash(conn: asyncpg.Connection, token_hash: bytes) -> TokenGrant | None:
    row = await conn.fetchrow(
        """SELECT u.id, u.role, u.organisation_id, u.email, o.verified_at IS NOT NULL AS verified,
                  extract(epoch FROM t.expires_at - now())::float8 AS seconds_left
             FROM api_token t
             JOIN app_user u ON u.id = t.user_id
             LEFT JOIN organisation o ON o.id = u.organisation_id
            WHERE t.token_hash = $1 AND t.revoked_at IS NULL
              AND (t.expires_at IS NULL OR t.expires_at > now())
              AND u.disabled_at IS NULL""",
        token_hash,
    )
    if row is None:
        return None
    viewer = Viewer(row["id"], Role(row["role"]), row["organisation_id"], row["verified"], row["email"])
    return TokenGrant(viewer, row["seconds_left"])


async def is_institution(conn: asyncpg.Connection, organisation_id: int) -> bool:
    """Whether the organisation owns catalogue resources (has an institution record)."""
    return bool(await conn.fetchval("SELECT EXISTS (SELECT 1 FROM institution WHERE id = $1)", organisation_id))


async def organisation_by_code(conn: asyncpg.Connection, code: str) -> Organisation | None:
    row = await conn.fetchrow("SELECT * FROM organisation WHERE code = $1", code)
    return _organisation(row) if row else None


async def upsert_organisation(
    conn: asyncpg.Connection, code: str, name_ko: str, name_en: str, verified: bool
) -> Organisation:
    row = await conn.fetchrow(
        """INSERT INTO organisation (code, name_ko, name_en, verified_at)
           VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END)
           ON CONFLICT (code) DO UPDATE
              SET name_ko = EXCLUDED.name_ko, name_en = EXCLUDED.name_en,
                  verified_at = CASE WHEN $4 THEN coalesce(organisation.verified_at, now()) END
           RETURNING *""",
        code,
        name_ko,
        name_en,
        verified,
    )
    return _organisation(row)


async def upsert_user(
    conn: asyncpg.Connection, email: str, role: Role, organisation_id: int | None, display_name: str
) -> User:
    row = await conn.fetchrow(
        """INSERT INTO app_user (email, role, organisation_id, display_name)
           VALUES ($1, $2, $3, $4)
           ON CONFLICT (lower(email)) DO UPDATE
              SET role = EXCLUDED.role, organisation_id = EXCLUDED.organisation_id,
                  display_name = EXCLUDED.display_name
           RETURNING *""",
        email,
        role.value,
        organisation_id,
        display_name,
    )
    return _user(row)


async def user_by_email(conn: asyncpg.Connection, email: str) -> User | None:
    """The user with this e-mail, compared as the unique index does (case-insensitively)."""
    row = await conn.fetchrow("SELECT * FROM app_user WHERE lower(email) = lower($1)", email)
    return _user(row) if row else None


async def revoke_tokens_of(conn: asyncpg.Connection, user_id: int) -> int:
    """Revoke every live token of the user; how many were revoked."""
    revoked = await conn.fetchval(
        """WITH r AS (UPDATE api_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING 1)
           SELECT count(*) FROM r""", user_id)
    return int(revoked)


async def insert_token(conn: asyncpg.Connection, user_id: int, token_hash: bytes, label: str) -> None:
    await conn.execute(
        """INSERT INTO api_token (user_id, token_hash, label) VALUES ($1, $2, $3)
           ON CONFLICT (token_hash) DO NOTHING""",
        user_id,
        token_hash,
        label,
    )


async def insert_audit(
    conn: asyncpg.Connection, actor_id: int | None, action: str, entity: str, entity_id: int, detail: dict
) -> None:
    await conn.execute(
        "INSERT INTO audit_log (actor_id, action, entity, entity_id, detail) VALUES ($1, $2, $3, $4, $5)",
        actor_id,
        action,
        entity,
        entity_id,
        detail,
    )


async def insert_audit_many(conn: asyncpg.Connection, rows: list[tuple[int | None, str, str, int, dict]]) -> None:
    """One statement for many entries (an import batch writes hundreds)."""
    if not rows:
        return
    await conn.execute(
        """INSERT INTO audit_log (actor_id, action, entity, entity_id, detail)
           SELECT a.actor_id, a.action, a.entity, a.entity_id, a.detail
             FROM jsonb_to_recordset($1::text::jsonb)
                  AS a(actor_id bigint, action text, entity text, entity_id bigint, detail jsonb)""",
        json.dumps([{"actor_id": r[0], "action": r[1], "entity": r[2], "entity_id": r[3], "detail": r[4]}
                    for r in rows], ensure_ascii=False, default=str),
    )
