"""Names the NER cut, ran on or mistyped at their seams: a name cut in two, a field before an office's
title, a dateline's place, a place named by the kind of place after it."""

from __future__ import annotations

from kg.analysis import analyze_document
from kg.entities.mentions import prepare_mentions
from kg.parsing import load_pipeline
from kg.records import Document, DocumentResult, Mention, Sentence


def _result(text: str, mentions: list[tuple[str, str, str]]) -> DocumentResult:
    """One sentence a line; mentions as (surface, NER label, kg type), found in order in the text."""
    sentences, start = [], 0
    for number, line in enumerate(text.split("\n")):
        sentences.append(Sentence(number, start, start + len(line), line))
        start += len(line) + 1
    found, cursor = [], 0
    for surface, label, kind in mentions:
        at = text.index(surface, cursor)
        cursor = at + len(surface)
        sentence = text.count("\n", 0, at)
        found.append(Mention(surface, at, cursor, label, sentence, kind))
    return DocumentResult(Document("d", text, ""), sentences, found, [])


def _named(result: DocumentResult) -> dict[str, str]:
    return {n.text: n.type for n in prepare_mentions(result)}


def test_a_given_name_and_the_next_word_cut_apart_are_one_person():
    text = "Tyrese Maxey scored a dozen in the period.\nMaxey was back."
    result = _result(text, [("Tyrese", "NORP", "Group"), ("Maxey", "GPE", "Place"), ("Maxey", "GPE", "Place")])
    assert _named(result) == {"Tyrese Maxey": "Person", "Maxey": "Person"}


def test_names_apart_by_more_than_a_space_stay_apart():
    text = "Robert, Maxey and the rest stayed home."
    result = _result(text, [("Robert", "PERSON", "Person"), ("Maxey", "GPE", "Place")])
    assert set(_named(result)) == {"Robert", "Maxey"}


def test_a_big_place_before_a_name_is_not_taken_for_a_given_name():
    text = "Paris Saint-Germain won again."
    result = _result(text, [("Paris", "GPE", "Place"), ("Saint-Germain", "ORG", "Organization")])
    assert "Paris Saint-Germain" not in _named(result)


def test_a_person_named_organization_cut_at_the_surname_is_one_organization():
    text = "He studied at the Robert Wood Johnson Medical School in New Jersey."
    result = _result(
        text,
        [
            ("Robert Wood", "PERSON", "Person"),
            ("Johnson Medical School", "ORG", "Organization"),
            ("New Jersey", "GPE", "Place"),
        ],
    )
    assert _named(result) == {"Robert Wood Johnson Medical School": "Organization", "New Jersey": "Place"}


def test_the_field_before_an_office_title_is_no_organization():
    text = "Transport Secretary Grant Shapps said so.\nHe served as Finance Minister.\nEU Commissioner Ana Lopez came."
    result = _result(
        text,
        [
            ("Transport", "ORG", "Organization"),
            ("Grant Shapps", "PERSON", "Person"),
            ("Finance", "ORG", "Organization"),
            ("EU", "ORG", "Organization"),
            ("Ana Lopez", "PERSON", "Person"),
        ],
    )
    assert _named(result) == {"Grant Shapps": "Person", "EU": "Organization", "Ana Lopez": "Person"}


def test_an_organization_before_other_words_stays():
    text = "Google spokesman Ted Ross said so.\nThe Treasury said more."
    result = _result(
        text, [("Google", "ORG", "Organization"), ("Ted Ross", "PERSON", "Person"), ("Treasury", "ORG", "Organization")]
    )
    assert _named(result) == {"Google": "Organization", "Ted Ross": "Person", "Treasury": "Organization"}


def test_a_dateline_without_an_agency_names_a_place():
    text = "KHAN YOUNIS, GAZA — The assault has left hospitals short of fuel."
    result = _result(text, [("KHAN YOUNIS", "PERSON", "Person"), ("GAZA", "GPE", "Place")])
    assert _named(result) == {"KHAN YOUNIS": "Place", "GAZA": "Place"}


def test_a_name_before_a_kind_of_place_is_a_place():
    text = "The hospital in the Mughraqa area ran out of fuel.\nThe Globalia company and the Jabalia district."
    result = _result(
        text,
        [("Mughraqa", "ORG", "Organization"), ("Globalia", "GPE", "Place"), ("Jabalia", "PERSON", "Person")],
    )
    assert _named(result) == {"Mughraqa": "Place", "Globalia": "Organization", "Jabalia": "Place"}


def _parsed(text: str) -> dict[str, str]:
    nlp = load_pipeline()
    result = analyze_document(Document("d", text, ""), [(0, nlp(text))])
    return {n.text: n.type for n in prepare_mentions(result)}


def test_from_a_parse_of_dev_page_sentences():
    # Sentences of ../shared/bench/news/pages (phillyvoice, standard.co.uk, theintercept): the small model
    # tags "Tyrese" NORP and "Maxey" GPE, "Transport" ORG, "KHAN YOUNIS" PERSON, "Mughraqa" ORG.
    named = _parsed(
        "Tyrese Maxey was able to get going in the second quarter, scoring a dozen in the period.\n\n"
        "Travellers must self-isolate for 14 days, Transport Secretary Grant Shapps said on Thursday.\n\n"
        "KHAN YOUNIS, GAZA — The Israeli assault on the Gaza Strip has left the health sector in collapse.\n\n"
        "Dr. Sobhi Skaik, the director of the Turkish Friendship Hospital in the Mughraqa area, said so."
    )
    assert named.get("Tyrese Maxey") == "Person" and "Maxey" not in named and "Tyrese" not in named
    assert "Transport" not in named and named.get("Grant Shapps") == "Person"
    assert named.get("KHAN YOUNIS") == "Place"
    assert named.get("Mughraqa") == "Place"


def test_a_noun_for_a_kind_of_organization_before_a_name_types_it():
    text = "The results were published in the journal Technology.\nShe flew with the airline Iberojet."
    result = _result(text, [("Technology", "PRODUCT", "Product"), ("Iberojet", "PERSON", "Person")])
    assert _named(result) == {"Technology": "Organization", "Iberojet": "Organization"}
