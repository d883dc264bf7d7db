"""Known entities: Turtle gazetteers (plus pycountry's countries) compiled into a spaCy entity ruler."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace

from rdflib import OWL, RDF, SKOS, Graph, URIRef

from ..errors import KGError
from ..ontology import entity_classes, ontology_file, ruler_label_for_class
from ..rdf.namespaces import KG
from .countries import AMBIGUOUS_NAMES, NO_RULER, country_iri, country_names
from .normalize import normalize_name

#: ``kge:washington-dc kg:metonymFor kge:united-states``: the city stands for the
#: country's government when it acts ("Washington insists ..."), not when it is a place.
METONYM_FOR = KG.metonymFor


@dataclass(slots=True)
class KnownEntity:
    """One gazetteer entry."""

    iri: str
    type: str
    label: str
    aliases: list[str] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)
    metonym_for: str | None = None  # IRI of the entity this one stands for when it acts
    source: str = "turtle"  # or "pycountry"


def read_gazetteer(paths: tuple[str, ...] = ()) -> dict[str, KnownEntity]:
    """Known entities from ``ontology/entities.ttl``, pycountry and user files, by IRI.

    >>> known = read_gazetteer()
    >>> known["https://w3id.org/kg/entity/taliban"].label
    'Taliban'
    >>> "United States of America" in known["https://w3id.org/kg/entity/united-states"].aliases
    True
    >>> known["https://w3id.org/kg/entity/norway"].source
    'pycountry'
    """
    return {
        iri: replace(entity, aliases=list(entity.aliases)) for iri, entity in _read_gazetteer(tuple(map(str, paths)))
    }


@functools.lru_cache(maxsize=8)
def _read_gazetteer(paths: tuple[str, ...]) -> tuple[tuple[str, KnownEntity], ...]:
    graph = Graph()
    for path in (str(ontology_file("entities.ttl")), *paths):
        graph.parse(path, format="turtle")
    known: dict[str, KnownEntity] = {}
    classes = entity_classes()
    for subject, cls in graph.subject_objects(RDF.type):
        if not isinstance(subject, URIRef) or not str(cls).startswith(str(KG)):
            continue
        if str(cls).removeprefix(str(KG)) not in classes:
            raise KGError(
                f"gazetteer entry <{subject}> has class <{cls}>, which is not an entity class of "
                f"ontology/kg.ttl: use one of {', '.join('kg:' + c for c in sorted(classes))}"
            )
        label = graph.value(subject, SKOS.prefLabel)
        if label is None:
            continue
        metonym = graph.value(subject, METONYM_FOR)
        known[str(subject)] = KnownEntity(
            iri=str(subject),
            type=str(cls).removeprefix(str(KG)),
            label=str(label),
            aliases=sorted(str(a) for a in graph.objects(subject, SKOS.altLabel)),
            same_as=sorted(str(s) for s in graph.objects(subject, OWL.sameAs)),
            metonym_for=str(metonym) if metonym is not None else None,
        )
    _add_countries(known)
    return tuple(sorted(known.items()))


def _add_countries(known: dict[str, KnownEntity]) -> None:
    """Merge pycountry's countries in: new entries, or extra aliases of a hand-written one."""
    places: dict[str, KnownEntity] = {}
    for entity in known.values():
        if entity.type == "Place":
            for name in (entity.label, *entity.aliases):
                places.setdefault(normalize_name(name), entity)
    for label, names in country_names():
        existing = next((places[n] for n in map(normalize_name, names) if n in places), None)
        if existing is not None:
            have = {normalize_name(n) for n in (existing.label, *existing.aliases)}
            existing.aliases = sorted({*existing.aliases, *(n for n in names if normalize_name(n) not in have)})
            continue
        iri = country_iri(label)
        if iri in known:
            continue
        known[iri] = KnownEntity(iri, "Place", label, [n for n in names if n != label], source="pycountry")


def _case_sensitive(name: str, nlp) -> bool:
    """A one-word name that is also a common word ("US" ~ "us") must match as written."""
    lowered = name.lower()
    return (" " not in name and lowered in nlp.Defaults.stop_words) or lowered in AMBIGUOUS_NAMES


def ruler_patterns(known: dict[str, KnownEntity], nlp) -> tuple[list[dict], list[dict]]:
    """Phrase patterns of every label and alias: ``(caseless, cased)``.

    Most names match case-insensitively; ambiguous short names ("US" ~ "us")
    match only as written.

    >>> import spacy
    >>> caseless, cased = ruler_patterns({"x": KnownEntity("x", "Place", "United States", ["US"])}, spacy.blank("en"))
    >>> [p["pattern"] for p in caseless], [p["pattern"] for p in cased]
    (['United States', 'united states'], ['US'])
    """
    caseless: list[dict] = []
    cased: list[dict] = []
    # The class of a known entity → the spaCy label its ruler pattern carries (kg:rulerLabel).
    label_for_class = ruler_label_for_class()
    for entity in known.values():
        label = label_for_class.get(entity.type, "ORG")
        for name in sorted({entity.label, *entity.aliases}):
            if entity.source == "pycountry" and name.lower() in NO_RULER:
                continue
            if _case_sensitive(name, nlp):
                cased.append({"label": label, "pattern": name, "id": entity.iri})
            else:
                # Matched on LOWER, but tokenized as written *and* lowercased:
                # the tokenizer splits "u.s." unlike "U.S.".
                for form in dict.fromkeys((name, name.lower())):
                    caseless.append({"label": label, "pattern": form, "id": entity.iri})
    return caseless, cased


def add_gazetteer_ruler(nlp, gazetteers: tuple[str, ...] = ()) -> None:
    """Add entity rulers of the known entities before the statistical NER.

    Placed before the NER, their matches are fixed entities the NER predicts
    around, so known names are found even in lowercase transcripts. Phrase
    patterns (a PhraseMatcher on ``LOWER``, and one on ``ORTH`` for the names
    that must match as written) cost a fraction of token patterns.
    """
    caseless, cased = ruler_patterns(read_gazetteer(gazetteers), nlp)
    _add_ruler(nlp, "kg_gazetteer", caseless, "LOWER", overwrite=True, before="ner")
    # Exact-case names only fill what the caseless ruler left: they never break a longer match.
    _add_ruler(nlp, "kg_gazetteer_cased", cased, "ORTH", overwrite=False, after="kg_gazetteer")


def _add_ruler(nlp, name: str, patterns: list[dict], attr: str, *, overwrite: bool, **where: str) -> None:
    ruler = nlp.add_pipe("entity_ruler", name=name, config={"overwrite_ents": overwrite, "phrase_matcher_attr": attr},
                         **where)  # fmt: skip
    # Phrase patterns need only the tokenizer; running the whole pipeline over them would be slow.
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)
