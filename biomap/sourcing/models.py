"""Sourcing records (what queries return) and inputs (what services validate)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from biomap.catalogue.models import Zone
from biomap.sourcing.units import KRW_PER_UNIT
from biomap.validation import http_url


class LocalisationStatus(str, Enum):
    NOT_STARTED = "NOT_STARTED"
    CANDIDATES_FOUND = "CANDIDATES_FOUND"
    SAMPLE_TESTING = "SAMPLE_TESTING"
    VALIDATION = "VALIDATION"
    QUALIFIED = "QUALIFIED"


STATUS_ORDER = list(LocalisationStatus)


class DemandVisibility(str, Enum):
    ALL_SUPPLIERS = "ALL_SUPPLIERS"
    INVITED_ONLY = "INVITED_ONLY"


class DemandStatus(str, Enum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"
    CANCELLED = "CANCELLED"


class PipelineStage(str, Enum):
    INVITED = "INVITED"
    QUOTED = "QUOTED"
    SAMPLE_SENT = "SAMPLE_SENT"
    TESTING = "TESTING"
    VALIDATED = "VALIDATED"
    REJECTED = "REJECTED"


TERMINAL_STAGES = frozenset({PipelineStage.VALIDATED, PipelineStage.REJECTED})


# ---- records -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Material:
    id: int
    code: str
    name_ko: str
    name_en: str
    category: str
    typical_specs: list[dict[str, Any]]
    required_evidence: list[str]
    annual_import_krw: int | None
    import_value_estimated: bool
    status: LocalisationStatus
    status_changed_at: dt.datetime
    sources: list[str]
    source_note: str


@dataclass(frozen=True, slots=True)
class StatusChange:
    material_id: int
    from_status: LocalisationStatus | None
    to_status: LocalisationStatus
    at: dt.datetime
    pipeline_id: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class Supplier:
    id: int
    code: str
    name_ko: str
    name_en: str
    zone: Zone
    address: str
    website: str
    description: str
    reference_customers: list[str]
    sources: list[str]
    synthetic: bool


@dataclass(frozen=True, slots=True)
class SpecValue:
    key: str
    value: float
    unit: str


@dataclass(frozen=True, slots=True)
class Product:
    id: int
    supplier_id: int
    material_id: int
    name_ko: str
    name_en: str
    description: str
    monthly_capacity: float | None
    capacity_unit: str | None
    lead_time_days: int | None
    minimum_order: float | None
    specs: list[SpecValue]
    retired: bool


@dataclass(frozen=True, slots=True)
class Certification:
    id: int
    supplier_id: int
    product_id: int | None
    kind: str
    iso_class: int | None
    reference: str
    issued_on: dt.date | None
    expires_on: dt.date
    illustrative: bool


@dataclass(frozen=True, slots=True)
class SpecRequirement:
    key: str
    min_value: float | None
    max_value: float | None
    unit: str
    hard: bool


@dataclass(frozen=True, slots=True)
class EvidenceRequirement:
    kind: str
    max_iso_class: int | None
    hard: bool


@dataclass(frozen=True, slots=True)
class Demand:
    id: int
    manufacturer_id: int
    material_id: int
    title: str
    description: str
    volume_per_month: float
    volume_unit: str
    deadline: dt.date
    visibility: DemandVisibility
    status: DemandStatus
    created_at: dt.datetime
    specs: list[SpecRequirement] = field(default_factory=list)
    requirements: list[EvidenceRequirement] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Pipeline:
    id: int
    demand_id: int
    supplier_id: int
    stage: PipelineStage
    quote_price: Decimal | None
    quote_currency: str | None
    quote_lead_time_days: int | None
    sample_offered: bool | None
    created_at: dt.datetime
    stage_changed_at: dt.datetime


@dataclass(frozen=True, slots=True)
class PipelineEvent:
    id: int
    pipeline_id: int
    from_stage: PipelineStage | None
    to_stage: PipelineStage
    actor_id: int | None
    at: dt.datetime
    note: str
    evidence: list[str]


# ---- inputs (validated at the service boundary) --------------------------------------------------


class _Input(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")


# Every volume, capacity, minimum order and specification value is 0 or of a magnitude in this range (in
# its own unit). Outside it a number is a typo, and PostgreSQL's float arithmetic on base values
# (x1000, capacity / volume, 1e-9 x a range bound) would overflow or underflow, which it raises as errors.
MAX_NUMBER = 1e12
MIN_NONZERO = 1e-9
MAX_PRICE = Decimal(10**12)

# Deadlines and certificate expiries are at most 10 years after today (Asia/Seoul): later is a typo, and
# 9999-12-31 would be stored as PostgreSQL 'infinity', which date arithmetic refuses. Longer than any
# lead time (at most 3650 days), so matching may count days left up to it for rows stored before.
HORIZON_DAYS = 3653


def _plausible(value: float) -> float:
    if not (value == 0 or MIN_NONZERO <= abs(value) <= MAX_NUMBER):  # NaN and infinities fail too
        raise ValueError("give 0 or a number from 0.000000001 to 1,000,000,000,000 (in magnitude)")
    return value


Number = Annotated[float, AfterValidator(_plausible)]
MaterialCode = Annotated[str, Field(max_length=40), AfterValidator(str.upper)]  # codes are upper case
Evidence = Annotated[str, Field(min_length=1, max_length=500)]  # a URL or document id, like a reference

_KEY = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")


class SpecValueInput(_Input):
    key: str = _KEY
    value: Number
    unit: str = Field(max_length=20)


class SpecRangeInput(_Input):
    key: str = _KEY
    min: Number | None = None
    max: Number | None = None
    unit: str = Field(max_length=20)
    hard: bool = True


class EvidenceInput(_Input):
    kind: str
    max_iso_class: int | None = Field(default=None, ge=1, le=9)
    hard: bool = True


class DemandCreate(_Input):
    material_code: MaterialCode
    title: str = Field(default="", max_length=300)
    description: str = Field(default="", max_length=10_000)
    volume_per_month: Number
    volume_unit: str = Field(max_length=20)
    deadline: dt.date
    visibility: DemandVisibility = DemandVisibility.ALL_SUPPLIERS
    specs: list[SpecRangeInput] = Field(default_factory=list, max_length=30)
    requirements: list[EvidenceInput] = Field(default_factory=list, max_length=20)


class SupplierProfile(_Input):
    zone: Zone | None = None
    address: str | None = Field(default=None, max_length=300)
    website: str | None = Field(default=None, max_length=300)
    description: str | None = Field(default=None, max_length=10_000)
    reference_customers: list[Annotated[str, Field(min_length=1, max_length=300)]] | None = Field(
        default=None, max_length=50)

    @field_validator("website")
    @classmethod
    def _http_website(cls, value: str | None) -> str | None:
        return http_url(value, "website")


class ProductFields(_Input):
    material_code: MaterialCode | None = None
    name_ko: str | None = Field(default=None, max_length=300)
    name_en: str | None = Field(default=None, max_length=300)
    description: str | None = Field(default=None, max_length=10_000)
    monthly_capacity: Number | None = None
    capacity_unit: str | None = Field(default=None, max_length=20)
    lead_time_days: int | None = Field(default=None, ge=0, le=3650)
    minimum_order: Number | None = None
    specs: list[SpecValueInput] | None = Field(default=None, max_length=50)


class CertificationCreate(_Input):
    kind: str
    product_id: int | None = None
    iso_class: int | None = Field(default=None, ge=1, le=9)
    reference: str = Field(default="", max_length=500)
    issued_on: dt.date | None = Field(default=None, ge=dt.date(1950, 1, 1))
    expires_on: dt.date | None = None


class PipelineMove(_Input):
    note: str = Field(default="", max_length=5_000)
    evidence: list[Evidence] = Field(default_factory=list, max_length=20)


class QuoteInput(PipelineMove):
    price: Decimal = Field(ge=0, le=MAX_PRICE, max_digits=16, decimal_places=2)
    currency: str
    lead_time_days: int = Field(ge=0, le=3650)
    sample_offered: bool = True

    @field_validator("currency")
    @classmethod
    def _reference_currency(cls, value: str) -> str:
        # progress values quotes in KRW at these reference rates: another currency would count as nothing
        code = value.upper()
        if code not in KRW_PER_UNIT:
            raise ValueError(f"quote in {', '.join(KRW_PER_UNIT)} (the currencies with a reference rate)")
        return code
