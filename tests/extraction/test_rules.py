"""Each registered extraction rule alone: a sentence in, the extraction it reads out."""

from __future__ import annotations

import pytest

from kg.errors import KGError
from kg.extraction.nominal import nominal_extractions
from kg.extraction.rules import Rules, noun_phrase_rules
from kg.parsing import load_pipeline


def parse(text: str):
    return load_pipeline()(text)


def facts(text: str, rule: str) -> list[tuple[str, str, str, str]]:
    """(subject, predicate, object, construction) of one noun-phrase rule run alone."""
    found = nominal_extractions(parse(text)[:], sentence=0, rules=[rule])
    return [(e.subject.text, e.predicate, e.arguments[0].text, e.construction) for e in found]


def test_apposition():
    assert facts("Ned Price, the State Department spokesperson, spoke.", "apposition") == [
        ("Ned Price", "be", "the State Department spokesperson", "apposition")
    ]


def test_apposition_with_a_role_in_a_named_thing():
    found = facts("Abdul Ghani Baradar, a co-founder of the Taliban, arrived.", "apposition")
    assert ("Abdul Ghani Baradar", "co_founder_of", "the Taliban", "apposition") in found


def test_possessive():
    assert facts("Qatar's foreign minister arrived.", "possessive") == [
        ("Qatar", "have", "foreign minister", "possessive")
    ]


def test_possessive_pronoun_is_no_owner():
    assert facts("His brother arrived.", "possessive") == []


def test_title_compound():
    assert facts("Taliban spokesperson Suhail Shaheen said nothing.", "title_compound") == [
        ("Suhail Shaheen", "spokesperson_of", "Taliban", "title_compound")
    ]


def test_np_preposition():
    assert facts("The US embassy in Doha closed.", "np_preposition") == [
        ("The US embassy", "be_in", "Doha", "np_preposition")
    ]


def test_rules_run_in_registered_order_and_unknown_names_fail():
    assert noun_phrase_rules.names() == ["apposition", "possessive", "title_compound", "np_preposition"]
    with pytest.raises(KGError, match="unknown noun-phrase rule"):
        noun_phrase_rules.select(["no_such_rule"])
    with pytest.raises(KGError, match="before"):
        Rules("demo").register("x", before="missing")(lambda token, context: [])
