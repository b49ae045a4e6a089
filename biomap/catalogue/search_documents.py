"""How catalogue records are described to search: the allow-listed, non-personal text and facets.

A trainee's full name and contacts never enter a search document. Catalogue writes call
`refresh_search(conn, entity, ids)` in their own transaction, so the PostgreSQL index is always
consistent with what was committed (Meilisearch follows through the outbox).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import asyncpg

from biomap.catalogue.institution_directory import InstitutionNames
from biomap.catalogue.taxonomy import CATEGORIES, CATEGORY_BY_CODE
from biomap.catalogue.trainee_privacy import listable_visibilities, managed_centre
from biomap.catalogue.visibility import equipment_scope
from biomap.db.sql import limited_to_ids
from biomap.identity.models import Viewer
from biomap.search import indexer
from biomap.search.glossary import compact, has_hangul
from biomap.search.models import SearchDocument, SearchKind, SearchScope, Suggestion
from biomap.sourcing.search_documents import supplier_documents

_ENTITY_KIND = {"equipment": SearchKind.EQUIPMENT, "technology": SearchKind.TECHNOLOGY, "trainee": SearchKind.TRAINEE}


# "Elemental analyser (ICP-MS, ICP-OES, TOC)": a list in parentheses names kinds within the
# category, not what each of its records is (indexed, they made every TOC analyser an ICP-MS). A
# single name in parentheses is another name for the category itself: "(DLS)", "(lyophiliser)".
_EXAMPLES = re.compile(r"\s*\([^)]*,[^)]*\)")


def _category_text(code: str | None) -> str:
    category = CATEGORY_BY_CODE.get(code or "")
    return _EXAMPLES.sub("", f"{category.label_ko} {category.label_en}") if category else ""


async def _equipment(conn: asyncpg.Connection, ids: Sequence[int] | None) -> list[SearchDocument]:
    sql, args = limited_to_ids(
        """SELECT e.*, i.zone, o.name_ko AS inst_ko, o.name_en AS inst_en
             FROM equipment e JOIN institution i ON i.id = e.institution_id JOIN organisation o ON o.id = i.id
            WHERE {ids}""", "e.id", ids)
    rows = await conn.fetch(sql, *args)
    return [
        SearchDocument(
            kind=SearchKind.EQUIPMENT, entity_id=r["id"], institution_id=r["institution_id"], zone=r["zone"],
            title_ko=r["name_ko"], title_en=r["name_en"],
            secondary=" ".join(filter(None, [r["manufacturer"], r["model"]])),
            category_text=_category_text(r["category"]),
            body=" ".join(filter(None, [r["description_ko"], r["description_en"]])),
            category=r["category"], access_policy=r["access_policy"], service_mode=r["service_mode"],
            status=r["status"], rate_academic_krw=r["rate_academic_krw"],
            institution_name=" ".join(filter(None, [r["inst_ko"], r["inst_en"]])),
        )
        for r in rows
    ]


async def _technologies(conn: asyncpg.Connection, ids: Sequence[int] | None) -> list[SearchDocument]:
    sql, args = limited_to_ids(
        """SELECT t.*, i.zone, o.name_ko AS inst_ko, o.name_en AS inst_en
             FROM technology t JOIN institution i ON i.id = t.institution_id JOIN organisation o ON o.id = i.id
            WHERE {ids} AND t.retired_at IS NULL""", "t.id", ids)
    rows = await conn.fetch(sql, *args)
    return [
        SearchDocument(
            kind=SearchKind.TECHNOLOGY, entity_id=r["id"], institution_id=r["institution_id"], zone=r["zone"],
            title_ko=r["title_ko"], title_en=r["title_en"], secondary=" ".join(r["patents"]),
            category_text=r["kind"].replace("_", " ").lower(),
            body=" ".join(filter(None, [r["summary_ko"], r["summary_en"]])),
            institution_name=" ".join(filter(None, [r["inst_ko"], r["inst_en"]])),
        )
        for r in rows
    ]


async def _trainees(conn: asyncpg.Connection, ids: Sequence[int] | None) -> list[SearchDocument]:
    # Only profile columns are selected: trainee_personal is never read here.
    sql, args = limited_to_ids(
        """SELECT t.id, t.institution_id, t.display_name, t.course, t.skills, t.certificates, t.desired_role,
                  t.visibility, i.zone, o.name_ko AS inst_ko, o.name_en AS inst_en
             FROM trainee t JOIN institution i ON i.id = t.institution_id JOIN organisation o ON o.id = i.id
            WHERE {ids}""", "t.id", ids)
    rows = await conn.fetch(sql, *args)
    return [
        SearchDocument(
            kind=SearchKind.TRAINEE, entity_id=r["id"], institution_id=r["institution_id"], zone=r["zone"],
            title_ko=r["desired_role"], title_en="", secondary=r["course"],
            category_text=" ".join(r["certificates"]), body=" ".join(r["skills"]),
            visibility=r["visibility"],
            institution_name=" ".join(filter(None, [r["inst_ko"], r["inst_en"]])),
        )
        for r in rows
    ]


_LOADERS = {SearchKind.EQUIPMENT: _equipment, SearchKind.TECHNOLOGY: _technologies, SearchKind.TRAINEE: _trainees,
            SearchKind.SUPPLIER: supplier_documents}


async def load_documents(
    conn: asyncpg.Connection, kind: SearchKind, ids: Sequence[int] | None = None
) -> list[SearchDocument]:
    """Current search documents of `kind` (all when ids is None); vanished/retired ids are absent."""
    return await _LOADERS[kind](conn, None if ids is None else list(ids))


async def refresh_search(conn: asyncpg.Connection, entity: str, ids: Sequence[int]) -> None:
    kind = _ENTITY_KIND[entity]
    await indexer.replace(conn, kind, ids, await load_documents(conn, kind, ids))


async def rebuild_search(conn: asyncpg.Connection) -> int:
    """Re-describe every record (after seeding, or when the analyzer or glossary changed)."""
    total = 0
    for kind in SearchKind:
        documents = await load_documents(conn, kind)
        await indexer.replace_all(conn, kind, documents)
        total += len(documents)
    return total


def search_scope(viewer: Viewer) -> SearchScope:
    """What `viewer` may find: exactly what they may read in the catalogue (see service and
    trainee_privacy), so search leaks nothing through hits, facet counts or highlights."""
    equipment = equipment_scope(viewer)
    return SearchScope(
        see_all_internal=equipment.see_all_internal,
        own_institution_id=equipment.own_institution_id,
        trainee_visibilities=tuple(v.value for v in listable_visibilities(viewer)),
        managed_institution_id=managed_centre(viewer),
    )


_WORD_START = re.compile(r"[^\W_]+")


@functools.cache
def _category_labels() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """(code, label, compact label, compact label from each of its words on) of every category,
    Korean first: computed once."""
    return tuple((c.code, label, compact(label),
                  tuple(compact(label[m.start():]) for m in _WORD_START.finditer(label)))
                 for c in CATEGORIES for label in (c.label_ko, c.label_en))


@functools.lru_cache(maxsize=4096)
def _category_suggestions(squashed: str) -> tuple[Suggestion, ...]:
    """Categories whose label starts with the space-stripped prefix, then those with a word that
    does ("cen" → "Ultra-low freezer…" no, "Centrifuge / ultracentrifuge" yes), then, for Korean
    from two syllables, those containing it anywhere (Korean compounds are written without spaces:
    "분석기" is in "유세포분석기"). A Latin prefix inside a word matches nothing: "lc" is not in
    "cell counter". The taxonomy is fixed and keystrokes repeat: computed once per prefix."""
    tiers: tuple[list[Suggestion], list[Suggestion], list[Suggestion]] = ([], [], [])
    seen: set[str] = set()
    inside_words = len(squashed) >= 2 and has_hangul(squashed)
    for code, label, label_compact, word_starts in _category_labels():
        if code in seen:
            continue
        if label_compact.startswith(squashed):
            tier = 0
        elif any(w.startswith(squashed) for w in word_starts):
            tier = 1
        elif inside_words and squashed in label_compact:
            tier = 2
        else:
            continue
        seen.add(code)
        tiers[tier].append(Suggestion(label, "category", {"code": code}))
    return (*tiers[0], *tiers[1], *tiers[2])


def suggest_catalogue(prefix: str, limit: int, institutions: InstitutionNames) -> list[Suggestion]:
    """Category and institution completions (public data) for search-as-you-type; `institutions`
    from the process's InstitutionDirectory."""
    squashed = compact(prefix)
    if not squashed:
        return []
    found = list(_category_suggestions(squashed)[:limit])
    if len(found) >= limit:
        return found
    korean = has_hangul(prefix)
    for institution in institutions.by_prefix(prefix, limit - len(found)):
        name = institution.name_ko if korean else (institution.name_en or institution.name_ko)
        found.append(Suggestion(name or institution.code, "institution", {"code": institution.code}))
    return found
