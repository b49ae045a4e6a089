"""Search relevance suite: graded judgments over the seeded catalogue, nDCG@10 and recall@10 per kind.

tests/search/relevance_judgments.json lists the queries researchers type (Korean, English, mixed,
with particles, odd spacing, typos, abbreviations, loanwords, model names, messy imported names…),
each with a `kind`, the `search_kinds` it searches and graded judgments keyed
"<institution code>/<source_id>" (3 = exactly what was asked, 2 = the right kind but a weaker
match, 1 = related, unlisted = 0). Only records an anonymous viewer may see are judged: equipment
ACTIVE/MAINTENANCE and PUBLIC/CLUSTER, every (unretired) technology, PUBLIC trainees.
Optional per query:
- `not_first`: keys that must not be the first hit;
- `first_min_grade`: the first hit must have at least this grade. Queries that mean a bioreactor
  or a centrifuge carry 1, so an unjudged look-alike (an electrical air-core reactor, a centrifugal
  pump…) is never first; the `distractor` kind carries 2.

`test_relevance_suite` runs every query through the search service as an anonymous viewer, prints
a table (kind, #queries, nDCG@10, recall@10; see `pytest -s` or the -rA summary) and holds the
scores to the thresholds below. Metric definitions: tests/search/relevance_metrics.py.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "seeds"
JUDGMENTS_PATH = HERE / "relevance_judgments.json"

K = 10
# Thresholds: to be set to the measured values minus a margin once the search service exists.
MIN_OVERALL_NDCG = 0.90
MIN_KIND_NDCG = 0.75

EQUIPMENT_KINDS = (
    "korean", "english", "cross_lingual_ko_to_en", "cross_lingual_en_to_ko", "particles_endings",
    "spacing", "typo", "abbreviation_loanword", "model_name", "messy_import", "stemming", "distractor",
)
MIN_QUERIES_PER_KIND = {**dict.fromkeys(EQUIPMENT_KINDS, 6), "technology": 5, "trainee": 4}
MIN_QUERIES = 90
SEARCH_KINDS = ("EQUIPMENT", "TECHNOLOGY", "TRAINEE")


def _load_metrics():
    """relevance_metrics.py sits next to this file; tests run with --import-mode=importlib and no
    __init__.py, so it is loaded by path."""
    name = "biomap_tests_search_relevance_metrics"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE / "relevance_metrics.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


metrics = _load_metrics()


def load_judgments() -> list[dict[str, Any]]:
    return json.loads(JUDGMENTS_PATH.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------
# The metrics, with hand-computed values
# ---------------------------------------------------------------------------------------------

JUDGED = {"a": 3, "b": 2, "c": 1}


def test_ndcg_perfect_ranking_is_one() -> None:
    assert metrics.ndcg_at_k(["a", "b", "c"], JUDGED) == pytest.approx(1.0)
    # unjudged records after all the judged ones cost nothing
    assert metrics.ndcg_at_k(["a", "b", "c", "x", "y"], JUDGED) == pytest.approx(1.0)


def test_ndcg_empty_or_irrelevant_ranking_is_zero() -> None:
    assert metrics.ndcg_at_k([], JUDGED) == 0.0
    assert metrics.ndcg_at_k(["x", "y", "z"], JUDGED) == 0.0
    assert metrics.ndcg_at_k(["a"], {}) == 0.0


def test_ndcg_known_permutation() -> None:
    # DCG(c, a, b) = 1/log2(2) + 7/log2(3) + 3/log2(4) = 1 + 4.41650 + 1.5 = 6.91650
    # IDCG(a, b, c) = 7 + 3/log2(3) + 1/2 = 7 + 1.89279 + 0.5 = 9.39279
    assert metrics.ndcg_at_k(["c", "a", "b"], JUDGED) == pytest.approx(6.91650 / 9.39279, abs=1e-5)
    assert metrics.ndcg_at_k(["c", "a", "b"], JUDGED) == pytest.approx(0.736363, abs=1e-5)


def test_ndcg_ideal_counts_judged_items_never_returned() -> None:
    # only "a" found, at rank 1: 7 / 9.39279
    assert metrics.ndcg_at_k(["a"], JUDGED) == pytest.approx(0.745253, abs=1e-5)
    # an unjudged record at rank 1 pushes "a" to rank 2: (7 / log2 3) / 9.39279
    assert metrics.ndcg_at_k(["x", "a"], JUDGED) == pytest.approx(0.470210, abs=1e-5)


def test_ndcg_cut_at_k_and_duplicates_count_once() -> None:
    judged = {f"r{i}": 1 for i in range(12)}
    assert metrics.ndcg_at_k([f"r{i}" for i in range(12)], judged, k=10) == pytest.approx(1.0)
    # r0 twice: the second copy is dropped, so the ranking is r0, r1 — not r0, r0
    assert metrics.ndcg_at_k(["r0", "r0", "r1"], {"r0": 3, "r1": 3}) == pytest.approx(1.0)
    # relevant item at rank 11 is outside the top 10
    ranked = [f"x{i}" for i in range(10)] + ["a"]
    assert metrics.ndcg_at_k(ranked, JUDGED, k=10) == 0.0


def test_recall_at_k() -> None:
    judged = {"a": 3, "b": 2, "c": 1, "d": 2}
    assert metrics.recall_at_k(["a", "b", "d"], judged) == pytest.approx(1.0)
    assert metrics.recall_at_k(["a", "c", "x"], judged) == pytest.approx(1 / 3)  # grade 1 does not count
    assert metrics.recall_at_k([], judged) == 0.0
    assert metrics.recall_at_k(["a"], {"c": 1}) == 0.0  # nothing relevant to find
    assert metrics.recall_at_k(["a", "a", "a"], judged) == pytest.approx(1 / 3)  # duplicates count once


def test_recall_denominator_capped_at_k() -> None:
    judged = {f"r{i}": 3 for i in range(15)}
    assert metrics.recall_at_k([f"r{i}" for i in range(10)], judged, k=10) == pytest.approx(1.0)
    assert metrics.recall_at_k([f"r{i}" for i in range(5)], judged, k=10) == pytest.approx(0.5)


def test_summary_per_kind_and_overall() -> None:
    scores = [
        metrics.QueryScore("korean", "q1", 1.0, 1.0),
        metrics.QueryScore("korean", "q2", 0.5, 0.0),
        metrics.QueryScore("typo", "q3", 0.0, 0.5),
    ]
    rows = metrics.summarise(scores)
    assert [(r.kind, r.queries) for r in rows] == [("korean", 2), ("typo", 1), ("ALL", 3)]
    assert rows[0].ndcg == pytest.approx(0.75) and rows[0].recall == pytest.approx(0.5)
    assert rows[2].ndcg == pytest.approx(0.5) and rows[2].recall == pytest.approx(0.5)
    table = metrics.format_table(rows)
    assert "| korean |       2 |   0.750 |     0.500 |" in table
    assert metrics.summarise([]) == []


# ---------------------------------------------------------------------------------------------
# The judgments file against the seeds (no database, no search)
# ---------------------------------------------------------------------------------------------

def _visible_seed_keys() -> dict[str, set[str]]:
    """Keys of the seed records an anonymous viewer may see, per search kind."""
    def read(name: str) -> list[dict[str, Any]]:
        return json.loads((SEEDS / name).read_text(encoding="utf-8"))

    def key(r: dict[str, Any]) -> str:
        return f"{r['institution']}/{r['source_id']}"

    return {
        "EQUIPMENT": {key(r) for r in read("equipment.json")
                      if r.get("status", "ACTIVE") in ("ACTIVE", "MAINTENANCE")
                      and r.get("access_policy", "CLUSTER") in ("PUBLIC", "CLUSTER")},
        "TECHNOLOGY": {key(r) for r in read("technologies.json") if not r.get("retired_at")},
        "TRAINEE": {key(r) for r in read("trainees.json") if r.get("visibility", "EMPLOYERS") == "PUBLIC"},
    }


def test_judgments_file_is_consistent_with_the_seeds() -> None:
    queries = load_judgments()
    visible = _visible_seed_keys()
    problems: list[str] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    allowed_fields = {"query", "kind", "search_kinds", "judgments", "not_first", "first_min_grade"}
    for q in queries:
        label = f"{q.get('kind')} {q.get('query')!r}"
        if set(q) - allowed_fields or not {"query", "kind", "search_kinds", "judgments"} <= set(q):
            problems.append(f"{label}: fields {sorted(q)}")
            continue
        if q["kind"] not in MIN_QUERIES_PER_KIND:
            problems.append(f"{label}: unknown kind")
        if not q["query"].strip():
            problems.append(f"{label}: empty query")
        ident = (q["query"], tuple(q["search_kinds"]))
        if ident in seen:
            problems.append(f"{label}: duplicate query")
        seen.add(ident)
        if not q["search_kinds"] or set(q["search_kinds"]) - set(SEARCH_KINDS):
            problems.append(f"{label}: search_kinds {q['search_kinds']}")
            continue
        findable = set().union(*(visible[k] for k in q["search_kinds"]))
        for key, grade in q["judgments"].items():
            if grade not in (1, 2, 3):
                problems.append(f"{label}: {key} has grade {grade!r} (1-3; leave 0 out)")
            if key not in findable:
                problems.append(f"{label}: {key} is not a seed record an anonymous viewer can find")
        if not any(g >= metrics.RELEVANT_GRADE for g in q["judgments"].values()):
            problems.append(f"{label}: no item of grade >= {metrics.RELEVANT_GRADE} (recall undefined)")
        for key in q.get("not_first", []):
            if key not in findable:
                problems.append(f"{label}: not_first {key} is not a findable seed record")
            elif q["judgments"].get(key, 0) >= metrics.RELEVANT_GRADE:
                problems.append(f"{label}: not_first {key} is also judged relevant")
        if q.get("first_min_grade", 1) not in (1, 2, 3):
            problems.append(f"{label}: first_min_grade {q['first_min_grade']!r}")
        if q["kind"] == "trainee" and q["search_kinds"] != ["TRAINEE"]:
            problems.append(f"{label}: trainee queries search trainees")
        if q["kind"] == "technology" and q["search_kinds"] != ["TECHNOLOGY"]:
            problems.append(f"{label}: technology queries search technologies")
    assert not problems, "\n".join(problems)

    counts = Counter(q["kind"] for q in queries)
    assert len(queries) >= MIN_QUERIES
    short = {kind: counts[kind] for kind, n in MIN_QUERIES_PER_KIND.items() if counts[kind] < n}
    assert not short, f"too few queries: {short}"


# ---------------------------------------------------------------------------------------------
# The suite itself
# ---------------------------------------------------------------------------------------------

KEY_SQL = {
    "EQUIPMENT": """
        SELECT e.id, o.code || '/' || e.source_id AS key,
               (e.status IN ('ACTIVE', 'MAINTENANCE') AND e.access_policy IN ('PUBLIC', 'CLUSTER')) AS visible
        FROM equipment e JOIN organisation o ON o.id = e.institution_id
        WHERE e.source_id IS NOT NULL""",
    "TECHNOLOGY": """
        SELECT t.id, o.code || '/' || t.source_id AS key, t.retired_at IS NULL AS visible
        FROM technology t JOIN organisation o ON o.id = t.institution_id
        WHERE t.source_id IS NOT NULL""",
    "TRAINEE": """
        SELECT t.id, o.code || '/' || t.source_id AS key, t.visibility = 'PUBLIC' AS visible
        FROM trainee t JOIN organisation o ON o.id = t.institution_id
        WHERE t.source_id IS NOT NULL""",
}


async def test_relevance_suite(conn) -> None:
    from biomap.catalogue.search_documents import search_scope
    from biomap.identity.models import Viewer
    from biomap.search import service as search_service
    from biomap.search.models import SearchFilter, SearchKind

    # database id <-> "<institution>/<source_id>", one query per kind
    key_of: dict[tuple[str, int], str] = {}
    visible_keys: dict[str, set[str]] = {}
    hidden_keys: set[str] = set()
    for kind, sql in KEY_SQL.items():
        visible_keys[kind] = set()
        for row in await conn.fetch(sql):
            key_of[(kind, row["id"])] = row["key"]
            (visible_keys[kind] if row["visible"] else hidden_keys).add(row["key"])

    queries = load_judgments()
    scope = search_scope(Viewer.anonymous())
    scores = []
    failures: list[str] = []
    details: list[tuple[float, str]] = []
    for q in queries:
        label = f"[{q['kind']}] {q['query']!r}"
        findable = set().union(*(visible_keys[k] for k in q["search_kinds"]))
        missing = sorted(set(q["judgments"]) - findable)
        if missing:
            failures.append(f"{label}: judged records missing from the seeded database: {missing}")

        kinds = tuple(SearchKind(k) for k in q["search_kinds"])
        result = await search_service.search(conn, q["query"], scope, kinds=kinds, filter=SearchFilter(), first=K)
        ranked = []
        for hit in result.hits[:K]:
            hit_kind = SearchKind(hit.kind).value
            ranked.append(key_of.get((hit_kind, hit.entity_id), f"<{hit_kind} id={hit.entity_id}>"))

        leaked = [key for key in ranked if key in hidden_keys]
        if leaked:
            failures.append(f"{label}: an anonymous search returned records it may not see: {leaked}")
        first = ranked[0] if ranked else None
        min_grade = q.get("first_min_grade")
        if first is not None and first in q.get("not_first", []):
            failures.append(f"{label}: {first} must not be the first hit")
        elif min_grade is not None and first is None:
            failures.append(f"{label}: no hits — wanted a first hit of grade >= {min_grade}")
        elif min_grade is not None and q["judgments"].get(first, 0) < min_grade:
            failures.append(f"{label}: first hit {first} has grade {q['judgments'].get(first, 0)}"
                            f" — wanted grade >= {min_grade}")

        score = metrics.QueryScore(
            q["kind"], q["query"],
            metrics.ndcg_at_k(ranked, q["judgments"], K), metrics.recall_at_k(ranked, q["judgments"], K),
        )
        scores.append(score)
        top = ", ".join(f"{key}={q['judgments'].get(key, 0)}" for key in ranked[:3]) or "no hits"
        details.append((score.ndcg, f"  {score.ndcg:.3f} {score.recall:.3f}  {label}  top: {top}"))

    rows = metrics.summarise(scores)
    print(f"\nSearch relevance ({len(scores)} queries, anonymous viewer, k={K}):")
    print(metrics.format_table(rows, K))
    print("\nLowest nDCG@10 (nDCG recall query, top 3 hits as key=grade):")
    for _, line in sorted(details, key=lambda d: d[0])[:15]:
        print(line)
    if dump := os.environ.get("BIOMAP_RELEVANCE_DUMP"):  # every query's line, to compare two variants
        Path(dump).write_text("".join(line + "\n" for _, line in details), encoding="utf-8")

    by_kind = {r.kind: r for r in rows}
    overall = by_kind.pop("ALL")
    if overall.ndcg < MIN_OVERALL_NDCG:
        failures.append(f"overall nDCG@{K} {overall.ndcg:.3f} < {MIN_OVERALL_NDCG}")
    for kind, row in by_kind.items():
        if row.ndcg < MIN_KIND_NDCG:
            failures.append(f"{kind}: nDCG@{K} {row.ndcg:.3f} < {MIN_KIND_NDCG}")
    assert not failures, "\n".join(failures)
