"""Sourcing's mutation root fields, composed from one module per mutation."""

from __future__ import annotations

import strawberry

from biomap.api.sourcing.mutations.certification_add import supplier_certification_add
from biomap.api.sourcing.mutations.certification_remove import supplier_certification_remove
from biomap.api.sourcing.mutations.close_demand import close_demand
from biomap.api.sourcing.mutations.demand_create import demand_create
from biomap.api.sourcing.mutations.pipeline_invite import pipeline_invite
from biomap.api.sourcing.mutations.pipeline_move import pipeline_move
from biomap.api.sourcing.mutations.pipeline_quote import pipeline_quote
from biomap.api.sourcing.mutations.product_create import supplier_product_create
from biomap.api.sourcing.mutations.product_retire import supplier_product_retire
from biomap.api.sourcing.mutations.product_update import supplier_product_update
from biomap.api.sourcing.mutations.supplier_profile_update import supplier_profile_update


@strawberry.type
class SourcingMutation:
    supplier_profile_update = strawberry.mutation(resolver=supplier_profile_update)
    supplier_product_create = strawberry.mutation(resolver=supplier_product_create)
    supplier_product_update = strawberry.mutation(resolver=supplier_product_update)
    supplier_product_retire = strawberry.mutation(resolver=supplier_product_retire)
    supplier_certification_add = strawberry.mutation(resolver=supplier_certification_add)
    supplier_certification_remove = strawberry.mutation(resolver=supplier_certification_remove)
    demand_create = strawberry.mutation(resolver=demand_create)
    close_demand = strawberry.mutation(resolver=close_demand)
    pipeline_invite = strawberry.mutation(resolver=pipeline_invite)
    pipeline_quote = strawberry.mutation(resolver=pipeline_quote)
    pipeline_move = strawberry.mutation(resolver=pipeline_move)
