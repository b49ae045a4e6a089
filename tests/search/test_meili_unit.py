"""Meilisearch backend without a Meilisearch server: settings, documents, filters (checked with a
small parser that follows Meilisearch's quoting rules), query building, the relay against the real
test database with an in-memory index, reindex with a fake client, and the drift check."""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from itertools import product
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import asyncpg
import httpx2
import pytest
from meilisearch_python_sdk import AsyncClient
from meilisearch_python_sdk.errors import MeilisearchApiError
from meilisearch_python_sdk.models.search import SearchResults

from biomap.db.pool import connect
from biomap.search.glossary import Concept, Glossary
from biomap.search.meili import backend as mb
from biomap.search.meili import documents as md
from biomap.search.meili import filters as mf
from biomap.search.meili import relay as mr
from biomap.search.meili import settings as ms
from biomap.search.meili import sync as msync
from biomap.search.models import (
    FACET_FIELDS,
    SearchDocument,
    SearchFilter,
    SearchKind,
    SearchRequest,
    SearchScope,
)

ROOT = Path(__file__).resolve().parents[2]
_TERMS = {"facs": "flow_cytometer", "유세포분석기": "flow_cytometer", "flow cytometer": "flow_cytometer",
          "centrifuge": "centrifuge", "원심분리기": "centrifuge"}


@dataclass(frozen=True)
class FakeAnalysis:
    tokens: tuple[str, ...]
    concepts: tuple[str, ...]
    compact: str


class FakeAnalyzer:
    """Lower-case words of 2+ characters; concepts by substring of a tiny glossary."""

    def __init__(self) -> None:
        self.glossary = Glossary()
        for concept in sorted(set(_TERMS.values())):
            self.glossary.add(Concept(concept, None, tuple(t for t, c in _TERMS.items() if c == concept)))

    def analyze(self, text: str) -> FakeAnalysis:
        low = text.lower()
        words = re.findall(r"[0-9a-z가-힣]+", low)
        concepts = tuple(sorted({c for term, c in _TERMS.items() if term in low}))
        return FakeAnalysis(tuple(dict.fromkeys(w for w in words if len(w) > 1)), concepts, "".join(words))

    def with_broader(self, concepts: Iterable[str]) -> tuple[str, ...]:
        return self.glossary.with_broader(concepts)


ANALYZER = FakeAnalyzer()


def doc(kind: SearchKind = SearchKind.EQUIPMENT, entity_id: int = 1, **changes: Any) -> SearchDocument:
    base = SearchDocument(
        kind=kind, entity_id=entity_id, institution_id=1, zone="SONGDO", title_ko="유세포분석기",
        title_en="Flow cytometer", secondary="BD FACSCanto II", category_text="유세포분석 flow cytometry",
        body="원심분리기 옆에 있습니다", category="FLOW_CYTOMETER", access_policy="PUBLIC",
        service_mode="SELF_SERVICE", status="ACTIVE", rate_academic_krw=30000, institution_name="인하대학교",
    )
    return replace(base, **changes)


# ---- settings ----------------------------------------------------------------------------------


def test_settings_file_is_valid_and_complete() -> None:
    raw = json.loads((ROOT / "search/meilisearch/index-settings.json").read_text(encoding="utf-8"))
    for key in ("searchableAttributes", "filterableAttributes", "sortableAttributes", "rankingRules",
                "typoTolerance", "pagination", "faceting", "nonSeparatorTokens"):
        assert key in raw, key
    assert raw["searchableAttributes"] == list(md.TERM_FIELDS)
    assert set(raw["filterableAttributes"]) == set(md.FILTERABLE_FIELDS)
    assert set(mb.FACET_ATTRIBUTES.values()) <= set(raw["filterableAttributes"])
    assert {"kind", "entity_id"} <= set(raw["sortableAttributes"])  # browse order
    assert "sort" in raw["rankingRules"] and raw["rankingRules"][0] == "words"
    assert "_" in raw["nonSeparatorTokens"]  # c_flow_cytometer stays one word
    # Meilisearch reports min(matches, maxTotalHits) as the total: exact only up to it (PG counts all).
    assert raw["pagination"]["maxTotalHits"] >= 1_000_000
    settings = ms.meilisearch_settings(raw)
    dumped = settings.model_dump(by_alias=True, exclude_none=True)
    assert dumped["filterableAttributes"] == raw["filterableAttributes"]
    assert dumped["typoTolerance"]["minWordSizeForTypos"] == raw["typoTolerance"]["minWordSizeForTypos"]


def test_unknown_setting_is_refused() -> None:
    with pytest.raises(ms.SettingsError, match="searchableAttribute"):
        ms.meilisearch_settings({"searchableAttribute": ["terms"]})


def test_glossary_synonyms_and_search_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "meilisearch").mkdir()
    (tmp_path / "meilisearch/index-settings.json").write_text(
        (ROOT / "search/meilisearch/index-settings.json").read_text(encoding="utf-8"), encoding="utf-8")
    without = ms.load_index_settings(tmp_path)
    assert without["synonyms"] == {}
    (tmp_path / "glossary.tsv").write_text(
        "concept\tcategory\tterms\nflow_cytometer\tFLOW_CYTOMETER\tFACS|flow cytometers|유세포 분석기\n"
        "lonely\t\tjust one\n", encoding="utf-8")
    monkeypatch.setenv("BIOMAP_SEARCH_DIR", str(tmp_path))
    assert ms.search_dir() == tmp_path
    synonyms = ms.load_index_settings()["synonyms"]
    assert synonyms["fac"] == ["flow cytomet", "유세포분석기"]  # analysed forms: stems, no spaces
    assert synonyms["유세포분석기"] == ["fac", "flow cytomet"]
    assert "just one" not in synonyms
    monkeypatch.setenv("BIOMAP_SEARCH_DIR", "search")
    assert (ms.search_dir() / "meilisearch/index-settings.json").exists()


def test_connection_settings_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BIOMAP_MEILI_URL", raising=False)
    assert ms.meili_config_from_env() is None
    monkeypatch.setenv("BIOMAP_MEILI_URL", "http://meili:7700")
    monkeypatch.setenv("BIOMAP_MEILI_KEY", "k")
    monkeypatch.delenv("BIOMAP_MEILI_INDEX", raising=False)
    assert ms.meili_config_from_env() == ms.MeiliConfig("http://meili:7700", "k", "biomap")


# ---- documents ---------------------------------------------------------------------------------

EXPECTED_KEYS = {
    "uid", "kind", "entity_id", "institution_id", "institution_name", "zone", "category", "access_policy",
    "service_mode", "status", "visibility", "rate_academic_krw", "title_ko", "title_en", "secondary",
    "category_text", "body", "title_terms", "secondary_terms", "category_terms", "terms", "names_compact",
    "content_hash",
}


@pytest.mark.parametrize("kind", list(SearchKind))
def test_document_keys_are_exactly_the_allow_list(kind: SearchKind) -> None:
    out = md.to_document(doc(kind, 7, visibility="PUBLIC" if kind is SearchKind.TRAINEE else None), ANALYZER)
    assert set(out) == md.DOCUMENT_FIELDS == EXPECTED_KEYS
    assert not {k for k in out if re.search(r"full_?name|e_?mail|phone|contact|consent|personal", k)}
    assert out["uid"] == f"{kind.value.lower()}-7" and md.parse_uid(out["uid"]) == (kind, 7)
    json.dumps(out)  # plain JSON


