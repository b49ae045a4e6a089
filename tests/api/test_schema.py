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
    assert "hunter2" not in str(body)


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


async def test_a_repeated_document_is_parsed_and_validated_once(client) -> None:
    # The caches are Strawberry's module-level LRUs; a regression here costs ~1.4x throughput.
    from strawberry.extensions.parser_cache import _get_parse_cache
    from strawberry.extensions.validation_cache import _get_validate_cache

    query = "query CacheProbe { categories { code labelEn } }"
    await client.data(query)
    parsed, validated = _get_parse_cache(1024).cache_info(), _get_validate_cache(1024).cache_info()
    await client.data(query)
    assert _get_parse_cache(1024).cache_info().hits == parsed.hits + 1
    assert _get_validate_cache(1024).cache_info().hits == validated.hits + 1
    assert _get_validate_cache(1024).cache_info().misses == validated.misses
