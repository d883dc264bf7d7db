"""Names the NER cut, ran on or mistyped at their seams: a name cut in two, a field before an office's
title, a dateline's place, a place named by the kind of place after it."""

from __future__ import annotations

import pytest

from kg.analysis import analyze_document
from kg.entities.mentions import prepare_mentions
from kg.ontology import class_for_label
from kg.parsing import load_pipeline
from kg.records import Document, DocumentResult, Mention, Sentence


def _result(text: str, *mentions: str) -> DocumentResult:
    """One sentence a line; mentions as "surface/NER label", found in order in the text, typed as kg types the label."""
    sentences, start = [], 0
    for number, line in enumerate(text.split("\n")):
        sentences.append(Sentence(number, start, start + len(line), line))
        start += len(line) + 1
    found, cursor, types = [], 0, class_for_label()
    for spec in mentions:
        surface, label = spec.rsplit("/", 1)
        at = text.index(surface, cursor)
        cursor = at + len(surface)
        found.append(Mention(surface, at, cursor, label, text.count("\n", 0, at), types[label]))
    return DocumentResult(Document("d", text, ""), sentences, found, [])


def _named(result: DocumentResult) -> dict[str, str]:
    return {n.text: n.type for n in prepare_mentions(result)}


CASES = {
    "a given name and the next word cut apart are one person": (
        "Tyrese Maxey scored a dozen in the period.\nMaxey was back.",
        ("Tyrese/NORP", "Maxey/GPE", "Maxey/GPE"),
        {"Tyrese Maxey": "Person", "Maxey": "Person"},
    ),
    "names apart by more than a space stay apart": (
        "Robert, Maxey and the rest stayed home.",
        ("Robert/PERSON", "Maxey/GPE"),
        {"Robert": "Person", "Maxey": "Place"},
    ),
    "a person-named organization cut at the surname is one organization": (
        "He studied at the Robert Wood Johnson Medical School in New Jersey.",
        ("Robert Wood/PERSON", "Johnson Medical School/ORG", "New Jersey/GPE"),
        {"Robert Wood Johnson Medical School": "Organization", "New Jersey": "Place"},
    ),
    "the field before an office title is no organization; an acronym stays": (
        "Transport Secretary Grant Shapps said so.\nHe served as Finance Minister.\nEU Commissioner Ana Lopez came.",
        ("Transport/ORG", "Grant Shapps/PERSON", "Finance/ORG", "EU/ORG", "Ana Lopez/PERSON"),
        {"Grant Shapps": "Person", "EU": "Organization", "Ana Lopez": "Person"},
    ),
    "an organization before other words stays": (
        "Google spokesman Ted Ross said so.\nThe Treasury said more.",
        ("Google/ORG", "Ted Ross/PERSON", "Treasury/ORG"),
        {"Google": "Organization", "Ted Ross": "Person", "Treasury": "Organization"},
    ),
    "a dateline without an agency names a place": (
        "KHAN YOUNIS, GAZA — The assault has left hospitals short of fuel.",
        ("KHAN YOUNIS/PERSON", "GAZA/GPE"),
        {"KHAN YOUNIS": "Place", "GAZA": "Place"},
    ),
    "a name before a kind of place is a place": (
        "The hospital in the Mughraqa area ran out of fuel.\nThe Globalia company and the Jabalia district.",
        ("Mughraqa/ORG", "Globalia/GPE", "Jabalia/PERSON"),
        {"Mughraqa": "Place", "Globalia": "Organization", "Jabalia": "Place"},
    ),
    "a noun for a kind of organization before a name types it": (
        "The results were published in the journal Technology.\nShe flew with the airline Iberojet.",
        ("Technology/PRODUCT", "Iberojet/PERSON"),
        {"Technology": "Organization", "Iberojet": "Organization"},
    ),
}


@pytest.mark.parametrize(("text", "mentions", "expected"), CASES.values(), ids=CASES.keys())
def test_names_at_their_seams(text, mentions, expected):
    assert _named(_result(text, *mentions)) == expected


def test_a_big_place_before_a_name_is_not_taken_for_a_given_name():
    assert "Paris Saint-Germain" not in _named(
        _result("Paris Saint-Germain won again.", "Paris/GPE", "Saint-Germain/ORG")
    )


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
