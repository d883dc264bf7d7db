"""kg's own spaCy components, on their own."""

from __future__ import annotations

import pytest
import spacy

from kg.components import doc_text, line_breaks
from kg.parsing import resolve_model


@pytest.fixture(scope="module")
def tagged():
    """The model up to the tagger: no parser to set sentence starts of its own."""
    return spacy.load(resolve_model(None), exclude=["parser", "attribute_ruler", "lemmatizer", "ner", "senter"])


TEXTS = [
    "Council approves budget\nThe council voted on Monday.",
    "Heading one\n\n  Second part begins here. It goes on.\n",
    "No break at all in this sentence.",
    "\nStarts with a break\n \nand a line of spaces before",
]


@pytest.mark.parametrize("text", TEXTS)
def test_a_line_break_starts_a_sentence(tagged, text):
    doc = line_breaks(tagged(text))
    for token in doc[1:]:
        previous = doc[token.i - 1]
        after_break = previous.is_space and "\n" in previous.text and not token.is_space
        if after_break:
            assert token.is_sent_start is True, token.i
        else:
            assert not token.is_sent_start, token.i
    assert any(token.is_sent_start for token in doc[1:]) == ("\n" in text.strip(" "))


def test_the_text_is_made_once_and_kept(tagged):
    doc = tagged("Co-hosted by them.\nThen more.")
    assert doc_text(doc) == doc.text
    assert doc.user_data["kg_text"] is doc_text(doc)
