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


@pytest.mark.parametrize("query", ["유세포 분석 기", "유 세 포 분 석 기"])
def test_a_word_spaced_into_pieces_is_read_whole(query: str) -> None:
    """Adjacent words are joined as a run, not pair by pair: 분석 기 alone would give 분석기, enough
    on its own to match every analyser (QA: 39 hits for 유세포 분석 기 against 10)."""
    assert get_analyzer().analyze_query(query).alternatives == ("유세포분석기",)


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
