"""Catalogue rules: who sees which equipment, and writes by institution managers.

Services take a connection inside the caller's transaction and never commit. Every write leaves
an audit row and an outbox event ("catalogue.changed") in the same transaction, so search indexes
and other consumers converge on exactly what was committed.
"""

from __future__ import annotations

from typing import Any

import asyncpg

from biomap.catalogue import equipment_queries, institution_queries, technology_queries
from biomap.catalogue.models import (
    Equipment,
    EquipmentCreate,
    EquipmentFields,
    EquipmentFilter,
    EquipmentStatus,
    Technology,
    TechnologyCreate,
    TechnologyFields,
)
from biomap.catalogue.search_documents import refresh_search
from biomap.catalogue.visibility import equipment_scope
from biomap.errors import (
    Forbidden,
    Invalid,
    NotFound,
    Unauthenticated,
    ValidationFailed,
)
from biomap.identity import service as identity
from biomap.identity.models import Viewer
from biomap.outbox import queries as outbox
from biomap.validation import camel, validate

# ---- shared write helpers ------------------------------------------------------------------------


def require_manager(viewer: Viewer, institution_id: int) -> None:
    if not viewer.is_authenticated:
        raise Unauthenticated("sign in with an API token to change the catalogue")
    if not viewer.manages(institution_id):
        raise Forbidden("you can only change records of the institution you manage")


async def _record_change(
    conn: asyncpg.Connection, viewer: Viewer, action: str, entity: str, entity_id: int, detail: dict[str, Any]
) -> None:
    """Audit, search index and outbox, all in the caller's transaction: they exist iff the change does."""
    await identity.record_audit(conn, viewer, action, entity, entity_id, detail)
    await refresh_search(conn, entity, [entity_id])
    await outbox.enqueue(conn, "catalogue.changed", {"entity": entity, "id": entity_id, "action": action})


def _require_name(values: dict[str, Any], ko: str, en: str) -> None:
    if not (values.get(ko) or values.get(en)):
        field = camel(ko)
        raise ValidationFailed([Invalid(f"give a Korean or an English value ({field} or {camel(en)})", field=field)])


# ---- equipment -----------------------------------------------------------------------------------


async def list_equipment(
    conn: asyncpg.Connection, viewer: Viewer, filt: EquipmentFilter, after_id: int, limit: int
) -> list[Equipment]:
    return await equipment_queries.list_equipment(conn, filt, equipment_scope(viewer), after_id, limit)


async def count_equipment(conn: asyncpg.Connection, viewer: Viewer, filt: EquipmentFilter) -> int:
    return await equipment_queries.count_equipment(conn, filt, equipment_scope(viewer))


async def target_institution(conn: asyncpg.Connection, viewer: Viewer, given: int | None) -> int:
    """The institution a new record goes to: the one given (checked), else the viewer's own."""
    if not viewer.is_authenticated:
        raise Unauthenticated("sign in with an API token to change the catalogue")
    institution_id = viewer.organisation_id if given is None else given
    if institution_id is None:
        raise ValidationFailed([Invalid("give the institution (institutionId)", field="institutionId")])
    require_manager(viewer, institution_id)  # before the existence check: no probing of other ids
    if not await institution_queries.institution_exists(conn, institution_id):
        raise NotFound("no institution with this id", field="institutionId")
    return institution_id


async def create_equipment(conn: asyncpg.Connection, viewer: Viewer, data: dict[str, Any]) -> Equipment:
    institution_id = await target_institution(conn, viewer, data.get("institution_id"))
    valid = validate(EquipmentCreate, {**data, "institution_id": institution_id})
    values = valid.model_dump(exclude={"institution_id"}, exclude_none=True)
    _require_name(values, "name_ko", "name_en")
    try:
        equipment = await equipment_queries.insert_equipment(conn, valid.institution_id, values)
    except asyncpg.UniqueViolationError:
        raise Invalid(f"sourceId '{valid.source_id}' is already used in this institution", field="sourceId") from None
    await _record_change(conn, viewer, "create", "equipment", equipment.id, {"fields": sorted(values)})
    return equipment


