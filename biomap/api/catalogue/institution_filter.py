"""Institution ids given as a list filter: checked, not silently matched against nothing."""

from __future__ import annotations

from collections.abc import Sequence

from biomap.api.catalogue.loaders import CatalogueLoaders
from biomap.api.context import Info
from biomap.api.node import pk_of
from biomap.errors import DomainError, Invalid, ValidationFailed


async def institution_pks(info: Info, ids: Sequence[str] | None, field: str) -> tuple[int, ...] | None:
    """The institutions' primary keys; None when no list (or an empty one) is given: no constraint,
    as with every other list filter. An id that is not an Institution's, or names no institution,
    is an error naming its place (`institutionIds[2]`), all of them at once."""
    if not ids:
        return None
    pks = [pk_of(i, "Institution") for i in ids]
    problems: list[DomainError] = [
        Invalid(f"{i!r} is not an Institution id", field=f"{field}[{n}]")
        for n, (i, pk) in enumerate(zip(ids, pks, strict=True)) if pk is None]
    if not problems:
        found = await info.context.loaders(CatalogueLoaders).institution_by_id.load_many(pks)
        problems = [Invalid(f"no institution with id {i}", field=f"{field}[{n}]", code="NOT_FOUND")
                    for n, (i, record) in enumerate(zip(ids, found, strict=True)) if record is None]
    if problems:
        raise ValidationFailed(problems)
    return tuple(pk for pk in pks if pk is not None)
