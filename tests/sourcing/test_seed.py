"""The sourcing demo data: all 30 items, 60+ suppliers with the real companies and their sources."""

from __future__ import annotations

import asyncpg


async def test_thirty_items_sourced_or_marked_estimated(conn: asyncpg.Connection) -> None:
    rows = await conn.fetch("SELECT code, sources, source_note FROM material WHERE code NOT LIKE 'TEST_%'")
    assert len(rows) == 30
    sourced = [r for r in rows if r["sources"]]
    assert len(sourced) >= 20 and all(u.startswith("http") for r in sourced for u in r["sources"])
    assert all("estimated" in r["source_note"] for r in rows if not r["sources"])


async def test_suppliers_include_the_real_companies_with_sources(conn: asyncpg.Connection) -> None:
    rows = await conn.fetch("SELECT o.code, s.zone, s.sources, s.synthetic FROM supplier s JOIN organisation o USING (id)")
    assert len(rows) >= 60
    real = {r["code"]: r for r in rows if not r["synthetic"]}
    assert {"BIOCS", "DONGSHIN_GLASS", "ECOMASS", "AMICOGEN", "MERCK_KOREA", "SARTORIUS_KOREA", "HANIL_RUBBER"} <= set(real)
    assert all(r["sources"] for r in real.values())
    assert {r["zone"] for r in rows} == {"SONGDO", "NAMDONG", "OTHER_INCHEON", "OUTSIDE_INCHEON"}
    # certifications of real companies are not public facts: marked illustrative
    assert await conn.fetchval(
        """SELECT bool_and(c.illustrative) FROM supplier_certification c JOIN supplier s ON s.id = c.supplier_id
            WHERE NOT s.synthetic""")


async def test_demo_pipelines_in_several_stages(conn: asyncpg.Connection) -> None:
    stages = {r["stage"] for r in await conn.fetch("SELECT DISTINCT stage FROM pipeline")}
    assert {"INVITED", "QUOTED", "SAMPLE_SENT", "TESTING", "VALIDATED", "REJECTED"} <= stages
    assert await conn.fetchval("SELECT status FROM material WHERE code = 'VIAL'") == "QUALIFIED"
