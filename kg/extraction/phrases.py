"""Noun phrases and clauses as :class:`~kg.records.Argument` spans.

An argument is a whole phrase with its modifiers ("officials from the State
Department"), never a lone head token, but without the clause-level material
hanging off it (relative clauses, participial modifiers, appositions): those
become facts of their own. Spans are contiguous and exact substrings of the
document text, so entity resolution can key on ``(start, end)``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from spacy.tokens import Token

from ..lexicon import words
from ..ontology import labels_for_class
from ..records import Argument
from .tree import head_of, kids, layout, rights

# Dependents of a noun that belong to the clause around it, not to the phrase.
NP_EXCLUDE = frozenset({"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "parataxis", "mark"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
# A noun in a list that spaCy attached as a modifier after a comma ("the State
# Department, USAID and ..." parses USAID as amod of Department).
LIST_MISATTACHED = frozenset({"amod", "compound", "appos", "npadvmod", "nmod"})


TIME_LABELS = labels_for_class("TimeExpression")
TIME_PREPOSITIONS = frozenset(
    {"on", "in", "at", "during", "since", "until", "before", "after", "by", "from", "through", "till", "throughout"}
)


def is_time_adjunct(prep: Token) -> bool:
    """A time phrase the parser hung on a noun ("captured Kunduz without a fight in August").

    News puts time adjuncts at the end of the clause, where the parser often
    attaches them to the last noun; they belong to the clause.
    """
    if prep.dep_ != "prep" or prep.lower_ not in TIME_PREPOSITIONS or head_of(prep).pos_ not in {"NOUN", "PROPN"}:
        return False
    pobj = next((c for c in kids(prep) if c.dep_ == "pobj"), None)
    return pobj is not None and pobj.ent_type_ in TIME_LABELS


def _collect(token: Token, into: set[int], keep_conj: bool) -> None:
    table = layout(token.doc)
    _collect_in(table.children, table.dep, token, into, keep_conj)


_KEPT_WITH_CONJ = frozenset({"conj", "cc", "punct"})


def _collect_in(children: list[list[Token]], dep_of: list[str], token: Token, into: set[int], keep_conj: bool) -> None:
    """:func:`_collect` on the doc's tables, passed down (the walk visits every token of a phrase).

    The walk keeps its own stack: a parse tree can be as deep as a sentence is
    long ("the son of the son of ..." nests two levels per three words), deeper
    than Python's recursion limit.
    """
    into.add(token.i)
    stack = [(token, keep_conj)]
    while stack:
        node, keep = stack.pop()
        for child in children[node.i]:
            i = child.i
            dep = dep_of[i]
            if dep in NP_EXCLUDE and not (keep and dep in _KEPT_WITH_CONJ):
                continue
            if dep == "prep" and is_time_adjunct(child):
                continue
            into.add(i)
            if dep == "prep" or dep == "pobj" or dep == "pcomp":
                stack.append((child, True))
            elif children[i]:
                stack.append((child, keep))


def _run(head: Token, indices: set[int]) -> tuple[int, int]:
    """The contiguous run of ``indices`` around ``head`` with edge punctuation and conjunctions trimmed."""
    lo = hi = head.i
    while lo - 1 in indices:
        lo -= 1
    while hi + 1 in indices:
        hi += 1
    table = layout(head.doc)
    doc, dep = table.tokens, table.dep
    while lo < head.i and (dep[lo] == "cc" or doc[lo].is_punct):
        lo += 1
    while hi > head.i and (dep[hi] == "cc" or doc[hi].is_punct):
        hi -= 1
    # An opening bracket or quote whose partner was trimmed is dropped too.
    if hi > lo and doc[hi].is_left_punct:
        hi -= 1
    return lo, hi


def conjuncts(head: Token) -> list[Token]:
    """The heads of a coordination starting at ``head`` (just ``[head]`` if none).

    Walked with a stack, not recursion: a list can be longer than Python's recursion limit.

    >>> # "the State Department, USAID and the intelligence community" -> 3 heads
    """
    found = [head]
    stack = [head]
    while stack:
        node = stack.pop()
        children = kids(node)
        has_cc = any(child.dep_ == "cc" for child in children)
        for child in children:
            if child.dep_ == "conj":
                found.append(child)
                stack.append(child)
            elif (
                has_cc
                and child.dep_ in LIST_MISATTACHED
                and child.i > node.i
                and child.pos_ in {"PROPN", "NOUN", "ADJ"}
                and child.i > 0
                and child.doc[child.i - 1].text == ","
                and not any(c.dep_ == "conj" and c.i < child.i for c in children)
            ):
                found.append(child)
    return sorted(set(found), key=lambda t: t.i)


def title_split(head: Token) -> tuple[int, Token] | None:
    """For "Taliban spokesperson Suhail Shaheen": the index where the name starts and the title token.

    Only a title with modifiers of its own counts ("US envoy", not "President"):
    the title then makes a fact of its own ("envoy of US").
    """
    table = layout(head.doc)
    if table.pos[head.i] != "PROPN":
        return None
    # head.lefts, from the cached children (spaCy would build each token again).
    dep = table.dep
    left = [c for c in kids(head) if c.i < head.i and dep[c.i] == "compound"]
    if not left:
        return None
    start = head.i
    doc = table.tokens
    while start - 1 >= 0 and table.pos[start - 1] == "PROPN" and table.heads[start - 1].i == head.i:
        start -= 1
    if start == 0:
        return None
    title = doc[start - 1]
    if title.pos_ != "NOUN" or head_of(title) != head or title.dep_ != "compound":
        return None
    if not any(c.i < title.i for c in kids(title)) and not any(c.i < title.i for c in left):
        return None
    return start, title


def proper_apposition(head: Token) -> Token | None:
    """The proper-name apposition of a common noun ("Khalilzad's deputy, Molly Phee" -> Phee)."""
    if head.pos_ != "NOUN":
        return None
    for child in rights(head):
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return child
    return None


def phrase_bounds(head: Token, keep_conj: bool = False) -> tuple[int, int]:
    """Token bounds ``(first, last)`` of the noun phrase headed by ``head``."""
    memo = layout(head.doc).memo
    key = ("bounds", head.i, keep_conj)
    if key not in memo:
        memo[key] = _phrase_bounds(head, keep_conj)
    return memo[key]


def _phrase_bounds(head: Token, keep_conj: bool) -> tuple[int, int]:
    indices: set[int] = set()
    _collect(head, indices, keep_conj)
    lo, hi = _run(head, indices)
    if head.dep_ == "poss" and hi > head.i and head.doc[hi].dep_ == "case" and head.doc[hi].head == head:
        hi -= 1  # a possessor as a phrase of its own: "the Times" of "the Times's decision"
    split = title_split(head)
    if split is not None:
        lo = max(lo, split[0])
    return lo, hi


def _text(doc, lo: int, hi: int) -> str:
    """The text of tokens ``lo..hi``."""
    table = layout(doc)
    return table.text[table.starts[lo] : table.ends[hi]]


def _argument(head: Token, lo: int, hi: int, role: str, offset: int, preposition: str | None) -> Argument:
    table = layout(head.doc)
    start, end = table.starts[lo], table.ends[hi]
    return describe(Argument(table.text[start:end], start + offset, end + offset, role, preposition), head,
                    range(lo, hi + 1), offset)  # fmt: skip


#: Dependents that make a verb inside a noun phrase a clause of its own ("the risk of losing their
#: homes"), not a participle used as an adjective ("the planned talks", "a wanted man").
_NOT_CLAUSAL = frozenset({"amod", "compound", "nmod", "npadvmod", "poss"})


#: Heads that name no thing of their own: pronouns, numbers, determiners and quantifiers, adjectives ("the poor").
_NO_THING = frozenset({"PRON", "NUM", "DET", "ADJ", "ADV"})
#: Measures and sorts: the concept is what their "of" phrase names (ontology/lexicon/quantity_nouns.txt).
QUANTITY_NOUNS = words("quantity_nouns")
#: Titles before a person's name ("President", "Chief"): a coordination of them before a name is one person's.
PERSON_TITLES = words("person_titles")
#: "on behalf of", "in the wake of": a preposition, a noun and a preposition that read as one.
COMPLEX_PREPOSITIONS = words("complex_prepositions")


def complex_preposition(prep: Token) -> tuple[str, Token] | None:
    """The words and the complement of a complex preposition that ``prep`` opens, or None.

    "on behalf of his company": ``prep`` is "on", its object "behalf" takes "of", whose object
    "company" is what the phrase is about; ("on behalf of", company). A determiner may stand before
    the noun ("in the wake of"). The noun is no concept and makes no fact of its own.
    """
    noun = next((c for c in kids(prep) if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
    if noun is None:
        return None
    closing = next((c for c in rights(noun) if c.dep_ == "prep"), None)
    if closing is None:
        return None
    complement = next((c for c in kids(closing) if c.dep_ in ("pobj", "pcomp")), None)
    doc = prep.doc
    words_between = [t.lower_ for t in doc[prep.i : closing.i + 1]]
    if complement is None or len(words_between) > 4 or " ".join(words_between) not in COMPLEX_PREPOSITIONS:
        return None
    return " ".join(words_between), complement


def concept_words(head: Token) -> tuple[int, str] | None:
    """The first token index and the concept of a common noun: its lemma after the compound nouns before it.

    "coral reefs" → "coral reef", "drug charges" → "drug charge". A compound noun keeps its form
    ("arms deal", "sports car": the plural is part of the word), the head takes its lemma. Adjectives
    stay out: in news they mostly judge, rank or date ("intricate", "senior", "new", "former"), and
    with them one thing would be one node per way of describing it; the statement keeps the phrase
    with them. Measured on the 24 news dev pages when concepts came: 927 concept nodes without adjectives, 1,138 with
    them, for the same statements (a classifying adjective, "nuclear weapon", is lost to the key: no
    parse tells it from a judging one).
    A name ("Taliban representatives") is no compound noun: it is a mention the concept links to.
    """
    memo = layout(head.doc).memo  # a head is described by each extraction it is an argument of
    key = ("concept", head.i)
    if key not in memo:
        memo[key] = _concept_words(head)
    return memo[key]


def _concept_words(head: Token) -> tuple[int, str] | None:
    if head.pos_ != "NOUN" or head.like_email or head.like_url or not head.lower_[:1].isalpha():
        return None  # an address or a handle ("@jamaicagleaner") is page furniture, no concept
    doc, first = head.doc, head.i
    while first > 0:
        if first > 1 and _hyphen_joined(doc[first - 2], doc[first - 1]):
            if doc[first - 2].like_num:
                # "a five-minute stint", "seven-day rate": a measure, as an adjective would be: left out.
                first += first < head.i
                break
            first -= 2  # one word written with a hyphen: "follow-up", "cease-fire", "sit-in"
            continue
        if doc[first - 1].dep_ != "compound" or doc[first - 1].pos_ != "NOUN":
            break
        if not head.i >= doc[first - 1].head.i >= first - 1:
            break
        first -= 1
    lemma = head.lemma_.lower() or head.lower_
    if lemma == "one" and first == head.i:
        # A pro-form: "loved ones", "the injured ones" say what they are in a participle (tagged an
        # adjective too: "Loved ones" opening a sentence), which the concept keeps; "the ones who
        # stayed", "a simple one", "the only ones" name nothing of their own (an adjective there
        # judges or ranks), so the phrase stays text.
        modifiers = [t for t in head.lefts if t.dep_ == "amod" and (t.tag_ == "VBN" or t.lower_.endswith("ed"))]
        if not modifiers:
            return head.i, ""
        first = modifiers[0].i
        return first, " ".join([t.lower_ for t in modifiers] + ["one"])
    written = "".join(t.lower_ + t.whitespace_ for t in doc[first : head.i]) + lemma
    return first, " ".join(w for w in written.split() if any(c.isalnum() for c in w))


def _hyphen_joined(word: Token, hyphen: Token) -> bool:
    """Whether ``word`` and ``hyphen`` open a hyphenated word with the token after them ("follow" "-" "up")."""
    return hyphen.text == "-" and not hyphen.whitespace_ and not word.whitespace_ and word.is_alpha


def _measures(head: Token) -> bool:
    """A noun that measures or sorts what its "of" phrase names: "a number of patients", "some sort of lull"."""
    return head.lemma_.lower() in QUANTITY_NOUNS and head.i + 1 < len(head.doc) and head.doc[head.i + 1].lower_ == "of"


def describe(argument: Argument, head: Token, indices: Iterable[int], offset: int = 0) -> Argument:
    """Set an argument's ``concept``, ``inner`` concepts and ``verbal`` from the tokens it spans (see Argument)."""
    doc = head.doc
    found = concept_words(head)
    measure = -1  # the measure noun read through ("number" in "a number of patients"): no concept of its own
    if (found is None and head.pos_ in _NO_THING) or (found is not None and _measures(head)):
        # A partitive or a quantity is a part of what its "of" names: "one of the flights" is a flight,
        # "five of the seven progressives" progressives, "a number of patients" patients.
        whole = next((c for p in rights(head) if p.dep_ == "prep" and p.lower_ == "of" for c in kids(p)
                      if c.dep_ == "pobj"), None)  # fmt: skip
        inner = concept_words(whole) if whole is not None else None
        if inner is not None:
            measure, found, head = head.i, inner, whole
    if found is not None:
        argument.concept = found[1]
    elif head.pos_ in _NO_THING:
        argument.concept = ""  # "30 of them", "most", "those": no thing to make a node of; the phrase stays text
    else:
        argument.concept = None  # a name the NER left untagged ("Qatar-based Al Jazeera"): the phrase is the node
    own = range(found[0], head.i + 1) if found is not None else range(head.i, head.i + 1)
    table = layout(doc)  # the parse's arrays: a Token per word of every phrase would cost the extraction
    pos, dep = table.pos, table.dep
    for i in indices:
        if pos[i] in ("VERB", "AUX") and dep[i] not in _NOT_CLAUSAL:
            argument.verbal = True
        if pos[i] != "NOUN" or dep[i] == "compound" or i in own or i == measure:
            continue  # no noun; a compound is a word of its head; the head's own words
        token = table.tokens[i]
        if token.ent_type_:
            continue  # a name is a mention
        inner = concept_words(token)
        if inner is not None and inner[1]:
            argument.inner.append([table.starts[inner[0]] + offset, table.ends[i] + offset, inner[1]])
    return argument


