"""Known entities: Turtle gazetteers compiled into a spaCy entity ruler."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from rdflib import OWL, RDF, SKOS, Graph, URIRef

from ..ontology import ontology_file
from ..rdf.namespaces import KG

#: The class of a known entity → the spaCy label its ruler pattern carries.
LABEL_FOR_CLASS = {
    "Person": "PERSON",
    "Organization": "ORG",
    "Place": "GPE",
    "Event": "EVENT",
    "TimeExpression": "DATE",
    "Other": "PRODUCT",
}


@dataclass(slots=True)
class KnownEntity:
    """One gazetteer entry."""

    iri: str
    type: str
    label: str
    aliases: list[str] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)


def read_gazetteer(paths: tuple[str, ...] = ()) -> dict[str, KnownEntity]:
    """Known entities from ``ontology/entities.ttl`` plus user files, by IRI.

    >>> read_gazetteer()["https://w3id.org/kg/entity/taliban"].label
    'Taliban'
    """
    return dict(_read_gazetteer(tuple(str(p) for p in paths)))


@functools.lru_cache(maxsize=8)
def _read_gazetteer(paths: tuple[str, ...]) -> tuple[tuple[str, KnownEntity], ...]:
    graph = Graph()
    for path in (str(ontology_file("entities.ttl")), *paths):
        graph.parse(path, format="turtle")
    known: dict[str, KnownEntity] = {}
    for subject, cls in graph.subject_objects(RDF.type):
        if not isinstance(subject, URIRef) or not str(cls).startswith(str(KG)):
            continue
        label = graph.value(subject, SKOS.prefLabel)
        if label is None:
            continue
        known[str(subject)] = KnownEntity(
            iri=str(subject),
            type=str(cls).removeprefix(str(KG)),
            label=str(label),
            aliases=sorted(str(a) for a in graph.objects(subject, SKOS.altLabel)),
            same_as=sorted(str(s) for s in graph.objects(subject, OWL.sameAs)),
        )
    return tuple(sorted(known.items()))


def ruler_patterns(known: dict[str, KnownEntity], nlp) -> list[dict]:
    """Token patterns matching every label and alias case-insensitively."""
    patterns = []
    for entity in known.values():
        label = LABEL_FOR_CLASS.get(entity.type, "ORG")
        for name in {entity.label, *entity.aliases}:
            tokens = [t.text.lower() for t in nlp.make_doc(name)]
            patterns.append({"label": label, "pattern": [{"LOWER": t} for t in tokens], "id": entity.iri})
    return patterns


def add_gazetteer_ruler(nlp, gazetteers: tuple[str, ...] = ()) -> None:
    """Add an entity ruler of the known entities before the statistical NER."""
    known = read_gazetteer(gazetteers)
    ruler = nlp.add_pipe("entity_ruler", name="kg_gazetteer", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(ruler_patterns(known, nlp))
