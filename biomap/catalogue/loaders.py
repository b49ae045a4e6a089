"""Batch load functions for the catalogue: one SQL statement per batch of keys, results in key order.

The API wraps them in per-request DataLoaders (biomap/api/catalogue/loaders.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import asyncpg

from biomap.catalogue import (
    equipment_queries,
    institution_queries,
    technology_queries,
    trainee_queries,
)
from biomap.catalogue.equipment_queries import EquipmentScope
from biomap.catalogue.models import (
    Consent,
    Equipment,
    EquipmentFilter,
    Institution,
    Technology,
    Trainee,
    TraineePersonal,
)


async def institutions_by_id(conn: asyncpg.Connection, ids: Sequence[int]) -> list[Institution | None]:
    found = {i.id: i for i in await institution_queries.institutions_by_ids(conn, list(ids))}
    return [found.get(i) for i in ids]


async def equipment_by_id(conn: asyncpg.Connection, ids: Sequence[int]) -> list[Equipment | None]:
    found = {e.id: e for e in await equipment_queries.equipment_by_ids(conn, list(ids))}
    return [found.get(i) for i in ids]


async def technologies_by_id(conn: asyncpg.Connection, ids: Sequence[int]) -> list[Technology | None]:
    found = {t.id: t for t in await technology_queries.technologies_by_ids(conn, list(ids))}
    return [found.get(i) for i in ids]


async def trainees_by_id(conn: asyncpg.Connection, ids: Sequence[int]) -> list[Trainee | None]:
    found = {t.id: t for t in await trainee_queries.trainees_by_ids(conn, list(ids))}
    return [found.get(i) for i in ids]


async def consents_by_trainee_id(conn: asyncpg.Connection, ids: Sequence[int]) -> list[Consent | None]:
    found = {c.trainee_id: c for c in await trainee_queries.current_consents(conn, list(ids))}
    return [found.get(i) for i in ids]


async def personal_by_trainee_id(conn: asyncpg.Connection, ids: Sequence[int]) -> list[TraineePersonal | None]:
    found = {p.trainee_id: p for p in await trainee_queries.trainee_personal_by_ids(conn, list(ids))}
    return [found.get(i) for i in ids]


async def equipment_pages_by_institution(
    conn: asyncpg.Connection, institution_ids: Sequence[int], filt: EquipmentFilter, scope: EquipmentScope,
    after_id: int, limit: int,
) -> list[list[Equipment]]:
    """The first `limit` equipment after `after_id` of each institution, in one statement."""
    rows = await equipment_queries.list_equipment_per_institution(
        conn, list(institution_ids), filt, scope, after_id, limit
    )
    grouped: dict[int, list[Equipment]] = defaultdict(list)
    for equipment in rows:
        grouped[equipment.institution_id].append(equipment)
    return [grouped.get(i, []) for i in institution_ids]


async def equipment_counts_by_institution(
    conn: asyncpg.Connection, institution_ids: Sequence[int], filt: EquipmentFilter, scope: EquipmentScope
) -> list[int]:
    counts = await equipment_queries.count_equipment_per_institution(conn, list(institution_ids), filt, scope)
    return [counts.get(i, 0) for i in institution_ids]
