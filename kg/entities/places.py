"""Linking a place mention to a known place (GeoNames), only when the data and the context single it out.

"Washington" is a US state, the US capital, and a dozen towns. A mention is linked when

- its context names the kind: "the state of Washington", "Washington state" → the state;
  "Redmond, Washington" → Redmond is the Redmond in the state of Washington, and Washington
  (after "City, ") is the state; "Washington, D.C." → the city in the District of Columbia;
- or one candidate is left once the document's own geography is known (the countries and US
  states it names unambiguously: "Kingston" in a text about Jamaica is Kingston, Jamaica);
- or it is the data's only place of that name, and a country, state, continent or a city of
  100,000 people (a smaller town may be a namesake the data lacks: "St. Thomas" in the Virgin
  Islands is not St. Thomas, Ontario), or a town of the document's own country;
- or one candidate dwarfs the others (ten times the population: "Los Angeles" is the
  Californian city, not the Spanish town). A state and a city of one name stay ambiguous.

Otherwise the mention is not linked (it stays a place of its own name): a wrong link is
worse than none. A country's name is the country.
"""

from __future__ import annotations

import functools
import re

from .known import KnownEntity, fold, place_entity, place_kind, place_population, places

#: How many times the population of the next candidate the most populous one must have.
DOMINANCE = 10
#: A city that is the only one of its name in the data is linked without the document's geography
#: from this population on (a smaller one may be a namesake the data does not hold).
LONE_CITY_POPULATION = 100_000

_STATE_BEFORE = re.compile(r"\bstate of\s+$", re.I)
_CITY_BEFORE = re.compile(r"\b(?:city|town) of\s+$", re.I)
_STATE_AFTER = re.compile(r"^\s+[Ss]tate\b")
_DC_AFTER = re.compile(r"^,?\s*D\.?\s?C\b")
_CONTAINER_AFTER = re.compile(r"^,\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})")
_CONTAINED_BEFORE = re.compile(r"([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}),\s*$")


def candidates(name: str) -> tuple:
    return places().get(fold(name), ())


def _regions(name: str) -> set[tuple[str, str | None]]:
    """What a container name ("Washington", "WA", "Jamaica") can be: (country, US state or None)."""
    found: set[tuple[str, str | None]] = set()
    for place in candidates(name):
        kind = place_kind(place)
        if kind == "state":
            found.add(("US", place.region))
        elif kind == "country":
            found.add((place.country, None))
    if re.fullmatch(r"[A-Z]{2}", name):  # a US postal code after "City, "
        found |= {("US", p.region) for p in candidates_by_code(name)}
    return found


def candidates_by_code(code: str) -> list[KnownEntity]:
    """The US state with this postal code ("WA"), as a one-item list (or none)."""
    state = _states_by_code().get(code)
    return [state] if state is not None else []


@functools.lru_cache(maxsize=1)
def _states_by_code() -> dict[str, KnownEntity]:
    return {p.region: p for ps in places().values() for p in ps if isinstance(p, KnownEntity) and p.kind == "state"}


def context_kinds(text: str, start: int, end: int) -> tuple[set[str] | None, set[tuple[str, str | None]]]:
    """The kinds of place the context allows (None: any), and the regions it puts the place in."""
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    if _STATE_BEFORE.search(before) or _STATE_AFTER.match(after):
        return {"state"}, set()
    if _DC_AFTER.match(after):
        return {"city"}, {("US", "DC")}
    kinds = {"city"} if _CITY_BEFORE.search(before) else None
    contained = _CONTAINED_BEFORE.search(before)
    if contained and any(candidates(" ".join(contained.group(1).split()[-n:])) for n in (1, 2, 3)):
        # "Redmond, Washington": a place after "Place, " is the region that holds it.
        return {"state", "country"}, set()
    container = _CONTAINER_AFTER.match(after)
    regions: set[tuple[str, str | None]] = set()
    if container:
        # The longest run of capitalized words after the comma that names a region ("Washington. The" → "Washington").
        words = container.group(1).split()
        for n in range(len(words), 0, -1):
            regions = _regions(" ".join(words[:n]).rstrip(".,"))
            if regions:
                break
    return kinds, regions


