"""GraphQL enums of the catalogue, from the domain's Python enums and the fixed taxonomy."""

from __future__ import annotations

from enum import Enum

import strawberry

from biomap.catalogue import models
from biomap.catalogue.taxonomy import CATEGORIES

Zone = strawberry.enum(models.Zone, description="Where in (or outside) Incheon an institution is.")
InstitutionKind = strawberry.enum(models.InstitutionKind)
EquipmentStatus = strawberry.enum(models.EquipmentStatus)
AccessPolicy = strawberry.enum(
    models.AccessPolicy,
    description="INTERNAL: own institution only; CLUSTER: members of the Incheon cluster; PUBLIC: anyone.",
)
ServiceMode = strawberry.enum(
    models.ServiceMode,
    description="SELF_SERVICE after training, OPERATOR_ASSISTED, or ANALYSIS_REQUEST (send samples).",
)
TechnologyKind = strawberry.enum(models.TechnologyKind)
TraineeVisibility = strawberry.enum(models.TraineeVisibility)
ConsentItem = strawberry.enum(models.ConsentItem)

EquipmentCategory = strawberry.enum(
    Enum("EquipmentCategory", {c.code: c.code for c in CATEGORIES}),  # type: ignore[misc]
    description="The fixed equipment taxonomy; labels via `categories` or `Equipment.categoryInfo`.",
)
