"""Synthetic catalogue for the benchmark: 30 institutions and 10,000 equipment rows, inserted with SQL.

Deterministic (fixed random seed) so two runs measure the same page. Equipment ids are spread over
the institutions at random, so the first page of 20 touches many institutions and the GraphQL
`institution` field really batches (one `institutions_by_ids` per page, not one per row).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass

import asyncpg

from biomap.catalogue.taxonomy import CATEGORIES

SEED = 20240601
INSTITUTION_COUNT = 30
EQUIPMENT_COUNT = 10_000

ZONES = ("SONGDO", "NAMDONG", "OTHER_INCHEON", "OUTSIDE_INCHEON")
ZONE_CENTRES = {
    "SONGDO": (37.382, 126.656),
    "NAMDONG": (37.405, 126.700),
    "OTHER_INCHEON": (37.456, 126.705),
    "OUTSIDE_INCHEON": (37.566, 126.978),
}
# (kind, Korean suffix, English suffix)
KINDS = (
    ("UNIVERSITY", "대학교", "University"),
    ("HOSPITAL", "병원", "Hospital"),
    ("RESEARCH_INSTITUTE", "연구원", "Research Institute"),
    ("COMPANY", "바이오", "Bio Inc."),
    ("PUBLIC_SUPPORT_CENTRE", "바이오지원센터", "Bio Support Centre"),
    ("TRAINING_CENTRE", "바이오공정 인력양성센터", "Bioprocess Training Centre"),
)
PLACES = (
    ("송도", "Songdo"), ("인천", "Incheon"), ("남동", "Namdong"), ("연수", "Yeonsu"), ("청라", "Cheongna"),
    ("영종", "Yeongjong"), ("부평", "Bupyeong"), ("서울", "Seoul"), ("경기", "Gyeonggi"), ("한빛", "Hanbit"),
)
MANUFACTURERS = (
    "Thermo Fisher Scientific", "Agilent", "Waters", "Bruker", "Carl Zeiss", "Leica", "Sartorius", "Cytiva",
    "Bio-Rad", "Eppendorf", "Shimadzu", "Beckman Coulter", "Illumina", "Hamilton", "Malvern Panalytical",
    "한일과학", "대한과학", "비전과학", "JEOL", "Olympus",
)
BUILDINGS = ("본관", "연구동 A", "연구동 B", "바이오센터", "GMP동", "Lab Building 2")
# Anonymous viewers see PUBLIC and CLUSTER (not INTERNAL) and not RETIRED: mostly visible rows.
ACCESS_WEIGHTS = (("PUBLIC", 55), ("CLUSTER", 40), ("INTERNAL", 5))
STATUS_WEIGHTS = (("ACTIVE", 90), ("MAINTENANCE", 7), ("RETIRED", 3))
SERVICE_MODES = ("SELF_SERVICE", "OPERATOR_ASSISTED", "ANALYSIS_REQUEST")


@dataclass(frozen=True, slots=True)
class BenchData:
    institutions: int
    equipment: int


def _weighted(rng: random.Random, weights: tuple[tuple[str, int], ...]) -> str:
    values, w = zip(*weights, strict=True)
    return rng.choices(values, weights=w)[0]


async def _insert_institutions(conn: asyncpg.Connection, rng: random.Random) -> list[int]:
    ids: list[int] = []
    for n in range(INSTITUTION_COUNT):
        kind, suffix_ko, suffix_en = KINDS[n % len(KINDS)]
        place_ko, place_en = PLACES[n % len(PLACES)]
        zone = ZONES[n % len(ZONES)]
        org_id = await conn.fetchval(
            "INSERT INTO organisation (code, name_ko, name_en, verified_at) VALUES ($1, $2, $3, now()) RETURNING id",
            f"BENCH_{n:02d}", f"{place_ko}{suffix_ko} {n:02d}", f"{place_en} {suffix_en} {n:02d}",
        )
        lat, lon = ZONE_CENTRES[zone]
        await conn.execute(
            """INSERT INTO institution (id, kind, zone, address, latitude, longitude, website, description, sources)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""",
            org_id, kind, zone, f"인천광역시 연수구 벤치로 {n + 1}", lat + rng.uniform(-0.02, 0.02),
            lon + rng.uniform(-0.02, 0.02), f"https://bench-{n:02d}.example.org", "Synthetic benchmark institution.",
            [f"https://bench-{n:02d}.example.org/equipment"],
        )
        ids.append(org_id)
    return ids


def _equipment_columns(rng: random.Random, institution_ids: list[int]) -> dict[str, list[object]]:
    """Column arrays for one INSERT ... SELECT FROM unnest(...): one round trip for all rows."""
    cols: dict[str, list[object]] = {k: [] for k in (
        "institution_id", "name_ko", "name_en", "category", "manufacturer", "model", "year", "specifications",
        "building", "room", "status", "access_policy", "service_mode", "training_required",
        "rate_internal_krw", "rate_academic_krw", "rate_industry_krw", "nfec_registration",
    )}
    for n in range(EQUIPMENT_COUNT):
        category = rng.choice(CATEGORIES)
        maker = rng.choice(MANUFACTURERS)
        model = f"{rng.choice('ABCDEFGHKLMPQRSTXZ')}{rng.randint(100, 9999)}"
        naming = rng.random()  # some rows have only an English or only a Korean name, as imports do
        name_ko = "" if naming < 0.15 else f"{category.label_ko} ({maker} {model})"
        name_en = "" if 0.15 <= naming < 0.25 else f"{category.label_en.split(' (')[0]} {maker} {model}"
        rate = rng.choice((None, 20_000, 50_000, 100_000, 250_000))
        cols["institution_id"].append(rng.choice(institution_ids))
        cols["name_ko"].append(name_ko)
        cols["name_en"].append(name_en)
        cols["category"].append(category.code)
        cols["manufacturer"].append(maker)
        cols["model"].append(model)
        cols["year"].append(rng.randint(2005, 2024))
        cols["specifications"].append(json.dumps({"power": f"{rng.randint(1, 30)} kW", "note": "벤치마크"},
                                                 ensure_ascii=False))
        cols["building"].append(rng.choice(BUILDINGS))
        cols["room"].append(f"{rng.randint(1, 6)}{rng.randint(1, 30):02d}호")
        cols["status"].append(_weighted(rng, STATUS_WEIGHTS))
        cols["access_policy"].append(_weighted(rng, ACCESS_WEIGHTS))
        cols["service_mode"].append(rng.choice(SERVICE_MODES))
        cols["training_required"].append(rng.random() < 0.3)
        cols["rate_internal_krw"].append(None if rate is None else rate // 2)
        cols["rate_academic_krw"].append(rate)
        cols["rate_industry_krw"].append(None if rate is None else rate * 2)
        cols["nfec_registration"].append(f"NFEC-2024-{n:06d}" if rng.random() < 0.6 else "")
    return cols


_EQUIPMENT_INSERT = """
INSERT INTO equipment (institution_id, name_ko, name_en, category, manufacturer, model, year, specifications,
                       building, room, status, access_policy, service_mode, training_required,
                       rate_internal_krw, rate_academic_krw, rate_industry_krw, nfec_registration)
