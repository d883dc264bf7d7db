"""Mentions as the analysis keeps them from a real parse (the small model's NER, right or wrong)."""

from kg.analysis import analyze_document
from kg.parsing import load_pipeline
from kg.records import Document


def _mentions(text: str) -> dict[str, str]:
    nlp = load_pipeline()
    result = analyze_document(Document("d", text, ""), [(0, nlp(text))])
    return {m.text: m.label for m in result.mentions}


def test_a_capitalized_plural_noun_opening_a_sentence_is_no_person():
    # The small model tags "Wildfires" PERSON here; it is tagged a plural common noun (NNS).
    mentions = _mentions("Wildfires are raging in the Amazon.")
    assert "Wildfires" not in mentions


def test_a_plural_name_inside_a_sentence_is_kept():
    # Tagged NNS and PERSON too, but capitalized inside the sentence: a name (a dev page's sentence).
    mentions = _mentions(
        "In the third quarter, Embiid starred, but Batum gave the Sixers some enormous two-way minutes."
    )
    assert "Sixers" in mentions
