"""Clause-level extraction: one extraction per predicate, from dependency rules.

A predicate is a verb (or a copula with a complement). Its extraction holds
the subject (inherited through coordination, control and relative clauses),
the verb group (auxiliaries, negation, modals, particles, control chains
"agreed to provide"), the objects, and prepositional phrases kept as
arguments with a role (location, time, other). Passives are stored in the
active voice: the agent is the subject, the patient the object; an agentless
passive has no subject, an intransitive verb no object.

Whether the clause is asserted is kept too: negation ("not", "never", "no
longer", "neither ... nor", a subject or object with "no"), and a modality
that is the modal verb or, for a clause the sentence does not assert, what
leaves it open: a condition ("if", "unless"; "conditional" for the clause that
holds on it), an open question ("whether", "it is not clear if") or a question
asked ("question"). Conjoined verbs that share an auxiliary share these.

The constructions a clause is read as (passive, svo, copula, existential, ...) are
rules in :data:`~.rules.clause_rules`, and how an object becomes the clause's
object (a light verb's noun, "part of", an adjective's complement, ...) rules in
:data:`~.rules.object_rules`, each registered below with its example.

>>> # "The attack was claimed by ISKP." -> subject ISKP, predicate "claim", object "The attack"
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..lexicon import table, words
from ..ontology import labels_for_class
from ..records import Argument, Extraction
from .phrases import (
    NOMINAL_POS,
    RELATIVE_TAGS,
    TIME_LABELS,
    TIME_PREPOSITIONS,
    clause_argument,
    complex_preposition,
    introduces_examples,
    is_time_adjunct,
    noun_phrase,
    phrase_bounds,
    span_argument,
    time_phrase,
)
from .rules import NO_MATCH, clause_rules, object_rules
from .tree import head_of, kids, layout, rights

_WORD = re.compile(r"[a-z][a-z'-]*")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "acomp"})
LOCATION_LABELS = labels_for_class("Place")
# Directional prepositions ("into", "to") select a goal: a complement the relation
# takes ("crossed into Pakistan"), not a place adjunct.
LOCATION_PREPOSITIONS = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "throughout", "within", "around", "along"}
)
# "on" places a fact at a site or in a region ("on Peachtree Road", "on the Essequibo Coast"),
# never at a country or a city ("sanctions on Russia").
SITE_PREPOSITIONS = frozenset({"on"})
SITE_LABELS = frozenset({"LOC", "FAC"})
# Light verbs: the meaning sits in their object noun, whose preposition the
# relation takes ("held talks with", "paid a visit to"). A closed class of English.
LIGHT_VERBS = words("light_verbs")
# Verbs of saying, for reported speech in a parenthetical ("the talks, he said, ...").
REPORTING_VERBS = words("reporting_verbs")
#: Verbs of praise and blame, whose object does what their "for" gerund says.
JUDGMENT_VERBS = words("judgment_verbs")
SPENDING_VERBS = words("spending_verbs")
DIFFICULTY_NOUNS = words("difficulty_nouns")
# Prepositions of time only: a phrase they head is never the complement of a noun ("decision after ...").
TEMPORAL_PREPOSITIONS = frozenset({"after", "before", "during", "since", "until", "till", "throughout"})
# "met with X" names the same relation as "met X": a comitative "with" after a
# verb is dropped from the relation key (it stays in the relation text).
TRANSPARENT_PREPOSITIONS = frozenset({"with"})
#: First words of two-word prepositions of direction, which complete a verb ("got out of the car",
#: "moved away from coal"); the others give a cause or a manner and stay adjuncts ("due to", "because of").
_DIRECTION_WORDS = frozenset({"out", "away", "off", "back", "down", "up"})


#: Named-entity labels of things with a proper name (people, groups, organisations, places, events).
NAME_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT"})


def is_name(head: Token) -> bool:
    """Whether a noun phrase's head is a proper name ("the Taliban", "Columbia University")."""
    return head.pos_ == "PROPN" or head.ent_type_ in NAME_LABELS


_WH_WORDS = frozenset({"which", "who", "that", "whom", "what", "whatever", "whoever"})
# Subordinators that leave their clause open: a condition or an embedded question.
_OPEN_MARKS = frozenset({"if", "whether", "unless"})
#: Verbs and nouns whose clause is a belief, hope or fear, not a fact the text states.
ATTITUDE_WORDS = words("attitude_words")
#: Objects that stand for a verb phrase said before ("did it", "do so"): "do" with one says nothing new.
_PRO_OBJECTS = frozenset({"it", "that", "this", "so", "what", "which", "the same"})
# Coordinators that contrast: "did not attend but sent a message" does not share the negation.
_CONTRASTIVE = frozenset({"but", "yet"})
# Verb forms that cannot stand alone: a conjunct in one of them shares its sibling's auxiliaries.
_NONFINITE_TAGS = frozenset({"VB", "VBN", "VBG"})


@dataclass(slots=True)
class Frame:
    """What one predicate contributes before it becomes an :class:`Extraction`."""

    verbs: list[Token]
    relation: list[Token] = field(default_factory=list)
    key: list[str] = field(default_factory=list)
    arguments: list[Argument] = field(default_factory=list)
    passive: bool = False
    negated: bool = False
    modality: str | None = None
    consumed: set[int] = field(default_factory=set)
    preps: dict[int, Token] = field(default_factory=dict)  # argument start -> its preposition
    eventive: bool = False  # a light verb's event noun is the relation ("made a decision"): no object to fold
    adjuncts: list[Argument] = field(default_factory=list)  # the clause's phrases found on its object noun
    #: The object rules to run, in order (all registered unless a component's config names fewer).
    object_rules: tuple = field(default_factory=lambda: object_rules.select())


def predicate_key(words: list[str]) -> str:
    """The relation key from lemma words; only word-like parts, so every key mints a clean IRI.

    >>> predicate_key(["be", "part", "of"])
    'be_part_of'
    >>> predicate_key(["\x10z{l", "of"])
    'of'
    >>> predicate_key(["co-founder", "of"])  # a word written with a hyphen: its parts, as the key's words
    'co_founder_of'
    """
    return "_".join(w.replace("-", "_") for w in words if _WORD.fullmatch(w)) or "related_to"


def argument_role(preposition: Token, head: Token) -> str:
    """location, time or other, from the preposition and the named-entity types in its object.

    A place anywhere in the phrase makes it a location: "at a Miami airport", "in the jungle of
    Bethany". "on" names a place only with a site or a region ("on Peachtree Road", "on the
    Essequibo Coast"); "sanctions on Russia" is no location.
    """
    prep = preposition.lower_
    label = head.ent_type_
    if label in TIME_LABELS and prep in TIME_PREPOSITIONS:
        return "time"
    if prep in LOCATION_PREPOSITIONS or prep in SITE_PREPOSITIONS:
        labels = LOCATION_LABELS if prep in LOCATION_PREPOSITIONS else SITE_LABELS
        if label in labels or _names_one_of(head, labels):
            return "location"
    return "other"


def _names_one_of(head: Token, labels) -> bool:
    """Whether the noun phrase headed by ``head`` holds an entity with one of ``labels``."""
    lo, hi = phrase_bounds(head)
    return any(t.ent_type_ in labels for t in head.doc[lo : hi + 1])


def is_predicate(token: Token) -> bool:
    """A verb heading a clause, or a copula with a complement."""
    if token.pos_ == "VERB":
        return (
            token.dep_ not in {"amod", "aux", "auxpass", "compound"}
            and not _gerund_list_item(token)
            and not _pro_verb(token)
            and not _possessed_participle(token)
        )
    if token.pos_ == "AUX":
        if token.dep_ in {"aux", "auxpass"} or token.tag_ == "MD":
            return False  # a modal heading a clause stands for a verb left out: "even if they should"
        # "do" and "have" with a subject alone stand for a verb phrase said before: "neither does Bob".
        heads = {"attr", "acomp", "prep", "csubj"} if token.lemma_ in {"do", "have"} else _AUX_CLAUSE_DEPS
        return any(c.dep_ in heads for c in kids(token))
    return False


_AUX_CLAUSE_DEPS = frozenset({"attr", "acomp", "prep", "nsubj", "csubj"})


