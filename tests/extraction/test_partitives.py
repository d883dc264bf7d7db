"""A measure or a fraction of something is that something: "half of the hospitals" are hospitals."""

from __future__ import annotations

from kg.extraction.output import extract_lines


def _extractions(sentence: str):
    ((_, extractions),) = list(extract_lines([sentence]))
    return extractions


def test_a_fraction_reads_through_to_what_its_of_phrase_names():
    (closed,) = [
        e for e in _extractions("More than half of the 30 hospitals in Gaza have closed.") if e.predicate == "close"
    ]
    assert closed.subject.concept == "hospital"
    (stayed,) = [e for e in _extractions("A third of the voters stayed home.") if e.predicate.startswith("stay")]
    assert stayed.subject.concept == "voter"


def test_a_measure_makes_no_fact_of_its_own_of_phrase():
    for sentence in (
        "A number of patients died.",
        "Dozens of people were killed.",
        "Five of the seven progressives backed Biden.",
    ):
        assert [e for e in _extractions(sentence) if e.predicate == "be_of"] == [], sentence
    # A noun that is no measure keeps its "of" fact.
    assert [e.predicate for e in _extractions("The mayor of Boston spoke.") if e.predicate == "be_of"] == ["be_of"]


def test_a_quarter_without_of_is_a_quarter():
    (won,) = [e for e in _extractions("The Sixers won the second quarter.") if e.predicate == "win"]
    assert won.arguments[0].concept == "quarter"


def test_a_hyphenated_noun_is_one_word_of_its_concept_and_a_hyphenated_measure_none():
    def concepts(sentence: str) -> set[str]:
        return {a.concept for e in _extractions(sentence) for a in [e.subject, *e.arguments] if a is not None}

    assert "follow-up" in concepts("Currently there is no follow-up with cancer patients.")
    assert {"cease-fire", "stand-off"} <= concepts("The cease-fire collapsed after the stand-off.")
    assert "stint" in concepts("The Sixers got a five-minute stint out of Paul Reed.")
    assert "rate" in concepts("Denmark recorded a seven-day rate of 65.2 cases.")
