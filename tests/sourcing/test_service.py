"""Demands, supplier edits, the pipeline state machine and localisation progress (service level)."""

from __future__ import annotations

import datetime as dt

import pytest

from biomap.errors import Forbidden, ValidationFailed
from biomap.identity.models import Role, Viewer
from biomap.sourcing import pipeline_service, service, supplier_service
from biomap.sourcing.models import DemandStatus, PipelineStage
from tests.sourcing.conftest import World


async def _codes(exc_info) -> list[tuple[str, str | None]]:
    return [(p.code, p.field) for p in exc_info.value.problems]


async def _counts(world: World) -> tuple[int, ...]:
    return tuple(await world.conn.fetchrow(
        """SELECT (SELECT count(*) FROM demand), (SELECT count(*) FROM demand_spec), (SELECT count(*) FROM audit_log),
                  (SELECT count(*) FROM supplier_certification), (SELECT count(*) FROM pipeline_event)"""))


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"specs": [{"key": "ph", "min": 8, "max": 7, "unit": "pH"}]}, [("RANGE_INVERTED", "specs.0.min")]),
        ({"specs": [{"key": "ph", "min": 7, "unit": "furlong"}]}, [("UNKNOWN_UNIT", "specs.0.unit")]),
        ({"volume_unit": "bushel"}, [("UNKNOWN_UNIT", "volumeUnit")]),
        ({"volume_per_month": -5}, [("NEGATIVE_VALUE", "volumePerMonth")]),
        ({"deadline": dt.date(2020, 1, 1)}, [("DEADLINE_PAST", "deadline")]),
        ({"requirements": [{"kind": "ISO_99999"}]}, [("UNKNOWN_EVIDENCE", "requirements.0.kind")]),
        ({"material_code": "NO_SUCH_ITEM"}, [("NOT_FOUND", "materialCode")]),
        ({"volume_per_month": -1, "volume_unit": "bushel"},
         [("NEGATIVE_VALUE", "volumePerMonth"), ("UNKNOWN_UNIT", "volumeUnit")]),
    ],
)
async def test_bad_demands_are_refused_with_code_and_field_and_nothing_changes(
    world: World, manufacturer: Viewer, given, expected
) -> None:
    before = await _counts(world)
    with pytest.raises(ValidationFailed) as exc:
        await world.demand(manufacturer, **given)
    assert await _codes(exc) == expected
    assert await _counts(world) == before


async def test_only_manufacturers_post_demands(world: World) -> None:
    org = await world.organisation("T_SUPPLIER_ORG")
    supplier, _ = await world.viewer(Role.SUPPLIER, org)
    with pytest.raises(Forbidden):
        await world.demand(supplier)


async def test_certification_without_expiry_is_refused(world: World) -> None:
    org = await world.supplier("T_CERT")
    viewer, _ = await world.viewer(Role.SUPPLIER, org)
    before = await _counts(world)
    with pytest.raises(ValidationFailed) as exc:
        await supplier_service.add_certification(world.conn, viewer, {"kind": "ISO_9001"})
    assert await _codes(exc) == [("EXPIRY_REQUIRED", "expiresOn")]
    assert await _counts(world) == before
    cert = await supplier_service.add_certification(world.conn, viewer, {"kind": "ISO_9001",
                                                                "expires_on": world.today + dt.timedelta(days=400)})
    assert cert.kind == "ISO_9001"


async def test_only_the_suppliers_own_users_edit_its_products(world: World, manufacturer: Viewer) -> None:
    org = await world.supplier("T_OWNER")
    other_org = await world.supplier("T_OTHER")
    owner, _ = await world.viewer(Role.SUPPLIER, org)
    other, _ = await world.viewer(Role.SUPPLIER, other_org)
    product_id = await world.conn.fetchval("SELECT id FROM supplier_product WHERE supplier_id = $1", org)
    for intruder in (other, manufacturer):
        with pytest.raises(Forbidden):
            await supplier_service.update_product(world.conn, intruder, product_id, {"lead_time_days": 5})
    await supplier_service.update_product(world.conn, owner, product_id, {"lead_time_days": 5})
    assert await world.conn.fetchval("SELECT lead_time_days FROM supplier_product WHERE id = $1", product_id) == 5
    with pytest.raises(ValidationFailed) as exc:
        await supplier_service.update_product(world.conn, owner, product_id, {"specs": [{"key": "x", "value": 1, "unit": "zz"}],
                                                                     "monthly_capacity": -3, "capacity_unit": "kg"})
    assert await _codes(exc) == [("NEGATIVE_VALUE", "monthlyCapacity"), ("UNKNOWN_UNIT", "specs.0.unit")]


