"""The search benchmark's workload: 1,000 search queries and 200 suggest prefixes (fixed seed).

    .venv/bin/python bench/search_queries.py [--show 40]

Queries are drawn from the kinds of tests/search/relevance_judgments.json: all of its queries
verbatim, plus variants generated from the same vocabulary the synthetic records were written with
(search_data.catalogue(): taxonomy labels, glossary terms, demo-seed names, manufacturers and models):
Korean and English terms, cross-lingual synonyms, particles and endings ("원심분리기가 필요합니다"),
spacing ("원심 분리기" / "초저온냉동고"), typos (one edit), case ("FLOW CYTOMETER"), abbreviations and
loanwords, model names, messy imported names (upper case, cut at 20), English plurals, mixed
Korean + model queries, distractors, technologies and trainees. About 10 % carry a filter
(zone, or category) as a result page with a facet clicked would.

Each query keeps `expected_category` when it names one (the category of the term it was made
from; for the judged queries, the category of their grade-3 seed records): the benchmark reports
category precision@10 over the 100,000 records with it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import search_data

ROOT = Path(__file__).resolve().parent.parent
JUDGMENTS = ROOT / "tests" / "search" / "relevance_judgments.json"
SEED = 7
TOTAL_QUERIES = 1000
TOTAL_PREFIXES = 200
ZONES = ("SONGDO", "NAMDONG", "OTHER_INCHEON", "OUTSIDE_INCHEON")

# Proportions of the generated queries per kind (the judged queries come on top; generated ones
# are drawn in rounds of these sizes until there are enough unique ones, then cut at random).
GENERATED = {
    "korean": 80, "english": 80, "cross_lingual_ko_to_en": 60, "cross_lingual_en_to_ko": 60,
    "particles_endings": 80, "spacing": 70, "typo": 80, "case": 40, "abbreviation_loanword": 50,
    "model_name": 80, "messy_import": 40, "stemming": 40, "mixed": 60, "distractor": 15,
    "technology": 10, "trainee": 10,
}

# {o} object 을/를, {s} subject 이/가, {t} topic 은/는, {i} instrument (으)로, {b} bare
ENDINGS = ("{o} 예약하고 싶어요", "{s} 필요합니다", "{o} 사용할 수 있나요", "{t} 어디에 있나요", "{o} 빌릴 수 있을까요",
           "{o} 찾고 있어요", "{b} 있는 기관", "{i} 분석하려고 합니다", "{b} 이용 요금", "송도에 있는 {b}", "{b} 교육",
           "{s} 있나요?")
HANGUL_NEIGHBOURS = {"기": "끼", "분": "뷴", "석": "섞", "리": "니", "응": "을", "세": "새", "포": "표", "원": "완",
                     "심": "싱", "현": "혀", "경": "견", "조": "죠", "냉": "랭", "동": "똥", "계": "게", "측": "츠"}


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    kind: str
    search_kinds: tuple[str, ...] | None  # None: every kind (the default of a search box)
    filter: dict[str, list[str]] | None = None
    expected_category: str | None = None
    judged: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _judged_category(judgments: dict[str, int], seeds: dict[str, str]) -> str | None:
    top = Counter(seeds[k] for k, grade in judgments.items() if grade == 3 and k in seeds)
    if not top:
        return None
    category, n = top.most_common(1)[0]
    return category if n * 2 > sum(top.values()) else None


def judged_queries() -> list[Query]:
    seeds = {f"{e['institution']}/{e['source_id']}": e["category"]
             for e in json.loads((search_data.SEEDS / "equipment.json").read_text(encoding="utf-8"))}
    out = []
    for q in json.loads(JUDGMENTS.read_text(encoding="utf-8")):
        category = _judged_category(q["judgments"], seeds) if q["search_kinds"] == ["EQUIPMENT"] else None
        out.append(Query(q["query"], q["kind"], tuple(q["search_kinds"]), None, category, True))
    return out


def _typo(word: str, rng: random.Random) -> str:
    """One edit: a swapped, dropped or doubled letter (Latin) or a near-miss syllable (Hangul)."""
    if search_data.has_hangul(word):
        spots = [i for i, c in enumerate(word) if c in HANGUL_NEIGHBOURS]
        if spots:
            i = rng.choice(spots)
            return word[:i] + HANGUL_NEIGHBOURS[word[i]] + word[i + 1:]
        return word
    letters = [i for i, c in enumerate(word) if c.isalpha()]
    if len(letters) < 5:
        return word
    i = rng.choice(letters[1:-1])
    edit = rng.randrange(3)
    if edit == 0 and i + 1 < len(word) and word[i + 1].isalpha():
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if edit == 1:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def _ending(term: str, rng: random.Random) -> str:
    template = rng.choice(ENDINGS)
    p = search_data.particle
    return template.format(o=p(term, "을", "를"), s=p(term, "이", "가"), t=p(term, "은", "는"),
                           i=p(term, "으로", "로"), b=term)


def _plural(term: str, rng: random.Random) -> str:
    words = term.split()
    last = words[-1]
    if rng.random() < 0.25 and last.endswith("er"):
        words[-1] = last[:-2] + "ing"
    elif last.endswith(("s", "x", "sh", "ch")):
        words[-1] = last + "es"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        words[-1] = last[:-1] + "ies"
    else:
        words[-1] = last + "s"
    return " ".join(words)


def generated_queries(rng: random.Random) -> list[Query]:
    cat = search_data.catalogue()
    codes = sorted(c for c in cat.categories if c != "OTHER")
    weights = [cat.categories[c].weight for c in codes]
    judged = judged_queries()
    distractors = [q for q in judged if q.kind == "distractor"]
    technology = [q for q in judged if q.kind == "technology"]
    trainee = [q for q in judged if q.kind == "trainee"]
    out: list[Query] = []
    eq = ("EQUIPMENT",)

    def pick() -> tuple[str, search_data.CategoryVocabulary]:
        code = rng.choices(codes, weights)[0]
        return code, cat.categories[code]

    for kind, n in GENERATED.items():
        for _ in range(n):
            code, v = pick()
            ko, en = rng.choice(v.korean), rng.choice(v.english)
            ko_syn = rng.choice(v.glossary_korean) if v.glossary_korean else ko
            en_syn = rng.choice(v.glossary_english) if v.glossary_english else en
            maker, model = rng.choice(v.makers)
            kinds: tuple[str, ...] | None = eq if rng.random() < 0.7 else None
            text: str
            if kind == "korean":
                text = ko
            elif kind == "english":
                text = en.lower() if rng.random() < 0.6 else en
            elif kind == "cross_lingual_ko_to_en":
                text = ko_syn
            elif kind == "cross_lingual_en_to_ko":
                text = en_syn
            elif kind == "particles_endings":
                text = _ending(search_data._clean_name(ko) or ko, rng)
            elif kind == "spacing":
                text = search_data.split_korean(ko, rng) if " " not in ko else ko.replace(" ", "")
            elif kind == "typo":
                text = _typo(ko if rng.random() < 0.4 else en.lower(), rng)
            elif kind == "case":
                text = rng.choice((en.upper(), en.lower(), en.title(), model.upper(), model.lower()))
            elif kind == "abbreviation_loanword":
                short = [t for t in v.glossary_english if len(t) <= 6 and t.upper() == t]
                loan = [t for t in v.glossary_korean if len(t) <= 7]
                text = rng.choice(short or loan or [en_syn]) if rng.random() < 0.6 else rng.choice(loan or short or [ko_syn])
            elif kind == "model_name":
                text = rng.choice((model, f"{maker} {model}", model.split()[0], re.sub(r"[\s-]+", "", model)))
            elif kind == "messy_import":
                text = re.sub(r"[^A-Z0-9 \-/]", "", f"{en} {maker}".upper())[:20] if rng.random() < 0.5 \
                    else f"{maker.split()[0]} {en}"
            elif kind == "stemming":
                text = _plural(en.lower(), rng)
            elif kind == "mixed":
                text = rng.choice((f"{ko} {model.split()[0]}", f"{maker.split()[0]} {ko}", f"{ko} {en_syn}"))
            elif kind == "distractor":
                q = rng.choice(distractors)
                text, code, kinds = (q.text, q.expected_category, q.search_kinds)
            elif kind in ("technology", "trainee"):
                q = rng.choice(technology if kind == "technology" else trainee)
                text = search_data.split_korean(q.text, rng) if rng.random() < 0.5 else q.text.lower()
                out.append(Query(text.strip(), kind, q.search_kinds))
                continue
            else:
                raise AssertionError(kind)
            filt = None
            r = rng.random()
            if r < 0.07:
                filt = {"zones": [rng.choice(ZONES[:2])]}
            elif r < 0.10:
                filt = {"categories": [code]}
            out.append(Query(text.strip(), kind, kinds, filt, code))
    return out


def search_queries(total: int = TOTAL_QUERIES, seed: int = SEED) -> list[Query]:
    """Every judged query, then generated ones (unique, in GENERATED's proportions) up to `total`."""
    rng = random.Random(seed)
    seen: set[tuple[str, tuple[str, ...] | None, str]] = set()

    def unique(queries: list[Query]) -> list[Query]:
        kept = []
        for q in queries:
            ident = (q.text, q.search_kinds, json.dumps(q.filter, sort_keys=True))
            if q.text and ident not in seen:
                seen.add(ident)
                kept.append(q)
        return kept

    judged = unique(judged_queries())
    pool: list[Query] = []
    for _ in range(20):  # duplicates (a common term drawn twice) are dropped: draw more rounds
        pool += unique(generated_queries(rng))
        if len(judged) + len(pool) >= total:
            break
    rng.shuffle(pool)
    out = judged + pool[: total - len(judged)]
    rng.shuffle(out)
    return out


def suggest_prefixes(total: int = TOTAL_PREFIXES, seed: int = SEED) -> list[str]:
    """2–6 characters of names and terms, as typed into the search box (Korean 2–4 syllables)."""
    rng = random.Random(seed + 1)
    cat = search_data.catalogue()
    words: list[str] = []
    for v in cat.categories.values():
        words += v.korean + v.english + v.glossary_korean[:5] + [m for _, m in v.makers[:5]]
    words += [name for _, name, _ in cat.institutions[:10]]
    words = sorted({w for w in words if len(w.replace(" ", "")) >= 3})
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < total:
        word = rng.choice(words)
        length = rng.randint(2, 4) if search_data.has_hangul(word) else rng.randint(2, 6)
        prefix = word[:length].strip()
        if rng.random() < 0.3:
            prefix = prefix.lower()
        if len(prefix) >= 2 and prefix not in seen:
            seen.add(prefix)
            out.append(prefix)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--show", type=int, default=30)
    args = p.parse_args(argv)
    queries = search_queries()
    prefixes = suggest_prefixes()
    print(Counter(q.kind for q in queries))
    print(f"{len(queries)} queries ({sum(q.judged for q in queries)} judged, "
          f"{sum(q.filter is not None for q in queries)} filtered), {len(prefixes)} prefixes")
    for q in queries[: args.show]:
        print(f"  {q.kind:<24} {q.text!r:<45} {q.search_kinds} {q.filter or ''} -> {q.expected_category}")
    print("  prefixes:", prefixes[:40])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
