"""Rule-based coreference: pronouns and definite descriptions → an earlier entity.

Works on the compact per-document records only (argument texts, offsets and
sentence indexes; mentions already resolved to entity keys), never on spaCy
objects, so it runs in the cheap cross-document pass.

A definite description resolves to the nearest agreeing referent: same or
earlier sentence within a window, then whole arguments before names buried
inside them, then the most recent. A pronoun resolves by salience
(:func:`resolve_pronoun`): the most recent sentence first, a whole argument
before a name inside one, a subject before an object ("Nadia Mohamed defeated
Dale Anderson. She ...": Mohamed), and stays unresolved when two candidates are
equally salient and nothing tells them apart (a gender the text gave, a longer
chain of mentions): a wrong link is worse than none. Agreement:

- *he, she* (and forms): a person, or a singular person noun ("a U.S. spokesman"), never one the
  text gave the other gender (an earlier "she" for that person, "Mr." before the name);
- *it, its*: a named organization or place, or an unnamed thing that is the subject of a nearer clause
  ("The department said it could not answer": the department); expletive "it" ("it is possible") is skipped;
- *they, them, their*: a named organization (a group), or a plural or collective noun phrase;
- *the group / movement / organization*: a named organization; *the country*: a named place;
  *the official / spokesman*: an earlier noun phrase with the same head noun.

Whatever the anaphor's own clause names is excluded ("They will press the
Taliban": *they* is not the Taliban).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..lexicon import table, words, words_with
from .given_names import name_gender
from .normalize import SURFACE_CACHE

# The word lists are data: ontology/lexicon/*.txt and *.tsv (kg.lexicon).
PERSON_PRONOUNS = words_with("pronouns", "he")
IT_PRONOUNS = words_with("pronouns", "it")
THEY_PRONOUNS = words_with("pronouns", "they")
PRONOUNS = PERSON_PRONOUNS | IT_PRONOUNS | THEY_PRONOUNS
#: First and second person and demonstratives: never resolved (speaker-relative or vague).
UNRESOLVABLE = words_with("pronouns", "none")

#: Head noun of a definite description → the entity type it refers to.
DESCRIPTION_HEADS = table("description_heads")
#: Nouns for people, so "he said" can take "a U.S. spokesman" as antecedent.
PERSON_NOUNS = words_with("description_heads", "Person") | words("person_nouns")
#: Singular nouns for groups of people, which English refers to as *they*.
COLLECTIVE_NOUNS = words("collective_nouns")
#: Verbs whose pronoun subject is usually expletive ("it is", "it seems", "it takes").
EXPLETIVE_VERBS = words("expletive_verbs")

_HEAD_STOP = frozenset(
    "of from with in into for on at to by who which that including as about between among against "
    "while through over during after before under without within".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@dataclass(slots=True)
class Referent:
    """Something an anaphor can point back to: a resolved mention or argument."""

    key: str
    type: str
    start: int
    sentence: int
    is_argument: bool = False  # a whole argument (salient), not a name inside one
    is_subject: bool = False
    plural: bool = False
    head: str = ""
    named: bool = True
    end: int = -1  # -1: same as start (a point)
    gender: str = ""  # "masculine" or "feminine" when this surface says it ("she", "Ms. Waters"), else ""
    #: A coordination's conjuncts, (start, end, text, key) each ("Biden and Sanders"): "they" is each of them.
    members: tuple[tuple[int, int, str, str], ...] = ()


@functools.cache
def _gender_words() -> dict[str, str]:
    return dict(table("gender_words"))


@functools.lru_cache(maxsize=SURFACE_CACHE)  # asked of the same surfaces again and again (~170 times a document)
def surface_gender(text: str) -> str:
    """The gender a surface form gives its referent: a pronoun's, an honorific's before a name, or
    a gendered noun's in the phrase ("Ramdehol's sister, Inderdai Deyal", "a woman who ...").

    A noun after "of" or a possessive pronoun names someone else ("the son of ...", "her husband"
    is the husband, but "the wife of John Smith" is not John Smith); a phrase giving both genders
    gives none.

    Else a name's first given name says it when it is clearly a woman's or a man's
    (:func:`~kg.entities.given_names.name_gender`): "Nadia Mohamed", not "Jordan Smith".

    >>> surface_gender("She"), surface_gender("Mr. Mahfood"), surface_gender("Ms Waters"), surface_gender("Nadia")
    ('feminine', 'masculine', 'feminine', 'feminine')
    >>> surface_gender("Ramdehol’s sister, Inderdai Deyal"), surface_gender("the father of Sarah Baker")
    ('feminine', 'masculine')
    >>> surface_gender("Jordan Smith"), surface_gender("the minister")
    ('', '')
    """
    cased = _WORD.findall(text)
    words = [w.lower() for w in cased]
    if not words:
        return ""
    table = _gender_words()
    if len(words) == 1:
        if words[0] in PRONOUNS:
            return table.get(words[0], "")
        return _given_name_gender(cased)
    found = set()
    for i, word in enumerate(words):
        if word in _HEAD_STOP or word in PRONOUNS:
            break  # "of Sarah Baker", "who identified herself": another person, or a clause
        gender = table.get(word.removesuffix("’s").removesuffix("'s"))
        if gender and (i == 0 or word not in PRONOUNS):
            found.add(gender)
    if found:
        return next(iter(found)) if len(found) == 1 else ""
    return _given_name_gender(cased)


def _given_name_gender(words: list[str]) -> str:
    """The gender of a name's first given name: its first word, when written with a capital.

    Only a person's gender is ever asked of it (pronouns agree with people), so a place or
    organisation whose name starts like a given name ("Georgia") does no harm."""
    first = words[0]
    return name_gender(first) if first[:1].isupper() else ""


@functools.lru_cache(maxsize=SURFACE_CACHE)
def head_noun(text: str) -> str:
    """The head noun of a noun phrase, by English word order: last word before a post-modifier.

    >>> head_noun("officials from the State Department")
    'officials'
    >>> head_noun("a senior government official")
    'official'
    """
    words = [w.lower() for w in _WORD.findall(text)]
    for i, word in enumerate(words):
        if i > 0 and word in _HEAD_STOP:
            words = words[:i]
            break
    return words[-1] if words else ""


def is_plural(head: str) -> bool:
    """A rough plural test on an English head noun (no parse needed).

    >>> is_plural("officials"), is_plural("delegation"), is_plural("status")
    (True, False, False)
    """
    return len(head) > 3 and head.endswith("s") and not head.endswith(("ss", "us", "is", "ics"))


@functools.lru_cache(maxsize=SURFACE_CACHE)
def anaphor_kind(text: str) -> str | None:
    """``"he"``, ``"it"``, ``"they"`` or ``"description"`` for an anaphoric argument, else None.

    >>> anaphor_kind("They"), anaphor_kind("the insurgent group"), anaphor_kind("the Taliban")
    ('they', 'description', None)
    """
    words = text.split()
    lowered = text.strip().lower()
    if lowered in PERSON_PRONOUNS:
        return "he"
    if lowered in IT_PRONOUNS:
        return "it"
    if lowered in THEY_PRONOUNS:
        return "they"
    if (
        2 <= len(words) <= 4
        and words[0].lower() == "the"
        # The head decides, not the last word: "the head of state" is headed by "head".
        and head_noun(text) in DESCRIPTION_HEADS
        # Modifiers in lowercase only: "the Taliban group" names, it does not describe.
        and all(re.fullmatch(r"[a-z][a-z-]*", w) for w in words[1:])
    ):
        return "description"
    return None


def agrees(kind: str, text: str, candidate: Referent) -> bool:
    """Number, animacy and type agreement of an anaphor with a candidate antecedent."""
    # An unnamed phrase is an antecedent of a personal pronoun only as an agent
    # (a subject or speaker): "they" is rarely "the actions" the clause talked about.
    if candidate.members and kind != "they":
        return False  # a coordination is plural
    if kind == "he":
        if candidate.type == "Person":
            return True
        return _unnamed_singular_subject(candidate) and candidate.head in PERSON_NOUNS
    if kind == "it":
        return candidate.named and candidate.type in ("Organization", "Place")
    if kind == "they":
        if candidate.members:
            # "Biden and Sanders ... They": a coordination of names of people or organizations. Of other
            # things ("devices and generators") it was wrong more often than right on the dev pages.
            return candidate.named and candidate.type in ("Person", "Organization", "Group")
        if candidate.named:
            return candidate.type == "Organization"
        return candidate.is_subject and (candidate.plural or candidate.head in COLLECTIVE_NOUNS)
    head = head_noun(text)
    wanted = DESCRIPTION_HEADS.get(head)
    if wanted is None:
        return False
    # "the spokesperson" is the spokesperson met before, not any named person nearby.
    if candidate.named and candidate.type == wanted and wanted != "Person":
        return True
    # "the official" → "a senior government official": same head noun, any earlier phrase.
    return not candidate.named and candidate.head == head


def _unnamed_singular_subject(candidate: Referent) -> bool:
    """A phrase (no name) in the singular that is a clause's subject: "a U.S. spokesman", "the department"."""
    return not candidate.named and candidate.is_subject and not candidate.plural