async def _pipeline_world(world: World, manufacturer: Viewer):
    org = await world.supplier("T_PIPE", certs={"GMP": 800})
    supplier, _ = await world.viewer(Role.SUPPLIER, org)
    demand_id = await world.demand(manufacturer)
    pipeline = await pipeline_service.invite(world.conn, manufacturer, demand_id, org, note="please quote")
    return org, supplier, demand_id, pipeline


async def _status(world: World) -> str:
    return await world.conn.fetchval("SELECT status FROM material WHERE id = $1", world.material_id)


async def test_pipeline_walks_to_validated_and_qualifies_the_item(world: World, manufacturer: Viewer) -> None:
    org, supplier, demand_id, pipeline = await _pipeline_world(world, manufacturer)
    assert pipeline.stage is PipelineStage.INVITED and await _status(world) == "CANDIDATES_FOUND"
    quoted = await pipeline_service.quote(world.conn, supplier, pipeline.id, {
        "price": "12000", "currency": "KRW", "lead_time_days": 20, "sample_offered": True, "note": "see sheet",
        "evidence": ["https://example.kr/coa.pdf"]})
    assert quoted.stage is PipelineStage.QUOTED and quoted.quote_lead_time_days == 20
    await pipeline_service.move_pipeline(world.conn, supplier, pipeline.id, PipelineStage.SAMPLE_SENT,
                                expected=PipelineStage.QUOTED, evidence=["DOC-123"])
    assert await _status(world) == "SAMPLE_TESTING"
    await pipeline_service.move_pipeline(world.conn, manufacturer, pipeline.id, PipelineStage.TESTING)
    assert await _status(world) == "VALIDATION"
    done = await pipeline_service.move_pipeline(world.conn, manufacturer, pipeline.id, PipelineStage.VALIDATED, note="passed")
    assert done.stage is PipelineStage.VALIDATED and await _status(world) == "QUALIFIED"
    history = await world.conn.fetch(
        "SELECT from_status, to_status FROM material_status_history WHERE material_id = $1 ORDER BY id",
        world.material_id)
    assert [(h["from_status"], h["to_status"]) for h in history] == [
        ("NOT_STARTED", "CANDIDATES_FOUND"), ("CANDIDATES_FOUND", "SAMPLE_TESTING"),
        ("SAMPLE_TESTING", "VALIDATION"), ("VALIDATION", "QUALIFIED")]
    audits = await world.conn.fetch(
        "SELECT actor_id, detail FROM audit_log WHERE entity = 'pipeline' AND entity_id = $1 ORDER BY id", pipeline.id)
    assert [(a["detail"]["from"], a["detail"]["to"]) for a in audits] == [
        (None, "INVITED"), ("INVITED", "QUOTED"), ("QUOTED", "SAMPLE_SENT"), ("SAMPLE_SENT", "TESTING"),
        ("TESTING", "VALIDATED")]
    assert [a["actor_id"] for a in audits] == [manufacturer.user_id, supplier.user_id, supplier.user_id,
                                                manufacturer.user_id, manufacturer.user_id]
    events = await world.conn.fetch("SELECT note, evidence FROM pipeline_event WHERE pipeline_id = $1 ORDER BY id",
                                    pipeline.id)
    assert events[1]["evidence"] == ["https://example.kr/coa.pdf"] and events[-1]["note"] == "passed"


