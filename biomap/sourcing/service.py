"""Sourcing rules: who edits supplier profiles, demands and their validation, matching, the
qualification pipeline (state machine with conditional updates) and the localisation status.

Services take a connection inside the caller's transaction and never commit. Every write leaves an
audit row in the same transaction; pipeline moves also leave a pipeline_event (the stage history).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import asyncpg

from biomap.errors import Conflict, DomainError, Forbidden, Invalid, NotFound, Unauthenticated, ValidationFailed
from biomap.identity import service as identity
from biomap.identity.models import Role, Viewer
from biomap.sourcing import (
    demand_queries,
    match_queries,
    material_queries,
    pipeline_queries,
    supplier_queries,
)
from biomap.sourcing.matching import MatchFacts
from biomap.sourcing.models import (
    CertificationCreate,
    Certification,
    Demand,
    DemandCreate,
    DemandStatus,
    DemandVisibility,
    LocalisationStatus,
    Pipeline,
    PipelineMove,
    PipelineStage,
    Product,
    ProductFields,
    QuoteInput,
    SupplierProfile,
)
from biomap.sourcing.units import EVIDENCE_KINDS, UNITS
from biomap.validation import validate

# Stage moves: (from, to) -> the party that may make it.
SUPPLIER, MANUFACTURER = "SUPPLIER", "MANUFACTURER"
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


# ---- permissions ---------------------------------------------------------------------------------


def _signed_in(viewer: Viewer, what: str) -> None:
    if not viewer.is_authenticated:
        raise Unauthenticated(f"sign in with an API token to {what}")


def require_supplier_user(viewer: Viewer) -> int:
    """The organisation a supplier user acts for. Nobody else edits a supplier's profile."""
    _signed_in(viewer, "change a supplier profile")
    if viewer.role is not Role.SUPPLIER or viewer.organisation_id is None:
        raise Forbidden("only the supplier's own users (role SUPPLIER) change its profile, products and certificates")
    return viewer.organisation_id


def require_manufacturer(viewer: Viewer) -> int:
    _signed_in(viewer, "post demands")
    if viewer.role is not Role.MANUFACTURER or viewer.organisation_id is None:
        raise Forbidden("only manufacturers (role MANUFACTURER) post and manage demands")
    return viewer.organisation_id


def require_city(viewer: Viewer) -> None:
    _signed_in(viewer, "see localisation progress")
    if viewer.role not in (Role.CITY_OFFICER, Role.ADMIN):
        raise Forbidden("localisation progress is for the city team (CITY_OFFICER) and admins")


def sees_all_sourcing(viewer: Viewer) -> bool:
    return viewer.role in (Role.CITY_OFFICER, Role.ADMIN)


def can_see_demand(viewer: Viewer, demand: Demand, invited: bool) -> bool:
    if sees_all_sourcing(viewer):
        return True
    if viewer.role is Role.MANUFACTURER and viewer.belongs_to(demand.manufacturer_id):
        return True
    if viewer.role is Role.SUPPLIER and viewer.organisation_id is not None:
        return demand.visibility is DemandVisibility.ALL_SUPPLIERS or invited
    return False


def owns_demand(viewer: Viewer, demand: Demand) -> bool:
    return viewer.role is Role.MANUFACTURER and viewer.belongs_to(demand.manufacturer_id)


def party_of(viewer: Viewer, pipeline: Pipeline, demand: Demand) -> str | None:
    if viewer.role is Role.SUPPLIER and viewer.belongs_to(pipeline.supplier_id):
        return SUPPLIER
    if owns_demand(viewer, demand):
        return MANUFACTURER
    return None


def can_see_pipeline(viewer: Viewer, pipeline: Pipeline, demand: Demand) -> bool:
    return sees_all_sourcing(viewer) or party_of(viewer, pipeline, demand) is not None


# ---- validation helpers (each problem with its own code and field) --------------------------------


def _unit(code: str, field: str, problems: list[DomainError]) -> Any:
    found = UNITS.get(code)
    if found is None:
        problems.append(Invalid(f"unknown unit '{code}': use one of {', '.join(sorted(UNITS))}", field=field,
                                code="UNKNOWN_UNIT"))
    return found


def _non_negative(value: float | None, field: str, problems: list[DomainError]) -> None:
    if value is not None and value < 0:
        problems.append(Invalid("must be 0 or more", field=field, code="NEGATIVE_VALUE"))


