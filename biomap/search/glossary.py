"""The ko↔en glossary (search/glossary.tsv): concepts and every way people write them.

Matching rules, chosen so that generic words do not drag in unrelated records:
- Hangul terms of 3+ syllables match anywhere in the space-stripped Hangul text (Korean compounds
  are written with or without spaces: 유세포 분석기 = 유세포분석기); shorter ones match whole tokens.
- Latin terms match as a run of whole stemmed tokens ("flow cytometers" ⊇ "flow cytometer"), or
  as one token equal to the term with separators removed ("LCMSMS" = "LC-MS/MS").
- A concept may be a kind of broader ones (column `broader`: qtrap → triple_quad → mass_spectrometer).
  Documents carry every concept above their own; queries only what they say.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
_LATIN_WORD = re.compile(r"[a-z0-9]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_NON_WORD = re.compile(r"[^\w]+|_")
_ACCENTABLE = re.compile(r"[\u00c0-\u024f]")


def normalise(text: str) -> str:
    """NFKC (full-width forms, compatibility jamo), lower case, Latin accents dropped (ä → a).

    Only Latin letters are decomposed: NFKD would split Hangul syllables into jamo."""
    text = unicodedata.normalize("NFKC", text).lower()
    if text.isascii() or not _ACCENTABLE.search(text):
        return text
    return _ACCENTABLE.sub(lambda m: _strip_accent(m.group()), text)


def _strip_accent(char: str) -> str:
    if char < "\u00c0" or "\u024f" < char:  # outside Latin-1 Supplement letters / Latin Extended
        return char
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


def compact(text: str) -> str:
    """Normalised text without spaces or punctuation: the form spacing differences vanish in."""
    return _NON_WORD.sub("", normalise(text))


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """Snowball is pure Python and words repeat endlessly: stem each distinct word once."""
    return _STEMMER.stemWord(word)


def latin_stems(text: str) -> list[str]:
    return [stem(w) for w in _LATIN_WORD.findall(normalise(text))]


def has_hangul(text: str) -> bool:
    return bool(_HANGUL.search(text))


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    category: str | None
    terms: tuple[str, ...]
    # What this concept is a kind of (a QTRAP is a triple quadrupole, which is a mass spectrometer).
    broader: tuple[str, ...] = ()


@dataclass
class Glossary:
    concepts: dict[str, Concept] = field(default_factory=dict)
    # compact Hangul term -> concept ids
    hangul_terms: dict[str, set[str]] = field(default_factory=dict)
    # tuple of stems -> concept ids
    latin_phrases: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    # compact latin term ("lcmsms") -> concept ids
    latin_compact: dict[str, set[str]] = field(default_factory=dict)
    max_phrase: int = 1
    # first two characters of a compact Hangul term -> terms (finds terms inside a text in one pass)
    hangul_by_start: dict[str, list[str]] = field(default_factory=dict)
    # Query-time only: ambiguous words that usually mean a concept here (search/query_hints.tsv).
    hints: dict[str, set[str]] = field(default_factory=dict)
    _compact_terms: list[str] | None = field(default=None, repr=False)

    def add(self, concept: Concept) -> None:
        self.concepts[concept.id] = concept
        for term in concept.terms:
            if has_hangul(term):
                squashed = compact(term)
                if squashed not in self.hangul_terms:
                    self.hangul_by_start.setdefault(squashed[:2], []).append(squashed)
                self.hangul_terms.setdefault(squashed, set()).add(concept.id)
            else:
                stems = tuple(latin_stems(term))
                if stems:
                    self.latin_phrases.setdefault(stems, set()).add(concept.id)
                    self.max_phrase = max(self.max_phrase, len(stems))
                squashed = compact(term)
                if squashed:
                    self.latin_compact.setdefault(squashed, set()).add(concept.id)

    def concepts_in(self, text: str, tokens: list[str]) -> set[str]:
        """Concept ids whose terms occur in `text` (tokens: the text's Hangul nouns, for short terms)."""
        found: set[str] = set()
        text = normalise(text)
        if has_hangul(text):  # every Hangul term has Hangul in it: Latin-only text cannot hold one
            hangul = _NON_WORD.sub("", text)
            by_start = self.hangul_by_start
            for start in range(len(hangul) - 1):
                for term in by_start.get(hangul[start:start + 2], ()):
                    if len(term) >= 3 and hangul.startswith(term, start):
                        found |= self.hangul_terms[term]
            for token in tokens:  # short terms count only as whole tokens
                ids = self.hangul_terms.get(token)
                if ids:
                    found |= ids
        words = _LATIN_WORD.findall(text)
        if not words:
            return found
        # Longest phrase first; words inside a longer match do not count again, so "centrifugal pump"
        # is a pump even though "centrifugal" and "centrifuge" share the stem "centrifug".
        stems = [stem(w) for w in words]
        covered = [False] * len(stems)
        for size in range(min(self.max_phrase, len(stems)), 0, -1):
            for start in range(len(stems) - size + 1):
                if all(covered[start:start + size]):
                    continue
                ids = self.latin_phrases.get(tuple(stems[start:start + size]))
                if ids:
                    found |= ids
                    covered[start:start + size] = [True] * size
        for word in words:
            ids = self.latin_compact.get(word)
            if ids:
                found |= ids
        # "LC-MS/MS" style terms: the whole run of latin words squashed together
        squashed = "".join(words)
        ids = self.latin_compact.get(squashed)
        if ids and len(squashed) >= 3:
            found |= ids
        return found

    def with_broader(self, concepts: Iterable[str]) -> tuple[str, ...]:
        """`concepts` and everything they are kinds of, sorted. Documents carry the closure, queries
        do not: "mass spectrometer" finds a QTRAP, and "QTRAP" still finds only QTRAPs."""
        found = set(concepts)
        pending = list(found)
        while pending:
            concept = self.concepts.get(pending.pop())
            for parent in concept.broader if concept is not None else ():
                if parent not in found:
                    found.add(parent)
                    pending.append(parent)
        return tuple(sorted(found))

    def check_broader(self) -> None:
        """Every `broader` names a known concept and no concept is, through others, a kind of itself."""
        for concept in self.concepts.values():
            unknown = [b for b in concept.broader if b not in self.concepts]
            if unknown:
                raise ValueError(f"glossary: {concept.id} is a kind of unknown concept(s) {', '.join(unknown)}")
            above = set(self.with_broader(concept.broader))
            if concept.id in above:
                raise ValueError(f"glossary: {concept.id} is, through its broader concepts, a kind of itself")

    def compact_terms(self) -> list[str]:
        """Every compact term (for typo matching), computed once."""
        if self._compact_terms is None:
            self._compact_terms = [*self.hangul_terms, *self.latin_compact]
        return self._compact_terms

    def ids_of_compact(self, term: str) -> set[str]:
        return self.hangul_terms.get(term, set()) | self.latin_compact.get(term, set())


def hint_key(term: str) -> str:
    return compact(term) if has_hangul(term) else " ".join(latin_stems(term))


def load_hints(glossary: Glossary, path: Path) -> None:
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            term, concept = (row.get("term") or "").strip(), (row.get("concept") or "").strip()
            if term and concept in glossary.concepts:
                glossary.hints.setdefault(hint_key(term), set()).add(concept)


def load_glossary(path: Path, hints: Path | None = None) -> Glossary:
    glossary = Glossary()
    if not path.exists():
        return glossary
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            concept_id = (row.get("concept") or "").strip()
            if not concept_id or concept_id.startswith("#"):
                continue
            terms = tuple(t.strip() for t in (row.get("terms") or "").split("|") if t.strip())
            broader = tuple(b.strip() for b in (row.get("broader") or "").split("|") if b.strip())
            glossary.add(Concept(concept_id, (row.get("category") or "").strip() or None, terms, broader))
    glossary.check_broader()
    if hints is not None:
        load_hints(glossary, hints)
    return glossary
