"""Against a real Meilisearch (BIOMAP_MEILI_URL, optional BIOMAP_MEILI_KEY): reindex the seeded test
database into a temporary index, search in Korean and English, by glossary concept and with a typo,
check the permission rules against the documents themselves, relay one change, and clean up.

Skipped, with the reason shown, when no server is configured."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Mapping
from dataclasses import asdict, dataclass
from typing import Any

import asyncpg
import pytest

if not os.environ.get("BIOMAP_MEILI_URL"):
    pytest.skip("BIOMAP_MEILI_URL not set: no Meilisearch server on this machine", allow_module_level=True)

from meilisearch_python_sdk import AsyncClient

from biomap.db.pool import connect
from biomap.search.meili import relay as mr
from biomap.search.meili import sync as msync
from biomap.search.meili.backend import MeilisearchBackend
from biomap.search.models import SearchFilter, SearchKind, SearchRequest, SearchScope

ALL = tuple(SearchKind)
ADMIN = SearchScope(True, None, ("PUBLIC", "EMPLOYERS", "HIDDEN"), None)
ANONYMOUS = SearchScope(False, None, ("PUBLIC",), None)
NO_FILTER = SearchFilter()


@dataclass
class Live:
    client: AsyncClient
    uid: str
    backend: MeilisearchBackend
    index: msync.MeiliIndex
    documents: list[dict[str, Any]]  # SearchDocument fields, from the database
    report: msync.ReindexReport


@pytest.fixture(scope="module")
async def live(database_dsn: str) -> AsyncIterator[Live]:
    loader = mr.default_loader()
    client = AsyncClient(os.environ["BIOMAP_MEILI_URL"], os.environ.get("BIOMAP_MEILI_KEY") or None, timeout=60)
    uid = f"biomap-test-{uuid.uuid4().hex[:8]}"
    conn = await connect(database_dsn)
    try:
        report = await msync.reindex(conn, client, uid)
        source = [asdict(d) for kind in SearchKind for d in await loader(conn, kind, None)]
        yield Live(client, uid, MeilisearchBackend(client, uid), msync.MeiliIndex(client, uid), source, report)
    finally:
        for index in await client.get_indexes(limit=1000) or []:
            if index.uid == uid or index.uid.startswith(f"{uid}-"):
                await client.delete_index_if_exists(index.uid)
        await conn.close()
        await client.aclose()


async def _search(live: Live, text: str, scope: SearchScope = ADMIN, kinds: tuple[SearchKind, ...] = ALL,
                  flt: SearchFilter = NO_FILTER, limit: int = 100) -> Any:
    return await live.backend.search(None, SearchRequest(text, kinds, flt, scope, limit=limit))


def _ids(result: Any, kind: SearchKind = SearchKind.EQUIPMENT) -> set[int]:
    return {h.entity_id for h in result.hits if h.kind is kind}


def _equipment(live: Live, predicate: Any) -> set[int]:
    return {d["entity_id"] for d in live.documents
            if d["kind"] is SearchKind.EQUIPMENT and d["status"] != "RETIRED" and predicate(d)}


async def test_reindex_builds_everything_and_check_agrees(live: Live, conn: asyncpg.Connection) -> None:
    assert live.report.documents == len(live.documents) > 0
    report = await msync.check(conn, live.index)
    assert report.ok, report.summary()
    leftovers = [i.uid for i in await live.client.get_indexes(limit=1000) or [] if i.uid.startswith(f"{live.uid}-")]
    assert leftovers == []  # the built index was swapped in and the old content deleted


async def test_korean_query_finds_korean_names(live: Live) -> None:
    wanted = _equipment(live, lambda d: "유세포분석기" in d["title_ko"])
    assert wanted
    result = await _search(live, "유세포분석기를")  # the particle must not matter
    assert wanted <= _ids(result)
    assert any("<mark>" in snippet for hit in result.hits[:5] for snippet in hit.highlights.values())


async def test_english_query_and_concept_reach_korean_only_records(live: Live) -> None:
    english = _equipment(live, lambda d: "flow cytometer" in d["title_en"].lower())
    assert english <= _ids(await _search(live, "flow cytometer"))
    from biomap.search.analyzer import get_analyzer

    if not get_analyzer().analyze_query("FACS").concepts:
        pytest.skip("the glossary (search/glossary.tsv) has no concept for FACS")
    korean_only = _equipment(live, lambda d: "유세포분석기" in d["title_ko"] and not d["title_en"])
    assert korean_only and korean_only <= _ids(await _search(live, "FACS"))


async def test_a_typo_still_finds(live: Live) -> None:
    wanted = _equipment(live, lambda d: "centrifuge" in d["title_en"].lower())
    assert wanted
    assert _ids(await _search(live, "centrifgue")) & wanted


def _visible(d: Mapping[str, Any], scope: SearchScope) -> bool:
    return ((d["kind"] is not SearchKind.EQUIPMENT or d["access_policy"] != "INTERNAL" or scope.see_all_internal
             or d["institution_id"] == scope.own_institution_id)
            and (d["kind"] is not SearchKind.TRAINEE or d["visibility"] in scope.trainee_visibilities
                 or d["institution_id"] == scope.managed_institution_id)
            and (d["status"] or "") != "RETIRED")


@pytest.mark.parametrize("scope", [
    ANONYMOUS, ADMIN, SearchScope(False, None, ("PUBLIC", "EMPLOYERS"), None),
], ids=["anonymous", "all", "employer"])
async def test_permission_filters_match_the_documents(live: Live, scope: SearchScope) -> None:
    sample = live.documents[0]
    own = SearchScope(False, sample["institution_id"], scope.trainee_visibilities, sample["institution_id"])
    for viewer in (scope, own):
        result = await _search(live, "", viewer, limit=0)
        expected = [d for d in live.documents if _visible(d, viewer)]
        assert result.total == len(expected)
        kinds = {v.value: v.count for f in result.facets if f.field == "kind" for v in f.values}
        assert kinds == {k.value: n for k in SearchKind if (n := sum(d["kind"] is k for d in expected))}


async def test_hostile_filter_value_is_just_a_value(live: Live) -> None:
    result = await _search(live, "", ANONYMOUS, flt=SearchFilter(statuses=('ACTIVE" OR kind = "TRAINEE',)))
    assert result.total == 0


async def test_suggest(live: Live) -> None:
    suggestions = await live.backend.suggest(None, "유세포", 8, ADMIN)
    assert any(s.text.replace(" ", "").startswith("유세포") for s in suggestions), suggestions


async def test_relay_pushes_a_change(live: Live, conn: asyncpg.Connection) -> None:
    equipment_id = min(_equipment(live, lambda d: d["access_policy"] == "PUBLIC"))
    await conn.execute("UPDATE outbox SET delivered_at = now() WHERE delivered_at IS NULL")
    change = conn.transaction()
    await change.start()
    try:
        await conn.execute("UPDATE equipment SET name_ko = '라이브시험장비' WHERE id = $1", equipment_id)
        await conn.execute("INSERT INTO outbox (topic, payload) VALUES ($1, $2)", mr.TOPIC,
                           {"entity": "equipment", "id": equipment_id, "action": "update"})
        assert await mr.relay_once(conn, live.index) == 1
        assert equipment_id in _ids(await _search(live, "라이브시험장비", ANONYMOUS))
    finally:
        await change.rollback()
        await mr.push_changes(conn, live.index, {SearchKind.EQUIPMENT: [equipment_id]})  # back as it was
    assert equipment_id not in _ids(await _search(live, "라이브시험장비", ANONYMOUS))
