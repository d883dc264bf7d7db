"""A document's mentions made ready for resolution: debris out, names tidied, one type per name.

The NER's spans and labels are read per mention; a reader reads a document whole. Here:

- **debris** never becomes a mention (:mod:`kg.entities.debris`): datelines, bylines, prompts;
- **names are tidied**: a bullet or an unbalanced bracket or quote is no part of a name, nor a
  trailing lowercase function word ("School of Engineering at"), nor a footnote digit
  ("points1"); a name the NER cut at a hyphen is whole again ("ISIS" + "-K" → "ISIS-K");
- **one sense per document**: the mentions of one name in one document name one thing, so they
  take one type, the majority of their NER labels (``type-vote``); a one-word name that is the
  surname of a person the document names in full ("Andrew Fahie" … "Fahie") is that person,
  whatever its label; a name the NER called a person, that no full name in the document supports
  and that the data knows as a country, US state, continent or a city of 100,000 people, is that
  place ("Glasgow", "Punta Cana"); a country or US state the NER called an organization is the place;
- **a name's own words and neighbours type it** (``name-form``, :mod:`kg.entities.forms`): a street
  ("Clarkia Drive"), a place's or an organization's head noun, a rank before a name, a brand and model,
  a name listed with places or people, a name held by a region ("in Osborne Store, Clarendon"), a
  name the text also gives as a web address; streets the NER missed become place mentions;
- **places are linked** to GeoNames where the data and the context single them out
  (:mod:`kg.entities.places`), first the unambiguous ones, which tell the document's geography
  for the others.

Everything here reads one document only, so it runs in the per-document pass as well.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..lexicon import words
from ..ontology import class_for_label
from ..records import DocumentResult, Mention
from .debris import BYLINE_PREFIX, dateline_end, debris_mention, debris_sentence
from .forms import (
    ORGANIZATION_HEADS,
    modifies_product,
    name_words,
    organization_by_head,
    organization_by_kind,
    person_by_role,
    place_by_head,
    place_by_kind,
    product_with_maker,
    street_name,
    street_spans,
    titled_person,
)
from .given_names import clear_given_name
from .known import (
    KnownEntity,
    fold,
    organization_name,
    place_entity,
    place_kind,
    place_population,
    region_countries,
)
from .normalize import PERSON_TITLES, SURFACE_CACHE, normalize_name
from .people import person_name
from .places import candidates, context_kinds, geography_of, link_place
from .wholetext import WholeText, whole_text

#: A city the NER called a person is taken for the place only from this population on.
PERSON_AS_CITY_POPULATION = 100_000

_LEADING = re.compile(r"^[^\w\"“‘'(]+")
_TRAILING = re.compile(r"[^\w.)\"”’']+$")
_FOOTNOTE = re.compile(r"(?<=[a-z])\.?\d{1,2}$")
_HYPHEN_PART = re.compile(r"-[A-Z0-9]{1,3}\b")
_QUOTES = '"“”'
_CLITIC = re.compile(r"(?:n['’]t|['’](?:s|re|ve|ll|d|m))", re.I)


@dataclass(slots=True)
class Named:
    """A mention ready for resolution: its tidied name, its type and, for a place, what it links to."""

    mention: Mention
    text: str
    type: str
    place: KnownEntity | None = None
    rules: list[str] = field(default_factory=list)
    #: The place of the data the mention's own context singles out ("the state of Washington"),
    #: which a gazetteer's entry of the same name must not override.
    context_place: KnownEntity | None = None
    #: A capitalized common noun ("Government", "the Senate"): it names this document's one only.
    local: bool = False
    #: The type was read from the name's own form ("Clarkia Drive", "Superintendent Audley Peters"),
    #: which the rules for the NER's labels then leave alone.
    formed: bool = False


@functools.lru_cache(maxsize=SURFACE_CACHE)
def tidy(text: str) -> str:
    """A mention's text as a name: no bullet, unbalanced bracket or quote, trailing function word, footnote.

    >>> tidy("• Embiid"), tidy("School of Engineering at"), tidy("Superintendent (Ag"), tidy("points1")
    ('Embiid', 'School of Engineering', 'Superintendent', 'points')
    >>> tidy('South Korean thriller "Parasite'), tidy("Boris Shor.3"), tidy("ISIS-K")
    ('Parasite', 'Boris Shor', 'ISIS-K')
    """
    text = text.strip()
    quotes = text.count('"') + text.count("“") + text.count("”")
    if quotes % 2 == 1:
        # An opening quote without its close: the quoted title is the name ('thriller "Parasite').
        cut = max(text.rfind(q) for q in _QUOTES)
        text = text[cut + 1 :] if cut < len(text) - 1 else text[:cut]
    if text.count("(") > text.count(")"):
        text = text[: text.rfind("(")]
    if text.count(")") > text.count("("):
        text = text[text.find(")") + 1 :]
    text = _LEADING.sub("", text)
    text = _TRAILING.sub("", text)
    words = text.split()
    while len(words) > 1 and words[-1] in stop_words():
        words.pop()  # lowercase only: "The Who" keeps its "Who"
    text = " ".join(words)
    text = _FOOTNOTE.sub("", text)
    return text.strip(" ,;:")


def _named_text(mention: Mention, result: DocumentResult, cased: bool = True) -> str | None:
    """The tidied name of a mention, or None when it is debris."""
    text, start = mention.text, mention.start
    full = result.document.text
    if start > 0 and full[start - 1] in "#@":
        return None  # a hashtag or a handle ("#TravelCorridor")
    if _CLITIC.fullmatch(text.strip()):
        return None  # "n't" of "aren't"
    sentence = result.sentences[mention.sentence] if mention.sentence < len(result.sentences) else None
    if sentence is not None and sentence.index == mention.sentence:
        if debris_sentence(sentence.text):
            return None
        dateline = dateline_end(sentence.text)
        if dateline:
            cut = sentence.start + dateline
            if mention.end <= cut:
                if "(" in sentence.text[:dateline] or BYLINE_PREFIX.match(sentence.text):
                    return None  # the dateline's agency, a byline: where the story was filed, by whom
                # "WEST PALM BEACH — The family …": the place the story is about stays.
            elif start < cut:
                text, start = text[cut - start :], cut  # "LOS ANGELES (Reuters) - South Korean thriller"
    if debris_mention(text):
        return None
    hyphen = _HYPHEN_PART.match(full, mention.end)
    if hyphen and not text.endswith("-"):
        text += hyphen.group()
    text = tidy(text)
    if not any(c.isalpha() for c in text) or text[0] in "'’":
        return None
    if text.islower() and mention.known is None:
        # Lowercase text (a transcript) runs names on ("u.s officials"): the known place it starts with.
        # In a text that capitalizes its names, a lowercase phrase is none ("new city"), unless it
        # starts with a country's name.
        lead = _known_lead(text) if " " in text else text
        if cased and not any(place_kind(p) == "country" for p in candidates(lead)):
            return None
        text = lead
    return text


def is_cased(result: DocumentResult) -> bool:
    """Whether the document capitalizes as English prose does (most sentences start with a capital).

    A lowercase transcript does not, and its names are lowercase too.
    """
    return cased_by(*casing(result))


def casing(result: DocumentResult) -> tuple[int, int]:
    """``(capitals, letters)``: how many sentences start with a capital, and with a letter at all
    (a long document's sections add up to the document's)."""
    starts = [s.text.lstrip("\"“‘'([-–—•* ")[:1] for s in result.sentences]
    letters = [c for c in starts if c.isalpha()]
    return sum(c.isupper() for c in letters), len(letters)


def cased_by(capitals: int, letters: int) -> bool:
    """:func:`is_cased` from :func:`casing`'s counts.

    >>> cased_by(3, 4), cased_by(1, 4), cased_by(0, 0)
    (True, False, True)
    """
    return not letters or capitals >= 0.6 * letters


def _known_lead(text: str) -> str:
    """A lowercase mention that starts with a known place's name is that name ("u.s officials" → "u.s").

    In lowercase text (a transcript) the NER's spans run on; a name never ends in a lowercase
    common noun.

    >>> _known_lead("u.s officials"), _known_lead("the united states"), _known_lead("amir khan")
    ('u.s', 'the united states', 'amir khan')
    """
    words = text.split()
    for n in range(len(words) - 1, 0, -1):
        if candidates(" ".join(words[:n])) and not candidates(text):
            return " ".join(words[:n])
    return text


@functools.cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, imported when first needed (importing spaCy costs a second)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def prepare_mentions(result: DocumentResult, user_known: bool = True, cased: bool | None = None) -> list[Named]:
    """The document's mentions as :class:`Named`, in text order, with debris left out.

    ``result``'s mentions must carry their kg type already (``Mention.entity_type``). ``cased``:
    :func:`is_cased` of the whole document, when ``result`` is one section of it.
    """
    named: list[Named] = []
    cased = is_cased(result) if cased is None else cased
    labels = class_for_label()
    for mention in sorted(result.mentions, key=lambda m: (m.start, m.end)):
        # A label kg.ttl maps to no class (numbers, amounts) names no entity node.
        if mention.label not in labels or mention.entity_type == "TimeExpression":
            continue
        text = _named_text(mention, result, cased)
        if text is None:
            continue
        if mention.entity_type == "Product":
            # "a Toyota Starlet": the maker's name the NER left out is part of the product's.
            text = product_with_maker(text, result.document.text[max(0, mention.start - 40) : mention.start])
        if _office_field(mention, text, result.document.text):
            continue
        if _dateline_place(mention, result):
            named.append(Named(mention, text, "Place", rules=["name-form"], formed=True))
            continue
        if cased and mention.entity_type == "Person" and _CAPITALS_WORD.fullmatch(text):
            # "COVID": in a text that capitalizes as prose does, one word in capitals is an acronym,
            # not a person's name (those come whole, "JOHN SMITH"); of no class the NER knows, it is
            # no mention, and an argument it heads is its own phrase node (kg:Other).
            continue
        named.append(Named(mention, text, mention.entity_type))
    named = _joined_names(named, result.document.text)
    named = _with_missed_streets(named, result)
    named = [_trailing_person(item, result.document.text) for item in named]
    named = _without_coordinations(named)
    whole = whole_text(result.document.text)
    _one_type_per_name(named, whole)
    _link_places(named, result.document.text)
    if cased:
        _mark_common_nouns(named, whole)
    return named


#: One word of three capitals or more, digits and hyphens allowed ("COVID-19" is one too).
_CAPITALS_WORD = re.compile(r"[A-Z][A-Z0-9-]*[A-Z0-9]{2}")

#: Titles of a public office a word for its field qualifies ("Finance Minister").
OFFICE_TITLES = words("office_titles")
_TITLE_AFTER = re.compile(r"\s([A-Za-z]+)\b")


def _office_field(mention: Mention, text: str, full: str) -> bool:
    """Whether a one-word name the NER took for an organization is the field of an office whose title
    follows it ("Transport Secretary Grant Shapps", "Finance Minister"): a field, no organization.
    An acronym stays ("EU Commissioner"), and so does a name a gazetteer matched."""
    if mention.entity_type not in ("Organization", "Other", "Group") or mention.known is not None:
        return False
    if " " in text or not text[:1].isupper() or text.isupper():
        return False
    title = _TITLE_AFTER.match(full, mention.end)
    return title is not None and title.group(1).lower() in OFFICE_TITLES


def _dateline_place(mention: Mention, result: DocumentResult) -> bool:
    """Whether a mention is in a dateline with no agency ("KHAN YOUNIS, GAZA — The ..."): the place a
    story was filed from, whatever the NER called the capitals. A mention of the dateline with an
    agency is left out as debris before this (:func:`_named_text`)."""
    if mention.known is not None or mention.sentence >= len(result.sentences):
        return False
    sentence = result.sentences[mention.sentence]
    if sentence.index != mention.sentence:
        return False
    cut = dateline_end(sentence.text)
    return bool(cut) and mention.end <= sentence.start + cut and not BYLINE_PREFIX.match(sentence.text)


#: What may part two mentions of one name: one space.
_ONE_SPACE = " "


def _joined_names(named: list[Named], text: str) -> list[Named]:
    """One name the NER cut in two, one space apart, made whole again: a clear given name and one more
    capitalised word ("Tyrese" + "Maxey" is the person Tyrese Maxey), or a person's full name before an
    organization's name with a head noun ("Robert Wood" + "Johnson Medical School" is one school)."""
    if len(named) < 2:
        return named
    joined: list[Named] = []
    for item in named:
        last = joined[-1] if joined else None
        kind = _joined_kind(last, item, text) if last is not None else None
        if kind is None:
            joined.append(item)
            continue
        a = last.mention
        start, end = a.start, item.mention.end
        label = "PERSON" if kind == "Person" else item.mention.label
        mention = Mention(text[start:end], start, end, label, a.sentence, kind)
        joined[-1] = Named(mention, f"{last.text} {item.text}", kind, rules=["name-form"], formed=True)
    return joined


