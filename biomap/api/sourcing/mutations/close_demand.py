from __future__ import annotations

import strawberry

from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.api.sourcing.errors import SourcingError, run_sourcing
from biomap.api.sourcing.inputs import CloseDemandInput
from biomap.api.sourcing.types import Demand
from biomap.sourcing import demand_queries, service
from biomap.sourcing.models import DemandStatus


@strawberry.type
class CloseDemandPayload:
    demand: Demand | None
    errors: list[SourcingError]


async def close_demand(info: Info, input: CloseDemandInput) -> CloseDemandPayload:
    """Close (fulfilled) or cancel your open demand."""
    demand_id = pk_of(input.id, "Demand") or 0

    async def work(conn):
        await service.close_demand(conn, info.context.viewer, demand_id, DemandStatus(input.status.value))
        return (await demand_queries.demands_by_ids(conn, [demand_id]))[0]

    record, errors = await run_sourcing(info, work)
    return CloseDemandPayload(demand=Demand.of(record) if record else None, errors=errors)
