"""Inputs of catalogue mutations. Optional fields left out are not changed (UNSET); null clears."""

from __future__ import annotations

import strawberry

from biomap.api.catalogue import enums
from biomap.api.scalars import JSON

UNSET = strawberry.UNSET


@strawberry.input
class RatesInput:
    internal_krw: int | None = UNSET
    academic_krw: int | None = UNSET
    industry_krw: int | None = UNSET


@strawberry.input
class EquipmentFieldsInput:
    name_ko: str | None = UNSET
    name_en: str | None = UNSET
    manufacturer: str | None = UNSET
    model: str | None = UNSET
    year: int | None = UNSET
    description_ko: str | None = UNSET
    description_en: str | None = UNSET
    specifications: JSON | None = UNSET
    building: str | None = UNSET
    room: str | None = UNSET
    status: enums.EquipmentStatus | None = UNSET
    access_policy: enums.AccessPolicy | None = UNSET
    service_mode: enums.ServiceMode | None = UNSET
    training_required: bool | None = UNSET
    rates: RatesInput | None = UNSET
    nfec_registration: str | None = UNSET
    rrid: str | None = UNSET
    source_id: str | None = UNSET
    photo_url: str | None = UNSET


@strawberry.input(description="A new piece of equipment of the institution you manage.")
class EquipmentCreateInput(EquipmentFieldsInput):
    category: enums.EquipmentCategory
    institution_id: strawberry.ID | None = strawberry.field(
        default=UNSET, description="Defaults to your own institution (admins must give it)."
    )


@strawberry.input(description="Changes to equipment; fields left out stay as they are.")
class EquipmentUpdateInput(EquipmentFieldsInput):
    id: strawberry.ID
    category: enums.EquipmentCategory | None = UNSET


@strawberry.input
class TechnologyFieldsInput:
    title_ko: str | None = UNSET
    title_en: str | None = UNSET
    summary_ko: str | None = UNSET
    summary_en: str | None = UNSET
    trl: int | None = UNSET
    patents: list[str] | None = UNSET
    contact_name: str | None = UNSET
    contact_email: str | None = UNSET
    contact_phone: str | None = UNSET
    source_id: str | None = UNSET


@strawberry.input
class TechnologyCreateInput(TechnologyFieldsInput):
    kind: enums.TechnologyKind
    institution_id: strawberry.ID | None = strawberry.field(
        default=UNSET, description="Defaults to your own institution (admins must give it)."
    )


@strawberry.input
class TechnologyUpdateInput(TechnologyFieldsInput):
    id: strawberry.ID
    kind: enums.TechnologyKind | None = UNSET