def _joined_kind(first: Named, second: Named, text: str) -> str | None:
    """The type of the one name two adjacent mentions are (see :func:`_joined_names`), or None."""
    a, b = first.mention, second.mention
    if a.sentence != b.sentence or text[a.end : b.start] != _ONE_SPACE or _fixed(first) or _fixed(second):
        return None
    if first.text != a.text or second.text != b.text:
        return None  # tidied: a bracket, a quote or a function word stood at the seam
    words_a, words_b = first.text.split(), second.text.split()
    if len(words_a) == 1 and len(words_b) == 1:
        given, surname = words_a[0], words_b[0]
        if not (given.istitle() and surname.istitle() and _NAME_WORD.fullmatch(surname)):
            return None
        if not clear_given_name(given) or surname.lower() in stop_words() or organization_by_head(f"{given} {surname}"):
            return None
        # A big place's name first ("Paris" + "Saint-Germain") may be the place's.
        return "Person" if _place_for_person(given) is None else None
    if first.type == "Person" and len(words_a) >= 2 and second.type == "Organization":
        if words_b[0][:1].isupper() and organization_by_head(second.text):
            return "Organization"
    return None


def _with_missed_streets(named: list[Named], result: DocumentResult) -> list[Named]:
    """Streets the NER missed ("Sunrise Road and Baillou Hill Road") and the town after one
    ("Wellington Road, Debe,"), as place mentions where no mention is."""
    if not result.sentences:
        return named
    # Only streets inside the result's sentences are taken: a long document's section reads its own text.
    spans = street_spans(result.document.text, result.sentences[0].start, result.sentences[-1].end)
    if not spans:
        return named
    taken = sorted((item.mention.start, item.mention.end) for item in named)
    starts = [s.start for s in result.sentences]
    added = []
    for start, end in spans:
        at = bisect.bisect_left(taken, (end, end))
        if at > 0 and taken[at - 1][1] > start:
            continue  # the NER's mention is there
        sentence = bisect.bisect_right(starts, start) - 1
        if sentence < 0 or end > result.sentences[sentence].end or debris_sentence(result.sentences[sentence].text):
            continue
        text = result.document.text[start:end]
        added.append(Named(Mention(text, start, end, "FAC", sentence, "Place"), text, "Place", rules=["name-form"]))
    return sorted(named + added, key=lambda n: (n.mention.start, n.mention.end)) if added else named