def test_document_terms_follow_the_analyzer() -> None:
    out = md.to_document(doc(), ANALYZER)
    assert out["title_terms"] == "유세포분석기 flow cytometer c_flow_cytometer"
    assert "c_flow_cytometer" in out["secondary_terms"]  # FACSCanto contains "facs"
    # the body mentions a centrifuge: found through `terms` only, ranked below real centrifuges
    assert "원심분리기" in out["terms"] and "c_centrifuge" in out["terms"]
    assert not any("c_centrifuge" in out[f] for f in ("title_terms", "secondary_terms", "category_terms"))
    assert out["terms"].count("c_flow_cytometer") == 1
    assert "인하대학교" in out["terms"]
    assert out["names_compact"] == ["유세포분석기", "flowcytometer"]


def test_document_terms_carry_broader_concepts_for_matching_only() -> None:
    analyzer = FakeAnalyzer()
    analyzer.glossary.add(Concept("cell_sorter", None, ("cell sorter",), ("flow_cytometer",)))
    terms_with_sorter = {**_TERMS, "cell sorter": "cell_sorter"}
    analyzer.analyze = lambda text: FakeAnalysis(  # type: ignore[method-assign]
        tuple(text.lower().split()), tuple(sorted({c for t, c in terms_with_sorter.items() if t in text.lower()})),
        text.lower().replace(" ", ""))
    out = md.to_document(doc(title_ko="", title_en="Cell sorter", secondary="", category_text="", body=""), analyzer)
    assert "c_cell_sorter" in out["title_terms"] and "c_flow_cytometer" not in out["title_terms"]
    assert "c_cell_sorter" in out["terms"] and "c_flow_cytometer" in out["terms"]  # a sorter is a flow cytometer


def test_content_hash_is_stable_and_sensitive() -> None:
    first = md.to_document(doc(), ANALYZER)
    assert first["content_hash"] == md.to_document(doc(), ANALYZER)["content_hash"]
    assert md.content_hash(first) == first["content_hash"]  # the hash field itself is left out
    assert md.content_hash(json.loads(json.dumps(first))) == first["content_hash"]  # survives a round trip
    assert md.to_document(doc(status="MAINTENANCE"), ANALYZER)["content_hash"] != first["content_hash"]


# ---- filters: a parser following Meilisearch's rules, and the PostgreSQL predicate ---------------

_TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<num>-?\d+)|(?P<op>!=|>=|<=|=|>|<|[()\[\],])'
                    r"|(?P<word>[A-Za-z_][A-Za-z_0-9]*))")


def _unquote(literal: str) -> str:
    inner = literal[1:-1]
    assert not re.search(r'\\[^\\"]', inner.replace("\\\\", "")), f"unexpected escape in {literal}"
    return re.sub(r'\\(["\\])', r"\1", inner)


def tokenize(expression: str) -> list[tuple[str, Any]]:
    tokens: list[tuple[str, Any]] = []
    position = 0
    while position < len(expression.rstrip()):
        match = _TOKEN.match(expression, position)
        assert match and match.end() > position and match.lastgroup, f"cannot parse {expression[position:]!r}"
        kind = match.lastgroup
        text = match.group(kind)
        tokens.append(("val", _unquote(text)) if kind == "str" else ("val", int(text)) if kind == "num"
                      else (kind, text))
        position = match.end()
    return tokens


class Parser:
    """expr := and (OR and)* ; and := term (AND term)* ; term := ( expr ) | NOT term | field cond."""

    def __init__(self, expression: str) -> None:
        self.tokens = tokenize(expression)
        self.i = 0

    def peek(self) -> tuple[str, Any] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, expected: str | None = None) -> tuple[str, Any]:
        token = self.tokens[self.i]
        assert expected is None or token[1] == expected, (token, expected)
        self.i += 1
        return token

    def parse(self) -> Any:
        tree = self.expr()
        assert self.i == len(self.tokens), f"trailing tokens {self.tokens[self.i:]}"
        return tree

    def expr(self) -> Any:
        parts = [self.conj()]
        while self.peek() == ("word", "OR"):
            self.take()
            parts.append(self.conj())
        return ("or", parts)

    def conj(self) -> Any:
        parts = [self.term()]
        while self.peek() == ("word", "AND"):
            self.take()
            parts.append(self.term())
        return ("and", parts)

    def term(self) -> Any:
        if self.peek() == ("op", "("):
            self.take()
            inner = self.expr()
            self.take(")")
            return inner
        if self.peek() == ("word", "NOT"):
            self.take()
            return ("not", self.term())
        kind, field = self.take()
        assert kind == "word", field
        nxt = self.take()
        if nxt == ("word", "IN"):
            self.take("[")
            values = [self.take()[1]]
            while self.peek() == ("op", ","):
                self.take()
                values.append(self.take()[1])
            self.take("]")
            return ("in", field, values)
        if nxt == ("word", "NOT"):
            self.take("EXISTS")
            return ("not", ("exists", field))
        if nxt == ("word", "EXISTS"):
            return ("exists", field)
        kind, value = self.take()
        assert kind == "val"
        return ("cmp", field, nxt[1], value)


def evaluate(tree: Any, document: Mapping[str, Any]) -> bool:
    op = tree[0]
    if op == "or":
        return any(evaluate(t, document) for t in tree[1])
    if op == "and":
        return all(evaluate(t, document) for t in tree[1])
    if op == "not":
        return not evaluate(tree[1], document)
    if op == "exists":
        return tree[1] in document
    value = document.get(tree[1])
    if op == "in":
        return value is not None and value in tree[2]
    _, _, comparison, operand = tree
    if comparison == "!=":
        return not (value is not None and value == operand)  # Meilisearch: NOT(=), missing fields pass
    if value is None:
        return False
    return {"=": value == operand, ">=": value >= operand, "<=": value <= operand,
            ">": value > operand, "<": value < operand}[comparison]


def matches(filter_: Sequence[str | list[str]], document: Mapping[str, Any]) -> bool:
    return all(evaluate(Parser(str(element)).parse(), document) for element in filter_)


def pg_predicate(d: Mapping[str, Any], kinds: Sequence[SearchKind], scope: SearchScope, f: SearchFilter) -> bool:
    """pg_queries.SCOPE_AND_FILTER, in Python."""
    def among(value: Any, allowed: tuple[Any, ...] | None) -> bool:
        return allowed is None or (value is not None and value in allowed)

    return (
        d["kind"] in [k.value for k in kinds]
        and (d["kind"] != "EQUIPMENT" or d["access_policy"] != "INTERNAL" or scope.see_all_internal
             or d["institution_id"] == scope.own_institution_id)
        and (d["kind"] != "TRAINEE" or d["visibility"] in scope.trainee_visibilities
             or d["institution_id"] == scope.managed_institution_id)
        and among(d["zone"], f.zones) and among(d["institution_id"], f.institution_ids)
        and among(d["category"], f.categories) and among(d["access_policy"], f.access_policies)
        and among(d["service_mode"], f.service_modes)
        and ((d["status"] or "") != "RETIRED" if f.statuses is None else among(d["status"], f.statuses))
        and (f.price_min_krw is None or (d["rate_academic_krw"] is not None and d["rate_academic_krw"] >= f.price_min_krw))
        and (f.price_max_krw is None or (d["rate_academic_krw"] is not None and d["rate_academic_krw"] <= f.price_max_krw))
    )