#: Prepositions that compare or set apart: "a better candidate than Sanders or Warren" is no
#: candidate "than Sanders" and one "than Warren".
_COMPARING = frozenset({"than", "unlike", "except", "besides"})


def introduces_examples(prep: Token) -> bool:
    """ "goods such as sardines", "goods like rice", "universities including Exeter": examples, no complement.

    A list of examples does not distribute over its head: "universities, including Cambridge and
    Exeter, have testing facilities" is said of the universities, not of "universities including Exeter".
    """
    word = prep.lower_
    return word in {"like", "including"} or (word == "as" and any(c.lower_ == "such" for c in kids(prep)))


def noun_phrase(head: Token, role: str, offset: int = 0, preposition: str | None = None) -> Argument:
    """The noun phrase headed by ``head``, its coordination split into ``conjuncts``.

    A coordination nested in a prepositional modifier distributes too:
    "officials from the State Department, USAID and the intelligence community"
    gives three conjuncts, "officials from USAID" among them. A composed
    conjunct's text is not a contiguous span: its ``start`` is the phrase's
    start and its ``end`` the end of its own part, so every conjunct keeps a
    distinct span of the document text.
    """
    appos = proper_apposition(head)
    if appos is not None:
        head = appos
    heads = conjuncts(head)
    if len(heads) > 1:
        lo, hi = phrase_bounds(head, keep_conj=True)
        hi = max(hi, max(phrase_bounds(h)[1] for h in heads))
        whole = _argument(head, lo, hi, role, offset, preposition)
        if not titles_of_one_name(heads, hi):
            whole.conjuncts = [_argument(h, *phrase_bounds(h), role, offset, preposition) for h in heads]
        return whole
    lo, hi = phrase_bounds(head, keep_conj=True)
    whole = _argument(head, lo, hi, role, offset, preposition)
    # Distribute a coordination inside a prepositional modifier of the head.
    for prep in rights(head):
        if prep.dep_ != "prep" or prep.lower_ in _COMPARING or introduces_examples(prep):
            continue
        pobj = next((c for c in kids(prep) if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        inner = conjuncts(pobj)
        if len(inner) < 2:
            continue
        doc = head.doc
        stem = _text(doc, lo, prep.i)
        parts = []
        for h in inner:
            p_lo, p_hi = phrase_bounds(h)
            p_lo = max(p_lo, prep.i + 1) if h == pobj else p_lo
            tail = _text(doc, p_lo, p_hi)
            table = layout(doc)
            end = table.ends[p_hi]
            text = _text(doc, lo, p_hi) if h == pobj else f"{stem} {tail}"
            part = Argument(text, table.starts[lo] + offset, end + offset, role, preposition)
            parts.append(describe(part, head, [*range(lo, prep.i + 1), *range(p_lo, p_hi + 1)], offset))
        whole.conjuncts = parts
        break
    return whole


def titles_of_one_name(heads: list[Token], last: int) -> bool:
    """Whether a coordination is one person's titles before her name: "President and Chief Financial
    Officer of Super Value Debra Symonette" (``last``: the phrase's last token) is one person, not a
    president and an officer. Every conjunct is a capitalized title and a person's name ends the phrase."""
    doc = heads[0].doc
    return doc[last].ent_type_ == "PERSON" and all(h.text[:1].isupper() and h.lower_ in PERSON_TITLES for h in heads)


def time_phrase(head: Token, offset: int = 0, preposition: str | None = None) -> Argument:
    """A time adjunct as the time expression it holds: the date or time entity around its head.

    The noun phrase may run on past the expression ("2023 of 4.5 percent", "a week in halls");
    the entity is what says when. Without an entity around the head, the noun phrase.
    """
    lo, hi = phrase_bounds(head)
    table = layout(head.doc)
    n = bisect_right(table.ent_starts, head.i) - 1
    if n >= 0:
        ent_start, ent_end = table.ents[n][0], table.ents[n][1]
        if ent_start <= head.i < ent_end and table.ent_spans[n].label_ in TIME_LABELS:
            first, last = max(lo, ent_start), min(hi, ent_end - 1)
            doc = table.tokens

            def part(t: Token) -> bool:
                # Another date or time word, or a number on the expression ("9" in "9 October",
                # which the tagger may call a count).
                return t.ent_type_ in TIME_LABELS or (t.like_num and first <= head_of(t).i <= last)

            while first > lo and part(doc[first - 1]):
                first -= 1
            while last < hi and part(doc[last + 1]):
                last += 1
            lo, hi = first, last
    argument = _argument(head, lo, hi, "time", offset, preposition)
    return argument


def clause_argument(head: Token, role: str, offset: int = 0) -> Argument:
    """A clausal complement or clausal subject as an argument ("said that ..." -> the clause)."""
    lo, hi = head.left_edge.i, head.right_edge.i
    table = layout(head.doc)
    doc = table.tokens
    while lo < hi and (doc[lo].is_punct or (table.dep[lo] == "mark" and table.heads[lo].i == head.i)):
        lo += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    start, end = table.starts[lo], table.ends[hi]
    return Argument(table.text[start:end], start + offset, end + offset, role, is_clause=True)


def span_argument(tokens_lo: Token, tokens_hi: Token, role: str, offset: int = 0) -> Argument:
    """An argument from the first to the last token given."""
    table = layout(tokens_lo.doc)
    start, end = table.starts[tokens_lo.i], table.ends[tokens_hi.i]
    argument = Argument(table.text[start:end], start + offset, end + offset, role)
    span = range(tokens_lo.i, tokens_hi.i + 1)
    # Its head: the first token whose own head lies outside the span (the root of the phrase).
    head = next((table.tokens[i] for i in span if table.heads[i].i not in span or table.heads[i].i == i), None)
    return describe(argument, head, span, offset) if head is not None else argument
