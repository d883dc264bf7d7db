"""Known entities: the countries of the data packages (:mod:`kg.entities.known`) and user gazetteers
(Turtle files given with ``--gazetteer`` or ``gazetteers`` in ``kg.toml``), compiled into spaCy entity rulers.

kg ships no list of names of its own: ``examples/gazetteer.ttl`` is an example user gazetteer.
"""

from __future__ import annotations

import functools
from dataclasses import replace

from rdflib import OWL, RDF, SKOS, Graph, URIRef

from ..errors import KGError
from ..ontology import entity_classes, ruler_label_for_class
from ..rdf.namespaces import KG
from .known import KnownEntity, countries
from .normalize import normalize_name

__all__ = ["KnownEntity", "add_gazetteer_ruler", "read_gazetteer", "ruler_patterns"]

#: ``kge:washington-dc kg:metonymFor kge:united-states``: the city stands for the
#: country's government when it acts ("Washington insists ..."), not when it is a place.
METONYM_FOR = KG.metonymFor


def read_gazetteer(paths: tuple[str, ...] = ()) -> dict[str, KnownEntity]:
    """Known entities of the data packages' countries and of the user's gazetteer files, by IRI.

    >>> known = read_gazetteer()
    >>> "United States of America" in known["https://w3id.org/kg/entity/united-states"].aliases
    True
    >>> known["https://w3id.org/kg/entity/norway"].source
    'data'
    >>> any(e.source == "turtle" for e in known.values())   # no names of kg's own
    False
    """
    return {
        iri: replace(entity, aliases=list(entity.aliases)) for iri, entity in _read_gazetteer(tuple(map(str, paths)))
    }


@functools.lru_cache(maxsize=8)
def _read_gazetteer(paths: tuple[str, ...]) -> tuple[tuple[str, KnownEntity], ...]:
    graph = Graph()
    for path in paths:
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
    """Merge the data's countries in: new entries, or extra names of a user's entry for the same country."""
    places: dict[str, KnownEntity] = {}
    for entity in known.values():
        if entity.type == "Place":
            for name in (entity.label, *entity.aliases):
                places.setdefault(normalize_name(name), entity)
    for country in countries():
        names = (country.label, *country.aliases)
        existing = next((places[n] for n in map(normalize_name, names) if n in places), None)
        if existing is not None:
            have = {normalize_name(n) for n in (existing.label, *existing.aliases)}
            existing.aliases = sorted({*existing.aliases, *(n for n in names if normalize_name(n) not in have)})
            existing.same_as = sorted({*existing.same_as, *country.same_as})
            existing.demonyms, existing.kind, existing.country = country.demonyms, "country", country.country
            continue
        if country.iri not in known:
            known[country.iri] = replace(country, aliases=list(country.aliases))


def _case_sensitive(name: str, nlp, source: str = "turtle") -> bool:
    """A one-word name that is also a common word ("US" ~ "us") must match as written.

    So must every one-word name of the data: a country's one-word name is written capitalized
    ("Turkey", "Chad"), while its lowercase form may be a word ("turkey", "chad").
    """
    return " " not in name and (source == "data" or name.lower() in nlp.Defaults.stop_words)


def ruler_patterns(known: dict[str, KnownEntity], nlp) -> tuple[list[dict], list[dict]]:
    """Phrase patterns of every label and alias: ``(caseless, cased)``.

    Most names match case-insensitively; ambiguous short names ("US" ~ "us")
    match only as written. A two-letter code of the data ("US", "UK") is left
    to the NER, which tells "UK" the country from other capitals by context,
    and linked in resolution; its dotted form ("U.S.", "u.s") is matched.

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
            if entity.source == "data" and len(name) <= 2 and name.isupper():
                continue
            if _case_sensitive(name, nlp, entity.source):
                cased.append({"label": label, "pattern": name, "id": entity.iri})
            else:
                # Matched on LOWER, but tokenized as written *and* lowercased:
                # the tokenizer splits "u.s." unlike "U.S.".
                for form in dict.fromkeys((name, name.lower())):
                    caseless.append({"label": label, "pattern": form, "id": entity.iri})
    return caseless, cased


def add_gazetteer_ruler(nlp, gazetteers: tuple[str, ...] = ()) -> None:
    """Add entity rulers of the known entities around the statistical NER.

    A user's gazetteer entries are asserted: their rulers run before the NER,
    whose predictions are made around their matches. The data's countries only
    fill what the NER left: the NER reads the context ("Michael Jordan", "the
    Bank of China" keep their spans), and known names are still found where it
    sees nothing, as in lowercase transcripts. Phrase patterns (a PhraseMatcher
    on ``LOWER``, and one on ``ORTH`` for the names that must match as written)
    cost a fraction of token patterns.
    """
    known = read_gazetteer(gazetteers)
    user = {iri: e for iri, e in known.items() if e.source != "data"}
    data = {iri: e for iri, e in known.items() if e.source == "data"}
    if user:
        caseless, cased = ruler_patterns(user, nlp)
        _add_ruler(nlp, "kg_gazetteer", caseless, "LOWER", overwrite=True, before="ner")
        # Exact-case names only fill what the caseless ruler left: they never break a longer match.
        _add_ruler(nlp, "kg_gazetteer_cased", cased, "ORTH", overwrite=False, after="kg_gazetteer")
    caseless, cased = ruler_patterns(data, nlp)
    _add_ruler(nlp, "kg_known", caseless, "LOWER", overwrite=False, after="ner")
    _add_ruler(nlp, "kg_known_cased", cased, "ORTH", overwrite=False, after="kg_known")


def _add_ruler(nlp, name: str, patterns: list[dict], attr: str, *, overwrite: bool, **where: str) -> None:
    ruler = nlp.add_pipe("entity_ruler", name=name, config={"overwrite_ents": overwrite, "phrase_matcher_attr": attr},
                         **where)  # fmt: skip
    # Phrase patterns need only the tokenizer; running the whole pipeline over them would be slow.
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)