def _sample_documents() -> list[dict[str, Any]]:
    out = []
    for n, (kind, institution, policy, status, visibility) in enumerate(product(
        SearchKind, (1, 2, 3), ("INTERNAL", "CLUSTER", "PUBLIC"), ("ACTIVE", "RETIRED", None),
        ("PUBLIC", "EMPLOYERS", "HIDDEN"),
    )):
        equipment = kind is SearchKind.EQUIPMENT
        source = doc(kind, n, institution_id=institution, zone=("SONGDO", "NAMDONG")[n % 2],
                     access_policy=policy if equipment else None, status=status,
                     visibility=visibility if kind is SearchKind.TRAINEE else None,
                     rate_academic_krw=(10000 * (n % 5)) if equipment else None,
                     category="CENTRIFUGE" if n % 3 else "FLOW_CYTOMETER")
        out.append(md.to_document(source, ANALYZER))
    return out


SCOPES = {
    "anonymous": SearchScope(False, None, ("PUBLIC",), None),
    "researcher": SearchScope(False, 1, ("PUBLIC",), None),
    "verified employer": SearchScope(False, 3, ("PUBLIC", "EMPLOYERS"), None),
    "training centre manager": SearchScope(False, 2, ("PUBLIC",), 2),
    "city officer": SearchScope(True, None, ("PUBLIC",), None),
    "no trainees at all": SearchScope(False, None, (), None),
}
FILTERS = {
    "none": SearchFilter(),
    "zone": SearchFilter(zones=("NAMDONG",)),
    "institutions": SearchFilter(institution_ids=(1, 3)),
    "retired asked": SearchFilter(statuses=("RETIRED", "ACTIVE")),
    "price": SearchFilter(price_min_krw=10000, price_max_krw=30000),
    "empty tuple": SearchFilter(categories=()),
    "several": SearchFilter(categories=("CENTRIFUGE",), access_policies=("PUBLIC", "CLUSTER")),
}


@pytest.mark.parametrize("scope_name", list(SCOPES))
@pytest.mark.parametrize("filter_name", list(FILTERS))
def test_filter_matches_the_postgresql_predicate(scope_name: str, filter_name: str) -> None:
    scope, flt = SCOPES[scope_name], FILTERS[filter_name]
    documents = _sample_documents()
    for kinds in (tuple(SearchKind), (SearchKind.EQUIPMENT,), (SearchKind.TRAINEE, SearchKind.TECHNOLOGY), ()):
        expression = mf.build_filter(flt, scope, kinds)
        got = {d["uid"] for d in documents if matches(expression, d)}
        want = {d["uid"] for d in documents if pg_predicate(d, kinds, scope, flt)}
        assert got == want, (scope_name, filter_name, kinds, expression)


def test_permission_clauses_per_scope() -> None:
    assert mf.permission_filter(SCOPES["anonymous"]) == [
        '(kind != "EQUIPMENT" OR access_policy != "INTERNAL")',
        '(kind != "TRAINEE" OR visibility IN ["PUBLIC"])',
    ]
    assert mf.permission_filter(SCOPES["researcher"])[0] == (
        '(kind != "EQUIPMENT" OR access_policy != "INTERNAL" OR institution_id = 1)')
    assert mf.permission_filter(SCOPES["training centre manager"])[1] == (
        '(kind != "TRAINEE" OR visibility IN ["PUBLIC"] OR institution_id = 2)')
    assert mf.permission_filter(SCOPES["city officer"]) == ['(kind != "TRAINEE" OR visibility IN ["PUBLIC"])']
    assert mf.permission_filter(SCOPES["no trainees at all"])[1] == '(kind != "TRAINEE")'
    # the permission clauses are there whatever the viewer filters on
    assert set(mf.permission_filter(SCOPES["anonymous"])) <= set(
        mf.build_filter(SearchFilter(access_policies=("INTERNAL",)), SCOPES["anonymous"], tuple(SearchKind)))


HOSTILE = ['ACTIVE" OR kind = "TRAINEE', 'x\\', 'x\\" OR status != "', '") OR (kind EXISTS', "it's",
           '\\\\"', "line\nbreak", "유세포\"분석기"]


@pytest.mark.parametrize("value", HOSTILE)
def test_quoted_values_cannot_break_out(value: str) -> None:
    literal = mf.quote(value)
    tokens = tokenize(f"status = {literal}")
    assert tokens[:2] == [("word", "status"), ("op", "=")] and len(tokens) == 3
    assert tokens[2][1] == value.replace("\n", "")  # control characters are dropped, nothing else
    scope = SearchScope(False, None, (value,), None)
    expression = mf.build_filter(SearchFilter(statuses=(value,), zones=(value, "SONGDO")), scope, tuple(SearchKind))
    for element in expression:
        Parser(str(element)).parse()  # every element is one well-formed expression
    hostile = {"uid": "trainee-1", "kind": "TRAINEE", "status": value.replace("\n", ""), "zone": "SONGDO",
               "visibility": value.replace("\n", ""), "institution_id": 9}
    assert matches(expression, hostile)
    assert not matches(expression, {**hostile, "status": "ACTIVE"})
    assert not matches(expression, {**hostile, "visibility": "HIDDEN"})


def test_numbers_are_integers_only() -> None:
    with pytest.raises(TypeError):
        mf.number("1 OR kind EXISTS")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        mf.number(True)
    assert mf.any_number_of("institution_id", []) == mf.MATCH_NOTHING


# ---- query building and the backend ------------------------------------------------------------


def test_query_puts_concepts_first_as_exact_phrases() -> None:
    query = mb.build_query("FACS 송도", ANALYZER)
    assert query is not None
    assert query.q == '"c_flow_cytometer" 송도 facs'  # "facs" (where the concept came from) goes last
    assert query.matching_strategy == "last"
    assert {"FACS", "facs", "유세포분석기", "flow cytometer", "송도"} <= query.highlight_terms
    plain = mb.build_query("BIOSTAT Cplus", ANALYZER)
    assert plain is not None and plain.q == "biostat cplus" and plain.matching_strategy == "all"
    # Meilisearch requires the first phrase: the concept named first, whatever its alphabetical place.
    several = mb.build_query("FACS centrifuge", ANALYZER)
    assert several is not None and several.q == '"c_flow_cytometer" "c_centrifuge" facs centrifuge'
    reverse = mb.build_query("centrifuge FACS", ANALYZER)
    assert reverse is not None and reverse.q == '"c_centrifuge" "c_flow_cytometer" centrifuge facs'
    browse = mb.build_query("   ", ANALYZER)
    assert browse is not None and browse.q == ""
    assert mb.build_query("a", ANALYZER) is None  # nothing searchable: no hits (as PG)


