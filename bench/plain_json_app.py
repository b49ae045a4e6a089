"""The baseline of the catalogue benchmark: a plain Starlette JSON endpoint, no GraphQL.

It runs exactly the SQL the GraphQL query `equipment(first: 20) { … institution { … } }` runs for an
anonymous viewer (the equipment page from `equipment_queries.list_equipment`, then one
`institution_queries.institutions_by_ids` for the page's institutions, each on its own pooled
connection as the resolver and the DataLoader do), maps rows through the same record functions and
answers JSON of the same shape, encoded the way `BioMapGraphQL.encode_json` does. The difference in
throughput between the two servers is therefore the cost of the GraphQL layer.

Run: BENCH_DATABASE_URL=postgresql://… uvicorn --factory plain_json_app:create_app --app-dir bench
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from biomap.api.node import to_global_id
from biomap.api.pagination import DEFAULT_PAGE_SIZE, encode_cursor
from biomap.catalogue import equipment_queries, institution_queries
from biomap.catalogue.models import Equipment, EquipmentFilter, Institution
from biomap.catalogue.service import equipment_scope
from biomap.config import Settings
from biomap.db.pool import Database, PoolDatabase, create_pool
from biomap.identity.models import Viewer

# What the GraphQL resolver computes for an anonymous request without filters.
_FILTER = EquipmentFilter()
_SCOPE = equipment_scope(Viewer.anonymous())


async def equipment_page(db: Database, size: int = DEFAULT_PAGE_SIZE) -> dict[str, Any]:
    """The GraphQL answer's `data`, built from the same SQL and the same record mapping."""
    async with db.connection() as conn:
        rows = await equipment_queries.list_equipment(conn, _FILTER, _SCOPE, 0, size + 1)
    page = rows[:size]
    # The DataLoader deduplicates keys and keeps first-seen order: same array parameter, same SQL.
    keys = list(dict.fromkeys(e.institution_id for e in page))
    async with db.connection() as conn:
        found = {i.id: i for i in await institution_queries.institutions_by_ids(conn, keys)}
    edges = [{"node": _equipment_json(e, found[e.institution_id])} for e in page]
    return {
        "equipment": {
            "edges": edges,
            "pageInfo": {
                "hasNextPage": len(rows) > size,
                "endCursor": encode_cursor(page[-1].id) if page else None,
            },
        }
    }


def _equipment_json(e: Equipment, i: Institution) -> dict[str, Any]:
    return {
        "id": to_global_id("Equipment", e.id),
        "name": e.name_ko or e.name_en,
        "category": e.category,
        "institution": {
            "id": to_global_id("Institution", i.id),
            "nameKo": i.name_ko,
            "nameEn": i.name_en,
            "zone": i.zone.value,
        },
    }


async def equipment(request: Request) -> Response:
    # Read and decode the body like the GraphQL view does, so both servers do the same HTTP work.
    json.loads(await request.body() or b"{}")
    data = await equipment_page(request.app.state.db)
    body = json.dumps({"data": data}, ensure_ascii=False, separators=(",", ":"))
    return Response(body, media_type="application/json")


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def create_app() -> Starlette:
    """uvicorn factory; the pool has the size the real app's Settings give it."""
    dsn = os.environ["BENCH_DATABASE_URL"]
    settings = Settings()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool = await create_pool(dsn, min_size=settings.pool_min_size, max_size=settings.pool_max_size)
        app.state.db = PoolDatabase(pool)
        try:
            yield
        finally:
            await app.state.db.close()

    return Starlette(
        routes=[Route("/equipment", equipment, methods=["GET", "POST"]), Route("/healthz", healthz)],
        lifespan=lifespan,
    )