_TRAILING_NAME = re.compile(r"([A-Z][^\W\d_]+)\s+([A-Z][^\W\d_]+(?:[-'’][A-Z][^\W\d_]+)?)$")


def _trailing_person(item: Named, text: str) -> Named:
    """A title or organization the NER ran into the name after it: "Minister in the Ministry of Finance
    Brian Manning", "Ministry of Finance Brian Manning" name Brian Manning, a person. The name is two
    capitalised words at the end, the first an English-speaking first name clearly a woman's or a man's,
    after at least two other words."""
    if item.type not in ("Organization", "Other", "Group") or _fixed(item):
        return item
    mention = item.mention
    found = _TRAILING_NAME.search(text[mention.start : mention.end])
    if found is None or found.start() == 0 or len(text[mention.start : mention.start + found.start()].split()) < 2:
        return item
    given, surname = found.group(1), found.group(2)
    # organization_by_head: a surname that is an organization's head noun ("Branch") makes no person.
    if not clear_given_name(given) or organization_by_head(f"{given} {surname}") or surname.lower() in stop_words():
        return item
    start = mention.start + found.start()
    person = Mention(text[start : mention.end], start, mention.end, "PERSON", mention.sentence, "Person")
    return Named(person, person.text, "Person", rules=["name-form"], formed=True)


