"""SQL for trainees, their personal data and consents. Plain async functions (conn, …) -> records; permission scoping comes in as
parameters decided by the service, never as rules here. Lists use keyset pagination on id and
`$n::type[] IS NULL OR col = ANY($n)` filters, so each list is one static prepared statement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import asyncpg

from biomap.catalogue import records
from biomap.catalogue.models import Consent, ConsentItem, Trainee, TraineePersonal


@dataclass(frozen=True, slots=True)
class TraineeScope:
    """Trainee profiles listed: those with a visibility in `visibilities`, plus the managed centre's."""

    visibilities: list[str]
    managed_institution_id: int | None


_TRAINEE_WHERE = """($1::bigint[] IS NULL OR t.institution_id = ANY($1))
    AND (t.visibility = ANY($2::trainee_visibility[]) OR t.institution_id = $3::bigint)"""


async def list_trainees(
    conn: asyncpg.Connection, institution_ids: list[int] | None, scope: TraineeScope, after_id: int, limit: int
) -> list[Trainee]:
    rows = await conn.fetch(
        f"SELECT t.* FROM trainee t WHERE {_TRAINEE_WHERE} AND t.id > $4 ORDER BY t.id LIMIT $5",
        institution_ids, scope.visibilities, scope.managed_institution_id, after_id, limit,
    )
    return [records.trainee(r) for r in rows]


async def count_trainees(conn: asyncpg.Connection, institution_ids: list[int] | None, scope: TraineeScope) -> int:
    return await conn.fetchval(
        f"SELECT count(*) FROM trainee t WHERE {_TRAINEE_WHERE}",
        institution_ids, scope.visibilities, scope.managed_institution_id,
    )


async def trainees_by_ids(conn: asyncpg.Connection, ids: list[int]) -> list[Trainee]:
    rows = await conn.fetch("SELECT * FROM trainee WHERE id = ANY($1::bigint[])", ids)
    return [records.trainee(r) for r in rows]


async def current_consents(conn: asyncpg.Connection, trainee_ids: list[int]) -> list[Consent]:
    """The latest consent per trainee (withdrawn or expired ones included: the rules decide)."""
    rows = await conn.fetch(
        """SELECT DISTINCT ON (trainee_id) * FROM trainee_consent
            WHERE trainee_id = ANY($1::bigint[]) ORDER BY trainee_id, given_at DESC, id DESC""",
        trainee_ids,
    )
    return [
        Consent(r["trainee_id"], r["purpose"], frozenset(ConsentItem(i) for i in r["items"]), r["version"],
                r["given_at"], r["retention_until"], r["withdrawn_at"])
        for r in rows
    ]


async def trainee_personal_by_ids(conn: asyncpg.Connection, trainee_ids: list[int]) -> list[TraineePersonal]:
    rows = await conn.fetch("SELECT * FROM trainee_personal WHERE trainee_id = ANY($1::bigint[])", trainee_ids)
    return [TraineePersonal(r["trainee_id"], r["full_name"], r["email"], r["phone"]) for r in rows]


async def upsert_trainee_by_source(conn: asyncpg.Connection, institution_id: int, data: dict[str, Any]) -> int:
    return await conn.fetchval(
        """INSERT INTO trainee (institution_id, source_id, display_name, course, completed_on, skills,
                                certificates, desired_role, available_from, visibility)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (institution_id, source_id) WHERE source_id IS NOT NULL DO UPDATE
              SET display_name = EXCLUDED.display_name, course = EXCLUDED.course,
                  completed_on = EXCLUDED.completed_on, skills = EXCLUDED.skills,
                  certificates = EXCLUDED.certificates, desired_role = EXCLUDED.desired_role,
                  available_from = EXCLUDED.available_from, visibility = EXCLUDED.visibility
           RETURNING id""",
        institution_id, data["source_id"], data["display_name"], data["course"], data["completed_on"],
        data.get("skills", []), data.get("certificates", []), data.get("desired_role", ""),
        data.get("available_from"), data["visibility"],
    )


async def replace_trainee_personal(conn: asyncpg.Connection, trainee_id: int, personal: dict[str, str]) -> None:
    await conn.execute(
        """INSERT INTO trainee_personal (trainee_id, full_name, email, phone) VALUES ($1, $2, $3, $4)
           ON CONFLICT (trainee_id) DO UPDATE
              SET full_name = EXCLUDED.full_name, email = EXCLUDED.email, phone = EXCLUDED.phone""",
        trainee_id, personal["full_name"], personal.get("email", ""), personal.get("phone", ""),
    )


async def replace_trainee_consents(conn: asyncpg.Connection, trainee_id: int, consents: list[dict[str, Any]]) -> None:
    await conn.execute("DELETE FROM trainee_consent WHERE trainee_id = $1", trainee_id)
    for c in consents:
        await conn.execute(
            """INSERT INTO trainee_consent (trainee_id, purpose, items, version, given_at, retention_until,
                                            withdrawn_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7)""",
            trainee_id, c["purpose"], c["items"], c["version"], c["given_at"], c["retention_until"],
            c.get("withdrawn_at"),
        )