async def _equipment_to_change(conn: asyncpg.Connection, viewer: Viewer, equipment_id: int) -> Equipment:
    if not viewer.is_authenticated:
        raise Unauthenticated("sign in with an API token to change the catalogue")
    current = await equipment_queries.equipment_for_update(conn, equipment_id)
    if current is None:
        raise NotFound("no equipment with this id", field="id")
    require_manager(viewer, current.institution_id)
    return current


async def update_equipment(
    conn: asyncpg.Connection, viewer: Viewer, equipment_id: int, data: dict[str, Any]
) -> Equipment:
    current = await _equipment_to_change(conn, viewer, equipment_id)
    valid = validate(EquipmentFields, data)
    changes = valid.model_dump(exclude_unset=True)
    # Explicit nulls clear optional values, but required text columns fall back to empty strings.
    changes = {k: ("" if v is None and isinstance(getattr(current, k, None), str) else v) for k, v in changes.items()}
    if "category" in changes and changes["category"] is None:
        raise ValidationFailed([Invalid("category cannot be cleared", field="category")])
    merged = {"name_ko": current.name_ko, "name_en": current.name_en, **changes}
    _require_name(merged, "name_ko", "name_en")
    try:
        equipment = await equipment_queries.update_equipment(conn, equipment_id, changes)
    except asyncpg.UniqueViolationError:
        raise Invalid("this sourceId is already used in this institution", field="sourceId") from None
    await _record_change(conn, viewer, "update", "equipment", equipment_id, {"fields": sorted(changes)})
    return equipment


async def retire_equipment(conn: asyncpg.Connection, viewer: Viewer, equipment_id: int) -> Equipment:
    """Retiring keeps the record (bookings and usage history point at it) but lists it no more."""
    await _equipment_to_change(conn, viewer, equipment_id)
    equipment = await equipment_queries.update_equipment(conn, equipment_id, {"status": EquipmentStatus.RETIRED})
    await _record_change(conn, viewer, "retire", "equipment", equipment_id, {})
    return equipment


# ---- technologies --------------------------------------------------------------------------------


async def create_technology(conn: asyncpg.Connection, viewer: Viewer, data: dict[str, Any]) -> Technology:
    institution_id = await target_institution(conn, viewer, data.get("institution_id"))
    valid = validate(TechnologyCreate, {**data, "institution_id": institution_id})
    values = valid.model_dump(exclude={"institution_id"}, exclude_none=True)
    _require_name(values, "title_ko", "title_en")
    try:
        technology = await technology_queries.insert_technology(conn, valid.institution_id, values)
    except asyncpg.UniqueViolationError:
        raise Invalid(f"sourceId '{valid.source_id}' is already used in this institution", field="sourceId") from None
    await _record_change(conn, viewer, "create", "technology", technology.id, {"fields": sorted(values)})
    return technology


async def _technology_to_change(conn: asyncpg.Connection, viewer: Viewer, technology_id: int) -> Technology:
    if not viewer.is_authenticated:
        raise Unauthenticated("sign in with an API token to change the catalogue")
    current = await technology_queries.technology_for_update(conn, technology_id)
    if current is None:
        raise NotFound("no technology with this id", field="id")
    require_manager(viewer, current.institution_id)
    return current


async def update_technology(
    conn: asyncpg.Connection, viewer: Viewer, technology_id: int, data: dict[str, Any]
) -> Technology:
    current = await _technology_to_change(conn, viewer, technology_id)
    valid = validate(TechnologyFields, data)
    changes = valid.model_dump(exclude_unset=True)
    changes = {k: ("" if v is None and isinstance(getattr(current, k, None), str) else v) for k, v in changes.items()}
    if changes.get("patents", ()) is None:
        changes["patents"] = []
    if "kind" in changes and changes["kind"] is None:
        raise ValidationFailed([Invalid("kind cannot be cleared", field="kind")])
    _require_name({"title_ko": current.title_ko, "title_en": current.title_en, **changes}, "title_ko", "title_en")
    technology = await technology_queries.update_technology(conn, technology_id, changes)
    await _record_change(conn, viewer, "update", "technology", technology_id, {"fields": sorted(changes)})
    return technology


async def retire_technology(conn: asyncpg.Connection, viewer: Viewer, technology_id: int) -> Technology:
    await _technology_to_change(conn, viewer, technology_id)
    technology = await technology_queries.retire_technology(conn, technology_id)
    await _record_change(conn, viewer, "retire", "technology", technology_id, {})
    return technology
