"""The Strawberry ASGI view: authenticates the bearer token and builds the per-request Context."""

from __future__ import annotations

import json
from typing import Any

from cross_web import HTTPException  # what strawberry.asgi raises for bad requests
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL

from biomap.api.context import Context
from biomap.api.response_cache import ResponseCache
from biomap.identity import service as identity
from biomap.identity.models import Viewer


class InvalidToken(Exception):
    pass


class BioMapGraphQL(GraphQL[Context, None]):
    def __init__(self, *args: Any, response_cache: ResponseCache | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.response_cache = response_cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            if self.response_cache is not None and _is_anonymous_post(scope):
                await self._serve_with_cache(self.response_cache, scope, receive, send)
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

    async def _serve_with_cache(self, cache: ResponseCache, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        key = cache.key(request.url.path, await request.body())  # the body stays cached on `request`
        hit = cache.get(key)
        if hit is not None:
            metrics = getattr(request.app.state, "metrics", None)
            if metrics is not None:
                metrics.observe(hit.operation, "cached", 0.0)
            await Response(hit.body, media_type="application/json")(scope, receive, send)
            return
        context = await self.get_context(request, Response())
        try:
            response = await self.run(request, context=context)
        except HTTPException as e:
            response = PlainTextResponse(e.reason, status_code=e.status_code)
        if context.cacheable_operation is not None and response.status_code == 200:
            cache.put(key, bytes(response.body), context.cacheable_operation)
        await response(scope, receive, send)

    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        state = request.app.state
        return Context(request=request, db=state.db, viewer=await _viewer(request), settings=state.settings)

    def encode_json(self, data: object) -> str:
        # Korean text stays UTF-8 instead of \uXXXX escapes (about 30% smaller responses).
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _is_anonymous_post(scope: Scope) -> bool:
    if scope["type"] != "http" or scope["method"] != "POST":
        return False
    return not any(name == b"authorization" for name, _ in scope["headers"])


async def _viewer(request: Request) -> Viewer:
    header = request.headers.get("authorization")
    if header is None:
        return Viewer.anonymous()
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidToken
    async with request.app.state.db.connection() as conn:
        viewer = await identity.authenticate(conn, token.strip())
    if viewer is None:
        raise InvalidToken
    return viewer
