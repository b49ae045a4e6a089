"""Equipment input objects as the service's field names (rates flattened, ids decoded)."""

from __future__ import annotations

from typing import Any

from biomap.api.catalogue.inputs import EquipmentFieldsInput
from biomap.api.mutations import input_values

# Service field names whose input sits in the nested `rates` object, for error paths.
RATE_FIELDS = {f"rate{kind}Krw": f"rates.{kind.lower()}Krw" for kind in ("Internal", "Academic", "Industry")}


def equipment_values(given: EquipmentFieldsInput) -> dict[str, Any]:
    values = input_values(given, ids={"institution_id": "Institution"})
    values.pop("id", None)
    rates = values.pop("rates", None)
    if rates is not None:
        for kind, amount in input_values(rates).items():
            values[f"rate_{kind}"] = amount
    return values
