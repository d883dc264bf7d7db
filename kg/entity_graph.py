"""The entity graph as a NetworkX ``MultiDiGraph``: entities as nodes, statements as edges.

Statement nodes, literals and sentences fold into node and edge attributes,
so the graph reads as "who did what to whom", with provenance attached.

The statements' attributes are read one predicate at a time and joined here
in dicts, not with one SPARQL query of many ``OPTIONAL`` joins: Oxigraph
evaluates such joins with an index lookup per row and decodes every IRI of
every row, which made that one query take most of a build's view drawing.
A single-pattern scan grouped by its object decodes each statement IRI once
and each distinct object once. rdflib stores (the memory store, or an rdflib
dataset passed in) are read from their triple index instead, not through
rdflib's SPARQL engine, which would group in Python.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Container, Iterator
from dataclasses import dataclass

import networkx as nx
from rdflib import RDF, URIRef

from .query import run_query
from .rdf.namespaces import KG, PREFIXES

_NODES = """
SELECT ?e ?label ?type ?count WHERE {
  ?e a ?type ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?type), STR(kg:)))
  OPTIONAL { ?e kg:mentionCount ?count }
}
"""
_ALIASES = "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }"
#: Subjects ``?x`` of ``{where}`` grouped by ``?v``, as one space-separated
#: string per group (IRIs hold no spaces), and ``{extra}``. ``STR`` of a blank
#: node is an error that would void its whole group, hence the ``COALESCE``;
#: ``FILTER(isIRI(?x))`` would do too but made Oxigraph's scans 60 % slower.
_GROUPED = """
SELECT ?v (GROUP_CONCAT(COALESCE(STR(?x), ""); separator=" ") AS ?xs) {extra}
WHERE {{ {where} }} GROUP BY ?v
"""
#: Statements only. Both sides as subqueries: Oxigraph then hash-joins them,
#: which is faster than looking up the type of every row or a separate query.
_STATEMENT_JOIN = "{{ SELECT ?x WHERE {{ ?x a kg:Statement }} }} {{ SELECT ?x ?v WHERE {{ {pattern} }} }}"
#: Predicate and negation of the statements, grouped by both: there are few
#: distinct pairs, and one hash join costs less than a second scan that decodes
#: every statement IRI again.
_PREDICATE_NEGATION = """
SELECT ?v ?n (GROUP_CONCAT(COALESCE(STR(?x), ""); separator=" ") AS ?xs) WHERE {
  { SELECT ?x ?v WHERE { ?x rdf:predicate ?v } } OPTIONAL { SELECT ?x ?n WHERE { ?x kg:negated ?n } }
} GROUP BY ?v ?n
"""


#: ISO 8601 lexical forms of the calendar values ``kg:time`` holds (xsd:gYear, xsd:gYearMonth,
#: xsd:date, xsd:dateTime); a time kg could not place ("last week") is no date.
_ISO_DATE = re.compile(r"-?\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?")


class EntityGraph(nx.MultiDiGraph):
    """The entity graph: a ``networkx.MultiDiGraph`` that a Jupyter notebook shows as kg's HTML view.

    Everything else is networkx's; the view filters (:mod:`kg.view.filters`) keep the class.
    """

    def _repr_html_(self) -> str:
        from .view.render import notebook_html

        return notebook_html(self)


def iso_date(value: str | None) -> str:
    """``value`` if it is an ISO 8601 calendar value (a year, month, day or time), else ``""``.

    >>> iso_date("2022-04-22"), iso_date("2021"), iso_date("Saturday"), iso_date(None)
    ('2022-04-22', '2021', '', '')
    """
    return value if value is not None and _ISO_DATE.fullmatch(value.strip()) else ""


def _value(term) -> str | None:
    return None if term is None else str(term)


def _solutions(source, sparql: str) -> Iterator[list[str | None]]:
    """Solutions of a SELECT as lists of plain strings, in the order of its variables.

    A persistent Oxigraph store is queried natively: converting every term to
    rdflib objects cost most of the time of drawing the HTML view.
    """
    ox_store = getattr(source, "ox", None)
    if ox_store is not None:
        for solution in ox_store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES):
            yield [None if term is None else term.value for term in solution]
        return
    dataset = getattr(source, "dataset", source)
    for row in run_query(dataset, sparql):
        yield [_value(term) for term in row]


def _subjects(joined: str | None) -> list[str]:
    """The IRIs in one ``GROUP_CONCAT`` of :data:`_GROUPED` (blank nodes gave ``""``)."""
    return joined.split() if joined else []


def _grouped(
    source, predicate: str, *, iri_objects: bool = False, statements_only: bool = False
) -> list[tuple[str, list[str]]]:
    """``(object, subjects)`` for every distinct object of ``predicate``, sorted by object.

    Subjects are IRIs (blank nodes are left out); ``iri_objects`` keeps IRI
    objects only, ``statements_only`` subjects typed ``kg:Statement`` only.
    """
    if getattr(source, "ox", None) is None:
        return _grouped_rdflib(getattr(source, "dataset", source), predicate, iri_objects, statements_only)
    pattern = f"?x {predicate} ?v"
    where = _STATEMENT_JOIN.format(pattern=pattern) if statements_only else pattern
    # isIRI(?v) only when needed: evaluated per group, it is not free on Oxigraph
    extra = "(isIRI(?v) AS ?iri)" if iri_objects else ""
    groups = []
    for value, joined, *is_iri in _solutions(source, _GROUPED.format(where=where, extra=extra)):
        if value is None or (iri_objects and is_iri[0] not in ("true", "1")):
            continue
        subjects = _subjects(joined)
        if subjects:
            groups.append((value, subjects))
    groups.sort()
    return groups


def _grouped_rdflib(dataset, predicate: str, iri_objects: bool, statements_only: bool) -> list[tuple[str, list[str]]]:
    """:func:`_grouped` from rdflib's triple index: its SPARQL engine evaluates
    ``GROUP BY`` in Python, which made the memory store slower than before."""
    prefix, local = predicate.split(":", 1)
    statements = set(dataset.subjects(RDF.type, KG.Statement)) if statements_only else None
    groups: dict[str, list[str]] = defaultdict(list)
    for subject, value in dataset.subject_objects(URIRef(PREFIXES[prefix] + local)):
        if not isinstance(subject, URIRef) or (iri_objects and not isinstance(value, URIRef)):
            continue
        if statements is None or subject in statements:
            groups[str(value)].append(str(subject))
    return sorted(groups.items())


def _first_values(
    source,
    predicate: str,
    *,
    iri_objects: bool = False,
    statements_only: bool = False,
    among: Container[str] | None = None,
) -> dict[str, str]:
    """Subject → object of ``predicate`` (only objects in ``among``, if given).

    Where a subject has several objects the smallest is taken, not the first
    found, so the result does not depend on the order a store answers in.
    """
    values: dict[str, str] = {}
    for value, subjects in reversed(
        _grouped(source, predicate, iri_objects=iri_objects, statements_only=statements_only)
    ):
        if among is None or value in among:
            values.update(dict.fromkeys(subjects, value))  # smaller objects come later and win
    return values


def _all_values(source, predicate: str) -> dict[str, list[str]]:
    """Subject → all its objects of ``predicate``, sorted."""
    values: dict[str, list[str]] = defaultdict(list)
    for value, subjects in _grouped(source, predicate):
        for subject in subjects:
            values[subject].append(value)
    return values


def _predicates_and_negation(source) -> tuple[dict[str, str], dict[str, str]]:
    """Subject → ``rdf:predicate`` and subject → ``kg:negated``, the smallest of several.

    Negation is read only for subjects with a predicate: the others are no statements.
    """
    if getattr(source, "ox", None) is None:
        return _first_values(source, "rdf:predicate"), _first_values(source, "kg:negated")
    groups = []
    for predicate, negation, joined in _solutions(source, _PREDICATE_NEGATION):
        subjects = _subjects(joined)
        if predicate is not None and subjects:
            groups.append((predicate, negation, subjects))
    predicates: dict[str, str] = {}
    negated: dict[str, str] = {}
    # written in descending order, so that the smallest value is written last and wins
    for predicate, _, subjects in sorted(groups, key=lambda group: group[0], reverse=True):
        predicates.update(dict.fromkeys(subjects, predicate))
    with_negation = [group for group in groups if group[1] is not None]
    for _, negation, subjects in sorted(with_negation, key=lambda group: group[1], reverse=True):
        negated.update(dict.fromkeys(subjects, negation))
    return predicates, negated


def entity_graph(source, *, include_isolated: bool = False) -> EntityGraph:
    """Build the entity graph of a :class:`~kg.store.GraphStore` or an rdflib dataset.

    Node attributes: ``label``, ``type``, ``aliases``, ``mentions``, ``documents``.
    Edge key is the statement IRI; edge attributes: ``relation``, ``predicate``,
    ``statement``, ``sentence``, ``document``, ``title``, ``published`` (the
    document's ``schema:datePublished`` if it is an ISO date, else ``""``),
    ``location``, ``time`` (when, as the statement gives it), ``date`` (the
    ``kg:time`` that is an ISO calendar value, else ``""``), ``negated``,
    ``hedged``, ``confidence``, ``attributed_to``. Edges are added in statement
    IRI order; where a statement has several values for one attribute (kg never
    writes such), the smallest is used, so both store kinds give the same graph.
    """
    graph = EntityGraph()
    nodes, headlines = _entity_nodes(source)
    tables = _StatementTables.read(source, headlines)
    other = {"type": "Other", "aliases": [], "mentions": 0, "documents": []}
    for statement in tables.statements:
        source_iri, target = tables.subjects[statement], tables.objects[statement]
        for end in (source_iri, target):
            if end not in graph:
                graph.add_node(end, **(nodes.get(end) or {"label": end.rsplit("/", 1)[-1], **other}))
        graph.add_edge(source_iri, target, key=statement, **tables.edge(statement))
    if include_isolated:
        for iri in sorted(nodes):  # sorted: the query's order differs between store kinds
            if iri not in graph:
                graph.add_node(iri, **nodes[iri])
    return graph


def _entity_nodes(source) -> tuple[dict[str, dict], dict[str, list[str]]]:
    """Every entity's node attributes by IRI, and the headlines of the documents by IRI."""
    nodes: dict[str, dict] = {}
    for iri, label, rdf_type, count in _solutions(source, _NODES):
        kind = str(rdf_type).removeprefix(str(KG))
        if kind in {"Statement", "Qualifier", "Relation"}:
            continue
        nodes[str(iri)] = {
            "label": str(label),
            "type": kind,
            "aliases": [],
            "mentions": int(count) if count is not None else 0,
            "documents": [],
        }
    aliases: dict[str, set[str]] = defaultdict(set)
    for iri, alias in _solutions(source, _ALIASES):
        aliases[str(iri)].add(str(alias))
    headlines = _all_values(source, "schema:headline")
    documents: dict[str, set[str]] = defaultdict(set)
    for doc, entities in _grouped(source, "kg:mentionedIn"):
        titles = headlines.get(doc)
        if titles:
            for entity in entities:
                documents[entity].update(titles)
    for iri, data in nodes.items():
        data["aliases"] = sorted(aliases.get(iri, ()))
        data["documents"] = sorted(documents.get(iri, ()))
    return nodes, headlines


@dataclass
class _StatementTables:
    """What the edges are made of: each statement's values, one table per property, read in one pass each."""

    headlines: dict[str, list[str]]
    subjects: dict[str, str]
    predicates: dict[str, str]
    negated: dict[str, str]
    objects: dict[str, str]
    statements: list[str]
    confidence: dict[str, str]
    times: dict[str, str]
    labels: dict[str, str]
    locations: dict[str, str]
    speakers: dict[str, str]
    anchors: dict[str, str]
    contexts: dict[str, str]
    sentences: dict[str, str]
    hedged: dict[str, str]
    resolved: dict[str, str]
    published: dict[str, str]

    @classmethod
    def read(cls, source, headlines: dict[str, list[str]]) -> _StatementTables:
        # Statements need a subject, a predicate and an IRI object, as in the original join.
        subjects = _first_values(source, "rdf:subject", statements_only=True)
        predicates, negated = _predicates_and_negation(source)
        objects = _first_values(source, "rdf:object", iri_objects=True)
        statements = sorted(st for st in subjects if st in predicates and st in objects)
        confidence = _first_values(source, "kg:confidence")
        # When, as the text says it ("on Saturday"); a resolved date where a statement has no text for it.
        times = {**_first_values(source, "kg:time"), **_first_values(source, "kg:timeText")}
        labels = _first_values(source, "rdfs:label")
        locations = _first_values(source, "kg:location", among=labels)
        speakers = _first_values(source, "kg:attributedTo", among=labels)
        anchors = _first_values(source, "nif:anchorOf")
        contexts = _first_values(source, "nif:referenceContext")
        # A statement's sentence is one of its sources with both a text and a document.
        sentences = _first_values(source, "prov:wasDerivedFrom", among=anchors.keys() & contexts.keys())
        return cls(
            headlines,
            subjects,
            predicates,
            negated,
            objects,
            statements,
            confidence,
            times,
            labels,
            locations,
            speakers,
            anchors,
            contexts,
            sentences,
            # the story view's: hedging, and dates (kg:time itself, whatever text a statement also has for it)
            hedged=_first_values(source, "kg:hedged"),
            resolved=_first_values(source, "kg:time"),
            published=_first_values(source, "schema:datePublished"),
        )

    def edge(self, statement: str) -> dict:
        """The edge attributes of one statement."""
        predicate = self.predicates[statement]
        sentence = self.sentences.get(statement)
        document = self.contexts[sentence] if sentence is not None else ""
        titles = self.headlines.get(document) if document else None
        location, speaker = self.locations.get(statement), self.speakers.get(statement)
        conf = self.confidence.get(statement)
        labels = self.labels
        return {
            "relation": labels.get(predicate) or predicate.rsplit("/", 1)[-1].replace("_", " "),
            "predicate": predicate,
            "statement": statement,
            "sentence": self.anchors[sentence] if sentence is not None else "",
            "document": document,
            "title": titles[0] if titles else "",
            "published": iso_date(self.published.get(document)) if document else "",
            "location": labels[location] if location is not None else None,
            "time": self.times.get(statement),
            "date": iso_date(self.resolved.get(statement)),
            "negated": self.negated.get(statement) in ("true", "1"),
            "hedged": self.hedged.get(statement) in ("true", "1"),
            "confidence": float(conf) if conf is not None else 0.0,
            "attributed_to": labels[speaker] if speaker is not None else None,
        }