def test_paging_is_exhaustive() -> None:
    assert mb._page(20, 0) == (1, 20, 0)
    assert mb._page(20, 40) == (3, 20, 0)
    assert mb._page(20, 30) == (1, 50, 30)
    assert mb._page(0, 10) == (1, 0, 0)


class FakeSearchClient:
    def __init__(self, response: SearchResults) -> None:
        self.response = response
        self.calls: list[tuple[str, str | None, dict[str, Any]]] = []

    def index(self, uid: str) -> Any:
        async def search(query: str | None = None, **kwargs: Any) -> SearchResults:
            self.calls.append((uid, query, kwargs))
            return self.response

        return SimpleNamespace(search=search)


def _results(hits: list[dict[str, Any]], **extra: Any) -> SearchResults:
    return SearchResults(hits=hits, processing_time_ms=1, query="", **extra)


async def test_search_maps_request_and_response() -> None:
    hits = [{"uid": "equipment-5", "title_ko": "유세포분석기 <b>", "title_en": "", "secondary": "BD FACSCanto II",
             "body": "", "_rankingScore": 0.93},
            {"uid": "technology-2", "title_ko": "세포 치료", "title_en": "", "secondary": "", "body": "",
             "_rankingScore": 0.4}]
    distribution = {"kind": {"EQUIPMENT": 1, "TECHNOLOGY": 1}, "institution_id": {"3": 1, "12": 2}, "zone": {}}
    client = FakeSearchClient(_results(hits, total_hits=2, facet_distribution=distribution))
    backend = mb.MeilisearchBackend(client, "biomap", analyzer=ANALYZER)  # type: ignore[arg-type]
    request = SearchRequest("FACS", tuple(SearchKind), SearchFilter(), SCOPES["anonymous"], limit=20)
    result = await backend.search(None, request)
    uid, q, kwargs = client.calls[0]
    assert (uid, q) == ("biomap", '"c_flow_cytometer" facs')
    assert kwargs["filter"] == mf.build_filter(SearchFilter(), SCOPES["anonymous"], tuple(SearchKind))
    assert kwargs["facets"] == ["kind", "zone", "institution_id", "category", "access_policy", "service_mode",
                                "status"]
    assert kwargs["show_ranking_score"] is True and kwargs["page"] == 1 and kwargs["hits_per_page"] == 20
    assert [(h.kind, h.entity_id, h.score) for h in result.hits] == [
        (SearchKind.EQUIPMENT, 5, 0.93), (SearchKind.TECHNOLOGY, 2, 0.4)]
    assert result.hits[0].highlights == {"titleKo": "<mark>유세포분석기</mark> &lt;b&gt;",
                                         "secondary": "BD <mark>FACS</mark>Canto II"}
    assert result.total == 2
    assert [f.field for f in result.facets] == ["kind", "institution"]
    assert [(v.value, v.count) for v in result.facets[1].values] == [("12", 2), ("3", 1)]
    assert set(FACET_FIELDS) == set(mb.FACET_ATTRIBUTES)


async def test_browse_sorts_and_slices_odd_offsets() -> None:
    hits = [{"uid": f"equipment-{n}", "title_ko": "", "title_en": "", "secondary": "", "body": ""} for n in range(7)]
    client = FakeSearchClient(_results(hits, total_hits=40))
    backend = mb.MeilisearchBackend(client, "biomap", analyzer=ANALYZER)  # type: ignore[arg-type]
    result = await backend.search(None, SearchRequest("", tuple(SearchKind), SearchFilter(), SCOPES["anonymous"],
                                                      limit=2, offset=5))
    _, q, kwargs = client.calls[0]
    assert q == "" and kwargs["sort"] == ["kind:asc", "entity_id:asc"] and kwargs["show_ranking_score"] is False
    assert (kwargs["page"], kwargs["hits_per_page"]) == (1, 7)
    assert [h.entity_id for h in result.hits] == [5, 6] and all(h.score == 0.0 for h in result.hits)
    assert result.total == 40


async def test_nothing_with_every_word_relaxes_to_later_words_dropped() -> None:
    class EmptyThenHits(FakeSearchClient):
        def index(self, uid: str) -> Any:
            async def search(query: str | None = None, **kwargs: Any) -> SearchResults:
                self.calls.append((uid, query, kwargs))
                if kwargs["matching_strategy"] == "all":
                    return _results([], total_hits=0)
                return self.response

            return SimpleNamespace(search=search)

    hit = {"uid": "equipment-5", "title_ko": "", "title_en": "BIOSTAT", "secondary": "", "body": "", "_rankingScore": 0.5}
    client = EmptyThenHits(_results([hit], total_hits=1))
    backend = mb.MeilisearchBackend(client, "biomap", analyzer=ANALYZER)  # type: ignore[arg-type]
    request = SearchRequest("BIOSTAT 예약", tuple(SearchKind), SearchFilter(), SCOPES["anonymous"], limit=20)
    result = await backend.search(None, request)
    assert [(q, kwargs["matching_strategy"]) for _, q, kwargs in client.calls] == [
        ("biostat 예약", "all"), ("biostat 예약", "last")]
    assert result.total == 1 and [h.entity_id for h in result.hits] == [5]
    client.calls.clear()  # one word: nothing to relax
    await backend.search(None, replace(request, text="zzzz"))
    assert [kwargs["matching_strategy"] for _, _, kwargs in client.calls] == ["all"]


async def test_suggest_counts_names_by_compact_prefix() -> None:
    hits = [{"title_ko": "유세포분석기", "title_en": "Flow cytometer"}, {"title_ko": "유세포분석기", "title_en": ""},
            {"title_ko": "세포 분리기", "title_en": "Cell sorter"}, {"title_ko": "유세포 분석기 (Aurora)", "title_en": ""}]
    client = FakeSearchClient(_results(hits))
    backend = mb.MeilisearchBackend(client, "biomap", analyzer=ANALYZER)  # type: ignore[arg-type]
    suggestions = await backend.suggest(None, "유세포 분", 5, SCOPES["researcher"])
    assert [(s.text, s.kind, s.extra) for s in suggestions] == [
        ("유세포분석기", "equipment", {"count": 2}), ("유세포 분석기 (Aurora)", "equipment", {"count": 1})]
    _, q, kwargs = client.calls[0]
    assert q == "유세포분" and kwargs["attributes_to_search_on"] == ["names_compact"]
    assert kwargs["filter"] == mf.build_filter(SearchFilter(), SCOPES["researcher"], (SearchKind.EQUIPMENT,))
    assert await backend.suggest(None, " -- ", 5, SCOPES["researcher"]) == []


# ---- relay (real database, in-memory index) ----------------------------------------------------


