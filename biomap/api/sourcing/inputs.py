"""Inputs of sourcing mutations. Optional fields left out are not changed (UNSET); null clears."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

import strawberry

from biomap.api.catalogue import enums as catalogue_enums
from biomap.api.sourcing import enums

UNSET = strawberry.UNSET

# The quote carries no unit of its own: progress values a validated pair at volume per month x 12 x price.
PRICE = ("Per one unit of the demand's volumeUnit (per kg for a demand in kg, per piece for one in pcs); "
         "0 to 1,000,000,000,000 with at most 2 decimals.")
CURRENCY = "KRW, USD, EUR, JPY or CNY: the currencies with a reference rate for the city's progress."


@strawberry.input(description="A product's numeric specification in a known unit (e.g. mL, um, EU/mL, mOsm/kg).")
class SpecValueInput:
    key: str
    value: float
    unit: str


@strawberry.input(description="A required range: min, max or both, in a known unit; hard = must have.")
class SpecRangeInput:
    key: str
    unit: str
    min: float | None = None
    max: float | None = None
    hard: bool = True


@strawberry.input(description="A required certification/evidence; hard = must have.")
class EvidenceRequirementInput:
    kind: enums.EvidenceKind
    max_iso_class: int | None = strawberry.field(default=None, description="For ISO_14644: this class or cleaner.")
    hard: bool = True


@strawberry.input
class DemandCreateInput:
    material_code: str
    volume_per_month: float
    volume_unit: str
    deadline: dt.date
    title: str = ""
    description: str = ""
    visibility: enums.DemandVisibility = enums.DemandVisibility.ALL_SUPPLIERS
    specs: list[SpecRangeInput] = strawberry.field(default_factory=list)
    requirements: list[EvidenceRequirementInput] = strawberry.field(default_factory=list)


@strawberry.input
class CloseDemandInput:
    id: strawberry.ID
    status: enums.DemandStatus = strawberry.field(default=enums.DemandStatus.CLOSED,
                                                  description="CLOSED (fulfilled) or CANCELLED.")


@strawberry.input(description="Your organisation's supplier profile; the zone is required to create it.")
class SupplierProfileInput:
    zone: catalogue_enums.Zone | None = UNSET
    address: str | None = UNSET
    website: str | None = UNSET
    description: str | None = UNSET
    reference_customers: list[str] | None = UNSET


@strawberry.input
class ProductFieldsInput:
    name_ko: str | None = UNSET
    name_en: str | None = UNSET
    description: str | None = UNSET
    monthly_capacity: float | None = UNSET
    capacity_unit: str | None = UNSET
    lead_time_days: int | None = UNSET
    minimum_order: float | None = strawberry.field(default=UNSET, description="In the capacity unit.")
    specs: list[SpecValueInput] | None = strawberry.field(default=UNSET, description="Replaces all specifications.")


@strawberry.input
class ProductCreateInput(ProductFieldsInput):
    material_code: str


@strawberry.input
class ProductUpdateInput(ProductFieldsInput):
    id: strawberry.ID
    material_code: str | None = UNSET


@strawberry.input(description="A certification or evidence with its expiry date (required).")
class CertificationAddInput:
    kind: enums.EvidenceKind
    expires_on: dt.date | None = strawberry.field(default=None, description="Required: a certificate without one is refused.")
    product_id: strawberry.ID | None = strawberry.field(default=None, description="For one product; null = supplier-wide.")
    iso_class: int | None = None
    reference: str = ""
    issued_on: dt.date | None = None


@strawberry.input
class PipelineInviteInput:
    demand_id: strawberry.ID
    supplier_id: strawberry.ID
    note: str = ""
    evidence: list[str] = strawberry.field(default_factory=list)


@strawberry.input(description="The supplier's answer to an invitation: INVITED → QUOTED.")
class PipelineQuoteInput:
    pipeline_id: strawberry.ID
    price: float = strawberry.field(description=PRICE)
    lead_time_days: int
    currency: str = strawberry.field(default="KRW", description=CURRENCY)
    sample_offered: bool = True
    note: str = ""
    evidence: list[str] = strawberry.field(default_factory=list, description="URLs or document ids.")


@strawberry.input(description="Move a pair to its next stage. fromStage (optional) is the stage you saw: the move "
                              "happens only if the pair is still there.")
class PipelineMoveInput:
    pipeline_id: strawberry.ID
    to_stage: enums.PipelineStage
    from_stage: enums.PipelineStage | None = None
    note: str = ""
    evidence: list[str] = strawberry.field(default_factory=list, description="URLs or document ids.")


def plain(value: Any) -> Any:
    """A strawberry input (possibly nested) as plain snake_case dicts; UNSET fields are left out."""
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "__strawberry_definition__") or hasattr(value, "_type_definition"):
        return {k: plain(v) for k, v in vars(value).items() if v is not strawberry.UNSET}
    return value