def _mark_common_nouns(named: list[Named], whole: WholeText) -> None:
    """A one-word organization name the document also writes in lowercase is a common noun used as a
    name ("the Government" … "the government"): it names this document's own, not one across documents."""
    seen: dict[str, bool] = {}
    for item in named:
        if item.type != "Organization" or " " in item.text or _fixed(item) or not item.text[:1].isupper():
            continue
        word = item.text.lower()
        if word not in seen:
            seen[word] = whole.writes(word)
        item.local = seen[word]


def _without_coordinations(named: list[Named]) -> list[Named]:
    """Leave out a mention that is two names the document names apart ("Grant and Ambersley" after
    "Heather Grant" and "Nigel Ambersley"): a list the NER took for one name."""
    names = {normalize_name(n.text) for n in named}
    for item in named:
        if item.type == "Person":
            names.update(_without_titles(normalize_name(item.text)).split()[-1:])
    kept = []
    for item in named:
        parts = re.split(r"\s+(?:and|&)\s+", item.text)
        if len(parts) == 2 and all(normalize_name(p) in names for p in parts):
            continue
        kept.append(item)
    return kept


def _fixed(item: Named) -> bool:
    """A mention a gazetteer or the data's ruler matched keeps its type."""
    return item.mention.known is not None


def _retype(item: Named, new_type: str, rule: str = "type-vote") -> None:
    if item.type != new_type:
        item.type = new_type
        if rule not in item.rules:
            item.rules.append(rule)


