"""All instance data lives under ``--base``; known entities link their outside identities with ``owl:sameAs``."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, URIRef

import kg
from kg.rdf.iris import ontology_graph_iri
from kg.rdf.namespaces import KGE, REL

BASE = "https://news.example.org/kg/"
TEXT = "Senior Taliban officials met a U.S. delegation in Doha on Saturday."


def test_known_entities_are_minted_under_the_base_and_linked_with_same_as(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    with kg.build([tmp_path], settings=kg.Settings(base=BASE)) as graph:
        dataset = graph.dataset
        ontology = URIRef(ontology_graph_iri(BASE))
        instance = [q for q in dataset.quads((None, None, None, None)) if q[3] != ontology]
        outside: set[str] = set()
        for s, p, o, _ in instance:
            outside |= {str(s)} if not str(s).startswith((BASE, str(REL))) else set()
            if isinstance(o, URIRef) and p not in (RDF.type, OWL.sameAs, RDF.predicate):
                outside |= {str(o)} if not str(o).startswith(BASE) else set()
        assert outside == set()
        doha = {s for s, label in dataset.subject_objects(RDFS.label) if str(label) == "Doha"}
        assert len(doha) == 1
        (doha,) = doha
        assert str(doha).startswith(BASE + "entity/")
        same = {str(o) for o in dataset.objects(doha, OWL.sameAs)}
        # Its known identity (kg's, from the gazetteer or the data) and an outside one (Wikidata, GeoNames).
        assert any(s.startswith(str(KGE)) for s in same) and any(not s.startswith(str(KGE)) for s in same)
        located = graph.query("SELECT ?where WHERE { ?st kg:location ?where }")
        assert {row.where for row in located} == {doha}
