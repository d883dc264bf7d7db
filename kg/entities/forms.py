"""What a name's own form says of its type, whatever label the NER gave it.

English names carry their kind in their words: a street's name ends in a street type ("Clarkia
Drive"), an organization's in a head noun ("United States Tennis Association"), a person's may
start with a rank ("Superintendent Audley Peters"), and a brand and model name a product
("a Nissan Latio motor car"). The word lists are data in ``ontology/lexicon/``.
"""

from __future__ import annotations

import functools
import re

from ..lexicon import table, words, words_with
from .normalize import PERSON_TITLES, SURFACE_CACHE

STREET_TYPES = words("street_types")
AMBIGUOUS_STREET_TYPES = words("street_types_ambiguous")
ORGANIZATION_HEADS = words("organization_heads")
PRODUCT_NOUNS = words("product_nouns")
TITLES_IN_NAMES = words("title_words_in_names")
PLACE_HEADS = words("place_heads")
ORGANIZATION_KINDS = words("organization_kinds")
PLACE_KINDS = words("place_kinds")
PERSON_ROLE_NOUNS = words("person_role_nouns") | words("person_nouns") | words_with("description_heads", "Person")

#: Lowercase words that may join the capitalized words of one name ("Bureau of Investigations").
_CONNECTORS = {"of", "for", "and", "the", "on", "in", "de", "&"}
#: A preposition of place just before a name ("a woman of Clarkia Drive", "lived at Ivy Lane").
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|on|of|near|along|off|outside|from|to|into)\s+(?:the\s+)?$", re.I)
#: The word before "and"/"or"/"," just before a name ("Joe Farrington Road and Harp Close").
_LISTED_AFTER = re.compile(r"([A-Za-z]+)\.?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)$")
#: The word after "and"/"or"/"," just after a name ("Harp Close and Joe Farrington Road").
_LISTED_BEFORE = re.compile(r"^\s*(?:,\s*|\s+(?:and|or|&)\s+)(?:[A-Z][\w'’-]*\s+){1,3}?([A-Za-z]+)\b")
#: A maker's name before a product's model: a lowercase word, then one capitalized word ("a Toyota ").
_MAKER_BEFORE = re.compile(r"(?:^|\s)[a-z]+\s+([A-Z][\w&-]*)\s+$")
#: "the" just before a name, and the lowercase noun just after it ("the Globalia company").
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_NOUN_RIGHT_AFTER = re.compile(r"^\s+([a-z]+)\b")
#: "the" and a noun just before a name ("the journal ", "the airline ").
_KIND_BEFORE = re.compile(r"\b[Tt]he\s+([a-z]+)\s+$")
#: Up to one lowercase word, then the noun a brand and model name modifies ("motor car").
_NOUN_AFTER = re.compile(r"^\s+(?:[a-z-]+\s+)?([a-z]+)\b")