#: NER types a name's form may overrule (a product, work or event keeps its own).
_FORM_TYPES = ("Person", "Organization", "Group", "Place", "Other")


def _type_by_form(item: Named, text: str) -> str | None:
    """The type a name's own words give it: a street, a product, an organization, a person with a rank."""
    start, end = item.mention.start, item.mention.end
    # What a noun for its kind says overrules any NER type: "the journal Technology" is no product.
    if item.type != "Organization" and organization_by_kind(text[max(0, start - 20) : start], ""):
        return "Organization"
    if item.type not in _FORM_TYPES:
        return None
    found = name_words(item.text)
    with_the = "the " if item.text.split()[0].lower() == "the" else text[max(0, start - 8) : start]
    if place_by_kind(with_the, text[end : end + 30]):
        return "Place"  # "in the Mughraqa area"
    if len(found) == 1:
        # "the Globalia company", "The Ávoris airline"; every other form has two words or more.
        return "Organization" if organization_by_kind(with_the, text[end : end + 30]) else None
    before, after = text[max(0, start - 60) : start], text[end : end + 60]
    if street_name(item.text, before, after):
        return "Place"
    if place_by_head(item.text) and (item.type != "Person" or _LOCATIVE_BEFORE.search(before)):
        return "Place"  # "Essequibo Coast"; a person's "Michael Bay" stays the person
    if modifies_product(item.text, after):
        return "Product"
    # A building the NER called a facility ("the Lloyd Erskine Sandiford Centre") stays a place.
    if item.mention.label != "FAC" and organization_by_head(item.text):
        return "Organization"
    if titled_person(item.text) or person_by_role(item.text, before) or _given_named(item, before):
        return "Person"
    return None


