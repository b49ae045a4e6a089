"""The GraphQL endpoint over HTTP: POSTed JSON takes the app's direct path, everything else
Strawberry's; bad requests get the same clear answers on both, and nothing runs for them."""

from __future__ import annotations

import pytest

CATEGORIES = "query Cats { categories { code labelKo } }"


async def test_a_json_post_answers_in_utf8_with_its_charset_or_without(client) -> None:
    for content_type in ("application/json", "application/json; charset=utf-8", "Application/JSON"):
        response = await client.http.post("/graphql", content=f'{{"query": "{CATEGORIES}"}}'.encode(),
                                          headers={"content-type": content_type})
        assert response.status_code == 200, content_type
        assert response.headers["content-type"].startswith("application/json")
        assert "\\u" not in response.text  # Korean labels are sent as UTF-8, not escaped
        assert any(c["labelKo"] for c in response.json()["data"]["categories"])


async def test_a_json_post_may_start_with_a_byte_order_mark(client) -> None:
    body = "\ufeff".encode() + f'{{"query": "{CATEGORIES}"}}'.encode()
    response = await client.http.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200 and response.json()["data"]["categories"]


@pytest.mark.parametrize(("body", "reason"), [
    (b"{not json", "Unable to parse request body as JSON"),
    (b'{"query": "\xff"}', "Unable to parse request body as JSON"),  # not UTF-8
    (b'[{"query": "{ categories { code } }"}]', "Batching is not enabled"),
    (b"42", "The request body must be a JSON object"),
    (b'{"query": 42}', "`query` must be a string or null"),
    (b'{"query": "{ categories { code } }", "variables": [1]}', "`variables` must be an object or null"),
    (b'{"query": "{ categories { code } }", "extensions": "x"}', "`extensions` must be an object or null"),
    (b'{"query": "{ categories { code } }", "operationName": 7}', "`operationName` must be a string or null"),
    (b'{"variables": {}}', "No GraphQL query found in the request"),
    (b'{"query": "query A { categories { code } }", "operationName": "B"}', 'Unknown operation named "B".'),
])
async def test_a_bad_json_post_is_a_400_that_says_why(client, body: bytes, reason: str) -> None:
    response = await client.http.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert reason in response.text


async def test_strawberry_answers_other_requests(client) -> None:
    response = await client.http.post("/graphql", content=b"query=x", headers={"content-type": "text/plain"})
    assert response.status_code == 400
    assert "Unsupported content type" in response.text
    response = await client.http.get("/graphql", params={"query": CATEGORIES})
    assert response.status_code == 400  # queries over GET are refused: no caching proxies of viewer data
    assert (await client.http.get("/graphql", headers={"accept": "text/html"})).status_code == 200  # GraphiQL


async def test_an_invalid_token_is_a_401_on_both_paths(client) -> None:
    headers = {"authorization": "Bearer not-a-token"}
    response = await client.http.post("/graphql", json={"query": CATEGORIES}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    response = await client.http.get("/graphql", headers={**headers, "accept": "text/html"})
    assert response.status_code == 401


async def test_an_oversized_body_is_refused_before_it_is_read_whole(app_factory, settings) -> None:
    import httpx

    app = app_factory(settings.model_copy(update={"max_request_bytes": 2048}))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://biomap.test") as http:
        padding = " " * 2048
        response = await http.post("/graphql", content=f'{{"query": "{CATEGORIES}"}}{padding}'.encode(),
                                   headers={"content-type": "application/json"})
        assert response.status_code == 413
        assert response.text == "request body too large: at most 2048 bytes"

        async def chunked():  # no Content-Length: counted while it streams in
            yield f'{{"query": "{CATEGORIES}", "variables": {{"pad": "'.encode()
            for _ in range(10):
                yield b"x" * 512
            yield b'"}}'

        response = await http.post("/graphql", content=chunked(), headers={"content-type": "application/json"})
        assert response.status_code == 413
        small = await http.post("/graphql", json={"query": CATEGORIES})
        assert small.status_code == 200 and small.json()["data"]["categories"]
