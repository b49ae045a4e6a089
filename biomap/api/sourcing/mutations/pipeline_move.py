from __future__ import annotations

from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.api.sourcing.errors import run_sourcing
from biomap.api.sourcing.inputs import PipelineMoveInput
from biomap.api.sourcing.mutations.pipeline_invite import PipelinePayload
from biomap.api.sourcing.types import Pipeline
from biomap.sourcing import pipeline_service
from biomap.sourcing.models import PipelineStage


async def pipeline_move(info: Info, input: PipelineMoveInput) -> PipelinePayload:
    """Move a pair: the supplier sends the sample (QUOTED → SAMPLE_SENT); the manufacturer tests, validates or
    rejects. Out-of-order moves are OUT_OF_ORDER; the other party's moves are FORBIDDEN."""
    pipeline_id = pk_of(input.pipeline_id, "Pipeline") or 0
    expected = PipelineStage(input.from_stage.value) if input.from_stage is not None else None
    record, errors = await run_sourcing(info, lambda conn: pipeline_service.move_pipeline(
        conn, info.context.viewer, pipeline_id, PipelineStage(input.to_stage.value), expected, input.note,
        list(input.evidence)))
    return PipelinePayload(pipeline=Pipeline.of(record) if record else None, errors=errors)