def _possessed_participle(verb: Token) -> bool:
    """A participle whose "subject" is a possessive determiner: an adjective of the noun after it that
    the parser read as a clause ("found his already decomposing remains": *his decomposing remains*).
    A possessive determiner ("his", "their") never is a clause's subject."""
    return verb.tag_ in {"VBG", "VBN"} and any(c.dep_ in SUBJECT_DEPS and c.tag_ == "PRP$" for c in kids(verb))


def _pro_verb(verb: Token) -> bool:
    """ "do" standing for a verb phrase said before: "did it", "will do so", "what they do".

    Its statement would say nothing a reader keeps ("father — did —").
    """
    if verb.lemma_ != "do":
        return False
    for child in kids(verb):
        if child.dep_ in {"prep", "ccomp", "xcomp", "dative", "attr", "acomp", "oprd"}:
            return False
        if child.dep_ == "dobj" and child.lower_ not in _PRO_OBJECTS:
            return False
    return True


def _gerund_list_item(verb: Token) -> bool:
    """A gerund that begins an item of a list, its noun right after it: "sardines, cooking oil and
    soups". The parser makes it a participle modifying the item before ("sardines cooking oil");
    it is the noun's modifier ("cooking oil"), no clause."""
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or verb.i == 0 or verb.i + 1 >= len(verb.doc):
        return False
    before, after, noun = verb.doc[verb.i - 1], verb.doc[verb.i + 1], head_of(verb)
    listed = noun.dep_ == "conj" or any(c.dep_ == "conj" for c in kids(noun))
    return (before.text == "," or before.dep_ == "cc") and listed and after.dep_ == "dobj" and after.head == verb


def _own_negation(verb: Token) -> bool:
    """Whether a verb is negated by its own words: "not", "never", "no longer", "neither"."""
    for child in kids(verb):
        dep = child.dep_
        if dep == "neg" and not _whether_or_not(child):
            return True
        if dep == "preconj" and child.lower_ == "neither":
            return True
        if dep == "cc" and child.lower_ == "nor" and verb.dep_ != "conj":
            return True
        if dep == "advmod" and any(c.dep_ == "neg" and (c.lower_ == "no" or child.tag_ == "RBR") for c in kids(child)):
            # "no longer", "no more", "not any more"; never "not only", "not just".
            return True
    return False


def _whether_or_not(neg: Token) -> bool:
    """The "not" of "whether or not": an open question, no negation ("whether or not it is responsible")."""
    doc, i = neg.doc, neg.i
    return i >= 2 and doc[i - 1].lower_ == "or" and doc[i - 2].lower_ in {"whether", "if"}


def _cc_of(conjunct: Token) -> str | None:
    """The coordinator before a conjunct: on the conjunct's head in spaCy's trees."""
    head = head_of(conjunct)
    ccs = [c for c in kids(head) if c.dep_ == "cc" and c.i < conjunct.i]
    return ccs[-1].lower_ if ccs else None


def _shares_auxiliaries(verb: Token) -> bool:
    """A verb conjunct with no auxiliary or subject of its own: "did not arrest or charge", "could X and Y"."""
    return (
        verb.dep_ == "conj"
        and head_of(verb).pos_ in {"VERB", "AUX"}
        and not any(c.dep_ in {"aux", "auxpass"} or c.dep_ in SUBJECT_DEPS for c in kids(verb))
    )


def _negated(verb: Token) -> bool:
    """Whether a clause is negated, by its own words or by those of a conjunct it shares them with."""
    if _own_negation(verb):
        return True
    if verb.dep_ == "conj" and head_of(verb).pos_ in {"VERB", "AUX"}:
        cc = _cc_of(verb)
        if cc == "nor":
            return True
        if _shares_auxiliaries(verb) and cc not in _CONTRASTIVE:
            head = head_of(verb)
            # "no longer learn or use": a bare or participle form shares the verb group; a finite one
            # only under "or" ("did not confirm or deny" -> both; "did not attend and sent" -> one).
            if verb.tag_ in _NONFINITE_TAGS or cc == "or":
                return _negated(head)
    return False


def _shared_modal(verb: Token) -> str | None:
    """The modal a conjunct shares with its sibling: "could impose sanctions and freeze assets"."""
    while _shares_auxiliaries(verb) and verb.tag_ in _NONFINITE_TAGS:
        verb = head_of(verb)
        modal = next((c.lemma_.lower() for c in kids(verb) if c.tag_ == "MD"), None)
        if modal is not None:
            return modal
    return None


def _says_no(argument_head: Token | None) -> bool:
    """A role phrase with the determiner "no": "No arrests were made", "has no plans"; or "none"
    ("none of these problems will have disappeared")."""
    if argument_head is None:
        return False
    if argument_head.lower_ == "none":
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" and c.tag_ == "DT" for c in kids(argument_head))


def _open_mark(clause: Token) -> Token | None:
    return next((c for c in kids(clause) if c.dep_ == "mark" and c.lower_ in _OPEN_MARKS), None)


def _extraposed(clause: Token) -> bool:
    """An "if" clause that is the real subject: "It was not clear if ...", "It is unknown if ..."."""
    head = head_of(clause)
    return (
        clause.dep_ == "advcl"
        and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in kids(head))
        and any(c.dep_ in {"acomp", "attr"} for c in kids(head))
    )


def context_modality(verb: Token, question: bool = False) -> str | None:
    """What leaves a clause open, or None if the sentence asserts it.

    Walks up through coordination and complement clauses: "It is unclear whether the talks
    will resume and the aid will flow" leaves both open. A clause on which an "if" or "unless"
    clause depends is "conditional" ("even if" concedes: the clause holds anyway).
    """
    clause = verb
    if _purpose(verb):
        return "purpose"
    while True:
        if clause.dep_ in {"ccomp", "acl"} and _believed(clause):
            return "belief"
        mark = _open_mark(clause)
        if mark is not None:
            if mark.lower_ == "if" and (clause.dep_ in {"ccomp", "csubj", "xcomp"} or _extraposed(clause)):
                return "whether"
            return mark.lower_
        for child in kids(clause):
            if child.dep_ == "advcl" and not _extraposed(child):
                mark = _open_mark(child)
                if (
                    mark is not None
                    and mark.lower_ != "whether"
                    and not any(c.dep_ == "advmod" and c.lower_ == "even" for c in kids(child))
                ):
                    return "conditional"
        if clause.dep_ in {"conj", "ccomp", "xcomp"} and head_of(clause) is not clause:
            clause = head_of(clause)
            continue
        break
    if question and clause.dep_ == "ROOT":
        return "question"
    return None


#: Adverbs that leave a clause a possibility: "Perhaps Warren will finish in the top three".
_POSSIBLY = frozenset({"perhaps", "maybe", "possibly"})


def _possibly(verb: Token) -> str | None:
    """ "may" for a clause an adverb of possibility qualifies ("perhaps", "maybe", "possibly"), else None."""
    for clause in (verb, head_of(verb)) if verb.dep_ == "conj" else (verb,):
        if any(c.dep_ == "advmod" and c.lower_ in _POSSIBLY for c in kids(clause)):
            return "may"
    return None


def _believed(clause: Token) -> bool:
    """A clause that is what someone thinks, hopes or fears: "they hope (that) the talks resume",
    "concerns that the plan would hurt the party"."""
    head = head_of(clause)
    if head is clause:
        return False
    lemma = verb_lemma(head) if head.pos_ in {"VERB", "AUX"} else head.lemma_.lower()
    if lemma not in ATTITUDE_WORDS:
        return False
    if head.pos_ == "NOUN":  # "the hope that ...", not "the hope he gave" (a relative clause)
        return any(c.dep_ == "mark" and c.lower_ == "that" for c in kids(clause))
    return head.pos_ in {"VERB", "AUX"}