def street_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Where the text names a street ("Baillou Hill Road") and the town it is in ("Wellington Road,
    Debe,"): capitalized words ending in a street type, and one capitalized name set off by commas
    after one. Sentence-initial function words are no part of the name ("On Dresden Road").

    >>> text = "shooting at Sunrise Road and Baillou Hill Road after noon. She lived at Clarkia Drive, Debe, with him."
    >>> [text[a:b] for a, b in street_spans(text)]
    ['Sunrise Road', 'Baillou Hill Road', 'Clarkia Drive', 'Debe']
    >>> street_spans("On Sunday Road closures begin.")
    []
    >>> [text[a:b] for a, b in street_spans(text, 47)]
    ['Clarkia Drive', 'Debe']

    ``start``, ``end``: the streets that lie in this range of the text (a section of a long one),
    looked for from a little before it, so a match across its start is found as in the whole text.
    """
    end = len(text) if end is None else end
    found = []
    for match in _STREET.finditer(text, max(0, start - _STREET_REACH), min(len(text), end + _STREET_REACH)):
        if match.end() <= start or match.start() >= end:
            continue
        at = match.start()
        words = match.group().split()
        while len(words) > 2 and words[0].lower() in _LEADING_FUNCTION_WORDS:
            at += len(words[0]) + 1
            words = words[1:]
        if len(words) < 2 or words[0].lower() in _LEADING_FUNCTION_WORDS or _calendar_word(words[0]):
            continue  # "On Sunday Road closures begin": a day, not a street's name
        found.append((at, match.end()))
        town = _TOWN_AFTER.match(text, match.end())
        if town is not None:
            found.append(town.span(1))
    return found


_STREET = re.compile(
    r"\b(?:[A-Z][a-z'’-]+\s+){1,3}(?:" + "|".join(sorted(w.title() for w in STREET_TYPES if len(w) > 3)) + r")\b"
)
_TOWN_AFTER = re.compile(r",\s+([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)(?=[,.;])")
#: Characters a street's match may run before or after a range of text it is looked for in.
_STREET_REACH = 200
_LEADING_FUNCTION_WORDS = {"the", "on", "at", "in", "of", "from", "to", "and", "a", "an", "along", "near", "off"}


@functools.lru_cache(maxsize=SURFACE_CACHE)
def _calendar_word(word: str) -> bool:
    return table("calendar").get(word.lower(), "").startswith(("month", "weekday"))


@functools.lru_cache(maxsize=SURFACE_CACHE)
def name_words(text: str) -> tuple[str, ...]:
    """The words of a name without a leading article.

    >>> name_words("the Joe Farrington Road")
    ('Joe', 'Farrington', 'Road')
    """
    found = tuple(text.split())
    if len(found) > 1 and found[0].lower() == "the":
        found = found[1:]
    return found


def _capitalized(found: tuple[str, ...]) -> bool:
    return (
        bool(found)
        and found[0][:1].isupper()
        and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _CONNECTORS for w in found)
    )


def street_name(text: str, before: str = "", after: str = "") -> bool:
    """Whether a name is a street's: it ends in a street type, or in one that is also a surname
    ("Close", "Lane") where the text puts it at a place or beside another street.

    >>> street_name("Clarkia Drive"), street_name("Joe Farrington Road"), street_name("Road")
    (True, True, False)
    >>> street_name("Harp Close", "the area of Joe Farrington Road and "), street_name("Glenn Close", "actress ")
    (True, False)
    >>> street_name("Ivy Lane", "She lived at ")
    True
    """
    found = name_words(text)
    if len(found) < 2 or not _capitalized(found):
        return False
    last = found[-1].lower().rstrip(".")
    if last in STREET_TYPES:
        return True
    if last not in AMBIGUOUS_STREET_TYPES:
        return False
    if _LOCATIVE_BEFORE.search(before):
        return True
    streets = STREET_TYPES | AMBIGUOUS_STREET_TYPES
    listed = _LISTED_AFTER.search(before) or _LISTED_BEFORE.match(after)
    return listed is not None and listed.group(1).lower() in streets


@functools.lru_cache(maxsize=SURFACE_CACHE)
def place_by_head(text: str) -> bool:
    """Whether a name of two or three capitalized words ends in a natural or administrative place's head.

    >>> place_by_head("Essequibo Coast"), place_by_head("the Cayman Islands"), place_by_head("Islamic State in Khorasan Province")
    (True, True, False)
    """
    found = name_words(text)
    return (
        1 < len(found) <= 3
        and _capitalized(found)
        and not any(w.lower() in _CONNECTORS for w in found)
        and found[-1].lower() in PLACE_HEADS
    )


def _kind_after(before: str, after: str) -> str | None:
    """The lowercase noun after "the NAME" ("the Globalia company": company), or None."""
    kind = _NOUN_RIGHT_AFTER.match(after)
    return kind.group(1) if kind is not None and _THE_BEFORE.search(before) else None


def organization_by_kind(before: str, after: str) -> bool:
    """Whether "the NAME" is followed by a noun for a kind of organization ("the Globalia company"),
    or "the" and that noun come just before the name ("published in the journal Technology").

    >>> organization_by_kind("network of the ", " company."), organization_by_kind("", " company")
    (True, False)
    >>> organization_by_kind("published in the journal ", ","), organization_by_kind("the big company ", "")
    (True, False)
    """
    if _kind_after(before, after) in ORGANIZATION_KINDS:
        return True
    kind = _KIND_BEFORE.search(before)
    return kind is not None and kind.group(1) in ORGANIZATION_KINDS


def place_by_kind(before: str, after: str) -> bool:
    """Whether "the NAME" is followed by a lowercase noun for a kind of place ("the Mughraqa area").

    >>> place_by_kind("in the ", " area in the central Gaza Strip"), place_by_kind("the ", " Area")
    (True, False)
    >>> place_by_kind("", " district")
    False
    """
    return _kind_after(before, after) in PLACE_KINDS


@functools.lru_cache(maxsize=SURFACE_CACHE)
def organization_by_head(text: str) -> bool:
    """Whether a name of several capitalized words ends in an organization's head noun.

    >>> organization_by_head("the United States Tennis Association"), organization_by_head("Association")
    (True, False)
    >>> organization_by_head("Homicide Bureau of Investigations"), organization_by_head("Joint Biosecurity Centre")
    (False, True)
    """
    found = name_words(text)
    return len(found) > 1 and _capitalized(found) and found[-1].lower() in ORGANIZATION_HEADS


@functools.lru_cache(maxsize=SURFACE_CACHE)
def titled_person(text: str) -> bool:
    """Whether a name is a rank or honorific before a person's first and last names.

    >>> titled_person("Superintendent Audley Peters"), titled_person("Detective Cowie Massy")
    (True, True)
    >>> titled_person("General Motors Company"), titled_person("Major League Baseball"), titled_person("Supt Peters")
    (False, False, False)
    """
    found = name_words(text)
    if not found or found[0].lower().rstrip(".") not in PERSON_TITLES - TITLES_IN_NAMES:
        return False
    rest = found[1:]
    while rest and rest[0].lower().rstrip(".") in PERSON_TITLES:
        rest = rest[1:]
    return (
        len(rest) >= 2
        and all(w[:1].isupper() and w.lower() not in _CONNECTORS for w in rest)
        and rest[-1].lower() not in ORGANIZATION_HEADS | STREET_TYPES
    )


#: A lowercase noun just before a name, with or without an apposition's comma ("sister, ", "author ").
_NOUN_BEFORE = re.compile(r"(?:^|[\s(])([a-z][a-z-]*)\s*,?\s+$")


def person_by_role(text: str, before: str) -> bool:
    """Whether a name of two or more capitalized words follows a noun for a person's role or relation.

    >>> person_by_role("Inderdai Deyal", "Ramdehol's sister, "), person_by_role("Josh Leipheimer", "said lead author ")
    (True, True)
    >>> person_by_role("Youssef Al-Najjar Hospital", "the director, "), person_by_role("Deyal", "sister, ")
    (False, False)
    """
    found = name_words(text)
    noun = _NOUN_BEFORE.search(before)
    return (
        noun is not None
        and noun.group(1) in PERSON_ROLE_NOUNS
        and len(found) > 1
        and all(w[:1].isupper() and w.lower() not in _CONNECTORS for w in found)
        and not ({found[-1].lower()} & (ORGANIZATION_HEADS | PLACE_HEADS | STREET_TYPES | AMBIGUOUS_STREET_TYPES))
    )


def product_with_maker(text: str, before: str) -> str:
    """A product's name with the maker's name the NER left before it ("a Toyota Starlet").

    >>> product_with_maker("Starlet", "travelling in a Toyota "), product_with_maker("Starlet", "Toyota ")
    ('Toyota Starlet', 'Starlet')
    """
    maker = _MAKER_BEFORE.search(before)
    if maker is None or maker.group(1).lower() in _CONNECTORS:
        return text
    return f"{maker.group(1)} {text}"


def modifies_product(text: str, after: str) -> bool:
    """Whether a brand and model name modifies a noun for a made thing ("a Nissan Latio motor car").

    >>> modifies_product("Nissan Latio", " motor car, with"), modifies_product("Toyota", " car")
    (True, False)
    """
    found = name_words(text)
    noun = _NOUN_AFTER.match(after)
    return len(found) > 1 and _capitalized(found) and noun is not None and noun.group(1) in PRODUCT_NOUNS
