"""SHACL validation of a graph against ``ontology/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from .ontology import ontology_file


@dataclass(slots=True)
class ValidationReport:
    conforms: bool
    violations: int
    focus_nodes: int
    shapes: int
    text: str


def validate(dataset) -> ValidationReport:
    """Validate the union of all graphs of ``dataset`` against the shapes.

    >>> from rdflib import Dataset
    >>> validate(Dataset()).conforms
    True
    """
    import pyshacl
    from rdflib.namespace import SH

    data = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        data.add((s, p, o))
    shapes = Graph().parse(ontology_file("shapes.ttl"), format="turtle")
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True)
    violations = len(list(results.subjects(predicate=SH.focusNode)))
    focus = 0
    for target in shapes.objects(None, SH.targetClass):
        focus += len(set(data.subjects(predicate=None, object=target)))
    return ValidationReport(bool(conforms), violations, focus, len(set(shapes.subjects(SH.targetClass, None))), text)
