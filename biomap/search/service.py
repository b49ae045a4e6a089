"""Search rules: input checks, backend choice, recording queries that found nothing."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import asyncpg

from biomap.errors import DomainError, Invalid, ValidationFailed, checked, raise_problems
from biomap.search import pg_queries
from biomap.search.backend import SearchBackend
from biomap.search.glossary import normalise
from biomap.search.models import (
    MAX_QUERY_LENGTH,
    SearchFilter,
    SearchKind,
    SearchRequest,
    SearchResult,
    SearchScope,
    Suggestion,
)
from biomap.search.postgres_backend import PostgresBackend

MAX_PAGE = 100
MAX_SUGGESTIONS = 20
# A "free between" window longer than this is not a question anyone asks of an instrument.
MAX_FREE_WINDOW = dt.timedelta(days=31)
MAX_OFFSET = 1000  # deep pages of a relevance ranking are noise; filters narrow better
_SPACES = re.compile(r"\s+")


def clean_query(text: str, field: str = "query") -> str:
    """Control and format characters out, whitespace collapsed; refuses over-long input."""
    if len(text) > MAX_QUERY_LENGTH * 4:  # reject before doing any work on a huge string
        raise Invalid(f"{field} too long: at most {MAX_QUERY_LENGTH} characters", field=field)
    # Composed first: Hangul typed or pasted decomposed (NFD) has 2-3 code points a syllable and
    # must count as the syllables the user sees.
    composed = unicodedata.normalize("NFC", text)
    cleaned = "".join(c for c in composed if unicodedata.category(c)[0] != "C" or c in "\t\n")
    cleaned = _SPACES.sub(" ", cleaned).strip()
    if len(cleaned) > MAX_QUERY_LENGTH:
        raise Invalid(f"{field} too long: at most {MAX_QUERY_LENGTH} characters", field=field)
    return cleaned


def _check_filter(filt: SearchFilter) -> None:
    problems = []
    for name, value in (("priceMinKrw", filt.price_min_krw), ("priceMaxKrw", filt.price_max_krw)):
        if value is not None and value < 0:
            problems.append(Invalid(f"{name} cannot be negative", field=f"filter.{name}"))
    if (filt.price_min_krw is not None and filt.price_max_krw is not None
            and filt.price_min_krw > filt.price_max_krw):
        problems.append(Invalid("priceMinKrw is above priceMaxKrw", field="filter.priceMinKrw"))
    if filt.free_between is not None:
        start, end = filt.free_between
        if end <= start:
            problems.append(Invalid("the window ends before it starts", field="filter.freeBetween.end"))
        elif end - start > MAX_FREE_WINDOW:
            problems.append(Invalid(f"a window of at most {MAX_FREE_WINDOW.days} days",
                                    field="filter.freeBetween.end"))
        if end <= dt.datetime.now(dt.UTC):
            problems.append(Invalid("the window is already over", field="filter.freeBetween.end"))
    if problems:
        raise ValidationFailed(problems)


def request_problems(text: str, filter: SearchFilter, offset: int) -> tuple[str, list[DomainError]]:
    """The cleaned query and every problem of a search request (query, filter, page depth)."""
    problems: list[DomainError] = []
    query = checked(lambda: clean_query(text), problems)
    checked(lambda: _check_filter(filter), problems)
    if offset > MAX_OFFSET:
        problems.append(Invalid(f"results are paged up to {MAX_OFFSET}: narrow the search with filters",
                                field="after"))
    return query or "", problems


def checked_request(text: str, filter: SearchFilter, offset: int) -> str:
    query, problems = request_problems(text, filter, offset)
    raise_problems(problems)
    return query


async def search(
    conn: asyncpg.Connection,
    text: str,
    scope: SearchScope,
    *,
    kinds: tuple[SearchKind, ...] | None = None,
    filter: SearchFilter = SearchFilter(),
    first: int = 20,
    offset: int = 0,
    viewer_role: str | None = None,
    backend: SearchBackend | None = None,
) -> SearchResult:
    query = checked_request(text, filter, offset)
    request = SearchRequest(
        text=query, kinds=kinds or tuple(SearchKind), filter=filter, scope=scope,
        # one more than a page: the caller asks for it to know whether a next page exists
        limit=max(0, min(first, MAX_PAGE + 1)), offset=max(0, offset),
    )
    if filter.free_between is not None:
        # Availability lives in the booking tables, which only PostgreSQL holds: time-filtered
        # searches are answered there whatever the configured backend (same documents, same rules).
        backend = None
    result = await (backend or PostgresBackend()).search(conn, request)
    if query and result.total == 0:
        await pg_queries.record_miss(conn, normalise(query), [k.value for k in request.kinds], viewer_role)
    return result


def suggestion_count(first: int | None, default: int = 8) -> int:
    """How many completions `first` asks for: at most MAX_SUGGESTIONS; negative is an error."""
    if first is None:
        return default
    if first < 0:
        raise Invalid("'first' must be 0 or more", field="first")
    return min(first, MAX_SUGGESTIONS)


async def suggest(
    conn: asyncpg.Connection, prefix: str, scope: SearchScope, *, first: int = 8,
    backend: SearchBackend | None = None,
) -> list[Suggestion]:
    cleaned = clean_query(prefix, "prefix")
    if not cleaned or first <= 0:
        return []
    return await (backend or PostgresBackend()).suggest(conn, cleaned, min(first, MAX_SUGGESTIONS), scope)
