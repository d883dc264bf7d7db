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

from spacy.tokens import Span, Token

from ..records import Extraction
from .tree import head_of, kids

WEIGHTS = Path(__file__).with_name("confidence.json")


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


def features(
    extraction: Extraction, verb: Token | None, sent: Span, offset: int = 0, entities: list | None = None
) -> dict[str, float]:
    """Named feature values of one extraction (all small numbers)."""
    if entities is None:
        entities = entity_spans(sent)
    f: dict[str, float] = {f"construction={extraction.construction}": 1.0}
    objects = [a for a in extraction.arguments if a.role == "object"]
    others = [a for a in extraction.arguments if a.role != "object"]
    f["no_subject"] = float(extraction.subject is None)
    f["no_object"] = float(not objects)
    f["clause_object"] = float(any(a.is_clause for a in objects))
    f["clause_subject"] = float(bool(extraction.subject and extraction.subject.is_clause))
    f["n_others"] = float(min(len(others), 4))
    f["subject_words"] = math.log1p(_words(extraction.subject.text if extraction.subject else None))
    f["object_words"] = math.log1p(sum(_words(a.text) for a in objects))
    f["other_words"] = math.log1p(sum(_words(a.text) for a in others))
    f["relation_words"] = math.log1p(_words(extraction.relation))
    f["sentence_words"] = math.log1p(len(sent))
    f["negated"] = float(extraction.negated)
    f["modal"] = float(extraction.modality is not None)
    f["attributed"] = float(extraction.attribution is not None)
    f["conjuncts"] = float(any(a.conjuncts for a in [extraction.subject, *objects] if a is not None))
    if verb is not None:
        f[f"dep={verb.dep_ if verb.dep_ in _DEPS else 'other'}"] = 1.0
        depth = 0
        t = verb
        while head_of(t) is not t and depth < 6:
            t, depth = head_of(t), depth + 1
        f["depth"] = float(depth)
        f["verb_tag=" + (verb.tag_ if verb.tag_ in _TAGS else "other")] = 1.0
    else:
        f["predicate=" + extraction.predicate if extraction.predicate in _NOMINAL else "predicate=other"] = 1.0
    subject = extraction.subject
    if subject is not None:
        words = subject.text.split()
        f["subject_pronoun"] = float(len(words) == 1 and words[0].lower() in _PRONOUNS)
        f["subject_comma"] = float("," in subject.text)
    f["object_comma"] = float(any("," in a.text for a in objects))
    f["other_comma"] = float(any("," in a.text for a in others))
    f["quoted"] = float(any(q in a.text for a in extraction.arguments for q in _QUOTES))
    f["be_relation"] = float(extraction.relation.split()[:1] in (["is"], ["are"], ["was"], ["were"]))
    f["relation_to"] = float(" to " in f" {extraction.relation} ")
    f["time"] = float(any(a.role == "time" for a in others))
    if verb is not None:
        f["reporting"] = float(verb.lemma_.lower() in _REPORTING)
        f["verb_position"] = (verb.i - sent.start) / max(len(sent), 1)
        f["inherited_subject"] = float(
            subject is not None and not any(c.dep_ in _SUBJECT_DEPS for c in kids(verb)) and verb.dep_ != "relcl"
        )
    subject_ent = extraction.subject is not None and _has_entity(extraction.subject, entities, offset)
    f["subject_entity"] = float(subject_ent)
    f["object_entity"] = float(any(_has_entity(a, entities, offset) for a in objects))
    return f


_PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they", "this", "that", "these", "those", "one"})
_QUOTES = ('"', "``", "''")
_REPORTING = frozenset({"say", "tell", "add", "report", "announce", "state", "note", "claim", "write"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "agent"})
_DEPS = frozenset({"ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj"})
_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN", "VBG", "VB"})
_NOMINAL = frozenset({"be", "have", "be_in", "be_of", "be_from", "be_at", "be_for", "be_with", "be_on", "be_to"})


def entity_spans(sent: Span) -> list[tuple[int, int]]:
    """Character spans of the sentence's named entities (``Span.ents`` walks the whole doc: call once)."""
    return [(ent.start_char, ent.end_char) for ent in sent.ents]


def _has_entity(argument, entities: list[tuple[int, int]], offset: int) -> bool:
    start, end = argument.start - offset, argument.end - offset
    return any(start <= s and e <= end for s, e in entities)


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
    z = bias + sum(
        weights.get(name, 0.0) * value for name, value in features(extraction, verb, sent, offset, entities).items()
    )
    return round(1.0 / (1.0 + math.exp(-z)), 4)
