"""The GraphQL HTTP endpoint: authenticates the bearer token and builds the per-request Context.

Every API call is a POST of JSON. Those take a direct path here: read the body, authenticate,
execute on the schema (its guards run in execution.py), encode. Strawberry's generic HTTP
machinery (request adapters, sub-responses, transports, batching) cost ~0.1-0.15 ms per request
for nothing this API uses. Everything else (GraphiQL and queries over GET, other content types)
takes Strawberry's own path, and both paths answer bad requests alike (tests/api/test_view.py).
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.http import process_result
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from biomap.api.context import Context
from biomap.api.metrics import observe_request
from biomap.api.response_cache import ResponseCache
from biomap.identity import service as identity
from biomap.identity.models import Viewer
from biomap.identity.tokens import hash_token
from biomap.identity.viewer_cache import ViewerCache

POST_OPERATION_TYPES = OperationType.from_http("POST")


class InvalidToken(Exception):
    pass


class BioMapGraphQL(GraphQL[Context, None]):
    def __init__(self, *args: Any, response_cache: ResponseCache | None = None,
                 max_request_bytes: int = 1_048_576, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.response_cache = response_cache
        self.max_request_bytes = max_request_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            if _is_json_post(scope):
                await self._serve_json_post(scope, receive, send)
            else:
                await super().__call__(scope, receive, send)
        except InvalidToken:
            # No detail on purpose: whether a token is unknown, revoked or malformed is not the caller's business.
            response = JSONResponse(
                {"errors": [{"message": "invalid or expired token", "extensions": {"code": "UNAUTHENTICATED"}}]},
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer realm="biomap"'},
            )
            await response(scope, receive, send)

    async def _serve_json_post(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        body = await _body_within(request, self.max_request_bytes)
        if body is None:
            response = PlainTextResponse(f"request body too large: at most {self.max_request_bytes} bytes",
                                         status_code=413)
            await response(scope, receive, send)
            return
        cache = self.response_cache if _is_anonymous(scope) else None
        key = cache.key(scope["path"], body) if cache is not None else b""
        if cache is not None:
            hit = cache.get(key)
            if hit is not None:
                observe_request(request, hit.operation, "cached", 0.0)
                await Response(hit.body, media_type="application/json")(scope, receive, send)
                return
        context = await self.get_context(request, Response())  # authenticates before parsing, as Strawberry
        response = await self._execute_json(body, context)
        if cache is not None and context.cacheable_operation is not None and response.status_code == 200:
            cache.put(key, bytes(response.body), context.cacheable_operation)
        await response(scope, receive, send)

    async def _execute_json(self, body: bytes, context: Context) -> Response:
        try:
            text = body.decode("utf-8-sig")  # RFC 8259: UTF-8; a BOM is tolerated, as json.loads(bytes) did
            # Text is stored and searched composed (NFC): Hangul typed or pasted decomposed (macOS
            # file names, some IMEs) would be stored as jamo, found but never highlighted.
            data = json.loads(text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text))
        except ValueError:
            return PlainTextResponse("Unable to parse request body as JSON", status_code=400)
        if isinstance(data, list):
            return PlainTextResponse("Batching is not enabled", status_code=400)
        if not isinstance(data, dict):
            return PlainTextResponse("The request body must be a JSON object", status_code=400)
        query, variables, extensions = data.get("query"), data.get("variables"), data.get("extensions")
        operation_name = data.get("operationName")
        for name, value, expected, kind in (("query", query, str, "a string"),
                                            ("variables", variables, dict, "an object"),
                                            ("extensions", extensions, dict, "an object"),
                                            ("operationName", operation_name, str, "a string")):
            if value is not None and not isinstance(value, expected):
                return PlainTextResponse(f"The GraphQL operation's `{name}` must be {kind} or null, if provided.",
                                         status_code=400)
        try:
            result = await self.schema.execute(
                query, variable_values=variables, context_value=context, operation_name=operation_name,
                allowed_operation_types=POST_OPERATION_TYPES, operation_extensions=extensions,
            )
        except CannotGetOperationTypeError as e:
            return PlainTextResponse(e.as_http_error_reason(), status_code=400)
        except InvalidOperationTypeError as e:
            return PlainTextResponse(e.as_http_error_reason("POST"), status_code=400)
        except MissingQueryError:
            return PlainTextResponse("No GraphQL query found in the request", status_code=400)
        return Response(self.encode_json(process_result(result)), media_type="application/json")

    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        state = request.app.state
        return Context(request=request, db=state.db, viewer=await _viewer(request), settings=state.settings)

    def encode_json(self, data: object) -> str:
        # Korean text stays UTF-8 instead of \uXXXX escapes (about 30% smaller responses).
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


async def _body_within(request: Request, limit: int) -> bytes | None:
    """The whole body, or None as soon as it is known to exceed `limit` bytes: from the declared
    Content-Length without reading anything, else while it streams in (chunked uploads)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _is_json_post(scope: Scope) -> bool:
    if scope["type"] != "http" or scope["method"] != "POST":
        return False
    for name, value in scope["headers"]:
        if name == b"content-type":
            return b"application/json" in value.lower()
    return False


def _is_anonymous(scope: Scope) -> bool:
    return not any(name == b"authorization" for name, _ in scope["headers"])


async def _viewer(request: Request) -> Viewer:
    header = request.headers.get("authorization")
    if header is None:
        return Viewer.anonymous()
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidToken
    token = token.strip()
    cache: ViewerCache | None = request.app.state.viewer_cache
    token_hash = hash_token(token)
    if cache is not None and (cached := cache.get(token_hash)) is not None:
        return cached
    generation = cache.generation if cache is not None else 0
    async with request.app.state.db.connection() as conn:
        grant = await identity.authenticate(conn, token)
    if grant is None:
        raise InvalidToken
    if cache is not None:
        cache.put(token_hash, grant.viewer, seconds_left=grant.seconds_left, generation=generation)
    return grant.viewer
