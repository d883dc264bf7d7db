"""entity_graph gives the same graph, in the same order, on Oxigraph and on rdflib's memory store."""

from __future__ import annotations

import pytest

import kg
from kg.entity_graph import entity_graph
from kg.settings import Settings
from kg.store import GraphStore

E = "https://example.org/kg/entity/"
S = "https://example.org/kg/doc/d1/statement/"
DOC = "https://example.org/kg/doc/d1"
#: Hand-made statements covering the joins' corner cases (see the asserts below).
NQUADS = f"""
<{E}ada> a <https://w3id.org/kg/ns#Person> ; <http://www.w3.org/2000/01/rdf-schema#label> "Ada" ;
  <https://w3id.org/kg/ns#mentionCount> 3 ; <http://www.w3.org/2004/02/skos/core#altLabel> "A. L." , "Ada L." ;
  <https://w3id.org/kg/ns#mentionedIn> <{DOC}> .
<{E}paris> a <https://w3id.org/kg/ns#Place> ; <http://www.w3.org/2000/01/rdf-schema#label> "Paris" .
<{E}lonely> a <https://w3id.org/kg/ns#Person> ; <http://www.w3.org/2000/01/rdf-schema#label> "Lonely" .
<{DOC}> <https://schema.org/headline> "Day one" ; <https://schema.org/datePublished> "2024-05-06"^^<http://www.w3.org/2001/XMLSchema#date> .
<{DOC}#s1> <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf> "Ada visited Paris." ;
  <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext> <{DOC}> .
<{DOC}#s0> <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf> "no document" .
<https://w3id.org/kg/relation/visit> <http://www.w3.org/2000/01/rdf-schema#label> "visited" .
<{E}berlin> <http://www.w3.org/2000/01/rdf-schema#label> "Berlin" .
<{S}full> a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement>, <https://w3id.org/kg/ns#Statement> ;
  <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <{E}ada> ;
  <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <https://w3id.org/kg/relation/visit> ;
  <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <{E}paris> ;
  <https://w3id.org/kg/ns#negated> true ; <https://w3id.org/kg/ns#hedged> true ; <https://w3id.org/kg/ns#confidence> "0.75"^^<http://www.w3.org/2001/XMLSchema#double> ;
  <http://www.w3.org/ns/prov#wasDerivedFrom> <{DOC}#s0> , <{DOC}#s1> ;
  <https://w3id.org/kg/ns#location> <{E}berlin> ; <https://w3id.org/kg/ns#time> "Monday" ;
  <https://w3id.org/kg/ns#attributedTo> <{E}ada> .
<{S}bare> a <https://w3id.org/kg/ns#Statement> ;
  <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <{E}paris> ;
  <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <https://w3id.org/kg/relation/be_near> ;
  <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <{E}unknown-place> ;
  <https://w3id.org/kg/ns#time> "2021-03"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> .
<{S}literal> a <https://w3id.org/kg/ns#Statement> ;
  <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <{E}ada> ;
  <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <https://w3id.org/kg/relation/say> ;
  <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> "hello" .
<{S}untyped> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <{E}ada> ;
  <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <https://w3id.org/kg/relation/visit> ;
  <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <{E}paris> .
"""


def _store(kind: str) -> GraphStore:
    """The hand-made statements, spread over two named graphs (the type in the second)."""
    from rdflib import Dataset

    data = Dataset()
    data.parse(data=NQUADS, format="turtle", publicID=DOC)
    lines = []
    for s, p, o in data.default_graph:
        graph = f"{DOC}/types" if str(p).endswith("#type") else DOC
        lines.append(f"{s.n3()} {p.n3()} {o.n3()} <{graph}> .\n")
    store = GraphStore(None, kind=kind)
    store.load_nquads("".join(lines))
    return store


def _snapshot(graph) -> tuple[list, list]:
    """Nodes and edges with their data, in the graph's order."""
    return list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True))


@pytest.mark.parametrize("include_isolated", [False, True])
def test_hand_made_statements(include_isolated):
    graphs = {kind: entity_graph(_store(kind), include_isolated=include_isolated) for kind in ("oxigraph", "memory")}
    assert _snapshot(graphs["oxigraph"]) == _snapshot(graphs["memory"])
    graph = graphs["oxigraph"]
    # untyped statements and literal objects are no edges
    assert [key for *_, key in graph.edges(keys=True)] == [S + "bare", S + "full"]
    full = graph.edges[E + "ada", E + "paris", S + "full"]
    assert full == {
        "relation": "visited",
        "predicate": "https://w3id.org/kg/relation/visit",
        "statement": S + "full",
        "sentence": "Ada visited Paris.",  # s0 has no document, so s1 is the sentence
        "document": DOC,
        "title": "Day one",
        "published": "2024-05-06",
        "location": "Berlin",
        "time": "Monday",
        "date": "",  # a time as the text says it, not placed in the calendar
        "negated": True,
        "hedged": True,
        "confidence": 0.75,
        "attributed_to": "Ada",
    }
    bare = graph.edges[E + "paris", E + "unknown-place", S + "bare"]
    assert (bare["relation"], bare["sentence"], bare["document"], bare["title"]) == ("be near", "", "", "")
    assert (bare["location"], bare["attributed_to"], bare["negated"], bare["hedged"], bare["confidence"]) == (
        None, None, False, False, 0.0)  # fmt: skip
    assert (bare["time"], bare["date"], bare["published"]) == ("2021-03", "2021-03", "")  # a calendar value is a date
    assert graph.nodes[E + "ada"] == {
        "label": "Ada", "type": "Person", "aliases": ["A. L.", "Ada L."], "mentions": 3, "documents": ["Day one"]}  # fmt: skip
    assert graph.nodes[E + "unknown-place"]["type"] == "Other"
    assert (E + "lonely" in graph) is include_isolated


def test_corpus_same_on_both_store_kinds(corpus_dir, corpus_graph, tmp_path):
    """The sample corpus built into rdflib's memory store gives the Oxigraph build's graph, order included."""
    memory = kg.build([corpus_dir], tmp_path / "out", settings=Settings(store="memory", write_html=False))
    try:
        for include_isolated in (False, True):
            on_oxigraph = entity_graph(corpus_graph.store, include_isolated=include_isolated)
            assert on_oxigraph.number_of_edges() > 100
            assert _snapshot(entity_graph(memory.store, include_isolated=include_isolated)) == _snapshot(on_oxigraph)
            # the rdflib query path over the Oxigraph store
            assert _snapshot(entity_graph(corpus_graph.store.dataset, include_isolated=include_isolated)) == (
                _snapshot(on_oxigraph))  # fmt: skip
    finally:
        memory.close()
