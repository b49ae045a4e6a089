"""The tsvector literal built from analysed tokens: exactly what the straightforward construction
gives (a faster one must not change a single index row), and what PostgreSQL reads back."""

from __future__ import annotations

import random

from biomap.search.analyzer import Analysis
from biomap.search.indexer import MAX_WORD_CHARS, tsvector_literal

MAX_POSITION = 16383  # PostgreSQL's largest tsvector position


def reference(weighted: list[tuple[Analysis, str]]) -> str:
    entries: list[str] = []
    for analysis, weight in weighted:
        first = len(entries) + 1
        for position, token in enumerate((*analysis.tokens, *(f"c_{c}" for c in analysis.concepts)), first):
            if len(token) > MAX_WORD_CHARS:
                continue
            quoted = "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
            entries.append(f"{quoted}:{min(position, MAX_POSITION)}{weight}")
    return " ".join(entries)


def analysis(tokens: list[str], concepts: list[str] = ()) -> Analysis:  # type: ignore[assignment]
    return Analysis(tuple(tokens), tuple(concepts), " ".join(tokens))


def test_random_fields_give_the_reference_literal() -> None:
    rng = random.Random(7)
    alphabet = ["원심", "분리기", "flow", "cytometer", "o'brien", "back\\slash", "lc-ms/ms", "c18", "유세포"]
    shared = [analysis(rng.choices(alphabet, k=rng.randrange(0, 6)), rng.choices(["centrifuge", "hplc"], k=1))
              for _ in range(8)]  # recurring analyses, as in an import: the caches are hit
    for _ in range(500):
        weighted = [(rng.choice(shared) if rng.random() < 0.5 else
                     analysis(rng.choices(alphabet, k=rng.randrange(0, 9)),
                              rng.sample(["centrifuge", "hplc", "pcr"], k=rng.randrange(0, 3))), weight)
                    for weight in "ABCDD"]
        assert tsvector_literal(weighted) == reference(weighted)


def test_positions_past_the_maximum_are_clamped_as_before() -> None:
    long_body = analysis([f"w{i}" for i in range(MAX_POSITION + 20)])
    weighted = [(analysis(["name"]), "A"), (long_body, "D"), (analysis(["tail"], ["x"]), "D")]
    literal = tsvector_literal(weighted)
    assert literal == reference(weighted)
    assert literal.endswith(f"'tail':{MAX_POSITION}D 'c_x':{MAX_POSITION}D")


async def test_postgresql_reads_the_literal(conn) -> None:
    weighted = [(analysis(["o'brien", "원심분리기"], ["centrifuge"]), "A"), (analysis([], []), "B"),
                (analysis(["back\\slash"]), "D")]
    value = await conn.fetchval("SELECT $1::tsvector::text", tsvector_literal(weighted))  # D: not printed
    assert value == "'back\\\\slash':4 'c_centrifuge':3A 'o''brien':1A '원심분리기':2A"


async def test_words_postgresql_cannot_store_are_left_out(conn) -> None:
    # A pasted URL of 3,000 characters is one "word" of 3,000 bytes: PostgreSQL refuses lexemes of
    # 2,048 bytes or more and would fail the whole write.
    url = "https://example.ac.kr/docs?" + "a" * 3000
    weighted = [(analysis(["hplc", url, "유" * 700, "column"]), "A")]
    value = await conn.fetchval("SELECT $1::tsvector::text", tsvector_literal(weighted))
    assert value == "'column':4A 'hplc':1A"
    assert tsvector_literal([(analysis(["x" * MAX_WORD_CHARS]), "A")]) == f"'{'x' * MAX_WORD_CHARS}':1A"