def _evidence_kind(kind: str, field: str, problems: list[DomainError]) -> None:
    if kind not in EVIDENCE_KINDS:
        problems.append(Invalid(f"unknown certification/evidence '{kind}': use one of {', '.join(EVIDENCE_KINDS)}",
                                field=field, code="UNKNOWN_EVIDENCE"))


def _spec_values(specs: list[Any], problems: list[DomainError]) -> list[dict[str, Any]]:
    out, seen = [], set()
    for i, s in enumerate(specs):
        u = _unit(s.unit, f"specs.{i}.unit", problems)
        if s.key in seen:
            problems.append(Invalid(f"specification '{s.key}' is given twice", field=f"specs.{i}.key"))
        seen.add(s.key)
        if u is not None:
            out.append({"key": s.key, "value": s.value, "unit": s.unit, "value_base": s.value * u.factor,
                        "dimension": u.dimension})
    return out


def _fail(problems: list[DomainError]) -> None:
    if problems:
        raise ValidationFailed(problems)


async def _today(conn: asyncpg.Connection) -> dt.date:
    return await supplier_queries.seoul_today(conn)


# ---- supplier profile, products, certifications --------------------------------------------------


async def update_supplier_profile(conn: asyncpg.Connection, viewer: Viewer, data: dict[str, Any]) -> int:
    supplier_id = require_supplier_user(viewer)
    valid = validate(SupplierProfile, data)
    values = valid.model_dump(exclude_unset=True)
    values = {k: ("" if v is None and k != "reference_customers" and k != "zone" else v) for k, v in values.items()}
    if values.get("reference_customers", ()) is None:
        values["reference_customers"] = []
    exists = await supplier_queries.supplier_exists(conn, supplier_id)
    if "zone" in values and values["zone"] is None:
        raise ValidationFailed([Invalid("zone cannot be cleared", field="zone")])
    if not exists and "zone" not in values:
        raise ValidationFailed([Invalid("give the zone of the supplier's site to create its profile", field="zone")])
    await supplier_queries.upsert_supplier(conn, supplier_id, values)
    await identity.record_audit(conn, viewer, "supplier.update", "supplier", supplier_id, {"fields": sorted(values)})
    await _reindex_supplier(conn, supplier_id)
    return supplier_id


async def _product_values(conn: asyncpg.Connection, valid: ProductFields, fields: set[str]) -> dict[str, Any]:
    problems: list[DomainError] = []
    values: dict[str, Any] = {}
    for name in ("name_ko", "name_en", "description"):
        if name in fields:
            values[name] = getattr(valid, name) or ""
    if "material_code" in fields:
        material = await material_queries.material_by_code(conn, valid.material_code or "")
        if material is None:
            problems.append(NotFound(f"no localisation item with code '{valid.material_code}'", field="materialCode"))
        else:
            values["material_id"] = material.id
    if "lead_time_days" in fields:
        values["lead_time_days"] = valid.lead_time_days
    if "monthly_capacity" in fields or "capacity_unit" in fields:
        _non_negative(valid.monthly_capacity, "monthlyCapacity", problems)
        values["monthly_capacity"], values["capacity_unit"] = valid.monthly_capacity, valid.capacity_unit
        values["capacity_base"] = values["capacity_dimension"] = None
        if valid.monthly_capacity is not None:
            if valid.capacity_unit is None:
                problems.append(Invalid("give the unit of the monthly capacity", field="capacityUnit",
                                        code="UNKNOWN_UNIT"))
            elif (u := _unit(valid.capacity_unit, "capacityUnit", problems)) is not None:
                values["capacity_base"] = valid.monthly_capacity * u.factor
                values["capacity_dimension"] = u.dimension
    if "minimum_order" in fields:
        _non_negative(valid.minimum_order, "minimumOrder", problems)
        values["minimum_order"] = valid.minimum_order
        unit = UNITS.get(valid.capacity_unit or "")
        values["minimum_order_base"] = (valid.minimum_order * unit.factor
                                        if unit is not None and valid.minimum_order is not None else None)
    if "specs" in fields:
        values["specs"] = _spec_values(valid.specs or [], problems)
    _fail(problems)
    return values


