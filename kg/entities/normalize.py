"""Normalization of entity names: the comparable form of a surface string."""

from __future__ import annotations

import functools
import re
import unicodedata

from ..lexicon import words

# The same names recur all over a corpus, and these functions are the hot path
# of the cross-document pass: they are pure, so they are memoized.

#: Entries of each memoized function of a surface form (here and in the other entities modules).
#: Asked of a document's surfaces again and again, they gain from its own and the recent documents';
#: a feed's surfaces are an open set, and caches of 65,536 entries (~240 bytes each) filled over
#: hundreds of thousands of documents, the process growing with them.
SURFACE_CACHE = 1 << 13
_DETERMINERS = re.compile(r"^(the|a|an|this|that|these|those)\s+", re.I)
_POSSESSIVE = re.compile(r"(['’]s|s['’]|\.['’])$")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
_DOTTED_ACRONYM = re.compile(r"\b((?:[A-Za-z]\.){1,}[A-Za-z]?)\.?(?=\s|$|['’])")
_SPACES = re.compile(r"\s+")

#: Honorifics and office titles dropped in front of a person's name
#: ("Pres. Joe Biden", "Mr Khalilzad"): a person is the same with or without them.
PERSON_TITLES = words("person_titles")


@functools.lru_cache(maxsize=SURFACE_CACHE)
def clean_surface(text: str) -> str:
    """Surface form with whitespace, quotes and surrounding punctuation tidied (case kept).

    >>> clean_surface('  “the Taliban’s”  ')
    "the Taliban's"
    >>> clean_surface("U.S.'")
    'U.S.'
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _SPACES.sub(" ", text).strip(" \"',;:()[]")
    # Keep the final dot of an acronym ("U.S."), drop a sentence's full stop.
    if text.endswith(".") and not re.search(r"(?:^|[\s.])[A-Za-z]\.$", text):
        text = text.rstrip(".")
    return text


@functools.lru_cache(maxsize=SURFACE_CACHE)
def normalize_name(text: str, entity_type: str | None = None) -> str:
    """The comparable form of an entity name: no determiner, possessive, dots, case or extra space.

    Type-aware: a person's name also loses leading titles and honorifics.

    >>> normalize_name("the U.S.")
    'us'
    >>> normalize_name("The Taliban's")
    'taliban'
    >>> normalize_name("u.s")
    'us'
    >>> normalize_name("the U.S.'")
    'us'
    >>> normalize_name("Pres. Joe Biden", "Person")
    'joe biden'
    >>> normalize_name("  “Islamic   State” ")
    'islamic state'
    """
    text = clean_surface(text)
    text = _DETERMINERS.sub("", text)
    text = _POSSESSIVE.sub("", text)
    text = _DOTTED_ACRONYM.sub(lambda m: m.group(1).replace(".", ""), text)
    text = text.replace(".", "")
    text = _SPACES.sub(" ", text).strip(" \"'-").casefold()
    if entity_type == "Person":
        words = text.split(" ")
        while len(words) > 1 and words[0] in PERSON_TITLES:
            words = words[1:]
        text = " ".join(words)
    return text


@functools.lru_cache(maxsize=SURFACE_CACHE)
def slug(text: str, max_length: int = 80) -> str:
    """A readable IRI path segment: lowercase ASCII letters, digits and hyphens.

    Non-ASCII letters are transliterated where Unicode allows and dropped
    otherwise; an empty result is left for the caller to replace.

    >>> slug("Zalmay Khalilzad")
    'zalmay-khalilzad'
    >>> slug("Doha, Qatar!")
    'doha-qatar'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:max_length].strip("-")
