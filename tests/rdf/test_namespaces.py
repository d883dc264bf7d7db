"""The closed ``KG`` namespace and ``ontology/*.ttl`` never drift apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from kg.ontology import entity_classes, ontology_file
from kg.rdf.namespaces import KG, KGE, REL
from kg.records import ENTITY_TYPES

ROOT = Path(__file__).resolve().parents[2]
#: Where kg: terms are written by hand: the ontology, SPARQL in the code, the examples and docs.
SOURCES = [
    *sorted((ROOT / "ontology").glob("*.ttl")),
    *sorted((ROOT / "kg").rglob("*.py")),
    *sorted((ROOT / "examples").rglob("*.rq")),
    *sorted((ROOT / "examples").rglob("*.py")),
    ROOT / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
]
_KG_TERM = re.compile(r"(?<![\w/])kg:([A-Za-z_]\w*)")


def python_terms() -> set[str]:
    return {name for name in KG.__annotations__ if not name.startswith("_")}


def declared_terms() -> set[str]:
    """Terms ``ontology/kg.ttl`` gives a type to."""
    graph = Graph().parse(ontology_file("kg.ttl"), format="turtle")
    return {str(s).removeprefix(str(KG)) for s in graph.subjects(RDF.type) if str(s).startswith(str(KG))}


def test_the_python_namespace_and_kg_ttl_hold_the_same_terms():
    assert sorted(python_terms() - declared_terms()) == [], "declared in Python, missing from ontology/kg.ttl"
    assert sorted(declared_terms() - python_terms()) == [], "declared in ontology/kg.ttl, missing from KG"


def test_every_kg_term_written_anywhere_is_declared():
    used: dict[str, set[str]] = {}
    for path in SOURCES:
        for term in _KG_TERM.findall(path.read_text(encoding="utf-8")):
            used.setdefault(term, set()).add(str(path.relative_to(ROOT)))
    # Full IRIs too, as Turtle or N-Triples would write them.
    for path in SOURCES:
        for term in re.findall(re.escape(str(KG)) + r"([A-Za-z_]\w*)", path.read_text(encoding="utf-8")):
            used.setdefault(term, set()).add(str(path.relative_to(ROOT)))
    unknown = {term: sorted(paths) for term, paths in used.items() if term not in declared_terms()}
    assert unknown == {}


def test_a_misspelt_term_raises_instead_of_minting_an_iri():
    assert KG.Statement == URIRef("https://w3id.org/kg/ns#Statement")
    with pytest.raises(AttributeError, match="Statment"):
        KG.Statment  # noqa: B018
    with pytest.raises(AttributeError):
        KG["Vehicle"]


def test_relations_and_entities_are_minted_in_open_namespaces():
    assert REL.meet == URIRef("https://w3id.org/kg/relation/meet")
    assert KGE["any-new-entity"] == URIRef("https://w3id.org/kg/entity/any-new-entity")


def test_entity_types_of_the_records_are_the_entity_classes():
    assert set(ENTITY_TYPES) == entity_classes()


def test_a_gazetteer_entry_of_an_unknown_class_is_an_error(tmp_path):
    from kg.entities.gazetteer import read_gazetteer
    from kg.errors import KGError

    path = tmp_path / "mine.ttl"
    path.write_text(
        "@prefix kg: <https://w3id.org/kg/ns#> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://example.org/t-72> a kg:Vehicle ; skos:prefLabel "T-72" .\n',
        encoding="utf-8",
    )
    with pytest.raises(KGError, match="kg:Organization"):
        read_gazetteer([path])