class FakeIndex:
    """An in-memory SearchIndex that can be told to fail or to hold a write until released."""

    def __init__(self, uid: str = "fake") -> None:
        self.uid = uid
        self.store: dict[str, dict[str, Any]] = {}
        self.fail: Exception | None = None
        self.log: list[tuple[str, list[str]]] = []
        self.hold: asyncio.Event | None = None
        self.entered = asyncio.Event()

    async def upsert(self, documents: Sequence[Mapping[str, Any]]) -> None:
        self.entered.set()
        if self.hold is not None:
            await self.hold.wait()
        if self.fail is not None:
            raise self.fail
        self.log.append(("upsert", [d["uid"] for d in documents]))
        self.store.update({d["uid"]: dict(d) for d in documents})

    async def delete(self, uids: Sequence[str]) -> None:
        if self.fail is not None:
            raise self.fail
        self.log.append(("delete", list(uids)))
        for uid in uids:
            self.store.pop(uid, None)

    async def documents(self) -> list[dict[str, Any]]:
        return [dict(d) for d in self.store.values()]


class FakeCatalogue:
    """A DocumentLoader over a dict; counts its calls."""

    def __init__(self, documents: Sequence[SearchDocument] = ()) -> None:
        self.documents = {(d.kind, d.entity_id): d for d in documents}
        self.calls = 0

    async def __call__(self, conn: asyncpg.Connection, kind: SearchKind, ids: list[int] | None) -> list[SearchDocument]:
        self.calls += 1
        return [d for (k, i), d in sorted(self.documents.items()) if k is kind and (ids is None or i in ids)]


async def _pending_cleared(conn: asyncpg.Connection) -> None:
    await conn.execute("UPDATE outbox SET delivered_at = now() WHERE delivered_at IS NULL")  # rolled back later


async def _enqueue(conn: asyncpg.Connection, entity: str, entity_id: int, topic: str = mr.TOPIC) -> int:
    return await conn.fetchval("INSERT INTO outbox (topic, payload) VALUES ($1, $2) RETURNING id", topic,
                               {"entity": entity, "id": entity_id, "action": "update"})


async def _row(conn: asyncpg.Connection, outbox_id: int) -> asyncpg.Record:
    return await conn.fetchrow("SELECT * FROM outbox WHERE id = $1", outbox_id)


def test_claim_skips_locked_rows() -> None:
    assert "FOR UPDATE SKIP LOCKED" in mr.CLAIM_SQL and "delivered_at IS NULL" in mr.CLAIM_SQL


def test_backoff_doubles_up_to_ten_minutes() -> None:
    assert [mr.backoff_seconds(n) for n in (1, 2, 3, 9, 10, 50)] == [2, 4, 8, 512, 600, 600]


async def test_relay_upserts_deletes_and_marks_delivered(conn: asyncpg.Connection) -> None:
    await _pending_cleared(conn)
    catalogue = FakeCatalogue([doc(SearchKind.EQUIPMENT, 1), doc(SearchKind.EQUIPMENT, 2, title_ko="원심분리기")])
    ids = [await _enqueue(conn, "equipment", 1), await _enqueue(conn, "equipment", 2),
           await _enqueue(conn, "equipment", 1), await _enqueue(conn, "technology", 3),
           await _enqueue(conn, "institution", 4)]  # not indexed: delivered without work
    index = FakeIndex()
    index.store["technology-3"] = {"uid": "technology-3"}
    assert await mr.relay_once(conn, index, analyzer=ANALYZER, loader=catalogue) == 5
    assert index.log == [("upsert", ["equipment-1", "equipment-2"]), ("delete", ["technology-3"])]
    assert index.store["equipment-2"]["title_ko"] == "원심분리기"
    for outbox_id in ids:
        row = await _row(conn, outbox_id)
        assert row["delivered_at"] is not None and row["attempts"] == 0
    assert await mr.relay_once(conn, index, analyzer=ANALYZER, loader=catalogue) == 0  # nothing left


async def test_relay_batches(conn: asyncpg.Connection) -> None:
    await _pending_cleared(conn)
    for n in range(5):
        await _enqueue(conn, "equipment", n + 1)
    catalogue = FakeCatalogue([doc(SearchKind.EQUIPMENT, n + 1) for n in range(5)])
    index = FakeIndex()
    assert await mr.relay_once(conn, index, batch_size=2, analyzer=ANALYZER, loader=catalogue) == 2
    assert await conn.fetchval(
        "SELECT count(*) FROM outbox WHERE topic = $1 AND delivered_at IS NULL", mr.TOPIC) == 3


async def test_relay_failure_keeps_rows_pending_with_backoff(conn: asyncpg.Connection) -> None:
    await _pending_cleared(conn)
    outbox_id = await _enqueue(conn, "equipment", 1)
    catalogue = FakeCatalogue([doc(SearchKind.EQUIPMENT, 1)])
    index = FakeIndex()
    index.fail = ConnectionError("meilisearch unreachable")
    now = datetime.now(UTC) + timedelta(seconds=1)
    assert await mr.relay_once(conn, index, now=now, analyzer=ANALYZER, loader=catalogue) == 0
    row = await _row(conn, outbox_id)
    assert row["delivered_at"] is None and row["attempts"] == 1
    assert row["last_error"] == "ConnectionError: meilisearch unreachable"
    assert row["available_at"] == now + timedelta(seconds=2)
    assert await mr.relay_once(conn, index, now=now + timedelta(seconds=1), analyzer=ANALYZER, loader=catalogue) == 0
    assert (await _row(conn, outbox_id))["attempts"] == 1  # not due yet: not even tried
    index.fail = None
    assert await mr.relay_once(conn, index, now=now + timedelta(seconds=2), analyzer=ANALYZER, loader=catalogue) == 1
    assert (await _row(conn, outbox_id))["delivered_at"] == now + timedelta(seconds=2)
    assert "equipment-1" in index.store


async def test_relay_backoff_is_capped(conn: asyncpg.Connection) -> None:
    await _pending_cleared(conn)
    outbox_id = await _enqueue(conn, "equipment", 1)
    await conn.execute("UPDATE outbox SET attempts = 30 WHERE id = $1", outbox_id)
    index = FakeIndex()
    index.fail = RuntimeError("task failed")
    now = datetime.now(UTC) + timedelta(seconds=1)
    assert await mr.relay_once(conn, index, now=now, analyzer=ANALYZER, loader=FakeCatalogue()) == 0
    row = await _row(conn, outbox_id)
    assert row["attempts"] == 31 and row["available_at"] == now + timedelta(seconds=600)


async def test_relay_database_error_rolls_back(conn: asyncpg.Connection) -> None:
    await _pending_cleared(conn)
    outbox_id = await _enqueue(conn, "equipment", 1)

    async def broken(c: asyncpg.Connection, kind: SearchKind, ids: list[int] | None) -> list[SearchDocument]:
        await c.execute("SELECT 1 / 0")
        return []

    with pytest.raises(asyncpg.DivisionByZeroError):
        await mr.relay_once(conn, FakeIndex(), analyzer=ANALYZER, loader=broken)
    row = await _row(conn, outbox_id)
    assert row["delivered_at"] is None and row["attempts"] == 0 and row["last_error"] is None


