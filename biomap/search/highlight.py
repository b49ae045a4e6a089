"""Highlighted snippets, computed the same way for every backend: HTML-escaped text with the
query's words (and the glossary terms of the concepts it means) wrapped in <mark>…</mark>."""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterable

SNIPPET_CHARS = 160


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN_WORD_CHAR = "A-Za-z0-9"
# The longest term not to be marked inside a longer Latin word: "rt" of "RT PCR" is no part of
# "vector titer", "in" no part of "online"; longer ones may be a stem ("centrifug|es").
SHORT_TERM = 3


def _term_pattern(term: str) -> str:
    if _HANGUL.search(term):
        # Korean spacing is free (유세포 분석기 = 유세포분석기): a space may stand between any syllables.
        return r"\s*".join(map(re.escape, term.replace(" ", "")))
    words = [w for w in re.split(r"[\s\-]+", term) if w]
    body = r"[\s\-]*".join(map(re.escape, words))
    # Latin terms start at a word start, and short ones end at a word end.
    start = f"(?<![{_LATIN_WORD_CHAR}])" if term[:1].isalnum() else ""
    end = f"(?![{_LATIN_WORD_CHAR}])" if len("".join(words)) <= SHORT_TERM and term[-1:].isalnum() else ""
    return start + body + end


@functools.lru_cache(maxsize=1024)
def _pattern(terms: frozenset[str]) -> re.Pattern[str] | None:
    # Compiled once per set of terms: a page highlights four fields of every hit with the same
    # terms, and compiling the alternation cost more than the whole search.
    # Longest first so "flow cytometer" wins over "flow"; spaces may be written or not. A term of
    # only spaces and hyphens ("--" of a query that looks like SQL) would be an empty alternative,
    # matching between every two characters.
    parts = sorted({t for t in terms if len(t) >= 2 and _squashed(t)}, key=lambda t: (-len(t), t))
    if not parts:
        return None
    return re.compile("|".join(_term_pattern(p) for p in parts), re.IGNORECASE)


def _squashed(text: str) -> str:
    """Compatibility-folded (NFKC: full-width ＦＡＣＳ is FACS), case-folded, without spaces or
    hyphens: a term can match a text only if its squashed form is part of the text's (its pattern
    allows spaces and hyphens between words, and Korean spacing is free). Case folding agrees with
    IGNORECASE but for the dotted İ (two characters folded)."""
    return "".join(unicodedata.normalize("NFKC", text).split()).replace("-", "").casefold()


class _OneCharacterForms(dict[int, str]):
    """Character → its compatibility form when that is one character (Ｆ → F, the ideographic
    space → space), else itself; filled as characters are met, for str.translate."""

    def __missing__(self, code: int) -> str:
        form = unicodedata.normalize("NFKC", chr(code))
        self[code] = form if len(form) == 1 else chr(code)
        return self[code]


_ONE_CHARACTER_FORMS = _OneCharacterForms()


def _matchable(text: str) -> str:
    """`text` with full-width letters and spaces (as imported names have them) in their plain
    form, so the query's terms match them; same length, so a match's place is its place in `text`.
    Most text is already NFKC and is returned as it is."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    return text.translate(_ONE_CHARACTER_FORMS)


def terms_present(terms: Iterable[str], texts: Iterable[str]) -> frozenset[str]:
    """The terms that occur in `texts` (spaces and hyphens ignored): a concept can bring dozens of
    glossary terms, and a pattern of only those present compiles in microseconds instead of
    milliseconds."""
    squashed = _squashed("\n".join(texts))
    return frozenset(t for t in terms if len(t) >= 2 and _squashed(t) in squashed)


def highlight(text: str, terms: Iterable[str], *, snippet: bool = False) -> str | None:
    """`text` with matches marked, or None when nothing in it matches."""
    pattern = _pattern(terms if isinstance(terms, frozenset) else frozenset(terms))
    if pattern is None or not text:
        return None
    subject = _matchable(text)
    first = pattern.search(subject)
    if first is None:
        return None
    if snippet and len(text) > SNIPPET_CHARS:
        start = max(0, first.start() - SNIPPET_CHARS // 3)
        text = ("…" if start else "") + text[start:start + SNIPPET_CHARS] + "…"
        subject = _matchable(text)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(subject):  # marked as written: the places are the same
        out.append(html.escape(text[last:match.start()]))
        out.append(f"<mark>{html.escape(text[match.start():match.end()])}</mark>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)
