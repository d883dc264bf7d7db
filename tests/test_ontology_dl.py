"""``ontology/kg.ttl`` is an OWL 2 DL ontology: owlready2 loads it, and HermiT finds it consistent.

owlready2 reads RDF/XML, not Turtle, so the file goes through rdflib first. HermiT
ships with owlready2 and runs on Java (``default-jre-headless``, installed by
``make system-deps``).
"""

from __future__ import annotations

import owlready2
import pytest
from rdflib import OWL, RDF, RDFS, Graph

from kg.ontology import ontology_file
from kg.rdf.namespaces import KG

#: Namespaces OWL 2 DL reserves: their terms are no classes or properties of an ontology.
RESERVED = (str(RDF), str(RDFS), str(OWL), "http://www.w3.org/2001/XMLSchema#")


@pytest.fixture(scope="module")
def ontology_xml(tmp_path_factory) -> str:
    graph = Graph().parse(ontology_file("kg.ttl"), format="turtle")
    path = tmp_path_factory.mktemp("owl") / "kg.owl"
    graph.serialize(path, format="xml")
    return str(path)


def test_owlready2_loads_every_class_and_property(ontology_xml):
    world = owlready2.World()
    ontology = world.get_ontology(f"file://{ontology_xml}").load()
    classes = {c.iri for c in ontology.classes()}
    assert {str(KG.Statement), str(KG.Relation), str(KG.Person), str(KG.Entity)} <= classes
    properties = {p.iri for p in ontology.properties()}
    assert {str(KG.relationText), str(KG.location), str(KG.value), str(KG.spacyLabel)} <= properties


def test_hermit_finds_it_consistent_with_no_unsatisfiable_class(ontology_xml):
    world = owlready2.World()
    ontology = world.get_ontology(f"file://{ontology_xml}").load()
    with ontology:
        # Raises OwlReadyInconsistentOntologyError if inconsistent, OwlReadyJavaError if HermiT rejects a term.
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []


def test_every_class_and_property_used_is_declared_and_none_is_reserved():
    graph = Graph().parse(ontology_file("kg.ttl"), format="turtle")
    declared = set(graph.subjects(RDF.type, None))
    classes = set(graph.objects(None, RDFS.subClassOf)) | set(graph.objects(None, OWL.equivalentClass))
    classes |= set(graph.objects(None, RDFS.domain)) | {
        o for s, o in graph.subject_objects(RDFS.range) if (s, RDF.type, OWL.ObjectProperty) in graph
    }
    properties = set(graph.objects(None, RDFS.subPropertyOf))
    used = {term for term in classes | properties if term != OWL.Thing}
    assert sorted(str(t) for t in used - declared) == []
    assert sorted(str(t) for t in used if str(t).startswith(RESERVED)) == []
