"""Checks that the construction table is well formed; the extractor itself is tested elsewhere."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from construction_cases import CASES, CONSTRUCTIONS

from kg.records import ROLES

FIELDS = {"subject", "relation", "object", "negated", "extra"}
OPTIONAL = {"modality", "attributed_to"}


def _substrings(fact: dict) -> list[str]:
    texts = [fact.get("subject"), fact.get("object"), fact.get("attributed_to")]
    texts += list(fact.get("extra", {}).values())
    return [t for t in texts if t is not None]


def test_table_size_and_coverage() -> None:
    assert len(CASES) >= 45
    assert len({case["sentence"] for case in CASES}) == len(CASES), "duplicate sentence"
    counts = Counter(case["construction"] for case in CASES)
    assert set(counts) == set(CONSTRUCTIONS), "every construction, and only those"
    assert min(counts.values()) >= 3, counts


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["sentence"][:40])
def test_case_is_well_formed(case: dict) -> None:
    assert set(case) == {"sentence", "construction", "must", "must_not"}
    assert case["must"], "every case asks for at least one fact"
    sentence = case["sentence"].lower()
    for fact in case["must"]:
        assert FIELDS <= set(fact) <= FIELDS | OPTIONAL, fact
        assert isinstance(fact["negated"], bool)
    for fact in case["must_not"]:
        assert fact and set(fact) <= FIELDS | OPTIONAL, fact
    for fact in case["must"] + case["must_not"]:
        if "relation" in fact:
            assert re.fullmatch(r"[a-z-]+( [a-z-]+)*", fact["relation"]), fact["relation"]
        assert set(fact.get("extra", {})) <= set(ROLES) - {"subject", "object"}
        for text in _substrings(fact):
            assert text.lower() in sentence, f"{text!r} is not in the sentence"