def _given_named(item: Named, before: str) -> bool:
    """ "Nadia Mohamed", "Jayson Tatum" typed otherwise: two or three capitalised words, the first a given
    name of English-speaking countries' data, clearly a woman's or a man's
    (:mod:`kg.entities.given_names`), none a
    function word, the first no big place ("Georgia Power"), the name not after "in" or "at" (a place)."""
    if item.type == "Person":
        return False
    words = item.text.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and _NAME_WORD.fullmatch(w) for w in words):
        return False
    if not clear_given_name(words[0]) or any(w.lower() in stop_words() for w in words):
        return False
    if organization_name(item.text) != item.text:
        return False  # a legal form: "Carita Jamaica Limited"
    if _LOCATIVE_BEFORE.search(before) or (item.type == "Place" and candidates(item.text)):
        return False  # "his home at Maria Lodge"
    return _place_for_person(words[0]) is None


_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _after_the(item: Named, text: str) -> bool:
    """Whether the mention is a whole noun phrase with "the" ("the Louvre", not "the Obama administration")."""
    start, end = item.mention.start, item.mention.end
    with_the = item.text.lower().startswith("the ") or text[max(0, start - 4) : start].lower() == "the "
    # A lowercase word after it that is no function word is the head it modifies ("administration").
    following = re.match(r"['’]?s?\s+([a-z][\w-]*)", text[end : end + 40])
    return with_the and not (following and following.group(1) not in stop_words())


def _one_type_per_name(named: list[Named], whole: WholeText) -> None:
    # A web address in the text ("on iberojet.com"): the name before the domain names an organization.
    text, domains = whole.text, whole.domains
    # A name the NER called an organization somewhere in the document may be settled by its web address.
    called_organization = {fold(i.text) for i in named if i.type == "Organization"} if domains else set()
    for item in named:
        if not _fixed(item):
            by_form = _type_by_form(item, text)
            if by_form is None and item.type in ("Place", "Person", "Group") and fold(item.text) in called_organization:
                site = re.sub(r"[^a-z0-9-]", "", fold(item.text))
                if site in domains and not candidates(item.text):
                    by_form = "Organization"  # "Iberojet has signed" (GPE) … "Iberojet moves" (ORG) … "iberojet.com"
            if by_form is not None:
                _retype(item, by_form, "name-form")
                item.formed = True
    _short_organization_names(named)
    # Full names of people in this document, and their surnames.
    surnames: set[str] = set()
    for item in named:
        if item.type == "Person":
            words = person_name(item.text).split()
            if len(words) > 1:
                surnames.add(words[-1])
    for item in named:
        if _fixed(item) or item.formed:
            continue
        name = _without_titles(normalize_name(item.text))
        if item.type != "Person" and " " not in name and name in surnames:
            _retype(item, "Person")  # "Fahie" after "Andrew Fahie", whatever the NER called it
        elif item.type == "Person" and not (" " not in name and name in surnames):
            place = _place_for_person(item.text)
            if place is not None and not (len(person_name(item.text).split()) > 1 and place_kind(place) == "city"
                                          and place_population(place) < PERSON_AS_CITY_POPULATION):  # fmt: skip
                _retype(item, "Place")
            elif " " not in name and _after_the(item, text):
                # English gives a person's name no article: "the Louvre", "the Sixers" name no person;
                # "the Azores", a region of the data, is the place.
                _retype(item, "Place" if _region(item.text, whole) else "Organization")
        elif item.type in ("Organization", "Group"):
            # A country, US state or province the NER called an organization or a nationality is the place.
            if any(place_kind(p) in ("country", "state") for p in candidates(item.text)) or (
                _region(item.text, whole) and demonym_country(item.text) is None
            ):
                _retype(item, "Place")
    _places_by_neighbours(named, text, surnames)
    # One sense per document: the mentions of a name take the type most of them have.
    by_name: dict[str, list[Named]] = defaultdict(list)
    for item in named:
        if not _fixed(item):
            by_name[fold(item.text)].append(item)
    for items in by_name.values():
        # What the words or the neighbours of a mention say outweighs the NER's labels on the others.
        counts = Counter(i.type for i in items if "name-form" in i.rules) or Counter(i.type for i in items)
        if len(set(i.type for i in items)) < 2:
            continue
        (top, n), (_, second) = (*counts.most_common(2), (None, 0))[:2]
        if n > second:
            for item in items:
                _retype(item, top)


