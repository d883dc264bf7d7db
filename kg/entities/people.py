"""People: a later one-word name links to the full name it is part of.

"Zalmay Khalilzad ... Khalilzad said" — the surname (or first name) links to
the full name mentioned earlier in the same document. When two different full
names share the word ("Tom West", "Kanye West"), the one-word mention stays
unresolved rather than guess. Names are normalized (:func:`normalize_name`
with type Person), so full names merge across documents by their key.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable

from .normalize import SURFACE_CACHE, normalize_name

#: Generational suffixes of English names: "Kelly Oubre Jr" is Kelly Oubre to a surname.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@functools.lru_cache(maxsize=SURFACE_CACHE)
def person_name(text: str) -> str:
    """The comparable form of a person's name: no title, no generational suffix.

    >>> person_name("Pres. Joe Biden"), person_name("Kelly Oubre Jr."), person_name("Fahie's")
    ('joe biden', 'kelly oubre', 'fahie')
    """
    words = normalize_name(text, "Person").replace(",", " ").split()
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words.pop()
    return " ".join(words)


def _compatible(a: list[str], b: list[str]) -> bool:
    """Middle names agree: the same words, or a word and its initial ("Carissa F. Etienne")."""
    return len(a) == len(b) and all(x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))
                                    for x, y in zip(a, b, strict=True))  # fmt: skip


def _title_before(words: list[str], known: set[str], groups: dict) -> bool:
    """Whether the first word of a name is a title before another known name ("premier andrew fahie")."""
    rest = " ".join(words[1:])
    if rest in known:
        return True
    # "premier andrew fahie" beside "andrew alturo fahie": the rest is that name without its middle.
    return len(words) == 3 and any(len(n.split()) > 2 for n in groups.get((words[1], words[-1]), ()))


def _middle(name: str, names: set[str]) -> list[str]:
    words = name.split()
    # A name that is a title plus another name of the group has that name's middle (or none).
    if len(words) > 2 and (words[1], words[-1]) == _ends(names, words):
        words = words[1:]
    return words[1:-1]


def _ends(names: set[str], words: list[str]) -> tuple[str, str] | None:
    others = {(n.split()[0], n.split()[-1]) for n in names if n.split()[0] != words[0]}
    return (words[1], words[-1]) if (words[1], words[-1]) in others else None


def name_variants(full_names: Iterable[str]) -> dict[str, str]:
    """Full name → the one form all its variants share, when the variants agree.

    "Andrew Fahie" and "Andrew Alturo Fahie" are one person when no other middle name comes
    with "Andrew … Fahie"; "George W. Bush" and "George H. W. Bush" stay apart, and "George
    Bush" then is neither. Initials match their name ("Carissa F. Etienne", "Carissa Etienne").

    >>> v = name_variants(["andrew fahie", "andrew alturo fahie", "carissa f etienne", "carissa etienne"])
    >>> v["andrew fahie"], v["carissa etienne"]
    ('andrew alturo fahie', 'carissa f etienne')
    >>> name_variants(["george w bush", "george h w bush", "george bush"])
    {}
    >>> name_variants(["premier andrew fahie", "andrew fahie"])
    {'premier andrew fahie': 'andrew fahie'}
    >>> sorted(name_variants(["premier andrew fahie", "andrew alturo fahie"]).items())
    [('premier andrew fahie', 'andrew alturo fahie')]
    """
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name in full_names:
        words = name.split()
        if len(words) > 1:
            groups[(words[0], words[-1])].add(name)
    variants: dict[str, str] = {}
    known = set().union(*groups.values()) if groups else set()
    for name in sorted(known):
        # "Premier Andrew Fahie" when "Andrew Fahie" (or "Andrew Alturo Fahie") is named too: the
        # words before a full name are a title or a description the NER took in, not more of the name.
        words = name.split()
        if len(words) > 2 and _title_before(words, known, groups):
            groups[(words[0], words[-1])].discard(name)
            groups[(words[1], words[-1])].add(name)
    for names in groups.values():
        if len(names) < 2:
            continue
        middles = {n: _middle(n, names) for n in names}
        with_middle = [m for m in middles.values() if m]
        if any(not _compatible(a, b) for a in with_middle for b in with_middle):
            continue
        cores = {n for n in names if not (len(n.split()) > 2 and _ends(names, n.split()))}
        canonical = sorted(cores, key=lambda n: (-len(n.split()), -len(n), n))[0]
        variants.update({n: canonical for n in names if n != canonical})
    return variants


@functools.lru_cache(maxsize=SURFACE_CACHE)
def spelling_key(name: str) -> str:
    """A name with its doubled letters single: the commonest misspelling of a name in one article
    doubles a letter or undoes one ("Mellissa Jaggesar", "Melissa Jagessar").

    >>> spelling_key("mellissa jaggesar") == spelling_key("melissa jagessar"), spelling_key("daniel lee") == spelling_key("danielle lee")
    (True, False)
    """
    return re.sub(r"(\w)\1+", r"\1", name)


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
    >>> linker.link("zalmay khallilzad")
    ('zalmay khalilzad', 'spelling-variant')
    """

    def __init__(self, corpus_surnames: dict[str, set[str]] | None = None, variants=None):
        self.corpus_surnames = corpus_surnames or {}
        #: Full name → the form its variants share (:func:`name_variants`); a mapping with ``get``.
        self.variants = variants if variants is not None else {}
        self.by_last: dict[str, set[str]] = defaultdict(set)
        self.by_first: dict[str, set[str]] = defaultdict(set)
        self.by_middle: dict[str, set[str]] = defaultdict(set)
        #: This document's full names by :func:`spelling_key`: the first spelling of each.
        self.by_spelling: dict[str, str] = {}

    def link(self, name: str) -> tuple[str, str]:
        """The normalized full name ``name`` refers to, and the rule that decided it."""
        words = name.split()
        if len(words) > 1:
            canonical = self.variants.get(name, name)
            # "Mellissa Jaggesar" in an article about "Melissa Jagessar": a letter doubled or not.
            first = self.by_spelling.setdefault(spelling_key(canonical), canonical)
            if first != canonical:
                return first, "spelling-variant"
            self.by_last[words[-1]].add(canonical)
            self.by_first[words[0]].add(canonical)
            for word in words[1:-1]:
                if len(word) > 1:
                    self.by_middle[word].add(canonical)
            return canonical, ("name-variant" if canonical != name else "exact-name")
        last, first = self.by_last.get(name, set()), self.by_first.get(name, set())
        if len(last) + len(first) > 1 or (last and first and last != first):
            return name, "ambiguous-name"
        if last:
            return next(iter(last)), "surname"
        if first:
            return next(iter(first)), "first-name"
        middle = self.by_middle.get(name, set())
        if len(middle) == 1:
            # "Etienne said" after "Camille Etienne Gbedey": one of a double surname.
            return next(iter(middle)), "surname"
        # No full name earlier in this document: the corpus's one full name with
        # this surname, if exactly one ("Biden" after "Joe Biden" elsewhere).
        corpus = self.corpus_surnames.get(name, set())
        if len(corpus) == 1:
            return next(iter(corpus)), "surname-corpus"
        return name, "exact-name"
