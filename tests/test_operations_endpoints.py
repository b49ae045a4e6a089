"""/healthz, /readyz and /metrics."""

from __future__ import annotations

from biomap.db import migrate


async def test_healthz_and_readyz(client) -> None:
    assert (await client.http.get("/healthz")).json() == {"status": "ok"}
    ready = await client.http.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "schemaVersion": migrate.code_version()}


async def test_readyz_fails_when_the_database_is_ahead(client, conn) -> None:
    await conn.execute(
        "INSERT INTO schema_migration (version, name) VALUES ($1, 'future')", migrate.code_version() + 1
    )
    response = await client.http.get("/readyz")
    assert response.status_code == 503
    assert "ahead" in response.json()["reason"]


async def test_metrics_count_operations_by_name(client) -> None:
    await client.execute("query CatalogueFront { categories { code } }", operation_name="CatalogueFront")
    await client.execute("query CatalogueFront { categories { code } }", operation_name="CatalogueFront")
    await client.execute("{ nope }")
    text = (await client.http.get("/metrics")).text
    assert 'biomap_graphql_requests_total{operation="CatalogueFront",outcome="ok"} 2' in text
    assert 'biomap_graphql_requests_total{operation="anonymous",outcome="error"} 1' in text
    assert 'biomap_graphql_request_duration_seconds_count{operation="CatalogueFront"} 2' in text
