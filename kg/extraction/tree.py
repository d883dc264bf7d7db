"""Per-document tables of the parse, built once: token children and character offsets.

spaCy builds a new ``Token`` object on every ``token.children``, ``token.head`` or
``doc[i]``; extraction asks for the same children many times per predicate, so
this module reads the heads once per ``Doc`` and hands out cached lists.
"""

from __future__ import annotations

from spacy.attrs import HEAD, IDX, LENGTH
from spacy.tokens import Doc, Span, Token


class Layout:
    """Text, token offsets and children lists of one ``Doc``."""

    __slots__ = ("children", "doc", "ends", "heads", "rights", "starts", "text", "tokens")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        n = len(doc)
        # to_array gives uint64: the relative HEAD offsets wrap; int64 brings back the sign.
        table = doc.to_array([IDX, LENGTH, HEAD]).astype("int64").tolist() if n else []
        self.starts = [row[0] for row in table]
        self.ends = [row[0] + row[1] for row in table]
        self.tokens: list[Token] = list(doc)
        self.children: list[list[Token]] = [[] for _ in range(n)]
        self.heads: list[Token] = list(self.tokens)
        for i, row in enumerate(table):
            if row[2]:  # HEAD is relative; 0 marks a root
                self.heads[i] = self.tokens[i + row[2]]
                self.children[i + row[2]].append(self.tokens[i])
        self.rights: list[list[Token] | None] = [None] * n


_LAST: list[Layout] = []


def layout(doc: Doc) -> Layout:
    """The tables of ``doc`` (extraction walks one document at a time: the last one is kept)."""
    if not _LAST or _LAST[0].doc is not doc:
        _LAST[:] = [Layout(doc)]
    return _LAST[0]


def tokens(sent: Span) -> list[Token]:
    """The tokens of a sentence, as the shared cached objects."""
    return layout(sent.doc).tokens[sent.start : sent.end]


def head_of(token: Token) -> Token:
    """``token.head``, cached."""
    return layout(token.doc).heads[token.i]


def kids(token: Token) -> list[Token]:
    """``list(token.children)``, cached."""
    return layout(token.doc).children[token.i]


def rights(token: Token) -> list[Token]:
    """``list(token.rights)``, cached."""
    table = layout(token.doc)
    found = table.rights[token.i]
    if found is None:
        found = table.rights[token.i] = [c for c in table.children[token.i] if c.i > token.i]
    return found
