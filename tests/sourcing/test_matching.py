"""Matching pinned on hand-built cases: order, scores and reasons (table-driven)."""

from __future__ import annotations

import json

import pytest

from biomap.identity.models import Viewer
from biomap.sourcing import match_queries
from biomap.sourcing.matching import WEIGHTS, reasons, score
from tests.sourcing.conftest import World

OSMO = {"key": "osmolality", "min": 270, "max": 330, "unit": "mOsm/kg", "hard": True}
ENDO = {"key": "endotoxin", "max": 0.25, "unit": "EU/mL", "hard": False}
GOOD_SPECS = {"osmolality": (300, "mOsm/kg"), "endotoxin": (0.1, "EU/mL")}


async def _ranked(world: World, demand_id: int) -> list[tuple[str, float, list[str]]]:
    facts = await match_queries.suppliers_for_demand(world.conn, demand_id, 50)
    codes = {r["id"]: r["code"] for r in await world.conn.fetch(
        "SELECT id, code FROM organisation WHERE id = ANY($1::bigint[])", [f.supplier_id for f in facts])}
    return [(codes[f.supplier_id], f.score, [r.code for r in reasons(f)]) for f in facts]


async def test_missing_hard_requirement_never_appears_and_order_is_pinned(world: World, manufacturer: Viewer) -> None:
    await world.supplier("T_BEST", "SONGDO", specs=GOOD_SPECS, certs={"GMP": 800, "DMF": 800})
    await world.supplier("T_NO_GMP", "SONGDO", specs=GOOD_SPECS, certs={"DMF": 800})            # hard cert missing
    await world.supplier("T_BAD_SPEC", "SONGDO", specs={"osmolality": (400, "mOsm/kg")}, certs={"GMP": 800})
    await world.supplier("T_EXPIRED", "SONGDO", specs=GOOD_SPECS, certs={"GMP": -1})               # expired yesterday
    await world.supplier("T_FAR", "OUTSIDE_INCHEON", specs=GOOD_SPECS, certs={"GMP": 800, "DMF": 800})
    await world.supplier("T_NO_SOFT", "NAMDONG", specs={"osmolality": (300, "mOsm/kg")}, certs={"GMP": 800})
    demand_id = await world.demand(manufacturer, specs=[OSMO, ENDO], requirements=[
        {"kind": "GMP", "hard": True}, {"kind": "DMF", "hard": False}])

    ranked = await _ranked(world, demand_id)
    assert [c for c, _, _ in ranked] == ["T_BEST", "T_FAR", "T_NO_SOFT"]
    assert [s for _, s, _ in ranked] == [90.0, 70.0, 55.0]
    best, far, no_soft = (r[2] for r in ranked)
    assert best == ["SPEC_MET", "SPEC_MET", "CERT_MET", "CERT_MET", "CAPACITY_OK", "LEAD_TIME_OK", "ZONE"]
    assert "SPEC_MISSING" in no_soft and "CERT_MISSING" in no_soft
    assert far[-1] == "ZONE"


@pytest.mark.parametrize(
    ("capacity", "lead_time", "expected_score", "expected_codes"),
    [
        ((1000, "kg"), 30, 90.0, {"CAPACITY_OK", "LEAD_TIME_OK"}),             # 90 = all but track record
        ((250, "kg"), 30, 80.0, {"CAPACITY_SHORT", "LEAD_TIME_OK"}),            # half the volume: 10 of 20
        ((500_000, "g"), 30, 90.0, {"CAPACITY_OK"}),                           # g converted to kg
        ((100, "L"), 30, 70.0, {"CAPACITY_UNKNOWN"}),                          # volume vs mass: not comparable
        ((1000, "kg"), 240, 82.5, {"CAPACITY_OK", "LEAD_TIME_LATE"}),          # 120 days left / 240 = half of 15
        ((1000, "kg"), None, 75.0, {"LEAD_TIME_UNKNOWN"}),
    ],
)
async def test_capacity_and_lead_time_rank_and_say_so(
    world: World, manufacturer: Viewer, capacity, lead_time, expected_score, expected_codes
) -> None:
    await world.supplier("T_ONE", "SONGDO", capacity=capacity, lead_time_days=lead_time)
    demand_id = await world.demand(manufacturer)
    [(code, got, codes)] = await _ranked(world, demand_id)
    assert got == expected_score
    assert expected_codes <= set(codes)


async def test_capacity_short_ranks_below_capacity_ok(world: World, manufacturer: Viewer) -> None:
    await world.supplier("T_SHORT", "NAMDONG", capacity=(100, "kg"))
    await world.supplier("T_ENOUGH", "NAMDONG", capacity=(600, "kg"))
    demand_id = await world.demand(manufacturer)
    ranked = await _ranked(world, demand_id)
    assert [c for c, _, _ in ranked] == ["T_ENOUGH", "T_SHORT"]
    facts = await match_queries.suppliers_for_demand(world.conn, demand_id, 5)
    short = [r for r in reasons(facts[1]) if r.code == "CAPACITY_SHORT"]
    assert short and "20%" in short[0].message


