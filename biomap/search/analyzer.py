"""Korean + English text analysis, the same at index time and query time, for every backend.

- Korean: Kiwi morphological analysis (particles and endings dropped: 유세포분석기를 → 유세포분석기);
  adjacent noun pieces are also joined (원심 + 분리기 → 원심분리기), so a compound matches however
  Kiwi splits it; a user dictionary (search/user_dictionary.tsv) keeps domain compounds whole.
- English: lower case and Snowball stems (cytometers → cytomet); model numbers kept (FACSCanto, 6500).
- Concepts: glossary ids found in the text (FACS = flow cytometer = 유세포분석기 → flow_cytometer).
- compact: the text without spaces or punctuation, for trigram similarity (typos, spacing).

Kiwi needs ~500 MB and ~1 s to load: one Analyzer per process (`get_analyzer()`).
"""

from __future__ import annotations

import csv
import functools
import logging
import os
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from biomap.search.glossary import (
    Glossary,
    compact,
    has_hangul,
    hint_key,
    latin_stems,
    load_glossary,
    normalise,
)

log = logging.getLogger(__name__)

# Kiwi tags kept as content: common/proper nouns, numerals, roots, foreign words, numbers, hanja.
_CONTENT_TAGS = {"NNG", "NNP", "NR", "XR", "SL", "SN", "SH"}
# Tags that may be glued onto a neighbouring noun to form a compound (분석 + 기 → 분석기).
_COMPOUND_TAGS = _CONTENT_TAGS | {"XSN", "XPN"}
_MODEL_TOKEN = re.compile(r"[a-z0-9]+(?:[+][a-z0-9]*)?")
# A Hangul chunk: whitespace-separated words that contain Hangul (with what is glued to them:
# "facs를"), cut at brackets and sentence ends. Latin-only words ("nikon eclipse ts2") are not
# Kiwi's business, and leaving them out makes chunks recur across records.
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+")
_HANGUL_WORD = r"[^\s()\[\]{}<>]*[\uac00-\ud7a3][^\s()\[\]{}<>]*"
_HANGUL_CHUNK = re.compile(rf"{_HANGUL_WORD}(?:\s+{_HANGUL_WORD})*")
_CHUNK_CACHE_SIZE = 200_000


def hangul_chunks(text: str) -> list[str]:
    if not has_hangul(text):
        return []
    return [c for sentence in _SENTENCE_END.split(text) for c in _HANGUL_CHUNK.findall(sentence)]


@dataclass(frozen=True, slots=True)
class Analysis:
    tokens: tuple[str, ...]
    concepts: tuple[str, ...]
    normalised: str
    # Query only: other ways to read the words (유세포 분석기 → 유세포분석기), each enough on its own.
    alternatives: tuple[str, ...] = ()

    @property
    def compact(self) -> str:
        """Only queries use it (trigram similarity): computed on demand, not for every document."""
        return compact(self.normalised)


def _lone_syllables_joined(words: list[str]) -> list[str]:
    """A run of Korean words with a lone syllable in it is one word spaced apart (분석 기, 배 양 기):
    it is read as written together. Otherwise the lone syllable, no token of its own, would drop out,
    and the other words alone would be required (세포 배양 기 would find everything with 세포 and 배양)."""
    out: list[str] = []
    for korean, group in groupby(words, key=has_hangul):
        run = list(group)
        if korean and len(run) > 1 and any(len(w) == 1 for w in run):
            out.append("".join(run))
        else:
            out += run
    return out


def _hangul_runs(words: list[str]) -> list[list[str]]:
    """The runs of two or more adjacent words with Hangul in them."""
    runs = (list(group) for korean, group in groupby(words, key=has_hangul) if korean)
    return [run for run in runs if len(run) >= 2]


