"""Supplier profiles, products and certifications: only the supplier's own users edit them. Every
write is audited and rewrites the supplier's search document in the same transaction."""

from __future__ import annotations

from typing import Any

import asyncpg

from biomap.errors import DomainError, Forbidden, Invalid, NotFound, ValidationFailed
from biomap.identity import service as identity
from biomap.identity.models import Viewer
from biomap.sourcing import material_queries, supplier_queries
from biomap.sourcing.checks import (
    evidence_kind,
    fail_if_any,
    non_negative,
    not_beyond_horizon,
    seoul_today,
    spec_values,
    unit_of,
)
from biomap.sourcing.models import Certification, CertificationCreate, Product, ProductFields, SupplierProfile
from biomap.sourcing.permissions import require_supplier_user
from biomap.sourcing.units import ISO_14644
from biomap.validation import refused, validate_into

# What a supplier user does, for refusals to others ("only a supplier's own users may …")
_PROFILE = "change a supplier's profile"
_PRODUCTS = "change a supplier's products"
_CERTIFICATES = "change a supplier's certificates"

# Stored with base values (value x the unit's factor) that matching compares: a change to any of them
# recomputes the base values from all three (the minimum order is in the capacity unit).
_CAPACITY_FIELDS = ("monthly_capacity", "capacity_unit", "minimum_order")


async def update_supplier_profile(conn: asyncpg.Connection, viewer: Viewer, data: dict[str, Any]) -> int:
    supplier_id = require_supplier_user(viewer, _PROFILE)
    problems: list[DomainError] = []
    valid = validate_into(SupplierProfile, data, problems)
    values = valid.model_dump(exclude_unset=True)  # the fields given (and valid)
    values = {k: ("" if v is None and k != "reference_customers" and k != "zone" else v) for k, v in values.items()}
    if values.get("reference_customers", ()) is None:
        values["reference_customers"] = []
    exists = await supplier_queries.supplier_exists(conn, supplier_id)
    if "zone" in values and values["zone"] is None:
        problems.append(Invalid("zone cannot be cleared", field="zone"))
    if not exists and "zone" not in data:
        problems.append(Invalid("give the zone of the supplier's site to create its profile", field="zone"))
    fail_if_any(problems)
    await supplier_queries.upsert_supplier(conn, supplier_id, values)
    await identity.record_audit(conn, viewer, "supplier.update", "supplier", supplier_id, {"fields": sorted(values)})
    await _reindex_supplier(conn, supplier_id)
    return supplier_id


async def _product_values(
    conn: asyncpg.Connection, valid: ProductFields, given: set[str], problems: list[DomainError]
) -> dict[str, Any]:
    """The columns to write for the `given` input names (those validate_into refused are skipped)."""
    fields, invalid = given & valid.model_fields_set, refused(valid, given)
    values: dict[str, Any] = {}
    for name in ("name_ko", "name_en", "description"):
        if name in fields:
            values[name] = getattr(valid, name) or ""
    if "material_code" in fields and valid.material_code is not None:
        material = await material_queries.material_by_code(conn, valid.material_code)
        if material is None:
            problems.append(NotFound(f"no localisation item with code '{valid.material_code}'", field="materialCode"))
        else:
            values["material_id"] = material.id
    if "lead_time_days" in fields:
        values["lead_time_days"] = valid.lead_time_days
    if given & set(_CAPACITY_FIELDS):
        capacity, minimum = valid.monthly_capacity, valid.minimum_order
        non_negative(capacity, "monthlyCapacity", problems)
        non_negative(minimum, "minimumOrder", problems)
        unit = None if valid.capacity_unit is None else unit_of(valid.capacity_unit, "capacityUnit", problems)
        if valid.capacity_unit is None and "capacity_unit" not in invalid and (capacity, minimum) != (None, None):
            problems.append(Invalid("give the capacity unit: the monthly capacity and the minimum order are in it",
                                    field="capacityUnit", code="UNKNOWN_UNIT"))
        values.update({name: getattr(valid, name) for name in _CAPACITY_FIELDS})
        values["capacity_base"] = None if unit is None or capacity is None else capacity * unit.factor
        values["capacity_dimension"] = None if unit is None or capacity is None else unit.dimension
        values["minimum_order_base"] = None if unit is None or minimum is None else minimum * unit.factor
    if "specs" in given:  # the valid items are checked even when another one was refused
        values["specs"] = spec_values(valid.specs or [], problems)
    return values


def _require_name(valid: ProductFields, data: dict[str, Any], problems: list[DomainError],
                  current: Product | None = None) -> None:
    """A Korean or an English name, given now or kept from `current` (a refused one is reported already)."""
    names = [getattr(valid, k) if k in valid.model_fields_set else getattr(current, k, None)
             for k in ("name_ko", "name_en")]
    if not any(names) and not refused(valid, data) & {"name_ko", "name_en"}:
        problems.append(Invalid("give a Korean or an English name (nameKo or nameEn)", field="nameKo"))