@pytest.mark.parametrize(
    ("zones", "order"),
    [
        (("OUTSIDE_INCHEON", "OTHER_INCHEON", "NAMDONG"), ["T_Z3", "T_Z2", "T_Z1"]),
        (("SONGDO", "NAMDONG", "OUTSIDE_INCHEON"), ["T_Z1", "T_Z2", "T_Z3"]),  # a tie is broken by supplier id
    ],
)
async def test_zone_preference(world: World, manufacturer: Viewer, zones, order) -> None:
    for i, zone in enumerate(zones, 1):
        await world.supplier(f"T_Z{i}", zone)
    ranked = await _ranked(world, await world.demand(manufacturer))
    assert [c for c, _, _ in ranked] == order


async def test_expiring_certification_is_named_and_costs_points(world: World, manufacturer: Viewer) -> None:
    await world.supplier("T_SOON", "SONGDO", certs={"GMP": 60})       # valid, but expires before the deadline
    await world.supplier("T_LATER", "SONGDO", certs={"GMP": 700})
    demand_id = await world.demand(manufacturer, requirements=[{"kind": "GMP", "hard": True}])
    facts = await match_queries.suppliers_for_demand(world.conn, demand_id, 5)
    assert [f.score for f in facts] == [90.0, 85.0]
    expiring = [r for r in reasons(facts[1]) if r.code == "CERT_EXPIRING"]
    assert len(expiring) == 1 and "GMP" in expiring[0].message
    assert (world.today.toordinal() + 60) == facts[1].expiring[0].expires_on.toordinal()


async def test_unit_conversion_in_spec_ranges(world: World, manufacturer: Viewer) -> None:
    await world.supplier("T_ML", "SONGDO", specs={"volume": (500, "mL")})
    await world.supplier("T_BIG", "SONGDO", specs={"volume": (5, "L")})
    demand_id = await world.demand(manufacturer, specs=[{"key": "volume", "min": 0.2, "max": 1, "unit": "L", "hard": True}])
    assert [c for c, _, _ in await _ranked(world, demand_id)] == ["T_ML"]


async def test_track_record_counts(world: World, manufacturer: Viewer) -> None:
    """Validated pairs on other demands add 5 points each."""
    a = await world.supplier("T_TRACK", "NAMDONG", capacity=(100, "kg"))
    await world.supplier("T_NEW", "NAMDONG", capacity=(100, "kg"))
    other = await world.demand(manufacturer)
    await world.conn.execute("INSERT INTO pipeline (demand_id, supplier_id, stage) VALUES ($1, $2, 'VALIDATED')",
                             other, a)
    facts = await match_queries.suppliers_for_demand(world.conn, await world.demand(manufacturer), 5)
    assert [f.supplier_id for f in facts][0] == a
    assert facts[0].score - facts[1].score == WEIGHTS.per_validated
    assert "TRACK_RECORD" in [r.code for r in reasons(facts[0])]


async def test_python_score_agrees_with_sql(world: World, manufacturer: Viewer) -> None:
    await world.supplier("T_MIX", "OTHER_INCHEON", specs={"osmolality": (300, "mOsm/kg")}, capacity=(300, "kg"),
                         lead_time_days=200, certs={"GMP": 30})
    demand_id = await world.demand(manufacturer, specs=[OSMO, ENDO], requirements=[
        {"kind": "GMP", "hard": True}, {"kind": "DMF", "hard": False}])
    [f] = await match_queries.suppliers_for_demand(world.conn, demand_id, 5)
    assert f.score == score(f, soft_specs_total=1, soft_certs_total=1)


async def test_matching_demands_for_supplier_best_first_and_visibility(world: World, manufacturer: Viewer) -> None:
    supplier_id = await world.supplier("T_SUP", "NAMDONG", capacity=(100, "kg"))
    small = await world.demand(manufacturer, volume_per_month=100)
    big = await world.demand(manufacturer, volume_per_month=1000)
    hidden = await world.demand(manufacturer, visibility="INVITED_ONLY")
    found = [f.demand_id for f in await match_queries.demands_for_supplier(world.conn, supplier_id, 50)]
    assert hidden not in found
    mine = [d for d in found if d in (small, big)]
    assert mine == [small, big]


