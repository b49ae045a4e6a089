"""Who may do what in sourcing: supplier users edit their own profile, manufacturers their demands,
the city team sees everything; a pipeline has two parties (SUPPLIER, MANUFACTURER)."""

from __future__ import annotations

from biomap.errors import Forbidden, Unauthenticated
from biomap.identity.models import Role, Viewer
from biomap.sourcing.models import Demand, DemandVisibility, Pipeline

SUPPLIER, MANUFACTURER = "SUPPLIER", "MANUFACTURER"


def require_signed_in(viewer: Viewer, what: str) -> None:
    """UNAUTHENTICATED without a (valid) token; `what` says what signing in is needed for."""
    if not viewer.is_authenticated:
        raise Unauthenticated(f"sign in with an API token to {what}")


def require_supplier_user(viewer: Viewer, action: str) -> int:
    """The organisation a supplier user acts for. Nobody else edits a supplier's profile. `action` says what
    was attempted, for the refusal ("change a supplier's products")."""
    require_signed_in(viewer, action)
    if viewer.role is not Role.SUPPLIER or viewer.organisation_id is None:
        raise Forbidden(f"only a supplier's own users (role SUPPLIER) may {action}")
    return viewer.organisation_id


def require_manufacturer(viewer: Viewer, action: str) -> int:
    """The manufacturer the user acts for; `action` says what was attempted ("post demands")."""
    require_signed_in(viewer, action)
    if viewer.role is not Role.MANUFACTURER or viewer.organisation_id is None:
        raise Forbidden(f"only manufacturers (role MANUFACTURER) may {action}")
    return viewer.organisation_id


def require_city(viewer: Viewer) -> None:
    require_signed_in(viewer, "see localisation progress")
    if viewer.role not in (Role.CITY_OFFICER, Role.ADMIN):
        raise Forbidden("localisation progress is for the city team (CITY_OFFICER) and admins")


def sees_all_sourcing(viewer: Viewer) -> bool:
    return viewer.role in (Role.CITY_OFFICER, Role.ADMIN)


def can_see_demand(viewer: Viewer, demand: Demand, invited: bool) -> bool:
    if sees_all_sourcing(viewer):
        return True
    if viewer.role is Role.MANUFACTURER and viewer.belongs_to(demand.manufacturer_id):
        return True
    if viewer.role is Role.SUPPLIER and viewer.organisation_id is not None:
        return demand.visibility is DemandVisibility.ALL_SUPPLIERS or invited
    return False


def owns_demand(viewer: Viewer, demand: Demand) -> bool:
    return viewer.role is Role.MANUFACTURER and viewer.belongs_to(demand.manufacturer_id)


def party_of(viewer: Viewer, pipeline: Pipeline, demand: Demand) -> str | None:
    if viewer.role is Role.SUPPLIER and viewer.belongs_to(pipeline.supplier_id):
        return SUPPLIER
    if owns_demand(viewer, demand):
        return MANUFACTURER
    return None


def can_see_pipeline(viewer: Viewer, pipeline: Pipeline, demand: Demand) -> bool:
    return sees_all_sourcing(viewer) or party_of(viewer, pipeline, demand) is not None
