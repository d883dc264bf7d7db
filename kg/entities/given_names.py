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

#: How many times more locales must list a name for one gender than for the other.
MARGIN = 3


@functools.cache
def _locale_counts() -> dict[str, tuple[int, int]]:
    """Given name → (locales listing it as female, locales listing it as male)."""
    try:
        import faker.providers.person as person
    except ImportError:  # the data package is missing: no name tells a gender
        return {}
    counts: dict[str, list[int]] = {}
    for module in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        except (ImportError, AttributeError):
            continue
        for index, names in enumerate((provider.__dict__.get("first_names_female", ()),
                                       provider.__dict__.get("first_names_male", ()))):  # fmt: skip
            for name in {n for n in names if isinstance(n, str) and n.isalpha()}:
                counts.setdefault(name, [0, 0])[index] += 1
    return {name: (female, male) for name, (female, male) in counts.items()}


@functools.cache
def _english_given_names() -> frozenset[str]:
    """First names of the English-speaking locales (en, en_US, en_GB, en_IN, en_NG, ...)."""
    try:
        import faker.providers.person as person
    except ImportError:
        return frozenset()
    found: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        if module.name.split("_")[0] != "en":
            continue
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute in ("first_names", "first_names_female", "first_names_male"):
            found |= {n for n in provider.__dict__.get(attribute, ()) if isinstance(n, str)}
    return frozenset(found)


def english_given_name(word: str) -> bool:
    """Whether English-speaking countries' name data lists ``word`` as a first name.

    Narrower than :func:`name_gender`'s data: "Marine" is a French woman's name, and a word of
    English ("Marine Operations").

    >>> english_given_name("Jayson"), english_given_name("Marine")
    (True, False)
    """
    return word in _english_given_names()


def name_gender(name: str) -> str:
    """ "feminine" or "masculine" when the given name is clearly one, else ""."""
    female, male = _locale_counts().get(name, (0, 0))
    if female and female >= MARGIN * male:
        return "feminine"
    if male and male >= MARGIN * female:
        return "masculine"
    return ""
