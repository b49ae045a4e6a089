"""The query analyzer: what a query means (tokens, concepts) and its spacing alternatives."""

from __future__ import annotations

import pytest

from biomap.search.analyzer import get_analyzer


@pytest.mark.parametrize(("query", "joined"), [("유세포 분석기", "유세포분석기"), ("원심 분리기", "원심분리기"),
                                               ("엔도톡신 시험기", "엔도톡신시험기")])
def test_words_written_apart_have_their_joined_form_as_an_alternative(query: str, joined: str) -> None:
    assert joined in get_analyzer().analyze_query(query).alternatives


@pytest.mark.parametrize("query", ["고차원 유세표분석기", "엔도톡신 시험기", "유세포 분석기를 예약하고 싶어요"])
def test_alternatives_bridge_a_space_and_are_never_a_piece_of_one_word(query: str) -> None:
    """Each alternative matches on its own: a piece like 분석 (of 분석기) would match every analyser."""
    words = query.split()
    analysis = get_analyzer().analyze_query(query)
    assert analysis.alternatives
    for alternative in analysis.alternatives:
        assert not any(alternative in word for word in words), alternative


@pytest.mark.parametrize(("query", "word"), [("유세포 분석 기", "유세포분석기"), ("유 세 포 분 석 기", "유세포분석기"),
                                             ("세포 배양 기", "세포배양기"), ("분석 기", "분석기")])
def test_a_word_spaced_into_pieces_is_read_whole(query: str, word: str) -> None:
    """A lone syllable in a run of Korean words makes the run one word: without it the other words
    alone were required (QA: 세포 배양 기 73 hits against 59, 분석 기 134 against 28)."""
    spaced, whole = get_analyzer().analyze_query(query), get_analyzer().analyze_query(word)
    assert (spaced.tokens, spaced.concepts) == (whole.tokens, whole.concepts)


def test_runs_of_words_are_joined_whole_not_pair_by_pair() -> None:
    """분석 of 유세포 분석 + 기 would give 분석기, enough alone to match every analyser."""
    alternatives = get_analyzer().analyze_query("송도 유세포 분석기 원심 분리기").alternatives
    assert {"유세포분석기", "원심분리기"} <= set(alternatives) and "분석기원심" not in alternatives


def test_particles_and_endings_do_not_change_the_meaning() -> None:
    analyzer = get_analyzer()
    assert analyzer.analyze_query("유세포분석기를").concepts == analyzer.analyze_query("유세포분석기").concepts
    assert "flow_cytometer" in analyzer.analyze_query("유세포분석기를").concepts


def test_a_typo_still_means_the_instrument() -> None:
    assert "flow_cytometer" in get_analyzer().analyze_query("고차원 유세표분석기").concepts


@pytest.mark.parametrize(("query", "prefix"), [("centrifu", "'centrifu':*"), ("유세포분석기", "'유세포분석기':*"),
                                               ("FACS", None), ("SERS", None)])
def test_the_last_word_matches_as_a_prefix_only_when_long_enough(query: str, prefix: str | None) -> None:
    """A 3-letter stem (fac of FACS) as a prefix would match facility, factor, …"""
    from biomap.search.postgres_backend import match_args

    every_word = match_args(get_analyzer().analyze_query(query))[0]
    if prefix is None:
        assert ":*" not in every_word
    else:
        assert prefix in every_word
