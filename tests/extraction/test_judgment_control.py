"""Who does what a gerund says: the clause's subject, or the object of a verb of praise or blame."""

from __future__ import annotations

import pytest

from kg.extraction.output import extract_lines


def _subject_of(sentence: str, predicate: str) -> str | None:
    (extractions,) = [e for _, e in extract_lines([sentence])]
    main = next(e for e in extractions if e.predicate == predicate)
    return main.subject.text if main.subject else None


@pytest.mark.parametrize(
    ("sentence", "predicate", "subject"),
    [
        ("The mayor praised the firefighters for saving the children.", "save", "the firefighters"),
        ("She thanked the volunteers for cleaning the beach.", "clean", "the volunteers"),
        (
            "The leader complimented the US Congresswoman for initiating the discussion.",
            "initiate",
            "the US Congresswoman",
        ),
        # Not a verb of praise or blame: the subject does it.
        ("He won the race by bribing the judges.", "bribe", "He"),
        ("The company paid the workers for finishing the job.", "finish", "The company"),
    ],
)
def test_the_gerunds_subject(sentence, predicate, subject):
    assert _subject_of(sentence, predicate) == subject
