"""Aliases the text defines: "Long Name (ACR)", "Long Name (ACR or ACR2)" and "Long Name, ACR,".

A short form in apposition after a comma ("the Caribbean Community, CARICOM,") counts only when
its letters spell the long name in order, each run of letters the start of one of its words
(:func:`abbreviates`, the usual acronym-matching rule); in parentheses the looser test that its
letters are initials of the long name also does ("ISIS-K").

The short forms become aliases of the long name for the whole document and,
when no other document defines them differently, for the whole corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import DocumentResult, Mention
from .normalize import normalize_name

# "(ISKP or ISIS-K)", "(ISKP, ISIS-K)", "(ISKP/ISIS-K)": short forms in parentheses.
_PARENTHESES = re.compile(r"\s*\(([^()]{1,60})\)")
_SEPARATORS = re.compile(r"\s*(?:,|/|;|\bor\b|\balso\b|\baka\b)\s*")
#: A short form: no spaces, at least two capitals, at most 12 characters ("ISIS-K", "U.S.", "NATO").
_SHORT = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z0-9.&\-]{2,12}$")
# A long name by itself, when no mention ends at the parenthesis: capitalized
# words with lowercase connectors in between ("Islamic State in Khorasan Province").
_LONG = re.compile(r"((?:[A-Z][\w'’&.-]*)(?:\s+(?:(?:of|in|for|and|the|on|de|al)\s+)*[A-Z][\w'’&.-]*)+)$")
#: A short form in apposition: ", ACR" followed by a comma, a full stop or the end of the sentence.
_APPOSITION = re.compile(r",\s+([A-Z][A-Z0-9&.-]{1,11})(?=[,.;]|\s*$)")


@dataclass(frozen=True, slots=True)
class AliasDefinition:
    """``short`` is defined in the text as another name of ``long`` (a mention's text when one matched)."""

    long: str
    short: str
    entity_type: str | None
    start: int  # where the long name starts


def find_definitions(result: DocumentResult, span: tuple[int, int] | None = None) -> list[AliasDefinition]:
    """Every "Long Name (ACR or ACR2)" of a document (with ``span``: of that range of its text, a section).

    >>> from kg.records import Document, Mention
    >>> text = "Fighters of Islamic State in Khorasan Province (ISKP or ISIS-K) attacked."
    >>> doc = DocumentResult(Document("d", text, ""), mentions=[Mention("Islamic State in Khorasan Province", 12, 46, "ORG", 0, "Organization")])
    >>> [(d.long, d.short) for d in find_definitions(doc)]
    [('Islamic State in Khorasan Province', 'ISKP'), ('Islamic State in Khorasan Province', 'ISIS-K')]
    """
    text = result.document.text
    ends = {m.end: m for m in result.mentions}
    definitions: list[AliasDefinition] = []
    for match in _PARENTHESES.finditer(text, *(span or (0, len(text)))):
        shorts = [s for s in _SEPARATORS.split(match.group(1).strip()) if s and _SHORT.match(s)]
        if not shorts:
            continue
        mention = ends.get(match.start())
        found = _LONG.search(text[max(0, match.start() - 120) : match.start()])
        # A sentence's "The" is no part of the name.
        candidate = re.sub(r"^The\s+", "", found.group(1)) if found else None
        if mention is not None and (candidate is None or _initials_fit(mention.text, shorts)
                                    or not _initials_fit(candidate, shorts)):  # fmt: skip
            long, entity_type, start = mention.text, mention.entity_type, mention.start
        else:
            # No mention ends at the parenthesis, or the NER cut the name ("the Islamic State" in
            # "Khorasan Province"): the capitalized words before it, if the short forms are their initials.
            if candidate is None or not _initials_fit(candidate, shorts):
                continue  # "Joe Biden (AP)": a source in parentheses, not a short form
            long, start = candidate, match.start() - len(candidate)
            entity_type = _type_within(result, start, match.start())
        for short in shorts:
            if normalize_name(short) != normalize_name(long):
                definitions.append(AliasDefinition(long, short, entity_type, start))
    for match in _APPOSITION.finditer(text, *(span or (0, len(text)))):
        short = match.group(1)
        mention = ends.get(match.start())
        if (
            mention is None
            or mention.entity_type not in ("Organization", "Other")
            or not (abbreviates(short, mention.text) or initials_and_head(short, mention.text))
        ):
            continue
        definitions.append(AliasDefinition(mention.text, short, mention.entity_type, mention.start))
    definitions.extend(_undefined_initialisms(result, {normalize_name(d.short) for d in definitions}))
    definitions.sort(key=lambda d: d.start)
    return definitions


_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")
#: A short form used without its definition: two to six capitals ("BPD", "IMF").
_INITIALISM = re.compile(r"[A-Z]{2,6}")


def _undefined_initialisms(result: DocumentResult, defined: set[str]) -> list[AliasDefinition]:
    """Short forms the text uses without defining them, that are the initials of exactly one organization
    or place it names in full ("Brookhaven Police Department" … "BPD was unable"): news writes them so.

    >>> from kg.records import Document, Mention
    >>> text = "The International Monetary Fund warned. The IMF said prices rise."
    >>> doc = DocumentResult(Document("d", text, ""), mentions=[Mention("The International Monetary Fund", 0, 31, "ORG", 0, "Organization"), Mention("IMF", 45, 48, "ORG", 1, "Organization")])
    >>> [(d.long, d.short) for d in _undefined_initialisms(doc, set())]
    [('International Monetary Fund', 'IMF')]
    """
    from .known import initialism

    longs: dict[str, dict[str, Mention]] = {}
    for mention in result.mentions:
        name = re.sub(r"^[Tt]he\s+", "", mention.text.strip())
        if mention.entity_type in ("Organization", "Place") and len(name.split()) > 1:
            # "U.S. Virgin Islands" → USVI: a dotted short form inside the name gives each of its letters.
            spelled = _DOTTED.sub(lambda m: " ".join(m.group().replace(".", "")), name)
            longs.setdefault(initialism(spelled), {}).setdefault(normalize_name(name), mention)
    found = []
    for mention in result.mentions:
        short = mention.text.strip()
        fits = longs.get(short, {})
        if not _INITIALISM.fullmatch(short) or normalize_name(short) in defined or len(fits) != 1:
            continue
        long = next(iter(fits.values()))
        found.append(AliasDefinition(re.sub(r"^[Tt]he\s+", "", long.text.strip()), short, long.entity_type, long.start))
        defined.add(normalize_name(short))
    return found


def abbreviates(short: str, long: str) -> bool:
    """Whether ``short``'s letters spell ``long`` in order, each run the start of a word (words may be skipped).

    >>> abbreviates("CARICOM", "the Caribbean Community"), abbreviates("STATIN", "Statistical Institute of Jamaica")
    (True, True)
    >>> abbreviates("PAHO", "Pan American Health Organization"), abbreviates("DC", "Washington")
    (True, False)
    >>> abbreviates("JMEA", "Jamaica Manufacturers & Exporters")
    False
    """
    letters = "".join(c for c in short.lower() if c.isalpha())
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", re.sub(r"^[Tt]he\s+", "", long))]
    if len(letters) < 2 or not words or letters[0] != words[0][0]:
        return False

    def match(i: int, w: int) -> bool:
        if i == len(letters):
            return True
        for j in range(w, len(words)):
            if j > w and i == 0:
                break  # the first letters are the first word's
            word = words[j]
            n = 0
            while n < len(word) and i + n < len(letters) and word[n] == letters[i + n]:
                n += 1
                if match(i + n, j + 1):
                    return True
        return False

    return match(0, 0)


def initials_and_head(short: str, long: str) -> bool:
    """Whether ``short`` is the initials of every word of ``long`` and one letter more: the head noun a
    writer leaves off the organization's name before its short form ("the Jamaica Manufacturers &
    Exporters, JMEA," for its Association).

    >>> initials_and_head("JMEA", "the Jamaica Manufacturers & Exporters"), initials_and_head("JM", "Jamaica Manufacturers")
    (True, False)
    >>> initials_and_head("NYPD", "New York")
    False
    """
    found = [
        w
        for w in re.findall(r"[A-Za-z]+", re.sub(r"^[Tt]he\s+", "", long))
        if w.lower() not in {"of", "and", "the", "for"}
    ]
    letters = "".join(c for c in short.upper() if c.isalpha())
    initials = "".join(w[0].upper() for w in found)
    return len(found) > 1 and len(letters) == len(initials) + 1 and letters.startswith(initials)


def _type_within(result: DocumentResult, start: int, end: int) -> str | None:
    """The type of the mention covering most of a long name the NER cut ("the Islamic State" of
    "Islamic State in Khorasan Province"); a place or a nationality inside a name is not its type."""
    best, covered = None, 0
    for mention in result.mentions:
        overlap = min(end, mention.end) - max(start, mention.start)
        if overlap > covered and mention.entity_type not in ("Place", "Group", "Other"):
            best, covered = mention.entity_type, overlap
    return best


def _initials_fit(long: str, shorts: list[str]) -> bool:
    """Some short form starts with the long name's first letter and uses only its words' initials.

    >>> _initials_fit("North Atlantic Treaty Organization", ["NATO"])
    True
    >>> _initials_fit("Joe Biden", ["AP"])
    False
    """
    initials = {w[0].upper() for w in long.split()}
    for short in shorts:
        letters = [c for c in short.upper() if c.isalpha()]
        if letters and letters[0] == long[0].upper() and set(letters) <= initials:
            return True
    return False
