"""The entity graph as a NetworkX ``MultiDiGraph``: entities as nodes, statements as edges.

Statement nodes, literals and sentences fold into node and edge attributes,
so the graph reads as "who did what to whom", with provenance attached.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from .query import run_query
from .rdf.namespaces import KG

_EDGES = """
SELECT ?st ?s ?p ?o ?rel ?neg ?conf ?sent ?doc ?title ?where ?time ?who WHERE {
  ?st a kg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  FILTER(isIRI(?o))
  OPTIONAL { ?st kg:negated ?neg }
  OPTIONAL { ?st kg:confidence ?conf }
  OPTIONAL { ?p rdfs:label ?rel }
  OPTIONAL { ?st prov:wasDerivedFrom ?sn . ?sn nif:anchorOf ?sent ; nif:referenceContext ?doc .
             OPTIONAL { ?doc schema:headline ?title } }
  OPTIONAL { ?st kg:location ?l . ?l rdfs:label ?where }
  OPTIONAL { ?st kg:time ?time }
  OPTIONAL { ?st kg:attributedTo ?a . ?a rdfs:label ?who }
}
"""
_NODES = """
SELECT ?e ?label ?type ?count WHERE {
  ?e a ?type ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?type), STR(kg:)))
  OPTIONAL { ?e kg:mentionCount ?count }
}
"""
_ALIASES = "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }"
_DOCUMENTS = "SELECT ?e ?title WHERE { ?e kg:mentionedIn ?doc . ?doc schema:headline ?title }"


def _value(term) -> str | None:
    return None if term is None else str(term)


class _Row:
    """One solution with plain-string values, from pyoxigraph or rdflib alike."""

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: list[str | None]):
        self._index = index
        self._values = values

    def __getattr__(self, name: str) -> str | None:
        return self._values[self._index[name]]

    def __getitem__(self, name: str) -> str | None:
        return self._values[self._index[name]]


def _rows(source, sparql: str):
    """Solutions of a SELECT as :class:`_Row` objects.

    A persistent Oxigraph store is queried natively: converting every term to
    rdflib objects cost most of the time of drawing the HTML view.
    """
    ox_store = getattr(source, "ox", None)
    if ox_store is not None:
        from .rdf.namespaces import PREFIXES

        solutions = ox_store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
        index = {v.value: i for i, v in enumerate(solutions.variables)}
        for solution in solutions:
            yield _Row(index, [None if term is None else term.value for term in solution])
        return
    dataset = getattr(source, "dataset", source)
    result = run_query(dataset, sparql)
    index = {str(v): i for i, v in enumerate(result.vars)}
    for row in result:
        yield _Row(index, [_value(term) for term in row])


def entity_graph(source, *, include_isolated: bool = False) -> nx.MultiDiGraph:
    """Build the entity graph of a :class:`~kg.store.GraphStore` or an rdflib dataset.

    Node attributes: ``label``, ``type``, ``aliases``, ``mentions``, ``documents``.
    Edge key is the statement IRI; edge attributes: ``relation``, ``predicate``,
    ``statement``, ``sentence``, ``document``, ``title``, ``location``, ``time``,
    ``negated``, ``confidence``, ``attributed_to``.
    """
    graph = nx.MultiDiGraph()
    nodes: dict[str, dict] = {}
    for row in _rows(source, _NODES):
        iri = str(row.e)
        kind = str(row.type).removeprefix(str(KG))
        if kind in {"Statement", "Qualifier", "Relation"}:
            continue
        nodes[iri] = {
            "label": str(row.label),
            "type": kind,
            "aliases": [],
            "mentions": int(row["count"]) if row["count"] is not None else 0,
            "documents": [],
        }
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in _rows(source, _ALIASES):
        aliases[str(row.e)].add(str(row.alias))
    documents: dict[str, set[str]] = defaultdict(set)
    for row in _rows(source, _DOCUMENTS):
        documents[str(row.e)].add(str(row.title))
    for iri, data in nodes.items():
        data["aliases"] = sorted(aliases.get(iri, ()))
        data["documents"] = sorted(documents.get(iri, ()))
    seen: set[str] = set()
    for row in _rows(source, _EDGES):
        statement = str(row.st)
        if statement in seen:
            continue
        seen.add(statement)
        source, target = str(row.s), str(row.o)
        for end in (source, target):
            if end not in graph:
                graph.add_node(end, **nodes.get(end, {"label": end.rsplit("/", 1)[-1], "type": "Other",
                                                      "aliases": [], "mentions": 0, "documents": []}))  # fmt: skip
        graph.add_edge(
            source,
            target,
            key=statement,
            relation=_value(row.rel) or str(row.p).rsplit("/", 1)[-1].replace("_", " "),
            predicate=str(row.p),
            statement=statement,
            sentence=_value(row.sent) or "",
            document=_value(row.doc) or "",
            title=_value(row.title) or "",
            location=_value(row.where),
            time=_value(row.time),
            negated=row.neg in ("true", "1"),
            confidence=float(row.conf) if row.conf is not None else 0.0,
            attributed_to=_value(row.who),
        )
    if include_isolated:
        for iri, data in nodes.items():
            if iri not in graph:
                graph.add_node(iri, **data)
    return graph
