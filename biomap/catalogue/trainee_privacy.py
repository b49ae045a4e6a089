"""Who may see a trainee's profile and which personal items (full name, e-mail, phone).

The matrix (README "Trainee privacy" repeats it; tests/catalogue/test_trainee_privacy.py covers
every cell):

Profile listed/readable, by profile visibility:

    viewer                                   PUBLIC  EMPLOYERS  HIDDEN
    anonymous, researcher, city officer      yes     no         no
    employer role*, organisation unverified  yes     no         no
    employer role*, organisation verified    yes     yes        no
    manager of the trainee's training centre yes     yes        yes
    admin                                    yes     yes        yes

    * INSTITUTION_MANAGER (of another institution), MANUFACTURER, SUPPLIER

Personal items disclosed with a readable profile:
    - the trainee's own training centre's managers (the data controller): all items;
    - a verified employer: exactly the items the current consent lists, and only while that consent
      is valid (given, not withdrawn, retention date not passed, Asia/Seoul calendar);
    - everybody else, admins included: none. The profile is returned without them.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from biomap.catalogue.models import Consent, ConsentItem, Trainee, TraineeVisibility
from biomap.identity.models import Role, Viewer

SEOUL = ZoneInfo("Asia/Seoul")
ALL_ITEMS = frozenset(ConsentItem)


def managed_centre(viewer: Viewer) -> int | None:
    """The institution whose trainees this viewer administers, if any."""
    if viewer.role is Role.INSTITUTION_MANAGER:
        return viewer.organisation_id
    return None


def listable_visibilities(viewer: Viewer) -> list[TraineeVisibility]:
    if viewer.is_admin:
        return list(TraineeVisibility)
    if viewer.is_verified_employer:
        return [TraineeVisibility.PUBLIC, TraineeVisibility.EMPLOYERS]
    return [TraineeVisibility.PUBLIC]


def can_view_profile(viewer: Viewer, trainee: Trainee) -> bool:
    return trainee.visibility in listable_visibilities(viewer) or managed_centre(viewer) == trainee.institution_id


def consent_is_valid(consent: Consent | None, now: dt.datetime) -> bool:
    if consent is None or consent.withdrawn_at is not None:
        return False
    if consent.given_at > now:
        return False
    return consent.retention_until >= now.astimezone(SEOUL).date()


def disclosed_items(
    viewer: Viewer, trainee: Trainee, consent: Consent | None, now: dt.datetime
) -> frozenset[ConsentItem]:
    if not can_view_profile(viewer, trainee):
        return frozenset()
    if managed_centre(viewer) == trainee.institution_id:
        return ALL_ITEMS
    if viewer.is_verified_employer and consent_is_valid(consent, now):
        assert consent is not None
        return consent.items
    return frozenset()
