"""Per-document tables of the parse, built once: token children and character offsets.

spaCy builds a new ``Token`` object on every ``token.children``, ``token.head`` or
``doc[i]``; extraction asks for the same children many times per predicate, so
this module reads the heads once per ``Doc`` and hands out cached lists.
"""

from __future__ import annotations

from bisect import bisect_left
from operator import add

from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LENGTH, POS
from spacy.tokens import Doc, Span, Token

from ..components import doc_text


class Layout:
    """Text, token offsets and children lists of one ``Doc``."""

    __slots__ = (
        "children",
        "dep",
        "doc",
        "ends",
        "ent_spans",
        "ent_starts",
        "ents",
        "heads",
        "memo",
        "pos",
        "rights",
        "starts",
        "text",
        "tokens",
        "words",
    )

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        n = len(doc)
        tokens: list[Token] = list(doc)
        self.tokens = tokens
        # Every attribute in one array (a short doc pays numpy's per-call overhead once).
        table = doc.to_array([POS, DEP, IDX, LENGTH, IS_SPACE, IS_PUNCT, HEAD])
        pos_ids, dep_ids, starts, lengths = table[:, :4].T.tolist() if n else ([],) * 4
        # to_array gives uint64, where relative HEAD offsets wrap: int64 brings back the sign.
        relative = table[:, 6].astype("int64").tolist() if n else []
        # ``token.pos_``/``dep_`` build a Token and look up the string store each
        # time: name each distinct id once.
        names = _NAMES
        for label in {*pos_ids, *dep_ids}:
            if label not in names:
                _name(doc, label)
        self.pos: list[str] = list(map(names.__getitem__, pos_ids))
        self.dep: list[str] = list(map(names.__getitem__, dep_ids))
        self.text = doc_text(doc)  # Doc.text would build every token again
        self.starts: list[int] = starts
        self.ends: list[int] = list(map(add, starts, lengths))
        heads = list(map(add, relative, range(n)))
        self.heads: list[Token] = list(map(tokens.__getitem__, heads))
        children: list[list[Token]] = [[] for _ in range(n)]
        for i, h in enumerate(heads):
            if h != i:
                children[h].append(tokens[i])
        self.children = children
        # Whether each token counts as a word (not space, not punctuation); bools sum as ints.
        self.words: list[bool] = ((table[:, 4] | table[:, 5]) == 0).tolist()
        self.rights: list[list[Token] | None] = [None] * n
        # Results of pure functions of the parse, asked for again by several extractions.
        self.memo: dict = {}
        # ``doc.ents`` builds every entity Span in a walk over the whole doc, and
        # ``Span.ents`` does that for each sentence: quadratic in the doc's length.
        # Read them once: (token start, token end, char start, char end), in doc order.
        self.ent_spans: list[Span] = list(doc.ents)
        self.ents: list[tuple[int, int, int, int]] = [
            (e.start, e.end, e.start_char, e.end_char) for e in self.ent_spans
        ]
        self.ent_starts: list[int] = [e[0] for e in self.ents]


_NAMES: dict[int, str] = {}


def _name(doc: Doc, label: int) -> str:
    name = _NAMES.get(label)
    if name is None:
        name = _NAMES[label] = doc.vocab.strings[label] if label else ""
    return name


_LAST: Layout | None = None


def layout(doc: Doc) -> Layout:
    """The tables of ``doc`` (extraction walks one document at a time: the last one is kept)."""
    global _LAST
    last = _LAST
    if last is None or last.doc is not doc:
        last = _LAST = Layout(doc)
    return last


def sentence_entities(sent: Span) -> list[tuple[int, int]]:
    """Character spans of the named entities inside ``sent``: the same entities as ``sent.ents``."""
    table = layout(sent.doc)
    ents = table.ents
    end = sent.end
    found = []
    # As Span.ents: from the first entity starting in the span, up to the first one that leaves it.
    for n in range(bisect_left(table.ent_starts, sent.start), len(ents)):
        _, ent_end, start_char, end_char = ents[n]
        if ent_end > end:
            break
        found.append((start_char, end_char))
    return found


def head_of(token: Token) -> Token:
    """``token.head``, cached."""
    last = _LAST
    doc = token.doc
    return (last if last is not None and last.doc is doc else layout(doc)).heads[token.i]


def kids(token: Token) -> list[Token]:
    """``list(token.children)``, cached."""
    last = _LAST
    doc = token.doc
    return (last if last is not None and last.doc is doc else layout(doc)).children[token.i]


def rights(token: Token) -> list[Token]:
    """``list(token.rights)``, cached."""
    table = layout(token.doc)
    found = table.rights[token.i]
    if found is None:
        found = table.rights[token.i] = [c for c in table.children[token.i] if c.i > token.i]
    return found
