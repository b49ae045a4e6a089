"""Concept weights: a rare concept named in a query counts more than a common one beside it."""

from __future__ import annotations

import math

import pytest

from biomap.search import pg_queries
from biomap.search.postgres_backend import ConceptWeights, concept_weights
from tests.search.test_search_api import run


def test_weights_sum_to_one_and_favour_the_rarer_concept() -> None:
    counts = {"qtrap": 2, "mass_spectrometer": 400}
    weights = concept_weights(["mass_spectrometer", "qtrap"], 10_000, counts, idf_share=0.5)
    assert math.fsum(weights) == pytest.approx(1.0)
    assert weights[1] > weights[0] > 0
    assert concept_weights(["a", "b"], 100, {"a": 5, "b": 5}, idf_share=0.5) == pytest.approx([0.5, 0.5])
    # no IDF share: every concept counts the same, as before weights existed
    assert concept_weights(["mass_spectrometer", "qtrap"], 10_000, counts, idf_share=0.0) == [0.5, 0.5]
    # a concept no record carries weighs as if one did (no division by zero)
    assert concept_weights(["unknown", "qtrap"], 10_000, counts, idf_share=1.0)[0] > 0.5
    assert concept_weights([], 10, {}, idf_share=0.5) == []


async def test_statistics_are_read_from_the_index_and_kept_for_their_ttl(conn) -> None:
    total, counts = await pg_queries.concept_record_counts(conn)
    assert total == await conn.fetchval("SELECT count(*) FROM search_match")
    assert counts["flow_cytometer"] == await conn.fetchval(
        "SELECT count(*) FROM search_match WHERE 'flow_cytometer' = ANY(concepts)")
    kept, fresh = ConceptWeights(ttl=3600), ConceptWeights(ttl=0)
    before = await kept.of(conn, ["flow_cytometer", "centrifuge"])
    assert before == await fresh.of(conn, ["flow_cytometer", "centrifuge"])
    # many more flow cytometers: the concept gets commoner, so it weighs less, once re-read
    await conn.execute(
        """INSERT INTO search_document (kind, entity_id, institution_id, zone, title_ko, title_en, concepts,
                                        terms, compact)
           SELECT 'TECHNOLOGY', 10000000 + n, d.institution_id, d.zone, '', 'probe', ARRAY['flow_cytometer'],
                  ''::tsvector, 'probe'
             FROM generate_series(1, 200) AS n,
                  (SELECT institution_id, zone FROM search_document WHERE kind = 'TECHNOLOGY' LIMIT 1) AS d""")
    assert await kept.of(conn, ["flow_cytometer", "centrifuge"]) == before
    after = await fresh.of(conn, ["flow_cytometer", "centrifuge"])
    assert after[0] < before[0]


async def test_a_rare_concept_in_the_query_leads_the_ranking(client) -> None:
    """"QTRAP mass spectrometer": the QTRAP first, not any mass spectrometer (equal weights had put
    a MALDI-TOF and an Orbitrap above it)."""
    result = await run(client, "QTRAP mass spectrometer", kinds=["EQUIPMENT"], first=3)
    assert "QTRAP" in str(result["edges"][0]["node"]).upper().replace(" ", ""), result["edges"][0]
