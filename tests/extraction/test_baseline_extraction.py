"""The spine's extraction requirements (the construction table covers the rest)."""

from __future__ import annotations

import pytest

from kg.extraction.output import extract_lines


def extractions(sentence: str):
    [(_, found)] = list(extract_lines([sentence]))
    return found


def test_meeting_with_location_and_time():
    found = extractions("Senior Taliban officials met a U.S. delegation in Doha on Saturday.")
    meet = [e for e in found if e.predicate == "meet"]
    assert len(meet) == 1
    e = meet[0]
    assert "Taliban officials" in e.subject.text
    objects = [a for a in e.arguments if a.role == "object"]
    assert [a.text for a in objects] == ["a U.S. delegation"]
    assert [a.text for a in e.arguments if a.role == "location"] == ["Doha"]
    assert [a.text for a in e.arguments if a.role == "time"] == ["Saturday"]
    assert not e.negated


@pytest.mark.parametrize(
    "sentence",
    [
        "The envoy met the minister.",
        "The envoy meets the minister.",
        "The envoy is meeting with the minister.",
        "The envoy met with the minister.",
    ],
)
def test_relation_forms_share_one_predicate(sentence):
    assert [e.predicate for e in extractions(sentence) if e.subject is not None] == ["meet"]


def test_negation_and_modality():
    [e] = [e for e in extractions("Zalmay Khalilzad will not be part of the delegation.") if e.subject]
    assert e.negated and e.modality == "will"
    assert e.predicate == "be_part_of"
    assert e.relation == "will not be part of"


def test_reported_speech_is_attributed():
    found = extractions("The spokesperson said the United States would provide humanitarian aid.")
    provide = [e for e in found if e.predicate == "provide"]
    assert provide and provide[0].attribution is not None
    assert provide[0].attribution.text == "The spokesperson"


def test_confidence_is_graded():
    lines = [
        "Senior Taliban officials met a U.S. delegation in Doha on Saturday.",
        "The blast blew out windows, scattered debris, and charred the ceiling of the structure.",
        "It was evacuated.",
    ]
    values = {e.confidence for _, found in extract_lines(lines) for e in found}
    assert len(values) >= 3
    assert all(0 < v < 1 for v in values)
