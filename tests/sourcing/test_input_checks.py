"""Sourcing inputs at the service boundary: plausible dates and numbers, every problem at once with its
full path, and rules that keep stored data from breaking matching and progress."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from biomap.errors import ValidationFailed
from biomap.identity.models import Role, Viewer
from biomap.sourcing import match_queries, pipeline_service, service, supplier_service
from biomap.sourcing.models import DemandStatus, PipelineStage
from tests.sourcing.conftest import World

HORIZON_DAYS = 3653  # deadlines and certificate expiries: at most 10 years ahead (README "Errors")


def _problems(exc_info: Any) -> list[tuple[str, str | None]]:
    return [(p.code, p.field) for p in exc_info.value.problems]


async def _supplier_user(world: World, code: str, **facts: Any) -> tuple[int, Viewer]:
    org = await world.supplier(code, **facts)
    viewer, _ = await world.viewer(Role.SUPPLIER, org)
    return org, viewer


async def _invited(world: World, manufacturer: Viewer, code: str = "T_PAIR") -> tuple[Viewer, int, int]:
    org, supplier = await _supplier_user(world, code, certs={"GMP": 800})
    demand_id = await world.demand(manufacturer)
    pipeline = await pipeline_service.invite(world.conn, manufacturer, demand_id, org)
    return supplier, demand_id, pipeline.id


async def _validated(world: World, manufacturer: Viewer, price: int = 1000) -> int:
    supplier, demand_id, pipeline_id = await _invited(world, manufacturer)
    await pipeline_service.quote(world.conn, supplier, pipeline_id, {"price": price, "currency": "KRW",
                                                                     "lead_time_days": 1})
    await pipeline_service.move_pipeline(world.conn, supplier, pipeline_id, PipelineStage.SAMPLE_SENT)
    for stage in (PipelineStage.TESTING, PipelineStage.VALIDATED):
        await pipeline_service.move_pipeline(world.conn, manufacturer, pipeline_id, stage)
    return demand_id


async def _item(world: World):
    city, _ = await world.viewer(Role.CITY_OFFICER, None)
    items, zones = await service.localisation_progress(world.conn, city)
    return [i for i in items if i.code == world.material_code][0], zones


# ---- dates ---------------------------------------------------------------------------------------


async def test_deadlines_more_than_ten_years_ahead_are_refused(world: World, manufacturer: Viewer) -> None:
    for deadline in (dt.date.max, world.today + dt.timedelta(days=HORIZON_DAYS + 1)):
        with pytest.raises(ValidationFailed) as exc:
            await world.demand(manufacturer, deadline=deadline)
        assert _problems(exc) == [("INVALID", "deadline")]
        assert "10 years" in exc.value.problems[0].message
    assert await world.demand(manufacturer, deadline=world.today + dt.timedelta(days=HORIZON_DAYS))


async def test_implausible_certificate_dates_are_refused(world: World) -> None:
    _, viewer = await _supplier_user(world, "T_CERT_DATES")
    with pytest.raises(ValidationFailed) as exc:
        await supplier_service.add_certification(world.conn, viewer, {
            "kind": "GMP", "expires_on": dt.date.max, "issued_on": dt.date.min})
    assert _problems(exc) == [("INVALID", "issuedOn"), ("INVALID", "expiresOn")]


async def test_matching_survives_an_infinite_stored_deadline(world: World, manufacturer: Viewer) -> None:
    """Rows stored before deadlines were bounded: asyncpg wrote date.max as PostgreSQL 'infinity'."""
    org = await world.supplier("T_FOREVER", certs={"GMP": 800})
    demand_id = await world.demand(manufacturer)
    await world.conn.execute("UPDATE demand SET deadline = 'infinity' WHERE id = $1", demand_id)
    [match] = await match_queries.suppliers_for_demand(world.conn, demand_id, 10)
    assert match.days_left == HORIZON_DAYS  # counted up to the horizon: any lead time fits
    assert demand_id in [m.demand_id for m in await match_queries.demands_for_supplier(world.conn, org, 100)]


# ---- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"volume_per_month": 1.7e308}, "volumePerMonth"),
        ({"volume_per_month": 1e-310}, "volumePerMonth"),       # capacity / volume would overflow in SQL
        ({"volume_per_month": float("nan")}, "volumePerMonth"),
        ({"specs": [{"key": "ph", "min": 1e300, "unit": "pH"}]}, "specs.0.min"),
        ({"specs": [{"key": "ph", "max": -1e-320, "unit": "pH"}]}, "specs.0.max"),  # 1e-9 x it underflows in SQL
    ],
)
async def test_implausible_demand_numbers_are_refused(world: World, manufacturer: Viewer, given, field) -> None:
    with pytest.raises(ValidationFailed) as exc:
        await world.demand(manufacturer, **given)
    assert _problems(exc) == [("INVALID", field)]


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"monthly_capacity": 1e13, "capacity_unit": "kg"}, "monthlyCapacity"),
        ({"minimum_order": 1e300, "capacity_unit": "kg"}, "minimumOrder"),
        ({"specs": [{"key": "ph", "value": 7, "unit": "pH"}, {"key": "pore", "value": 1e-300, "unit": "um"}]},
         "specs.1.value"),
    ],
)
async def test_implausible_product_numbers_are_refused(world: World, given, field) -> None:
    _, viewer = await _supplier_user(world, "T_NUMBERS")
    with pytest.raises(ValidationFailed) as exc:
        await supplier_service.create_product(world.conn, viewer, {"material_code": world.material_code,
                                                                   "name_en": "x", **given})
    assert _problems(exc) == [("INVALID", field)]


async def test_quoted_prices_are_bounded(world: World, manufacturer: Viewer) -> None:
    supplier, _, pipeline_id = await _invited(world, manufacturer)
    with pytest.raises(ValidationFailed) as exc:
        await pipeline_service.quote(world.conn, supplier, pipeline_id, {"price": "1E+13", "currency": "KRW",
                                                                         "lead_time_days": 1})
    assert _problems(exc) == [("INVALID", "price")]


async def test_progress_survives_a_huge_stored_volume(world: World, manufacturer: Viewer) -> None:
    """A volume stored before volumes were bounded, on a pair that is VALIDATED for good."""
    demand_id = await _validated(world, manufacturer)
    await world.conn.execute("UPDATE demand SET volume_per_month = 1.7e308 WHERE id = $1", demand_id)
    item, _ = await _item(world)
    assert item.covered_krw == 1_000_000_000  # capped at the item's import value


# ---- requirements, currencies --------------------------------------------------------------------


async def test_max_iso_class_is_only_for_iso_14644(world: World, manufacturer: Viewer) -> None:
    with pytest.raises(ValidationFailed) as exc:
        await world.demand(manufacturer, requirements=[{"kind": "ISO_14644", "max_iso_class": 7},
                                                       {"kind": "GMP", "max_iso_class": 5}])
    assert _problems(exc) == [("INVALID", "requirements.1.maxIsoClass")]
    assert await world.demand(manufacturer, requirements=[{"kind": "ISO_14644", "max_iso_class": 7}])
    _, viewer = await _supplier_user(world, "T_ISO")
    with pytest.raises(ValidationFailed) as exc:
        await supplier_service.add_certification(world.conn, viewer, {
            "kind": "GMP", "iso_class": 5, "expires_on": world.today + dt.timedelta(days=300)})
    assert _problems(exc) == [("INVALID", "isoClass")]


@pytest.mark.parametrize("currency", ["GBP", "ZZZ"])
async def test_quotes_need_a_currency_with_a_reference_rate(world: World, manufacturer: Viewer, currency) -> None:
    supplier, _, pipeline_id = await _invited(world, manufacturer)
    with pytest.raises(ValidationFailed) as exc:
        await pipeline_service.quote(world.conn, supplier, pipeline_id, {"price": 1, "currency": currency,
                                                                         "lead_time_days": 1})
    assert _problems(exc) == [("INVALID", "currency")]
    assert all(code in exc.value.problems[0].message for code in ("KRW", "USD", "EUR", "JPY", "CNY"))


async def test_quote_currency_is_read_in_any_case(world: World, manufacturer: Viewer) -> None:
    supplier, _, pipeline_id = await _invited(world, manufacturer)
    quoted = await pipeline_service.quote(world.conn, supplier, pipeline_id, {"price": 1, "currency": " usd",
                                                                              "lead_time_days": 1})
    assert quoted.quote_currency == "USD"


# ---- cancelled and closed demands ----------------------------------------------------------------


async def test_pairs_of_a_cancelled_demand_are_not_active_and_their_clock_stops(
    world: World, manufacturer: Viewer
) -> None:
    _, demand_id, pipeline_id = await _invited(world, manufacturer)
    await world.conn.execute("UPDATE pipeline_event SET at = now() - interval '3 days' WHERE pipeline_id = $1",
                             pipeline_id)
    item, zones = await _item(world)
    in_pipelines = {z.zone: z.in_pipelines for z in zones}
    assert item.active_pipelines == 1
    await service.close_demand(world.conn, manufacturer, demand_id, DemandStatus.CANCELLED)
    await world.conn.execute("UPDATE demand SET closed_at = now() - interval '1 day' WHERE id = $1", demand_id)
    item, zones = await _item(world)
    assert item.active_pipelines == 0
    [invited] = [t for t in item.stage_times if t.stage == "INVITED"]
    assert 1.99 < invited.total_days < 2.01  # from the invitation to the cancellation, not until now
    assert {z.zone: z.in_pipelines for z in zones} == {**in_pipelines, "NAMDONG": in_pipelines["NAMDONG"] - 1}


async def test_pairs_of_a_closed_demand_still_move_and_stay_active(world: World, manufacturer: Viewer) -> None:
    """CLOSED is 'fulfilled': pairs under way may still be quoted, validated or rejected (README)."""
    supplier, demand_id, pipeline_id = await _invited(world, manufacturer)
    await service.close_demand(world.conn, manufacturer, demand_id, DemandStatus.CLOSED)
    quoted = await pipeline_service.quote(world.conn, supplier, pipeline_id, {"price": 1, "currency": "KRW",
                                                                              "lead_time_days": 1})
    assert quoted.stage is PipelineStage.QUOTED
    item, _ = await _item(world)
    assert item.active_pipelines == 1


# ---- products ------------------------------------------------------------------------------------


async def _bases(world: World, product_id: int) -> tuple[float | None, float | None]:
    row = await world.conn.fetchrow("SELECT capacity_base, minimum_order_base FROM supplier_product WHERE id = $1",
                                    product_id)
    return row["capacity_base"], row["minimum_order_base"]


async def test_any_change_of_capacity_unit_or_values_recomputes_the_base_values(world: World) -> None:
    _, viewer = await _supplier_user(world, "T_UNITS")
    product_id = await supplier_service.create_product(world.conn, viewer, {
        "material_code": world.material_code, "name_en": "vials", "monthly_capacity": 100, "capacity_unit": "kpcs",
        "minimum_order": 12})
    assert await _bases(world, product_id) == (100_000, 12_000)
    steps: list[tuple[dict[str, Any], tuple[float, float]]] = [
        ({"capacity_unit": "pcs"}, (100, 12)),
        ({"minimum_order": 5}, (100, 5)),
        ({"monthly_capacity": 3}, (3, 5)),
        ({"monthly_capacity": 2, "capacity_unit": "kpcs"}, (2000, 5000)),
    ]
    for change, expected in steps:
        await supplier_service.update_product(world.conn, viewer, product_id, change)
        assert await _bases(world, product_id) == expected, change


# ---- every problem at once -----------------------------------------------------------------------


async def test_a_demand_reports_every_problem_at_once(world: World, manufacturer: Viewer) -> None:
    specs = [{"key": "ph", "min": 7, "unit": "parsec"}, *({"key": f"k{i}", "min": 1, "unit": "pH"} for i in (1, 2)),
             {"key": "Bad Key", "min": 1, "unit": "pH"}]
    with pytest.raises(ValidationFailed) as exc:
        await world.demand(manufacturer, title="x" * 301, material_code="NOPE", volume_per_month=-1, specs=specs,
                           requirements=[{"kind": "ISO_14644", "max_iso_class": 0}, {"kind": "NOPE"}])
    assert set(_problems(exc)) == {
        ("INVALID", "title"), ("INVALID", "specs.3.key"), ("INVALID", "requirements.0.maxIsoClass"),
        ("NOT_FOUND", "materialCode"), ("NEGATIVE_VALUE", "volumePerMonth"), ("UNKNOWN_UNIT", "specs.0.unit"),
        ("UNKNOWN_EVIDENCE", "requirements.1.kind")}


async def test_a_product_reports_every_problem_at_once(world: World) -> None:
    _, viewer = await _supplier_user(world, "T_ALL_AT_ONCE")
    with pytest.raises(ValidationFailed) as exc:
        await supplier_service.create_product(world.conn, viewer, {
            "material_code": "NOPE", "name_en": "x", "lead_time_days": -2, "monthly_capacity": -1,
            "capacity_unit": "furlong"})
    assert set(_problems(exc)) == {("INVALID", "leadTimeDays"), ("NOT_FOUND", "materialCode"),
                                   ("NEGATIVE_VALUE", "monthlyCapacity"), ("UNKNOWN_UNIT", "capacityUnit")}
    product_id = await supplier_service.create_product(world.conn, viewer, {"material_code": world.material_code,
                                                                            "name_en": "x"})
    with pytest.raises(ValidationFailed) as exc:
        await supplier_service.update_product(world.conn, viewer, product_id, {
            "name_en": "y" * 301, "material_code": None, "specs": [{"key": "ph", "value": 7, "unit": "zz"},
                                                                  {"key": "ph", "value": "x", "unit": "pH"}]})
    assert set(_problems(exc)) == {("INVALID", "nameEn"), ("INVALID", "materialCode"), ("INVALID", "specs.1.value"),
                                   ("UNKNOWN_UNIT", "specs.0.unit")}


async def test_a_pipeline_move_reports_its_problems_at_once(world: World, manufacturer: Viewer) -> None:
    _, _, pipeline_id = await _invited(world, manufacturer)
    with pytest.raises(ValidationFailed) as exc:
        await pipeline_service.move_pipeline(world.conn, manufacturer, pipeline_id, PipelineStage.TESTING,
                                             evidence=["DOC-1", ""])
    assert _problems(exc) == [("OUT_OF_ORDER", "toStage"), ("INVALID", "evidence.1")]


# ---- profiles, evidence, item codes --------------------------------------------------------------


@pytest.mark.parametrize("website", ["javascript:alert(document.cookie)", "ftp://biocs.example", "biocs.example"])
async def test_a_website_must_be_an_http_address(world: World, website) -> None:
    _, viewer = await _supplier_user(world, "T_WEB")
    with pytest.raises(ValidationFailed) as exc:
        await supplier_service.update_supplier_profile(world.conn, viewer, {"website": website})
    assert _problems(exc) == [("INVALID", "website")]


async def test_http_websites_and_clearing_are_accepted(world: World) -> None:
    org, viewer = await _supplier_user(world, "T_WEB_OK")
    for website, stored in (("https://biocs.example/ko", "https://biocs.example/ko"), ("", ""), (None, "")):
        await supplier_service.update_supplier_profile(world.conn, viewer, {"website": website})
        assert await world.conn.fetchval("SELECT website FROM supplier WHERE id = $1", org) == stored


async def test_profile_reports_every_problem_at_once(world: World) -> None:
    _, viewer = await _supplier_user(world, "T_PROFILE")
    with pytest.raises(ValidationFailed) as exc:
        await supplier_service.update_supplier_profile(world.conn, viewer, {
            "zone": None, "website": "javascript:x", "reference_customers": ["Celltrion", "x" * 301]})
    assert _problems(exc) == [("INVALID", "website"), ("INVALID", "referenceCustomers.1"), ("INVALID", "zone")]


@pytest.mark.parametrize("evidence", [[""], ["  "], ["DOC-1", "x" * 501]])
async def test_evidence_entries_are_bounded(world: World, manufacturer: Viewer, evidence) -> None:
    supplier, _, pipeline_id = await _invited(world, manufacturer)
    with pytest.raises(ValidationFailed) as exc:
        await pipeline_service.quote(world.conn, supplier, pipeline_id, {
            "price": 1, "currency": "KRW", "lead_time_days": 1, "evidence": evidence})
    assert _problems(exc) == [("INVALID", f"evidence.{len(evidence) - 1}")]
    org = await world.supplier("T_EVIDENCE_2", certs={"GMP": 800})
    demand_id = await world.demand(manufacturer)
    with pytest.raises(ValidationFailed) as exc:
        await pipeline_service.invite(world.conn, manufacturer, demand_id, org, evidence=evidence)
    assert _problems(exc) == [("INVALID", f"evidence.{len(evidence) - 1}")]


async def test_item_codes_are_read_in_any_case(world: World, manufacturer: Viewer) -> None:
    code = f" {world.material_code.lower()} "
    demand_id = await world.demand(manufacturer, material_code=code)
    assert await world.conn.fetchval("SELECT material_id FROM demand WHERE id = $1", demand_id) == world.material_id
    _, viewer = await _supplier_user(world, "T_CASE")
    product_id = await supplier_service.create_product(world.conn, viewer, {"material_code": code, "name_en": "x"})
    await supplier_service.update_product(world.conn, viewer, product_id, {"material_code": code})
    assert await world.conn.fetchval("SELECT material_id FROM supplier_product WHERE id = $1",
                                     product_id) == world.material_id
