"""Supplier profiles, products and certifications: only the supplier's own users edit them. Every
write is audited and rewrites the supplier's search document in the same transaction."""

from __future__ import annotations

from typing import Any

import asyncpg

from biomap.errors import DomainError, Forbidden, Invalid, NotFound, ValidationFailed
from biomap.identity import service as identity
from biomap.identity.models import Viewer
from biomap.sourcing import material_queries, supplier_queries
from biomap.sourcing.checks import evidence_kind, fail_if_any, non_negative, spec_values, unit_of
from biomap.sourcing.models import Certification, CertificationCreate, Product, ProductFields, SupplierProfile
from biomap.sourcing.permissions import require_supplier_user
from biomap.sourcing.units import UNITS
from biomap.validation import validate


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
        non_negative(valid.monthly_capacity, "monthlyCapacity", problems)
        values["monthly_capacity"], values["capacity_unit"] = valid.monthly_capacity, valid.capacity_unit
        values["capacity_base"] = values["capacity_dimension"] = None
        if valid.monthly_capacity is not None:
            if valid.capacity_unit is None:
                problems.append(Invalid("give the unit of the monthly capacity", field="capacityUnit",
                                        code="UNKNOWN_UNIT"))
            elif (u := unit_of(valid.capacity_unit, "capacityUnit", problems)) is not None:
                values["capacity_base"] = valid.monthly_capacity * u.factor
                values["capacity_dimension"] = u.dimension
    if "minimum_order" in fields:
        non_negative(valid.minimum_order, "minimumOrder", problems)
        values["minimum_order"] = valid.minimum_order
        unit = UNITS.get(valid.capacity_unit or "")
        values["minimum_order_base"] = (valid.minimum_order * unit.factor
                                        if unit is not None and valid.minimum_order is not None else None)
    if "specs" in fields:
        values["specs"] = spec_values(valid.specs or [], problems)
    fail_if_any(problems)
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
    evidence_kind(valid.kind, "kind", problems)
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
    fail_if_any(problems)
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
