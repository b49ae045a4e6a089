from __future__ import annotations

import strawberry

from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.api.sourcing.errors import SourcingError, run_sourcing
from biomap.api.sourcing.inputs import PipelineInviteInput
from biomap.api.sourcing.types import Pipeline
from biomap.sourcing import pipeline_service


@strawberry.type
class PipelinePayload:
    pipeline: Pipeline | None
    errors: list[SourcingError]


async def pipeline_invite(info: Info, input: PipelineInviteInput) -> PipelinePayload:
    """Invite a matched supplier to your demand (starts the pair at INVITED)."""
    demand_id = pk_of(input.demand_id, "Demand") or 0
    supplier_id = pk_of(input.supplier_id, "Supplier") or 0
    record, errors = await run_sourcing(info, lambda conn: pipeline_service.invite(
        conn, info.context.viewer, demand_id, supplier_id, input.note, list(input.evidence)))
    return PipelinePayload(pipeline=Pipeline.of(record) if record else None, errors=errors)
