""" "who" stands for a person (or a plural group's people), never for the place or institution the parser hung it on."""

from __future__ import annotations

import pytest

from kg.extraction.output import extract_lines


def _subject(sentence: str, predicate: str) -> str | None:
    ((_, extractions),) = list(extract_lines([sentence]))
    (found,) = [e for e in extractions if e.predicate == predicate]
    return found.subject.text if found.subject else None


@pytest.mark.parametrize(
    ("sentence", "predicate", "subject"),
    [
        (
            "Prof Gavin Yamey, director of the Centre for Policy Impact in Global Health at Duke University, "
            "who is leading research into the spread of Covid, says the risk is high.",
            "lead",
            "Prof Gavin Yamey",
        ),
        ("She met officials from Google, who said the deal was done.", "say", "officials from Google"),
        # A name of people keeps its "who".
        ("He called Mary Smith, who said no.", "say", "Mary Smith"),
        ("Biden is leading among the Blue Dogs who have chosen a candidate.", "choose", "the Blue Dogs"),
    ],
)
def test_who_stands_for_a_person(sentence, predicate, subject):
    assert _subject(sentence, predicate) == subject
