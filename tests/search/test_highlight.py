"""Highlighted snippets mark the query's words and terms, not fragments of other words."""

from __future__ import annotations

import pytest

from biomap.search.highlight import highlight, terms_present


@pytest.mark.parametrize(("text", "terms"), [
    ("residual DNA and vector titer", {"rt", "pcr"}),          # "r t" across two words
    ("online maintenance log", {"in", "vivo", "imaging"}),     # "in" inside words
    ("spectrophotometer", {"lc"}),
])
def test_short_terms_are_not_marked_inside_other_words(text, terms) -> None:
    assert highlight(text, terms) is None


@pytest.mark.parametrize(("text", "terms", "expected"), [
    ("Centrifuges and ultra-centrifuge", {"centrifuge"},
     "<mark>Centrifuge</mark>s and ultra-<mark>centrifuge</mark>"),
    ("유세포 분석기 FACSCanto", {"유세포분석기", "facs"}, "<mark>유세포 분석기</mark> <mark>FACS</mark>Canto"),
    ("LC-MS/MS system, LC MS", {"lc-ms/ms", "lc-ms"}, "<mark>LC-MS/MS</mark> system, <mark>LC MS</mark>"),
    ("real-time PCR (RT PCR)", {"real time pcr", "rt", "pcr"}, "<mark>real-time PCR</mark> (<mark>RT</mark> <mark>PCR</mark>)"),
    ("flow cytometer, flowcytometer", {"flow cytometer"}, "<mark>flow cytometer</mark>, <mark>flowcytometer</mark>"),
    ("Sonics & Materials <b>", {"sonics"}, "<mark>Sonics</mark> &amp; Materials &lt;b&gt;"),
])
def test_words_stems_and_spacing_variants_are_marked(text, terms, expected) -> None:
    assert highlight(text, terms) == expected


def test_terms_present_ignore_spaces_hyphens_and_case() -> None:
    texts = ["Real-Time PCR system", "유세포 분석기"]
    found = terms_present({"real time pcr", "유세포분석기", "FACS", "qpcr", "σ"}, texts)
    assert found == {"real time pcr", "유세포분석기"}
    assert highlight("Real-Time PCR system", found) == "<mark>Real-Time PCR</mark> system"


@pytest.mark.parametrize(("terms", "expected"), [
    ({"--"}, None),
    ({" - "}, None),
    ({"--", "equipment"}, "&#x27;; DROP TABLE <mark>equipment</mark>; --"),
])
def test_terms_of_only_spaces_and_hyphens_mark_nothing(terms, expected) -> None:
    assert highlight("'; DROP TABLE equipment; --", terms) == expected


def test_full_width_text_is_marked_as_written() -> None:
    # Imported names may be full-width (ＦＡＣＳ　ＡＲＩＡ); the analyzer folds them, so must the marks.
    text = "ＦＡＣＳ　ＡＲＩＡ　Ⅲ 세포 분류기"
    found = terms_present({"facs", "aria", "sorter"}, [text])
    assert found == {"facs", "aria"}
    assert highlight(text, found) == "<mark>ＦＡＣＳ</mark>　<mark>ＡＲＩＡ</mark>　Ⅲ 세포 분류기"
