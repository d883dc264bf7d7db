"""The whole text's evidence, read once: the same answers as searching the text each time."""

from __future__ import annotations

import itertools
import re

import pytest

from kg.entities import wholetext
from kg.entities.forms import street_spans
from kg.entities.mentions import prepare_mentions
from kg.entities.wholetext import WholeText, whole_text
from kg.records import Document, DocumentResult, Mention, Sentence

from ..conftest import ROOT

TEXT = "\n\n".join(p.read_text() for p in sorted((ROOT / "corpus").glob("*.txt")))
EXTRA = (
    " The Hexacouncil met. The hexacouncil-run fund, iberojet.com and Iberojet.Com, St. John's and st. john's;"
    " visit news.example.org or @handle.net. Clarkia Drive, Debe, and Sunrise Road.\n"
)


def _searched(text: str, phrase: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", text) is not None


@pytest.fixture(autouse=True)
def _small_slices(monkeypatch):
    """Slices of a few hundred characters, so the corpus text is read in many."""
    monkeypatch.setattr(wholetext, "SLICE_CHARS", 300)


def test_writes_answers_as_a_search_of_the_text():
    text = TEXT + EXTRA
    whole = WholeText(text)
    words = set(re.findall(r"[\w'.-]+", text))
    phrases = {*words, *(w.lower() for w in words), *(w.upper() for w in words), "fund and", "st. john's", "news"}
    phrases |= {" ".join(pair) for pair in itertools.pairwise(text.split()[:3_000])}  # most written
    assert len(phrases) > 1_000
    disagree = [p for p in sorted(phrases) if whole.writes(p) != _searched(text, p)]
    assert disagree == []
    assert (
        whole.writes("hexacouncil") is False and whole.writes("Hexacouncil") is True
    )  # "hexacouncil-run" is no use of it


def test_web_addresses_as_in_the_lowercased_text():
    text = TEXT + EXTRA
    expected = set(re.findall(r"(?<![\w.@/-])([a-z0-9][a-z0-9-]*)\.(?:com|net|org|co|io)\b", text.lower()))
    assert WholeText(text).domains == expected
    assert "iberojet" in expected and not {"example", "handle"} & expected  # after a dot or an @: no name


def test_streets_of_a_range_are_the_whole_texts_in_it():
    text = (TEXT + EXTRA) * 2
    everywhere = street_spans(text)
    assert len(everywhere) >= 4
    for start in range(0, len(text), 997):
        end = start + 1_500
        assert street_spans(text, start, end) == [(a, b) for a, b in everywhere if b > start and a < end]


def test_the_sections_of_one_document_read_its_text_once(monkeypatch):
    """Each section's mentions ask the whole text (is "Government" also written in lowercase?): the
    text is read once for all of them, not once a section (that made a long document quadratic)."""
    text = ("The Government met on Monday. " * 200) + "Later the government said no."
    document = Document("d", text, "")
    reads = []
    real = wholetext.slices
    monkeypatch.setattr(wholetext, "slices", lambda text, size=None: reads.append(len(text)) or real(text, size))
    for number in range(5):
        start = number * 31
        part = DocumentResult(document, [Sentence(number, start, start + 30, text[start : start + 30])])
        part.mentions.append(Mention("Government", start + 4, start + 14, "ORG", number, "Organization"))
        named = prepare_mentions(part, cased=True)
        assert [n.local for n in named] == [True]  # "the government" is written near the end
    assert 1 <= len(reads) <= 2  # the words once, the web addresses once
    assert whole_text(text) is whole_text(text)
