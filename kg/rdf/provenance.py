"""Which build wrote which graphs: a build's identity and its manifest.

Builds that share a triple store (two output directories pushed into one
endpoint, with the same base IRI) must not replace each other's graphs. Each
build therefore has an identity, a function of the graphs of its documents
(``build_id``), so the same input gives the same triples in any output
directory; its entities graph is named from it (``<base>graph/entities/ID``),
and holds its manifest:

``<base>graph/entities/ID prov:wasGeneratedBy <base>build/ID`` and
``<base>build/ID a prov:Activity ; prov:generated`` every graph it wrote (its
documents' and its entities graph). ``kg push`` reads manifests on the remote
to tell its own graphs from another build's (:mod:`kg.push`). The ontology
graph is the vocabulary, shared by every build, and in no manifest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from rdflib.namespace import RDF

from .namespaces import PROV
from .terms import iri, quad

#: Every graph a build's manifest claims: ``?build prov:generated ?graph`` inside the graph ``?m`` where
#: ``?m prov:wasGeneratedBy ?build`` (the build's entities graph).
GENERATED = str(PROV.generated)
GENERATED_BY = str(PROV.wasGeneratedBy)


def build_id(document_graphs: Iterable[str]) -> str:
    """The identity of a build: a hash of the IRIs of its documents' graphs (order does not matter).

    >>> build_id(["https://example.org/kg/doc/b.txt", "https://example.org/kg/doc/a.txt"])
    'd74c0a8739f06544'
    >>> build_id(["https://example.org/kg/doc/a.txt"]) != build_id(["https://example.org/kg/doc/b.txt"])
    True
    """
    return build_id_sorted(sorted(set(document_graphs)))


def build_id_sorted(document_graphs: Iterable[str]) -> str:
    """:func:`build_id` of graph IRIs given sorted and each once, read as they come (a build of many documents).

    >>> build_id_sorted(["https://example.org/kg/doc/a.txt", "https://example.org/kg/doc/b.txt"])
    'd74c0a8739f06544'
    """
    digest = hashlib.sha256()
    for number, graph in enumerate(document_graphs):
        digest.update((graph if number == 0 else "\n" + graph).encode("utf-8"))
    return digest.hexdigest()[:16]


def build_iri(base: str, build: str) -> str:
    """The IRI of a build (a ``prov:Activity``).

    >>> build_iri("https://example.org/kg/", "d74c0a8739f06544")
    'https://example.org/kg/build/d74c0a8739f06544'
    """
    return f"{base}build/{build}"


def manifest_nquads(base: str, build: str, entities_graph: str, document_graphs: Iterable[str]) -> str:
    """The manifest of a build, as N-Quads in its entities graph."""
    return "".join(manifest_pieces(base, build, entities_graph, sorted(set(document_graphs))))


def manifest_pieces(
    base: str, build: str, entities_graph: str, document_graphs: Iterable[str], size: int = 5_000
) -> Iterator[str]:
    """:func:`manifest_nquads` in pieces of ``size`` documents' lines, the graphs given sorted and each once:
    a build of many documents never holds its whole manifest."""
    g, activity = iri(entities_graph), iri(build_iri(base, build))
    lines = [
        quad(g, iri(GENERATED_BY), activity, g),
        quad(activity, iri(str(RDF.type)), iri(str(PROV.Activity)), g),
        quad(activity, iri(GENERATED), g, g),
    ]
    generated = iri(GENERATED)
    for graph in document_graphs:
        lines.append(quad(activity, generated, iri(graph), g))
        if len(lines) >= size:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)