async def test_iso_class_and_product_specific_certificates(world: World, manufacturer: Viewer) -> None:
    """ISO 14644 at or below the required class; a product's certificate counts for that product only."""
    await world.supplier("T_ISO7", "SONGDO", certs={"ISO_14644": 800})           # conftest: class 7
    iso8 = await world.supplier("T_ISO8", "SONGDO")
    await world.conn.execute("""INSERT INTO supplier_certification (supplier_id, kind, iso_class, expires_on)
                                VALUES ($1, 'ISO_14644', 8, $2::date + 800)""", iso8, world.today)
    other = await world.supplier("T_OTHER_PRODUCT", "SONGDO", certs={"ISO_14644": 800})
    # GMP held for another (retired) product only: does not count for the candidate product
    elsewhere = await world.conn.fetchval(
        """INSERT INTO supplier_product (supplier_id, material_id, name_en, retired_at)
           VALUES ($1, $2, 'retired twin', now()) RETURNING id""", other, world.material_id)
    await world.conn.execute("""INSERT INTO supplier_certification (supplier_id, product_id, kind, expires_on)
                                VALUES ($1, $2, 'GMP', $3::date + 800)""", other, elsewhere, world.today)
    mine = await world.supplier("T_OWN_PRODUCT", "SONGDO", certs={"ISO_14644": 800})
    own_product = await world.conn.fetchval("SELECT id FROM supplier_product WHERE supplier_id = $1", mine)
    await world.conn.execute("""INSERT INTO supplier_certification (supplier_id, product_id, kind, expires_on)
                                VALUES ($1, $2, 'GMP', $3::date + 800)""", mine, own_product, world.today)
    hard_iso = await world.demand(manufacturer, requirements=[{"kind": "ISO_14644", "max_iso_class": 7, "hard": True}])
    assert [c for c, _, _ in await _ranked(world, hard_iso)] == ["T_ISO7", "T_OTHER_PRODUCT", "T_OWN_PRODUCT"]
    soft_gmp = await world.demand(manufacturer, requirements=[{"kind": "GMP", "hard": False}])
    ranked = {c: (s, codes) for c, s, codes in await _ranked(world, soft_gmp)}
    assert ranked["T_OWN_PRODUCT"][0] == 90.0 and "CERT_MET" in ranked["T_OWN_PRODUCT"][1]
    assert ranked["T_OTHER_PRODUCT"][0] == 75.0 and "CERT_MISSING" in ranked["T_OTHER_PRODUCT"][1]


def _subplan_only(node: dict, relations: set[str], inside_subplan: bool = False) -> list[str]:
    """Scans of `relations` that are NOT under a SubPlan (i.e. joined as a whole rather than probed per pair)."""
    inside_subplan = inside_subplan or node.get("Parent Relationship") == "SubPlan"
    bad = [] if inside_subplan or node.get("Relation Name") not in relations else [node["Node Type"]]
    for child in node.get("Plans", []):
        bad += _subplan_only(child, relations, inside_subplan)
    return bad


@pytest.mark.parametrize("statement", ["SUPPLIERS_FOR_DEMAND", "DEMANDS_FOR_SUPPLIER"])
async def test_generic_plan_probes_per_pair_and_ranks_like_custom_plans(
    world: World, manufacturer: Viewer, statement: str
) -> None:
    """asyncpg prepares the statement and PostgreSQL switches to a generic plan after five runs: that
    plan must probe specifications and certificates per candidate pair (never join the whole tables)
    and rank exactly as a custom plan does."""
    supplier_id = await world.supplier("T_A", "SONGDO", specs=GOOD_SPECS, certs={"GMP": 800, "DMF": 50})
    await world.supplier("T_B", "NAMDONG", specs={"osmolality": (300, "mOsm/kg")}, certs={"GMP": 800})
    await world.supplier("T_C", "SONGDO", specs=GOOD_SPECS, certs={"DMF": 800})  # hard GMP missing
    demand_id = await world.demand(manufacturer, specs=[OSMO, ENDO], requirements=[
        {"kind": "GMP", "hard": True}, {"kind": "DMF", "hard": False}])
    sql = getattr(match_queries, statement)
    key = demand_id if statement == "SUPPLIERS_FOR_DEMAND" else supplier_id
    args = ", ".join(str(x) for x in [key, "NULL", 50, *WEIGHTS.params()])
    answers = {}
    for mode in ("force_custom_plan", "force_generic_plan"):
        await world.conn.execute(f"SET LOCAL plan_cache_mode = {mode}")
        await world.conn.execute(f"PREPARE match_{mode}(bigint, bigint, int, {', '.join(['float8'] * 11)}) AS {sql}")
        answers[mode] = [tuple(r.values())[:4] for r in await world.conn.fetch(f"EXECUTE match_{mode}({args})")]
        plan = await world.conn.fetchval(f"EXPLAIN (FORMAT JSON) EXECUTE match_{mode}({args})")
        plan = json.loads(plan) if isinstance(plan, str) else plan
        assert _subplan_only(plan[0]["Plan"], {"supplier_product_spec", "supplier_certification"}) == [], mode
        await world.conn.execute(f"DEALLOCATE match_{mode}")
    assert answers["force_generic_plan"] == answers["force_custom_plan"]
    assert len(answers["force_custom_plan"]) == (2 if statement == "SUPPLIERS_FOR_DEMAND" else 1)