def _region(name: str, whole: WholeText) -> bool:
    """Whether a name is a province or region of the data ("Madeira") and no common word the text
    also writes in lowercase ("Central", "City")."""
    if not region_countries(name):
        return False
    word = " ".join(name_words(name)).lower()
    return word not in stop_words() and not whole.writes(word)


#: Between two names of one list ("Seoul, Daejeon and Cheongju", "Bonaire, St Eustatius and Saba").
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s+(?:and|or|&))\s+(?:the\s+)?$")
#: Between a place and the region that holds it ("Osborne Store, Clarendon", "Cheorwon in Gangwon Province").
_CONTAINER_GAP = re.compile(r"^(?:,\s*|\s+in\s+(?:the\s+)?)$")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|from)\s+(?:the\s+)?$", re.I)


def _places_by_neighbours(named: list[Named], text: str, surnames: set[str]) -> None:
    """A name the NER gave another type is a place where the text puts it among places: listed with
    two or more places ("Seoul, Daejeon and Cheongju") (a person, listed with two or more people), or held by a region ("in Osborne Store,
    Clarendon", "Cheorwon in Gangwon Province") after a preposition of place or when the data knows it."""
    gaps = [text[a.mention.end : b.mention.start] for a, b in itertools.pairwise(named)]
    # One-word names of people: a full name whose last word is among them is a person's ("Grant").
    alone = {person_name(i.text) for i in named if i.type == "Person" and " " not in person_name(i.text)}
    for n, item in enumerate(named):
        if _fixed(item) or item.formed or item.type not in ("Person", "Organization", "Group"):
            continue
        found = name_words(item.text)
        last = found[-1].lower()
        if len(found) > 3 or organization_by_head(item.text) or last in (surnames if len(found) == 1 else alone):
            continue  # "Fahie" after "Andrew Fahie"; "Bernie Sanders" when "Sanders" is named alone
        if item.type == "Group" and demonym_country(item.text) is not None:
            continue
        start = item.mention.start
        held = n + 1 < len(named) and named[n + 1].type == "Place" and _CONTAINER_GAP.match(gaps[n])
        if held and (_LOCATIVE_BEFORE.search(text[max(0, start - 20) : start]) or candidates(item.text)):
            _retype(item, "Place", "name-form")
            continue
        listed = [item]
        m = n
        while m > 0 and _LIST_GAP.match(gaps[m - 1]):
            m -= 1
            listed.append(named[m])
        m = n
        while m + 1 < len(named) and _LIST_GAP.match(gaps[m]):
            m += 1
            listed.append(named[m])
        kinds = Counter(other.type for other in listed[1:])
        for kind in ("Place", "Person"):
            # "Harris, Oubre Jr., Covington and Batum": a list of people; a known place stays one.
            if kinds[kind] >= 2 and kinds[kind] == len(listed) - 1 and (kind == "Place" or not candidates(item.text)):
                _retype(item, kind, "name-form")


