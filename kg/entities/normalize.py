"""Normalization of entity names: the comparable form of a surface string."""

from __future__ import annotations

import re
import unicodedata

_DETERMINERS = re.compile(r"^(the|a|an|this|that|these|those)\s+", re.I)
_POSSESSIVE = re.compile(r"(['’]s|s['’])$")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
_DOTTED_ACRONYM = re.compile(r"\b((?:[A-Za-z]\.){1,}[A-Za-z]?)\.?(?=\s|$|['’])")
_SPACES = re.compile(r"\s+")


def clean_surface(text: str) -> str:
    """Surface form with whitespace, quotes and surrounding punctuation tidied (case kept).

    >>> clean_surface('  “the Taliban’s”  ')
    "the Taliban's"
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _SPACES.sub(" ", text).strip(" \"'.,;:()[]")
    return text


def normalize_name(text: str) -> str:
    """The comparable form of an entity name: no determiner, possessive, dots, case or extra space.

    >>> normalize_name("the U.S.")
    'us'
    >>> normalize_name("The Taliban's")
    'taliban'
    >>> normalize_name("u.s")
    'us'
    """
    text = clean_surface(text)
    text = _DETERMINERS.sub("", text)
    text = _POSSESSIVE.sub("", text)
    text = _DOTTED_ACRONYM.sub(lambda m: m.group(1).replace(".", ""), text)
    text = text.replace(".", "")
    return _SPACES.sub(" ", text).strip(" \"'-").casefold()


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