async def test_status_never_moves_back(world: World, manufacturer: Viewer) -> None:
    org, supplier, demand_id, pipeline = await _pipeline_world(world, manufacturer)
    await world.conn.execute("UPDATE material SET status = 'VALIDATION' WHERE id = $1", world.material_id)
    await pipeline_service.quote(world.conn, supplier, pipeline.id, {"price": 1, "currency": "KRW", "lead_time_days": 1})
    assert await _status(world) == "VALIDATION"


@pytest.mark.parametrize(
    ("who", "to", "error"),
    [
        ("manufacturer", PipelineStage.SAMPLE_SENT, "OUT_OF_ORDER"),   # INVITED -> SAMPLE_SENT skips QUOTED
        ("manufacturer", PipelineStage.VALIDATED, "OUT_OF_ORDER"),
        ("supplier", PipelineStage.TESTING, "OUT_OF_ORDER"),
        ("supplier", PipelineStage.REJECTED, "FORBIDDEN"),             # only the manufacturer rejects
        ("stranger", PipelineStage.REJECTED, "FORBIDDEN"),
    ],
)
async def test_moves_out_of_order_or_by_the_wrong_party_are_refused(
    world: World, manufacturer: Viewer, who, to, error
) -> None:
    org, supplier, demand_id, pipeline = await _pipeline_world(world, manufacturer)
    stranger, _ = await world.viewer(Role.SUPPLIER, await world.supplier("T_STRANGER"))
    viewer = {"manufacturer": manufacturer, "supplier": supplier, "stranger": stranger}[who]
    before = await _counts(world)
    if error == "FORBIDDEN":
        with pytest.raises(Forbidden):
            await pipeline_service.move_pipeline(world.conn, viewer, pipeline.id, to)
    else:
        with pytest.raises(ValidationFailed) as exc:
            await pipeline_service.move_pipeline(world.conn, viewer, pipeline.id, to)
        assert await _codes(exc) == [(error, "toStage")]
    assert await _counts(world) == before
    assert await world.conn.fetchval("SELECT stage FROM pipeline WHERE id = $1", pipeline.id) == "INVITED"


async def test_quote_by_the_manufacturer_is_forbidden_and_stale_stage_conflicts(world: World, manufacturer: Viewer) -> None:
    org, supplier, demand_id, pipeline = await _pipeline_world(world, manufacturer)
    with pytest.raises(Forbidden):
        await pipeline_service.quote(world.conn, manufacturer, pipeline.id, {"price": 1, "currency": "KRW", "lead_time_days": 1})
    await pipeline_service.quote(world.conn, supplier, pipeline.id, {"price": 1, "currency": "KRW", "lead_time_days": 1})
    with pytest.raises(ValidationFailed) as exc:  # the client still thinks it is INVITED
        await pipeline_service.move_pipeline(world.conn, manufacturer, pipeline.id, PipelineStage.REJECTED,
                                    expected=PipelineStage.INVITED)
    assert await _codes(exc) == [("CONFLICT", "fromStage")]


async def test_invite_requires_a_match_and_only_once(world: World, manufacturer: Viewer) -> None:
    org, supplier, demand_id, pipeline = await _pipeline_world(world, manufacturer)
    with pytest.raises(ValidationFailed) as exc:
        await pipeline_service.invite(world.conn, manufacturer, demand_id, org)
    assert await _codes(exc) == [("CONFLICT", "supplierId")]
    unmatched = await world.supplier("T_UNMATCHED", certs={})
    strict = await world.demand(manufacturer, requirements=[{"kind": "GMP", "hard": True}])
    with pytest.raises(ValidationFailed) as exc:
        await pipeline_service.invite(world.conn, manufacturer, strict, unmatched)
    assert await _codes(exc) == [("NOT_MATCHED", "supplierId")]


