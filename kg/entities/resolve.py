"""Entity resolution: every mention and argument of a corpus → one canonical entity.

This is the cross-document pass: it reads the compact per-document results
and never the text's parse, so it is cheap and can run after distributed work.

Rules, each recorded on the entity it merged into (``kg:mergeRule``):

- ``gazetteer``: a known entity (a user gazetteer's entry, or a country of the data, by ruler match
  or by name/alias of the same type);
- ``known-place``: a place of the data (GeoNames) the context singles out (:mod:`kg.entities.places`);
- ``exact-name``: same type and same normalized name (:func:`normalize_name`);
- ``company-suffix``: an organization's name without its legal form or domain ("Microsoft Corp");
- ``name-variant``: a person's full name with or without middle names or a title the NER took in;
- ``spelling-variant``: a person's full name spelt with a letter doubled or not, in the same document
  ("Mellissa Jaggesar" after "Melissa Jagessar");
- ``short-name``: a later, shorter reference to a document's organization ("the Progressive Caucus");
- ``demonym``: a nationality ("Afghans", "Afghan") → one group, linked to its country;
- ``type-vote``: the mention's type was set by the other mentions of its name (:mod:`kg.entities.mentions`);
- ``name-form``: the mention's type was read from its name's words or its place among places
  (:mod:`kg.entities.forms`): a street, a product, an organization's head noun, a rank before a name,
  a name listed with places or held by a region;
- ``document-scope``: a capitalized common noun ("the Government") names its document's own only;
- ``acronym``: a short form the text defined, "Long Name (ACR or ACR2)";
- ``surname`` / ``first-name``: a one-word name → the full name earlier in the document;
  ``surname-corpus``: → the corpus's only full name with that surname;
  ``ambiguous-name``: two full names share the word, so it stays its own node;
- ``argument-is-mention``: an argument that is a mention up to determiners, possessives
  or (for people) titles: "the U.S.", "US Special Representative Zalmay Khalilzad";
- ``metonymy``: a place acting for another entity ("Washington insists" → United States);
- ``coreference-pronoun`` / ``coreference-description``: "they", "the group" → antecedent;
- ``coreference-speaker``: a quoted "I" → the person the sentence says spoke ("“I …,” Shapps said");
- ``group-noun``: a phrase naming people by what they belong to ("senior Taliban representatives",
  "the US delegation"): a ``Group`` linked to it (``kg:memberOf``);
- ``concept``: any other noun phrase argument, the node of the concept its head names (``Concept``,
  :mod:`kg.entities.concepts`), linked to the names and concepts inside it; a clause or a long phrase
  stays text, no node;
- ``noun-phrase``: a phrase whose head is a name the NER did not tag, an entity of type ``Other``.

Different types never merge: the type is part of every key; the mentions of one name in one
document are given one type first (one sense per document).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..lexicon import words
from ..ontology import class_for_label
from ..records import Argument, DocumentResult, Entity, EntityIndex, Extraction
from .acronyms import find_definitions
from .concepts import PHRASE_TYPES, contained, stays_text
from .coreference import (
    COLLECTIVE_NOUNS,
    DESCRIPTION_HEADS,
    EXPLETIVE_VERBS,
    PERSON_NOUNS,
    PRONOUNS,
    UNRESOLVABLE,
    Referent,
    anaphor_kind,
    head_noun,
    is_plural,
    resolve_anaphor,
    surface_gender,
)
from .forms import ORGANIZATION_HEADS
from .gazetteer import KnownEntity, read_gazetteer
from .known import known_by_iri, known_key, organization_name
from .mentions import Named, demonym_country, prepare_mentions
from .normalize import PERSON_TITLES, SURFACE_CACHE, clean_surface, normalize_name, slug
from .people import PersonLinker, name_variants, person_name, surname_index
from .places import capital_metonym

__all__ = ["DocumentCarry", "DocumentFacts", "Resolver", "entity_key", "resolve_entities"]
#: Rules whose surface form is a name of the entity (kept as ``skos:altLabel``); an argument
#: "US Special Representative Zalmay Khalilzad" adds its mention's name, not the title, and
#: coreference surfaces ("they", "the group") are counted but are not names.
NAME_RULES = {"gazetteer", "known-place", "exact-name", "acronym", "surname", "first-name", "surname-corpus",
              "ambiguous-name", "metonymy", "noun-phrase", "company-suffix", "name-variant", "demonym", "short-name", "group-noun",
              "spelling-variant", "concept"}  # fmt: skip
#: Rules whose surfaces may name the entity's label (the others are short forms or other names).
LABEL_RULES = {"exact-name", "noun-phrase", "company-suffix", "name-variant", "demonym", "group-noun",
               "spelling-variant", "concept"}  # fmt: skip
#: Words that may precede a mention in an argument that still *is* the mention.
_PREFIX_WORDS = {"the", "a", "an", "so-called", "so", "called"}
#: Argument roles where a place can stand for the entity it is a metonym for.
_ACTING_ROLES = {"subject", "object", "other"}
#: Statistics :meth:`Resolver.resolve` counts itself (the others count merges, in ``_Builder.add``).
_DIRECT_STATS = ("mentions", "arguments", "pronouns unresolved")
#: Anaphora windows, in sentences back from the anaphor's own.
PRONOUN_WINDOW = 2
DESCRIPTION_WINDOW = 3


def entity_key(entity_type: str, name: str) -> str:
    """The stable key of an entity: its type and a slug of its normalized name.

    >>> entity_key("Organization", "the Taliban")
    'organization/taliban'
    >>> entity_key("Person", "Pres. Joe Biden")
    'person/joe-biden'
    """
    normalized = normalize_name(name, entity_type)
    readable = slug(normalized)
    if not readable:
        readable = "x" + hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:12]
    return f"{entity_type.lower()}/{readable}"


@functools.lru_cache(maxsize=8)
def _known_tables(gazetteers: tuple[str, ...]) -> tuple[dict[str, KnownEntity], dict[tuple[str, str], KnownEntity]]:
    """Known entities by IRI and by (type, normalized name), once per process (resolution only reads them)."""
    known = read_gazetteer(gazetteers)
    by_alias: dict[tuple[str, str], KnownEntity] = {}
    for entity in sorted(known.values(), key=lambda e: (e.source != "turtle", e.iri)):
        for name in (entity.label, *entity.aliases):
            by_alias.setdefault((entity.type, normalize_name(name, entity.type)), entity)
    return known, by_alias


class _Builder:
    """Collects entities, their surface forms and the rules that merged them."""

    def __init__(self, gazetteers: tuple[str, ...] = ()):
        self.known, self.known_by_alias = _known_tables(tuple(gazetteers))
        self.entities: dict[str, Entity] = {}
        self.surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        self.label_surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        self.stats: Counter[str] = Counter()
        #: With a list here, every change to the entities is also appended to it (see Resolver.replay).
        self.log: list | None = None
        #: The text of the document being resolved.
        self.text = ""

    def known_key(self, known: KnownEntity) -> str:
        return known_key(known)

    def lookup(self, iri: str | None) -> KnownEntity | None:
        """The known entity of an IRI: a gazetteer's or country, else a place of the data."""
        if iri is None:
            return None
        return self.known.get(iri) or known_by_iri(iri)

    def add(self, key: str, entity_type: str, surface: str, doc_id: str, rule: str, named: bool,
            known: KnownEntity | None = None, extra: tuple[str, ...] = (),
            links: tuple[tuple[str, str], ...] = ()) -> str:  # fmt: skip
        if self.log is not None:
            self.log.append(["add", key, entity_type, surface, rule, named, known.iri if known is not None else None,
                             list(extra), [list(link) for link in links]])  # fmt: skip
        entity = self.entities.get(key)
        if entity is None:
            entity = Entity(key=key, type=entity_type, label=surface, named=named)
            if known is not None:
                entity.iri, entity.label, entity.same_as = known.iri, known.label, list(known.same_as)
            self.entities[key] = entity
        entity.mentions += 1
        entity.rules.add(rule)
        entity.rules.update(extra)
        entity.links.update(links)
        if rule in NAME_RULES or (rule == "argument-is-mention" and self._same_name(key, surface)):
            # An argument that is a name with its determiner ("the Taliban") is a form of the name too.
            self.surfaces[key][_alias_form(surface)] += 1
            if rule in LABEL_RULES:
                self.label_surfaces[key][_label_form(surface, entity_type)] += 1
        self.stats[f"merges: {rule}"] += 1
        for name in extra:
            self.stats[f"merges: {name}"] += 1
        return key

    def _same_name(self, key: str, surface: str) -> bool:
        name = normalize_name(surface)
        return any(normalize_name(s) == name for s in self.surfaces[key])

    def finish(self, referenced: set[str] = frozenset()) -> dict[str, Entity]:  # type: ignore[assignment]
        # An entity left without mentions (a place all of whose mentions acted for
        # another entity) is dropped, unless some span still points to it: documents
        # mapped before the end rely on every assigned key having a node.
        self.entities = {key: e for key, e in self.entities.items() if e.mentions > 0 or key in referenced}
        # A link to a known entity's IRI ("Haitians" kg:demonymOf Haiti) goes to its node when the
        # corpus has one, so the graph connects them; else it stays the external IRI.
        by_iri = {e.iri: key for key, e in self.entities.items() if e.iri}
        for entity in self.entities.values():
            if entity.links:
                entity.links = {(prop, by_iri.get(target, target)) for prop, target in entity.links}
        for key, entity in self.entities.items():
            surfaces = self.surfaces[key]
            entity.aliases = {s for s in surfaces if s}
            candidates = self.label_surfaces[key] or Counter(
                {_label_form(s, entity.type): n for s, n in surfaces.items()}
            )
            if entity.type == "Person":
                # A person's label is a form of the name the key holds ("Andrew Alturo Fahie"), when one is.
                own = key.split("/", 1)[1]
                candidates = Counter({c: n for c, n in candidates.items() if slug(person_name(c)) == own}) or candidates
            elif entity.type == "Group":
                # A group is named by its members ("Democrats"), not by the adjective ("Democratic").
                candidates = Counter({c: n for c, n in candidates.items() if not c.endswith("ic")}) or candidates
            if entity.iri is None and candidates:
                # Most frequent form wins, then the longest, then alphabetical:
                # the same label whatever order documents are read in.
                entity.label = sorted(candidates.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
            entity.aliases.discard(entity.label)
        return self.entities


_POSSESSIVE_END = re.compile(r"(?<=\w)['’]s?$")
_LEADING_DETERMINER = re.compile(r"^(The|A|An) (?=\S)")


@functools.lru_cache(maxsize=SURFACE_CACHE)
def _alias_form(surface: str) -> str:
    """A surface as an alias: no possessive, a sentence's capital off its determiner ("The U.S.'s" → "the U.S.")."""
    text = _POSSESSIVE_END.sub("", clean_surface(surface))
    return _LEADING_DETERMINER.sub(lambda m: m.group(1).lower() + " ", text)


@functools.lru_cache(maxsize=SURFACE_CACHE)
def _label_form(surface: str, entity_type: str) -> str:
    """A surface as a label: no determiner, possessive or, for a person, title ("Prof Gavin Yamey's")."""
    text = _POSSESSIVE_END.sub("", clean_surface(_strip_determiner(clean_surface(surface))))
    if entity_type == "Person":
        words = text.split()
        while len(words) > 2 and words[0].lower().rstrip(".") in PERSON_TITLES:
            words = words[1:]
        text = " ".join(words)
    return text


def _strip_determiner(text: str) -> str:
    words = text.split(" ", 1)
    if len(words) == 2 and words[0].lower() in {"the", "a", "an"}:
        return words[1]
    return text


def _argument_records(result: DocumentResult) -> list[tuple[Argument, Extraction, bool]]:
    """Every argument span of a document with its extraction and whether it is a subject, in text order."""
    records = []
    for extraction in result.extractions:
        # The clause's grammatical subject, which a pronoun picks up: a passive's is its patient ("Covington
        # was hit by Horford. He returned": Covington); a noun-phrase fact ("Mary Jones in Paris") has none.
        surface = extraction.subject if extraction.voice == "active" else None
        if extraction.voice == "passive":
            surface = next((a for a in extraction.arguments if a.role == "object"), None)
        for argument in (extraction.subject, extraction.attribution, *extraction.arguments):
            if argument is None:
                continue
            subject = argument is surface or argument is extraction.attribution
            records.append((argument, extraction, subject))
            records.extend((c, extraction, subject) for c in argument.conjuncts)
    # Pronouns last: they may then take any earlier name or description as antecedent,
    # and their clause's own descriptions ("It pressured the group") are known to binding.
    records.sort(key=lambda r: (r[0].text.strip().lower() in PRONOUNS, r[0].start, -r[0].end))
    return records


def _clause_spans(extraction: Extraction, anaphor: Argument) -> list[tuple[int, int]]:
    """What the anaphor's own clause names as its other core roles, which the anaphor cannot be
    ("They will press the rebels"). An adjunct can hold its antecedent: "In Hajjaj's case, she decided"."""
    spans = []
    for argument in (extraction.subject, *extraction.arguments):
        # An embedded clause is another clause: "They said the group wants aid" may be one group.
        if argument is None or argument is anaphor or argument.is_clause:
            continue
        if argument is extraction.subject or argument.role in _CORE_ROLES:
            spans.append((argument.start, argument.end))
    return spans


#: The roles whose phrases a clause's pronoun cannot refer to (binding); adjuncts can hold its antecedent.
_CORE_ROLES = frozenset({"subject", "object", "agent"})


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What the rest of the corpus needs to know of one document: its people's full names and
    the short forms it defines. Small, so the driver can keep every document's facts in memory.
    """

    full_names: tuple[str, ...] = ()
    #: ``(normalized short form, long name, long name's type)`` in text order.
    definitions: tuple[tuple[str, str, str | None], ...] = ()

    @classmethod
    def of(
        cls,
        result: DocumentResult,
        span: tuple[int, int] | None = None,
        cased: bool | None = None,
        named: list[Named] | None = None,
    ) -> DocumentFacts:
        """The facts of one per-document result (retyping its untyped mentions as resolution does).

        ``span``: the result is the part of a long document from this character range (its section),
        and ``cased`` whether the whole document is (:func:`~kg.entities.mentions.is_cased`).
        ``named``: its :func:`prepared_mentions`, when the caller has them (they are read, not changed).
        """
        named = prepared_mentions(result, cased) if named is None else named
        names = sorted({person_name(n.text) for n in named if n.type == "Person"})
        found = find_definitions(result, span)
        definitions = tuple((normalize_name(d.short), d.long, d.entity_type) for d in found)
        return cls(tuple(names), definitions)

    def merged(self, other: DocumentFacts) -> DocumentFacts:
        """The facts of a document's sections so far (``self``) and its next section (``other``)."""
        return DocumentFacts(tuple(sorted({*self.full_names, *other.full_names})), self.definitions + other.definitions)

    def to_list(self) -> list:
        return [list(self.full_names), [list(d) for d in self.definitions]]

    @classmethod
    def from_list(cls, data: list) -> DocumentFacts:
        return cls(tuple(data[0]), tuple((d[0], d[1], d[2]) for d in data[1]))


def prepared_mentions(result: DocumentResult, cased: bool | None = None) -> list[Named]:
    """A document's mentions retyped as resolution does, then :func:`~kg.entities.mentions.prepare_mentions`.

    The per-document work makes them once and hands them to :meth:`DocumentFacts.of` and
    :meth:`Resolver.resolve`: preparing is a sixth of the work outside spaCy.
    """
    _retype_mentions(result)
    return prepare_mentions(result, cased=cased)


def _retype_mentions(result: DocumentResult) -> None:
    labels = class_for_label()
    for mention in result.mentions:
        if mention.entity_type == "Other":
            mention.entity_type = labels.get(mention.label, "Other")


class DefinitionsSoFar:
    """The short forms the documents read so far define, with the meaning all of them agree on.

    The per-document pass resolves each document with these (its own included), not with its own
    alone: a document that uses a short form an earlier one defined ("ISIS-K") then resolves as the
    corpus resolves it, and its early graph stands in the cross-document pass instead of being
    resolved, mapped and stored again (42 of the 212 documents of ``benchmarks/build_speed.py``).
    Only a guess of the corpus's answer: the cross-document pass checks every answer a document was
    given against the whole corpus's, as before. Bounded: past ``limit`` forms no new one is added.

    >>> so_far = DefinitionsSoFar()
    >>> so_far.add(DocumentFacts((), (("who", "World Health Organization", "Organization"),)))
    >>> so_far.get("who")
    ('world health organization', 'Organization')
    >>> so_far.add(DocumentFacts((), (("who", "Women's Hockey Organisation", "Organization"),)))
    >>> so_far.get("who") is None
    True
    """

    def __init__(self, limit: int = 100_000) -> None:
        self.limit = limit
        self._meanings: dict[str, tuple[str, str | None] | None] = {}  # None: documents disagree

    def add(self, facts: DocumentFacts) -> None:
        for short, long, entity_type in facts.definitions:
            meaning = (normalize_name(long), entity_type)
            if short not in self._meanings and len(self._meanings) >= self.limit:
                continue
            self._meanings[short] = meaning if self._meanings.get(short, meaning) == meaning else None

    def get(self, short: str, default=None) -> tuple[str, str | None] | None:
        """The meaning every document so far gives ``short``, if they agree."""
        meaning = self._meanings.get(short)
        return default if meaning is None else meaning


class _Different:
    """An answer logged two ways, which no one corpus gives: it equals nothing."""

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__


_DIFFERENT = _Different()


class _Corpus:
    """What one document's resolution needs to know about all the others.

    ``facts``: every document's, as a mapping or as ``(id, facts)`` pairs read once. With
    ``facts_of`` (a document's facts, looked up again), the short forms each document defines
    are not kept but read back when it is resolved: nothing is kept per document.
    """

    def __init__(self, facts: Mapping[str, DocumentFacts] | Iterable[tuple[str, DocumentFacts]], builder: _Builder,
                 facts_of: Callable[[str], DocumentFacts | None] | None = None,
                 so_far: DefinitionsSoFar | None = None):  # fmt: skip
        self.definitions: dict[str, dict[str, tuple[str, str | None]]] | _LocalDefinitions = {}
        corpus_defs: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
        full_names: set[str] = set()
        for doc_id, fact in facts.items() if isinstance(facts, Mapping) else facts:
            full_names.update(fact.full_names)
            for short, long, entity_type in fact.definitions:
                corpus_defs[short].add((normalize_name(long), entity_type))
            if fact.definitions and facts_of is None:  # most documents define nothing: no table each
                self.definitions[doc_id] = _local_definitions(fact)
        if facts_of is not None:
            self.definitions = _LocalDefinitions(facts_of)
        # A short form means its long name corpus-wide only if every document agrees; in the per-document
        # pass, the documents read so far, these facts' among them (see DefinitionsSoFar).
        self.corpus_definitions: Mapping[str, tuple[str, str | None]] | DefinitionsSoFar = (
            so_far if so_far is not None else {short: next(iter(d)) for short, d in corpus_defs.items() if len(d) == 1}
        )
        # Known people count too: "Biden" alone is Joe Biden when no other Biden is named.
        known_people = {person_name(k.label) for k in builder.known.values() if k.type == "Person"}
        self.variants = name_variants({*full_names, *known_people})
        self.surnames = surname_index({self.variants.get(n, n) for n in {*full_names, *known_people}})
        #: With a list here, every answer of the corpus to a document is appended to it.
        self.reads: list | None = None
        #: With a dict here, every answer given, by what was asked (``"local"``: a short form looked up among
        #: the document's own), ``_DIFFERENT`` where it was given two (see :meth:`Resolver.learn`).
        self.answered: dict[tuple[str, str], object] | None = None

    def _logged(self, kind: str, name: str) -> None:
        """Log the answer to a lookup of ``kind`` for ``name``, where answers are logged."""
        if self.reads is None and self.answered is None:
            return
        answer = self.answer(kind, name)
        if self.reads is not None:
            self.reads.append([kind, name, answer])
        self._answered(kind, name, answer)

    def _answered(self, kind: str, name: str, answer: object) -> None:
        if self.answered is not None and self.answered.setdefault((kind, name), answer) != answer:
            self.answered[(kind, name)] = _DIFFERENT  # answered two ways: no one set of facts answers both

    def local_definition(self, doc_id: str, name: str) -> tuple[str, str | None] | None:
        """The long name (and its type) a short form means where its own document defines it."""
        found = self.definitions.get(doc_id, {}).get(name)
        self._answered("local", name, found)
        return found

    def answer(self, kind: str, name: str) -> list | str | None:
        """What a lookup of ``kind`` ("definition", "variant" or "surname") decides for ``name``, as a log records it."""
        if kind == "definition":
            found = self.corpus_definitions.get(name)
            return list(found) if found is not None else None
        if kind == "variant":
            return self.variants.get(name)
        names = self.surnames.get(name, set())
        return sorted(names) if len(names) == 1 else None

    def corpus_definition(self, name: str) -> tuple[str, str | None] | None:
        """The long name a short form means corpus-wide, if every document agrees."""
        self._logged("definition", name)
        return self.corpus_definitions.get(name)

    def variant(self, name: str) -> str:
        """The form a person's full name shares with its variants across the corpus."""
        self._logged("variant", name)
        return self.variants.get(name, name)

    def get(self, surname: str, default: set[str]) -> set[str]:
        """The corpus's full names with this surname (the mapping :class:`PersonLinker` consults)."""
        self._logged("surname", surname)
        return self.surnames.get(surname, default)


def _local_definitions(facts: DocumentFacts) -> dict[str, tuple[str, str | None]]:
    """The short forms a document defines → ``(long name, its type)``, the first definition of each."""
    local: dict[str, tuple[str, str | None]] = {}
    for short, long, entity_type in facts.definitions:
        local.setdefault(short, (long, entity_type))
    return local


class _LocalDefinitions:
    """Each document's short forms, read back from its facts when it is resolved (the last one's kept)."""

    def __init__(self, facts_of: Callable[[str], DocumentFacts | None]):
        self.facts_of = facts_of
        self.doc_id: str | None = None
        self.local: dict[str, tuple[str, str | None]] = {}

    def get(self, doc_id: str, default: dict) -> dict[str, tuple[str, str | None]]:
        if doc_id != self.doc_id:
            facts = self.facts_of(doc_id)
            self.doc_id, self.local = doc_id, _local_definitions(facts) if facts is not None else {}
        return self.local or default


class _Identity:
    """Membership by object identity (arguments are dataclasses, equal when their fields are)."""

    def __init__(self, ids: set[int]):
        self.ids = ids

    def __contains__(self, item: object) -> bool:
        return id(item) in self.ids


class _Variants:
    """The corpus's person-name variants as :class:`PersonLinker` reads them (each read logged)."""

    def __init__(self, corpus: _Corpus):
        self.corpus = corpus

    def get(self, name: str, default: str | None = None) -> str:
        return self.corpus.variant(name)


def _resolve_mention(builder: _Builder, corpus: _Corpus, item: Named, doc_id: str,
                     people: PersonLinker, organizations: dict[str, str]) -> str | None:  # fmt: skip
    """The key of a mention. ``organizations``: this document's multiword organization names so far → key."""
    name = normalize_name(item.text, item.type)
    if not name:
        return None
    key = _mention_key(builder, corpus, item, name, doc_id, people, organizations)
    if item.type == "Organization" and " " in name and builder.entities[key].type == "Organization":
        organizations.setdefault(name, key)
    return key


def _mention_key(builder: _Builder, corpus: _Corpus, item: Named, name: str, doc_id: str,
                 people: PersonLinker, organizations: dict[str, str]) -> str:  # fmt: skip
    mention, entity_type, text = item.mention, item.type, item.text
    extra = tuple(item.rules)
    known = builder.known.get(mention.known) if mention.known else None
    if known is None:
        known = builder.known_by_alias.get((entity_type, name))
    context = item.context_place
    if known is not None and context is not None and known.source != "data" and context.iri != known.iri:
        # A gazetteer's "Washington" is not the one "the state of Washington" names.
        known = None
        item.place = context
    if known is not None:
        return builder.add(builder.known_key(known), known.type, text, doc_id, "gazetteer", True, known, extra)
    if item.place is not None:
        place = item.place
        return builder.add(builder.known_key(place), "Place", text, doc_id, "known-place", True, place, extra)
    own = corpus.local_definition(doc_id, name)
    definition = own or corpus.corpus_definition(name)
    if definition is not None:
        long, long_type = definition
        target_type = long_type or entity_type
        # Different types never merge; an untyped NER guess ("Other") may take the long name's type, and
        # so may a short form its own document spells out ("St. Thomas, USVI" of "U.S. Virgin Islands"):
        # the NER's label on a string of capitals is a guess.
        if target_type == entity_type or entity_type == "Other" or own is not None:
            known = builder.known_by_alias.get((target_type, normalize_name(long, target_type)))
            if known is not None:
                return builder.add(builder.known_key(known), known.type, text, doc_id, "acronym", True, known, extra)
            if target_type == "Organization":
                long = organization_name(long)
            return builder.add(entity_key(target_type, long), target_type, text, doc_id, "acronym", True, None, extra)
    if entity_type == "Person":
        full, rule = people.link(person_name(text) or name)
        known = builder.known_by_alias.get(("Person", full))
        if known is not None:
            return builder.add(builder.known_key(known), "Person", text, doc_id, rule, True, known, extra)
        return builder.add(entity_key("Person", full), "Person", text, doc_id, rule, True, None, extra)
    if entity_type == "Group":
        country = demonym_country(text)
        if country is not None:
            # "Afghan", "Afghans", "the Afghans": one group, the people of Afghanistan.
            key = entity_key("Group", country.demonyms[-1])
            links = (("demonymOf", country.iri),)
            return builder.add(key, "Group", text, doc_id, "demonym", True, None, extra, links)
    if entity_type == "Organization" and (" " in name or not (item.local or name in ORGANIZATION_HEADS)):
        # "the Progressive Caucus" after "the Congressional Progressive Caucus", "the Celtics" after "the
        # Boston Celtics": a later reference drops the leading words of the one organization with that
        # longer name in the document (not to a generic head: "the Fund").
        longer = {
            key
            for other, key in organizations.items()
            if other.endswith(" " + name) and not _after_connector(other, name)
        }
        if len(longer) == 1:
            return builder.add(longer.pop(), entity_type, text, doc_id, "short-name", True, None, extra)
    if item.local:
        # "the Government" of this document: another document's is another government.
        key = f"{entity_key(entity_type, name)}--{hashlib.sha1(doc_id.encode()).hexdigest()[:8]}"
        return builder.add(key, entity_type, text, doc_id, "exact-name", True, None, (*extra, "document-scope"))
    if entity_type == "Organization":
        base = organization_name(text)
        if normalize_name(base) != name:
            return builder.add(entity_key("Organization", base), entity_type, text, doc_id, "company-suffix", True,
                               None, extra)  # fmt: skip
    if entity_type == "Group":
        name = group_name(name)
    return builder.add(entity_key(entity_type, name), entity_type, text, doc_id, "exact-name", True, None, extra)


def group_name(name: str) -> str:
    """The comparable form of a group's name: its members in the singular, and a "-crat" group's
    adjective its noun, since the NER tags "Democratic" in "the Democratic primary" as the group.

    >>> group_name("democrats"), group_name("democratic"), group_name("republicans"), group_name("swiss")
    ('democrat', 'democrat', 'republican', 'swiss')
    """
    if len(name) > 3 and name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    if name.endswith("cratic"):
        return name[:-2]
    return name


def _mention_inside(
    argument: Argument, mentions: list[tuple[Named, str]], starts: list[int] | None = None
) -> tuple[Named, str] | None:
    """The mention an argument *is*, up to determiners, possessives and (for a person) titles.

    "the U.S." is the U.S.; "US Special Representative Zalmay Khalilzad" is Zalmay
    Khalilzad; "the US delegation" is not the US (the mention is not the head).
    ``mentions`` are sorted by start; ``starts``, their starts, lets a long document
    look only at the mentions that start inside the argument.
    """
    if starts is not None:
        mentions = mentions[bisect.bisect_left(starts, argument.start) : bisect.bisect_left(starts, argument.end)]
    for item, key in mentions:
        mention = item.mention
        if not (argument.start <= mention.start and mention.end <= argument.end):
            continue
        rest = argument.text[mention.end - argument.start :].strip()
        if rest not in ("", "'s", "’s", "'", "’", ".", ",") and not (
            (item.type == "Person" and _ends_with_where(mention.end, argument, mentions, _SITE_TYPES, _AFFILIATION))
            or (item.type in _SITE_TYPES and _ends_with_where(mention.end, argument, mentions, ("Place",), _IN_PLACE))
        ):
            continue
        prefix = argument.text[: mention.start - argument.start].lower().replace(",", " ").split()
        if item.type == "Person":
            # An apposed title or description ("the kidnapped US citizen Mark Frerichs"),
            # but not a list or a relation ("talks with Mark Frerichs", "Biden and Mark Frerichs").
            if not any(w in {"and", "or", "with", "of", "for", "by", "to", "from"} for w in prefix):
                return item, key
            titled = prefix[1:] if prefix and prefix[0] in {"the", "a", "an"} else prefix
            # "President and Chief Financial Officer of Super Value Debra Symonette": an "and" between
            # two titles joins the titles of one person, when no other person is named before hers.
            joined = _titles_joined(titled) and not any(
                other.type == "Person" and other.mention.end <= mention.start for other, _ in mentions
            )
            before = argument.text[: mention.start - argument.start]
            if (
                titled
                and titled[0].rstrip(".") in PERSON_TITLES
                and (
                    titled[-1].rstrip(".") in PERSON_TITLES
                    or _title_cased(re.sub(r"\s(?:and|&)\s", " ", before) if joined else before)
                )
            ):
                # A title of several words right before the name: "Deputy Director of Public
                # Prosecutions Mrs. Joan Honoré-Paul", "Minister in the Ministry of Finance Brian Manning".
                if joined or not any(w in {"and", "or", "with"} for w in prefix):
                    return item, key
        elif all(w in _PREFIX_WORDS or w in PERSON_TITLES for w in prefix):
            return item, key
        elif item.type == "Place" and _kind_of_place(prefix):
            return item, key  # "the city of Brookhaven" is Brookhaven
    return None


#: "the city of", "the state of": the place named after them is the phrase's.
PLACE_OF_KINDS = words("place_of_kinds")


def _kind_of_place(prefix: list[str]) -> bool:
    """Whether the words before a place's name are "[the] [modifiers] KIND of" ("the Caribbean island of").

    >>> _kind_of_place(["the", "city", "of"]), _kind_of_place(["the", "caribbean", "island", "of"])
    (True, True)
    >>> _kind_of_place(["the", "mayor", "of"]), _kind_of_place(["the", "people", "of", "the", "city", "of"])
    (False, False)
    """
    if len(prefix) < 2 or prefix[-1] != "of" or prefix[-2] not in PLACE_OF_KINDS:
        return False
    return not any(w in _FUNCTION_WORDS for w in prefix[:-2])


_FUNCTION_WORDS = frozenset({"of", "and", "or", "in", "at", "for", "with", "to", "from", "by", "on"})


def _titles_joined(words: list[str]) -> bool:
    """Whether the words hold an "and" (or "&") and each joins two titles.

    >>> _titles_joined("president and chief financial officer of super value".split())
    True
    >>> _titles_joined("president biden and".split()), _titles_joined(["president"])
    (False, False)
    """
    joins = [n for n, word in enumerate(words) if word in ("and", "&")]
    return bool(joins) and all(
        0 < n < len(words) - 1 and words[n - 1].rstrip(".") in PERSON_TITLES
        and words[n + 1].rstrip(".") in PERSON_TITLES
        for n in joins
    )  # fmt: skip


def _title_cased(text: str) -> bool:
    """Whether every word but a short function word starts with a capital: a title or a name's words.

    >>> _title_cased("Minister in the Ministry of Finance "), _title_cased("the kidnapped US citizen")
    (True, False)
    """
    words = re.findall(r"[^\W\d_][\w.'’-]*", text)
    return bool(words) and all(w[0].isupper() or w in _TITLE_FUNCTION_WORDS for w in words)


_TITLE_FUNCTION_WORDS = frozenset({"of", "in", "the", "for", "on", "at", "to", "de"})


_SITE_TYPES = ("Organization", "Place")  # what a person is "of" or "from", and what is in a place
#: What may come between a person's name and where they are from ("Cowie Massy of the Homicide Bureau",
#: "Kevin Brown in Chicago"), and between a site's name and the place it is in ("the Centre in Barbados").
_AFFILIATION = re.compile(r"\s*,?\s*(?:of|from|at|in)\s+(?:the\s+)?$", re.IGNORECASE)
_IN_PLACE = re.compile(r"\s*,?\s*(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)


def _ends_with_where(
    end: int, argument: Argument, mentions: list[tuple[Named, str]], types: tuple[str, ...], joint: re.Pattern
) -> bool:
    """Whether an argument goes on after a name (ending at ``end``) only with a mention of ``types`` closing
    it, ``joint`` between them: the name is the argument, and the noun-phrase fact says where it is from
    or in. For a person, ``_AFFILIATION`` and an organization or place ("Detective Cowie Massy of the
    Homicide Bureau", "Pramila Jayapal of Washington", "met Kevin Brown in Chicago"); for a site,
    ``_IN_PLACE`` and a place ("the Lloyd Erskine Sandiford Centre in Barbados")."""
    for item, _ in mentions:
        other = item.mention
        if other.start > end and other.end >= argument.end - 1 and item.type in types:
            return bool(joint.fullmatch(argument.text[end - argument.start : other.start - argument.start]))
    return False


#: A speaker's word for themselves in a quotation.
_FIRST_PERSON = frozenset({"i", "me"})


#: People named by a plural person noun ("officials", "representatives", "militants") or by a
#: collective noun ("delegation", "government"); not by the nouns that name the organization
#: itself ("the Taliban movement" is the Taliban).
_PEOPLE = PERSON_NOUNS | {h for h, t in DESCRIPTION_HEADS.items() if t == "Person"}
_COLLECTIVES = {h for h in COLLECTIVE_NOUNS if DESCRIPTION_HEADS.get(h) != "Organization"}
_MEMBERS = {h for h, t in DESCRIPTION_HEADS.items() if t == "Organization" and is_plural(h)}


def _group_of(argument: Argument, mentions: list[tuple[Named, str]], starts: list[int]) -> str | None:
    """The key of the organization, country or nationality a group phrase names its people by, if any.

    "senior Taliban representatives", "U.S. officials", "the US delegation", "officials from the
    State Department": a plural person noun or a collective noun as head, and a name modifying it:
    before it, or after it with *of* or *from* when that name is an organization ("a woman of
    Clarkia Drive" lives there; she is no member of it). One person ("the Grenadian leader") and a
    list ("A and B officials") are no group.
    """
    head = head_noun(argument.text)
    plural = is_plural(head)
    if not ((plural and head[:-1] in _PEOPLE) or head in _COLLECTIVES or head in _MEMBERS):
        return None
    lowered = argument.text.lower()
    if re.search(r"\s(?:and|or)\s|,", lowered):
        return None
    at = re.search(r"\b" + re.escape(head) + r"\b", lowered)
    if at is None:
        return None
    head_start = argument.start + at.start()
    head_end = argument.start + at.end()
    inside = mentions[bisect.bisect_left(starts, argument.start) : bisect.bisect_left(starts, argument.end)]
    for item, key in inside:
        mention = item.mention
        offset = mention.start - argument.start
        if mention.end > argument.end or argument.text[offset : offset + len(mention.text)] != mention.text:
            continue  # a conjunct's text is not the span it was cut from
        if mention.end <= head_start and item.type in ("Organization", "Place", "Group"):
            return key
        between = argument.text[head_end - argument.start : mention.start - argument.start].lower().split()
        if mention.start >= head_end and between[:1] in (["of"], ["from"]) and item.type == "Organization":
            return key
    return None


def _concept(builder: _Builder, argument: Argument, doc_id: str, mentions: list[tuple[int, int, str]],
             starts: list[int], spans: dict[tuple[int, int], str]) -> str:  # fmt: skip
    """The concept node of a noun phrase, linked (``kg:relatedTo``) to the names and concepts inside it.

    "the intricate structure of coral reefs" → structure, related to coral reef; "the president of
    the Maldives" → president, related to the Maldives. A date inside ("the 2019 elections") says
    when, not what the phrase is about: no link. Each concept inside is a node of its own, its span
    assigned in the document, so the link has a node to point to and the document mentions it.
    ``mentions``: the document's resolved mentions ``(start, end, key)``, sorted; ``starts``, their starts.
    """
    key = entity_key("Concept", argument.concept)
    entities = builder.entities
    targets = contained(argument, mentions, starts, lambda k: k == key or entities[k].type == "TimeExpression")
    for start, end, concept in argument.inner:
        target = spans.get((start, end))
        if target is None:
            target = builder.add(entity_key("Concept", concept), "Concept", concept, doc_id, "concept", False)
            spans[(start, end)] = target
        if target != key and target not in targets and entities[target].type != "TimeExpression":
            targets.append(target)
    links = tuple(("relatedTo", target) for target in targets)
    return builder.add(key, "Concept", argument.concept, doc_id, "concept", False, links=links)


def resolve_entities(results: Iterable[DocumentResult], gazetteers: tuple[str, ...] = ()) -> EntityIndex:
    """Assign every mention and argument span of every document to a canonical entity.

    Documents are processed sorted by id, and every canonical choice (key,
    label) depends on names and counts only, so the result is the same
    whatever order the documents come in. Fills ``index.stats`` with mentions,
    entities, merges by rule and pronouns resolved.
    """
    results = sorted(results, key=lambda r: r.document.id)
    resolver = Resolver({r.document.id: DocumentFacts.of(r) for r in results}, gazetteers)
    for result in results:
        resolver.resolve(result)
    return resolver.finish()


#: One capitalized word, the form of a surname alone ("Adams", "O'Neill", "Smith-Jones").
_SURNAME_FORM = re.compile(r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*")


def _person_by_surname(argument: Argument, carry: DocumentCarry) -> str | None:
    """The one person of the document so far whose full name ends in the argument, a capitalized word alone.

    The small NER misses a surname on its own, most often opening a sentence ("Adams spoke to
    reporters" after "Mayor Eric Adams said"); the argument is then that person, as a mention would
    be (:class:`~kg.entities.people.PersonLinker`). Two people of that surname, or none: None.
    """
    text = argument.text.strip()
    if not _SURNAME_FORM.fullmatch(text):
        return None
    keys = carry.surnames.get(text.lower(), ())
    return next(iter(keys)) if len(keys) == 1 else None


@dataclass
class DocumentCarry:
    """What resolution keeps of one document between its sections (a long document is resolved
    section by section): its entity table so far (names, people, organizations) and the recent
    referents anaphora look back to."""

    by_name: dict[str, str] = field(default_factory=dict)
    #: Surname → the people of the document so far with a full name ending in it (keys).
    surnames: dict[str, set[str]] = field(default_factory=dict)
    people: PersonLinker | None = None
    referents: _Referents = field(default_factory=lambda: _Referents())
    organizations: dict[str, str] = field(default_factory=dict)
    #: Whether the whole document capitalizes as prose does (:func:`~kg.entities.mentions.is_cased`).
    cased: bool | None = None

    def next_section(self, first_sentence: int) -> None:
        """Forget referents no anaphor of a section from ``first_sentence`` on can reach."""
        self.referents.forget_before(first_sentence - max(PRONOUN_WINDOW, DESCRIPTION_WINDOW))


class Resolver:
    """Entity resolution one document at a time, after every document's :class:`DocumentFacts` is known.

    Call :meth:`resolve` on each document in id order, then :meth:`finish`. A
    document's assignments in :attr:`index` are final as soon as it is resolved
    (entity keys and IRIs never change afterwards; labels and aliases do, in
    :meth:`finish`), so its RDF can be mapped at once, while its result is at hand.
    """

    def __init__(self, facts: Mapping[str, DocumentFacts] | Iterable[tuple[str, DocumentFacts]],
                 gazetteers: tuple[str, ...] = (), *, record: bool = False,
                 facts_of: Callable[[str], DocumentFacts | None] | None = None,
                 so_far: DefinitionsSoFar | None = None):  # fmt: skip
        self.builder = _Builder(gazetteers)
        self.corpus = _Corpus(facts, self.builder, facts_of, so_far)
        self.index = EntityIndex(entities=self.builder.entities)
        #: Keys that documents applied by :meth:`replay` assigned spans to.
        self.referenced: set[str] = set()
        self.record = record
        #: With ``record``, the :meth:`replay` log of the last document resolved.
        self.last_log: dict | None = None

    def resolve(
        self, result: DocumentResult, carry: DocumentCarry | None = None, named: list[Named] | None = None
    ) -> dict[tuple[int, int], str]:
        """Resolve one document's mentions and arguments; returns (and indexes) its span → key assignments.

        With ``carry``, ``result`` is one section of a long document: the document's entity table so far
        comes from the sections before (the same ``carry``), and the assignments returned are the section's.
        ``named``: the document's :func:`prepared_mentions` (made afresh when not given; resolution changes them).
        """
        builder, corpus, stats = self.builder, self.corpus, self.builder.stats
        if self.record:
            builder.log, corpus.reads = [], []
            before = {name: stats[name] for name in _DIRECT_STATS}
        _retype_mentions(result)
        doc_id = result.document.id
        builder.text = result.document.text
        spans: dict[tuple[int, int], str] = {}
        carry = carry or DocumentCarry()
        referents = carry.referents
        resolved = self._mentions(result, carry, spans, named)
        starts = [item.mention.start for item, _ in resolved]  # sorted, as the mentions are
        mention_spans = [(item.mention.start, item.mention.end, key) for item, key in resolved]
        for extraction in result.extractions:
            extraction.resolved_from = None
        conjunct_set = {id(c) for e in result.extractions for a in (e.subject, e.attribution, *e.arguments)
                        if a is not None for c in a.conjuncts}  # fmt: skip
        conjunct_set = _Identity(conjunct_set)
        speaking: list[tuple[Argument, Extraction]] = []
        coordinations: list[tuple[Argument, Extraction, bool]] = []
        for argument, extraction, is_subject in _argument_records(result):
            span = (argument.start, argument.end)
            if argument.is_clause or argument.role in ("time", "state"):  # a clause, a date, "alive": no entity
                continue
            stats["arguments"] += 1
            key = spans.get(span)
            lowered = argument.text.strip().lower()
            kind = anaphor_kind(argument.text) if key is None else None
            if coordinations and kind is not None:
                # Pronouns come last: the coordinations before them are now antecedents, each of its
                # conjuncts resolved ("Biden and Sanders lead. They ..." is each of them).
                _coordination_referents(coordinations, spans, builder, referents)
            if key is None and kind is None and len(argument.conjuncts) > 1:
                coordinations.append((argument, extraction, is_subject))
                continue  # no node for "Biden and Sanders": its conjuncts are the nodes
            if kind is not None:
                key = _resolve_anaphor(builder, argument, extraction, kind, referents, doc_id)
                if key is not None:
                    spans[span] = key
                    if argument is extraction.subject:
                        extraction.resolved_from = argument.text
                elif kind != "description":
                    stats["pronouns unresolved"] += 1
                    continue  # an unresolved "it" is no entity: a node "it" would merge everything
            if key is None and lowered in _FIRST_PERSON and extraction.attribution is not None:
                speaking.append((argument, extraction))  # the speaker is resolved after: "“I …,” he said"
                continue
            if key is None and lowered in UNRESOLVABLE | PRONOUNS:
                continue
            if key is None:
                key = self._phrase_node(argument, doc_id, carry, resolved, starts, mention_spans, spans)
                if key is None:
                    continue  # no name, or a clause or long phrase: text on its statement (the mapping writes it)
            # A place acts when it is the clause's subject or speaker, alone ("Washington insists"),
            # not in a list of places ("Seoul and Daejeon face lows") nor as an object ("visited Seoul").
            alone = is_subject and argument not in conjunct_set
            key = self._acting(key, argument, spans.get(span), doc_id) if alone else key
            spans[span] = key
            entity = builder.entities[key]
            head = head_noun(argument.text)
            referents.append(Referent(key, entity.type, argument.start, extraction.sentence, True, is_subject,
                                      is_plural(head), head, entity.named, argument.end,
                                      surface_gender(argument.text)))  # fmt: skip
        _coordination_referents(coordinations, spans, builder, referents)  # for the sections after this one
        for argument, extraction in speaking:
            key = self._speaker(extraction.attribution, spans, resolved, starts)
            if key is not None:
                entity = builder.entities[key]
                spans[(argument.start, argument.end)] = builder.add(key, entity.type, argument.text, doc_id,
                                                                    "coreference-speaker", entity.named)  # fmt: skip
        self.index.assignments[doc_id] = spans
        if self.record:
            counts = {name: stats[name] - before[name] for name in _DIRECT_STATS if stats[name] != before[name]}
            self.last_log = {"ops": builder.log, "reads": corpus.reads, "counts": counts,
                             "referenced": sorted(set(spans.values()))}  # fmt: skip
            builder.log = corpus.reads = None
        return spans

    def _speaker(self, attribution: Argument, spans: dict, resolved, starts) -> str | None:
        """The person a quoted "I" is: the speaker the sentence names ("“I understand their concerns,” Shapps said")."""
        key = spans.get((attribution.start, attribution.end))
        if key is None:
            found = _mention_inside(attribution, resolved, starts)
            key = found[1] if found else None
        return key if key is not None and self.builder.entities[key].type == "Person" else None

    def _mentions(
        self, result: DocumentResult, carry: DocumentCarry, spans: dict, named: list[Named] | None = None
    ) -> list[tuple[Named, str]]:
        """Resolve the document's name mentions (assigned in ``spans``); the document's table so far in ``carry``."""
        builder, corpus, stats = self.builder, self.corpus, self.builder.stats
        doc_id = result.document.id
        # Reads surnames and name variants through the corpus.
        people = carry.people = carry.people or PersonLinker(corpus, _Variants(corpus))  # type: ignore[arg-type]
        resolved: list[tuple[Named, str]] = []
        for item in prepare_mentions(result, cased=carry.cased) if named is None else named:
            mention = item.mention
            key = _resolve_mention(builder, corpus, item, doc_id, people, carry.organizations)
            if key is None:
                continue
            stats["mentions"] += 1
            spans[(mention.start, mention.end)] = key
            carry.by_name.setdefault(normalize_name(item.text), key)
            resolved.append((item, key))
            entity = builder.entities[key]
            if entity.type == "Person" and len(words := person_name(item.text).split()) > 1:
                carry.surnames.setdefault(words[-1], set()).add(key)
            carry.referents.append(Referent(key, entity.type, mention.start, mention.sentence, end=mention.end))
        return resolved

    def _phrase_node(self, argument: Argument, doc_id: str, carry: DocumentCarry, resolved, starts, mention_spans,
                     spans) -> str | None:  # fmt: skip
        """The node of an argument that is no mention and no anaphor, or None where it stays text.

        The mention it is ("the Taliban movement"), a person whose surname it is ("Adams spoke", the
        NER having missed it, after "Eric Adams"), a group of an organization's people ("senior
        Taliban representatives"), a concept keyed by its head ("the 30 hospitals"), or, for a name the
        NER missed ("Qatar-based Al Jazeera"), the phrase itself.
        """
        builder = self.builder
        name = normalize_name(argument.text)
        if not name:
            return None
        found = _mention_inside(argument, resolved, starts)
        key = found[1] if found else carry.by_name.get(name) or _person_by_surname(argument, carry)
        if key is not None:
            entity = builder.entities[key]
            builder.add(key, entity.type, argument.text, doc_id, "argument-is-mention", True)
            return key
        member = _group_of(argument, resolved, starts)
        if member is not None:
            # "senior Taliban representatives": a group of the Taliban's people, linked to it.
            return builder.add(entity_key("Group", argument.text), "Group", argument.text, doc_id,
                               "group-noun", False, links=(("memberOf", member),))  # fmt: skip
        if stays_text(argument):
            return None
        if argument.concept:
            return _concept(builder, argument, doc_id, mention_spans, starts, spans)
        return builder.add(entity_key("Other", argument.text), "Other", argument.text, doc_id,
                           "noun-phrase", False)  # fmt: skip

    def _acting(self, key: str, argument: Argument, assigned: str | None, doc_id: str) -> str:
        """The entity acting where ``key`` is a clause's subject alone: a capital for its government (metonymy)."""
        builder = self.builder
        acting = _metonymy(builder, key, argument, doc_id)
        if acting != key and assigned == key:
            # The mention itself is the acting entity here, not the place.
            builder.entities[key].mentions -= 1
            if builder.log is not None:
                builder.log.append(["uncount", key])
        return acting

    def learn(self, doc_id: str, facts: DocumentFacts) -> None:
        """Resolve from now on with ``facts`` as all the corpus knows: a long document's so far, read as it is
        parsed. Every answer given from the first :meth:`learn` on is kept (``corpus.answered``), the short
        forms looked up among the document's own too, to check them against later facts (:meth:`answers_alike`)."""
        answered = self.corpus.answered if self.corpus.answered is not None else {}
        self.corpus = _Corpus({doc_id: facts}, self.builder)
        self.corpus.answered = answered

    def answers_alike(self, doc_id: str) -> bool:
        """Whether the corpus now (:meth:`learn`) gives every answer given since the first :meth:`learn`."""
        corpus = self.corpus
        local = corpus.definitions.get(doc_id, {})
        return all(
            (local.get(name) if kind == "local" else corpus.answer(kind, name)) == seen
            for (kind, name), seen in (corpus.answered or {}).items()
        )

    def replay(self, doc_id: str, log: dict, *, check: bool = True) -> bool:
        """Apply a document's resolution recorded when it was resolved alone, if the corpus resolves it the same.

        It does when every answer the corpus gave it (surnames, short forms) is
        the same now, and every entity it created either is new here or was
        created by an earlier document with the same type, namedness and IRI:
        then :meth:`resolve` would make exactly the recorded changes. Returns
        False, changing nothing, when it does not. ``check=False``: the caller checked (:meth:`holds`).
        """
        if check and not self._still_holds(log):
            return False
        builder = self.builder
        for op in log["ops"]:
            if op[0] == "add":
                _, key, entity_type, surface, rule, named, iri, extra, links = op
                builder.add(key, entity_type, surface, doc_id, rule, named, builder.lookup(iri), tuple(extra),
                            tuple(tuple(link) for link in links))  # fmt: skip
            else:  # "uncount": a mention that acted for another entity
                builder.entities[op[1]].mentions -= 1
        builder.stats.update(log["counts"])
        self.referenced.update(log["referenced"])
        return True

    def holds(self, log: dict) -> bool:
        """Whether :meth:`replay` of ``log`` would apply (a long document checks each section's log first)."""
        return self._still_holds(log)

    def _still_holds(self, log: dict) -> bool:
        corpus, entities = self.corpus, self.builder.entities
        if any(corpus.answer(kind, name) != seen for kind, name, seen in log["reads"]):
            return False
        created: set[str] = set()
        for op in log["ops"]:
            if op[0] != "add" or op[1] in created:
                continue
            created.add(op[1])
            entity = entities.get(op[1])
            if entity is not None and (entity.type, entity.named, entity.iri) != (op[2], op[5], op[6]):
                return False
        return True

    def finish(self, used: set[str] | None = None) -> EntityIndex:
        """The index once every document is resolved: entities' labels, aliases and the statistics.

        ``used``, the keys the mapped documents' statements, qualifiers and links use
        (:attr:`~kg.rdf.mapping.MappedDocument.used`): an unnamed node (a concept, a phrase, a group)
        none of them uses is dropped, so the graph has no node only its own mention points to.
        """
        index, stats = self.index, self.builder.stats
        referenced = {key for spans in index.assignments.values() for key in spans.values()} | self.referenced
        index.entities = self.builder.finish(referenced)
        if used is not None:
            index.entities = {k: e for k, e in index.entities.items() if e.named or k in used}
        # The same definitions as `kg stats` and `kg entities`: every node; the named ones (any type
        # but Concept and Other, which `kg entities` lists); the noun phrases (`kg entities --all`).
        stats["entities"] = len(index.entities)
        stats["entities (named)"] = sum(1 for e in index.entities.values() if e.type not in PHRASE_TYPES)
        stats["entities (noun phrases)"] = stats["entities"] - stats["entities (named)"]
        stats["pronouns resolved"] = stats["merges: coreference-pronoun"]
        stats["descriptions resolved"] = stats["merges: coreference-description"]
        index.stats = dict(sorted(stats.items()))
        return index


class _Referents(list):
    """A document's referents in the order they were found, indexed by sentence.

    An anaphor looks back a few sentences; past :attr:`LONG` referents (a book,
    a long transcript) it is given only those, so resolving a document stays
    linear in its length (it was quadratic: a 2 MB text spent minutes here).
    Below that it sees them all, as anaphora rules that weigh the whole text
    before it (how often an organisation was named) expect.
    """

    LONG = 5_000

    def __init__(self) -> None:
        super().__init__()
        self.by_sentence: dict[int, list[tuple[int, Referent]]] = defaultdict(list)

    def forget_before(self, sentence: int) -> None:
        """Once past :attr:`LONG` (only the window is looked at), let go of referents before ``sentence``:
        a long document resolved in sections keeps the recent ones only. Their places stay (None)."""
        if len(self) <= self.LONG:
            return
        for old in [s for s in self.by_sentence if s < sentence]:
            for position, _ in self.by_sentence.pop(old):
                self[position] = None

    def append(self, referent: Referent) -> None:
        self.by_sentence[referent.sentence].append((len(self), referent))
        super().append(referent)

    def near(self, sentence: int, window: int) -> list[Referent]:
        """The referents an anaphor in ``sentence`` may point back to, in the order they were found."""
        if len(self) <= self.LONG:
            return self
        found = [item for s in range(sentence - window, sentence + 1) for item in self.by_sentence.get(s, ())]
        return [referent for _, referent in sorted(found, key=lambda item: item[0])]


def _coordination_referents(coordinations: list, spans: dict, builder: _Builder, referents: _Referents) -> None:
    """Coordinated arguments whose every conjunct has its node, as plural referents of those conjuncts."""
    for argument, extraction, is_subject in coordinations:
        keys = [spans.get((c.start, c.end)) for c in argument.conjuncts]
        if None in keys:
            continue
        members = tuple((c.start, c.end, c.text, k) for c, k in zip(argument.conjuncts, keys, strict=True))
        entities = [builder.entities[k] for k in keys]
        types = {e.type for e in entities}
        kind = types.pop() if len(types) == 1 else "Group" if types <= {"Person", "Organization", "Group"} else "Other"
        referents.append(Referent(keys[0], kind, argument.start, extraction.sentence, True, is_subject, True, "",
                                  all(e.named for e in entities), argument.end, members=members))  # fmt: skip
    coordinations.clear()


def _resolve_anaphor(builder: _Builder, argument: Argument, extraction: Extraction, kind: str,
                     referents: _Referents, doc_id: str) -> str | None:  # fmt: skip
    if kind == "it" and argument is extraction.subject and extraction.predicate.split("_")[0] in EXPLETIVE_VERBS:
        return None
    window = DESCRIPTION_WINDOW if kind == "description" else PRONOUN_WINDOW
    antecedent = resolve_anaphor(argument.text, argument.start, extraction.sentence, referents.near(extraction.sentence, window),
                                 _clause_spans(extraction, argument), window)  # fmt: skip
    if antecedent is None:
        return None
    rule = "coreference-description" if kind == "description" else "coreference-pronoun"
    if antecedent.members:
        # "They" after "Biden and Sanders": the statement is made of each, as a coordination's is.
        argument.conjuncts = [Argument(text, start, end, argument.role) for start, end, text, _ in antecedent.members]
        for *_, key in antecedent.members[1:]:
            builder.add(key, builder.entities[key].type, argument.text, doc_id, rule, builder.entities[key].named)
    entity = builder.entities[antecedent.key]
    return builder.add(antecedent.key, entity.type, argument.text, doc_id, rule, entity.named)


def _after_connector(longer: str, name: str) -> bool:
    """Whether ``name`` ends ``longer`` after a lowercase connector ("statistical institute of jamaica")."""
    return longer[: -len(name)].rstrip().rsplit(" ", 1)[-1] in {"of", "for", "and", "the", "on", "in", "de", "at", "&"}


#: A preposition just before an argument: its name is the preposition's object, acting for nothing.
_PREPOSITION_BEFORE = re.compile(r"\b(?:from|to|in|at|of|into|for|with|by)\s+$", re.I)


def _metonymy(builder: _Builder, key: str, argument: Argument, doc_id: str) -> str:
    """A place acting ("Washington insists") stands for the entity it is a metonym for.

    A gazetteer says which (``kg:metonymFor``); of the data, a country's capital stands for the
    country, also when the name was left unlinked because a state shares it ("Washington").
    """
    entity = builder.entities[key]
    if entity.type != "Place" or argument.role not in _ACTING_ROLES or argument.preposition:
        return key
    if _PREPOSITION_BEFORE.search(builder.text[max(0, argument.start - 12) : argument.start]):
        return key  # "the one from Havana, which will depart": the parse's subject is a preposition's object
    known = builder.lookup(entity.iri)
    if known is not None:
        target_iri = known.metonym_for
    elif entity.named:
        target_iri = capital_metonym(entity.label)
    else:
        target_iri = None
    target = builder.lookup(target_iri)
    if target is None:
        return key
    return builder.add(builder.known_key(target), target.type, argument.text, doc_id, "metonymy", True, target)
