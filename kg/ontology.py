"""The vocabulary in ``ontology/*.ttl``, loaded once and read by the pipeline.

The Turtle files drive the code: entity classes and their spaCy labels,
shapes, and the known-entity gazetteer all come from here.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from rdflib import Graph, Literal, URIRef

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
