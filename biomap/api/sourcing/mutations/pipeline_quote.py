from __future__ import annotations

from decimal import Decimal

from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.api.sourcing.errors import run_sourcing
from biomap.api.sourcing.inputs import PipelineQuoteInput
from biomap.api.sourcing.mutations.pipeline_invite import PipelinePayload
from biomap.api.sourcing.types import Pipeline
from biomap.sourcing import pipeline_service


async def pipeline_quote(info: Info, input: PipelineQuoteInput) -> PipelinePayload:
    """Answer an invitation as the supplier with a quote and a sample offer (INVITED → QUOTED)."""
    pipeline_id = pk_of(input.pipeline_id, "Pipeline") or 0
    values = {"price": Decimal(str(input.price)), "currency": input.currency, "lead_time_days": input.lead_time_days,
              "sample_offered": input.sample_offered, "note": input.note, "evidence": list(input.evidence)}
    record, errors = await run_sourcing(info, lambda conn: pipeline_service.quote(conn, info.context.viewer, pipeline_id, values))
    return PipelinePayload(pipeline=Pipeline.of(record) if record else None, errors=errors)