def link_place(
    name: str, text: str, start: int, end: int, geography: set[tuple[str, str | None]] = frozenset()
) -> KnownEntity | None:
    """The known place a mention of ``name`` at ``start:end`` of ``text`` is, if it is singled out.

    ``geography`` holds the (country, US state) pairs the document has named unambiguously.

    >>> text = "Microsoft, based in Redmond, Washington, and the state of Washington sued."
    >>> link_place("Redmond", text, 20, 27).label
    'Redmond, Washington'
    >>> second = text.rindex("Washington")
    >>> link_place("Washington", text, 29, 39).kind, link_place("Washington", text, second, second + 10).kind
    ('state', 'state')
    >>> link_place("Washington", "Officials met in Washington.", 17, 27) is None
    True
    >>> link_place("Los Angeles", "He lives in Los Angeles.", 12, 23).country
    'US'
    """
    found = candidates(name)
    if not found:
        return None
    kinds, regions = context_kinds(text, start, end)
    if kinds is not None:
        # A kind the context asks for and no candidate has ("Seoul, Daejeon": a list, not a region) is no restriction.
        found = tuple(p for p in found if place_kind(p) in kinds) or found
    if regions:
        inside = tuple(p for p in found if _within(p, regions))
        if inside:
            found = inside
    countries = [p for p in found if place_kind(p) == "country"]
    if len(countries) == 1 and not any(place_kind(p) == "state" for p in found):
        return place_entity(countries[0])  # a country's name is the country
    if len(found) == 1:
        # A lone small town of the data may be another place of that name the data lacks ("St. Thomas"
        # in the Virgin Islands is not St. Thomas, Ontario): linked only where the document is.
        only = found[0]
        where = set(geography) | regions
        if place_kind(only) != "city" or place_population(only) >= LONE_CITY_POPULATION or _within(only, where):
            return place_entity(only)
        return None
    if geography:
        local = [p for p in found if _within(p, geography)]
        if len(local) == 1:
            return place_entity(local[0])
    if any(place_kind(p) == "state" for p in found):
        return None  # "New York", "Washington": the state or the city, the context does not say
    ranked = sorted(found, key=place_population, reverse=True)
    if len(ranked) > 1 and place_population(ranked[0]) >= DOMINANCE * max(1, place_population(ranked[1])):
        return place_entity(ranked[0])
    return None


def _within(place, regions: set[tuple[str, str | None]]) -> bool:
    entity = place if isinstance(place, KnownEntity) else None
    country = entity.country if entity else place["countrycode"]
    region = entity.region if entity else place.get("admin1code")
    kind = place_kind(place)
    for r_country, r_region in regions:
        if country != r_country:
            continue
        if r_region is None or (kind != "country" and region == r_region):
            return True
    return False


def geography_of(place: KnownEntity) -> set[tuple[str, str | None]]:
    """The regions a linked place puts its document in: its country, and its US state.

    >>> sorted(geography_of(link_place("Redmond", "Redmond, Washington", 0, 7)), key=str)
    [('US', 'WA'), ('US', None)]
    """
    if place.country is None:
        return set()
    regions: set[tuple[str, str | None]] = {(place.country, None)}
    if place.country == "US" and place.region and place.kind != "country":
        regions.add(("US", place.region))
    return regions


def capital_metonym(name: str) -> str | None:
    """The country a place name stands for when it acts: the IRI of the country whose capital is the
    most populous city of that name ("Washington insists" → the United States), else None.

    >>> capital_metonym("Washington"), capital_metonym("Redmond")
    ('https://w3id.org/kg/entity/united-states', None)
    """
    cities = [p for p in candidates(name) if place_kind(p) == "city"]
    if not cities:
        return None
    return place_entity(cities[0]).metonym_for
