"""Complex prepositions ("on behalf of", "in the wake of") and pro-form heads ("loved ones")."""

from __future__ import annotations

import pytest

from kg.extraction.output import extract_lines
from kg.records import Extraction


def _extract(*sentences: str) -> list[list[Extraction]]:
    return [extractions for _, extractions in extract_lines(sentences)]


@pytest.mark.parametrize(
    ("sentence", "predicate", "preposition", "complement"),
    [
        ("The senator voted in favour of the bill.", "vote", "in favour of", "the bill"),
        ("The council met in the wake of the storm.", "meet", "in the wake of", "the storm"),
        ("The lawyer filed a suit on behalf of the victims.", "file", "on behalf of", "the victims"),
        ("Prices rose as a result of the drought.", "rise", "as a result of", "the drought"),
    ],
)
def test_the_complement_of_a_complex_preposition_is_the_argument(sentence, predicate, preposition, complement):
    extractions = _extract(sentence)[0]
    main = next(e for e in extractions if e.predicate == predicate)
    others = {(a.preposition, a.text) for a in main.arguments if a.role == "other"}
    assert (preposition, complement) in others
    # The noun inside the preposition is no argument, and no noun-phrase fact is said of it.
    words = {a.text.split()[-1] for e in extractions for a in [*e.arguments, e.subject] if a is not None}
    assert not {"favour", "wake", "behalf", "result"} & words


def test_a_light_verbs_noun_takes_no_complex_preposition_into_the_relation():
    for sentence in ("She did service on behalf of her company.", "He was doing service on behalf of his company."):
        (main,) = [e for e in _extract(sentence)[0] if e.predicate.startswith("do")]
        assert main.predicate == "do"
        assert "behalf" not in {a.concept for a in main.arguments}


def test_a_preposition_with_a_noun_that_is_no_complex_one_stays():
    extractions = _extract("She stayed in the house of her aunt.")[0]
    main = next(e for e in extractions if e.predicate.startswith("stay"))
    assert any(a.text.startswith("the house") for a in main.arguments)


def test_ones_keeps_its_modifiers_as_its_concept():
    extractions = _extract("Loved ones say he was kind.", "The ones who stayed were safe.")
    say = next(e for e in extractions[0] if e.predicate == "say")
    assert say.subject.concept == "loved one"
    stay = [a for e in extractions[1] for a in [e.subject, *e.arguments] if a is not None and a.text == "The ones"]
    assert all(a.concept == "" for a in stay)  # names nothing: stays text on the statement
