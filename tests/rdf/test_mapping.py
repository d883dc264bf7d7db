"""The RDF model: direct triples plus statement nodes, negation, named graphs, stable IRIs."""

from __future__ import annotations

import pyoxigraph as ox

import kg
from kg.rdf.iris import document_iri
from kg.rdf.namespaces import DEFAULT_BASE


def _ask(graph, query: str) -> bool:
    return bool(graph.query(query).askAnswer)


def test_statement_node_and_direct_triple(tmp_path):
    (tmp_path / "a.txt").write_text("Senior Taliban officials met a U.S. delegation in Doha on Saturday.")
    graph = kg.build([tmp_path])
    rows = list(
        graph.query("""
        SELECT ?s ?o ?where ?when ?conf ?sentence ?g WHERE {
          GRAPH ?g { ?s rel:meet ?o .
            ?st rdf:subject ?s ; rdf:predicate rel:meet ; rdf:object ?o ; kg:location ?l ; kg:time ?when ;
                kg:confidence ?conf ; kg:negated false ; prov:wasDerivedFrom ?sn .
            ?sn nif:anchorOf ?sentence ; nif:beginIndex 0 ; nif:referenceContext ?g . }
          ?s rdfs:label ?slabel . ?o rdfs:label ?olabel . ?l rdfs:label ?where .
          FILTER(CONTAINS(?slabel, "Taliban officials") && CONTAINS(?olabel, "U.S. delegation"))
        }""")
    )
    assert len(rows) == 1
    row = rows[0]
    assert str(row.where) == "Doha" and str(row.when) == "Saturday"
    assert 0 < float(row.conf) < 1
    assert str(row.g) == document_iri(DEFAULT_BASE, "a.txt")
    assert _ask(graph, "ASK { <https://example.org/kg/doc/a.txt> a schema:NewsArticle ; kg:sha256 ?h }")


def test_negated_statement_never_asserts_the_direct_triple(tmp_path):
    (tmp_path / "a.txt").write_text("Zalmay Khalilzad will not be part of the delegation.")
    graph = kg.build([tmp_path])
    assert _ask(
        graph, "ASK { ?st a kg:Statement ; kg:negated true ; rdf:predicate rel:be_part_of ; kg:modality 'will' }"
    )
    assert not _ask(graph, "ASK { ?s rel:be_part_of ?o }")


def test_coordination_gives_one_statement_per_conjunct(tmp_path):
    (tmp_path / "a.txt").write_text("The delegation will include Tom West, Sarah Charles and two USAID officials.")
    graph = kg.build([tmp_path])
    rows = list(graph.query("SELECT DISTINCT ?o WHERE { ?st rdf:predicate rel:include ; rdf:object ?o }"))
    assert len(rows) == 3


def test_base_iri_is_a_setting(tmp_path):
    (tmp_path / "a.txt").write_text("Senior Taliban officials met a U.S. delegation in Doha on Saturday.")
    graph = kg.build([tmp_path], settings=kg.Settings(base="http://data.example.com/news/"))
    assert _ask(graph, "ASK { GRAPH <http://data.example.com/news/doc/a.txt> { ?s ?p ?o } }")


def test_same_input_same_triples(tmp_path):
    (tmp_path / "a.txt").write_text("Senior Taliban officials met a U.S. delegation in Doha on Saturday.")
    first = kg.build([tmp_path]).serialize("nq")
    second = kg.build([tmp_path]).serialize("nq")
    assert sorted(first.splitlines()) == sorted(second.splitlines())
    assert list(ox.parse(first, format=ox.RdfFormat.N_QUADS))