def _short_organization_names(named: list[Named]) -> None:
    """A one-word name that ends an organization's name in the document is that organization's short
    name ("the Celtics" after "the Boston Celtics"), whatever the NER called it; a generic head
    ("Fund") or a nationality is not."""
    tails = set()
    for item in named:
        found = name_words(item.text)
        if (
            item.type == "Organization"
            and len(found) > 1
            and found[-1].lower() not in ORGANIZATION_HEADS
            and found[-2][:1].isupper()  # "Statistical Institute of Jamaica": Jamaica is no short name
            and not candidates(found[-1])  # "Air Europe": Europe is the place
        ):
            tails.add(fold(found[-1]))
    # A name the NER called a nationality here and an organization there, that is no country's
    # demonym, is the organization ("current Celtics assistant coach" … "the Celtics' star duo").
    organizations = {fold(i.text) for i in named if i.type == "Organization"}
    for item in named:
        if (
            item.type == "Group"
            and not _fixed(item)
            and fold(item.text) in organizations
            and not demonym_country(item.text)
        ):
            _retype(item, "Organization", "type-vote")
    for item in named:
        found = name_words(item.text)
        if (
            item.type in ("Group", "Place")  # a person's surname ending a garbled span stays the person's
            and not (_fixed(item) or item.formed)
            and len(found) == 1
            and fold(found[0]) in tails
            and demonym_country(found[0]) is None
        ):
            _retype(item, "Organization", "name-form")
            item.formed = True


def _without_titles(name: str) -> str:
    """A normalized name without leading titles ("dr mitchell" → "mitchell")."""
    words = name.split()
    while len(words) > 1 and words[0] in PERSON_TITLES:
        words = words[1:]
    return " ".join(words)


def _place_for_person(text: str):
    """The known place a "person" mention is, when the data knows the name as a big enough place."""
    found = candidates(text)
    if not found:
        return None
    best = max(found, key=place_population)
    kind = place_kind(best)
    if kind in ("country", "state", "continent") or place_population(best) >= PERSON_AS_CITY_POPULATION:
        return best
    return None


def _link_places(named: list[Named], text: str) -> None:
    """Link the document's places: the unambiguous first (they tell the document's geography), then
    the others with it; the mentions of one name then share the one place its mentions were linked to."""
    first: dict[int, KnownEntity | None] = {}
    geography: set[tuple[str, str | None]] = set()
    for n, item in enumerate(named):
        if item.type == "Place":
            first[n] = found = link_place(item.text, text, item.mention.start, item.mention.end)
            if found is not None:
                geography |= geography_of(found)
    places_in = Counter(item.mention.sentence for item in named if item.type == "Place")
    for n, item in enumerate(named):
        # A city of the document's own country the NER called an organization in a sentence that
        # lists places ("Gwangju hitting 14 degrees and Daegu, 15 degrees") is the city.
        if item.type == "Organization" and not _fixed(item) and geography and places_in[item.mention.sentence] >= 2:
            city = link_place(item.text, text, item.mention.start, item.mention.end, geography)
            if city is not None and city.kind == "city" and geography_of(city) & geography:
                _retype(item, "Place")
                first[n] = city
    places = [(n, item) for n, item in enumerate(named) if item.type == "Place"]
    pending = []
    for n, item in places:
        linked = first.get(n)
        kinds, regions = context_kinds(text, item.mention.start, item.mention.end)
        if kinds is not None or regions:
            item.context_place = linked
        if linked is not None:
            if item.mention.known is None:
                item.place = linked
        elif item.mention.known is None:
            pending.append(item)
    if geography:
        for item in pending:
            item.place = link_place(item.text, text, item.mention.start, item.mention.end, geography)
    places = [item for _, item in places]
    linked_as: dict[str, set[str]] = defaultdict(set)
    by_iri: dict[str, KnownEntity] = {}
    for item in places:
        if item.place is not None:
            linked_as[fold(item.text)].add(item.place.iri)
            by_iri[item.place.iri] = item.place
    for item in places:
        iris = linked_as.get(fold(item.text), set())
        if item.place is None and item.mention.known is None and len(iris) == 1:
            item.place = by_iri[next(iter(iris))]


@functools.lru_cache(maxsize=1 << 12)
def demonym_country(name: str) -> KnownEntity | None:
    """The country a nationality's name is the demonym of ("Afghans" → Afghanistan)."""
    from .known import demonyms

    return demonyms().get(fold(name))


__all__ = ["Named", "demonym_country", "place_entity", "prepare_mentions", "tidy"]
