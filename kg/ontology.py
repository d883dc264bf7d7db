"""The vocabulary in ``ontology/*.ttl``, loaded once and read by the pipeline.

The Turtle files drive the code: entity classes and their spaCy labels,
shapes, and the known-entity gazetteer all come from here; the English word
lists the rules read are in ``ontology/lexicon/`` (:mod:`kg.lexicon`).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from rdflib import RDFS, Graph, Literal, URIRef

from .rdf.namespaces import KG


def ontology_dir() -> Path:
    """The folder holding ``kg.ttl`` and ``shapes.ttl``."""
    for candidate in (Path(__file__).resolve().parent.parent / "ontology", Path(sys.prefix) / "share/kg/ontology"):
        if (candidate / "kg.ttl").is_file():
            return candidate
    raise FileNotFoundError("kg's ontology folder is missing; reinstall kg")


def ontology_file(name: str) -> Path:
    return ontology_dir() / name


@functools.lru_cache(maxsize=1)
def vocabulary() -> Graph:
    """``ontology/kg.ttl`` as an rdflib graph."""
    graph = Graph()
    graph.parse(ontology_file("kg.ttl"), format="turtle")
    return graph


@functools.lru_cache(maxsize=1)
def entity_classes() -> frozenset[str]:
    """Local names of the entity classes, the ``rdfs:subClassOf kg:Entity`` of ``kg.ttl``.

    >>> sorted(entity_classes())  # doctest: +NORMALIZE_WHITESPACE
    ['Concept', 'CreativeWork', 'Event', 'Group', 'Language', 'Legislation', 'Organization', 'Other', 'Person',
     'Place', 'Product', 'TimeExpression']
    """
    return frozenset(str(cls).removeprefix(str(KG)) for cls in vocabulary().subjects(RDFS.subClassOf, KG.Entity))


@functools.lru_cache(maxsize=1)
def class_for_label() -> dict[str, str]:
    """spaCy NER label → local name of the kg class, from ``kg:spacyLabel`` annotations.

    >>> class_for_label()["GPE"]
    'Place'
    """
    mapping = {}
    for cls, label in vocabulary().subject_objects(KG.spacyLabel):
        if isinstance(cls, URIRef) and isinstance(label, Literal):
            mapping[str(label)] = str(cls).removeprefix(str(KG))
    return mapping


@functools.cache
def labels_for_class(name: str) -> frozenset[str]:
    """The spaCy NER labels whose mentions become instances of the kg class ``name``.

    >>> sorted(labels_for_class("Place"))
    ['FAC', 'GPE', 'LOC']
    """
    return frozenset(label for label, cls in class_for_label().items() if cls == name)


@functools.lru_cache(maxsize=1)
def ruler_label_for_class() -> dict[str, str]:
    """Local name of a kg class → the spaCy label the entity ruler gives its known entities (``kg:rulerLabel``).

    >>> ruler_label_for_class()["Organization"]
    'ORG'
    """
    mapping = {}
    for cls, label in vocabulary().subject_objects(KG.rulerLabel):
        if isinstance(cls, URIRef) and isinstance(label, Literal):
            mapping[str(cls).removeprefix(str(KG))] = str(label)
    return mapping