async def create_product(conn: asyncpg.Connection, viewer: Viewer, data: dict[str, Any]) -> int:
    supplier_id = require_supplier_user(viewer)
    if not await supplier_queries.supplier_exists(conn, supplier_id):
        raise ValidationFailed([Invalid("create the supplier profile first (supplierProfileUpdate with a zone)",
                                        field=None, code="NOT_FOUND")])
    valid = validate(ProductFields, data)
    if valid.material_code is None:
        raise ValidationFailed([Invalid("give the localisation item (materialCode)", field="materialCode")])
    if not (valid.name_ko or valid.name_en):
        raise ValidationFailed([Invalid("give a Korean or an English name (nameKo or nameEn)", field="nameKo")])
    values = await _product_values(conn, valid, set(valid.model_fields_set) | {"material_code"})
    specs = values.pop("specs", [])
    product_id = await supplier_queries.insert_product(conn, supplier_id, values)
    await supplier_queries.replace_specs(conn, product_id, specs)
    await identity.record_audit(conn, viewer, "product.create", "supplier_product", product_id,
                                {"fields": sorted(values)})
    await _reindex_supplier(conn, supplier_id)
    return product_id


async def _own_product(conn: asyncpg.Connection, viewer: Viewer, product_id: int) -> Product:
    supplier_id = require_supplier_user(viewer)
    product = await supplier_queries.product_for_update(conn, product_id)
    if product is None:
        raise NotFound("no product with this id", field="id")
    if product.supplier_id != supplier_id:
        raise Forbidden("you can only change your own organisation's products")
    return product


async def update_product(conn: asyncpg.Connection, viewer: Viewer, product_id: int, data: dict[str, Any]) -> int:
    current = await _own_product(conn, viewer, product_id)
    valid = validate(ProductFields, data)
    fields = set(valid.model_fields_set)
    if "material_code" in fields and valid.material_code is None:
        raise ValidationFailed([Invalid("materialCode cannot be cleared", field="materialCode")])
    if ("monthly_capacity" in fields) != ("capacity_unit" in fields) or (
            "minimum_order" in fields and "capacity_unit" not in fields):
        # keep the other half of the pair as it is (the minimum order is in the capacity unit)
        data = {"monthly_capacity": current.monthly_capacity, "capacity_unit": current.capacity_unit, **data}
        valid = validate(ProductFields, data)
        fields = set(valid.model_fields_set)
    names = {"name_ko": current.name_ko, "name_en": current.name_en,
             **{k: getattr(valid, k) for k in ("name_ko", "name_en") if k in fields}}
    if not (names["name_ko"] or names["name_en"]):
        raise ValidationFailed([Invalid("give a Korean or an English name (nameKo or nameEn)", field="nameKo")])
    values = await _product_values(conn, valid, fields)
    specs = values.pop("specs", None)
    await supplier_queries.update_product(conn, product_id, values)
    if specs is not None:
        await supplier_queries.replace_specs(conn, product_id, specs)
    await identity.record_audit(conn, viewer, "product.update", "supplier_product", product_id,
                                {"fields": sorted(fields)})
    await _reindex_supplier(conn, current.supplier_id)
    return product_id


async def retire_product(conn: asyncpg.Connection, viewer: Viewer, product_id: int) -> int:
    current = await _own_product(conn, viewer, product_id)
    await supplier_queries.retire_product(conn, product_id)
    await identity.record_audit(conn, viewer, "product.retire", "supplier_product", product_id, {})
    await _reindex_supplier(conn, current.supplier_id)
    return product_id


async def add_certification(conn: asyncpg.Connection, viewer: Viewer, data: dict[str, Any]) -> Certification:
    supplier_id = require_supplier_user(viewer)
    if not await supplier_queries.supplier_exists(conn, supplier_id):
        raise ValidationFailed([Invalid("create the supplier profile first", field=None, code="NOT_FOUND")])
    valid = validate(CertificationCreate, data)
    problems: list[DomainError] = []
    _evidence_kind(valid.kind, "kind", problems)
    if valid.expires_on is None:
        problems.append(Invalid("give the expiry date (expiresOn): a certificate without one is not accepted",
                                field="expiresOn", code="EXPIRY_REQUIRED"))
    elif valid.issued_on is not None and valid.issued_on > valid.expires_on:
        problems.append(Invalid("issuedOn is after expiresOn", field="issuedOn", code="RANGE_INVERTED"))
    if valid.kind == "ISO_14644" and valid.iso_class is None:
        problems.append(Invalid("give the cleanroom class (isoClass 1-9) of an ISO 14644 certificate",
                                field="isoClass"))
    if valid.product_id is not None:
        product = await supplier_queries.product_for_update(conn, valid.product_id)
        if product is None or product.supplier_id != supplier_id:
            problems.append(NotFound("no product of yours with this id", field="productId"))
    _fail(problems)
    cert = await supplier_queries.insert_certification(conn, supplier_id, valid.model_dump())
    await identity.record_audit(conn, viewer, "certification.add", "supplier_certification", cert.id,
                                {"kind": cert.kind, "expires_on": cert.expires_on.isoformat()})
    await _reindex_supplier(conn, supplier_id)
    return cert