async def test_relay_uses_the_real_documents(conn: asyncpg.Connection) -> None:
    loader = mr.default_loader()
    await _pending_cleared(conn)
    equipment_id = await conn.fetchval("SELECT min(id) FROM equipment")
    await _enqueue(conn, "equipment", equipment_id)
    await _enqueue(conn, "equipment", 10**12)  # no such record: deleted from the index
    index = FakeIndex()
    assert await mr.relay_once(conn, index, analyzer=ANALYZER, loader=loader) == 2
    assert set(index.store) == {f"equipment-{equipment_id}"}
    assert index.log[-1] == ("delete", [f"equipment-{10**12}"])


async def test_real_trainee_documents_carry_no_personal_data(conn: asyncpg.Connection) -> None:
    personal = await conn.fetch("SELECT full_name, email, phone FROM trainee_personal")
    assert personal, "the seeds have trainees with personal data"
    secrets = {v for r in personal for v in (r["full_name"], r["email"], r["phone"]) if v and len(v) >= 3}
    trainees = await mr.default_loader()(conn, SearchKind.TRAINEE, None)
    assert trainees
    for source in trainees:
        text = json.dumps(md.to_document(source, ANALYZER), ensure_ascii=False)
        assert not [s for s in secrets if s in text], source.entity_id


@pytest.fixture
async def committed(database_dsn: str) -> Any:
    """Two connections outside any test transaction, on a topic of their own (cleaned up after)."""
    topic = f"test.meili.{uuid.uuid4().hex[:8]}"
    first, second = await connect(database_dsn), await connect(database_dsn)
    try:
        yield topic, first, second
    finally:
        await first.execute("DELETE FROM outbox WHERE topic = $1", topic)
        await first.close()
        await second.close()


async def test_two_relays_never_take_the_same_row(committed: Any) -> None:
    topic, first, second = committed
    for n in range(4):
        await _enqueue(first, "equipment", n + 1, topic)
    catalogue = FakeCatalogue([doc(SearchKind.EQUIPMENT, n + 1) for n in range(4)])
    slow, fast = FakeIndex("slow"), FakeIndex("fast")
    slow.hold = asyncio.Event()
    held = asyncio.create_task(mr.relay_once(first, slow, batch_size=2, analyzer=ANALYZER, loader=catalogue,
                                             topic=topic))
    try:
        await asyncio.wait_for(slow.entered.wait(), 5)  # the first relay holds its two rows
        assert await mr.relay_once(second, fast, batch_size=10, analyzer=ANALYZER, loader=catalogue,
                                   topic=topic) == 2
    finally:
        slow.hold.set()
        done = await asyncio.wait_for(asyncio.gather(held, return_exceptions=True), 5)
    assert done == [2]
    assert set(slow.store).isdisjoint(fast.store) and len(slow.store) + len(fast.store) == 4
    assert await first.fetchval("SELECT count(*) FROM outbox WHERE topic = $1 AND delivered_at IS NULL", topic) == 0


async def test_changes_to_one_record_are_pushed_in_order(committed: Any) -> None:
    topic, first, second = committed
    await _enqueue(first, "equipment", 1, topic)
    catalogue = FakeCatalogue([doc(SearchKind.EQUIPMENT, 1, title_ko="v1")])
    slow, fast = FakeIndex("slow"), FakeIndex("fast")
    slow.hold = asyncio.Event()
    held = asyncio.create_task(mr.relay_once(first, slow, analyzer=ANALYZER, loader=catalogue, topic=topic))
    tasks = [held]
    try:
        await asyncio.wait_for(slow.entered.wait(), 5)  # v1 loaded and being pushed
        catalogue.documents[(SearchKind.EQUIPMENT, 1)] = doc(SearchKind.EQUIPMENT, 1, title_ko="v2")
        await _enqueue(second, "equipment", 1, topic)
        tasks.append(asyncio.create_task(
            mr.relay_once(second, fast, analyzer=ANALYZER, loader=catalogue, topic=topic)))
        await asyncio.sleep(0.3)
        assert not tasks[1].done() and not fast.log  # waits for the record lock, has not loaded yet
    finally:
        slow.hold.set()
        done = await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 5)
    assert done == [1, 1]
    assert fast.store["equipment-1"]["title_ko"] == "v2"