def _thing_subject(candidate: Referent) -> bool:
    """An unnamed singular subject that is no person: "the brain", "the department"."""
    return _unnamed_singular_subject(candidate) and candidate.head not in PERSON_NOUNS


def resolve_anaphor(
    text: str,
    start: int,
    sentence: int,
    referents: list[Referent],
    excluded: list[tuple[int, int]] = (),
    window: int = 2,
) -> Referent | None:
    """The antecedent of the anaphor ``text`` at ``start`` in ``sentence``, or None.

    ``referents`` are the document's resolved mentions and arguments; ``excluded``
    are the spans of the anaphor's own clause (a pronoun subject is not its object).

    >>> taliban = Referent("organization/taliban", "Organization", 10, 0, is_argument=True)
    >>> doha = Referent("place/doha", "Place", 30, 0, is_argument=True)
    >>> resolve_anaphor("they", 60, 1, [taliban, doha]).key
    'organization/taliban'
    >>> resolve_anaphor("they", 60, 1, [taliban, doha], excluded=[(5, 20)]) is None
    True
    """
    kind = anaphor_kind(text)
    if kind is None:
        return None
    if kind != "description":
        return resolve_pronoun(text, start, sentence, referents, excluded, window)
    head = head_noun(text)
    wanted = DESCRIPTION_HEADS.get(head)
    salience: dict[str, int] = {}
    if wanted == "Organization":
        for candidate in referents:
            if candidate.start < start:
                salience[candidate.key] = salience.get(candidate.key, 0) + 1
    # Binding: what the clause itself names is not what its pronoun subject names
    # ("They will press the Taliban"), wherever else in the text it was named.
    clause_keys: set[str] = set()
    if excluded:
        for r in referents:
            position = r.start
            for s, e in excluded:
                if s <= position < e:
                    clause_keys.add(r.key)
                    break
    best: tuple | None = None
    chosen: Referent | None = None
    for candidate in referents:
        # Cheapest tests first: most referents are after the anaphor or out of the window.
        if candidate.start >= start or not 0 <= sentence - candidate.sentence <= window:
            continue
        if candidate.key in clause_keys:
            continue
        if candidate.start <= start < max(candidate.end, candidate.start):
            continue  # a phrase containing the anaphor is not its antecedent
        if any(s <= candidate.start < e for s, e in excluded):
            continue
        if not agrees(kind, text, candidate):
            continue
        subject_rank = 0 if (candidate.is_subject or kind == "description") else 1
        # "the group": the organization the document is about, before a passing name
        # ("The Associated Press reported ... the group"); "the spokesperson": the
        # spokesperson met before, before any other person.
        if wanted == "Organization":
            preference = -salience.get(candidate.key, 0)
        elif wanted == "Person":
            preference = 0 if candidate.head == head else 1
        else:
            preference = 0
        rank = (preference, sentence - candidate.sentence, 0 if candidate.is_argument else 1, subject_rank,
                -candidate.start)  # fmt: skip
        if best is None or rank < best:
            best, chosen = rank, candidate
    return chosen


