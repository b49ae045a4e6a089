"""Matching rules: which suppliers may serve a demand, how they rank, and why (pure, documented).

Hard requirements exclude. A supplier appears only when one of its active products is of the
demand's item, satisfies every hard specification range (compared in base units, see units.py)
and the supplier holds, unexpired today, every hard certification/evidence (supplier-wide or for
that product; ISO 14644 at or below the required class).

Soft requirements and facts rank, out of 100 points (weights below, also in the README):

| component | points |
|---|--:|
| soft specifications met (share of them; all points when there are none) | 20 |
| soft certifications/evidence held (share; all points when none) | 15 |
| monthly capacity against the demand's volume (capacity / volume, capped at 1; 0 when units differ in kind or capacity is unknown) | 20 |
| lead time against the deadline (1 when lead time <= days left, else days left / lead time; 0 when unknown) | 15 |
| distance: Songdo or Namdong 20, elsewhere in Incheon 10, outside Incheon 0 | 20 |
| track record: 5 per pair validated on other demands, minus 2 per rejected, within 0..10 | 10 |
| penalty per required certification expiring before the deadline or within 90 days (at most 10) | -5 |

A supplier's score is that of its best product. Order: score descending, then supplier id
(deterministic). The SQL (match_queries.py) filters and scores in one statement with these weights
bound as parameters; `reasons()` turns the facts it returns into sentences a supplier can act on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from biomap.sourcing.units import EVIDENCE_KINDS

EXPIRY_WARNING_DAYS = 90


@dataclass(frozen=True, slots=True)
class Weights:
    soft_specs: float = 20.0
    soft_certifications: float = 15.0
    capacity: float = 20.0
    lead_time: float = 15.0
    zone: float = 20.0
    zone_other_incheon: float = 10.0
    track_record_cap: float = 10.0
    per_validated: float = 5.0
    per_rejected: float = 2.0
    per_expiring: float = 5.0
    expiring_cap: float = 10.0

    def params(self) -> list[float]:
        return [self.soft_specs, self.soft_certifications, self.capacity, self.lead_time, self.zone,
                self.zone_other_incheon, self.track_record_cap, self.per_validated, self.per_rejected,
                self.per_expiring, self.expiring_cap]


WEIGHTS = Weights()


@dataclass(frozen=True, slots=True)
class ExpiringCertification:
    kind: str
    expires_on: dt.date


@dataclass(frozen=True, slots=True)
class MatchFacts:
    """What the matching statement returns for one (demand, supplier) pair, best product."""

    demand_id: int
    supplier_id: int
    product_id: int
    score: float
    specs_met: list[str]
    specs_missing: list[str]          # soft ones only (a hard one missing excludes)
    certifications_met: list[str]
    certifications_missing: list[str]  # soft ones only
    expiring: list[ExpiringCertification]
    capacity_ratio: float | None       # monthly capacity / monthly volume; None when not comparable
    capacity_unit: str | None
    volume_unit: str
    lead_time_days: int | None
    days_left: int
    zone: str
    validated_pairs: int
    rejected_pairs: int
    minimum_order_above_volume: bool


@dataclass(frozen=True, slots=True)
class Reason:
    code: str   # SPEC_MET, SPEC_MISSING, CERT_MET, CERT_MISSING, CERT_EXPIRING, CAPACITY_OK, CAPACITY_SHORT,
                # CAPACITY_UNKNOWN, LEAD_TIME_OK, LEAD_TIME_LATE, LEAD_TIME_UNKNOWN, ZONE, TRACK_RECORD, MINIMUM_ORDER
    positive: bool
    message: str


_ZONE_TEXT = {
    "SONGDO": "in Songdo (closest to the Songdo manufacturers)",
    "NAMDONG": "in the Namdong industrial complex (Incheon)",
    "OTHER_INCHEON": "elsewhere in Incheon",
    "OUTSIDE_INCHEON": "outside Incheon",
}


def _evidence(kind: str) -> str:
    return EVIDENCE_KINDS.get(kind, kind)


def reasons(f: MatchFacts) -> list[Reason]:
    """Every fact that made the score, positive first within each component, in a fixed order."""
    out: list[Reason] = []
    for key in f.specs_met:
        out.append(Reason("SPEC_MET", True, f"specification '{key}' is within the required range"))
    for key in f.specs_missing:
        out.append(Reason("SPEC_MISSING", False,
                          f"specification '{key}' (nice to have) is missing or outside the range: state it on the product"))
    for kind in f.certifications_met:
        out.append(Reason("CERT_MET", True, f"{_evidence(kind)} held"))
    for kind in f.certifications_missing:
        out.append(Reason("CERT_MISSING", False, f"{_evidence(kind)} (nice to have) not on file: add it to the profile"))
    for e in f.expiring:
        out.append(Reason("CERT_EXPIRING", False,
                          f"{_evidence(e.kind)} expires on {e.expires_on.isoformat()}, before the deadline or within "
                          f"{EXPIRY_WARNING_DAYS} days: renew it"))
    if f.capacity_ratio is None:
        out.append(Reason("CAPACITY_UNKNOWN", False,
                          f"monthly capacity not comparable with the demand's volume in {f.volume_unit}: "
                          "state the capacity in a unit of the same kind"))
    elif f.capacity_ratio >= 1:
        out.append(Reason("CAPACITY_OK", True, f"monthly capacity covers the volume ({f.capacity_ratio:.0%})"))
    else:
        out.append(Reason("CAPACITY_SHORT", False,
                          f"monthly capacity covers only {f.capacity_ratio:.0%} of the volume per month"))
    if f.lead_time_days is None:
        out.append(Reason("LEAD_TIME_UNKNOWN", False, "lead time not stated on the product"))
    elif f.lead_time_days <= f.days_left:
        out.append(Reason("LEAD_TIME_OK", True,
                          f"lead time {f.lead_time_days} days fits the {f.days_left} days left before the deadline"))
    else:
        out.append(Reason("LEAD_TIME_LATE", False,
                          f"lead time {f.lead_time_days} days exceeds the {f.days_left} days left before the deadline"))
    out.append(Reason("ZONE", f.zone != "OUTSIDE_INCHEON", f"located {_ZONE_TEXT.get(f.zone, f.zone)}"))
    if f.validated_pairs or f.rejected_pairs:
        out.append(Reason("TRACK_RECORD", f.validated_pairs > 0,
                          f"{f.validated_pairs} pair(s) validated and {f.rejected_pairs} rejected on other demands"))
    if f.minimum_order_above_volume:
        out.append(Reason("MINIMUM_ORDER", False, "minimum order is above the monthly volume"))
    return out


def score(f: MatchFacts, w: Weights = WEIGHTS, soft_specs_total: int = 0, soft_certs_total: int = 0) -> float:
    """The same arithmetic as the SQL (used by tests to pin that both agree)."""
    specs = 1.0 if soft_specs_total == 0 else (soft_specs_total - len(f.specs_missing)) / soft_specs_total
    certs = 1.0 if soft_certs_total == 0 else (soft_certs_total - len(f.certifications_missing)) / soft_certs_total
    capacity = min(1.0, f.capacity_ratio or 0.0)
    if f.lead_time_days is None:
        lead = 0.0
    elif f.lead_time_days <= f.days_left:
        lead = 1.0
    else:
        lead = f.days_left / f.lead_time_days
    zone = {"SONGDO": w.zone, "NAMDONG": w.zone, "OTHER_INCHEON": w.zone_other_incheon}.get(f.zone, 0.0)
    track = max(0.0, min(w.track_record_cap, w.per_validated * f.validated_pairs - w.per_rejected * f.rejected_pairs))
    penalty = min(w.expiring_cap, w.per_expiring * len(f.expiring))
    total = (w.soft_specs * specs + w.soft_certifications * certs + w.capacity * capacity + w.lead_time * lead
             + zone + track - penalty)
    return round(total, 2)
