"""The catalogue's mutation root fields, composed from one module per mutation."""

from __future__ import annotations

import strawberry

from biomap.api.catalogue.mutations.equipment_create import equipment_create
from biomap.api.catalogue.mutations.equipment_retire import equipment_retire
from biomap.api.catalogue.mutations.equipment_update import equipment_update
from biomap.api.catalogue.mutations.technology_create import technology_create
from biomap.api.catalogue.mutations.technology_retire import technology_retire
from biomap.api.catalogue.mutations.technology_update import technology_update


@strawberry.type
class CatalogueMutation:
    equipment_create = strawberry.mutation(resolver=equipment_create)
    equipment_update = strawberry.mutation(resolver=equipment_update)
    equipment_retire = strawberry.mutation(resolver=equipment_retire)
    technology_create = strawberry.mutation(resolver=technology_create)
    technology_update = strawberry.mutation(resolver=technology_update)
    technology_retire = strawberry.mutation(resolver=technology_retire)