def _purpose(verb: Token) -> bool:
    """An infinitive of purpose: "To answer this question, the scientists asked ...", "came to help"
    read as "in order to": what the doer meant to do, not what was done."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids(verb))
        and not any(c.dep_ in SUBJECT_DEPS for c in kids(verb))
    )


def is_question(sent: Span) -> bool:
    """Whether a sentence asks: its last mark, past closing quotes and brackets, is "?"."""
    for token in reversed(sent):
        if token.is_quote or token.is_bracket or token.is_space:
            continue
        return token.text == "?"
    return False


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in kids(verb))


def _controls(verb: Token, xcomp: Token) -> bool:
    """Whether an xcomp joins its governor's relation ("agreed to provide"): subject control only."""
    return (
        xcomp.pos_ in {"VERB", "AUX"}
        and not _has_subject(xcomp)
        # "is difficult to meet": the infinitive complements the adjective, not the copula.
        and not any(c.dep_ in {"dobj", "dative", "acomp", "attr"} for c in kids(verb))
    )


def adjective_xcomp(verb: Token) -> Token | None:
    """The infinitive of a predicate adjective: "were able to reinforce", "is too early to say".

    The copula, adjective and infinitive make one relation, like a control chain.
    """
    if verb.lemma_ != "be":
        return None
    for adjective in kids(verb):
        if adjective.dep_ == "acomp" and adjective.pos_ == "ADJ":
            for x in kids(adjective):
                if x.dep_ == "xcomp" and x.pos_ in {"VERB", "AUX"} and not _has_subject(x):
                    return x
    return None


def is_merged(verb: Token) -> bool:
    """Whether ``verb`` is part of a governor's control chain, not a predicate of its own."""
    if verb.dep_ == "xcomp" and head_of(verb).dep_ == "acomp":
        return adjective_xcomp(head_of(head_of(verb))) == verb
    if verb.dep_ == "xcomp":
        return _controls(head_of(verb), verb)
    if verb.dep_ == "conj" and head_of(verb).dep_ == "xcomp" and not _has_subject(verb):
        return is_merged(head_of(verb))
    return False


def chains(top: Token) -> list[list[Token]]:
    """The control chains starting at ``top``: "offered to run X and provide Y" -> two chains."""
    result = []

    def walk(chain: list[Token]) -> None:
        last = chain[-1]
        nxt = [c for c in kids(last) if c.dep_ == "xcomp" and _controls(last, c)]
        if not nxt and len(chain) == 1:
            nxt = [x for x in [adjective_xcomp(last)] if x is not None]
        if not nxt:
            result.append(chain)
            return
        x = nxt[0]
        for v in [x] + [c for c in x.conjuncts if c.i > x.i and not _has_subject(c) and c.pos_ in {"VERB", "AUX"}]:
            walk([*chain, v])

    walk([top])
    return result


