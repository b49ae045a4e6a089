"""The schema: per-domain Query/Mutation classes merged, plus `node`, guarded (execution.py).

Guards: parsed and validated documents are cached (the biggest lever on Strawberry's
per-request cost), query depth <= 10, aliases <= 15, tokens <= 2,000, unexpected errors masked.
In production, introspection, GraphiQL (see app.py) and field suggestions are off.
"""

from __future__ import annotations

import strawberry
from strawberry.extensions import DisableIntrospection, MaxAliasesLimiter, QueryDepthLimiter
from strawberry.schema.config import StrawberryConfig

from biomap.api.booking.mutation import BookingMutation
from biomap.api.booking.queries import NODE_RESOLVERS as BOOKING_NODES
from biomap.api.booking.queries import BookingQuery
from biomap.api.booking.types import Booking, CalendarFeed
from biomap.api.catalogue.mutation import CatalogueMutation
from biomap.api.catalogue.queries import NODE_RESOLVERS as CATALOGUE_NODES
from biomap.api.catalogue.queries import CatalogueQuery
from biomap.api.catalogue.types import Equipment, Institution, Technology, Trainee
from biomap.api.context import Info
from biomap.api.errors import should_mask, with_domain_extensions
from biomap.api.identity.queries import IdentityQuery
from biomap.api.execution import GuardedSchema
from biomap.api.metrics import observe_operation
from biomap.api.node import Node, from_global_id
from biomap.api.response_cache import mark_cacheable
from biomap.api.scalars import SCALAR_MAP
from biomap.api.search.queries import SearchQuery
from biomap.api.sourcing.mutation import SourcingMutation
from biomap.api.sourcing.queries import NODE_RESOLVERS as SOURCING_NODES
from biomap.api.sourcing.queries import SourcingQuery
from biomap.api.sourcing.types import Certification, Demand, Material, Pipeline, Product, Supplier
from biomap.config import Settings
from graphql import specified_rules

NODE_RESOLVERS = {**CATALOGUE_NODES, **BOOKING_NODES, **SOURCING_NODES}
# Reachable only through `node` or interfaces, so the schema has to be told about them.
NODE_TYPES = [Institution, Equipment, Technology, Trainee, Booking, CalendarFeed,
              Material, Supplier, Product, Certification, Demand, Pipeline]


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its global ID; null when unknown or not visible to you.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        decoded = from_global_id(id)
        if decoded is None or decoded[0] not in NODE_RESOLVERS:
            return None
        return await NODE_RESOLVERS[decoded[0]](info, decoded[1])


@strawberry.type
class Query(NodeQuery, CatalogueQuery, SearchQuery, IdentityQuery, BookingQuery, SourcingQuery):
    pass


@strawberry.type
class Mutation(CatalogueMutation, BookingMutation, SourcingMutation):
    pass


def create_schema(settings: Settings) -> GuardedSchema:
    # Built once, at start-up: each limiter instance defines a new rule class, and the document
    # cache validates with exactly these rules (per-request rules once made every validation
    # cache lookup miss: 1.4x throughput when fixed, see bench/README.md).
    rules = [
        *specified_rules,
        *QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules,
    ]
    if settings.is_production:
        rules += DisableIntrospection().validation_rules
    return GuardedSchema(
        query=Query,
        mutation=Mutation,
        types=NODE_TYPES,
        config=StrawberryConfig(disable_field_suggestions=settings.is_production, scalar_map=SCALAR_MAP),
        validation_rules=rules,
        max_tokens=settings.max_tokens,
        should_mask=should_mask,
        present=with_domain_extensions,
        observe=observe_operation,
        mark_cacheable=mark_cacheable,
    )
