"""Catalogue records (what queries return) and inputs (what services validate)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from biomap.catalogue.taxonomy import CATEGORY_BY_CODE


class Zone(str, Enum):
    SONGDO = "SONGDO"
    NAMDONG = "NAMDONG"
    OTHER_INCHEON = "OTHER_INCHEON"
    OUTSIDE_INCHEON = "OUTSIDE_INCHEON"


class InstitutionKind(str, Enum):
    UNIVERSITY = "UNIVERSITY"
    HOSPITAL = "HOSPITAL"
    RESEARCH_INSTITUTE = "RESEARCH_INSTITUTE"
    COMPANY = "COMPANY"
    PUBLIC_SUPPORT_CENTRE = "PUBLIC_SUPPORT_CENTRE"
    TRAINING_CENTRE = "TRAINING_CENTRE"


class EquipmentStatus(str, Enum):
    ACTIVE = "ACTIVE"
    MAINTENANCE = "MAINTENANCE"
    RETIRED = "RETIRED"


class AccessPolicy(str, Enum):
    INTERNAL = "INTERNAL"
    CLUSTER = "CLUSTER"
    PUBLIC = "PUBLIC"


class ServiceMode(str, Enum):
    SELF_SERVICE = "SELF_SERVICE"
    OPERATOR_ASSISTED = "OPERATOR_ASSISTED"
    ANALYSIS_REQUEST = "ANALYSIS_REQUEST"


class TechnologyKind(str, Enum):
    LICENSABLE_TECHNOLOGY = "LICENSABLE_TECHNOLOGY"
    ANALYSIS_SERVICE = "ANALYSIS_SERVICE"
    CDMO_SERVICE = "CDMO_SERVICE"
    TRAINING_SERVICE = "TRAINING_SERVICE"


class TraineeVisibility(str, Enum):
    PUBLIC = "PUBLIC"
    EMPLOYERS = "EMPLOYERS"
    HIDDEN = "HIDDEN"


class ConsentItem(str, Enum):
    FULL_NAME = "FULL_NAME"
    EMAIL = "EMAIL"
    PHONE = "PHONE"


@dataclass(frozen=True, slots=True)
class Institution:
    id: int
    code: str
    name_ko: str
    name_en: str
    kind: InstitutionKind
    zone: Zone
    address: str
    latitude: float | None
    longitude: float | None
    website: str
    description: str
    sources: list[str]


@dataclass(frozen=True, slots=True)
class Equipment:
    id: int
    institution_id: int
    name_ko: str
    name_en: str
    category: str
    manufacturer: str
    model: str
    year: int | None
    description_ko: str
    description_en: str
    specifications: dict[str, Any]
    building: str
    room: str
    status: EquipmentStatus
    access_policy: AccessPolicy
    service_mode: ServiceMode
    training_required: bool
    rate_internal_krw: int | None
    rate_academic_krw: int | None
    rate_industry_krw: int | None
    nfec_registration: str
    rrid: str
    source_id: str | None
    photo_url: str
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Technology:
    id: int
    institution_id: int
    kind: TechnologyKind
    title_ko: str
    title_en: str
    summary_ko: str
    summary_en: str
    trl: int | None
    patents: list[str]
    contact_name: str
    contact_email: str
    contact_phone: str
    retired: bool


@dataclass(frozen=True, slots=True)
class Trainee:
    id: int
    institution_id: int
    display_name: str
    course: str
    completed_on: dt.date
    skills: list[str]
    certificates: list[str]
    desired_role: str
    available_from: dt.date | None
    visibility: TraineeVisibility


@dataclass(frozen=True, slots=True)
class TraineePersonal:
    trainee_id: int
    full_name: str
    email: str
    phone: str


@dataclass(frozen=True, slots=True)
class Consent:
    trainee_id: int
    purpose: str
    items: frozenset[ConsentItem]
    version: str
    given_at: dt.datetime
    retention_until: dt.date
    withdrawn_at: dt.datetime | None


# ---- filters -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EquipmentFilter:
    """Tuples, not lists: filters are hashable so per-request loaders can be keyed by them."""

    institution_ids: tuple[int, ...] | None = None
    zones: tuple[Zone, ...] | None = None
    categories: tuple[str, ...] | None = None
    access_policies: tuple[AccessPolicy, ...] | None = None
    service_modes: tuple[ServiceMode, ...] | None = None
    # None: everything but RETIRED, which is only listed when asked for.
    statuses: tuple[EquipmentStatus, ...] | None = None


@dataclass(frozen=True, slots=True)
class InstitutionFilter:
    zones: tuple[Zone, ...] | None = None
    kinds: tuple[InstitutionKind, ...] | None = None


# ---- inputs (validated at the service boundary) --------------------------------------------------

_TEXT = Field(default=None, max_length=300)
_RRID_RE = re.compile(r"^RRID:[A-Za-z]+_[A-Za-z0-9_:-]+$")
_HTTP_URL_RE = re.compile(r"^https?://\S+$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_LONG_TEXT = Field(default=None, max_length=10_000)


class _Input(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")


class EquipmentFields(_Input):
    """Every writable equipment field; None means 'not given' (update) or the default (create)."""

    name_ko: str | None = _TEXT
    name_en: str | None = _TEXT
    category: str | None = None
    manufacturer: str | None = _TEXT
    model: str | None = _TEXT
    year: int | None = Field(default=None, ge=1950, le=2100)
    description_ko: str | None = _LONG_TEXT
    description_en: str | None = _LONG_TEXT
    specifications: dict[str, Any] | None = None
    building: str | None = _TEXT
    room: str | None = Field(default=None, max_length=100)
    status: EquipmentStatus | None = None
    access_policy: AccessPolicy | None = None
    service_mode: ServiceMode | None = None
    training_required: bool | None = None
    rate_internal_krw: int | None = Field(default=None, ge=0, le=100_000_000)
    rate_academic_krw: int | None = Field(default=None, ge=0, le=100_000_000)
    rate_industry_krw: int | None = Field(default=None, ge=0, le=100_000_000)
    nfec_registration: str | None = Field(default=None, max_length=40)
    rrid: str | None = Field(default=None, max_length=40)
    source_id: str | None = Field(default=None, max_length=200)
    photo_url: str | None = Field(default=None, max_length=2000)

    @field_validator("rrid")
    @classmethod
    def _rrid_shape(cls, value: str | None) -> str | None:
        if value and not _RRID_RE.match(value):
            raise ValueError("an RRID looks like RRID:SCR_012345 (leave empty when there is none)")
        return value

    @field_validator("photo_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value and not _HTTP_URL_RE.match(value):
            raise ValueError("give an http(s):// address of the photo (or leave it empty)")
        return value

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str | None) -> str | None:
        if value is not None and value not in CATEGORY_BY_CODE:
            raise ValueError(f"unknown category '{value}'")
        return value

    @field_validator("specifications")
    @classmethod
    def _small_specifications(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        if value is not None and len(str(value)) > 20_000:
            raise ValueError("specifications are limited to 20,000 characters")
        return value


class EquipmentCreate(EquipmentFields):
    institution_id: int
    category: str  # type: ignore[assignment]  # required on create


class TechnologyFields(_Input):
    kind: TechnologyKind | None = None
    title_ko: str | None = _TEXT
    title_en: str | None = _TEXT
    summary_ko: str | None = _LONG_TEXT
    summary_en: str | None = _LONG_TEXT
    trl: int | None = Field(default=None, ge=1, le=9)
    patents: list[str] | None = Field(default=None, max_length=100)
    contact_name: str | None = _TEXT
    contact_email: str | None = Field(default=None, max_length=300)
    contact_phone: str | None = Field(default=None, max_length=40)
    source_id: str | None = Field(default=None, max_length=200)

    @field_validator("contact_email")
    @classmethod
    def _email_shape(cls, value: str | None) -> str | None:
        if value and not _EMAIL_RE.match(value):
            raise ValueError(f"'{value}' is not an e-mail address")
        return value


class TechnologyCreate(TechnologyFields):
    institution_id: int
    kind: TechnologyKind  # type: ignore[assignment]