async def remove_certification(conn: asyncpg.Connection, viewer: Viewer, certification_id: int) -> Certification:
    supplier_id = require_supplier_user(viewer)
    cert = await supplier_queries.certification_by_id(conn, certification_id)
    if cert is None:
        raise NotFound("no certification with this id", field="id")
    if cert.supplier_id != supplier_id:
        raise Forbidden("you can only change your own organisation's certificates")
    await supplier_queries.delete_certification(conn, certification_id)
    await identity.record_audit(conn, viewer, "certification.remove", "supplier_certification", cert.id,
                                {"kind": cert.kind})
    await _reindex_supplier(conn, supplier_id)
    return cert


async def _reindex_supplier(conn: asyncpg.Connection, supplier_id: int) -> None:
    """The PostgreSQL search document now, Meilisearch through the outbox (same transaction)."""
    from biomap.outbox import queries as outbox
    from biomap.sourcing.search_documents import refresh_supplier_search

    await refresh_supplier_search(conn, [supplier_id])
    await outbox.enqueue(conn, "catalogue.changed", {"entity": "supplier", "id": supplier_id, "action": "update"})


# ---- demands -------------------------------------------------------------------------------------


async def create_demand(
    conn: asyncpg.Connection, viewer: Viewer, data: dict[str, Any], *, source_id: str | None = None,
    manufacturer_id: int | None = None, check_deadline: bool = True,
) -> int:
    """A manufacturer posts a need. `manufacturer_id`/`source_id` are for the seed loader only."""
    if manufacturer_id is None:
        manufacturer_id = require_manufacturer(viewer)
    valid = validate(DemandCreate, data)
    problems: list[DomainError] = []
    material = await material_queries.material_by_code(conn, valid.material_code)
    if material is None:
        problems.append(NotFound(f"no localisation item with code '{valid.material_code}'", field="materialCode"))
    if valid.volume_per_month < 0:
        problems.append(Invalid("the volume per month must be 0 or more", field="volumePerMonth",
                                code="NEGATIVE_VALUE"))
    volume_unit = _unit(valid.volume_unit, "volumeUnit", problems)
    if check_deadline and valid.deadline < await _today(conn):
        problems.append(Invalid("the deadline is in the past (Asia/Seoul date): give a future date",
                                field="deadline", code="DEADLINE_PAST"))
    specs, seen = [], set()
    for i, s in enumerate(valid.specs):
        u = _unit(s.unit, f"specs.{i}.unit", problems)
        if s.min is None and s.max is None:
            problems.append(Invalid("give min, max or both", field=f"specs.{i}.min"))
        elif s.min is not None and s.max is not None and s.min > s.max:
            problems.append(Invalid(f"min {s.min} is greater than max {s.max}", field=f"specs.{i}.min",
                                    code="RANGE_INVERTED"))
        if s.key in seen:
            problems.append(Invalid(f"specification '{s.key}' is given twice", field=f"specs.{i}.key"))
        seen.add(s.key)
        if u is not None:
            specs.append({"key": s.key, "min": s.min, "max": s.max, "unit": s.unit, "hard": s.hard,
                          "min_base": None if s.min is None else s.min * u.factor,
                          "max_base": None if s.max is None else s.max * u.factor, "dimension": u.dimension})
    reqs, seen = [], set()
    for i, q in enumerate(valid.requirements):
        _evidence_kind(q.kind, f"requirements.{i}.kind", problems)
        if q.kind in seen:
            problems.append(Invalid(f"'{q.kind}' is required twice", field=f"requirements.{i}.kind"))
        seen.add(q.kind)
        reqs.append(q.model_dump())
    _fail(problems)
    assert material is not None and volume_unit is not None
    demand_id = await demand_queries.insert_demand(conn, {
        "manufacturer_id": manufacturer_id, "material_id": material.id, "title": valid.title,
        "description": valid.description, "volume_per_month": valid.volume_per_month,
        "volume_unit": valid.volume_unit, "volume_base": valid.volume_per_month * volume_unit.factor,
        "volume_dimension": volume_unit.dimension, "deadline": valid.deadline,
        "visibility": valid.visibility.value, "source_id": source_id, "created_by": viewer.user_id,
    })
    await demand_queries.replace_specs(conn, demand_id, specs)
    await demand_queries.replace_requirements(conn, demand_id, reqs)
    await identity.record_audit(conn, viewer, "demand.create", "demand", demand_id,
                                {"material": material.code, "visibility": valid.visibility.value})
    return demand_id