class Analyzer:
    def __init__(self, glossary: Glossary, user_dictionary: Path | None = None) -> None:
        from kiwipiepy import Kiwi  # heavy: imported only when an analyzer is built

        self.glossary = glossary
        # Worker threads serve batches (`prepare`); a single text is analysed on the caller's thread.
        self._kiwi = Kiwi(num_workers=min(os.cpu_count() or 1, 4))
        if user_dictionary is not None and user_dictionary.exists():
            with user_dictionary.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle, delimiter="\t"):
                    word = (row.get("word") or "").strip()
                    if word and not word.startswith("#"):
                        self._kiwi.add_user_word(word, (row.get("tag") or "NNP").strip(),
                                                 float(row.get("score") or 0.0))
        self._lock = threading.Lock()  # Kiwi objects are not documented as thread-safe
        # Institution names, category labels and model names repeat across thousands of records:
        # analysing each distinct text once makes bulk indexing several times faster.
        self.analyze = functools.lru_cache(maxsize=65_536)(self._analyze)  # type: ignore[method-assign]
        self._analyze_sentence = functools.lru_cache(maxsize=131_072)(self._analyze_one_sentence)
        # Kiwi is the costly step (~0.5 ms per phrase) and descriptions are made of recurring
        # phrases ("사전 예약 후 사용할 수 있습니다"): each distinct Hangul chunk is analysed once.
        self._chunk_nouns: dict[str, tuple[str, ...]] = {}
        self.kiwi_calls = 0

    def korean_nouns(self, text: str) -> list[str]:
        """Content morphemes of the Hangul parts, plus joined runs of adjacent noun pieces."""
        nouns: list[str] = []
        for chunk in hangul_chunks(text):
            found = self._chunk_nouns.get(chunk)
            if found is None:
                with self._lock:
                    morphemes = self._kiwi.tokenize(chunk)
                found = self._remember(chunk, morphemes)
            nouns.extend(found)
        return nouns

    def prepare(self, texts: Iterable[str]) -> None:
        """Analyse the new Hangul chunks of many texts in one Kiwi batch (on all cores): bulk
        indexing calls this first, then `analyze` finds every chunk cached."""
        # Institution names and category labels recur in every record of a batch: split each once.
        pending = list(dict.fromkeys(c for t in dict.fromkeys(texts) for c in hangul_chunks(normalise(t))
                                     if c not in self._chunk_nouns))
        if not pending:
            return
        with self._lock:
            self._kiwi_batch(pending)

    def _kiwi_batch(self, chunks: list[str]) -> None:
        for chunk, morphemes in zip(chunks, self._kiwi.tokenize(chunks), strict=True):
            self._remember(chunk, morphemes)

    def _remember(self, chunk: str, morphemes: Any) -> tuple[str, ...]:
        self.kiwi_calls += 1
        if len(self._chunk_nouns) >= _CHUNK_CACHE_SIZE:
            self._chunk_nouns.clear()  # crude but bounded; refills from the next texts
        found = self._nouns_of(morphemes)
        self._chunk_nouns[chunk] = found
        return found

    @staticmethod
    def _nouns_of(morphemes: Any) -> tuple[str, ...]:
        nouns: list[str] = []
        run: list[str] = []
        run_end = -1
        for m in morphemes:
            if not has_hangul(m.form):
                continue
            if m.tag in _COMPOUND_TAGS and (m.start == run_end or not run):
                run.append(m.form)
            else:
                if len(run) > 1:
                    nouns.append("".join(run))
                run = [m.form] if m.tag in _COMPOUND_TAGS else []
            run_end = m.start + m.len
            if m.tag in _CONTENT_TAGS:
                nouns.append(m.form)
        if len(run) > 1:
            nouns.append("".join(run))
        return tuple(nouns)

    def _analyze(self, text: str) -> Analysis:
        text = normalise(text)
        sentences = _SENTENCE_END.split(text)
        if len(sentences) == 1:
            return self._analyze_sentence(text)
        # Descriptions repeat sentences far more than whole texts: each sentence is analysed once.
        parts = [self._analyze_sentence(s) for s in sentences]
        tokens = tuple(dict.fromkeys(t for part in parts for t in part.tokens))
        concepts = tuple(sorted({c for part in parts for c in part.concepts}))
        return Analysis(tokens, concepts, text)

    def _analyze_one_sentence(self, text: str) -> Analysis:
        korean = self.korean_nouns(text)
        english = latin_stems(text)
        models = [m for m in _MODEL_TOKEN.findall(text) if any(c.isdigit() for c in m)]
        tokens = list(dict.fromkeys([*korean, *english, *(m.rstrip("+") for m in models)]))
        concepts = sorted(self.glossary.concepts_in(text, korean))
        return Analysis(tuple(t for t in tokens if _meaningful(t)), tuple(concepts), text)

    def with_broader(self, concepts: Iterable[str]) -> tuple[str, ...]:
        """The concepts and every concept they are kinds of (what a document is indexed with)."""
        return self.glossary.with_broader(concepts)

    def analyze_query(self, text: str) -> Analysis:
        """Like `analyze`, plus what only queries need: the space-joined form of adjacent Hangul words
        (유세포 분석기 → 유세포분석기) and concepts of glossary terms within one or two typos."""
        words = _lone_syllables_joined(normalise(text).split())
        text = " ".join(words)
        base = self.analyze(text)
        # Each run of adjacent Hangul words read as one (유세포 분석 기 → 유세포분석기), not pair by
        # pair: 분석 기 alone would give 분석기, enough on its own to match every analyser.
        joined: list[str] = []
        for run in _hangul_runs(words):
            joined += self.korean_nouns("".join(run))
        concepts = set(base.concepts) | set(self.glossary.concepts_in("".join(words), [*base.tokens, *joined]))
        if not concepts:
            concepts |= self._typo_concepts(words)
        if not concepts:  # hints only when the glossary names nothing ("centrifugal pump" is a pump)
            for word in [*words, *base.tokens]:
                concepts |= self.glossary.hints.get(hint_key(word), set())
        # An alternative is enough on its own, so it must bridge a space (유세포 분석기 → 유세포분석기):
        # a piece inside one written word (분석 of 분석기) would match every analyser in the catalogue.
        alternatives = tuple(t for t in dict.fromkeys(joined)
                             if _meaningful(t) and t not in base.tokens and not any(t in w for w in words))
        return Analysis(base.tokens, tuple(sorted(concepts)), base.normalised, alternatives)

    def _typo_concepts(self, words: list[str]) -> set[str]:
        """Concepts of glossary terms within the word's typo budget (Levenshtein, in C: rapidfuzz)."""
        found: set[str] = set()
        terms = self.glossary.compact_terms()
        for word in dict.fromkeys([*words, "".join(words)]):
            word = compact(word)
            budget = _typo_budget(word)
            if not budget:
                continue
            for term, _, _ in process.extract_iter(word, terms, scorer=Levenshtein.distance, score_cutoff=budget):
                found |= self.glossary.ids_of_compact(term)
        return found