def _same(mention: Referent, candidate: Referent) -> bool:
    """Whether a mention is of the candidate: its entity, or for a description the same head noun
    ("two loggers", "the loggers")."""
    if mention.key == candidate.key:
        return True
    return not candidate.named and not mention.named and bool(candidate.head) and mention.head == candidate.head


def _bound_keys(referents: list[Referent], excluded: list[tuple[int, int]]) -> set[str]:
    """What the anaphor's own clause names: never its antecedent ("They will press the Taliban")."""
    keys: set[str] = set()
    if excluded:
        for r in referents:
            if any(s <= r.start < e for s, e in excluded):
                keys.add(r.key)
    return keys


def known_genders(referents: list[Referent], before: int, window: int = 2) -> dict[str, str]:
    """Entity key → the gender the text gave it before ``before``; none where it gave both.

    An honorific says it ("Ms. Waters"); a pronoun only where it could mean no one else: the
    one person named in its window ("John Smith met Mary Jones. She ..." tells nobody's gender).
    """
    people: dict[int, set[str]] = {}
    for r in referents:
        if r.type == "Person":
            people.setdefault(r.sentence, set()).add(r.key)
    seen: dict[str, set[str]] = {}
    for r in referents:
        if not r.gender or r.start >= before:
            continue
        if r.head in PRONOUNS:
            around = set().union(*(people.get(n, set()) for n in range(r.sentence - window, r.sentence + 1)))
            if around != {r.key}:
                continue
        seen.setdefault(r.key, set()).add(r.gender)
    return {key: next(iter(g)) for key, g in seen.items() if len(g) == 1}


def _most_salient(
    top: dict[str, Referent],
    gender: str,
    genders: dict[str, str],
    window: list[Referent],
    so_far: Callable[[], list[Referent]],
) -> list[str]:
    """The keys left among equally salient candidates ``top``: the pronoun's gender where the text gave
    it, then the longer chain of mentions in the ``window``, then in the text ``so_far`` (what it is about)."""
    keys = sorted(top)
    if len(keys) > 1 and gender:
        keys = [k for k in keys if genders.get(k) == gender] or keys
    if len(keys) > 1:
        for pool in (window, so_far()):
            chains = {k: len({c.start for c in pool if _same(c, top[k])}) for k in keys}
            most = max(chains.values())
            keys = [k for k in keys if chains[k] == most]
            if len(keys) == 1:
                break
    return keys


