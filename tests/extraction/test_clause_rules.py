"""Rules added for CaRB-style relations, checked on the extractor's own records."""

from __future__ import annotations

from kg.extraction.output import carb_tuple, extract_lines


def extractions(sentence: str):
    [(_, found)] = list(extract_lines([sentence]))
    return found


def by_predicate(sentence: str) -> dict:
    return {e.predicate: e for e in extractions(sentence)}


def test_predicate_adjective_with_infinitive_is_one_relation():
    found = by_predicate("The soldiers were able to reinforce the hotel.")
    e = found["be_able_to_reinforce"]
    assert e.relation == "were able to reinforce"
    assert e.subject.text == "The soldiers"
    assert [a.text for a in e.arguments if a.role == "object"] == ["the hotel"]
    assert "reinforce" not in found  # merged, not a predicate of its own


def test_adjective_with_preposition_joins_the_relation():
    e = by_predicate("The device is capable of detecting small tremors.")["be_capable_of"]
    assert e.relation == "is capable of"
    assert e.subject.text == "The device"


def test_adverb_inside_the_verb_group_joins_the_relation():
    e = by_predicate("He probably saw active service in the Netherlands.")["see"]
    assert e.relation == "probably saw"


def test_two_word_preposition():
    e = by_predicate("Chrysler closed the plants because of excess inventories.")["close"]
    assert [(a.preposition, a.text) for a in e.arguments if a.role != "object"] == [
        ("because of", "excess inventories")
    ]


def test_fronted_phrase_is_not_folded_into_the_relation():
    e = by_predicate("In colonial times, the grants were in the shape of leases.")["be_in"]
    assert e.relation.split()[-1] == "in"
    assert [a.text for a in e.arguments if a.role == "object"] == ["the shape of leases"]


def test_participle_modifier_reads_as_passive_for_carb():
    found = extractions("The institute is a think tank founded in 2005.")
    founded = next(e for e in found if e.predicate == "found")
    relation, arg1, *_ = carb_tuple(founded)
    assert relation.startswith("be founded")
    assert arg1 == "The institute"  # a predicate nominal's modifier describes the copula subject


def test_bare_past_participle_describes_the_clause_subject():
    found = extractions("A British version of the show was developed, known as Gladiators.")
    known = next(e for e in found if e.predicate == "know")
    relation, arg1, *rest = carb_tuple(known)
    assert "known" in relation
    assert arg1 == "A British version of the show"
    assert rest == ["Gladiators"]


def test_a_later_verb_of_a_chain_keeps_its_auxiliaries_after_to():
    """(real page: fivethirtyeight.com.endorsement) "seemed to be successfully filling", not "seemed to filling"."""
    e = by_predicate("Buttigieg seemed to be successfully filling the space for a candidate.")["seem_to_fill"]
    assert e.relation == "seemed to be filling"


def test_a_conjunct_with_its_own_to_does_not_borrow_its_sibling_s():
    found = by_predicate("Officials agreed to provide aid and to have talks.")
    assert found["agree_to_talk"].relation == "agreed to have talks"
    shared = by_predicate("They offered to run the school and provide meals.")
    assert shared["offer_to_provide"].relation == "offered to provide"


def test_two_titles_joined_by_and_before_a_name_are_one_subject():
    e = by_predicate("President and Chief Financial Officer of Super Value Debra Symonette said prices would rise.")[
        "say"
    ]
    assert e.subject.text == "President and Chief Financial Officer of Super Value Debra Symonette"
    assert e.subject.conjuncts == []  # one person, not a president and an officer
    # Two people's titles, each with a name: a coordination still.
    e = by_predicate("Governor Kathy Hochul and Mayor Eric Adams said the trains would run.")["say"]
    assert [c.text for c in e.subject.conjuncts] == ["Governor Kathy Hochul", "Mayor Eric Adams"]


def test_a_title_is_of_a_name_not_of_its_common_modifier():
    found = by_predicate("Taliban spokesperson Suhail Shaheen said talks would resume.")
    assert found["spokesperson_of"].arguments[0].text == "Taliban"
    found = by_predicate("The device works, said lead author Josh Leipheimer.")
    assert "author_of" not in found  # "lead" names no one the author is of


def test_a_plural_appositive_is_said_of_every_conjunct():
    found = extractions("The decision is a rejection of Biden and Sanders, the two frontrunners.")
    [e] = [e for e in found if e.construction == "apposition"]
    assert [c.text for c in e.subject.conjuncts] == ["Biden", "Sanders"]
    # A singular one stays with the name it follows.
    found = extractions("She met Biden and Ned Price, the State Department spokesperson.")
    [e] = [e for e in found if e.construction == "apposition"]
    assert e.subject.conjuncts == [] and e.subject.text == "Ned Price"


def test_who_spends_time_or_has_trouble_does_what_follows():
    found = by_predicate("The device would allow nurses to spend more time treating patients.")
    assert found["treat"].subject.text == "nurses"
    found = by_predicate("Doctors had a hard time accessing veins in older patients.")
    assert found["access"].subject.text == "Doctors"
    # Any other noun an -ing clause describes still acts itself.
    found = by_predicate("Police stopped a man carrying a bag.")
    assert found["carry"].subject.text == "a man"


def test_a_list_the_parser_read_as_appositions_states_no_apposition():
    found = extractions("Police say Grant, her husband, Ambersley and another woman were travelling in a car.")
    assert not [e for e in found if e.construction == "apposition"]
    found = by_predicate("Ned Price, the State Department spokesperson, said the talks would resume.")
    assert found["be"].subject.text == "Ned Price"
    # From a common noun, the list is what the noun names (a dev page's sentence).
    found = extractions(
        "Likewise, the suitcase will be checked in from origin to the final destination: Punta Cana, Cancun,"
        " Havana, Varadero, San José ( Costa Rica ), Los Cabos ( Mexico ), and Mauritius."
    )
    named = {c.text for e in found if e.construction == "apposition" for c in e.subject.conjuncts}
    assert {"Havana", "Varadero"} <= named


def test_a_place_in_brackets_after_a_place_holds_it():
    found = by_predicate("Flights to Los Cabos (Mexico) resume in May.")
    assert found["be_in"].subject.text == "Los Cabos" and found["be_in"].arguments[0].text == "Mexico"
    assert "be" not in found
