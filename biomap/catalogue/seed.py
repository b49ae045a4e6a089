"""Loads the demo catalogue from seeds/*.json. Idempotent: rows are keyed by code / source_id."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg

from biomap.catalogue import (
    equipment_queries,
    institution_queries,
    technology_queries,
    trainee_queries,
)
from biomap.catalogue.search_documents import rebuild_search
from biomap.identity import service as identity


@dataclass(frozen=True, slots=True)
class SeedCounts:
    institutions: int
    equipment: int
    technologies: int
    trainees: int


def _read(seeds_dir: Path, name: str) -> list[dict[str, Any]]:
    return json.loads((seeds_dir / name).read_text(encoding="utf-8"))


async def load_catalogue(conn: asyncpg.Connection, seeds_dir: Path) -> SeedCounts:
    institution_ids: dict[str, int] = {}
    institutions = _read(seeds_dir, "institutions.json")
    for inst in institutions:
        org_id = await identity.ensure_organisation(
            conn, code=inst["code"], name_ko=inst.get("name_ko", ""), name_en=inst.get("name_en", ""),
            verified=inst.get("verified", True),
        )
        await institution_queries.upsert_institution(conn, org_id, inst)
        institution_ids[inst["code"]] = org_id

    equipment = _read(seeds_dir, "equipment.json")
    for item in equipment:
        values = {k: v for k, v in item.items() if k != "institution"}
        await equipment_queries.upsert_equipment_by_source(conn, institution_ids[item["institution"]], values)

    technologies = _read(seeds_dir, "technologies.json")
    for tech in technologies:
        values = {k: v for k, v in tech.items() if k != "institution"}
        await technology_queries.upsert_technology_by_source(conn, institution_ids[tech["institution"]], values)

    trainees = _read(seeds_dir, "trainees.json")
    for trainee in trainees:
        data = {
            **trainee,
            "completed_on": dt.date.fromisoformat(trainee["completed_on"]),
            "available_from": _date(trainee.get("available_from")),
        }
        trainee_id = await trainee_queries.upsert_trainee_by_source(
            conn, institution_ids[trainee["institution"]], data
        )
        if trainee.get("personal"):
            await trainee_queries.replace_trainee_personal(conn, trainee_id, trainee["personal"])
        consent = trainee.get("consent")
        consents = [] if consent is None else [{
            **consent,
            "given_at": dt.datetime.fromisoformat(consent["given_at"]),
            "retention_until": dt.date.fromisoformat(consent["retention_until"]),
            "withdrawn_at": _datetime(consent.get("withdrawn_at")),
        }]
        await trainee_queries.replace_trainee_consents(conn, trainee_id, consents)
    await rebuild_search(conn)
    return SeedCounts(len(institutions), len(equipment), len(technologies), len(trainees))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None
