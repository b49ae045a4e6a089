"""The qualification pipeline: a state machine per (demand, supplier) pair with conditional
updates; every move is audited and recorded as a pipeline_event, and advances the item's
localisation status (forward only)."""

from __future__ import annotations

from typing import Any

import asyncpg

from biomap.errors import Conflict, DomainError, Forbidden, Invalid, NotFound, ValidationFailed
from biomap.identity import service as identity
from biomap.identity.models import Viewer
from biomap.sourcing import demand_queries, match_queries, material_queries, pipeline_queries, supplier_queries
from biomap.sourcing.checks import fail_if_any
from biomap.sourcing.models import (
    Demand,
    DemandStatus,
    LocalisationStatus,
    Pipeline,
    PipelineMove,
    PipelineStage,
    QuoteInput,
)
from biomap.sourcing.permissions import (
    MANUFACTURER,
    SUPPLIER,
    party_of,
    require_signed_in,
)
from biomap.sourcing.service import own_demand_for_update
from biomap.validation import validate_into

# Stage moves: (from, to) -> the party that may make it.
TRANSITIONS: dict[tuple[PipelineStage, PipelineStage], str] = {
    (PipelineStage.INVITED, PipelineStage.QUOTED): SUPPLIER,
    (PipelineStage.QUOTED, PipelineStage.SAMPLE_SENT): SUPPLIER,
    (PipelineStage.SAMPLE_SENT, PipelineStage.TESTING): MANUFACTURER,
    (PipelineStage.TESTING, PipelineStage.VALIDATED): MANUFACTURER,
    **{(s, PipelineStage.REJECTED): MANUFACTURER for s in (
        PipelineStage.INVITED, PipelineStage.QUOTED, PipelineStage.SAMPLE_SENT, PipelineStage.TESTING)},
}

# How far a pair at a stage has taken its item (the item's status only ever moves forward).
STAGE_STATUS: dict[PipelineStage, LocalisationStatus] = {
    PipelineStage.INVITED: LocalisationStatus.CANDIDATES_FOUND,
    PipelineStage.QUOTED: LocalisationStatus.CANDIDATES_FOUND,
    PipelineStage.SAMPLE_SENT: LocalisationStatus.SAMPLE_TESTING,
    PipelineStage.TESTING: LocalisationStatus.VALIDATION,
    PipelineStage.VALIDATED: LocalisationStatus.QUALIFIED,
}


async def _advance_material(
    conn: asyncpg.Connection, viewer: Viewer, demand: Demand, pipeline_id: int, stage: PipelineStage
) -> None:
    target = STAGE_STATUS.get(stage)
    if target is None:
        return
    change = await material_queries.advance_status(
        conn, demand.material_id, target.value, viewer.user_id, pipeline_id, f"pipeline {pipeline_id} {stage.value}"
    )
    if change is not None:
        await identity.record_audit(conn, viewer, "material.status", "material", demand.material_id, {
            "from": change.from_status.value if change.from_status else None, "to": change.to_status.value,
            "pipeline_id": pipeline_id})


async def _record_move(
    conn: asyncpg.Connection, viewer: Viewer, pipeline: Pipeline, demand: Demand, from_stage: PipelineStage | None,
    note: str, evidence: list[str], extra: dict[str, Any] | None = None,
) -> None:
    await pipeline_queries.insert_event(conn, pipeline.id, from_stage.value if from_stage else None,
                                        pipeline.stage.value, viewer.user_id, note, evidence)
    await identity.record_audit(conn, viewer, "pipeline.move", "pipeline", pipeline.id, {
        "from": from_stage.value if from_stage else None, "to": pipeline.stage.value, "note": note,
        "evidence": evidence, **(extra or {})})
    await _advance_material(conn, viewer, demand, pipeline.id, pipeline.stage)


async def invite(
    conn: asyncpg.Connection, viewer: Viewer, demand_id: int, supplier_id: int, note: str = "",
    evidence: list[str] | None = None,
) -> Pipeline:
    demand = await own_demand_for_update(conn, viewer, demand_id, field="demandId",
                                         action="invite suppliers to a demand")
    problems: list[DomainError] = []
    if demand.status is not DemandStatus.OPEN:
        problems.append(Invalid(f"the demand is {demand.status.value}: invite on an open demand",
                                field="demandId", code="DEMAND_CLOSED"))
    if not await supplier_queries.supplier_exists(conn, supplier_id):
        problems.append(NotFound("no supplier with this id", field="supplierId"))
    elif not await match_queries.suppliers_for_demand(conn, demand_id, 1, supplier_id=supplier_id):
        problems.append(Invalid("this supplier does not meet the demand's hard requirements (see matchSuppliers)",
                                field="supplierId", code="NOT_MATCHED"))
    valid = validate_into(PipelineMove, {"note": note, "evidence": evidence or []}, problems)
    fail_if_any(problems)
    pipeline = await pipeline_queries.insert_pipeline(conn, demand_id, supplier_id)
    if pipeline is None:
        raise ValidationFailed([Conflict("this supplier is already invited to this demand", field="supplierId")])
    await _record_move(conn, viewer, pipeline, demand, None, valid.note, valid.evidence)
    return pipeline