def _meaningful(token: str) -> bool:
    """Single letters and single syllables match too much to be worth a token (numbers are kept)."""
    return len(token) > 1 or token.isdigit()


def _typo_budget(word: str) -> int:
    """Edits tolerated: Hangul syllables carry more information than Latin letters."""
    if has_hangul(word):
        return 0 if len(word) < 4 else 1 if len(word) < 7 else 2
    return 0 if len(word) < 5 else 1 if len(word) < 9 else 2


_analyzer: Analyzer | None = None
_analyzer_lock = threading.Lock()


def search_data_dir() -> Path:
    """Where glossary.tsv and user_dictionary.tsv live (BIOMAP_SEARCH_DIR, default ./search)."""
    return Path(os.environ.get("BIOMAP_SEARCH_DIR", "search"))


def get_analyzer() -> Analyzer:
    """The process-wide analyzer (Kiwi is loaded once)."""
    global _analyzer
    if _analyzer is None:
        with _analyzer_lock:
            if _analyzer is None:
                data = search_data_dir()
                if not (data / "glossary.tsv").exists():
                    log.warning("search glossary missing: cross-language search is off",
                                extra={"path": str(data / "glossary.tsv")})
                glossary = load_glossary(data / "glossary.tsv", data / "query_hints.tsv")
                _analyzer = Analyzer(glossary, data / "user_dictionary.tsv")
    return _analyzer


def warm_analyzer() -> None:
    """Load Kiwi and the glossary now (a worker process's initializer, or an app's start-up)."""
    get_analyzer().analyze_query("유세포분석기를 예약하고 싶어요 flow cytometers")