async def create_product(conn: asyncpg.Connection, viewer: Viewer, data: dict[str, Any]) -> int:
    supplier_id = require_supplier_user(viewer, _PRODUCTS)
    if not await supplier_queries.supplier_exists(conn, supplier_id):
        raise ValidationFailed([Invalid("create the supplier profile first (supplierProfileUpdate with a zone)",
                                        field=None, code="NOT_FOUND")])
    problems: list[DomainError] = []
    valid = validate_into(ProductFields, data, problems)
    if data.get("material_code") is None:
        problems.append(Invalid("give the localisation item (materialCode)", field="materialCode"))
    _require_name(valid, data, problems)
    values = await _product_values(conn, valid, set(data), problems)
    fail_if_any(problems)
    specs = values.pop("specs", [])
    product_id = await supplier_queries.insert_product(conn, supplier_id, values)
    await supplier_queries.replace_specs(conn, product_id, specs)
    await identity.record_audit(conn, viewer, "product.create", "supplier_product", product_id,
                                {"fields": sorted(values)})
    await _reindex_supplier(conn, supplier_id)
    return product_id


async def _own_product(conn: asyncpg.Connection, viewer: Viewer, product_id: int) -> Product:
    supplier_id = require_supplier_user(viewer, _PRODUCTS)
    product = await supplier_queries.product_for_update(conn, product_id)
    if product is None:
        raise NotFound("no product with this id", field="id")
    if product.supplier_id != supplier_id:
        raise Forbidden("you can only change your own organisation's products")
    return product


async def update_product(conn: asyncpg.Connection, viewer: Viewer, product_id: int, data: dict[str, Any]) -> int:
    current = await _own_product(conn, viewer, product_id)
    if data.keys() & set(_CAPACITY_FIELDS):
        data = {**{name: getattr(current, name) for name in _CAPACITY_FIELDS}, **data}
    problems: list[DomainError] = []
    valid = validate_into(ProductFields, data, problems)
    if "material_code" in valid.model_fields_set and valid.material_code is None:
        problems.append(Invalid("materialCode cannot be cleared", field="materialCode"))
    _require_name(valid, data, problems, current)
    values = await _product_values(conn, valid, set(data), problems)
    fail_if_any(problems)
    specs = values.pop("specs", None)
    await supplier_queries.update_product(conn, product_id, values)
    if specs is not None:
        await supplier_queries.replace_specs(conn, product_id, specs)
    await identity.record_audit(conn, viewer, "product.update", "supplier_product", product_id,
                                {"fields": sorted(valid.model_fields_set)})
    await _reindex_supplier(conn, current.supplier_id)
    return product_id


async def retire_product(conn: asyncpg.Connection, viewer: Viewer, product_id: int) -> int:
    current = await _own_product(conn, viewer, product_id)
    await supplier_queries.retire_product(conn, product_id)
    await identity.record_audit(conn, viewer, "product.retire", "supplier_product", product_id, {})
    await _reindex_supplier(conn, current.supplier_id)
    return product_id


async def add_certification(conn: asyncpg.Connection, viewer: Viewer, data: dict[str, Any]) -> Certification:
    supplier_id = require_supplier_user(viewer, _CERTIFICATES)
    if not await supplier_queries.supplier_exists(conn, supplier_id):
        raise ValidationFailed([Invalid("create the supplier profile first", field=None, code="NOT_FOUND")])
    problems: list[DomainError] = []
    valid = validate_into(CertificationCreate, data, problems)
    invalid = refused(valid, data)  # reported already: no "missing" on top
    if valid.kind is not None:
        evidence_kind(valid.kind, "kind", problems)
    if valid.expires_on is not None:
        not_beyond_horizon(valid.expires_on, await seoul_today(conn), "expiresOn", "the expiry", problems)
        if valid.issued_on is not None and valid.issued_on > valid.expires_on:
            problems.append(Invalid("issuedOn is after expiresOn", field="issuedOn", code="RANGE_INVERTED"))
    elif "expires_on" not in invalid:
        problems.append(Invalid("give the expiry date (expiresOn): a certificate without one is not accepted",
                                field="expiresOn", code="EXPIRY_REQUIRED"))
    if valid.kind == ISO_14644 and valid.iso_class is None and "iso_class" not in invalid:
        problems.append(Invalid("give the cleanroom class (isoClass 1-9) of an ISO 14644 certificate",
                                field="isoClass"))
    elif valid.kind != ISO_14644 and valid.iso_class is not None:
        # matching reads a class on ISO 14644 certificates only: elsewhere it would be stored and shown for nothing
        problems.append(Invalid("isoClass is for ISO_14644 (cleanroom) certificates only: leave it out",
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
    supplier_id = require_supplier_user(viewer, _CERTIFICATES)
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
