"""Mapping database rows to sourcing records, shared by the query modules."""

from __future__ import annotations

import asyncpg

from biomap.catalogue.models import Zone
from biomap.sourcing.models import (
    Certification,
    Demand,
    DemandStatus,
    DemandVisibility,
    EvidenceRequirement,
    LocalisationStatus,
    Material,
    Pipeline,
    PipelineEvent,
    PipelineStage,
    Product,
    SpecRequirement,
    SpecValue,
    StatusChange,
    Supplier,
)


def material(r: asyncpg.Record) -> Material:
    return Material(
        r["id"], r["code"], r["name_ko"], r["name_en"], r["category"], list(r["typical_specs"]),
        list(r["required_evidence"]), r["annual_import_krw"], r["import_value_estimated"],
        LocalisationStatus(r["status"]), r["status_changed_at"], list(r["sources"]), r["source_note"],
    )


def status_change(r: asyncpg.Record) -> StatusChange:
    return StatusChange(
        r["material_id"], LocalisationStatus(r["from_status"]) if r["from_status"] else None,
        LocalisationStatus(r["to_status"]), r["at"], r["pipeline_id"], r["reason"],
    )


def supplier(r: asyncpg.Record) -> Supplier:
    return Supplier(
        r["id"], r["code"], r["name_ko"], r["name_en"], Zone(r["zone"]), r["address"], r["website"],
        r["description"], list(r["reference_customers"]), list(r["sources"]), r["synthetic"],
    )


def product(r: asyncpg.Record) -> Product:
    specs = [SpecValue(s["key"], s["value"], s["unit"]) for s in (r["specs"] or [])]
    return Product(
        r["id"], r["supplier_id"], r["material_id"], r["name_ko"], r["name_en"], r["description"],
        r["monthly_capacity"], r["capacity_unit"], r["lead_time_days"], r["minimum_order"], specs,
        r["retired_at"] is not None,
    )


def certification(r: asyncpg.Record) -> Certification:
    return Certification(
        r["id"], r["supplier_id"], r["product_id"], r["kind"], r["iso_class"], r["reference"], r["issued_on"],
        r["expires_on"], r["illustrative"],
    )


def demand(r: asyncpg.Record) -> Demand:
    specs = [SpecRequirement(s["key"], s["min_value"], s["max_value"], s["unit"], s["hard"]) for s in (r["specs"] or [])]
    reqs = [EvidenceRequirement(q["kind"], q["max_iso_class"], q["hard"]) for q in (r["requirements"] or [])]
    return Demand(
        r["id"], r["manufacturer_id"], r["material_id"], r["title"], r["description"], r["volume_per_month"],
        r["volume_unit"], r["deadline"], DemandVisibility(r["visibility"]), DemandStatus(r["status"]),
        r["created_at"], specs, reqs,
    )


def pipeline(r: asyncpg.Record) -> Pipeline:
    return Pipeline(
        r["id"], r["demand_id"], r["supplier_id"], PipelineStage(r["stage"]), r["quote_price"], r["quote_currency"],
        r["quote_lead_time_days"], r["sample_offered"], r["created_at"], r["stage_changed_at"],
    )


def pipeline_event(r: asyncpg.Record) -> PipelineEvent:
    return PipelineEvent(
        r["id"], r["pipeline_id"], PipelineStage(r["from_stage"]) if r["from_stage"] else None,
        PipelineStage(r["to_stage"]), r["actor_id"], r["at"], r["note"], list(r["evidence"]),
    )