async def close_demand(conn: asyncpg.Connection, viewer: Viewer, demand_id: int, status: DemandStatus) -> int:
    require_manufacturer(viewer)
    demand = await demand_queries.demand_for_update(conn, demand_id)
    if demand is None:
        raise NotFound("no demand with this id", field="id")
    if not owns_demand(viewer, demand):
        raise Forbidden("only the manufacturer that posted the demand closes it")
    if status is DemandStatus.OPEN:
        raise ValidationFailed([Invalid("close with CLOSED (fulfilled) or CANCELLED", field="status")])
    if not await demand_queries.set_status(conn, demand_id, status.value):
        raise ValidationFailed([Conflict(f"the demand is already {demand.status.value}", field="id")])
    await identity.record_audit(conn, viewer, "demand.close", "demand", demand_id,
                                {"from": demand.status.value, "to": status.value})
    return demand_id


async def visible_demand(conn: asyncpg.Connection, viewer: Viewer, demand_id: int) -> Demand | None:
    found = await demand_queries.demands_by_ids(conn, [demand_id])
    if not found:
        return None
    demand = found[0]
    invited = False
    if viewer.role is Role.SUPPLIER and viewer.organisation_id is not None:
        invited = await demand_queries.supplier_invited(conn, demand_id, viewer.organisation_id)
    return demand if can_see_demand(viewer, demand, invited) else None


async def list_demands(
    conn: asyncpg.Connection, viewer: Viewer, statuses: list[str] | None, after_id: int, limit: int
) -> tuple[list[Demand], tuple[int | None, int | None]]:
    """The demands the viewer may see: its own (manufacturer), visible ones (supplier), all (city)."""
    _signed_in(viewer, "see demands")
    if sees_all_sourcing(viewer):
        scope: tuple[int | None, int | None] = (None, None)
    elif viewer.role is Role.MANUFACTURER and viewer.organisation_id is not None:
        scope = (viewer.organisation_id, None)
    elif viewer.role is Role.SUPPLIER and viewer.organisation_id is not None:
        scope = (None, viewer.organisation_id)
    else:
        raise Forbidden("demands are for manufacturers, suppliers and the city team")
    return await demand_queries.list_demands(conn, *scope, statuses, after_id, limit), scope


# ---- matching ------------------------------------------------------------------------------------


async def match_suppliers(
    conn: asyncpg.Connection, viewer: Viewer, demand_id: int, limit: int
) -> list[tuple[MatchFacts, Any, Any]]:
    """The ranking, each match with its supplier and product records (one statement for all)."""
    _signed_in(viewer, "match suppliers")
    found = await demand_queries.demands_by_ids(conn, [demand_id])
    if not found:
        raise NotFound("no demand with this id", field="demandId")
    if not (owns_demand(viewer, found[0]) or sees_all_sourcing(viewer)):
        raise Forbidden("only the manufacturer that posted the demand (and the city team) sees its matches")
    return await match_queries.suppliers_for_demand_with_records(conn, demand_id, limit)


async def matching_demands(conn: asyncpg.Connection, viewer: Viewer, limit: int) -> list[MatchFacts]:
    supplier_id = require_supplier_user(viewer)
    return await match_queries.demands_for_supplier(conn, supplier_id, limit)


