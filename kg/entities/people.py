"""People: a later one-word name links to the full name it is part of.

"Zalmay Khalilzad ... Khalilzad said" — the surname (or first name) links to
the full name mentioned earlier in the same document. When two different full
names share the word ("Tom West", "Kanye West"), the one-word mention stays
unresolved rather than guess. Names are normalized (:func:`normalize_name`
with type Person), so full names merge across documents by their key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


def surname_index(full_names: Iterable[str]) -> dict[str, set[str]]:
    """Surname → the normalized full names of the corpus that end with it.

    >>> surname_index(["zalmay khalilzad", "tom west"])["west"]
    {'tom west'}
    """
    index: dict[str, set[str]] = defaultdict(set)
    for name in full_names:
        words = name.split()
        if len(words) > 1:
            index[words[-1]].add(name)
    return dict(index)


class PersonLinker:
    """Links the one-word person names of one document to full names.

    >>> linker = PersonLinker()
    >>> linker.link("zalmay khalilzad")
    ('zalmay khalilzad', 'exact-name')
    >>> linker.link("khalilzad")
    ('zalmay khalilzad', 'surname')
    >>> linker.link("zalmay")
    ('zalmay khalilzad', 'first-name')
    >>> _ = linker.link("ilham khalilzad")
    >>> linker.link("khalilzad")
    ('khalilzad', 'ambiguous-name')
    """

    def __init__(self, corpus_surnames: dict[str, set[str]] | None = None):
        self.corpus_surnames = corpus_surnames or {}
        self.by_last: dict[str, set[str]] = defaultdict(set)
        self.by_first: dict[str, set[str]] = defaultdict(set)

    def link(self, name: str) -> tuple[str, str]:
        """The normalized full name ``name`` refers to, and the rule that decided it."""
        words = name.split()
        if len(words) > 1:
            self.by_last[words[-1]].add(name)
            self.by_first[words[0]].add(name)
            return name, "exact-name"
        last, first = self.by_last.get(name, set()), self.by_first.get(name, set())
        if len(last) + len(first) > 1 or (last and first and last != first):
            return name, "ambiguous-name"
        if last:
            return next(iter(last)), "surname"
        if first:
            return next(iter(first)), "first-name"
        # No full name earlier in this document: the corpus's one full name with
        # this surname, if exactly one ("Biden" after "Joe Biden" elsewhere).
        corpus = self.corpus_surnames.get(name, set())
        if len(corpus) == 1:
            return next(iter(corpus)), "surname-corpus"
        return name, "exact-name"