async def _pipeline_for_move(
    conn: asyncpg.Connection, viewer: Viewer, pipeline_id: int
) -> tuple[Pipeline, Demand, str]:
    require_signed_in(viewer, "move a qualification pipeline")
    pipeline = await pipeline_queries.pipeline_by_id(conn, pipeline_id)
    if pipeline is None:
        raise NotFound("no pipeline with this id", field="pipelineId")
    demand = (await demand_queries.demands_by_ids(conn, [pipeline.demand_id]))[0]
    party = party_of(viewer, pipeline, demand)
    if party is None:
        raise Forbidden("only the manufacturer of the demand and the invited supplier move this pipeline")
    if demand.status is DemandStatus.CANCELLED:
        raise ValidationFailed([Invalid("the demand was cancelled: its pairs no longer move", field="pipelineId",
                                        code="DEMAND_CLOSED")])
    return pipeline, demand, party


def allowed_moves(viewer: Viewer, pipeline: Pipeline, demand: Demand) -> list[PipelineStage]:
    """The stages the viewer may move the pair to from where it is (for the UI's buttons)."""
    party = party_of(viewer, pipeline, demand)
    if party is None or demand.status is DemandStatus.CANCELLED:
        return []
    return [to for (frm, to), who in TRANSITIONS.items() if frm == pipeline.stage and who == party]


def _transition_problem(
    current: PipelineStage, expected: PipelineStage, to: PipelineStage, party: str
) -> DomainError | None:
    """OUT_OF_ORDER or a stale fromStage (CONFLICT) as a field problem; the other party's move is FORBIDDEN."""
    allowed = TRANSITIONS.get((expected, to))
    if allowed is None:
        nexts = sorted(t.value for (f, t) in TRANSITIONS if f == expected)
        return Invalid(f"{expected.value} → {to.value} is out of order; from {expected.value} the next stages are "
                       f"{', '.join(nexts) or 'none (final)'}", field="toStage", code="OUT_OF_ORDER")
    if allowed != party:
        raise Forbidden(f"{expected.value} → {to.value} is the {allowed.lower()}'s move")
    if current != expected:
        return Conflict(f"the pair is at {current.value} now, not {expected.value}: reload it", field="fromStage")
    return None


async def move_pipeline(
    conn: asyncpg.Connection, viewer: Viewer, pipeline_id: int, to: PipelineStage,
    expected: PipelineStage | None = None, note: str = "", evidence: list[str] | None = None,
) -> Pipeline:
    pipeline, demand, party = await _pipeline_for_move(conn, viewer, pipeline_id)
    expected = expected or pipeline.stage
    problems: list[DomainError] = []
    if to is PipelineStage.QUOTED:
        problems.append(Invalid("a supplier quotes with pipelineQuote (price, currency, lead time)",
                                field="toStage", code="OUT_OF_ORDER"))
    elif problem := _transition_problem(pipeline.stage, expected, to, party):
        problems.append(problem)
    valid = validate_into(PipelineMove, {"note": note, "evidence": evidence or []}, problems)
    fail_if_any(problems)
    moved = await pipeline_queries.move(conn, pipeline_id, expected.value, to.value)
    if moved is None:  # moved by someone else since we read it
        raise ValidationFailed([Conflict("the pair moved meanwhile: reload it", field="fromStage")])
    await _record_move(conn, viewer, moved, demand, expected, valid.note, valid.evidence)
    return moved


async def quote(conn: asyncpg.Connection, viewer: Viewer, pipeline_id: int, data: dict[str, Any]) -> Pipeline:
    pipeline, demand, party = await _pipeline_for_move(conn, viewer, pipeline_id)
    problem = _transition_problem(pipeline.stage, PipelineStage.INVITED, PipelineStage.QUOTED, party)
    problems: list[DomainError] = [problem] if problem else []
    valid = validate_into(QuoteInput, data, problems)
    fail_if_any(problems)
    q = {"price": valid.price, "currency": valid.currency, "lead_time_days": valid.lead_time_days,
         "sample_offered": valid.sample_offered}
    moved = await pipeline_queries.move(conn, pipeline_id, PipelineStage.INVITED.value, PipelineStage.QUOTED.value, q)
    if moved is None:
        raise ValidationFailed([Conflict("the pair moved meanwhile: reload it", field="pipelineId")])
    await _record_move(conn, viewer, moved, demand, PipelineStage.INVITED, valid.note, valid.evidence,
                       {"price": str(valid.price), "currency": valid.currency,
                        "lead_time_days": valid.lead_time_days, "sample_offered": valid.sample_offered})
    return moved
