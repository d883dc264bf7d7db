"""Facts people read in noun phrases: appositions, titles, possessives, "X in Y".

* apposition: "Ned Price, the State Department spokesperson" -> (Ned Price, is, spokesperson)
* title compound: "Taliban spokesperson Suhail Shaheen" -> (Suhail Shaheen, spokesperson of, Taliban)
* role: "Abdul Ghani Baradar, a co-founder of the Taliban" -> (Abdul Ghani Baradar, co-founder of, Taliban)
* possessive: "Qatar's foreign minister" -> (Qatar, has, foreign minister)
* prepositional modifier: "the US embassy in Doha" -> (the US embassy, is in, Doha)

Each is a rule registered in :data:`kg.extraction.rules.noun_phrase_rules`, run in that order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..records import Argument, Extraction
from .clauses import is_name, predicate_key
from .phrases import (
    NOMINAL_POS,
    QUANTITY_NOUNS,
    complex_preposition,
    conjuncts,
    is_time_adjunct,
    noun_phrase,
    phrase_bounds,
    span_argument,
    title_split,
)
from .rules import noun_phrase_rules
from .tree import Layout, head_of, kids, layout, rights

# Prepositional modifiers of a noun that read as "X is <prep> Y".
NP_PREPOSITIONS = frozenset({"in", "of", "from", "at", "near"})


def _head_only(head: Token, offset: int, stop: int, role: str) -> Argument:
    """The noun phrase of ``head`` cut before token ``stop`` (its own prepositional phrase, apposition)."""
    lo, hi = phrase_bounds(head)
    hi = min(hi, stop - 1)
    doc = layout(head.doc).tokens  # head.doc[i] would build a new Token each time
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ == "cc"):
        hi -= 1
    return span_argument(doc[lo], doc[hi], role, offset)


def _bare_title(name: Token) -> Token | None:
    """The bare title before a name ("President Bush" -> President), or None."""
    table = layout(name.doc)
    doc = table.tokens
    i = name.i - 1
    while i >= 0 and table.pos[i] == "PROPN" and table.heads[i].i == name.i and table.dep[i] == "compound":
        i -= 1
    if i < 0:
        return None
    title = doc[i]
    if head_of(title) == name and title.dep_ == "compound" and title.pos_ == "NOUN" and not title.n_lefts:
        return title
    return None


def _role_of(noun: Token) -> Token | None:
    """The named organisation or place a role noun is "of": "a co-founder of the Taliban" -> Taliban.

    Only when the "of" phrase closes the noun phrase and names something: "one of 16 hospitals",
    "a co-founder of the group" give no role.
    """
    if noun.pos_ != "NOUN":
        return None
    right = rights(noun)
    if not right or right[-1].dep_ != "prep" or right[-1].lower_ != "of":
        return None
    pobj = next((c for c in kids(right[-1]) if c.dep_ == "pobj"), None)
    return pobj if pobj is not None and is_name(pobj) else None


def _role_words(noun: Token) -> list[Token]:
    """The role noun with the parts written onto it: "co-founder", "vice-chancellor"."""
    doc = layout(noun.doc).tokens
    lo = noun.i
    while lo > 0 and not doc[lo - 1].whitespace_ and (not doc[lo - 1].is_punct or doc[lo - 1].text == "-"):
        lo -= 1
    return list(doc[lo : noun.i + 1])


def _fact(sentence: int, relation: str, predicate: str, subject: Argument, obj: Argument, construction: str):
    obj.role = "object"
    subject.role = "subject"
    return Extraction(
        sentence=sentence,
        relation=relation,
        predicate=predicate,
        subject=subject,
        arguments=[obj],
        construction=construction,
    )


@dataclass(slots=True)
class NounPhraseContext:
    """What the noun-phrase rules of one sentence share."""

    sentence: int
    offset: int
    table: Layout
    #: Appositive role nouns whose "of" phrase made a role fact ("co-founder of the Taliban"):
    #: the "of" phrase is then no "X is of Y" fact.
    roles: set[int] = field(default_factory=set)


def _in_appositive_run(token: Token) -> bool:
    """A piece of a word the parser split into appositions ("co-founder"): the run is read once, at its end."""
    doc = token.doc
    return (
        not token.whitespace_
        and token.i + 1 < len(doc)
        and doc[token.i + 1].dep_ == "appos"
        and doc[token.i + 1].head == head_of(token)
    )


def _skipped(token: Token, dep: str, pos: str) -> bool:
    """Tokens no noun-phrase rule reads."""
    if dep == "appos" and pos == "NUM":
        return True  # "Heather Grant, 33," gives an age, "Klobuchar (17)" a count: not what X is
    if dep == "appos" and head_of(token).pos_ in NOMINAL_POS:
        return _in_appositive_run(token)
    return dep == "prep"


def nominal_extractions(
    sent: Span, *, sentence: int, offset: int = 0, rules: Iterable[str] | None = None
) -> list[Extraction]:
    """The noun-phrase facts of one sentence: each :data:`~.rules.noun_phrase_rules` rule (those
    named in ``rules``, else all) at each nominal token, in order."""
    found: list[Extraction] = []
    table = layout(sent.doc)
    context = NounPhraseContext(sentence, offset, table)
    selected = noun_phrase_rules.select(rules)
    for i in range(sent.start, sent.end):
        pos = table.pos[i]
        if pos not in NOMINAL_POS:
            continue
        token = table.tokens[i]
        if _skipped(token, table.dep[i], pos):
            continue
        for rule in selected:
            found.extend(rule(token, context))
    return found


@noun_phrase_rules.register("apposition")
def apposition(token: Token, context: NounPhraseContext) -> list[Extraction]:
    """ "Ned Price, the State Department spokesperson" -> (Ned Price, is, the State Department spokesperson);
    with a role in a named thing also "X, a co-founder of the Taliban" -> (X, is co-founder of, the Taliban)."""
    head = head_of(token)
    if token.dep_ != "appos" or head.pos_ not in NOMINAL_POS:
        return []
    if _list_read_as_appositions(token):
        return []
    offset = context.offset
    if token.pos_ == "PROPN" and head.pos_ == "NOUN":
        # "Khalilzad's deputy, Molly Phee": the name is the subject.
        subject = noun_phrase(token, "subject", offset)
        obj = _head_only(head, offset, token.i, "object")
    else:
        subject = _head_only(head, offset, token.i, "subject")
        obj = _appositive(token, head, offset)
        names = [h for h in conjuncts(head) if h.i < token.i]
        if not all(h.pos_ == "PROPN" for h in names):
            names = [head]  # "14 degrees and Daegu, 15 degrees": an ellipsis, not names described
        if len(names) > 1 and token.tag_ in ("NNS", "NNPS"):
            # "Biden and Sanders, the two frontrunners": a plural appositive is said of every conjunct.
            parts = [_head_only(h, offset, token.i, "subject") for h in names]
            text = layout(head.doc).text[parts[0].start - offset : parts[-1].end - offset]
            subject = Argument(text, parts[0].start, parts[-1].end, "subject")
            subject.conjuncts = parts
        elif len(names) > 1:
            # "Biden and Ned Price, the State Department spokesperson": the parser hangs a singular
            # appositive on the coordination's first name; it is the nearest one's.
            subject = _head_only(names[-1], offset, token.i, "subject")
    if _place_in_brackets(token, head):
        # "San José (Costa Rica)", "Springfield (Illinois)": the place in brackets holds the other.
        return [_fact(context.sentence, "is in", "be_in", subject, obj, "apposition")]
    found = [_fact(context.sentence, "is", "be", subject, obj, "apposition")]
    organisation = _role_of(token) if head.pos_ == "PROPN" else None
    if organisation is not None:
        # "X, a co-founder of the Taliban": X holds a role in a named thing.
        words = _role_words(token)
        name = Argument(subject.text, subject.start, subject.end, "subject")
        found.append(
            _fact(
                context.sentence,
                f"is {' '.join(t.text for t in words)} of".replace(" - ", "-"),
                predicate_key([t.lemma_.lower() for t in words] + ["of"]),
                name,
                noun_phrase(organisation, "object", offset),
                "apposition",
            )
        )
        context.roles.add(token.i)
    return found


_PLACE_LABELS = frozenset({"GPE", "LOC"})


def _place_in_brackets(token: Token, head: Token) -> bool:
    """Whether an appositive is a place in brackets after a place ("San José (Costa Rica)")."""
    first = token.left_edge.i
    return (
        first > 0
        and token.doc[first - 1].text == "("
        and token.ent_type_ in _PLACE_LABELS
        and head.ent_type_ in _PLACE_LABELS
    )


def _list_read_as_appositions(token: Token) -> bool:
    """Whether an appositive is a link of a list the parser read as a chain of appositions:
    "Grant, her husband, Ambersley and another woman were travelling" (four people, not Grant
    being her husband): appositions in a row from a name, the last with a conjunct. From a common
    noun, a list is what the noun names ("the final destination: Punta Cana, Cancun and Havana")."""
    chain = [token]
    while chain[-1].dep_ == "appos" and head_of(chain[-1]).dep_ == "appos":
        chain.append(head_of(chain[-1]))
    if head_of(chain[-1]).pos_ != "PROPN":
        return False
    below = token
    while (nxt := next((c for c in kids(below) if c.dep_ == "appos"), None)) is not None:
        chain.append(nxt)
        below = nxt
    return len(chain) > 1 and any(c.dep_ == "conj" for link in chain for c in kids(link))


def _appositive(token: Token, head: Token, offset: int) -> Argument:
    """The appositive phrase, whole when the parser split its word into a run of appositions ("co-founder")."""
    doc = token.doc
    first = token.i
    while (
        first > 0 and not doc[first - 1].whitespace_ and doc[first - 1].dep_ == "appos" and doc[first - 1].head == head
    ):
        first -= 1
    if first < token.i:
        lo = min(doc[first].left_edge.i, first)
        return span_argument(doc[lo], doc[phrase_bounds(token)[1]], "object", offset)
    return noun_phrase(token, "object", offset)


@noun_phrase_rules.register("possessive")
def possessive(token: Token, context: NounPhraseContext) -> list[Extraction]:
    """ "Qatar's foreign minister" -> (Qatar, has, foreign minister); never a pronoun ("his", "whose")."""
    if token.dep_ != "poss" or token.tag_ in {"PRP$", "WP$"} or token.pos_ == "PRON":
        return []
    doc = token.doc
    owner = span_argument(doc[phrase_bounds(token)[0]], token, "subject", context.offset)
    head = head_of(token)
    case = [c for c in kids(token) if c.dep_ == "case"]
    first = (case[-1].i if case else token.right_edge.i) + 1
    if first > head.i:
        return []
    owned = span_argument(doc[first], doc[head.i], "object", context.offset)
    return [_fact(context.sentence, "has", "have", owner, owned, "possessive")]


@noun_phrase_rules.register("title_compound")
def title_compound(token: Token, context: NounPhraseContext) -> list[Extraction]:
    """ "Taliban spokesperson Suhail Shaheen" -> (Suhail Shaheen, is spokesperson of, Taliban);
    a bare title "President Bush" -> (Bush, is, President)."""
    if token.pos_ != "PROPN":
        return []
    doc, offset = token.doc, context.offset
    split = title_split(token)
    if split is not None and split[1].is_alpha:
        start, title = split
        name = span_argument(doc[start], token, "subject", offset)
        mods = [t for t in doc[token.left_edge.i : title.i] if t.dep_ not in {"det", "punct"} and not t.is_punct]
        if not mods or all(t.like_num for t in mods):
            return []  # "the 51-member Congressional Black Caucus": a size, not a title of some organisation
        if not any(t.pos_ == "PROPN" or t.ent_type_ for t in mods):
            return []  # "lead author Josh Leipheimer", "senior officer": a kind of author, of no one named
        org = span_argument(mods[0], mods[-1], "object", offset)
        return [
            _fact(context.sentence, f"is {title.text} of", f"{title.lemma_.lower()}_of", name, org, "title_compound")
        ]
    bare = _bare_title(token)
    if bare is None:
        return []
    name = span_argument(doc[bare.i + 1], token, "subject", offset)
    title_arg = span_argument(bare, bare, "object", offset)
    return [_fact(context.sentence, "is", "be", name, title_arg, "title_compound")]


@noun_phrase_rules.register("np_preposition")
def np_preposition(token: Token, context: NounPhraseContext) -> list[Extraction]:
    """ "the US embassy in Doha" -> (the US embassy, is in, Doha): the first prepositional modifier of
    :data:`NP_PREPOSITIONS` that is neither a time adjunct, part of a name, nor a role fact's "of"."""
    if token.dep_ == "attr":
        # A predicate nominal's modifiers are the copula extraction's ("is a key figure in").
        return []
    if token.dep_ == "pobj" and complex_preposition(token.head) is not None:
        return []  # "behalf" of "on behalf of his company" is no thing to say something of
    for prep in rights(token):
        if prep.dep_ != "prep" or prep.lower_ not in NP_PREPOSITIONS or is_time_adjunct(prep):
            continue
        if prep.ent_iob_ == "I" or (prep.lower_ == "of" and token.i in context.roles):
            return []  # "the University of England": part of a name; "co-founder of": a role fact
        if prep.lower_ == "of" and (token.lemma_.lower() in QUANTITY_NOUNS or token.pos_ in ("NUM", "DET", "PRON")):
            return []  # "a number of patients", "five of the hospitals": the phrase is the patients
        pobj = next((c for c in kids(prep) if c.dep_ == "pobj"), None)
        if pobj is None or pobj.pos_ not in NOMINAL_POS:
            continue
        subject = _head_only(token, context.offset, prep.i, "subject")
        obj = noun_phrase(pobj, "object", context.offset, preposition=prep.lower_)
        return [_fact(context.sentence, f"is {prep.text}", f"be_{prep.lower_}", subject, obj, "np_preposition")]
    return []
