"""Argument phrases that name no entity: a concept node, or text on the statement.

A noun phrase argument that is no mention, pronoun or group ("the intricate structure of coral
reefs", "bees in agriculture", "the 30 hospitals") becomes the node of the concept its head names
(:attr:`~kg.records.Argument.concept`, read from the parse: the head's lemma after its compound
nouns, no determiner, number, possessive or adjective): "structure", "bee", "hospital". The node is
linked (``kg:relatedTo``) to the entities and concepts the phrase contains, so a question about coral
reefs reaches what the graph says of "the intricate structure of coral reefs". The phrase itself is
kept on the statement (``kg:subjectText``, ``kg:objectText``, ``kg:valueText``).

A phrase that holds a clause ("the risk of losing their homes") or runs past :data:`MAX_WORDS`
words stays text: a literal on the statement, no node. Its head would be a poor summary of it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from ..records import Argument
from .coreference import PRONOUNS, UNRESOLVABLE, anaphor_kind
from .debris import mixed_script

__all__ = ["MAX_WORDS", "PHRASE_TYPES", "contained", "stays_text"]

#: Longest noun phrase (in words) that is a node; a longer one stays text on its statement.
#: Ten words hold a head with two or three modifiers and a prepositional phrase or two ("the
#: 2,000-year-old ruins of a Roman temple in southern Syria"); past that, a phrase chains one
#: modifier on another ("continuation of engagement with the Taliban on matters of national interest
#: at the top of the agenda") and its head ("continuation") no longer says what it is about.
MAX_WORDS = 10
#: Entity types whose nodes are unnamed phrases or the concepts they name, not names.
PHRASE_TYPES = frozenset({"Concept", "Other"})

_WORD = re.compile(r"\w")


def stays_text(argument: Argument) -> bool:
    """Whether a noun phrase argument is kept as text on its statement, never made a node.

    A pronoun is not (it resolves, or the statement has no such role); a phrase with a clause
    inside, one longer than :data:`MAX_WORDS`, or one whose head is neither a common noun nor a name
    ("30 of them", "most", "the first") is.

    >>> stays_text(Argument("the risk of losing their homes", 0, 30, verbal=True, concept="risk"))
    True
    >>> stays_text(Argument("coral reefs", 0, 11, concept="coral reef"))
    False
    >>> stays_text(Argument("Al Jazeera", 0, 10, concept=None)), stays_text(Argument("most", 0, 4, concept=""))
    (False, True)
    >>> stays_text(Argument("it", 0, 2, concept="")), stays_text(Argument("the talks", 0, 9))
    (False, False)
    >>> stays_text(Argument("Веlіzе", 0, 6, concept=None))  # Latin and Cyrillic letters mixed
    True
    """
    text = argument.text.strip()
    lowered = text.lower()
    if argument.is_clause or not _WORD.search(text) or lowered in PRONOUNS | UNRESOLVABLE:
        return False
    if anaphor_kind(text) in ("he", "it", "they"):
        return False
    if argument.verbal or len(text.split()) > MAX_WORDS or mixed_script(text):
        return True  # a clause, a long phrase, or letters of two alphabets in a word (spam's disguise)
    # The parse said the head is neither a common noun nor a name ("30 of them", "most").
    return argument.concept == ""


def contained(
    argument: Argument, mentions: list[tuple[int, int, str]], starts: list[int], skip: Callable[[str], bool]
) -> list[str]:
    """The keys of the mentions inside an argument's span (``mentions``: ``(start, end, key)`` sorted by start).

    ``starts`` are the mentions' starts; ``skip`` leaves out keys that are not to be linked (the
    phrase's own node).
    """
    found: list[str] = []
    first, last = bisect.bisect_left(starts, argument.start), bisect.bisect_left(starts, argument.end)
    for _, end, key in mentions[first:last]:
        if end <= argument.end and not skip(key) and key not in found:
            found.append(key)
    return found