def _described(noun: Token) -> Token:
    """The referent of a predicate nominal: "X is a think tank founded in 2005" -> X."""
    if noun.dep_ == "attr" and head_of(noun).lemma_ == "be":
        subject = next((c for c in kids(head_of(noun)) if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.tag_ not in RELATIVE_TAGS:
            return subject
    return noun


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The subject token of a verb and whether it is a passive subject.

    Inherited through coordination, object control, relative clauses,
    participial modifiers and adverbial clauses.
    """
    subjects = [c for c in kids(verb) if c.dep_ in SUBJECT_DEPS]
    if len(subjects) > 1 and subjects[-1].i < verb.i:
        # "Managing Director of Carita Jamaica Limited, Rita Hilton says": the parser made the
        # fronted title a second subject; the subject is the phrase next to the verb.
        subjects = subjects[-1:]
    for child in subjects:
        if child.dep_ in SUBJECT_DEPS:
            passive = child.dep_ in PASSIVE_SUBJECT_DEPS
            if child.tag_ in RELATIVE_TAGS and verb.dep_ == "relcl":
                # "the group, which seized Kabul": the pronoun stands for the head noun.
                noun = head_of(verb)
                if child.lower_ in {"who", "whom"} and _no_who(noun):
                    # "Gavin Yamey, director of the Centre ... at Duke University, who is leading research":
                    # "who" is a person; the parser hung it on the nearest name.
                    return _person_above(noun) or noun, passive
                return noun, passive
            if child.tag_ in RELATIVE_TAGS and verb.dep_ == "conj":
                # "Waters, who is Chair … and who headed the delegation": the relative clause's noun.
                first = head_of(verb)
                while first.dep_ == "conj" and head_of(first) is not first:
                    first = head_of(first)
                if first.dep_ == "relcl":
                    return head_of(first), passive
            return child, passive
    dep = verb.dep_
    if dep == "conj" and head_of(verb).pos_ in {"VERB", "AUX"}:
        subject, passive = subject_of(head_of(verb))
        return subject, passive and verb.tag_ == "VBN"
    if dep == "xcomp":
        for child in kids(head_of(verb)):
            if child.dep_ in {"dobj", "dative"}:
                if verb.tag_ == "VBG" and (spender := _spender(child)) is not None:
                    return spender, False  # "spend more time treating patients", the parser's other reading
                return child, False
        head = head_of(verb)
        if head.lemma_ == "be" and any(c.dep_ in {"acomp", "attr"} for c in kids(head)):
            if any(c.dep_ in {"nsubj", "expl"} and c.lower_ == "it" for c in kids(head)):
                # "It's hard to ignore the obvious": an extraposed infinitive has no subject of its own.
                return None, False
        return subject_of(head)
    if dep == "acl" and head_of(verb).lower_ == "order" and head_of(head_of(verb)).lower_ in {"in", "so"}:
        # "in order to X" is a purpose clause of the verb above, not a modifier of "order".
        above = head_of(head_of(head_of(verb)))
        return subject_of(above) if above.pos_ in {"VERB", "AUX"} else (None, False)
    if dep == "acl" and _is_light_event(head_of(verb)) and any(c.lower_ == "to" for c in kids(verb)):
        # "The ministry made a decision to close the schools": the ministry closes them.
        return subject_of(head_of(head_of(verb)))[0], False
    if dep == "acl" and any(c.lower_ == "to" for c in kids(verb)):
        owner = next((c for c in kids(head_of(verb)) if c.dep_ == "poss"), None)
        if owner is not None:
            # "the newspaper's decision to endorse Warren", "his bid to win": the possessor acts.
            return owner, False
    if dep == "acl" and verb.tag_ == "VBG" and (spender := _spender(head_of(verb))) is not None:
        # "spent more time treating patients", "had a hard time accessing veins": who spends or has it acts.
        return spender, False
    if dep in {"relcl", "acl"} and head_of(verb).pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
        noun = _described(head_of(verb))
        if verb.tag_ == "VBN" and dep == "acl":
            # "the agreement signed in Doha": the noun is the patient.
            return noun, True
        if dep == "acl" or not any(c.dep_ in {"dobj", "nsubj"} for c in kids(verb)):
            return noun, False
        return None, False
    if dep == "pcomp" and head_of(verb).dep_ == "prep" and head_of(head_of(verb)).pos_ in {"VERB", "AUX"}:
        above = head_of(head_of(verb))
        if head_of(verb).lower_ == "for" and above.lemma_.lower() in JUDGMENT_VERBS:
            # "praised the firefighters for saving the children": the one praised saved them.
            judged = next((c for c in kids(above) if c.dep_ == "dobj"), None)
            if judged is not None:
                return judged, False
        # "won the race by cheating": an adverbial gerund's understood subject is the clause's.
        return subject_of(above)[0], False
    if dep == "advcl" and head_of(verb).pos_ in {"VERB", "AUX"}:
        if verb.tag_ in {"VBG", "VB"} or any(c.lower_ == "to" for c in kids(verb)):
            # "Structures are damaged, leaving many homeless": the gerund's own voice is active.
            return subject_of(head_of(verb))[0], any(c.dep_ == "auxpass" for c in kids(verb))
        if verb.tag_ == "VBN" and not any(c.dep_ == "mark" for c in kids(verb)):
            # "..., known as X": a bare past participle describes the clause subject, passively.
            return subject_of(head_of(verb))[0], True
    if dep == "ROOT":
        return _stranded_subject(verb)
    return None, False


#: Entity labels of things no "who" stands for.
_THING_LABELS = frozenset({"GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


def _spender(noun: Token) -> Token | None:
    """The subject of the verb whose object ``noun`` is spent ("spend time") or had as a difficulty
    ("have trouble"), where an -ing clause on ``noun`` says on what; else None."""
    verb = head_of(noun)
    if noun.dep_ != "dobj" or verb.pos_ not in {"VERB", "AUX"}:
        return None
    lemma = verb.lemma_.lower()
    if lemma in SPENDING_VERBS or (lemma == "have" and noun.lemma_.lower() in DIFFICULTY_NOUNS):
        return subject_of(verb)[0]
    return None


def _no_who(noun: Token) -> bool:
    """Whether a name is of a thing "who" does not stand for: a place, a work, an institution.
    A plural organization's name is its people's ("the Sixers, who", "the Blue Dogs who")."""
    return noun.ent_type_ in _THING_LABELS or (noun.ent_type_ == "ORG" and noun.tag_ != "NNPS")


def _person_above(noun: Token) -> Token | None:
    """The person a phrase holding ``noun`` describes: up through prepositions and appositions
    ("Yamey, director of the Centre ... at Duke University"), the first name of a person, else
    the first common noun ("the director of the Centre"); None when the chain ends before either."""
    token = noun
    while token.dep_ in {"pobj", "prep", "appos", "compound"} and head_of(token) is not token:
        token = head_of(token)
        if token.ent_type_ == "PERSON":
            return token
        if token.pos_ == "NOUN" and token.dep_ != "appos" and token.dep_ != "compound":
            return token
    return token if token.ent_type_ == "PERSON" or (token.pos_ == "NOUN" and token is not noun) else None


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _finite(verb: Token) -> bool:
    return verb.tag_ in FINITE_TAGS or any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ != "to" and c.i < verb.i for c in kids(verb)
    )


def _stranded_subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of a finite main verb the parser left without one, when a fronted phrase took it.

    The small parser hangs the subject on an opening modifier: "Unable to find transport, Hajjaj and
    her family walked ..." (the names as conjuncts of "transport"), "Republicans willing to back a
    Democrat haven't ..." (the noun as the subject of "willing"). A finite verb states its subject,
    so the noun phrase next to it, or the subject of a subjectless opening modifier, is it.
    """
    if not _finite(verb):
        return None, False
    passive = any(c.dep_ == "auxpass" for c in kids(verb))
    for child in kids(verb):
        if child.dep_ == "advcl" and child.i < verb.i and not any(c.dep_ == "mark" for c in kids(child)):
            if child.pos_ == "ADJ" or child.tag_ in {"VBN", "VBG"}:
                subject = next((c for c in kids(child) if c.dep_ == "nsubj" and c.i < child.i), None)
                if subject is not None:
                    return subject, passive
    # The word before the verb and its auxiliaries and adverbs.
    before = verb.i - 1
    while (
        before >= 0 and verb.doc[before].head == verb and verb.doc[before].dep_ in {"aux", "auxpass", "neg", "advmod"}
    ):
        before -= 1
    if before < 0 or verb.doc[before].pos_ not in {"NOUN", "PROPN"}:
        return None, False
    token = verb.doc[before]
    while token.dep_ == "conj" and token.head.i < token.i:
        start = token.left_edge.i
        if start > 0 and verb.doc[start - 1].text == ",":
            return token, passive
        token = token.head
    return None, False


def _words_as_written(tokens: list[Token]) -> str:
    """Tokens in order, joined as the text joins neighbours ("self-isolate", "can't") and by a space across gaps."""
    parts: list[str] = []
    previous: Token | None = None
    for token in tokens:
        if previous is not None:
            parts.append(previous.whitespace_ if token.i == previous.i + 1 else " ")
        parts.append(_uncapitalized(token) if previous is None else token.text)
        previous = token
    return "".join(parts)


def _uncapitalized(token: Token) -> str:
    """A word as it reads inside a relation: a capital only the sentence's start gave goes ("Speaking with",
    "To answer" → "speaking with", "to answer"); a name keeps its own."""
    text = token.text
    if token.is_sent_start and token.pos_ != "PROPN" and text[:1].isupper() and not text.isupper():
        return text[:1].lower() + text[1:]
    return text


def _hyphen_prefix(verb: Token) -> list[Token] | None:
    """The prefix and hyphen written onto a verb ("self-isolate" -> [self, -]), or None."""
    if verb.i < 2:
        return None
    doc = layout(verb.doc).tokens
    hyphen, prefix = doc[verb.i - 1], doc[verb.i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or prefix.whitespace_ or not prefix.is_alpha:
        return None
    if prefix.pos_ in {"VERB", "AUX", "PROPN"} or prefix.dep_ not in {"npadvmod", "advmod", "compound", "amod", "dep"}:
        return None
    return [prefix, hyphen]


_SIBILANT_ENDINGS = ("s", "sh", "ch", "x", "z", "o")
_CVC = re.compile(r"[^aeiou][aeiou][^aeiouwxy]")


def verb_lemma(verb: Token) -> str:
    """The verb's lemma, where English spelling rules out the one the lemmatizer guessed.

    The rule lemmatizer strips "-es" and "-ed" whole when the rest is a verb too: "hopes",
    "hoped" -> "hop". But "-es" makes a third person only after a sibilant or "o" ("watches",
    "goes"), and a short verb ending consonant-vowel-consonant doubles it before "-ed" ("hopped"):
    "hopes" and "hoped" are of "hope".
    """
    lemma = verb.lemma_.lower()
    word = verb.lower_
    if verb.tag_ == "VBZ" and word.endswith("es") and lemma == word[:-2] and not lemma.endswith(_SIBILANT_ENDINGS):
        return word[:-1]
    if verb.tag_ in {"VBD", "VBN"} and word.endswith("ed") and lemma == word[:-2] and _CVC.fullmatch(lemma):
        return word[:-1]
    if word == "lay" and lemma == "lie" and (verb.tag_ in {"VB", "VBP"} or any(c.dep_ == "dobj" for c in kids(verb))):
        return "lay"  # "Butterflies lay eggs": "lay" is "lie"'s past only without an object, in the past tense
    return lemma


def _in_verb_group(adverb: Token, verb: Token) -> bool:
    """Whether only auxiliaries, negation and adverbs stand between ``adverb`` and ``verb``."""
    if adverb.tag_ not in {"RB", "RBR", "RBS"} or verb.i - adverb.i > 4:
        return False
    between = layout(verb.doc).tokens[adverb.i + 1 : verb.i]
    return all(t.dep_ in {"aux", "auxpass", "neg", "advmod"} for t in between)


def _verb_group(verb: Token, frame: Frame, first: bool) -> None:
    # A verb later in a chain keeps its "to" and the auxiliaries after it ("seemed to be filling",
    # not "seemed to filling"); the tense of the chain is its first verb's.
    to = None if first else next((c.i for c in kids(verb) if c.dep_ == "aux" and c.lower_ == "to"), None)
    for child in kids(verb):
        dep = child.dep_
        if dep in {"aux", "auxpass"}:
            if first or child.lower_ == "to" or (to is not None and child.i > to):
                frame.relation.append(child)
            if child.tag_ == "MD" and frame.modality is None:
                frame.modality = child.lemma_.lower()
            if dep == "auxpass":
                frame.passive = True
        elif dep == "neg":
            if not _whether_or_not(child):
                frame.relation.append(child)
                frame.negated = True
        elif dep == "prt":
            frame.relation.append(child)
        elif dep == "advmod" and first and child.i < verb.i and _in_verb_group(child, verb):
            # "probably saw", "has also noted": an adverb inside the verb group qualifies the relation.
            frame.relation.append(child)
            frame.relation.extend(c for c in kids(child) if c.dep_ == "neg")  # "no longer"
    if not first and verb.dep_ == "conj" and to is None:
        # "offered to run X and provide Y": the conjunct shares its sibling's "to" (unless it has its own).
        frame.relation.extend(c for c in kids(head_of(verb)) if c.dep_ == "aux" and c.lower_ == "to")
    if not first and any(c.lower_ == "to" for c in frame.relation if c.i < verb.i and c.i > frame.verbs[0].i):
        frame.key.append("to")
    prefix = _hyphen_prefix(verb)
    if prefix is not None:
        # "self-isolate", "co-host", "re-elect": the tokenizer split the verb at its hyphen.
        frame.relation.extend(prefix)
        frame.consumed.update(t.i for t in prefix)
    frame.relation.append(verb)
    frame.key.append("".join(t.lower_ for t in prefix or ()) + verb_lemma(verb))
    frame.key.extend(c.lower_ for c in kids(verb) if c.dep_ == "prt")


@dataclass(slots=True)
class ObjectSite:
    """A direct object or complement of a clause's last verb, as the object rules see it."""

    child: Token
    verb: Token
    #: The child's prepositional phrases that have an object (a light event's time phrases moved to the clause).
    preps: list[Token]
    frame: Frame
    offset: int

    def pobj(self, prep: Token) -> Token:
        """The object of one of :attr:`preps`."""
        return next(p for p in kids(prep) if p.dep_ == "pobj")


def _object_argument(child: Token, frame: Frame, offset: int) -> Argument | None:
    """A direct object or attribute, as the first :data:`~.rules.object_rules` rule that matches reads it
    (one folds "part of" or a light verb's noun into the relation), else the noun phrase."""
    verb = head_of(child)
    preps = [c for c in kids(child) if c.dep_ == "prep" and any(p.dep_ == "pobj" for p in kids(c))]
    # "did service on behalf of her company": a complex preposition completes no noun.
    preps = [p for p in preps if complex_preposition(p) is None]
    if child.dep_ == "dobj" and _is_light_event(child):
        # "made a decision after a long meeting": a time phrase the parser hung on the event noun is
        # the clause's; the noun's own complement ("talks with X") stays.
        for prep in [p for p in preps if p.lower_ in TEMPORAL_PREPOSITIONS]:
            pobj = next(p for p in kids(prep) if p.dep_ == "pobj")
            frame.adjuncts.append(noun_phrase(pobj, argument_role(prep, pobj), offset, preposition=prep.lower_))
            preps.remove(prep)
    site = ObjectSite(child, verb, preps, frame, offset)
    for rule in frame.object_rules:
        argument = rule(site)
        if argument is not NO_MATCH:
            return argument
    return noun_phrase(child, "object", offset)


def _fold_noun(site: ObjectSite, prep: Token) -> None:
    """The object noun and its preposition join the relation as written ("is part of", "held talks with")."""
    child = site.child
    lo = min(t.i for t in child.subtree if t.i < child.i) if child.n_lefts else child.i
    site.frame.relation.extend(t for t in child.doc[lo : prep.i + 1] if t.dep_ != "punct")


@object_rules.register("noun_complement")
def noun_complement(site: ObjectSite) -> Argument | object:
    """ "X will be part of Y": a bare predicate noun and its preposition are the relation (be_part_of)."""
    child = site.child
    if not (site.preps and child.pos_ == "NOUN" and child.dep_ == "attr"):
        return NO_MATCH
    if any(c.dep_ in {"det", "poss", "nummod", "amod", "compound"} for c in kids(child)):
        return NO_MATCH
    prep = site.preps[0]
    _fold_noun(site, prep)
    site.frame.key += [child.lemma_.lower(), prep.lower_]
    return noun_phrase(site.pobj(prep), "object", site.offset)


@object_rules.register("light_verb_complement")
def light_verb_complement(site: ObjectSite) -> Argument | object:
    """ "held talks with X", "paid a visit to X": a light verb's noun and the preposition that closes it
    are the relation, keyed by the verb the noun names when kg knows it (talk_with)."""
    child, verb = site.child, site.verb
    if not (site.preps and child.pos_ == "NOUN" and child.dep_ == "dobj" and verb.lemma_.lower() in LIGHT_VERBS):
        return NO_MATCH
    prep = site.preps[0]
    pobj = site.pobj(prep)
    # The phrase must close the noun phrase ("talks with X", not "talks with X that ..."); a place or a
    # time is no complement of the noun ("held a press conference in Doha").
    if list(rights(child))[-1] != prep or argument_role(prep, pobj) != "other" or introduces_examples(prep):
        return NO_MATCH
    _fold_noun(site, prep)
    if not _nominal_verb(site.frame, verb, child, prep.lower_):
        site.frame.key += [child.lemma_.lower(), prep.lower_]
    return noun_phrase(pobj, "object", site.offset)


@object_rules.register("role_of_named")
def role_of_named(site: ObjectSite) -> Argument | object:
    """ "X is the president of Y": a role in a named organisation or place is the relation (be_president_of),
    as "part of" is; "one of 16 hospitals" stays a description."""
    child, verb = site.child, site.verb
    if not (child.dep_ == "attr" and child.pos_ == "NOUN" and site.preps and verb.lemma_ == "be"):
        return NO_MATCH
    prep = site.preps[0]
    pobj = site.pobj(prep)
    if not (
        prep.lower_ == "of"
        and is_name(pobj)
        and list(rights(child))[-1] == prep
        and sum(c.dep_ in OBJECT_DEPS for c in kids(verb)) == 1
    ):
        return NO_MATCH
    _fold_noun(site, prep)
    site.frame.key += [child.lemma_.lower(), prep.lower_]
    return noun_phrase(pobj, "object", site.offset)


@object_rules.register("adjective_complement")
def adjective_complement(site: ObjectSite) -> Argument | object:
    """ "is capable of X", "was very critical of X": the adjective and its preposition are the relation."""
    child = site.child
    if not (child.dep_ == "acomp" and child.pos_ == "ADJ"):
        return NO_MATCH
    prep = next((c for c in kids(child) if c.dep_ == "prep" and c.i > child.i), None)
    pobj = next((c for c in kids(prep) if c.dep_ in {"pobj", "pcomp"}), None) if prep is not None else None
    if pobj is None:
        return NO_MATCH
    site.frame.relation.extend(t for t in child.doc[child.left_edge.i : prep.i + 1] if t.dep_ != "punct")
    site.frame.key += [child.lemma_.lower(), prep.lower_]
    if pobj.dep_ == "pcomp":
        return clause_argument(pobj, "object", site.offset)
    return noun_phrase(pobj, "object", site.offset)


@object_rules.register("adjective_state")
def adjective_state(site: ObjectSite) -> Argument | object:
    """ "X is alive", "the situation remains fragile": the state is the relation (be_alive), not a thing the
    subject is linked to; a measure on it stays an adjunct ("25 years old")."""
    child, frame = site.child, site.frame
    if not (child.dep_ == "acomp" and child.pos_ == "ADJ"):
        return NO_MATCH
    if any(c.dep_ in {"conj", "prep", "xcomp", "ccomp"} for c in kids(child)):
        return NO_MATCH
    frame.key.append(child.lemma_.lower())
    frame.eventive = True
    for measure in kids(child):
        if measure.dep_ == "npadvmod" and measure.pos_ in NOMINAL_POS:
            frame.adjuncts.append(noun_phrase(measure, "other", site.offset))
    # The adjective phrase is kept as the "state" role: the relation as written says it with the
    # copula ("is alive"), and a reader of the clause (CaRB) sees it as the copula's complement.
    lo = min([t.i for t in kids(child) if t.dep_ == "advmod" and t.i < child.i] + [child.i])
    return span_argument(child.doc[lo], child, "state", site.offset)


@object_rules.register("light_verb_preposition")
def light_verb_preposition(site: ObjectSite) -> Argument | object:
    """ "gave assurances to X": a light verb's own prepositional phrase right after its noun completes
    the relation (give_assurance_to); a place or time there does not ("held a rally in Kingston")."""
    child, verb, frame = site.child, site.verb, site.frame
    if site.preps or child.dep_ != "dobj" or child.pos_ != "NOUN" or verb.lemma_.lower() not in LIGHT_VERBS:
        return NO_MATCH
    if not all(c.lower_ in {"a", "an"} for c in kids(child) if c.dep_ == "det"):
        return NO_MATCH
    nxt = child.doc[child.right_edge.i + 1] if child.right_edge.i + 1 < len(child.doc) else None
    if nxt is None or head_of(nxt) != verb or nxt.dep_ not in {"prep", "dative"} or nxt.pos_ != "ADP":
        return NO_MATCH
    pobj = next((c for c in kids(nxt) if c.dep_ == "pobj"), None)
    if pobj is None or nxt.lower_ in TEMPORAL_PREPOSITIONS or argument_role(nxt, pobj) != "other":
        return NO_MATCH
    if complex_preposition(nxt) is not None:
        return NO_MATCH  # "did service on behalf of his company": an adjunct, no complement of the noun
    frame.relation.extend(t for t in child.doc[child.left_edge.i : nxt.i + 1] if t.dep_ != "punct")
    if not _nominal_verb(frame, verb, child, nxt.lower_):
        frame.key += [child.lemma_.lower(), nxt.lower_]
    frame.consumed.add(nxt.i)
    return noun_phrase(pobj, "object", site.offset)


@object_rules.register("light_verb_event")
def light_verb_event(site: ObjectSite) -> Argument | object | None:
    """ "made a decision", "launched an attack": the event noun is the relation (decide), not a thing;
    "made a decision to close the schools": what was decided is the object. "launched a crowdfunding
    effort": a noun modifier says which event; the noun phrase stays a thing."""
    child = site.child
    if site.preps or not _is_light_event(child):
        return NO_MATCH
    if any(c.dep_ in {"conj", "appos", "relcl", "compound"} for c in kids(child)):
        return NO_MATCH
    frame = site.frame
    _nominal_verb(frame, site.verb, child, None)
    frame.eventive = True
    frame.relation.extend(t for t in child.doc[child.left_edge.i : child.i + 1] if t.dep_ != "punct")
    infinitive = next((c for c in kids(child) if c.dep_ == "acl" and any(a.lower_ == "to" for a in kids(c))), None)
    return clause_argument(infinitive, "object", site.offset) if infinitive is not None else None


@object_rules.register("relative_object")
def relative_object(site: ObjectSite) -> Argument | object:
    """ "the envoy that Qatar had appointed": the relative pronoun object is the head noun."""
    if site.child.tag_ in RELATIVE_TAGS and site.verb.dep_ == "relcl":
        return noun_phrase(head_of(site.verb), "object", site.offset)
    return NO_MATCH


@functools.cache
def light_verb_nouns() -> dict[str, tuple[str, frozenset[str]]]:
    """Event noun → (its verb, the prepositions that introduce that verb's object), from
    ``ontology/lexicon/light_verb_nouns.tsv``: "decision" → ("decide", {}), "approval" → ("approve", {"of", ...})."""
    found = {}
    for noun, value in table("light_verb_nouns").items():
        verb, *objects = value.split()
        found[noun] = (verb, frozenset(objects))
    return found


def _is_light_event(noun: Token) -> bool:
    """An event noun that is the object of a light verb: "made a decision", "launched an attack"."""
    return (
        noun.dep_ == "dobj"
        and head_of(noun).lemma_.lower() in LIGHT_VERBS
        and noun.lemma_.lower() in light_verb_nouns()
    )


def _agent_on_noun(verb: Token, offset: int) -> Argument | None:
    """The agent of a passive that the parser hung on the noun of an adjunct: "was revealed in a press
    conference by Minister Kay McConney", "were killed in an attack by militants" (a named agent only)."""
    for prep in kids(verb):
        if prep.dep_ != "prep" or prep.lower_ == "by":
            continue
        pobj = next((c for c in kids(prep) if c.dep_ == "pobj"), None)
        if pobj is None or pobj.pos_ not in {"NOUN", "PROPN"}:
            continue
        by = next((c for c in rights(pobj) if c.dep_ == "prep" and c.lower_ == "by"), None)
        named = next((c for c in kids(by) if c.dep_ == "pobj"), None) if by is not None else None
        if named is not None and is_name(named):
            return noun_phrase(named, "agent", offset, preposition="by")
    return None


def _nominal_verb(frame: Frame, verb: Token, noun: Token, preposition: str | None) -> bool:
    """Key a light verb and its event noun by the verb the noun names: "held talks with" → talk_with,
    "gave approval to" → approve, "made a decision" → decide. False when the noun names no event kg knows."""
    entry = light_verb_nouns().get(noun.lemma_.lower())
    if entry is None:
        return False
    meaning, objects = entry
    lemma = verb_lemma(verb)
    for n in range(len(frame.key) - 1, -1, -1):
        if frame.key[n] == lemma:
            frame.key[n] = meaning
            break
    else:
        frame.key.append(meaning)
    if preposition is not None and preposition not in objects:
        frame.key.append(preposition)
    return True


def _clause_of(token: Token) -> Token:
    """The nearest verb above a token."""
    while head_of(token) is not token and token.pos_ not in {"VERB", "AUX"}:
        token = head_of(token)
    return token


def build_frame(
    chain: list[Token], offset: int, time_adjuncts: list[Token] = (), object_rules: tuple | None = None
) -> Frame:
    """The relation and arguments of one control chain (``object_rules``: those to run, else all)."""
    frame = Frame(chain)
    if object_rules is not None:
        frame.object_rules = object_rules
    _chain_relation(chain, frame)
    last = chain[-1]
    objects: list[Argument] = []
    clauses: list[Argument] = []
    others: list[Argument] = []
    carriers: list[Token] = []  # nouns of the object and of adjuncts, whose own place phrase is the clause's
    for child in kids(last):
        if child.dep_ in OBJECT_DEPS:
            argument = _object_argument(child, frame, offset)
            if argument is not None:
                objects.append(argument)
                if child.dep_ == "dobj":
                    carriers.append(child)
    for verb in chain:
        for child in kids(verb):
            if child.dep_ in OBJECT_DEPS or child.i in frame.consumed:
                continue
            if verb == last and child.dep_ == "ccomp":
                clauses.append(clause_argument(child, "object", offset))
                continue
            argument = _adjunct(verb, child, verb == last, frame, offset, carriers)
            if argument is not None:
                others.append(argument)
    others.extend(frame.adjuncts)
    others.extend(_event_places(carriers, offset))
    place = _relative_where(chain[0], offset)
    if place is not None:
        others.append(place)
    for prep in time_adjuncts:
        if _clause_of(prep) in chain:
            pobj = next(c for c in kids(prep) if c.dep_ == "pobj")
            others.append(time_phrase(pobj, offset, preposition=prep.lower_))
    frame.arguments = _ordered_objects(objects, clauses) + others
    return frame


def _relative_where(top: Token, offset: int) -> Argument | None:
    """The place a "where" relative clause happens: "in Nairobi, where officials met" -> at Nairobi.

    The clause's place is the noun it modifies; a name of a place makes it a location.
    """
    if top.dep_ != "relcl" or not any(c.dep_ == "advmod" and c.lower_ == "where" for c in kids(top)):
        return None
    noun = head_of(top)
    if noun.pos_ not in NOMINAL_POS:
        return None
    role = "location" if _names_one_of(noun, LOCATION_LABELS) else "other"
    return noun_phrase(noun, role, offset, preposition="in")


def _chain_relation(chain: list[Token], frame: Frame) -> None:
    """The verb groups of a control chain join the relation ("agreed to provide", "were able to reinforce")."""
    for n, verb in enumerate(chain):
        if n and head_of(verb).dep_ == "acomp":
            # "were (too) able to": the adjective and its degree adverbs join the relation.
            adjective = head_of(verb)
            frame.relation.extend(c for c in kids(adjective) if c.dep_ == "advmod" and c.i < adjective.i)
            frame.relation.append(adjective)
            frame.key.append(adjective.lemma_.lower())
        _verb_group(verb, frame, n == 0)


def _adjunct(
    verb: Token, child: Token, last: bool, frame: Frame, offset: int, carriers: list[Token]
) -> Argument | None:
    """A verb's dependent other than its objects as an argument: a dative, a clause, an agent, a
    prepositional phrase, a bare noun-phrase adjunct; None for any other dependent."""
    dep = child.dep_
    if last and dep == "dative":
        if child.pos_ != "ADP":
            return noun_phrase(child, "other", offset)
        # "gave assurances to the United States": a prepositional dative.
        pobj = next((c for c in kids(child) if c.dep_ == "pobj"), None)
        return noun_phrase(pobj, "other", offset, preposition=child.lower_) if pobj is not None else None
    if dep == "xcomp" and not _controls(verb, child):
        return clause_argument(child, "other", offset)
    if dep == "agent":
        pobj = next((c for c in kids(child) if c.dep_ == "pobj"), None)
        return noun_phrase(pobj, "agent", offset, preposition="by") if pobj is not None else None
    if dep == "prep":
        return _prepositional(child, frame, offset, carriers)
    if dep == "advmod" and child.lower_ in _DIRECTION_WORDS and child.i > verb.i:
        # "move away from coal": the adverb and its preposition are one ("away from").
        return _prepositional(child, frame, offset, carriers)
    if dep in {"npadvmod", "tmod"} and child.pos_ in {"NOUN", "PROPN", "NUM"}:
        # A bare noun-phrase adjunct ("last week", "every second", "a year") is an argument.
        if child.ent_type_ in TIME_LABELS:
            return time_phrase(child, offset)
        return noun_phrase(child, "other", offset)
    return None


def _prepositional(prep: Token, frame: Frame, offset: int, carriers: list[Token]) -> Argument | None:
    """A prepositional phrase of the verb: a place, a time, a clause ("by cheating") or another phrase."""
    if prep.lower_ == "according":
        return None
    complex_ = complex_preposition(prep)
    if complex_ is not None:
        # "on behalf of his company": the company is the complement; "behalf" names nothing.
        words_, complement = complex_
        if complement.dep_ == "pcomp":
            argument = _prepositional_clause(complement, words_, offset)
        else:
            argument = noun_phrase(complement, "other", offset, preposition=words_)
        frame.preps[argument.start] = prep
        return argument
    pobj = next((c for c in kids(prep) if c.dep_ in {"pobj", "pcomp"}), None)
    if pobj is None:
        # "got out of a vehicle": the parser may hang the second word on the first as a preposition.
        pobj = next((c for c in kids(prep) if c.dep_ == "prep" and c.i == prep.i + 1 and c.pos_ == "ADP"), None)
        if pobj is None:
            return None
    if pobj.pos_ == "ADP" and pobj.dep_ in {"pcomp", "prep"}:
        # "because of X", "out of X": a two-word preposition; the noun hangs on either word.
        inner = next((c for c in [*kids(prep), *kids(pobj)] if c.dep_ == "pobj"), None)
        if inner is None:
            return None
        argument = noun_phrase(inner, "other", offset, preposition=f"{prep.lower_} {pobj.lower_}")
    elif pobj.dep_ == "pcomp":
        argument = _prepositional_clause(pobj, prep.lower_, offset)
    else:
        role = argument_role(prep, pobj)
        if role == "time":
            argument = time_phrase(pobj, offset, preposition=prep.lower_)
        else:
            argument = noun_phrase(pobj, role, offset, preposition=prep.lower_)
            if role == "other":
                carriers.append(pobj)
    argument.role = argument.role if argument.role != "object" else "other"
    frame.preps[argument.start] = prep
    return argument


def _prepositional_clause(pcomp: Token, preposition: str, offset: int) -> Argument:
    """A preposition's clause ("by cheating", "in favour of raising taxes") as an "other" argument."""
    argument = clause_argument(pcomp, "other", offset)
    argument.is_clause = pcomp.pos_ in {"VERB", "AUX"}
    argument.preposition = preposition
    return argument


def _event_places(carriers: list[Token], offset: int) -> list[Argument]:
    """ "conducted a land patrol at the boat ramp in Fajardo", "found with gunshot wounds in the jungle of
    Bethany": a place phrase closing the object or an adjunct places the event too. It stays inside its
    phrase; the location argument nests in it."""
    places = []
    for noun in carriers:
        prep = next((c for c in reversed(rights(noun)) if c.dep_ == "prep"), None)
        inner = next((c for c in kids(prep) if c.dep_ == "pobj"), None) if prep is not None else None
        if inner is not None and argument_role(prep, inner) == "location":
            places.append(noun_phrase(inner, "location", offset, preposition=prep.lower_))
    return places


def _ordered_objects(objects: list[Argument], clauses: list[Argument]) -> list[Argument]:
    """Noun objects and complement clauses in the order a reader takes them."""
    if clauses and objects and all(o.role == "object" for o in objects) and clauses[0].start > objects[0].start:
        # "told reporters (that) ...": the clause is what is told, the noun the recipient. A clause before
        # the verb is no complement of it ("The proposal was supported ..., Dr Mitchell suggested an initiative").
        for o in objects:
            o.role = "other"
        return clauses + objects
    return objects + clauses


def _fold_preposition(frame: Frame, prep_tokens: dict[int, Token]) -> None:
    """No object: the first "other" prepositional phrase is the object, its preposition joins the relation."""
    if frame.eventive or any(a.role == "object" for a in frame.arguments):
        return
    verb = frame.verbs[-1]
    for n, argument in enumerate(frame.arguments):
        prep = prep_tokens.get(argument.start)
        # A fronted phrase ("In 1990, prices rose ...") is an adjunct, never the verb's complement.
        if (
            argument.role == "other"
            and argument.preposition
            and not argument.is_clause
            and (prep is None or prep.i > verb.i)
            and (" " not in argument.preposition or argument.preposition.split()[0] in _DIRECTION_WORDS)
        ):
            argument.role = "object"
            frame.arguments.insert(0, frame.arguments.pop(n))
            if prep is not None:
                frame.relation.append(prep)
                if " " in argument.preposition and prep.i + 1 < len(prep.doc):
                    frame.relation.append(prep.doc[prep.i + 1])  # "out of", "because of": both words
            if argument.preposition not in TRANSPARENT_PREPOSITIONS:
                frame.key.extend(argument.preposition.split())
            return


@dataclass(slots=True)
class Clause:
    """One predicate's clause as the clause rules see and rewrite it."""

    chain: list[Token]
    frame: Frame
    offset: int
    subject_token: Token | None
    passive: bool
    agent: Argument | None
    subject: Argument | None = None
    construction: str = "svo"


def _clause(chain: list[Token], offset: int, time_adjuncts: list[Token], object_rules: tuple | None) -> Clause:
    """The frame of a control chain with its subject token, voice and agent."""
    top = chain[0]
    subject_token, passive_subject = subject_of(top)
    frame = build_frame(chain, offset, time_adjuncts, object_rules)
    # "supervised by X" with no auxiliary: a by-agent makes a participle passive.
    passive = (
        frame.passive or passive_subject or (top.tag_ == "VBN" and any(a.role == "agent" for a in frame.arguments))
    )
    agent = next((a for a in frame.arguments if a.role == "agent"), None)
    if passive and agent is None:
        agent = _agent_on_noun(chain[-1], offset)
        if agent is not None:
            frame.arguments.append(agent)
    return Clause(chain, frame, offset, subject_token, passive, agent)


def _own_passive(verb: Token) -> bool:
    """Whether a verb is passive itself: its own passive auxiliary or passive subject."""
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in kids(verb))


@clause_rules.register("passive")
def passive(clause: Clause) -> None:
    """ "The attack was claimed by ISKP" -> (ISKP, claim, The attack): stored in the active voice, the agent
    the subject and the patient the object; an agentless passive has no subject."""
    if not clause.passive:
        return
    frame, agent, subject_token, offset = clause.frame, clause.agent, clause.subject_token, clause.offset
    if len(clause.chain) > 1 and clause.chain[0].pos_ == "VERB" and not _own_passive(clause.chain[0]):
        # "She wanted to be elected by the members": the later verb is passive, not the clause; the
        # members did not want anything. Said in the voice written: she — want to be elected — (by them).
        # ("are to be increased": "be to" is a modal, its chain passive as a whole.)
        clause.passive = False
        last = clause.chain[-1]
        if frame.key and frame.key[-1] == verb_lemma(last):
            frame.key[-1:] = ["be", last.lower_]
        if agent is not None:
            agent.role = "other"
            agent.preposition = agent.preposition or "by"
        return
    if len(clause.chain) > 1 and clause.chain[-1].tag_ != "VBN" and any(a.role == "object" for a in frame.arguments):
        # "Residents are being urged to avoid the area": the passive subject does what the controlled
        # verb says, to its own object; made the patient, it would push "the area" out.
        clause.passive = False
        top = clause.chain[0]
        if frame.key and frame.key[0] == verb_lemma(top):
            frame.key[0:1] = ["be", top.lower_]  # "be urged to avoid": not "urge to avoid"
        return
    clause.construction = "passive"
    patient = None
    if subject_token is not None:
        patient = (
            clause_argument(subject_token, "object", offset)
            if subject_token.dep_ in {"csubj", "csubjpass"}
            else noun_phrase(subject_token, "object", offset)
        )
    frame.arguments = [a for a in frame.arguments if a is not agent]
    if patient is not None:
        for a in frame.arguments:
            if a.role == "object":
                a.role = "other"
        frame.arguments.insert(0, patient)
    if agent is not None:
        agent.role = "subject"
        agent.preposition = None
        clause.subject = agent
        by = next((c for v in clause.chain for c in kids(v) if c.dep_ == "agent"), None)
        if by is not None:
            frame.relation.append(by)


def _active(clause: Clause) -> None:
    """An active clause: a "by" phrase is no agent; with no object, a prepositional phrase is the object."""
    if clause.agent is not None:
        clause.agent.role = "other"
    _fold_preposition(clause.frame, clause.frame.preps)


@clause_rules.register("clausal_subject")
def clausal_subject(clause: Clause) -> None:
    """ "That he resigned surprised no one": a clause is the subject."""
    token = clause.subject_token
    if clause.passive or token is None or token.dep_ not in {"csubj", "csubjpass"}:
        return
    clause.subject = clause_argument(token, "subject", clause.offset)
    clause.construction = "clausal_subject"
    _active(clause)


@clause_rules.register("svo")
def svo(clause: Clause) -> None:
    """ "The Taliban seized Kabul": the subject noun phrase, the verb group, its objects."""
    token, offset = clause.subject_token, clause.offset
    if clause.passive or (token is not None and token.dep_ in {"csubj", "csubjpass"}):
        return
    if token is not None:
        top = clause.chain[0]
        subject = noun_phrase(token, "subject", offset)
        fronted = [c for c in kids(top) if c.dep_ in SUBJECT_DEPS and c.i < token.i]
        if fronted and subject.conjuncts == [] and top.i > token.i:
            # "Ramdehol's sister, Inderdai Deyal said": the title and the name are one subject.
            subject = span_argument(fronted[0].left_edge, layout(top.doc).tokens[token.i], "subject", offset)
            subject.end = max(subject.end, noun_phrase(token, "subject", offset).end)
        clause.subject = subject
    _active(clause)


@clause_rules.register("copula")
def copula(clause: Clause) -> None:
    """ "The embassy is a target": a clause of "be" with a subject."""
    if clause.chain[0].lemma_ == "be" and clause.construction == "svo":
        clause.construction = "copula"


@clause_rules.register("existential")
def existential(clause: Clause) -> None:
    """ "There was a fixed point": an existential states that its object exists (predicate exist)."""
    top = clause.chain[0]
    if clause.construction != "copula" or clause.subject is not None:
        return
    if any(c.dep_ == "expl" and c.lower_ == "there" for c in kids(top)):
        clause.construction = "existential"
        clause.frame.key = ["exist" if w == "be" else w for w in clause.frame.key]


@clause_rules.register("modifier")
def modifier(clause: Clause) -> None:
    """ "the agreement signed in Doha", "efforts to end the war": a participle or infinitive modifying a noun."""
    if clause.chain[0].dep_ == "acl" and clause.construction != "passive":
        clause.construction = "modifier"


@clause_rules.register("relative")
def relative(clause: Clause) -> None:
    """ "the group, which seized Kabul": a relative clause; the pronoun stands for the noun."""
    if clause.chain[0].dep_ == "relcl" and clause.construction != "passive":
        clause.construction = "relative"


def extract_predicate(
    chain: list[Token],
    *,
    sentence: int,
    offset: int,
    time_adjuncts: list[Token] = (),
    question: bool = False,
    rules: tuple | None = None,
    object_rules: tuple | None = None,
) -> Extraction | None:
    """One clause-level extraction for one control chain, or None if it has no arguments.

    ``rules`` and ``object_rules``: the clause and object rules to run (else all registered).
    """
    top = chain[0]
    if top.dep_ in {"csubj", "csubjpass"} and top.tag_ in {"VBG", "VB"} and not _has_subject(top):
        # "Building a rocket requires ...": a gerund or infinitive subject states nothing by itself;
        # it is the subject of the clause above.
        return None
    clause = _clause(chain, offset, time_adjuncts, object_rules)
    for rule in clause_rules.select() if rules is None else rules:
        rule(clause)
    frame, subject, subject_token = clause.frame, clause.subject, clause.subject_token
    if subject is None and not frame.arguments:
        return None
    if not frame.arguments and top.tag_ == "VBG" and top.dep_ == "advcl":
        # "Speaking of …, Biden has": a bare participle adjunct with a borrowed subject says nothing.
        return None
    if subject is not None and subject.text.lower() in _WH_WORDS:
        return None
    # "what people say": a bare wh-word object stands for the clause around it, which says more.
    frame.arguments = [a for a in frame.arguments if a.text.lower() not in _WH_WORDS]
    if subject is None and not frame.arguments:
        return None
    relation_tokens = sorted(set(frame.relation), key=lambda t: t.i)
    objects = [c for c in kids(chain[-1]) if c.dep_ in {"dobj", "attr"}]  # "has no plans", "there are no ..."
    negated = (
        frame.negated
        or _negated(top)
        or (subject_token is not None and subject_token.dep_ in SUBJECT_DEPS and _says_no(subject_token))
        or any(_says_no(o) for o in objects)
    )
    modality = context_modality(top, question) or _possibly(top) or frame.modality or _shared_modal(top)
    return Extraction(
        tense=_tense(top, frame.modality or _shared_modal(top)),
        sentence=sentence,
        relation=_words_as_written(relation_tokens),
        predicate=predicate_key(frame.key),
        subject=subject,
        arguments=frame.arguments,
        negated=negated,
        modality=modality,
        construction=clause.construction,
    )


#: Modals that point a clause forward in time ("will meet on Wednesday", "must self-isolate from Saturday").
_FORWARD_MODALS = frozenset({"will", "shall", "must", "should"})


def _tense(verb: Token, modal: str | None) -> str | None:
    """ "past" (a past tense or the present perfect: "met", "was charged", "has served"), "future" (will,
    shall, and the obligations must, should: "must self-isolate from Saturday"), else None; a conjunct
    without an auxiliary of its own has its sibling's."""
    if modal is not None:
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in kids(verb))
        return "future" if modal in _FORWARD_MODALS and not perfect else None
    while True:
        auxiliaries = [c for c in kids(verb) if c.dep_ in {"aux", "auxpass"}]
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
            return "past"
        if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxiliaries):
            return "past"
        if auxiliaries or not _shares_auxiliaries(verb):
            return None
        verb = head_of(verb)