class FakePool:
    """pool.acquire() over the test connection; the first acquire fails like a database restart."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        self.acquired = 0

    def acquire(self) -> Any:
        pool = self

        class Acquire:
            async def __aenter__(self) -> asyncpg.Connection:
                pool.acquired += 1
                if pool.acquired == 1:
                    raise OSError("connection refused")
                return pool.conn

            async def __aexit__(self, *exc: object) -> None:
                return None

        return Acquire()


async def test_run_relay_survives_database_errors_and_stops(conn: asyncpg.Connection) -> None:
    await _pending_cleared(conn)
    outbox_id = await _enqueue(conn, "equipment", 1)
    stop = asyncio.Event()

    class StoppingIndex(FakeIndex):
        async def upsert(self, documents: Sequence[Mapping[str, Any]]) -> None:
            await super().upsert(documents)
            stop.set()

    index = StoppingIndex()
    pool = FakePool(conn)
    await asyncio.wait_for(mr.run_relay(pool, index, stop, poll_seconds=0.01, analyzer=ANALYZER,  # type: ignore[arg-type]
                                        loader=FakeCatalogue([doc()])), 5)
    assert pool.acquired == 2 and "equipment-1" in index.store
    assert (await _row(conn, outbox_id))["delivered_at"] is not None


# ---- drift check, MeiliIndex and reindex with a fake SDK client ---------------------------------


async def test_check_reports_missing_extra_and_stale(conn: asyncpg.Connection) -> None:
    await _pending_cleared(conn)
    catalogue = FakeCatalogue([doc(SearchKind.EQUIPMENT, n) for n in (1, 2, 3)] + [doc(SearchKind.TRAINEE, 1)])
    index = FakeIndex()
    for (kind, n), d in catalogue.documents.items():
        index.store[md.document_uid(kind, n)] = md.to_document(d, ANALYZER)
    report = await msync.check(conn, index, analyzer=ANALYZER, loader=catalogue)
    assert report.ok and report.database_counts == {"EQUIPMENT": 3, "TRAINEE": 1}
    assert "in sync" in report.summary()
    del index.store["equipment-1"]
    index.store["technology-9"] = md.to_document(doc(SearchKind.TECHNOLOGY, 9), ANALYZER)
    index.store["equipment-2"]["title_ko"] = "tampered"  # stored hash no longer matches the content
    catalogue.documents[(SearchKind.EQUIPMENT, 3)] = doc(SearchKind.EQUIPMENT, 3, status="RETIRED")
    report = await msync.check(conn, index, analyzer=ANALYZER, loader=catalogue)
    assert (report.missing, report.extra, report.stale) == (["equipment-1"], ["technology-9"],
                                                            ["equipment-2", "equipment-3"])
    assert not report.ok and report.index_counts == {"EQUIPMENT": 2, "TRAINEE": 1, "TECHNOLOGY": 1}
    assert "DRIFT: 1 missing, 1 extra, 2 stale" in report.summary()


async def test_check_tells_relay_lag_from_drift(conn: asyncpg.Connection) -> None:
    await _pending_cleared(conn)
    catalogue = FakeCatalogue([doc(SearchKind.EQUIPMENT, n) for n in (1, 2)])
    index = FakeIndex()
    index.store["equipment-1"] = md.to_document(doc(SearchKind.EQUIPMENT, 1), ANALYZER)
    await _enqueue(conn, "equipment", 2)  # created, its change not relayed yet
    report = await msync.check(conn, index, analyzer=ANALYZER, loader=catalogue)
    assert report.ok and report.missing == [] and report.pending == ["equipment-2"]
    assert "in sync; 1 record(s) with a change still to relay" in report.summary()
    await _pending_cleared(conn)  # delivered, yet not in the index: drift
    report = await msync.check(conn, index, analyzer=ANALYZER, loader=catalogue)
    assert not report.ok and report.missing == ["equipment-2"] and report.pending == []


async def test_relay_retries_a_failed_batch_one_row_at_a_time(conn: asyncpg.Connection) -> None:
    await _pending_cleared(conn)
    ids = [await _enqueue(conn, "equipment", n) for n in (1, 2, 3)]

    class RefusesTwo(FakeIndex):
        async def upsert(self, documents: Sequence[Mapping[str, Any]]) -> None:
            if any(d["uid"] == "equipment-2" for d in documents):
                raise RuntimeError("document equipment-2 refused")
            await super().upsert(documents)

    index = RefusesTwo()
    catalogue = FakeCatalogue([doc(SearchKind.EQUIPMENT, n) for n in (1, 2, 3)])
    now = datetime.now(UTC) + timedelta(seconds=1)
    assert await mr.relay_once(conn, index, now=now, analyzer=ANALYZER, loader=catalogue) == 0  # the batch fails
    later = now + timedelta(seconds=2)
    delivered = [await mr.relay_once(conn, index, now=later, analyzer=ANALYZER, loader=catalogue) for _ in range(3)]
    assert delivered == [1, 0, 1] and set(index.store) == {"equipment-1", "equipment-3"}
    rows = [await _row(conn, i) for i in ids]
    assert [r["delivered_at"] is not None for r in rows] == [True, False, True]
    assert rows[1]["attempts"] == 2 and rows[1]["last_error"] == "RuntimeError: document equipment-2 refused"


async def test_replay_after_reindex_goes_in_chunks(conn: asyncpg.Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    await _pending_cleared(conn)
    since = await conn.fetchval("SELECT clock_timestamp()")
    for n in range(1, 6):
        await _enqueue(conn, "equipment", n)
    monkeypatch.setattr(msync, "REPLAY_CHUNK", 2)
    index = FakeIndex()
    catalogue = FakeCatalogue([doc(SearchKind.EQUIPMENT, n) for n in range(1, 6)])
    assert await msync.replay_since(conn, index, since, analyzer=ANALYZER, loader=catalogue) == 5
    assert [uids for _, uids in index.log] == [["equipment-1", "equipment-2"], ["equipment-3", "equipment-4"],
                                               ["equipment-5"]]


class FakeMeili:
    """Just enough of meilisearch_python_sdk.AsyncClient: tasks succeed at once unless `fail_on` names
    the operation."""

    def __init__(self) -> None:
        self.indexes: dict[str, dict[str, dict[str, Any]]] = {}
        self.settings: dict[str, Any] = {}
        self.tasks: dict[int, SimpleNamespace] = {}
        self.log: list[tuple[str, str]] = []
        self.fail_on: str | None = None
        self.fails_as = "failed"  # how a task of `fail_on` ends: failed, canceled, or never (processing)

    def _task(self, operation: str, uid: str, action: Any) -> SimpleNamespace:
        self.log.append((operation, uid))
        failed = operation == self.fail_on
        if not failed:
            action()
        task_uid = len(self.tasks) + 1
        self.tasks[task_uid] = SimpleNamespace(status=self.fails_as if failed else "succeeded", task_type=operation,
                                               error={"message": "boom"} if failed else None)
        return SimpleNamespace(task_uid=task_uid)

    async def get_task(self, task_uid: int) -> SimpleNamespace:
        return self.tasks[task_uid]

    async def create_index(self, uid: str, primary_key: str | None = None, **_: Any) -> None:
        self.log.append(("create", uid))
        self.indexes.setdefault(uid, {})

    async def get_index(self, uid: str) -> Any:
        if uid not in self.indexes:
            raise MeilisearchApiError("not found", httpx2.Response(
                404, json={"message": f"Index `{uid}` not found.", "code": "index_not_found"}))
        return SimpleNamespace(uid=uid)

    async def swap_indexes(self, pairs: list[tuple[str, str]]) -> SimpleNamespace:
        def swap() -> None:
            for a, b in pairs:
                self.indexes[a], self.indexes[b] = self.indexes[b], self.indexes[a]
        return self._task("swap", pairs[0][1], swap)

    def index(self, uid: str) -> Any:
        meili = self

        class Index:
            async def update_settings(self, body: Any) -> SimpleNamespace:
                return meili._task("settings", uid, lambda: meili.settings.__setitem__(uid, body))

            async def add_documents(self, documents: Sequence[Mapping[str, Any]], primary_key: str | None = None
                                    ) -> SimpleNamespace:
                return meili._task("add", uid, lambda: meili.indexes[uid].update({d["uid"]: dict(d) for d in documents}))

            async def delete_documents(self, ids: list[str]) -> SimpleNamespace:
                return meili._task("delete_documents", uid, lambda: [meili.indexes[uid].pop(i, None) for i in ids])

            async def get_documents(self, *, offset: int = 0, limit: int = 20) -> SimpleNamespace:
                values = list(meili.indexes[uid].values())
                return SimpleNamespace(results=values[offset:offset + limit], total=len(values))

            async def get_stats(self) -> SimpleNamespace:
                return SimpleNamespace(number_of_documents=len(meili.indexes[uid]))

            async def delete(self) -> SimpleNamespace:
                return meili._task("drop", uid, lambda: meili.indexes.pop(uid))

        return Index()


async def test_meili_index_pages_and_checks_tasks() -> None:
    meili = FakeMeili()
    meili.indexes["biomap"] = {}
    index = msync.MeiliIndex(meili, "biomap", batch_size=2)  # type: ignore[arg-type]
    documents = [md.to_document(doc(SearchKind.EQUIPMENT, n), ANALYZER) for n in range(5)]
    await index.upsert(documents)
    assert [op for op, _ in meili.log] == ["add", "add", "add"]
    assert len(await index.documents()) == 5 and await index.count() == 5
    meili.fail_on = "delete_documents"
    with pytest.raises(msync.MeiliTaskError, match="failed"):
        await index.delete(["equipment-1"])
    meili.fails_as = "canceled"  # an end too: reported as such, not waited for until the timeout
    with pytest.raises(msync.MeiliTaskError, match="canceled"):
        await index.delete(["equipment-1"])
    meili.fails_as = "processing"
    slow = msync.MeiliIndex(meili, "biomap", task_timeout_ms=100)  # type: ignore[arg-type]
    with pytest.raises(msync.MeiliTaskError, match="still processing after 100 ms"):
        await slow.delete(["equipment-1"])


async def test_index_existence_and_a_refused_key_are_told_apart() -> None:
    def handle(request: httpx2.Request) -> httpx2.Response:
        if request.url.path == "/indexes/missing":
            return httpx2.Response(404, json={"message": "Index `missing` not found.", "code": "index_not_found",
                                              "type": "invalid_request", "link": ""})
        if request.url.path == "/indexes/biomap":
            return httpx2.Response(200, json={"uid": "biomap", "primaryKey": "uid",
                                              "createdAt": "2025-01-01T00:00:00Z", "updatedAt": "2025-01-01T00:00:00Z"})
        return httpx2.Response(403, json={"message": "The provided API key is invalid.", "code": "invalid_api_key",
                                          "type": "auth", "link": ""})

    client = AsyncClient("http://meili.test", "key")
    client.http_client = httpx2.AsyncClient(base_url="http://meili.test", transport=httpx2.MockTransport(handle),
                                           headers=client._headers)
    assert await msync.index_exists(client, "biomap") is True
    assert await msync.index_exists(client, "missing") is False
    with pytest.raises(MeilisearchApiError, match="invalid_api_key"):
        await msync.index_exists(client, "forbidden")


async def test_reindex_builds_swaps_and_replays(conn: asyncpg.Connection) -> None:
    await _pending_cleared(conn)
    meili = FakeMeili()
    meili.indexes["biomap"] = {"equipment-99": {"uid": "equipment-99"}}  # the old content
    catalogue = FakeCatalogue([doc(SearchKind.EQUIPMENT, 1), doc(SearchKind.TRAINEE, 2)])
    await _enqueue(conn, "equipment", 1)  # changed while building: pushed again afterwards
    settings = ms.load_index_settings(ROOT / "search")
    report = await msync.reindex(conn, meili, "biomap", analyzer=ANALYZER, loader=catalogue,  # type: ignore[arg-type]
                                 settings=settings)
    assert report.documents == 2 and report.replayed == 1 and report.built_uid.startswith("biomap-")
    assert set(meili.indexes) == {"biomap"} and set(meili.indexes["biomap"]) == {"equipment-1", "trainee-2"}
    operations = [op for op, _ in meili.log]
    assert operations[:3] == ["create", "settings", "add"] and operations.index("swap") < operations.index("drop")
    assert ("drop", report.built_uid) in meili.log


async def test_ensure_index_builds_only_a_missing_index(conn: asyncpg.Connection) -> None:
    meili = FakeMeili()
    options: dict[str, Any] = {"analyzer": ANALYZER, "loader": FakeCatalogue([doc()]),
                               "settings": ms.load_index_settings(ROOT / "search")}
    report = await msync.ensure_index(conn, meili, "biomap", **options)  # type: ignore[arg-type]
    assert report is not None and set(meili.indexes["biomap"]) == {"equipment-1"}
    assert await msync.ensure_index(conn, meili, "biomap", **options) is None  # type: ignore[arg-type]


async def test_failed_reindex_leaves_the_live_index(conn: asyncpg.Connection) -> None:
    meili = FakeMeili()
    meili.indexes["biomap"] = {"equipment-99": {"uid": "equipment-99"}}
    meili.fail_on = "add"
    with pytest.raises(msync.MeiliTaskError):
        await msync.reindex(conn, meili, "biomap", analyzer=ANALYZER,  # type: ignore[arg-type]
                            loader=FakeCatalogue([doc()]), settings=ms.load_index_settings(ROOT / "search"))
    assert set(meili.indexes) == {"biomap"} and set(meili.indexes["biomap"]) == {"equipment-99"}


# ---- the HTTP requests the SDK really sends (its httpx2 mock transport, no server) --------------------


def _wired_client(responses: dict[tuple[str, str], Any]) -> tuple[AsyncClient, list[httpx2.Request]]:
    sent: list[httpx2.Request] = []
    task = {"taskUid": 7, "indexUid": "biomap", "status": "enqueued", "type": "x", "enqueuedAt": "2025-01-01T00:00:00Z"}
    done = {"uid": 7, "indexUid": "biomap", "status": "succeeded", "type": "x", "enqueuedAt": "2025-01-01T00:00:00Z"}

    def handle(request: httpx2.Request) -> httpx2.Response:
        sent.append(request)
        if request.url.path.startswith("/tasks/"):
            return httpx2.Response(200, json=done)
        return httpx2.Response(200, json=responses.get((request.method, request.url.path), task))

    client = AsyncClient("http://meili.test", "key")
    client.http_client = httpx2.AsyncClient(base_url="http://meili.test", transport=httpx2.MockTransport(handle),
                                           headers=client._headers)
    return client, sent


async def test_wire_format_of_settings_writes_and_search() -> None:
    search_response = {"hits": [{"uid": "equipment-3", "title_ko": "원심분리기", "_rankingScore": 0.5}],
                       "query": "x", "processingTimeMs": 1, "totalHits": 1, "hitsPerPage": 20, "page": 1,
                       "totalPages": 1, "facetDistribution": {"zone": {"SONGDO": 1}}}
    client, sent = _wired_client({("POST", "/indexes/biomap/search"): search_response})
    index = msync.MeiliIndex(client, "biomap")
    settings = ms.load_index_settings(ROOT / "search")
    await index.apply_settings(settings)
    patch = sent[0]
    assert (patch.method, patch.url.path) == ("PATCH", "/indexes/biomap/settings")
    assert json.loads(patch.content) == settings  # exactly the file's keys and values, camelCase
    assert patch.headers["authorization"] == "Bearer key"
    assert sent[1].url.path == "/tasks/7"  # every write waits for its task
    await index.upsert([md.to_document(doc(), ANALYZER)])
    add = sent[2]
    assert (add.method, add.url.path, add.url.params["primaryKey"]) == ("POST", "/indexes/biomap/documents", "uid")
    assert json.loads(add.content)[0]["uid"] == "equipment-1"
    await index.delete(["equipment-1"])
    assert (sent[4].method, sent[4].url.path) == ("POST", "/indexes/biomap/documents/delete-batch")
    assert json.loads(sent[4].content) == ["equipment-1"]

    backend = mb.MeilisearchBackend(client, "biomap", analyzer=ANALYZER)
    result = await backend.search(None, SearchRequest("원심분리기", tuple(SearchKind), SearchFilter(),
                                                      SCOPES["anonymous"], limit=20, offset=20))
    body = json.loads(sent[-1].content)
    assert sent[-1].url.path == "/indexes/biomap/search"
    assert body["q"] == '"c_centrifuge" 원심분리기' and body["matchingStrategy"] == "last"
    assert body["filter"] == mf.build_filter(SearchFilter(), SCOPES["anonymous"], tuple(SearchKind))
    assert (body["page"], body["hitsPerPage"], body["showRankingScore"]) == (2, 20, True)
    assert body["facets"] == list(mb.FACET_ATTRIBUTES.values())
    assert [(h.kind, h.entity_id, h.score) for h in result.hits] == [(SearchKind.EQUIPMENT, 3, 0.5)]
    assert result.total == 1 and result.facets[0].field == "zone"
    await client.aclose()
