"""What re-importing a row changes in an equipment record that is already stored.

A file updates only what it carries (`EquipmentRecord.given`): a publisher's plain uniquip file
has no access policy, status, rates or Korean name, and must not reset what managers set in Bio Map.
And whatever a file says, a re-import never widens who may see the equipment nor brings retired
equipment back: those are the managers' decisions, made through the API.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from biomap.catalogue.uniquip.columns import CONTACT_KEYS, EXTRA_KEYS

# Who may see the equipment, narrowest first: its institution, the cluster, everyone.
_ACCESS_WIDTH = {"INTERNAL": 0, "CLUSTER": 1, "PUBLIC": 2}
_KEY = frozenset({"institution_id", "source_id"})
# JSON columns merged key by key, with the keys that have a uniquip column of their own.
_KEYED: dict[str, frozenset[str]] = {
    "contact": frozenset(CONTACT_KEYS.values()),
    "extra": frozenset(EXTRA_KEYS.values()),
}


def reimported(values: Mapping[str, Any], given: frozenset[str] | None, stored: Mapping[str, Any]) -> dict[str, Any]:
    """The row's `values` (equipment columns, as read) applied to the `stored` record."""
    merged = dict(values)
    if given is not None:
        for column in values.keys() - _KEY - _KEYED.keys():
            if column not in given:
                merged[column] = stored[column]
        for column, own_columns in _KEYED.items():
            merged[column] = _merged_keys(column, own_columns, values[column], given, stored[column] or {})
    if _ACCESS_WIDTH[str(merged["access_policy"])] > _ACCESS_WIDTH[str(stored["access_policy"])]:
        merged["access_policy"] = stored["access_policy"]
    if stored["status"] == "RETIRED":
        merged["status"] = "RETIRED"
    return merged


def _merged_keys(
    column: str, own_columns: frozenset[str], new: Mapping[str, Any], given: frozenset[str], stored: Mapping[str, Any]
) -> dict[str, Any]:
    """contact/extra: the keys the file governs come from it (an empty cell removes one), the others stay."""

    def governed(key: str) -> bool:
        return f"{column}.{key}" in given or (f"{column}.*" in given and key not in own_columns)

    return {key: value for key, value in stored.items() if not governed(key)} | dict(new)
