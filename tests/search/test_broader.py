"""Concepts that are kinds of others: a QTRAP is a triple quadrupole, which is a mass spectrometer.

Documents carry the concepts above their own (matching and the concept share see them), queries
only what they say, and the weighted text of a document is left as written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from biomap.search.analyzer import get_analyzer
from biomap.search.glossary import Concept, Glossary, load_glossary
from biomap.search.indexer import document_row
from biomap.search.models import SearchDocument, SearchKind
from biomap.search.service import search


def test_a_concept_carries_every_concept_above_it() -> None:
    glossary = get_analyzer().glossary
    assert {"qtrap", "triple_quad", "mass_spectrometer"} <= set(glossary.with_broader(["qtrap"]))
    assert {"cell_sorter", "flow_cytometer"} == set(glossary.with_broader(["cell_sorter"]))
    assert glossary.with_broader(["flow_cytometer"]) == ("flow_cytometer",)  # nothing above it
    assert glossary.with_broader([]) == ()


def _glossary(*concepts: Concept) -> Glossary:
    glossary = Glossary()
    for concept in concepts:
        glossary.add(concept)
    return glossary


def test_broader_names_a_known_concept_and_never_loops() -> None:
    with pytest.raises(ValueError, match="qtrap is a kind of unknown concept"):
        _glossary(Concept("qtrap", None, ("QTRAP",), ("triple_quadrupole",))).check_broader()
    looping = _glossary(Concept("a", None, ("aaa",), ("b",)), Concept("b", None, ("bbb",), ("a",)))
    with pytest.raises(ValueError, match="a kind of itself"):
        looping.check_broader()


def test_loading_a_glossary_checks_its_broader_column(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tsv"
    path.write_text("concept\tcategory\tterms\trelated\tbroader\n"
                    "qtrap\tLC_MS\tQTRAP|Q TRAP\t\tmass_spec\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown concept"):
        load_glossary(path)
    path.write_text("concept\tcategory\tterms\trelated\n"  # a glossary without the column still loads
                    "qtrap\tLC_MS\tQTRAP|Q TRAP\t\n", encoding="utf-8")
    assert load_glossary(path).with_broader(["qtrap"]) == ("qtrap",)


def test_a_document_is_matched_by_broader_concepts_but_its_text_is_not_rewritten() -> None:
    # An imported name cut short: nothing in it says "mass spectrometer".
    row = document_row(SearchDocument(
        kind=SearchKind.EQUIPMENT, entity_id=1, institution_id=1, zone="SONGDO", title_ko="",
        title_en="Q TRAP MASS SPECTROM", secondary="QTRAP 6500+", category_text="", body=""))
    assert {"qtrap", "triple_quad", "mass_spectrometer"} <= set(row["concepts"])
    assert "c_qtrap" in row["terms"]
    assert "c_mass_spectrometer" not in row["terms"]  # weighted text stays as written


async def test_ngs_finds_a_nanopore_sequencer_whose_text_never_says_ngs(conn) -> None:
    """Nanopore sequencing is next-generation sequencing: "NGS" finds the GridION (Korean name
    나노포어 염기서열 분석기, model GridION) although no word of it means NGS."""
    from biomap.catalogue.search_documents import search_scope
    from biomap.identity.models import Viewer
    from biomap.search.models import SearchFilter

    gridion = await conn.fetchval("SELECT id FROM equipment WHERE source_id = 'YONSEI_IC-0010'")
    result = await search(conn, "NGS", search_scope(Viewer.anonymous()),
                          kinds=(SearchKind.EQUIPMENT,), filter=SearchFilter(), first=100)
    assert gridion in [hit.entity_id for hit in result.hits]
