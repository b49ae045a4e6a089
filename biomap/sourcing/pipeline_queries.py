"""SQL for the qualification pipeline: pairs (demand, supplier), conditional stage moves, history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import asyncpg

from biomap.sourcing import records
from biomap.sourcing.models import Pipeline, PipelineEvent


async def insert_pipeline(conn: asyncpg.Connection, demand_id: int, supplier_id: int) -> Pipeline | None:
    """None when the pair already exists."""
    row = await conn.fetchrow(
        """INSERT INTO pipeline (demand_id, supplier_id) VALUES ($1, $2)
           ON CONFLICT (demand_id, supplier_id) DO NOTHING RETURNING *""",
        demand_id, supplier_id,
    )
    return records.pipeline(row) if row else None


async def pipeline_by_id(conn: asyncpg.Connection, pipeline_id: int) -> Pipeline | None:
    row = await conn.fetchrow("SELECT * FROM pipeline WHERE id = $1", pipeline_id)
    return records.pipeline(row) if row else None


async def pipelines_by_ids(conn: asyncpg.Connection, ids: Sequence[int]) -> list[Pipeline]:
    rows = await conn.fetch("SELECT * FROM pipeline WHERE id = ANY($1::bigint[])", list(ids))
    return [records.pipeline(r) for r in rows]


async def move(
    conn: asyncpg.Connection, pipeline_id: int, expected: str, to: str, quote: dict[str, Any] | None = None
) -> Pipeline | None:
    """Conditional update: moves only if the pair is still at `expected` (None when it is not)."""
    quote = quote or {}
    row = await conn.fetchrow(
        """UPDATE pipeline SET stage = $3::pipeline_stage, stage_changed_at = now(),
                  quote_price = coalesce($4, quote_price), quote_currency = coalesce($5, quote_currency),
                  quote_lead_time_days = coalesce($6, quote_lead_time_days),
                  sample_offered = coalesce($7, sample_offered)
            WHERE id = $1 AND stage = $2::pipeline_stage RETURNING *""",
        pipeline_id, expected, to, quote.get("price"), quote.get("currency"), quote.get("lead_time_days"),
        quote.get("sample_offered"),
    )
    return records.pipeline(row) if row else None


async def insert_event(
    conn: asyncpg.Connection, pipeline_id: int, from_stage: str | None, to_stage: str, actor_id: int | None,
    note: str, evidence: list[str],
) -> PipelineEvent:
    row = await conn.fetchrow(
        """INSERT INTO pipeline_event (pipeline_id, from_stage, to_stage, actor_id, note, evidence)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING *""",
        pipeline_id, from_stage, to_stage, actor_id, note, evidence,
    )
    return records.pipeline_event(row)


async def events_by_pipeline_ids(conn: asyncpg.Connection, ids: Sequence[int]) -> list[list[PipelineEvent]]:
    rows = await conn.fetch(
        "SELECT * FROM pipeline_event WHERE pipeline_id = ANY($1::bigint[]) ORDER BY pipeline_id, at, id", list(ids)
    )
    grouped: dict[int, list[PipelineEvent]] = {i: [] for i in ids}
    for r in rows:
        grouped[r["pipeline_id"]].append(records.pipeline_event(r))
    return [grouped[i] for i in ids]


async def pipelines_by_demand_ids(conn: asyncpg.Connection, ids: Sequence[int]) -> list[list[Pipeline]]:
    rows = await conn.fetch("SELECT * FROM pipeline WHERE demand_id = ANY($1::bigint[]) ORDER BY demand_id, id",
                            list(ids))
    grouped: dict[int, list[Pipeline]] = {i: [] for i in ids}
    for r in rows:
        grouped[r["demand_id"]].append(records.pipeline(r))
    return [grouped[i] for i in ids]


async def pipelines_of_supplier(conn: asyncpg.Connection, supplier_id: int, limit: int) -> list[Pipeline]:
    rows = await conn.fetch("SELECT * FROM pipeline WHERE supplier_id = $1 ORDER BY id DESC LIMIT $2",
                            supplier_id, limit)
    return [records.pipeline(r) for r in rows]
