"""Every case of the construction table, through the extractor and the atomic split.

Matching follows the conventions in ``construction_cases.py``: each clause-level
extraction is expanded into one fact per subject conjunct and per conjunct of its
first object (what :meth:`kg.records.Extraction.atomic_facts` does), and a table fact
matches a fact when every field it gives matches.

One project rule is applied to both sides of the relation comparison: the
predicate key drops a comitative "with" right after a verb, so "met with" and
"met" share ``rel:meet`` (a spine requirement, tests/extraction/test_baseline_extraction.py).
The table's relations are compared after the same rule, i.e. modulo the word "with".

An adjunct argument is read with its preposition ("without" + "a fight"): the
argument's span is the noun phrase (entity resolution keys on it) and the
preposition is kept beside it in ``Argument.preposition``.
"""

from __future__ import annotations

from typing import Any

import pytest
from construction_cases import CASES

from kg.extraction.output import extract_lines
from kg.records import Argument, Extraction


def _relation(text: str) -> str:
    return " ".join(w for w in text.replace("_", " ").split() if w != "with")


def _expand(extraction: Extraction) -> list[dict[str, Any]]:
    objects = [a for a in extraction.arguments if a.role == "object"]
    subjects: list[Argument | None] = (
        (extraction.subject.conjuncts or [extraction.subject]) if extraction.subject else [None]
    )
    firsts: list[Argument | None] = (objects[0].conjuncts or [objects[0]]) if objects else [None]
    others = [a for a in extraction.arguments if a.role not in {"object", "subject"}]
    return [
        {
            "subject": s.text if s else None,
            "object": o.text if o else None,
            "relation": _relation(extraction.predicate),
            "negated": extraction.negated,
            "modality": extraction.modality,
            "attributed_to": extraction.attribution.text if extraction.attribution else None,
            "others": others,
        }
        for s in subjects
        for o in firsts
    ]


def _text_matches(expected: str | None, found: str | None) -> bool:
    if expected is None:
        return found is None
    return found is not None and expected.lower() in found.lower()


def _surface(argument: Argument) -> str:
    text = f"{argument.preposition} {argument.text}" if argument.preposition else argument.text
    return text.lower()


def _matches(want: dict[str, Any], got: dict[str, Any]) -> bool:
    for name, value in want.items():
        if name in {"subject", "object", "attributed_to"}:
            if not _text_matches(value, got[name]):
                return False
        elif name == "relation":
            if _relation(value) != got["relation"]:
                return False
        elif name in {"negated", "modality"}:
            if value != got[name]:
                return False
        elif name == "extra":
            for role, text in value.items():
                if not any(a.role == role and text.lower() in _surface(a) for a in got["others"]):
                    return False
    return True


@pytest.fixture(scope="module")
def facts() -> dict[str, list[dict[str, Any]]]:
    sentences = [case["sentence"] for case in CASES]
    return {line: [f for e in found for f in _expand(e)] for line, found in extract_lines(sentences)}


def _show(found: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"  {f['subject']!r} | {f['relation']} | {f['object']!r} neg={f['negated']} mod={f['modality']} "
        f"attr={f['attributed_to']!r} others={[(a.role, a.text) for a in f['others']]}"
        for f in found
    )


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["sentence"][:50])
def test_construction(case: dict[str, Any], facts: dict[str, list[dict[str, Any]]]) -> None:
    found = facts[case["sentence"]]
    for want in case["must"]:
        assert any(_matches(want, got) for got in found), f"missing {want}\nfound:\n{_show(found)}"
    for banned in case["must_not"]:
        hits = [got for got in found if _matches(banned, got)]
        assert not hits, f"forbidden {banned}\nmatched:\n{_show(hits)}"
