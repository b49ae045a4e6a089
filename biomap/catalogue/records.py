"""Mapping database rows to catalogue records, shared by the per-entity query modules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import asyncpg

from biomap.catalogue.models import (
    AccessPolicy,
    Equipment,
    EquipmentStatus,
    Institution,
    InstitutionKind,
    ServiceMode,
    Technology,
    TechnologyKind,
    Trainee,
    TraineeVisibility,
    Zone,
)


def institution(r: asyncpg.Record) -> Institution:
    return Institution(
        r["id"], r["code"], r["name_ko"], r["name_en"], InstitutionKind(r["kind"]), Zone(r["zone"]),
        r["address"], r["latitude"], r["longitude"], r["website"], r["description"], list(r["sources"]),
    )


def equipment(r: asyncpg.Record) -> Equipment:
    return Equipment(
        r["id"], r["institution_id"], r["name_ko"], r["name_en"], r["category"], r["manufacturer"],
        r["model"], r["year"], r["description_ko"], r["description_en"], r["specifications"],
        r["building"], r["room"], EquipmentStatus(r["status"]), AccessPolicy(r["access_policy"]),
        ServiceMode(r["service_mode"]), r["training_required"], r["rate_internal_krw"],
        r["rate_academic_krw"], r["rate_industry_krw"], r["nfec_registration"], r["rrid"],
        r["source_id"], r["photo_url"], r["updated_at"],
    )


def technology(r: asyncpg.Record) -> Technology:
    return Technology(
        r["id"], r["institution_id"], TechnologyKind(r["kind"]), r["title_ko"], r["title_en"],
        r["summary_ko"], r["summary_en"], r["trl"], list(r["patents"]), r["contact_name"],
        r["contact_email"], r["contact_phone"], r["retired_at"] is not None,
    )


def trainee(r: asyncpg.Record) -> Trainee:
    return Trainee(
        r["id"], r["institution_id"], r["display_name"], r["course"], r["completed_on"],
        list(r["skills"]), list(r["certificates"]), r["desired_role"], r["available_from"],
        TraineeVisibility(r["visibility"]),
    )


def enum_values(items: Sequence[Any] | None) -> list[Any] | None:
    """Enum members as their values, for array parameters (None stays None: no filter)."""
    return None if items is None else [getattr(i, "value", i) for i in items]


def plain_values(values: dict[str, Any], writable: tuple[str, ...], *, skip_none: bool) -> dict[str, Any]:
    """Keep only known writable columns (the only names ever interpolated into SQL), enums as values."""
    return {
        k: getattr(v, "value", v)
        for k, v in values.items()
        if k in writable and not (skip_none and v is None)
    }