async def test_close_demand(world: World, manufacturer: Viewer) -> None:
    demand_id = await world.demand(manufacturer)
    other_org = await world.organisation("T_OTHER_MANUFACTURER")
    other, _ = await world.viewer(Role.MANUFACTURER, other_org)
    with pytest.raises(Forbidden):
        await service.close_demand(world.conn, other, demand_id, DemandStatus.CANCELLED)
    await service.close_demand(world.conn, manufacturer, demand_id, DemandStatus.CANCELLED)
    with pytest.raises(ValidationFailed) as exc:
        await service.close_demand(world.conn, manufacturer, demand_id, DemandStatus.CLOSED)
    assert await _codes(exc) == [("CONFLICT", "id")]


async def test_localisation_progress(world: World, manufacturer: Viewer) -> None:
    city, _ = await world.viewer(Role.CITY_OFFICER, None)
    with pytest.raises(Forbidden):
        await service.localisation_progress(world.conn, manufacturer)
    org, supplier, demand_id, pipeline = await _pipeline_world(world, manufacturer)
    await world.supplier("T_NOT_CANDIDATE", certs={})  # lacks the item's required GMP
    await pipeline_service.quote(world.conn, supplier, pipeline.id, {"price": 1000, "currency": "KRW", "lead_time_days": 1})
    # back-date the history so time in stage is measurable without waiting
    await world.conn.execute(
        "UPDATE pipeline_event SET at = at - interval '3 days' WHERE pipeline_id = $1 AND to_stage = 'INVITED'",
        pipeline.id)
    items, zones = await service.localisation_progress(world.conn, city)
    [item] = [i for i in items if i.code == world.material_code]
    assert item.status.value == "CANDIDATES_FOUND"
    assert (item.candidate_suppliers, item.active_pipelines, item.covered_krw) == (1, 1, 0)
    invited = [t for t in item.stage_times if t.stage == "INVITED"][0]
    assert invited.pairs == 1 and 2.99 < invited.total_days < 3.01
    for stage in (PipelineStage.SAMPLE_SENT,):
        await pipeline_service.move_pipeline(world.conn, supplier, pipeline.id, stage)
    await pipeline_service.move_pipeline(world.conn, manufacturer, pipeline.id, PipelineStage.TESTING)
    await pipeline_service.move_pipeline(world.conn, manufacturer, pipeline.id, PipelineStage.VALIDATED)
    items, zones = await service.localisation_progress(world.conn, city)
    [item] = [i for i in items if i.code == world.material_code]
    # 500 kg a month x 12 x 1,000 KRW = 6,000,000 KRW of the 1,000,000,000 KRW imported per year
    assert (item.status.value, item.active_pipelines, item.validated_pipelines, item.covered_krw) == (
        "QUALIFIED", 0, 1, 6_000_000)
    namdong = [z for z in zones if z.zone == "NAMDONG"][0]
    assert namdong.qualified >= 1 and namdong.suppliers >= 3
    assert [z.zone for z in zones] == ["SONGDO", "NAMDONG", "OTHER_INCHEON", "OUTSIDE_INCHEON"]


async def test_pairs_of_a_cancelled_demand_no_longer_move(world: World, manufacturer: Viewer) -> None:
    org, supplier, demand_id, pipeline = await _pipeline_world(world, manufacturer)
    await service.close_demand(world.conn, manufacturer, demand_id, DemandStatus.CANCELLED)
    with pytest.raises(ValidationFailed) as exc:
        await pipeline_service.quote(world.conn, supplier, pipeline.id, {"price": 1, "currency": "KRW", "lead_time_days": 1})
    assert await _codes(exc) == [("DEMAND_CLOSED", "pipelineId")]


async def test_supplier_writes_reach_search_and_the_outbox(world: World) -> None:
    org = await world.supplier("T_OUTBOX")
    viewer, _ = await world.viewer(Role.SUPPLIER, org)
    await supplier_service.update_supplier_profile(world.conn, viewer, {"description": "클린룸 와이퍼 전문"})
    assert await world.conn.fetchval(
        "SELECT count(*) FROM search_document WHERE kind = 'SUPPLIER' AND entity_id = $1", org) == 1
    assert await world.conn.fetchval(
        "SELECT count(*) FROM outbox WHERE payload->>'entity' = 'supplier' AND payload->>'id' = $1", str(org)) == 1
