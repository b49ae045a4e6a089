"""GraphQL enums of sourcing, from the domain's Python enums."""

from __future__ import annotations

from enum import Enum

import strawberry

from biomap.sourcing import models
from biomap.sourcing.units import EVIDENCE_KINDS

LocalisationStatus = strawberry.enum(
    models.LocalisationStatus, description="How far localisation of an item has come; only ever moves forward.")
DemandVisibility = strawberry.enum(
    models.DemandVisibility, description="ALL_SUPPLIERS: every supplier may see it; INVITED_ONLY: invited ones only.")
DemandStatus = strawberry.enum(models.DemandStatus)
PipelineStage = strawberry.enum(
    models.PipelineStage,
    description="INVITED → QUOTED → SAMPLE_SENT → TESTING → VALIDATED, or REJECTED by the manufacturer.")
EvidenceKind = strawberry.enum(
    Enum("EvidenceKind", {k: k for k in EVIDENCE_KINDS}),  # type: ignore[misc]
    description="Certifications and evidence buyers require: " + "; ".join(f"{k} = {v}" for k, v in EVIDENCE_KINDS.items()),
)


@strawberry.enum(description="Why a sourcing mutation did not do what was asked.")
class SourcingErrorCode(Enum):
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"
    RANGE_INVERTED = "RANGE_INVERTED"
    UNKNOWN_UNIT = "UNKNOWN_UNIT"
    NEGATIVE_VALUE = "NEGATIVE_VALUE"
    DEADLINE_PAST = "DEADLINE_PAST"
    EXPIRY_REQUIRED = "EXPIRY_REQUIRED"
    UNKNOWN_EVIDENCE = "UNKNOWN_EVIDENCE"
    OUT_OF_ORDER = "OUT_OF_ORDER"
    NOT_MATCHED = "NOT_MATCHED"
    DEMAND_CLOSED = "DEMAND_CLOSED"