SELECT institution_id, name_ko, name_en, category, manufacturer, model, year, specifications::jsonb,
       building, room, status::equipment_status, access_policy::access_policy, service_mode::service_mode,
       training_required, rate_internal_krw, rate_academic_krw, rate_industry_krw, nfec_registration
  FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[],
              $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::bool[],
              $15::int[], $16::int[], $17::int[], $18::text[])
    AS t(institution_id, name_ko, name_en, category, manufacturer, model, year, specifications,
         building, room, status, access_policy, service_mode, training_required,
         rate_internal_krw, rate_academic_krw, rate_industry_krw, nfec_registration)
"""


async def load(conn: asyncpg.Connection) -> BenchData:
    """Insert the synthetic catalogue into an empty, migrated database (one transaction)."""
    rng = random.Random(SEED)
    async with conn.transaction():
        institution_ids = await _insert_institutions(conn, rng)
        cols = _equipment_columns(rng, institution_ids)
        await conn.execute(_EQUIPMENT_INSERT, *cols.values())
    # Fresh statistics, so the planner sees 10,000 rows rather than an empty table.
    await conn.execute("ANALYZE organisation, institution, equipment")
    count = await conn.fetchval("SELECT count(*) FROM equipment")
    return BenchData(institutions=len(institution_ids), equipment=count)
