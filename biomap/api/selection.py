"""Look-ahead at what a query selects, so a list resolver can fetch a relation for the whole page
in one go instead of one resolver coroutine per item."""

from __future__ import annotations

from collections.abc import Iterable

from strawberry.types.nodes import (
    FragmentSpread,
    InlineFragment,
    SelectedField,
    Selection,
)

from biomap.api.context import Info


def _fields(selections: Iterable[Selection]) -> Iterable[SelectedField]:
    for selection in selections:
        if isinstance(selection, (InlineFragment, FragmentSpread)):
            yield from _fields(selection.selections)
        else:
            yield selection


def selects(info: Info, *path: str) -> bool:
    """True when the current field's selection reaches `path` (through fragments and aliases)."""
    level: list[Selection] = list(info.selected_fields)
    for name in path:
        found = [f for f in _fields(level) if f.name == name]
        if not found:
            return False
        level = [s for f in found for s in f.selections]
    return True