def clause_extractions(
    sent: Span,
    *,
    sentence: int,
    offset: int = 0,
    rules: Iterable[str] | None = None,
    objects: Iterable[str] | None = None,
) -> list[tuple[Extraction, Token]]:
    """Every predicate's extraction in a sentence, with the verb heading its clause.

    ``rules`` names the :data:`~.rules.clause_rules` and ``objects`` the :data:`~.rules.object_rules`
    to run, in order (all registered ones for None).
    """
    found = []
    selected, selected_objects = clause_rules.select(rules), object_rules.select(objects)
    table = layout(sent.doc)
    pos, dep, every = table.pos, table.dep, table.tokens
    span = range(sent.start, sent.end)
    time_adjuncts = [every[i] for i in span if dep[i] == "prep" and is_time_adjunct(every[i])]
    question = is_question(sent)
    for i in span:
        if pos[i] not in {"VERB", "AUX"}:
            continue
        token = every[i]
        if not is_predicate(token) or is_merged(token):
            continue
        for chain in chains(token):
            extraction = extract_predicate(
                chain,
                sentence=sentence,
                offset=offset,
                time_adjuncts=time_adjuncts,
                question=question,
                rules=selected,
                object_rules=selected_objects,
            )
            if extraction is not None:
                found.append((extraction, token))
    return found
