"""The known units (with the dimension each measures and its factor to the dimension's base unit)
and the evidence / certification vocabulary. Specifications are compared in base units, so a
demand in L matches a product in mL; a unit not in this table is refused (UNKNOWN_UNIT)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    dimension: str
    factor: float  # value * factor = value in the dimension's base unit


_UNITS = [
    # volume (base L)
    Unit("uL", "volume", 1e-6), Unit("mL", "volume", 1e-3), Unit("L", "volume", 1.0),
    Unit("m3", "volume", 1000.0),
    # mass (base kg)
    Unit("mg", "mass", 1e-6), Unit("g", "mass", 1e-3), Unit("kg", "mass", 1.0), Unit("t", "mass", 1000.0),
    # length (base m)
    Unit("nm", "length", 1e-9), Unit("um", "length", 1e-6), Unit("mm", "length", 1e-3),
    Unit("cm", "length", 1e-2), Unit("m", "length", 1.0),
    # area (base m2)
    Unit("cm2", "area", 1e-4), Unit("m2", "area", 1.0),
    # pieces (base pcs)
    Unit("pcs", "count", 1.0), Unit("kpcs", "count", 1000.0),
    # concentrations
    Unit("EU/mL", "endotoxin", 1.0),
    Unit("mg/L", "mass_concentration", 1e-3), Unit("g/L", "mass_concentration", 1.0),
    Unit("mg/mL", "mass_concentration", 1.0),
    Unit("mOsm/kg", "osmolality", 1.0),
    Unit("%", "percent", 1.0), Unit("ppm", "percent", 1e-4),
    Unit("pH", "ph", 1.0),
    Unit("LRV", "log_reduction", 1.0),
    Unit("kDa", "molecular_weight", 1.0), Unit("Da", "molecular_weight", 1e-3),
    # pressure (base bar)
    Unit("bar", "pressure", 1.0), Unit("kPa", "pressure", 0.01), Unit("MPa", "pressure", 10.0),
    Unit("psi", "pressure", 0.0689476),
    # temperature
    Unit("degC", "temperature", 1.0),
    # flow (base L/min), flux
    Unit("mL/min", "flow", 1e-3), Unit("L/min", "flow", 1.0), Unit("LMH", "flux", 1.0),
    # time (base days)
    Unit("h", "time", 1 / 24), Unit("days", "time", 1.0), Unit("months", "time", 30.0),
    Unit("years", "time", 365.0),
    # hardness, binding capacity
    Unit("ShoreA", "hardness", 1.0),
    Unit("g/L_resin", "binding_capacity", 1.0), Unit("mg/mL_resin", "binding_capacity", 1.0),
]
UNITS: dict[str, Unit] = {u.code: u for u in _UNITS}


def unit(code: str) -> Unit | None:
    return UNITS.get(code)


def to_base(value: float, code: str) -> float:
    return value * UNITS[code].factor


# Evidence buyers require. The first five are certifications of a site (ISO 14644 with its class);
# the others are product statements / data packages. All are recorded as certifications with an
# expiry date (a statement or data package is re-issued too), supplier-wide or for one product.
ISO_14644 = "ISO_14644"  # the one kind with a class (cleanroom class 1-9; lower is cleaner)
EVIDENCE_KINDS: dict[str, str] = {
    "ISO_9001": "ISO 9001 quality management",
    "ISO_13485": "ISO 13485 medical-device quality management",
    ISO_14644: "ISO 14644 cleanroom (class of manufacture)",
    "GMP": "GMP grade manufacture",
    "DMF": "Drug master file filing",
    "BSE_TSE_FREE": "BSE/TSE-free statement",
    "USP_88_CLASS_VI": "USP <88> Class VI biological reactivity",
    "USP_85_ENDOTOXIN": "USP <85> bacterial endotoxin limit",
    "ISO_10993": "ISO 10993 biocompatibility",
    "BIOPHORUM_EXTRACTABLES": "extractables data per the BioPhorum protocol",
    "CHANGE_NOTIFICATION": "change-notification commitment",
}


# Reference rates (KRW per unit) that value quotes for the city's progress (README; not live rates). A quote
# is refused in any other currency.
KRW_PER_UNIT: dict[str, float] = {"KRW": 1.0, "USD": 1350.0, "EUR": 1450.0, "JPY": 9.0, "CNY": 185.0}
