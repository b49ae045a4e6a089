from __future__ import annotations

import strawberry

from biomap.api.context import Info
from biomap.api.sourcing.errors import SourcingError, run_sourcing
from biomap.api.sourcing.inputs import DemandCreateInput, plain
from biomap.api.sourcing.types import Demand
from biomap.sourcing import demand_queries, service


@strawberry.type
class DemandCreatePayload:
    demand: Demand | None
    errors: list[SourcingError]


async def demand_create(info: Info, input: DemandCreateInput) -> DemandCreatePayload:
    """Post a need as a manufacturer: item, specification ranges, volume, evidence, deadline, visibility."""
    values = plain(input)

    async def work(conn):
        demand_id = await service.create_demand(conn, info.context.viewer, values)
        return (await demand_queries.demands_by_ids(conn, [demand_id]))[0]

    record, errors = await run_sourcing(info, work)
    return DemandCreatePayload(demand=Demand.of(record) if record else None, errors=errors)
