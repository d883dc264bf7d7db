"""Given names and the gender they usually tell, from a maintained data package (Faker's person data).

Faker (MIT) lists female and male first names for some 80 locales, from census and
registry data. A name counts as feminine when far more locales list it as a woman's
name than as a man's (and the reverse); a name given to both ("Jordan", "Dale") tells
nothing. Pronoun resolution reads it as it reads "Ms." before a name: "Nadia Mohamed
defeated Dale Anderson. She has served ..." gives *she* to Mohamed.

>>> name_gender("Nadia"), name_gender("Kevin"), name_gender("Jordan"), name_gender("Xqzw")
('feminine', 'masculine', '', '')
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Iterator

#: How many times more locales must list a name for one gender than for the other.
MARGIN = 3


def _providers() -> Iterator[tuple[str, type]]:
    """Each locale of Faker's person data with its provider class (none if the package is missing)."""
    try:
        import faker.providers.person as person
    except ImportError:  # the data package is missing: no name tells a gender
        return
    for module in pkgutil.iter_modules(person.__path__):
        try:
            yield module.name, importlib.import_module(f"{person.__name__}.{module.name}").Provider
        except (ImportError, AttributeError):
            continue


def _names(provider: type, attribute: str) -> set[str]:
    """The locale's own names of one list (not a parent locale's, which would count twice)."""
    return {n for n in provider.__dict__.get(attribute, ()) if isinstance(n, str)}


@functools.cache
def _locale_counts() -> dict[str, tuple[int, int]]:
    """Given name → (locales listing it as female, locales listing it as male)."""
    counts: dict[str, list[int]] = {}
    for _, provider in _providers():
        for index, attribute in enumerate(("first_names_female", "first_names_male")):
            for name in _names(provider, attribute):
                if name.isalpha():
                    counts.setdefault(name, [0, 0])[index] += 1
    return {name: (female, male) for name, (female, male) in counts.items()}


@functools.cache
def _english_given_names() -> frozenset[str]:
    """First names of the English-speaking locales (en, en_US, en_GB, en_IN, en_NG, ...)."""
    found: set[str] = set()
    for locale, provider in _providers():
        if locale.split("_")[0] == "en":
            for attribute in ("first_names", "first_names_female", "first_names_male"):
                found |= _names(provider, attribute)
    return frozenset(found)


def english_given_name(word: str) -> bool:
    """Whether English-speaking countries' name data lists ``word`` as a first name.

    Narrower than :func:`name_gender`'s data: "Marine" is a French woman's name, and a word of
    English ("Marine Operations").

    >>> english_given_name("Jayson"), english_given_name("Marine")
    (True, False)
    """
    return word in _english_given_names()


def load_tables() -> None:
    """Read the name data now (a build does it on its loading thread, beside the first parse)."""
    _locale_counts()
    _english_given_names()


def clear_given_name(word: str) -> bool:
    """An English-speaking first name that the data gives clearly to women or to men: the evidence a
    name the NER typed otherwise is a person's ("Jayson Tatum"), but not "Jordan" or "Marine".

    >>> clear_given_name("Jayson"), clear_given_name("Jordan"), clear_given_name("Marine")
    (True, False, False)
    """
    return english_given_name(word) and bool(name_gender(word))


def name_gender(name: str) -> str:
    """ "feminine" or "masculine" when the given name is clearly one, else ""."""
    female, male = _locale_counts().get(name, (0, 0))
    if female and female >= MARGIN * male:
        return "feminine"
    if male and male >= MARGIN * female:
        return "masculine"
    return ""