def resolve_pronoun(
    text: str,
    start: int,
    sentence: int,
    referents: list[Referent],
    excluded: list[tuple[int, int]] = (),
    window: int = 2,
) -> Referent | None:
    """The antecedent of a pronoun by salience, or None when the text leaves it open.

    Candidates agree in type, number and gender (:func:`agrees`; a gender only as the text gave
    it). Salience ranks them: the most recent sentence, a whole argument before a name inside one,
    a subject before an object. Among equally salient entities, one the text gave the pronoun's
    gender wins, then the one mentioned most in the window ("flowers provide them": they), then in
    the text so far (what the story is about); if still tied, the pronoun stays unresolved. A personal pronoun also stays unresolved when the
    most salient person's gender is unknown but a less salient one has the pronoun's, and when a
    proper name of another type is a subject more salient than every candidate: the tagger may have
    taken a person's name for an organization ("Nadia Mohamed defeated Dale Anderson. She ...").

    >>> mohamed = Referent("organization/nadia-mohamed", "Organization", 0, 0, True, True)
    >>> anderson = Referent("person/dale-anderson", "Person", 23, 0, True, False)
    >>> resolve_pronoun("She", 60, 1, [mohamed, anderson]) is None
    True
    >>> ms = Referent("person/dale-anderson", "Person", 70, 1, True, True, gender="feminine")
    >>> resolve_pronoun("She", 90, 2, [mohamed, anderson, ms]).key
    'person/dale-anderson'
    """
    kind = anaphor_kind(text)
    if kind not in ("he", "it", "they"):
        return None
    gender = _gender_words().get(text.strip().lower(), "") if kind == "he" else ""
    genders = known_genders(referents, start, window) if kind == "he" else {}
    bound = _bound_keys(referents, excluded)
    candidates: list[Referent] = []
    for candidate in referents:
        if candidate.start >= start or not 0 <= sentence - candidate.sentence <= window:
            continue
        if candidate.key in bound or candidate.start <= start < max(candidate.end, candidate.start):
            continue
        if any(s <= candidate.start < e for s, e in excluded):
            continue
        candidates.append(candidate)

    def tier(candidate: Referent) -> tuple[int, int, int]:
        return (sentence - candidate.sentence, 0 if candidate.is_argument else 1, 0 if candidate.is_subject else 1)

    agreeing = [
        c for c in candidates if agrees(kind, text, c) and not (gender and genders.get(c.key, gender) != gender)
    ]
    # "Biden and Sanders ... They", "devices and generators ... they": the coordination or nothing,
    # never one of its members alone.
    coordinated = [(c.start, c.end) for c in candidates if c.members] if kind == "they" else []
    members = [c for c in agreeing if not c.members and any(s <= c.start and c.end <= e for s, e in coordinated)]
    if members:
        agreeing = [c for c in agreeing if c not in members]
    if not agreeing:
        return None
    if kind == "it":
        # A thing a clause nearer is about ("the brain does not use all of it; it uses ...") is what
        # "it" is rather than a name farther back: the nearer subject, named or not.
        things = [c for c in candidates if _thing_subject(c) and c.type == "Concept"]
        nearest = min((tier(c) for c in things), default=None)
        if nearest is not None and nearest < min(tier(c) for c in agreeing):
            agreeing = [c for c in things if tier(c) == nearest]
    best = min(tier(c) for c in agreeing)
    if members and min(tier(c) for c in members) < best:
        return None  # a member alone was nearer than any whole: which one is meant stays open
    top: dict[str, Referent] = {}
    for candidate in agreeing:
        if tier(candidate) == best and (candidate.key not in top or candidate.start > top[candidate.key].start):
            top[candidate.key] = candidate
    keys = _most_salient(top, gender, genders, candidates, lambda: [r for r in referents if r.start < start])
    if len(keys) != 1:
        return None  # equally salient: a wrong link is worse than none
    chosen = top[keys[0]]
    if kind == "he" and not (gender and genders.get(chosen.key) == gender):
        if gender and any(genders.get(c.key) == gender for c in agreeing if c.key != chosen.key):
            return None  # the most salient person, or a less salient one the text gave this gender: open
        for c in candidates:
            if c.named and c.is_subject and c.type != "Person" and tier(c) < best and c.key not in top:
                if gender and any(r.gender and r.gender != gender and r.start <= c.start < r.end for r in candidates):
                    continue  # the phrase naming it gives the other gender: "Ramdehol's sister, Inderdai Deyal"
                return None  # a more salient name the tagger may have mistyped
    return chosen
