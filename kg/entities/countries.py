"""Country names generated from ``pycountry`` (ISO 3166), not typed by hand.

Each country becomes a known ``Place``; when a hand-written gazetteer entry
already names the country ("United States" in ``ontology/entities.ttl``),
pycountry's names are added to that entry as aliases instead, so the entry
keeps its IRI and Wikidata link.
"""

from __future__ import annotations

import functools

from .normalize import normalize_name, slug

KGE = "https://w3id.org/kg/entity/"

#: Country names that are also common words or given names ("Chad", "Jordan",
#: "turkey"): matched by the ruler only as written (title case), never lowercase.
AMBIGUOUS_NAMES = frozenset({"chad", "jordan", "georgia", "turkey", "guinea", "niger", "china", "japan", "togo"})

#: Country names that are more often a person's name: left to the statistical
#: NER (a ruler match would override "Michael Jordan"); resolution still links them.
NO_RULER = frozenset({"chad", "jordan", "georgia"})


@functools.lru_cache(maxsize=1)
def country_names() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(label, names)`` of every ISO 3166 country, label first among its names.

    >>> dict(country_names())["Qatar"]
    ('Qatar', 'State of Qatar')
    """
    try:
        import pycountry
    except ImportError:  # an optional source: without it, only the Turtle gazetteers count
        return ()
    countries = []
    for country in pycountry.countries:
        name = country.name
        common = getattr(country, "common_name", None)
        official = getattr(country, "official_name", None)
        # "Korea, Republic of" is a sorting form, not a name anyone writes.
        label = common or (official if "," in name and official else name)
        names = [label] + [n for n in (name, official) if n and "," not in n and n != label]
        countries.append((label, tuple(dict.fromkeys(names))))
    return tuple(sorted(countries))


def country_iri(label: str) -> str:
    """The IRI minted for a generated country.

    >>> country_iri("Saudi Arabia")
    'https://w3id.org/kg/entity/saudi-arabia'
    """
    return KGE + slug(normalize_name(label))
