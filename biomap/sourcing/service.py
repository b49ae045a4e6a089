"""Sourcing rules for demands, matching and the city team's progress. Supplier profiles live in
supplier_service.py, the qualification pipeline in pipeline_service.py, permissions in
permissions.py.

Services take a connection inside the caller's transaction and never commit. Every write leaves an
audit row in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import asyncpg

from biomap.errors import Conflict, DomainError, Forbidden, Invalid, NotFound, ValidationFailed
from biomap.identity import service as identity
from biomap.identity.models import Role, Viewer
from biomap.sourcing import demand_queries, match_queries, material_queries
from biomap.sourcing.checks import evidence_kind, fail_if_any, not_beyond_horizon, seoul_today, unit_of
from biomap.sourcing.matching import MatchFacts
from biomap.sourcing.models import Demand, DemandCreate, DemandStatus
from biomap.sourcing.permissions import (
    can_see_demand,
    owns_demand,
    require_city,
    require_manufacturer,
    require_signed_in,
    require_supplier_user,
    sees_all_sourcing,
)
from biomap.sourcing.units import ISO_14644
from biomap.validation import validate_into


# ---- demands -------------------------------------------------------------------------------------


async def create_demand(
    conn: asyncpg.Connection, viewer: Viewer, data: dict[str, Any], *, source_id: str | None = None,
    manufacturer_id: int | None = None, check_deadline: bool = True,
) -> int:
    """A manufacturer posts a need. `manufacturer_id`/`source_id` are for the seed loader only."""
    if manufacturer_id is None:
        manufacturer_id = require_manufacturer(viewer, "post demands")
    problems: list[DomainError] = []
    valid = validate_into(DemandCreate, data, problems)  # a field that fails is None below: its checks skip
    material = None
    if valid.material_code is not None:
        material = await material_queries.material_by_code(conn, valid.material_code)
        if material is None:
            problems.append(NotFound(f"no localisation item with code '{valid.material_code}'", field="materialCode"))
    if valid.volume_per_month is not None and valid.volume_per_month < 0:
        problems.append(Invalid("the volume per month must be 0 or more", field="volumePerMonth",
                                code="NEGATIVE_VALUE"))
    volume_unit = None if valid.volume_unit is None else unit_of(valid.volume_unit, "volumeUnit", problems)
    if valid.deadline is not None:
        await _check_deadline(conn, valid.deadline, problems, allow_past=not check_deadline)
    specs, seen = [], set()
    for i, s in enumerate(valid.specs or []):
        if s is None:
            continue
        u = unit_of(s.unit, f"specs.{i}.unit", problems)
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
    for i, q in enumerate(valid.requirements or []):
        if q is None:
            continue
        evidence_kind(q.kind, f"requirements.{i}.kind", problems)
        if q.max_iso_class is not None and q.kind != ISO_14644:
            # only cleanroom certificates carry a class: on another kind it would exclude every supplier
            problems.append(Invalid("maxIsoClass is for ISO_14644 (cleanroom class) only: leave it out",
                                    field=f"requirements.{i}.maxIsoClass"))
        if q.kind in seen:
            problems.append(Invalid(f"'{q.kind}' is required twice", field=f"requirements.{i}.kind"))
        seen.add(q.kind)
        reqs.append(q.model_dump())
    fail_if_any(problems)
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


async def _check_deadline(conn: asyncpg.Connection, deadline: dt.date, problems: list[DomainError], *,
                          allow_past: bool) -> None:
    today = await seoul_today(conn)
    if deadline < today and not allow_past:
        problems.append(Invalid("the deadline is in the past (Asia/Seoul date): give a future date",
                                field="deadline", code="DEADLINE_PAST"))
    not_beyond_horizon(deadline, today, "deadline", "the deadline", problems)


async def own_demand_for_update(conn: asyncpg.Connection, viewer: Viewer, demand_id: int, *, field: str,
                                action: str) -> Demand:
    """The demand, locked for a change that only the manufacturer who posted it may make (`action`: what
    the change is, for the refusal's message)."""
    require_manufacturer(viewer, action)
    demand = await demand_queries.demand_for_update(conn, demand_id)
    if demand is None:
        raise NotFound("no demand with this id", field=field)
    if not owns_demand(viewer, demand):
        raise Forbidden(f"only the manufacturer that posted the demand may {action}")
    return demand


async def close_demand(conn: asyncpg.Connection, viewer: Viewer, demand_id: int, status: DemandStatus) -> int:
    demand = await own_demand_for_update(conn, viewer, demand_id, field="id", action="close a demand")
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
    require_signed_in(viewer, "see demands")
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
    require_signed_in(viewer, "match suppliers")
    found = await demand_queries.demands_by_ids(conn, [demand_id])
    if not found:
        raise NotFound("no demand with this id", field="demandId")
    if not (owns_demand(viewer, found[0]) or sees_all_sourcing(viewer)):
        raise Forbidden("only the manufacturer that posted the demand (and the city team) sees its matches")
    return await match_queries.suppliers_for_demand_with_records(conn, demand_id, limit)


async def matching_demands(conn: asyncpg.Connection, viewer: Viewer, limit: int) -> list[MatchFacts]:
    supplier_id = require_supplier_user(viewer, "see the demands a supplier's products match")
    return await match_queries.demands_for_supplier(conn, supplier_id, limit)


# ---- localisation progress (city team) -----------------------------------------------------------


async def localisation_progress(conn: asyncpg.Connection, viewer: Viewer) -> tuple[list[Any], list[Any]]:
    from biomap.sourcing import progress_queries

    require_city(viewer)
    return await progress_queries.item_progress(conn), await progress_queries.zone_progress(conn)
