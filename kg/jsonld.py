"""Compact JSON-LD: the union of the graphs as node objects, keys and IRIs in kg's prefixes.

The document is ``{"@context": {prefix: namespace, ...}, "@graph": [node, ...]}`` with one node
object per run of triples about one subject: ``@id`` and ``@type`` as compact IRIs
(``kge:doha``, ``kg:Statement``), each property a compact IRI key, IRIs as ``{"@id": ...}``,
plain strings as JSON strings, language strings as ``{"@value", "@language"}`` and every other
literal as ``{"@value", "@type"}`` with its lexical form kept (``"0.68"`` stays ``"0.68"``, not a
JSON number a reader would write back as ``6.8E-1``). So a JSON-LD processor reads back exactly
the triples written, and framing by ``@type`` (``{"@type": "kg:Statement"}``) finds the statements.

It streams: only one subject's triples are held at a time. A subject whose triples come in
several runs is written as several node objects with the same ``@id``, which JSON-LD merges.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from typing import IO

import pyoxigraph as ox

from .rdf.namespaces import PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: Longest namespace first, so ``https://w3id.org/kg/relation/meet`` is ``rel:meet``, never ``kg…``.
_NAMESPACES = sorted(((iri, prefix) for prefix, iri in PREFIXES.items()), key=lambda item: -len(item[0]))


def context() -> dict[str, str]:
    """The ``@context``: kg's prefixes (:data:`kg.rdf.namespaces.PREFIXES`)."""
    return dict(PREFIXES)


def compact_iri(iri: str) -> str:
    """``iri`` as ``prefix:local`` when that expands back to it, else as it is.

    >>> compact_iri("https://w3id.org/kg/ns#Statement"), compact_iri("https://w3id.org/kg/relation/meet")
    ('kg:Statement', 'rel:meet')
    >>> compact_iri("https://example.org/kg/doc/a.txt")
    'https://example.org/kg/doc/a.txt'

    A local part starting ``//`` would read as an absolute IRI, and an IRI whose scheme is one of
    the prefixes as a compact one: both stay whole (the second cannot be written at all, and is
    not an IRI kg makes).
    """
    for namespace, prefix in _NAMESPACES:
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            if not local.startswith("//"):
                return f"{prefix}:{local}"
    return iri


def _node_id(term: ox.NamedNode | ox.BlankNode) -> str:
    return compact_iri(term.value) if isinstance(term, ox.NamedNode) else f"_:{term.value}"


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> object:
    if not isinstance(term, ox.Literal):
        return {"@id": _node_id(term)}
    datatype = term.datatype.value
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if datatype == XSD_STRING:
        return term.value
    return {"@value": term.value, "@type": compact_iri(datatype)}


def node_objects(triples: Iterable[ox.Triple]) -> Iterator[dict[str, object]]:
    """One compact node object per run of consecutive triples with the same subject."""
    for subject, run in itertools.groupby(triples, key=lambda t: t.subject):
        node: dict[str, object] = {"@id": _node_id(subject)}
        types: list[str] = []
        values: dict[str, list[object]] = {}
        for triple in run:
            predicate = triple.predicate.value
            if predicate == RDF_TYPE and not isinstance(triple.object, ox.Literal):
                types.append(_node_id(triple.object))
            else:
                values.setdefault(compact_iri(predicate), []).append(_value(triple.object))
        if types:
            node["@type"] = types
        for key, items in values.items():
            node[key] = items if len(items) > 1 else items[0]
        yield node


def write_jsonld(triples: Iterable[ox.Triple], output: IO[bytes]) -> None:
    """Write ``triples`` (each once; grouped by subject for the most compact result) as compact JSON-LD."""
    head = json.dumps({"@context": context()}, ensure_ascii=False)[:-1]
    output.write(f'{head}, "@graph": [\n'.encode())
    separator = b""
    for node in node_objects(triples):
        output.write(separator + json.dumps(node, ensure_ascii=False).encode())
        separator = b",\n"
    output.write(b"\n]}\n")


def subject_grouped_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """The union of a store's graphs, each triple once, grouped by subject (one subject in memory at a time)."""
    subjects = store.query("SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
    for solution in subjects:
        subject = solution["s"]
        seen: set[ox.Triple] = set()
        for quad in store.quads_for_pattern(subject, None, None):
            triple = ox.Triple(quad.subject, quad.predicate, quad.object)
            if triple not in seen:
                seen.add(triple)
                yield triple
