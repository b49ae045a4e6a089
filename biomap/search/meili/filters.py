"""SearchFilter + SearchScope + kinds → a Meilisearch filter (array form: every element AND-ed).

The same predicate as the PostgreSQL backend (pg_queries.SCOPE_AND_FILTER), permission rules
always included:
- kind in the requested kinds;
- equipment: INTERNAL only when the viewer sees all internal items or it is of their institution;
- trainees: visibility among the viewer's, or of the institution they manage;
- RETIRED records only when statuses are asked for explicitly;
- field filters: values OR-ed within a field, fields AND-ed; an empty tuple matches nothing.

Values are always quoted and escaped (Meilisearch's parser: `\\` escapes inside a quoted value),
numbers are formatted from ints, field names are constants: no input can change the expression.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from biomap.search.models import SearchFilter, SearchKind, SearchScope

# Matches no document: every document has a kind. Used where SQL's `= ANY('{}')` is false.
MATCH_NOTHING = "kind NOT EXISTS"


def quote(value: object) -> str:
    """A Meilisearch string literal: double-quoted, backslashes and double quotes escaped.

    Control characters are dropped (no catalogue value contains one, and the filter parser's
    unescaping would otherwise interpret sequences such as a backslash followed by `n`)."""
    text = "".join(c for c in str(value) if c >= " " and c != "\x7f")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def number(value: int) -> str:
    """An integer literal; refuses anything that is not an int (bool included)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return str(int(value))


def any_of(field: str, values: Iterable[str]) -> str:
    listed = [quote(v) for v in values]
    if not listed:
        return MATCH_NOTHING
    return f"{field} IN [{', '.join(listed)}]"


def any_number_of(field: str, values: Iterable[int]) -> str:
    listed = [number(v) for v in values]
    if not listed:
        return MATCH_NOTHING
    return f"{field} IN [{', '.join(listed)}]"


def _either(*clauses: str) -> str:
    return "(" + " OR ".join(clauses) + ")"


def permission_filter(scope: SearchScope) -> list[str]:
    """What the viewer may see, whatever they asked for."""
    clauses: list[str] = []
    if not scope.see_all_internal:
        internal = [f"kind != {quote(SearchKind.EQUIPMENT.value)}", f"access_policy != {quote('INTERNAL')}"]
        if scope.own_institution_id is not None:
            internal.append(f"institution_id = {number(scope.own_institution_id)}")
        clauses.append(_either(*internal))
    trainees = [f"kind != {quote(SearchKind.TRAINEE.value)}"]
    if scope.trainee_visibilities:
        trainees.append(any_of("visibility", scope.trainee_visibilities))
    if scope.managed_institution_id is not None:
        trainees.append(f"institution_id = {number(scope.managed_institution_id)}")
    clauses.append(_either(*trainees))
    return clauses


def field_filter(flt: SearchFilter) -> list[str]:
    """The viewer's own narrowing (facets, price range), RETIRED hidden unless statuses are given."""
    clauses: list[str] = []
    for field, values in (
        ("zone", flt.zones),
        ("category", flt.categories),
        ("access_policy", flt.access_policies),
        ("service_mode", flt.service_modes),
    ):
        if values is not None:
            clauses.append(any_of(field, values))
    if flt.institution_ids is not None:
        clauses.append(any_number_of("institution_id", flt.institution_ids))
    if flt.statuses is None:
        clauses.append(f"status != {quote('RETIRED')}")  # documents without a status pass, as in PG
    else:
        clauses.append(any_of("status", flt.statuses))
    if flt.price_min_krw is not None:
        clauses.append(f"rate_academic_krw >= {number(flt.price_min_krw)}")
    if flt.price_max_krw is not None:
        clauses.append(f"rate_academic_krw <= {number(flt.price_max_krw)}")
    return clauses


def build_filter(flt: SearchFilter, scope: SearchScope, kinds: Sequence[SearchKind]) -> list[str | list[str]]:
    """The whole filter: kinds, permissions, then the viewer's field filters (all AND-ed; the type
    is the SDK's array form, of which only plain string elements are used)."""
    return [
        any_of("kind", (SearchKind(k).value for k in kinds)),
        *permission_filter(scope),
        *field_filter(flt),
    ]