# ---- qualification pipeline ----------------------------------------------------------------------


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
    require_manufacturer(viewer)
    demand = await demand_queries.demand_for_update(conn, demand_id)
    if demand is None:
        raise NotFound("no demand with this id", field="demandId")
    if not owns_demand(viewer, demand):
        raise Forbidden("only the manufacturer that posted the demand invites suppliers to it")
    if demand.status is not DemandStatus.OPEN:
        raise ValidationFailed([Invalid(f"the demand is {demand.status.value}: invite on an open demand",
                                        field="demandId", code="DEMAND_CLOSED")])
    if not await supplier_queries.supplier_exists(conn, supplier_id):
        raise NotFound("no supplier with this id", field="supplierId")
    valid = validate(PipelineMove, {"note": note, "evidence": evidence or []})
    if not await match_queries.suppliers_for_demand(conn, demand_id, 1, supplier_id=supplier_id):
        raise ValidationFailed([Invalid("this supplier does not meet the demand's hard requirements "
                                        "(see matchSuppliers)", field="supplierId", code="NOT_MATCHED")])
    pipeline = await pipeline_queries.insert_pipeline(conn, demand_id, supplier_id)
    if pipeline is None:
        raise ValidationFailed([Conflict("this supplier is already invited to this demand", field="supplierId")])
    await _record_move(conn, viewer, pipeline, demand, None, valid.note, valid.evidence)
    return pipeline


async def _pipeline_for_move(
    conn: asyncpg.Connection, viewer: Viewer, pipeline_id: int
) -> tuple[Pipeline, Demand, str]:
    _signed_in(viewer, "move a qualification pipeline")
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


def _check_transition(current: PipelineStage, expected: PipelineStage, to: PipelineStage, party: str) -> None:
    allowed = TRANSITIONS.get((expected, to))
    if allowed is None:
        nexts = sorted(t.value for (f, t) in TRANSITIONS if f == expected)
        raise ValidationFailed([Invalid(
            f"{expected.value} → {to.value} is out of order; from {expected.value} the next stages are "
            f"{', '.join(nexts) or 'none (final)'}", field="toStage", code="OUT_OF_ORDER")])
    if allowed != party:
        raise Forbidden(f"{expected.value} → {to.value} is the {allowed.lower()}'s move")
    if current != expected:
        raise ValidationFailed([Conflict(f"the pair is at {current.value} now, not {expected.value}: reload it",
                                         field="fromStage")])


async def move_pipeline(
    conn: asyncpg.Connection, viewer: Viewer, pipeline_id: int, to: PipelineStage,
    expected: PipelineStage | None = None, note: str = "", evidence: list[str] | None = None,
) -> Pipeline:
    pipeline, demand, party = await _pipeline_for_move(conn, viewer, pipeline_id)
    if to is PipelineStage.QUOTED:
        raise ValidationFailed([Invalid("a supplier quotes with pipelineQuote (price, currency, lead time)",
                                        field="toStage", code="OUT_OF_ORDER")])
    expected = expected or pipeline.stage
    _check_transition(pipeline.stage, expected, to, party)
    valid = validate(PipelineMove, {"note": note, "evidence": evidence or []})
    moved = await pipeline_queries.move(conn, pipeline_id, expected.value, to.value)
    if moved is None:  # moved by someone else since we read it
        raise ValidationFailed([Conflict("the pair moved meanwhile: reload it", field="fromStage")])
    await _record_move(conn, viewer, moved, demand, expected, valid.note, valid.evidence)
    return moved


async def quote(conn: asyncpg.Connection, viewer: Viewer, pipeline_id: int, data: dict[str, Any]) -> Pipeline:
    pipeline, demand, party = await _pipeline_for_move(conn, viewer, pipeline_id)
    _check_transition(pipeline.stage, PipelineStage.INVITED, PipelineStage.QUOTED, party)
    valid = validate(QuoteInput, data)
    q = {"price": valid.price, "currency": valid.currency, "lead_time_days": valid.lead_time_days,
         "sample_offered": valid.sample_offered}
    moved = await pipeline_queries.move(conn, pipeline_id, PipelineStage.INVITED.value, PipelineStage.QUOTED.value, q)
    if moved is None:
        raise ValidationFailed([Conflict("the pair moved meanwhile: reload it", field="pipelineId")])
    await _record_move(conn, viewer, moved, demand, PipelineStage.INVITED, valid.note, valid.evidence,
                       {"price": str(valid.price), "currency": valid.currency,
                        "lead_time_days": valid.lead_time_days, "sample_offered": valid.sample_offered})
    return moved


# ---- localisation progress (city team) -----------------------------------------------------------


async def localisation_progress(conn: asyncpg.Connection, viewer: Viewer) -> tuple[list[Any], list[Any]]:
    from biomap.sourcing import progress_queries

    require_city(viewer)
    return await progress_queries.item_progress(conn), await progress_queries.zone_progress(conn)
