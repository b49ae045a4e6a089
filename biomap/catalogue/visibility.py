"""Which equipment a viewer may see (the rule every list, node and search applies)."""

from __future__ import annotations

from biomap.catalogue.equipment_queries import EquipmentScope
from biomap.catalogue.models import AccessPolicy, Equipment
from biomap.identity.models import Role, Viewer


def equipment_scope(viewer: Viewer) -> EquipmentScope:
    """INTERNAL equipment is listed only to its own institution, city officers and admins."""
    return EquipmentScope(
        see_all_internal=viewer.role in (Role.ADMIN, Role.CITY_OFFICER),
        own_institution_id=viewer.organisation_id,
    )


def can_see_equipment(viewer: Viewer, equipment: Equipment) -> bool:
    if equipment.access_policy is not AccessPolicy.INTERNAL:
        return True
    scope = equipment_scope(viewer)
    return scope.see_all_internal or scope.own_institution_id == equipment.institution_id
