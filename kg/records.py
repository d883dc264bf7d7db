"""Record types that flow between the pipeline stages.

read → parse → extract → resolve entities → map to RDF → store

Every stage takes and returns these plain dataclasses, so each stage can be
tested alone with hand-made input, and per-document results can be pickled
to worker processes or cached as JSON.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

#: Roles an argument can play in an extraction. "state" is an adjective complement whose lemma the
#: predicate already holds ("X is alive": be_alive, the state "alive").
ROLES = ("subject", "object", "location", "time", "other", "state")

#: Entity types of the vocabulary (ontology/kg.ttl), by local name.
ENTITY_TYPES = ("Person", "Organization", "Group", "Place", "Event", "CreativeWork", "Legislation", "Product",
                "Language", "TimeExpression", "Concept", "Other")  # fmt: skip

#: ``Extraction.modality`` values under which a clause is not asserted (it is *hedged*): modals of
#: possibility, a condition ("if"/"unless" and the "conditional" clause it governs), an open
#: question embedded ("whether", "not clear if") or asked ("question"), what someone thinks, hopes
#: or fears ("belief": "officials hope the talks will resume"), and an aim ("purpose": "to answer it").
HEDGED_MODALITIES = frozenset(
    {"may", "might", "could", "if", "unless", "conditional", "whether", "question", "belief", "purpose"}
)

#: Constructions read from a verb clause, which have a voice (noun-phrase facts have none).
VERBAL_CONSTRUCTIONS = frozenset({"svo", "passive", "copula", "existential", "clausal_subject", "modifier", "relative"})


@dataclass(slots=True)
class Document:
    """One input document after reading and cleaning.

    ``text`` is the cleaned text; every character offset elsewhere points into it.
    ``id`` is the stable identity (a path relative to the input root, or a given id);
    ``sha256`` is the hash of ``text`` and tells a changed document from an unchanged one.
    """

    id: str
    text: str
    sha256: str
    title: str | None = None
    source: str | None = None
    format: str = "text"
    date: str | None = None
    url: str | None = None
    repairs: list[str] = field(default_factory=list)
    author: str | None = None  # from an HTML page's metadata or a JSONL ``author`` field


@dataclass(slots=True)
class Skipped:
    """An input that did not become a document, and why."""

    source: str
    reason: str
    #: Not read by design (hidden files, a folder's README): reported, but no failure for ``--strict``.
    deliberate: bool = False


@dataclass(slots=True)
class Sentence:
    """A sentence of a document: its index and character offsets into ``Document.text``."""

    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Mention:
    """A named-entity mention found by the parser (NER or the gazetteer ruler)."""

    text: str
    start: int
    end: int
    label: str
    sentence: int
    entity_type: str = "Other"
    known: str | None = None  # IRI of the gazetteer entity that matched, if any


@dataclass(slots=True)
class Argument:
    """An argument of an extraction: a whole noun phrase (or clause) with its role.

    ``start``/``end`` are character offsets into the document text. ``conjuncts``
    holds the parts of a coordination ("the State Department, USAID and the
    intelligence community"); the RDF mapping turns each into its own statement.
    """

    text: str
    start: int
    end: int
    role: str = "object"
    preposition: str | None = None
    is_clause: bool = False
    conjuncts: list[Argument] = field(default_factory=list)
    #: What the parse says of a noun phrase (:func:`kg.extraction.phrases.describe`), for its concept
    #: node (:mod:`kg.entities.concepts`): the concept its head names, the head's lemma with the compound
    #: nouns before it ("the 30 hospitals": "hospital", "coral reefs": "coral reef"); empty when the
    #: head is neither a common noun nor a name (a pronoun, a number: the phrase stays text); None
    #: when it is a name the NER did not tag, or the phrase was not read from a parse (the whole
    #: phrase is the node, as it was before concepts);
    concept: str | None = None
    #: the concepts of the noun phrases nested in it, ``[start, end, concept]`` each ("bees in
    #: agriculture": agriculture; names inside are mentions, not listed here);
    inner: list[list] = field(default_factory=list)
    #: and whether a verb heads a clause inside it ("the risk of losing their homes").
    verbal: bool = False


def nested(argument: Argument, arguments: list[Argument]) -> bool:
    """Whether an argument lies inside another one's span (a place phrase inside the object that also
    places the event): the clause as read has it once, inside the larger phrase."""
    return any(
        other is not argument
        and other.start <= argument.start
        and argument.end <= other.end
        and (other.start, other.end) != (argument.start, argument.end)
        for other in arguments
    )


@dataclass(slots=True)
class Extraction:
    """A clause-level n-ary extraction: one predicate with all its complements.

    ``relation`` is the surface relation as CaRB reads it ("will not be part of");
    ``predicate`` is its normalized, lemma-based key ("be_part_of") from which
    the RDF property is minted.
    """

    sentence: int
    relation: str
    predicate: str
    subject: Argument | None
    arguments: list[Argument] = field(default_factory=list)
    negated: bool = False
    modality: str | None = None
    attribution: Argument | None = None
    confidence: float = 0.5
    construction: str = "svo"
    resolved_from: str | None = None
    #: "past" for a clause in a past tense (or the present perfect), "future" for one with "will", "shall",
    #: "must" or "should", else None; time expressions are read in its light ("met on 9 October": the
    #: October before the report).
    tense: str | None = None

    @property
    def hedged(self) -> bool:
        """Whether the text leaves the fact open (a possibility, condition or question): not asserted."""
        return self.modality in HEDGED_MODALITIES

    @property
    def asserted(self) -> bool:
        """Whether the text states the fact as true: neither negated nor hedged."""
        return not self.negated and self.modality not in HEDGED_MODALITIES

    @property
    def voice(self) -> str | None:
        """The voice of a verb clause, "passive" or "active"; None for a noun-phrase fact."""
        if self.construction == "passive":
            return "passive"
        return "active" if self.construction in VERBAL_CONSTRUCTIONS else None

    def atomic_facts(self) -> Iterator[tuple[Argument | None, Argument | None, list[Argument]]]:
        """Split into atomic ``(subject, object, qualifiers)`` facts, as the RDF mapping states them.

        Coordinated subjects and objects distribute: "officials from the State
        Department, USAID and the intelligence community" gives three facts.
        A fact may lack its subject (an agentless passive: "Two journalists were
        detained") or its object (an intransitive verb: "the talks collapsed"),
        never both.

        >>> a, b, c = (Argument(t, 0, 1, "object") for t in ("US", "Qatar", "Taliban"))
        >>> both = Argument("US and Qatar", 0, 12, "subject", conjuncts=[a, b])
        >>> [(s.text, o.text) for s, o, _ in Extraction(0, "met", "meet", both, [c]).atomic_facts()]
        [('US', 'Taliban'), ('Qatar', 'Taliban')]
        >>> [(s, o.text) for s, o, _ in Extraction(0, "were detained", "detain", None, [c]).atomic_facts()]
        [(None, 'Taliban')]
        """
        objects = [a for a in self.arguments if a.role == "object"]
        if self.subject is None and not objects:
            return
        first, rest = (objects[0], objects[1:]) if objects else (None, [])
        others = rest + [a for a in self.arguments if a.role != "object"]
        subjects: list[Argument | None] = (self.subject.conjuncts or [self.subject]) if self.subject else [None]
        for subject in subjects:
            for obj in (first.conjuncts or [first]) if first is not None else [None]:
                yield subject, obj, others


@dataclass(slots=True)
class DocumentResult:
    """Everything the per-document work produces: compact and picklable."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    words: int = 0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentResult:
        def argument(d: dict[str, Any] | None) -> Argument | None:
            # Field by field, not Argument(**dict(d)): a long document's sections are read back a
            # million arguments at a time, and the copies were a third of reading them.
            if d is None:
                return None
            conjuncts = d.get("conjuncts")
            return Argument(
                d["text"], d["start"], d["end"], d.get("role", "object"), d.get("preposition"),
                d.get("is_clause", False), [argument(c) for c in conjuncts] if conjuncts else [],
                d.get("concept"), d.get("inner", []), d.get("verbal", False),
            )  # fmt: skip

        extractions = []
        for e in data["extractions"]:
            e = dict(e)
            e["subject"] = argument(e["subject"])
            e["attribution"] = argument(e["attribution"])
            e["arguments"] = [argument(a) for a in e["arguments"]]
            extractions.append(Extraction(**e))
        return cls(
            document=Document(**data["document"]),
            sentences=[Sentence(**s) for s in data["sentences"]],
            mentions=[Mention(**m) for m in data["mentions"]],
            extractions=extractions,
            words=data.get("words", 0),
        )


@dataclass(slots=True)
class Entity:
    """A canonical entity: one node per real-world thing.

    ``key`` is stable across runs and input order (e.g. ``organization/taliban``);
    the entity IRI is minted from it. ``rules`` names every rule that merged a
    surface form into this entity, for the merge audit.
    """

    key: str
    type: str
    label: str
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    rules: set[str] = field(default_factory=set)
    same_as: list[str] = field(default_factory=list)
    named: bool = True
    iri: str | None = None  # a known entity's own IRI (gazetteer); else minted from ``key``
    #: ``(property, target)`` links to other things: ``("demonymOf", country IRI)``, ``("memberOf", key)``;
    #: a target is an IRI, or the key of another entity of the index.
    links: set[tuple[str, str]] = field(default_factory=set)


@dataclass(slots=True)
class EntityIndex:
    """The result of entity resolution over a whole corpus.

    ``assignments[doc_id][(start, end)]`` gives the entity key of every mention
    and every argument span of that document that resolved to an entity.
    """

    entities: dict[str, Entity] = field(default_factory=dict)
    assignments: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)
    stats: dict[str, int] = field(default_factory=dict)

    def entity_at(self, doc_id: str, start: int, end: int) -> Entity | None:
        """The entity a span of a document resolved to, or None."""
        key = self.assignments.get(doc_id, {}).get((start, end))
        return self.entities.get(key) if key is not None else None
