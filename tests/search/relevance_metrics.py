"""Ranking metrics for the search relevance suite: graded nDCG@k and recall@k. Pure functions.

Judgments map a record key ("<institution>/<source_id>") to a grade:
3 = exactly what was asked, 2 = the right kind but a weaker match, 1 = related; unlisted = 0.

- nDCG@k: gain 2^grade - 1, discount 1 / log2(rank + 1) (rank from 1); the ideal DCG is taken from
  ALL judged items of the query (best k grades), so relevant records the search never returned
  lower the score.
- recall@k: the share of the relevant items (grade >= 2) found in the top k, with the denominator
  capped at k: min(k, #relevant). Finding k relevant items in the top k is 1.0 even if there are more.

A key that appears more than once in a ranking counts only at its first position. A query with
nothing to find (no judged item / no relevant item) scores 0.0; the suite's judgments never do.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

RELEVANT_GRADE = 2


def gain(grade: int) -> float:
    return float(2**grade - 1)


def dcg(grades: Iterable[int]) -> float:
    """DCG of grades listed in rank order (rank 1 first)."""
    return sum(gain(g) / math.log2(rank + 1) for rank, g in enumerate(grades, start=1))


def _dedupe(ranked: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for key in ranked:
        if key not in seen:
            seen.add(key)
            out.append(key)
    return out


def ndcg_at_k(ranked: Sequence[str], judgments: Mapping[str, int], k: int = 10) -> float:
    ideal = dcg(sorted((g for g in judgments.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg(judgments.get(key, 0) for key in _dedupe(ranked)[:k]) / ideal


def recall_at_k(ranked: Sequence[str], judgments: Mapping[str, int], k: int = 10,
                min_grade: int = RELEVANT_GRADE) -> float:
    relevant = {key for key, g in judgments.items() if g >= min_grade}
    if not relevant:
        return 0.0
    found = sum(1 for key in _dedupe(ranked)[:k] if key in relevant)
    return found / min(k, len(relevant))


@dataclass(frozen=True, slots=True)
class QueryScore:
    kind: str
    query: str
    ndcg: float
    recall: float


@dataclass(frozen=True, slots=True)
class KindSummary:
    kind: str  # "ALL" for the overall row
    queries: int
    ndcg: float
    recall: float


def summarise(scores: Sequence[QueryScore]) -> list[KindSummary]:
    """Mean nDCG / recall per kind (in first-seen order), then an overall row over all queries."""
    kinds: dict[str, list[QueryScore]] = {}
    for s in scores:
        kinds.setdefault(s.kind, []).append(s)
    rows = [_summary(kind, group) for kind, group in kinds.items()]
    if scores:
        rows.append(_summary("ALL", scores))
    return rows


def _summary(kind: str, group: Sequence[QueryScore]) -> KindSummary:
    n = len(group)
    return KindSummary(kind, n, sum(s.ndcg for s in group) / n, sum(s.recall for s in group) / n)


def format_table(rows: Sequence[KindSummary], k: int = 10) -> str:
    """A Markdown table (kind, #queries, nDCG@k, recall@k), ready to paste into the README."""
    width = max([len("kind"), *(len(r.kind) for r in rows)])
    lines = [
        f"| {'kind':<{width}} | queries | nDCG@{k} | recall@{k} |",
        f"|{'-' * (width + 2)}|--------:|--------:|----------:|",
    ]
    for r in rows:
        lines.append(f"| {r.kind:<{width}} | {r.queries:>7} | {r.ndcg:>7.3f} | {r.recall:>9.3f} |")
    return "\n".join(lines)
