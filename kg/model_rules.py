"""The model's rule components run as table lookups: the same annotations, a fraction of the time.

A spaCy model's ``attribute_ruler`` (the tag map: POS and morphology from the fine tag, and a few
hundred exceptions) runs a ``Matcher`` of all its patterns over every token and then makes a
``Span`` per match, and its ``lemmatizer`` reruns the rule lemmatizer on every base-form word: on
kg's builds the two took about 13 % of the parse (measured with py-spy, ``benchmarks/build_speed.py``'s
corpus). A token's annotations depend only on a few of its attributes, which repeat, so:

* ``kg_attribute_rules`` reads the ruler's patterns and keeps, for each combination of the attributes
  the patterns test (tag, lowercase form, dependency, whether it is a space), the attributes the
  ruler would set, merged in the ruler's order (a later rule wins, as when the ruler applies its
  matches in turn); multi-token patterns are checked where their first token matches.
* ``kg_lemmas`` keeps the lemmatizer's answer per (form, POS, morphology), on which the rule
  lemmatizer's answer depends alone.

:func:`replace_rule_components` swaps them in only when every pattern is of a kind this module reads
(a single value, ``IN``, ``NOT_IN`` or ``REGEX`` on ``TAG``, ``LOWER``, ``DEP``, ``IS_SPACE``; no
operators) and the lemmatizer is in rule mode; otherwise the model's own components stay.
``tests/test_model_rules.py`` checks that every token of the dev pages gets the same tag, POS,
morphology, lemma and dependency either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy
from spacy.attrs import DEP, IDS, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

#: The token attributes a pattern may test (read with ``Doc.to_array`` in this order).
_TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")
_OPERATORS = {"IN", "NOT_IN", "REGEX"}
#: The token annotations a rule may set here (spaCy attribute ids), written back with ``Doc.from_array``.
_SETTABLE: tuple[int, ...] = tuple(IDS[name] for name in ("TAG", "POS", "MORPH", "LEMMA", "DEP"))
# What a form no pattern names reads as: no pattern names it, and no REGEX of the model matched it.
_OTHER_FORM = "\x00"


def _readable(spec: dict) -> bool:
    """Whether a token pattern uses only what :func:`_test` evaluates."""
    for key, value in spec.items():
        if key not in _TESTED:
            return False
        if isinstance(value, dict) and not (value and set(value) <= _OPERATORS):
            return False
    return True


def _test(spec: dict, values: dict[str, object]) -> bool:
    """Whether a token with ``values`` (attribute name → string or bool) matches a token pattern.

    >>> _test({"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}, {"TAG": "VBZ", "LOWER": "is"})
    True
    >>> _test({"DEP": {"NOT_IN": ["det", ""]}}, {"DEP": ""})
    False
    """
    for key, wanted in spec.items():
        value = values[key]
        if not isinstance(wanted, dict):
            if value != wanted:
                return False
            continue
        for operator, argument in wanted.items():
            if operator == "IN" and value not in argument:
                return False
            if operator == "NOT_IN" and value in argument:
                return False
            if operator == "REGEX" and (value == _OTHER_FORM or not re.search(argument, str(value))):
                return False
    return True


class ZoneCache(dict):
    """A component's cache whose entries made inside a spaCy memory zone go when the zone ends.

    Entries made outside zones (a process's first texts: the common words) stay. A zone's are keyed
    by, and may hold, strings the zone's end removes from the vocabulary, and over a feed they are
    its open vocabulary: kept, they grew with every document (a new number, a new name).

    >>> cache = ZoneCache()
    >>> cache["the"] = 1
    >>> with cache.zone():
    ...     cache["Zarvo42"] = 2
    ...     sorted(cache)
    ['Zarvo42', 'the']
    >>> sorted(cache)
    ['the']
    """

    def __init__(self) -> None:
        super().__init__()
        self._made_in_zone: list | None = None

    def __setitem__(self, key, value) -> None:
        if self._made_in_zone is not None and key not in self:
            self._made_in_zone.append(key)
        super().__setitem__(key, value)

    @contextmanager
    def zone(self) -> Iterator[None]:
        self._made_in_zone = []
        try:
            yield
        finally:
            for key in self._made_in_zone:
                self.pop(key, None)
            self._made_in_zone = None


class AttributeRules:
    """The ``kg_attribute_rules`` component: a compiled copy of a model's attribute ruler."""

    def __init__(self, ruler) -> None:
        self.vocab = ruler.vocab
        self.single: list[tuple[int, dict, dict]] = []  # (order, pattern, attrs)
        self.multi: list[tuple[int, list[dict], int, dict]] = []  # (order, patterns, index, attrs)
        for order, entry in enumerate(ruler.patterns):
            attrs = ruler.attrs[order]
            for pattern in entry["patterns"]:
                if len(pattern) == 1 and entry.get("index", 0) in (0, -1):
                    self.single.append((order, pattern[0], attrs))
                else:
                    self.multi.append((order, pattern, entry.get("index", 0), attrs))
        # Only the lowercase forms the patterns name can change a rule's answer; every other form is
        # read as one (the caches below then stay as small as the rules, not the vocabulary).
        named, self._regexes = set(), []
        for spec in [spec for entry in ruler.patterns for pattern in entry["patterns"] for spec in pattern]:
            wanted = spec.get("LOWER")
            if isinstance(wanted, str):
                named.add(wanted)
            elif isinstance(wanted, dict):
                named.update(wanted.get("IN", ()), wanted.get("NOT_IN", ()))
                if "REGEX" in wanted:
                    self._regexes.append(re.compile(wanted["REGEX"]))
        self._named = {self.vocab.strings.add(form) for form in named}
        self._matched_by_regex: dict[int, bool] = ZoneCache()
        self._by_key: dict[tuple, tuple[tuple[int, dict], ...]] = ZoneCache()
        self._starts: dict[tuple, tuple[int, ...]] = ZoneCache()

    @staticmethod
    def readable(ruler) -> bool:
        """Whether every pattern of ``ruler`` can be compiled and sets only annotations written here
        (else the ruler stays)."""
        return all(
            _readable(spec) for entry in ruler.patterns for pattern in entry["patterns"] for spec in pattern
        ) and all(set(attrs) <= set(_SETTABLE) for attrs in ruler.attrs)

    def _lower(self, lower: int) -> int:
        """A form's hash if a pattern may tell it apart from other forms, else 0 (any other form)."""
        if lower in self._named:
            return lower
        matched = self._matched_by_regex.get(lower)
        if matched is None:
            if len(self._matched_by_regex) > 100_000:  # bounded: a long text has an open vocabulary
                self._matched_by_regex.clear()
            form = self.vocab.strings[lower]
            matched = self._matched_by_regex[lower] = any(regex.search(form) for regex in self._regexes)
        return lower if matched else 0

    @contextmanager
    def memory_zone(self, mem: object = None) -> Iterator[object]:
        """Called by :meth:`spacy.Language.memory_zone`: what the caches learnt of the zone's words goes with it."""
        with self._matched_by_regex.zone(), self._by_key.zone(), self._starts.zone():
            yield mem

    def _values(self, key: tuple) -> dict[str, object]:
        strings = self.vocab.strings
        tag, lower, dep, is_space = key
        return {
            "TAG": strings[tag],
            "LOWER": strings[lower] if lower else _OTHER_FORM,
            "DEP": strings[dep],
            "IS_SPACE": bool(is_space),
        }

    def _rules_for(self, key: tuple) -> tuple[tuple[int, dict], ...]:
        """The single-token rules a token with these attributes matches, in the ruler's order."""
        rules = self._by_key.get(key)
        if rules is None:
            values = self._values(key)
            rules = tuple((order, attrs) for order, spec, attrs in self.single if _test(spec, values))
            self._by_key[key] = rules
        return rules

    def _starting(self, key: tuple) -> tuple[int, ...]:
        """The multi-token patterns whose first token a token with these attributes matches."""
        starting = self._starts.get(key)
        if starting is None:
            values = self._values(key)
            starting = tuple(n for n, (_, pattern, _, _) in enumerate(self.multi) if _test(pattern[0], values))
            self._starts[key] = starting
        return starting

    def _multi_matches(self, keys: list[tuple]) -> dict[int, list[tuple[int, dict]]]:
        """Token index → (order, attrs) of the multi-token patterns that match there."""
        found: dict[int, list[tuple[int, dict]]] = {}
        for start, key in enumerate(keys):
            for n in self._starting(key):
                order, pattern, index, attrs = self.multi[n]
                end = start + len(pattern)
                if end > len(keys) or not all(
                    _test(spec, self._values(keys[start + k])) for k, spec in enumerate(pattern[1:], 1)
                ):
                    continue
                target = (start if index >= 0 else end) + index
                if start <= target < end:
                    found.setdefault(target, []).append((order, attrs))
        return found

    def __call__(self, doc: Doc) -> Doc:
        lower = self._lower
        keys = [
            (tag, lower(form), dep, space)
            for tag, form, dep, space in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        ]
        if not keys:
            return doc
        multi = self._multi_matches(keys) if self.multi else {}
        # The annotations a rule may set, read, changed where a rule says so, and written back at once.
        values = doc.to_array(list(_SETTABLE)).reshape(len(keys), len(_SETTABLE)).tolist()
        merged: dict[tuple, tuple[tuple[int, int], ...]] = {}
        for i, key in enumerate(keys):
            if i in multi:
                settings = self._merged(sorted([*self._rules_for(key), *multi[i]], key=lambda rule: rule[0]))
            else:
                settings = merged.get(key)
                if settings is None:
                    settings = merged[key] = self._merged(self._rules_for(key))
            row = values[i]
            for column, value in settings:
                row[column] = value
        doc.from_array(list(_SETTABLE), numpy.array(values, dtype=numpy.uint64))
        return doc

    @staticmethod
    def _merged(rules) -> tuple[tuple[int, int], ...]:
        """(column, value) of what ``rules`` set, a later rule's value winning, as when applied in turn."""
        attrs = {name: value for _, rule_attrs in rules for name, value in rule_attrs.items()}
        return tuple((_SETTABLE.index(name), value) for name, value in attrs.items())


class MemoLemmas:
    """The ``kg_lemmas`` component: a rule lemmatizer's answers kept per (form, POS, morphology)."""

    def __init__(self, lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.overwrite = lemmatizer.overwrite
        self._lemmas: ZoneCache = ZoneCache()  # (form, POS, morphology) → the lemma's hash

    def __call__(self, doc: Doc) -> Doc:
        if len(self._lemmas) > 500_000:  # bounded: a long text has an open vocabulary
            self._lemmas.clear()
        lemmas, lemmatize, strings = self._lemmas, self.lemmatizer.lemmatize, doc.vocab.strings
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        out = [lemma for *_, lemma in rows]
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if self.overwrite or lemma == 0:
                key = (orth, pos, morph)
                found = lemmas.get(key)
                if found is None:
                    found = lemmas[key] = strings.add(lemmatize(doc[i])[0])
                out[i] = found
        if rows:
            doc.from_array([LEMMA], numpy.array(out, dtype=numpy.uint64))
        return doc

    @contextmanager
    def memory_zone(self, mem: object = None) -> Iterator[object]:
        """Called by :meth:`spacy.Language.memory_zone`: the lemmas learnt in the zone go with it (a
        lemma's string made in the zone is removed from the vocabulary when it ends)."""
        with self._lemmas.zone():
            yield mem
        if len(self.lemmatizer.cache) > 50_000:  # spaCy's own, behind this one: never emptied otherwise
            self.lemmatizer.cache.clear()


@Language.factory("kg_attribute_rules")
def make_attribute_rules(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The model's ``attribute_ruler`` compiled to lookups (see the module's docstring)."""
    return AttributeRules(nlp.get_pipe("attribute_ruler"))


@Language.factory("kg_lemmas")
def make_lemmas(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The model's rule ``lemmatizer`` with its answers kept (see the module's docstring)."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    if not lemmatizer._validated:  # what the lemmatizer checks on its first call
        lemmatizer._validate_tables()
    return MemoLemmas(lemmatizer)


def replace_rule_components(nlp: Language) -> list[str]:
    """Put the lookup components in place of the model's attribute ruler and rule lemmatizer where
    they read the same rules; return the names of the model components replaced (now disabled)."""
    replaced = []
    if "attribute_ruler" in nlp.pipe_names and AttributeRules.readable(nlp.get_pipe("attribute_ruler")):
        nlp.add_pipe("kg_attribute_rules", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
        replaced.append("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if lemmatizer is not None and getattr(lemmatizer, "mode", None) == "rule":
        nlp.add_pipe("kg_lemmas", after="lemmatizer")
        nlp.disable_pipe("lemmatizer")
        replaced.append("lemmatizer")
    return replaced
