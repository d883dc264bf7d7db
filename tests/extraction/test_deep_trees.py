"""Parse trees deeper than Python's recursion limit are walked like any other."""

from __future__ import annotations

import sys

from kg.extraction.output import extract_lines
from kg.extraction.phrases import noun_phrase
from kg.parsing import load_pipeline


def _depth(token) -> int:
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def test_a_chain_of_prepositional_phrases_deeper_than_the_recursion_limit():
    line = "The officials met " + "the son of " * 600 + "the king in Doha."
    doc = load_pipeline()(line)
    assert max(_depth(t) for t in doc) > sys.getrecursionlimit()  # the case is what it says
    [(_, extractions)] = list(extract_lines([line]))
    meet = [e for e in extractions if e.predicate == "meet"]
    assert meet and meet[0].subject.text == "The officials"
    assert meet[0].arguments[0].text.startswith("the son of the son of") and meet[0].arguments[0].text.endswith("king")


def test_the_phrase_is_the_whole_chain():
    line = "The officials met " + "the son of " * 600 + "the king."
    doc = load_pipeline()(line)
    phrase = noun_phrase(doc[4], "object")  # the first "son"
    assert phrase.text == line[len("The officials met ") : -1]
