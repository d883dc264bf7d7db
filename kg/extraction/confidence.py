"""Graded confidence of an extraction from features of it and of its parse.

A logistic model: ``confidence = sigmoid(bias + sum(weight[f] * value[f]))``
over the features of :func:`features`. The weights in ``confidence.json`` were
fitted on the CaRB dev half (``benchmarks/carb.py --fit``); without the file a
neutral hand-set model is used.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Span, Token

from ..lexicon import table, words
from ..records import Extraction, nested
from .tree import layout, sentence_entities

WEIGHTS = Path(__file__).with_name("confidence.json")


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


def features(
    extraction: Extraction, verb: Token | None, sent: Span, offset: int = 0, entities: list | None = None
) -> dict[str, float]:
    """Named feature values of one extraction (all small numbers)."""
    if entities is None:
        entities = entity_spans(sent)
    subject = extraction.subject
    args = _argument_facts(extraction, entities, offset)
    relation = extraction.relation
    first = relation.split(" ", 1)[0]
    n_sent = len(sent)
    f: dict[str, float] = {
        "construction=" + extraction.construction: 1.0,
        "no_subject": float(subject is None),
        "no_object": float(not args.n_objects),
        "clause_object": float(args.clause_object),
        "clause_subject": float(subject is not None and subject.is_clause),
        "n_others": float(min(args.n_others, 4)),
        "subject_words": math.log1p(_words(subject.text) if subject is not None else 0),
        "object_words": math.log1p(args.object_words),
        "other_words": math.log1p(args.other_words),
        "relation_words": math.log1p(_words(relation)),
        "sentence_words": math.log1p(n_sent),
        "negated": float(extraction.negated),
        "modal": float(extraction.modality is not None),
        "attributed": float(extraction.attribution is not None),
        "conjuncts": float(args.conjuncts or (subject is not None and bool(subject.conjuncts))),
        "object_comma": float(args.object_comma),
        "other_comma": float(args.other_comma),
        "quoted": float(args.quoted),
        "be_relation": float(first in _BE_WORDS),
        "relation_to": float(" to " in f" {relation} "),
        "time": float(args.time),
        "object_entity": float(args.object_entity),
        "subject_entity": float(subject is not None and _has_entity(subject, entities, offset)),
    }
    if subject is not None:
        text = subject.text
        f["subject_pronoun"] = float(" " not in text and text.lower() in _PRONOUNS)
        f["subject_comma"] = float("," in text)
    if verb is not None:
        _add_verb_features(f, verb, sent, subject is not None)
    else:
        predicate = extraction.predicate
        f["predicate=" + (predicate if predicate in _NOMINAL else "other")] = 1.0
    return f


class _ArgumentFacts(NamedTuple):
    """What the arguments of an extraction say, for its features."""

    n_objects: int
    n_others: int
    object_words: int
    other_words: int
    clause_object: bool
    conjuncts: bool
    object_comma: bool
    other_comma: bool
    quoted: bool
    time: bool
    object_entity: bool


def _argument_facts(extraction: Extraction, entities: list, offset: int) -> _ArgumentFacts:
    """Counts and flags of the arguments, in one pass (this runs for every extraction: keep it lean)."""
    n_objects = n_others = object_words = other_words = 0
    clause_object = conjuncts = object_comma = other_comma = quoted = time = object_entity = False
    for a in extraction.arguments:
        if a.role == "location" and nested(a, extraction.arguments):
            continue  # counted in the phrase that holds it
        text = a.text
        words = text.count(" ") + 1 if text else 0
        comma = "," in text
        if a.role == "object" or a.role == "state":
            n_objects += 1
            object_words += words
            clause_object = clause_object or a.is_clause
            conjuncts = conjuncts or bool(a.conjuncts)
            object_comma = object_comma or comma
            object_entity = object_entity or _has_entity(a, entities, offset)
        else:
            n_others += 1
            other_words += words
            other_comma = other_comma or comma
            time = time or a.role == "time"
        quoted = quoted or '"' in text or "``" in text or "''" in text
    return _ArgumentFacts(n_objects, n_others, object_words, other_words, clause_object, conjuncts,
                          object_comma, other_comma, quoted, time, object_entity)  # fmt: skip


def _add_verb_features(f: dict[str, float], verb: Token, sent: Span, has_subject: bool) -> None:
    """The features of the verb heading a clause: its dependency, tag, depth, position, whether it reports."""
    n_sent = len(sent)
    # Labels and heads from the doc's tables (Token.dep_ looks up the string store each time).
    table = layout(verb.doc)
    deps, heads = table.dep, table.heads
    i = verb.i
    dep = deps[i]
    tag = verb.tag_
    f["dep=" + (dep if dep in _DEPS else "other")] = 1.0
    f["verb_tag=" + (tag if tag in _TAGS else "other")] = 1.0
    depth = 0
    t = verb
    while depth < 6:
        up = heads[t.i]
        if up is t:
            break
        t, depth = up, depth + 1
    f["depth"] = float(depth)
    f["reporting"] = float(verb.lemma_.lower() in _REPORTING)
    f["verb_position"] = (i - sent.start) / max(n_sent, 1)
    inherited = has_subject and dep != "relcl"
    if inherited:
        for c in table.children[i]:
            if deps[c.i] in _SUBJECT_DEPS:
                inherited = False
                break
    f["inherited_subject"] = float(inherited)


# The word lists are data (ontology/lexicon/, kg.lexicon), shared with the rules.
_PRONOUNS = frozenset(table("pronouns"))
_BE_WORDS = frozenset({"is", "are", "was", "were"})
_REPORTING = words("reporting_verbs")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "agent"})
_DEPS = frozenset({"ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj"})
_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN", "VBG", "VB"})
_NOMINAL = frozenset({"be", "have", "be_in", "be_of", "be_from", "be_at", "be_for", "be_with", "be_on", "be_to"})


def entity_spans(sent: Span) -> list[tuple[int, int]]:
    """Character spans of the sentence's named entities (read from the doc's entities, cached per doc)."""
    return sentence_entities(sent)


def _has_entity(argument, entities: list[tuple[int, int]], offset: int) -> bool:
    start, end = argument.start - offset, argument.end - offset
    # A plain loop: any() over a generator costs more than the few comparisons.
    for s, e in entities:
        if start <= s and e <= end:
            return True
    return False


@cache
def _model() -> tuple[float, dict[str, float]]:
    if WEIGHTS.is_file():
        data = json.loads(WEIGHTS.read_text())
        return float(data["bias"]), {k: float(v) for k, v in data["weights"].items()}
    return 0.2, {
        "no_subject": -1.0,
        "no_object": -0.5,
        "construction=np_preposition": -0.8,
        "construction=possessive": -0.3,
        "dep=ROOT": 0.4,
        "subject_words": -0.2,
        "object_words": -0.2,
        "other_words": -0.15,
        "subject_entity": 0.2,
    }


def score(
    extraction: Extraction, verb: Token | None, sent: Span, offset: int = 0, entities: list | None = None
) -> float:
    """The confidence of one extraction, in (0, 1)."""
    bias, weights = _model()
    z = bias
    weight = weights.get
    # Added one by one in the features' order: the float sum, so the rounding, stays the same.
    for name, value in features(extraction, verb, sent, offset, entities).items():
        w = weight(name)
        if w is not None:
            z += w * value
    return round(1.0 / (1.0 + math.exp(-z)), 4)
