"""Reported speech: who a clause's facts are attributed to.

"Ned Price said that the United States would not recognize ..." gives the
facts of the complement clause, each attributed to Ned Price, besides the
(Ned Price, said, clause) extraction itself. "According to X" and a
parenthetical "..., X said, ..." attribute the same way.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..records import Argument
from .clauses import REPORTING_VERBS, subject_of
from .phrases import noun_phrase
from .tree import head_of, kids


def _according_to(verb: Token) -> Token | None:
    for child in kids(verb):
        if child.dep_ == "prep" and child.lower_ == "according":
            for to in kids(child):
                pobj = next((c for c in kids(to) if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
    return None


def attribution(verb: Token, offset: int = 0) -> Argument | None:
    """The source a clause headed by ``verb`` is attributed to, or None.

    >>> # "Officials believe the group is preparing an offensive": prepare -> "Officials"
    """
    source = _according_to(verb)
    if source is None:
        for child in kids(verb):
            if child.dep_ == "parataxis" and child.lemma_.lower() in REPORTING_VERBS:
                source, _ = subject_of(child)
                break
    clause = verb
    # "said the talks were useful and would continue": conjuncts share the clause's speaker.
    while source is None and clause.dep_ == "conj" and head_of(clause).pos_ in {"VERB", "AUX"}:
        clause = head_of(clause)
    if source is None and clause.dep_ == "ccomp" and head_of(clause).pos_ in {"VERB", "AUX"}:
        source, _ = subject_of(head_of(clause))
    if source is None or source.dep_ in {"csubj", "csubjpass"}:
        return None
    return noun_phrase(source, "other", offset)
