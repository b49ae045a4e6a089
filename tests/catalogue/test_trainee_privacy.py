"""Every cell of the trainee privacy matrix (biomap/catalogue/trainee_privacy.py), as pure rules."""

from __future__ import annotations

import datetime as dt

import pytest

from biomap.catalogue.models import Consent, ConsentItem, Trainee, TraineeVisibility
from biomap.catalogue.trainee_privacy import (
    can_view_profile,
    consent_is_valid,
    disclosed_items,
)
from biomap.identity.models import Role, Viewer

CENTRE = 10
OTHER_ORG = 20
NOW = dt.datetime(2026, 11, 22, 3, 0, tzinfo=dt.UTC)
ALL = frozenset(ConsentItem)

VIEWERS = {
    "anonymous": Viewer.anonymous(),
    "researcher": Viewer(1, Role.RESEARCHER, OTHER_ORG, True),
    "city_officer": Viewer(2, Role.CITY_OFFICER, OTHER_ORG, True),
    "manufacturer_unverified": Viewer(3, Role.MANUFACTURER, OTHER_ORG, False),
    "supplier_unverified": Viewer(4, Role.SUPPLIER, OTHER_ORG, False),
    "manager_other_unverified": Viewer(5, Role.INSTITUTION_MANAGER, OTHER_ORG, False),
    "manufacturer_verified": Viewer(6, Role.MANUFACTURER, OTHER_ORG, True),
    "supplier_verified": Viewer(7, Role.SUPPLIER, OTHER_ORG, True),
    "manager_other_verified": Viewer(8, Role.INSTITUTION_MANAGER, OTHER_ORG, True),
    "centre_manager": Viewer(9, Role.INSTITUTION_MANAGER, CENTRE, True),
    "researcher_of_centre": Viewer(10, Role.RESEARCHER, CENTRE, True),
    "admin": Viewer(11, Role.ADMIN, None, False),
}

# Expected profile visibility per viewer: (PUBLIC, EMPLOYERS, HIDDEN)
PROFILE = {
    "anonymous": (True, False, False),
    "researcher": (True, False, False),
    "city_officer": (True, False, False),
    "manufacturer_unverified": (True, False, False),
    "supplier_unverified": (True, False, False),
    "manager_other_unverified": (True, False, False),
    "manufacturer_verified": (True, True, False),
    "supplier_verified": (True, True, False),
    "manager_other_verified": (True, True, False),
    "centre_manager": (True, True, True),
    "researcher_of_centre": (True, False, False),
    "admin": (True, True, True),
}

CONSENTS = {
    "valid_all": Consent(1, "recruitment", ALL, "2025-11", NOW - dt.timedelta(days=30), dt.date(2027, 12, 31), None),
    "valid_name_only": Consent(1, "recruitment", frozenset({ConsentItem.FULL_NAME}), "2025-11",
                               NOW - dt.timedelta(days=30), dt.date(2027, 12, 31), None),
    "expired": Consent(1, "recruitment", ALL, "2024-01", NOW - dt.timedelta(days=900), dt.date(2026, 10, 31), None),
    "withdrawn": Consent(1, "recruitment", ALL, "2025-11", NOW - dt.timedelta(days=30), dt.date(2027, 12, 31),
                         NOW - dt.timedelta(days=1)),
    "future": Consent(1, "recruitment", ALL, "2025-11", NOW + dt.timedelta(days=1), dt.date(2027, 12, 31), None),
    "none": None,
}

VERIFIED_EMPLOYERS = {"manufacturer_verified", "supplier_verified", "manager_other_verified"}


def trainee(visibility: TraineeVisibility) -> Trainee:
    return Trainee(1, CENTRE, "수료생 T-1", "항체 USP", dt.date(2026, 3, 1), [], [], "", None, visibility)


@pytest.mark.parametrize("viewer_name", sorted(VIEWERS))
@pytest.mark.parametrize("visibility_index,visibility", list(enumerate(TraineeVisibility)))
def test_profile_visibility_matrix(viewer_name: str, visibility_index: int, visibility: TraineeVisibility) -> None:
    assert can_view_profile(VIEWERS[viewer_name], trainee(visibility)) is PROFILE[viewer_name][visibility_index]


def expected_items(viewer_name: str, visibility_index: int, consent_name: str) -> frozenset[ConsentItem]:
    if not PROFILE[viewer_name][visibility_index]:
        return frozenset()
    if viewer_name == "centre_manager":
        return ALL
    if viewer_name in VERIFIED_EMPLOYERS:
        return {"valid_all": ALL, "valid_name_only": frozenset({ConsentItem.FULL_NAME})}.get(consent_name, frozenset())
    return frozenset()


@pytest.mark.parametrize("consent_name", sorted(CONSENTS))
@pytest.mark.parametrize("viewer_name", sorted(VIEWERS))
@pytest.mark.parametrize("visibility_index,visibility", list(enumerate(TraineeVisibility)))
def test_personal_data_matrix(
    viewer_name: str, visibility_index: int, visibility: TraineeVisibility, consent_name: str
) -> None:
    got = disclosed_items(VIEWERS[viewer_name], trainee(visibility), CONSENTS[consent_name], NOW)
    assert got == expected_items(viewer_name, visibility_index, consent_name)


def test_consent_expires_at_the_end_of_the_retention_day_in_seoul() -> None:
    consent = Consent(1, "p", ALL, "v", NOW - dt.timedelta(days=10), dt.date(2026, 11, 22), None)
    # 2026-11-22 23:30 in Seoul is still the retention day; 00:30 the next day is not.
    assert consent_is_valid(consent, dt.datetime(2026, 11, 22, 14, 30, tzinfo=dt.UTC))
    assert not consent_is_valid(consent, dt.datetime(2026, 11, 22, 15, 30, tzinfo=dt.UTC))
