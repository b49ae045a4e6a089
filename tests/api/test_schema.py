"""The exported SDL, the layout rule about `graphql/`, and the request guards."""

from __future__ import annotations

import os
from pathlib import Path

import httpx

from biomap.api.schema import create_schema
from biomap.config import Environment, Settings

ROOT = Path(__file__).resolve().parents[2]
SDL = ROOT / "graphql" / "schema.graphql"


def test_committed_sdl_matches_the_code() -> None:
    exported = create_schema(Settings()).as_str() + "\n"
    assert SDL.read_text(encoding="utf-8") == exported, (
        "graphql/schema.graphql drifted from the code: run `biomap schema export`"
    )


def test_graphql_core_is_not_shadowed_by_the_sdl_folder() -> None:
    import graphql

    assert "site-packages" in graphql.__file__
    assert not (ROOT / "graphql" / "__init__.py").exists()
    for data_only in ("search", "seeds", "graphql"):
        assert not (ROOT / data_only / "__init__.py").exists()


async def test_query_depth_over_ten_is_refused(client) -> None:
    deep = "{ equipment(first: 1) { edges { node { institution { equipment(first: 1) { edges { node { institution {"
    deep += " equipment(first: 1) { edges { node { name } } } } } } } } } } } }"
    body = await client.execute(deep)
    assert body.get("data") is None
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]


async def test_more_than_fifteen_aliases_are_refused(client) -> None:
    aliases = " ".join(f"a{i}: categories {{ code }}" for i in range(16))
    body = await client.execute("{ " + aliases + " }")
    assert "aliases" in body["errors"][0]["message"].lower()
    ok = await client.execute("{ " + " ".join(f"a{i}: categories {{ code }}" for i in range(15)) + " }")
    assert "errors" not in ok


async def test_more_than_two_thousand_tokens_are_refused(client) -> None:
    query = "{ " + " ".join("categories { code }" for _ in range(600)) + " }"
    body = await client.execute(query)
    assert "token" in body["errors"][0]["message"].lower()


async def test_unexpected_errors_are_masked(client, monkeypatch) -> None:
    from biomap.catalogue import service

    async def broken(*args, **kwargs):
        raise RuntimeError("secret connection string postgres://admin:hunter2@db")

    monkeypatch.setattr(service, "list_equipment", broken)
    body = await client.execute("{ equipment(first: 1) { edges { node { name } } } }")
    assert body["errors"][0]["message"] == "Unexpected error."
    assert body["errors"][0]["path"] == ["equipment"]
    assert "hunter2" not in str(body)


async def test_unexpected_errors_are_logged_and_client_errors_are_not(client, monkeypatch, caplog) -> None:
    from biomap.catalogue import service

    async def broken(*args, **kwargs):
        raise RuntimeError("the original failure")

    monkeypatch.setattr(service, "list_equipment", broken)
    with caplog.at_level("ERROR", logger="strawberry.execution"):
        await client.execute("{ nope }")
        assert not caplog.records  # a client's mistake is not the operator's problem
        await client.execute("{ equipment(first: 1) { edges { node { name } } } }")
    assert any("the original failure" in r.getMessage() for r in caplog.records)


async def test_mutations_over_get_and_requests_without_a_query_are_refused(client) -> None:
    mutation = "mutation { equipmentRetire(id: \"x\") { errors { code } } }"
    response = await client.http.get("/graphql", params={"query": mutation})
    assert response.status_code == 400
    assert "mutations are not allowed" in response.text.lower()
    response = await client.http.post("/graphql", json={"variables": {}})
    assert response.status_code == 400
    response = await client.http.post("/graphql", json={"query": "query A { categories { code } }",
                                                         "operationName": "B"})
    assert response.status_code == 400
    assert "B" in response.text


async def _production_client(app_factory):
    settings = Settings(database_url="postgresql://unused", environment=Environment.PRODUCTION,
                        anonymous_cache_seconds=0)
    transport = httpx.ASGITransport(app=app_factory(settings))
    return httpx.AsyncClient(transport=transport, base_url="http://biomap.test")


async def test_production_turns_off_introspection_graphiql_and_suggestions(app_factory) -> None:
    async with await _production_client(app_factory) as http:
        introspection = (await http.post("/graphql", json={"query": "{ __schema { types { name } } }"})).json()
        assert "introspection" in introspection["errors"][0]["message"].lower()

        ide = await http.get("/graphql", headers={"Accept": "text/html"})
        assert "graphiql" not in ide.text.lower()

        typo = (await http.post("/graphql", json={"query": "{ equipmnt { totalCount } }"})).json()
        assert "Did you mean" not in typo["errors"][0]["message"]


async def test_development_serves_graphiql_and_suggestions(client) -> None:
    ide = await client.http.get("/graphql", headers={"Accept": "text/html"})
    assert "graphiql" in ide.text.lower()
    typo = await client.execute("{ equipmnt { totalCount } }")
    assert "Did you mean" in typo["errors"][0]["message"]


def test_environment_variable_selects_production(monkeypatch) -> None:
    monkeypatch.setitem(os.environ, "BIOMAP_ENVIRONMENT", "production")
    assert Settings().is_production


async def test_a_repeated_document_is_parsed_and_validated_once(client, monkeypatch) -> None:
    # A regression here costs ~1.4x throughput (bench/README.md): count the real calls.
    from biomap.api import execution

    calls = {"parse": 0, "validate": 0}

    def counting(name, function):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(execution, "parse", counting("parse", execution.parse))
    monkeypatch.setattr(execution, "validate_document", counting("validate", execution.validate_document))
    query = "query CacheProbe { categories { code labelEn } }"
    first = await client.data(query)
    assert calls == {"parse": 1, "validate": 1}
    assert await client.data(query) == first
    assert calls == {"parse": 1, "validate": 1}


def test_the_document_cache_evicts_the_least_recently_used() -> None:
    from biomap.api.execution import DocumentCache
    from graphql import build_schema, specified_rules

    cache = DocumentCache(build_schema("type Query { a: Int b: Int c: Int }"), specified_rules,
                          max_tokens=100, maxsize=2)
    a, b = cache.prepare("{ a }"), cache.prepare("{ b }")
    assert cache.prepare("{ a }") is a  # a is now the most recently used
    cache.prepare("{ c }")  # evicts b
    assert len(cache) == 2
    assert cache.prepare("{ a }") is a
    assert cache.prepare("{ b }") is not b
    assert cache.prepare("{ x }").errors[0].message.startswith("Cannot query field 'x'")


def test_the_guarded_schema_refuses_what_it_would_silently_skip() -> None:
    import pytest
    import strawberry
    from strawberry.directive import DirectiveLocation
    from strawberry.extensions import QueryDepthLimiter

    from biomap.api.execution import GuardedSchema

    @strawberry.type
    class Query:
        ping: str = "pong"

    @strawberry.directive(locations=[DirectiveLocation.FIELD])
    def shout(value: str) -> str:
        return value.upper()

    guards = {"validation_rules": (), "max_tokens": 100, "should_mask": lambda e: True, "present": lambda e: e,
              "observe": lambda *a: None, "mark_cacheable": lambda *a: None}
    with pytest.raises(ValueError, match="extensions"):
        GuardedSchema(query=Query, extensions=[QueryDepthLimiter(max_depth=3)], **guards)
    with pytest.raises(ValueError, match="directives"):
        GuardedSchema(query=Query, directives=[shout], **guards)
    assert GuardedSchema(query=Query, **guards).documents.prepare("{ ping }").errors == ()
