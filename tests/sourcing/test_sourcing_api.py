"""Sourcing over HTTP with real tokens: demands, matching with reasons, the pipeline, progress."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from biomap.api.node import to_global_id
from tests.sourcing.conftest import World

DOC = (Path(__file__).resolve().parents[2] / "graphql" / "operations" / "sourcing.graphql").read_text(encoding="utf-8")


async def op(client, name: str, variables: dict | None = None, token: str | None = None) -> dict:
    return await client.execute(DOC, variables, token, operation_name=name)


async def data(client, name: str, variables: dict | None = None, token: str | None = None) -> dict:
    body = await op(client, name, variables, token)
    assert "errors" not in body, body["errors"]
    return body["data"]


def _code(body: dict) -> str:
    return body["errors"][0]["extensions"]["code"]


@pytest.fixture
async def parties(world: World, make_token):
    manufacturer = await make_token("MANUFACTURER", "CELLTRION")
    supplier_id = await world.supplier("T_API_SUP", "NAMDONG", specs={"osmolality": (300, "mOsm/kg")},
                                       certs={"GMP": 45, "DMF": 900})
    supplier = await make_token("SUPPLIER", "T_API_SUP")
    city = await make_token("CITY_OFFICER", "IFEZ_AUTHORITY")
    return manufacturer, supplier, city, supplier_id


def _demand_input(world: World, **extra) -> dict:
    return {"materialCode": world.material_code, "title": "API demand", "volumePerMonth": 800, "volumeUnit": "kg",
            "deadline": (world.today + dt.timedelta(days=100)).isoformat(),
            "specs": [{"key": "osmolality", "min": 280, "max": 320, "unit": "mOsm/kg", "hard": True}],
            "requirements": [{"kind": "GMP", "hard": True}, {"kind": "BSE_TSE_FREE", "hard": False}], **extra}


async def test_post_match_invite_quote_and_validate(client, world: World, parties) -> None:
    manufacturer, supplier, city, supplier_id = parties
    posted = (await data(client, "PostDemand", {"input": _demand_input(world)}, manufacturer))["demandCreate"]
    assert posted["errors"] == [] and posted["demand"]["status"] == "OPEN"
    demand_id = posted["demand"]["id"]

    matches = (await data(client, "MatchSuppliers", {"demandId": demand_id, "first": 5}, manufacturer))["matchSuppliers"]
    [match] = matches
    assert match["supplier"]["code"] == "T_API_SUP" and match["rank"] == 1
    # soft specs (none: 20) + soft evidence (BSE/TSE missing: 0) + capacity 1000/800 kg (20) + lead time (15)
    # + Namdong (20) - GMP expiring in 45 days (5)
    assert match["score"] == 20 + 0 + 20 + 15 + 20 - 5
    codes = [r["code"] for r in match["reasons"]]
    assert codes == ["SPEC_MET", "CERT_MET", "CERT_MISSING", "CERT_EXPIRING", "CAPACITY_OK", "LEAD_TIME_OK", "ZONE"]
    assert match["facts"]["expiring"][0]["kind"] == "GMP"
    assert "renew" in match["reasons"][3]["message"]

    # the supplier sees the demand among its matches, with the same reasons
    mine = (await data(client, "MatchingDemands", {"first": 50}, supplier))["matchingDemands"]
    assert demand_id in [m["demand"]["id"] for m in mine]

    invited = (await data(client, "InviteSupplier", {"input": {
        "demandId": demand_id, "supplierId": to_global_id("Supplier", supplier_id), "note": "please quote"}},
        manufacturer))["pipelineInvite"]
    assert invited["errors"] == [] and invited["pipeline"]["stage"] == "INVITED"
    assert invited["pipeline"]["allowedMoves"] == ["REJECTED"]  # the manufacturer's only move now
    pipeline_id = invited["pipeline"]["id"]

    quoted = (await data(client, "QuoteDemand", {"input": {
        "pipelineId": pipeline_id, "price": 91000, "currency": "KRW", "leadTimeDays": 21, "sampleOffered": True,
        "evidence": ["https://example.kr/spec-sheet.pdf"]}}, supplier))["pipelineQuote"]
    assert quoted["pipeline"]["quote"] == {"price": 91000.0, "currency": "KRW", "leadTimeDays": 21,
                                           "sampleOffered": True}
    steps = [(supplier, "QUOTED", "SAMPLE_SENT"), (manufacturer, "SAMPLE_SENT", "TESTING"),
             (manufacturer, "TESTING", "VALIDATED")]
    for token, from_stage, to_stage in steps:
        moved = (await data(client, "MovePipeline", {"input": {
            "pipelineId": pipeline_id, "fromStage": from_stage, "toStage": to_stage, "note": f"to {to_stage}",
            "evidence": [f"DOC-{to_stage}"]}}, token))["pipelineMove"]
        assert moved["errors"] == [] and moved["pipeline"]["stage"] == to_stage
        if to_stage == "SAMPLE_SENT":
            assert moved["pipeline"]["allowedMoves"] == []  # now it is the manufacturer's move
        if to_stage == "TESTING":
            assert moved["pipeline"]["allowedMoves"] == ["VALIDATED", "REJECTED"]
    assert moved["pipeline"]["demand"]["material"]["status"] == "QUALIFIED"
    assert [e["toStage"] for e in moved["pipeline"]["events"]] == ["INVITED", "QUOTED", "SAMPLE_SENT", "TESTING",
                                                                   "VALIDATED"]

    detail = (await data(client, "DemandDetail", {"id": demand_id}, manufacturer))["node"]
    assert detail["pipelines"][0]["stage"] == "VALIDATED"
    progress = (await data(client, "LocalisationProgress", token=city))["localisationProgress"]
    [item] = [i for i in progress["items"] if i["code"] == world.material_code]
    assert item["status"] == "QUALIFIED" and item["validatedPipelines"] == 1
    assert item["coveredKrw"] == 800 * 12 * 91000


async def test_wrong_party_and_out_of_order_moves(client, world: World, parties, conn, make_token) -> None:
    manufacturer, supplier, city, supplier_id = parties
    demand_id = (await data(client, "PostDemand", {"input": _demand_input(world)}, manufacturer))["demandCreate"][
        "demand"]["id"]
    pipeline_id = (await data(client, "InviteSupplier", {"input": {
        "demandId": demand_id, "supplierId": to_global_id("Supplier", supplier_id)}}, manufacturer))[
        "pipelineInvite"]["pipeline"]["id"]
    # the manufacturer may not quote for the supplier
    body = await op(client, "QuoteDemand", {"input": {"pipelineId": pipeline_id, "price": 1, "leadTimeDays": 1}},
                    manufacturer)
    assert _code(body) == "FORBIDDEN" and body["data"] is None
    # the supplier may not validate
    body = await op(client, "MovePipeline", {"input": {"pipelineId": pipeline_id, "fromStage": "TESTING",
                                                       "toStage": "VALIDATED"}}, supplier)
    assert _code(body) == "FORBIDDEN"
    # INVITED -> TESTING skips stages
    moved = (await data(client, "MovePipeline", {"input": {"pipelineId": pipeline_id, "toStage": "TESTING"}},
                        manufacturer))["pipelineMove"]
    assert moved["pipeline"] is None
    assert [(e["code"], e["field"]) for e in moved["errors"]] == [("OUT_OF_ORDER", "toStage")]
    # a stranger sees nothing and may not move
    stranger = await make_token("RESEARCHER", "YONSEI_IC")
    assert (await data(client, "DemandDetail", {"id": demand_id}, stranger))["node"] is None
    assert await conn.fetchval("SELECT count(*) FROM pipeline_event WHERE pipeline_id = (SELECT max(id) FROM pipeline)"
                               ) == 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"specs": [{"key": "ph", "min": 8, "max": 7, "unit": "pH"}]}, [("RANGE_INVERTED", "specs.0.min")]),
        ({"specs": [{"key": "ph", "min": 7, "unit": "parsec"}]}, [("UNKNOWN_UNIT", "specs.0.unit")]),
        ({"volumePerMonth": -10}, [("NEGATIVE_VALUE", "volumePerMonth")]),
        ({"deadline": "2021-01-01"}, [("DEADLINE_PAST", "deadline")]),
        ({"deadline": "9999-12-31"}, [("INVALID", "deadline")]),
        ({"volumePerMonth": 1.7e308}, [("INVALID", "volumePerMonth")]),
        ({"requirements": [{"kind": "GMP", "maxIsoClass": 5}]}, [("INVALID", "requirements.0.maxIsoClass")]),
        ({"requirements": [{"kind": "ISO_14644", "maxIsoClass": 0}]}, [("INVALID", "requirements.0.maxIsoClass")]),
        ({"specs": [{"key": f"k{i}", "min": 1, "unit": "pH"} for i in range(3)] + [{"key": "Bad", "min": 1,
                                                                                     "unit": "pH"}]},
         [("INVALID", "specs.3.key")]),
        ({"title": "x" * 301, "materialCode": "NOPE"}, [("INVALID", "title"), ("NOT_FOUND", "materialCode")]),
    ],
)
async def test_bad_demand_input_over_http(client, world: World, parties, conn, change, expected) -> None:
    manufacturer = parties[0]
    before = await conn.fetchval("SELECT count(*) FROM demand")
    payload = (await data(client, "PostDemand", {"input": _demand_input(world, **change)}, manufacturer))["demandCreate"]
    assert payload["demand"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == expected
    assert await conn.fetchval("SELECT count(*) FROM demand") == before


async def test_supplier_edits_its_profile_and_certifications(client, world: World, parties, conn) -> None:
    manufacturer, supplier, city, supplier_id = parties
    refused = (await data(client, "AddCertification", {"input": {"kind": "ISO_13485"}}, supplier))[
        "supplierCertificationAdd"]
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("EXPIRY_REQUIRED", "expiresOn")]
    added = (await data(client, "AddCertification", {"input": {
        "kind": "ISO_14644", "isoClass": 7, "expiresOn": (world.today + dt.timedelta(days=365)).isoformat()}},
        supplier))["supplierCertificationAdd"]
    assert added["errors"] == [] and added["certification"]["isoClass"] == 7
    created = (await data(client, "CreateProduct", {"input": {
        "materialCode": world.material_code, "nameKo": "배지 B", "monthlyCapacity": 2, "capacityUnit": "t",
        "leadTimeDays": 10, "specs": [{"key": "ph", "value": 7.1, "unit": "pH"}]}}, supplier))["supplierProductCreate"]
    assert created["errors"] == [] and created["product"]["specs"] == [{"key": "ph", "value": 7.1, "unit": "pH"}]
    bad = (await data(client, "CreateProduct", {"input": {
        "materialCode": world.material_code, "nameKo": "x", "specs": [{"key": "ph", "value": 7, "unit": "furlong"}]}},
        supplier))["supplierProductCreate"]
    assert [(e["code"], e["field"]) for e in bad["errors"]] == [("UNKNOWN_UNIT", "specs.0.unit")]
    # a manufacturer may not edit a supplier's profile
    body = await op(client, "UpdateSupplierProfile", {"input": {"description": "hijacked"}}, manufacturer)
    assert _code(body) == "FORBIDDEN"
    updated = (await data(client, "UpdateSupplierProfile", {"input": {"description": "Namdong media maker",
                                                                      "referenceCustomers": ["Celltrion"]}},
                          supplier))["supplierProfileUpdate"]
    assert updated["supplier"]["referenceCustomers"] == ["Celltrion"]
    assert await conn.fetchval("SELECT count(*) FROM audit_log WHERE entity IN ('supplier', 'supplier_product', "
                               "'supplier_certification') AND actor_id IS NOT NULL AND at >= now()") >= 3


async def test_progress_is_for_the_city_team(client, parties) -> None:
    manufacturer, supplier, city, _ = parties
    assert _code(await op(client, "LocalisationProgress", token=manufacturer)) == "FORBIDDEN"
    assert _code(await op(client, "LocalisationProgress")) == "UNAUTHENTICATED"
    progress = (await data(client, "LocalisationProgress", token=city))["localisationProgress"]
    assert len(progress["items"]) >= 30
    assert [z["zone"] for z in progress["zones"]] == ["SONGDO", "NAMDONG", "OTHER_INCHEON", "OUTSIDE_INCHEON"]
    vial = [i for i in progress["items"] if i["code"] == "VIAL"][0]
    assert vial["status"] == "QUALIFIED" and vial["coveredKrw"] > 0
    media = [i for i in progress["items"] if i["code"] == "CELL_CULTURE_MEDIA"][0]
    assert {t["stage"] for t in media["stageTimes"]} >= {"INVITED", "QUOTED", "SAMPLE_SENT", "TESTING"}


async def test_invited_only_demands_are_hidden_until_invited(client, world: World, parties) -> None:
    manufacturer, supplier, city, supplier_id = parties
    demand_id = (await data(client, "PostDemand", {"input": _demand_input(world, visibility="INVITED_ONLY")},
                            manufacturer))["demandCreate"]["demand"]["id"]
    ids = lambda body: [m["demand"]["id"] for m in body["matchingDemands"]]  # noqa: E731
    assert demand_id not in ids(await data(client, "MatchingDemands", {"first": 100}, supplier))
    assert (await data(client, "DemandDetail", {"id": demand_id}, supplier))["node"] is None
    await data(client, "InviteSupplier", {"input": {"demandId": demand_id,
                                                    "supplierId": to_global_id("Supplier", supplier_id)}}, manufacturer)
    assert demand_id in ids(await data(client, "MatchingDemands", {"first": 100}, supplier))
    assert (await data(client, "DemandDetail", {"id": demand_id}, supplier))["node"]["title"] == "API demand"
    # only the owner (and the city team) sees matches of a demand
    assert _code(await op(client, "MatchSuppliers", {"demandId": demand_id}, supplier)) == "FORBIDDEN"
    closed = (await data(client, "CloseDemand", {"input": {"id": demand_id, "status": "CANCELLED"}}, manufacturer))
    assert closed["closeDemand"]["demand"]["status"] == "CANCELLED"


async def test_supplier_profiles_are_batched(client, statements) -> None:
    """Suppliers with products, items and certifications: one statement per level, whatever the page size."""
    query = """{ suppliers(first: 40) { edges { node { code products { nameKo material { code } }
                 certifications { kind expiresOn } } } } }"""
    await client.data(query)  # warm up: asyncpg introspects custom types once per connection
    statements.reset()
    body = await client.data(query)
    assert len(body["suppliers"]["edges"]) == 40
    assert statements.count <= 4, statements.statements


async def test_match_suppliers_costs_a_fixed_number_of_statements(client, world: World, parties, statements) -> None:
    manufacturer, supplier, city, supplier_id = parties
    for i in range(6):
        await world.supplier(f"T_COUNT_{i}", "SONGDO", certs={"GMP": 900})
    demand_id = (await data(client, "PostDemand", {"input": _demand_input(world, specs=[])}, manufacturer))[
        "demandCreate"]["demand"]["id"]
    await data(client, "MatchSuppliers", {"demandId": demand_id, "first": 20}, manufacturer)  # warm up
    statements.reset()
    matches = (await data(client, "MatchSuppliers", {"demandId": demand_id, "first": 20}, manufacturer))["matchSuppliers"]
    assert len(matches) == 7
    # token, demand (permission), the matching statement (with the page's suppliers and products)
    assert statements.count == 3, statements.statements


async def test_quote_currency_and_website_are_checked_over_http(client, world: World, parties) -> None:
    manufacturer, supplier, city, supplier_id = parties
    demand_id = (await data(client, "PostDemand", {"input": _demand_input(world, materialCode=world.material_code.lower())},
                            manufacturer))["demandCreate"]["demand"]["id"]
    pipeline_id = (await data(client, "InviteSupplier", {"input": {
        "demandId": demand_id, "supplierId": to_global_id("Supplier", supplier_id)}}, manufacturer))[
        "pipelineInvite"]["pipeline"]["id"]
    quoted = (await data(client, "QuoteDemand", {"input": {"pipelineId": pipeline_id, "price": 10, "currency": "GBP",
                                                           "leadTimeDays": 1}}, supplier))["pipelineQuote"]
    assert [(e["code"], e["field"]) for e in quoted["errors"]] == [("INVALID", "currency")]
    assert "KRW, USD, EUR, JPY, CNY" in quoted["errors"][0]["message"]
    updated = (await data(client, "UpdateSupplierProfile", {"input": {"website": "javascript:alert(document.cookie)"}},
                          supplier))["supplierProfileUpdate"]
    assert [(e["code"], e["field"]) for e in updated["errors"]] == [("INVALID", "website")]


@pytest.mark.parametrize(
    ("operation", "variables", "role", "expected", "wrong"),
    [
        ("MatchingDemands", {}, None, "see the demands a supplier's products match", "profile"),
        ("MatchingDemands", {}, "CITY_OFFICER", "see the demands a supplier's products match", "profile"),
        ("InviteSupplier", {"input": {"demandId": "x", "supplierId": "y"}}, None, "invite suppliers", "post"),
        ("InviteSupplier", {"input": {"demandId": "x", "supplierId": "y"}}, "SUPPLIER", "invite suppliers", "post"),
        ("CloseDemand", {"input": {"id": "x"}}, None, "close a demand", "post"),
        ("CreateProduct", {"input": {"materialCode": "VIAL"}}, None, "change a supplier's products", "profile"),
    ],
)
async def test_refusals_say_what_was_attempted(client, make_token, operation, variables, role, expected,
                                               wrong) -> None:
    token = await make_token(role, {"CITY_OFFICER": "IFEZ_AUTHORITY", "SUPPLIER": "BIOCS"}[role]) if role else None
    body = await op(client, operation, variables, token)
    assert _code(body) == ("FORBIDDEN" if role else "UNAUTHENTICATED")
    message = body["errors"][0]["message"]
    assert expected in message and wrong not in message, message


async def test_a_non_http_website_stored_earlier_is_not_served(client, conn, parties) -> None:
    supplier_id = parties[3]
    await conn.execute("UPDATE supplier SET website = 'javascript:alert(document.cookie)' WHERE id = $1", supplier_id)
    profile = (await data(client, "SupplierProfile", {"code": "T_API_SUP"}))["supplier"]
    assert profile["website"] == ""
