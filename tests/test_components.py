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


def test_a_word_tagged_an_adjective_heading_a_noun_phrase_is_a_noun_when_no_dictionary_has_the_adjective():
    from kg.parsing import load_pipeline

    nlp = load_pipeline()
    # The small model tags "roundtable" JJ here (a dev page's sentence, nowgrenada.com).
    doc = nlp("Leaders attended the roundtable co-hosted by Representative Waters.")
    roundtable = next(t for t in doc if t.lower_ == "roundtable")
    assert (roundtable.pos_, roundtable.tag_) == ("NOUN", "NN")
    # Adjectives used as nouns stay adjectives: the dictionary knows them.
    for sentence, word in (("The deceased had a court date.", "deceased"), ("They helped the poor.", "poor")):
        token = next(t for t in nlp(sentence) if t.lower_ == word)
        assert token.pos_ == "ADJ", sentence
    with nlp.select_pipes(disable=["kg_noun_heads"]):
        assert next(t for t in nlp(doc.text) if t.lower_ == "roundtable").pos_ == "ADJ"  # what the model says


def test_a_dateline_is_a_sentence_of_its_own_and_states_nothing():
    from kg.analysis import analyze_document
    from kg.parsing import load_pipeline
    from kg.records import Document

    text = (
        "KHAN YOUNIS, GAZA — The Israeli assault on the Gaza Strip has left the health sector in collapse.\n"
        "LOS ANGELES (Reuters) - The film won the top award."
    )
    nlp = load_pipeline()
    assert [s.text.strip() for s in nlp(text).sents] == [
        "KHAN YOUNIS, GAZA —",
        "The Israeli assault on the Gaza Strip has left the health sector in collapse.",
        "LOS ANGELES (Reuters) -",
        "The film won the top award.",
    ]
    result = analyze_document(Document("d", text, ""), [(0, nlp(text))])
    subjects = {e.subject.text for e in result.extractions if e.subject is not None}
    assert {"The Israeli assault on the Gaza Strip", "The film"} <= subjects
    assert all(e.sentence not in (0, 2) for e in result.extractions)  # no "KHAN YOUNIS is GAZA"
