"""Highlighted snippets, computed the same way for every backend: HTML-escaped text with the
query's words (and the glossary terms of the concepts it means) wrapped in <mark>…</mark>."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable

SNIPPET_CHARS = 160


@functools.lru_cache(maxsize=1024)
def _pattern(terms: frozenset[str]) -> re.Pattern[str] | None:
    # Compiled once per set of terms: a page highlights four fields of every hit with the same
    # terms, and compiling the alternation cost more than the whole search.
    # Longest first so "flow cytometer" wins over "flow"; spaces may be written or not.
    parts = sorted({t for t in terms if len(t) >= 2}, key=len, reverse=True)
    if not parts:
        return None
    return re.compile("|".join(r"\s*".join(map(re.escape, p.replace(" ", ""))) for p in parts), re.IGNORECASE)


def terms_present(terms: Iterable[str], texts: Iterable[str]) -> frozenset[str]:
    """The terms that occur in `texts` (spaces ignored): a concept can bring dozens of glossary
    terms, and a pattern of only those present compiles in microseconds instead of milliseconds."""
    squashed = "".join(texts).replace(" ", "").lower()
    return frozenset(t for t in terms if len(t) >= 2 and t.replace(" ", "").lower() in squashed)


def highlight(text: str, terms: Iterable[str], *, snippet: bool = False) -> str | None:
    """`text` with matches marked, or None when nothing in it matches."""
    pattern = _pattern(terms if isinstance(terms, frozenset) else frozenset(terms))
    if pattern is None or not text:
        return None
    first = pattern.search(text)
    if first is None:
        return None
    if snippet and len(text) > SNIPPET_CHARS:
        start = max(0, first.start() - SNIPPET_CHARS // 3)
        text = ("…" if start else "") + text[start:start + SNIPPET_CHARS] + "…"
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[last:match.start()]))
        out.append(f"<mark>{html.escape(match.group())}</mark>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)
