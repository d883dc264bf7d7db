"""Map per-document results and resolved entities to RDF (N-Quads).

The model follows Wikidata: a direct triple ``subject rel:x object`` for easy
querying plus a ``kg:Statement`` node carrying qualifiers and provenance.
Each document's sentences, statements and direct triples live in the
document's own named graph; canonical entities live in the entities graph.

A statement is a small event: a predicate, the roles the clause names
(``rdf:subject`` the agent, ``rdf:object`` the patient, either may be
missing: "Two journalists were detained" has no agent, "the talks collapsed"
no patient), qualifiers, and the sentence as provenance. Passives are stated
in the active predicate (agent as ``rdf:subject``) with ``kg:voice "passive"``
and the surface wording in ``kg:relationText``. The direct triple is written
only when both roles are entities and the text asserts the fact: never for a
negated or a hedged one (a possibility, condition or question).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container, Iterable
from dataclasses import dataclass, field, replace

from rdflib import OWL, RDF, RDFS, SKOS

from ..entities.concepts import stays_text
from ..records import Argument, DocumentResult, Entity, EntityIndex, Extraction
from ..timex import TimeValue, reference_date, resolve
from .iris import document_iri, entity_iri, relation_iri, sentence_iri, statement_iri
from .namespaces import KG, NIF, PROV, SCHEMA
from .terms import iri, literal, quad

_T = {name: iri(str(term)) for name, term in {
    "type": RDF.type, "subject": RDF.subject, "predicate": RDF.predicate, "object": RDF.object,
    "label": RDFS.label, "prefLabel": SKOS.prefLabel, "altLabel": SKOS.altLabel, "sameAs": OWL.sameAs,
    "Statement": KG.Statement, "Qualifier": KG.Qualifier, "Relation": KG.Relation, "Property": RDF.Property,
    "relationText": KG.relationText, "location": KG.location, "time": KG.time, "timeText": KG.timeText,
    "negated": KG.negated,
    "hedged": KG.hedged, "voice": KG.voice,
    "modality": KG.modality, "attributedTo": KG.attributedTo, "confidence": KG.confidence,
    "construction": KG.construction, "resolvedFrom": KG.resolvedFrom, "qualifier": KG.qualifier,
    "preposition": KG.preposition, "value": KG.value, "mentionCount": KG.mentionCount,
    "subjectText": KG.subjectText, "objectText": KG.objectText, "valueText": KG.valueText,
    "mentionedIn": KG.mentionedIn, "mergeRule": KG.mergeRule, "sha256": KG.sha256,
    "sourcePath": KG.sourcePath, "documentId": KG.documentId,
    "wasDerivedFrom": PROV.wasDerivedFrom,
    "NewsArticle": SCHEMA.NewsArticle, "headline": SCHEMA.headline, "name": SCHEMA.name,
    "datePublished": SCHEMA.datePublished, "url": SCHEMA.url, "author": SCHEMA.author,
    "Context": NIF.Context, "Sentence": NIF.Sentence, "OffsetBasedString": NIF.OffsetBasedString,
    "isString": NIF.isString, "anchorOf": NIF.anchorOf, "beginIndex": NIF.beginIndex,
    "endIndex": NIF.endIndex, "referenceContext": NIF.referenceContext,
}.items()}  # fmt: skip


#: Entity types that name something in the world (a ``kg:Other`` is a described thing or an idea).
_NAMED_TYPES = frozenset({"Person", "Organization", "Place", "Event"})


def _named(entity: Entity | None) -> bool:
    """Whether an entity is named in the text (a proper name), not a description ("the victim")."""
    return entity is not None and entity.named and entity.type in _NAMED_TYPES


#: Facts read inside a noun phrase (:mod:`kg.extraction.nominal`).
_NOUN_PHRASE_FACTS = frozenset({"np_preposition", "possessive", "apposition", "title_compound"})


def says_something(
    extraction: Extraction, subject: Entity | None, obj: Entity | None, used: Container[str] = ()
) -> bool:
    """Whether a fact read inside a noun phrase tells a reader something; clause facts always do.

    A noun phrase gives a fact at every "of", "in" and possessive ("the center of the screen",
    "the living room area in her home"); the graph keeps the ones about named things:

    * "X of/in/from/at Y" (``np_preposition``): Y is named, and so is X ("Detective Cowie Massy of
      the Homicide Bureau", "Shifa Hospital in Gaza City") or X is what a clause of the document is
      about (``used``: "officers of the Homicide Bureau detained her"). "30 hospitals in Gaza", "the
      northwest of the Korean Peninsula", said of nothing else, tell no more than the phrase; and a
      concept ("the strength of Klobuchar": strength) never, its ``kg:relatedTo`` links say it;
    * "X's Y" (``possessive``): X and Y are both named ("Qatar's Al Jazeera"); a role ("Qatar's
      foreign minister") is kept where a name comes with it, as an apposition or title;
    * "X, the Y" (``apposition``): X is named and Y describes it ("Doha, the Qatari capital"); two
      names side by side are a list more often than one thing. A role "X, a co-founder of the
      Taliban" (``co_founder_of``) links two names, and says what the plain "be" fact would.
    """
    construction = extraction.construction
    if construction in _NOUN_PHRASE_FACTS and subject is not None and obj is not None and subject.key == obj.key:
        # "Deputy Director of Public Prosecutions Mrs. Joan Honoré-Paul": the phrase and the name
        # inside it are one person; "she is of herself" says nothing.
        return False
    if construction == "np_preposition":
        if subject is not None and subject.type == "Concept":
            return False  # "the strength of Klobuchar": the concept's kg:relatedTo link says it, for every document
        return _named(obj) and (_named(subject) or (subject is not None and subject.key in used))
    if construction == "possessive":
        return _named(subject) and _named(obj)
    if construction == "apposition":
        if extraction.predicate != "be":  # a role: "X, a co-founder of the Taliban" -> co_founder_of
            return _named(subject) and _named(obj)
        return _named(subject) and obj is not None and not _named(obj)
    return True


@dataclass(slots=True)
class MappedDocument:
    """A document's named graph as N-Quads text, with counts."""

    graph: str
    nquads: str
    statements: int = 0
    triples: int = 0
    predicates: set[str] = field(default_factory=set)
    #: Keys of the entities the graph's statements, qualifiers and links use: an unnamed node no
    #: document uses is dropped (:meth:`kg.entities.resolve.Resolver.finish`).
    used: set[str] = field(default_factory=set)


def map_document(
    result: DocumentResult,
    index: EntityIndex,
    base: str,
    *,
    head: bool = True,
    used: Container[str] | None = None,
    mentioned: set[str] | None = None,
) -> MappedDocument:
    """The named graph of one document: its metadata, sentences, statements and direct triples.

    A long document is mapped section by section (``result`` holds one section's part), each
    adding to the one graph: the document's own quads come with its first section (``head``);
    ``used`` is :func:`clause_entities` of the whole document; ``mentioned``, the entities whose
    ``kg:mentionedIn`` an earlier section gave (updated).
    """
    mapper = _GraphMapper(result, index, base)
    if head:
        mapper.document_quads()
    mapper.sentence_quads()
    # Appositions that gave a role fact ("X, a co-founder of the Taliban"): their plain "be" fact repeats it.
    roles = {
        (e.sentence, e.subject.start)
        for e in result.extractions
        if e.construction == "apposition" and e.predicate != "be" and e.subject is not None
    }
    # Entities the document's clauses say something about: a noun-phrase fact about one of them links it on.
    used = clause_entities(result, index) if used is None else used
    for extraction in result.extractions:
        if extraction.construction == "apposition" and extraction.predicate == "be" and extraction.subject:
            if (extraction.sentence, extraction.subject.start) in roles:
                continue
        for subject, obj, others in extraction.atomic_facts():
            mapper.fact(extraction, subject, obj, others, used)
    mapper.mentions(mentioned)
    # Two atomic facts may share their direct triple: every writer of the graph gets each quad once.
    unique = dict.fromkeys(mapper.lines)
    return MappedDocument(mapper.doc, "".join(unique), mapper.statements, len(unique), mapper.predicates, mapper.in_use)


class _GraphMapper:
    """The quads of one document's graph (or one section's part of it), written fact by fact."""

    def __init__(self, result: DocumentResult, index: EntityIndex, base: str) -> None:
        self.result, self.index, self.base = result, index, base
        self.document = result.document
        self.doc = document_iri(base, self.document.id)
        self.g = iri(self.doc)
        self.lines: list[str] = []
        self.published = reference_date(self.document.date)
        self.sentence_terms: dict[int, str] = {}
        self.entity_terms: dict[str, str] = {}
        #: Keys of the entities the graph's statements, qualifiers and links use.
        self.in_use: set[str] = set()
        self.assigned = index.assignments.get(self.document.id, {})
        self.place_spans = sorted(
            span for span, key in self.assigned.items() if key in index.entities and index.entities[key].type == "Place"
        )
        self.by_start: dict[int, list[int]] = {}
        for start, end in self.assigned:
            self.by_start.setdefault(start, []).append(end)
        self.statements = 0
        self.predicates: set[str] = set()
        self.per_sentence: dict[int, int] = {}

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(quad(s, p, o, self.g))

    def document_quads(self) -> None:
        """The document's own quads: its identity, text, title and metadata (once per document)."""
        document, d, add = self.document, self.g, self.add
        add(d, _T["type"], _T["NewsArticle"])
        add(d, _T["type"], _T["Context"])
        add(d, _T["documentId"], literal(document.id))
        add(d, _T["sha256"], literal(document.sha256))
        add(d, _T["isString"], literal(document.text))
        add(d, _T["beginIndex"], literal(0))
        add(d, _T["endIndex"], literal(len(document.text)))
        title = document.title or document.id
        add(d, _T["headline"], literal(title))
        add(d, _T["name"], literal(title))
        if document.source:
            add(d, _T["sourcePath"], literal(document.source))
        if document.date:
            add(d, _T["datePublished"], _published_literal(document.date, self.published))
        if document.url:
            add(d, _T["url"], literal(document.url))
        if document.author:
            add(d, _T["author"], literal(document.author))

    def sentence_quads(self) -> None:
        """Each sentence as a NIF string with its offsets in the document."""
        for sentence in self.result.sentences:
            s = iri(sentence_iri(self.doc, sentence.start, sentence.end))
            self.sentence_terms[sentence.index] = s
            self.add(s, _T["type"], _T["Sentence"])
            self.add(s, _T["type"], _T["OffsetBasedString"])
            self.add(s, _T["anchorOf"], literal(sentence.text))
            self.add(s, _T["beginIndex"], literal(sentence.start))
            self.add(s, _T["endIndex"], literal(sentence.end))
            self.add(s, _T["referenceContext"], self.g)

    def entity_of(self, argument: Argument | None) -> Entity | None:
        if argument is None:
            return None
        return self.index.entity_at(self.document.id, argument.start, argument.end)

    def node(self, argument: Argument | None) -> str | None:
        """An argument's term: its entity's IRI, its words as a literal, or None (no node, no text)."""
        if argument is None:
            return None
        entity = self.entity_of(argument)
        if entity is None:
            # A clause, a date, or a phrase kept as text (a clause inside it, too long: kg.entities.concepts).
            keep = argument.is_clause or argument.role == "time" or stays_text(argument)
            return literal(argument.text) if keep else None
        term = self.entity_terms.get(entity.key)
        if term is None:
            term = self.entity_terms[entity.key] = iri(entity_iri(self.base, entity))
        return term

    def use(self, subject: str, prop: str, term: str, argument: Argument | None) -> None:
        """Write a role; an entity it names is used, and a concept's phrase is kept beside it ("the 30 hospitals")."""
        self.add(subject, _T[prop], term)
        entity = self.entity_of(argument) if argument is not None and not term.startswith('"') else None
        if entity is not None and argument is not None:
            self.in_use.add(entity.key)
            if entity.type == "Concept":
                # The concepts its phrase contains are used by its links ("reef" in "the structure of coral
                # reefs"): read from the phrase itself, never from links other documents gave the node.
                assigned = self.assigned
                self.in_use.update(assigned[(s, e)] for s, e, _ in argument.inner if (s, e) in assigned)
                if prop in _PHRASE_TEXT:
                    self.add(subject, _T[_PHRASE_TEXT[prop]], literal(argument.text))

    def places_in(self, argument: Argument) -> list[str]:
        """The places named inside an argument's span, outermost first, each once."""
        found: list[str] = []
        for start, end in self.place_spans[bisect_left(self.place_spans, (argument.start, -1)) :]:
            if start >= argument.end:
                break
            if end <= argument.end:
                term = iri(entity_iri(self.base, self.index.entities[self.assigned[(start, end)]]))
                if term not in found:
                    found.append(term)
        return found

    def phrase_of(self, head: Argument, obj: Argument) -> Argument:
        """For "X of Y" read in a noun phrase: the whole phrase where it is an argument of a clause ("officers
        of the Homicide Bureau detained her"), so the fact links the node the clause is about; else X."""
        entity = self.entity_of(head)
        if entity is not None and _named(entity):
            return head  # "Detective Cowie Massy of the Homicide Bureau": the person
        ends = sorted(e for e in self.by_start.get(head.start, ()) if e >= obj.end)
        if not ends:
            return head
        return Argument(self.document.text[head.start : ends[0]], head.start, ends[0], "subject")

    def fact(
        self, extraction: Extraction, subject: Argument | None, obj: Argument | None, others, used: Container[str]
    ) -> None:
        """One atomic fact of an extraction as a statement, when it says something the graph can hold."""
        if extraction.construction == "np_preposition" and subject is not None and obj is not None:
            subject = self.phrase_of(subject, obj)
        if extraction.voice is None and not says_something(
            extraction, self.entity_of(subject), self.entity_of(obj), used
        ):
            return
        s_term, o_term = self.node(subject), self.node(obj)
        if s_term is None and extraction.voice != "passive" and extraction.construction != "existential":
            # Only a passive may leave its agent unsaid; an active clause whose subject is
            # no entity ("you", "there", an imperative, a bare participle) says whose act it is
            # in words the graph cannot hold.
            return
        if o_term is None and obj is not None and extraction.construction == "copula":
            o_term = literal(obj.text)  # "The situation remains fragile": the complement as said
        if s_term is None and o_term is None and not _names_an_entity(others, self.entity_of):
            # Nothing the clause names is in the graph, as an entity or as its words ("were heard").
            # A clause with a role in words only ("The other three were admitted") is still a statement:
            # the text states it, and its sentence and relation are there to query.
            return
        number = self.per_sentence.get(extraction.sentence, 0)
        self.per_sentence[extraction.sentence] = number + 1
        st = iri(statement_iri(self.doc, extraction.sentence, number))
        self.statement(st, extraction, (subject, s_term), (obj, o_term))
        self.qualifiers(st, f"{statement_iri(self.doc, extraction.sentence, number)}/q", extraction, others)

    def statement(self, st: str, extraction: Extraction, subject: tuple, obj: tuple) -> None:
        """The statement node: roles, predicate, wording, truth marks and provenance; the direct triple."""
        (s_argument, s_term), (o_argument, o_term) = subject, obj
        add = self.add
        p = iri(relation_iri(extraction.predicate))
        self.predicates.add(extraction.predicate)
        self.statements += 1
        s_entity = s_term is not None and not s_term.startswith('"')
        o_entity = o_term is not None and not o_term.startswith('"')
        if extraction.asserted and s_entity and o_entity:
            # The direct triple links two entities, and only for a fact the text asserts.
            add(s_term, p, o_term)
        add(st, _T["type"], _T["Statement"])
        if s_term is not None:
            self.use(st, "subject", s_term, s_argument)
        add(st, _T["predicate"], p)
        if o_term is not None:
            self.use(st, "object", o_term, o_argument)
        add(st, _T["relationText"], literal(_relation_text(extraction)))
        add(st, _T["negated"], literal(extraction.negated))
        add(st, _T["hedged"], literal(extraction.hedged))
        if extraction.voice is not None:
            add(st, _T["voice"], literal(extraction.voice))
        add(st, _T["confidence"], literal(float(extraction.confidence)))
        add(st, _T["construction"], literal(extraction.construction))
        if extraction.modality:
            add(st, _T["modality"], literal(extraction.modality))
        if extraction.resolved_from:
            add(st, _T["resolvedFrom"], literal(extraction.resolved_from))
        speaker = self.node(extraction.attribution)
        if speaker is not None and not speaker.startswith('"'):
            self.use(st, "attributedTo", speaker, extraction.attribution)
        sentence_term = self.sentence_terms.get(extraction.sentence)
        if sentence_term is not None:
            add(st, _T["wasDerivedFrom"], sentence_term)

    def qualifiers(self, st: str, prefix: str, extraction: Extraction, others: list[Argument]) -> None:
        """A statement's times (text and calendar value), places and further arguments."""
        times = [a for a in others if a.role == "time"]
        if times:
            for text in _time_texts(times):
                self.add(st, _T["timeText"], literal(text))
            for value in _time_values(times, self.published, extraction.tense):
                self.add(st, _T["time"], literal(value.value, _XSD + value.datatype))
        for n, argument in enumerate(_each_conjunct(others)):
            if argument.role == "time" or argument.role == "state":
                continue  # times above; a state is in the predicate (be_alive) and the relation text
            value = self.node(argument)
            if argument.role == "location":
                entity = self.entity_of(argument)
                if entity is not None and entity.type in _SITES and entity.named:
                    # "in Paris"; "at the San Fernando Magistrates' Court", a named institution's site;
                    # "at the Las Croabas Public Boat Ramp in Fajardo": the ramp, and Fajardo it is in.
                    self.use(st, "location", value, argument)
                    for place in self.places_in(argument):
                        if place != value:
                            self.add(st, _T["location"], place)
                    continue
                # "at a Miami airport", "in the jungle of Bethany": the places the phrase names.
                for place in self.places_in(argument):
                    self.add(st, _T["location"], place)
            if value is None:
                continue
            q = iri(f"{prefix}{n}")
            self.add(st, _T["qualifier"], q)
            self.add(q, _T["type"], _T["Qualifier"])
            self.use(q, "value", value, argument)
            if argument.preposition:
                self.add(q, _T["preposition"], literal(argument.preposition))

    def mentions(self, mentioned: set[str] | None) -> None:
        """``kg:mentionedIn`` for the entities of the document: named ones, and unnamed ones something uses."""
        for key in sorted(set(self.assigned.values())):
            entity = self.index.entities[key]
            if not (entity.named or key in self.in_use):  # an unnamed node only where something uses it: no orphan
                continue
            if mentioned is not None:  # a long document's earlier sections gave it already
                if key in mentioned:
                    continue
                mentioned.add(key)
            term = self.entity_terms.get(key) or iri(entity_iri(self.base, entity))
            self.add(term, _T["mentionedIn"], self.g)


def _names_an_entity(arguments: Iterable[Argument], entity_of) -> bool:
    """Whether a statement's further arguments (where, how, with whom) name an entity; times name none."""
    return any(a.role not in ("time", "state") and entity_of(a) is not None for a in arguments)


def clause_entities(result: DocumentResult, index: EntityIndex) -> set[str]:
    """Keys of the entities the clauses of ``result`` say something about (a verb clause's roles)."""
    used: set[str] = set()
    doc_id = result.document.id
    for extraction in result.extractions:
        if extraction.voice is not None:
            for argument in (extraction.subject, *extraction.arguments):
                for part in (argument.conjuncts or [argument]) if argument is not None else ():
                    entity = index.entity_at(doc_id, part.start, part.end)
                    if entity is not None:
                        used.add(entity.key)
    return used


def add_links(add, index: EntityIndex, base: str, entity, subject: str, g: str) -> None:
    """An entity's links (``kg:demonymOf``, ``kg:memberOf``, ``kg:relatedTo``), to an IRI or to another entity by key."""
    for prop, target in sorted(entity.links):
        other = index.entities.get(target)
        if other is not None:
            add(quad(subject, iri(str(KG[prop])), iri(entity_iri(base, other)), g))
        elif "://" in target:
            add(quad(subject, iri(str(KG[prop])), iri(target), g))


_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")


# XML Schema datatypes by IRI (a string: pytest's doctest finder probes rdflib's XSD namespace and warns).
_XSD = "http://www.w3.org/2001/XMLSchema#"

#: A role's property → the property that keeps the phrase of a concept in that role beside it.
_PHRASE_TEXT = {"subject": "subjectText", "object": "objectText", "value": "valueText"}

#: Entity types a location phrase names as the place itself ("in Doha", "at Columbia University").
_SITES = frozenset({"Place", "Organization"})


def _each_conjunct(arguments: list[Argument]) -> list[Argument]:
    """Qualifier arguments with a coordination split: "in Iowa and New Hampshire" places the statement in
    Iowa and in New Hampshire, not in a node "Iowa and New Hampshire". Each conjunct keeps the role and
    the preposition of the whole."""
    found = []
    for argument in arguments:
        if not argument.conjuncts or argument.role in ("time", "state"):
            found.append(argument)
            continue
        for part in argument.conjuncts:
            found.append(replace(part, role=argument.role, preposition=part.preposition or argument.preposition))
    return found


def _relation_text(extraction: Extraction) -> str:
    """The relation as the sentence words it, with the state an adjective complement names ("is alive")."""
    state = next((a for a in extraction.arguments if a.role == "state"), None)
    return f"{extraction.relation} {state.text}" if state is not None else extraction.relation


def _time_texts(times: list[Argument]) -> list[str]:
    """Each time expression as the text words it, with its preposition ("since 2017", "on Saturday")."""
    return [f"{a.preposition} {a.text}" if a.preposition else a.text for a in times]


def _time_values(times: list[Argument], published, tense: str | None) -> list[TimeValue]:
    """The calendar values of a statement's time expressions (:mod:`kg.timex`).

    A clock time and a day said apart ("at 1:30 p.m. on Nov. 8") make one ``xsd:dateTime``.
    """
    if len(times) == 2:
        both = resolve(" ".join(a.text for a in times), published, tense=tense)
        if both is not None and both.datatype == "dateTime":
            return [both]
    found = []
    for argument in times:
        value = resolve(argument.text, published, tense=tense)
        if value is not None and value not in found:
            found.append(value)
    return found


def _published_literal(text: str, published) -> str:
    """``schema:datePublished`` as an ``xsd:date`` (or ``xsd:dateTime``) where the field is ISO; else as given."""
    stripped = text.strip()
    if published is not None and stripped == published.isoformat():
        return literal(stripped, _XSD + "date")
    if published is not None and _DATETIME.fullmatch(stripped) and stripped[:10] == published.isoformat():
        return literal(stripped, _XSD + "dateTime")
    return literal(text)


def map_entities(index: EntityIndex, base: str, predicates: Iterable[str], graph: str) -> str:
    """The entities graph: canonical entities with labels, aliases, audit trail; relation declarations."""
    g = iri(graph)
    lines: list[str] = []
    add = lines.append
    for key in sorted(index.entities):
        entity = index.entities[key]
        e = iri(entity_iri(base, entity))
        add(quad(e, _T["type"], iri(str(KG[entity.type])), g))
        add(quad(e, _T["label"], literal(entity.label), g))
        add(quad(e, _T["prefLabel"], literal(entity.label), g))
        for alias in sorted(entity.aliases):
            add(quad(e, _T["altLabel"], literal(alias), g))
        add(quad(e, _T["mentionCount"], literal(entity.mentions), g))
        for rule in sorted(entity.rules):
            add(quad(e, _T["mergeRule"], literal(rule), g))
        if entity.iri:  # a known entity's own IRI, from its gazetteer: an identity outside the build
            add(quad(e, _T["sameAs"], iri(entity.iri), g))
        for same in entity.same_as:
            add(quad(e, _T["sameAs"], iri(same), g))
        add_links(add, index, base, entity, e, g)
    for predicate in sorted(set(predicates)):
        p = iri(relation_iri(predicate))
        add(quad(p, _T["type"], _T["Relation"], g))
        add(quad(p, _T["type"], _T["Property"], g))
        add(quad(p, _T["label"], literal(predicate.replace("_", " ")), g))
    # Aliases that differ only in characters literals cannot carry ("a\x01", "a\x02") give one quad.
    return "".join(dict.fromkeys(lines))
