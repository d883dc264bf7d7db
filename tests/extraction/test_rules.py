"""Each registered extraction rule alone: a sentence in, the extraction it reads out."""

from __future__ import annotations

import pytest

from kg.errors import KGError
from kg.extraction.clauses import clause_extractions
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
    # a number before the title word gives a size, not an organisation the title is of
    assert facts("She watched the 51-member Congressional Black Caucus.", "title_compound") == []


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


def clause(text: str, predicate: str, **selected):
    """The clause extraction of ``predicate`` in ``text`` (``rules``/``objects``: the rules to run)."""
    found = [e for e, _ in clause_extractions(parse(text)[:], sentence=0, **selected) if e.predicate == predicate]
    assert len(found) == 1, [e.predicate for e, _ in clause_extractions(parse(text)[:], sentence=0, **selected)]
    return found[0]


def objects(extraction) -> list[str]:
    return [a.text for a in extraction.arguments if a.role == "object"]


def test_passive_is_stored_in_the_active_voice():
    e = clause("The attack was claimed by ISKP.", "claim")
    assert (e.construction, e.subject.text, objects(e)) == ("passive", "ISKP", ["The attack"])


def test_clausal_subject():
    e = clause("Closing the border would hurt trade.", "hurt")
    assert (e.construction, e.subject.text, objects(e)) == ("clausal_subject", "Closing the border", ["trade"])


def test_svo():
    e = clause("The Taliban seized Kabul.", "seize")
    assert (e.construction, e.subject.text, objects(e)) == ("svo", "The Taliban", ["Kabul"])


def test_copula():
    e = clause("The embassy is a target.", "be")
    assert (e.construction, e.subject.text, objects(e)) == ("copula", "The embassy", ["a target"])


def test_existential():
    e = clause("There was a fixed point.", "exist")
    assert (e.construction, e.subject, objects(e)) == ("existential", None, ["a fixed point"])


def test_modifier():
    e = clause("They signed the agreement reached in Doha.", "reach")
    assert (e.construction, objects(e)) == ("passive", ["the agreement"])  # a participle is passive
    e = clause("Officials announced efforts to end the war.", "end")
    assert e.construction == "modifier"


def test_relative():
    e = clause("The group, which seized Kabul, spoke.", "seize")
    assert (e.construction, e.subject.text, objects(e)) == ("relative", "The group", ["Kabul"])


def test_clause_rules_left_out_leave_their_construction_unread():
    e = clause("There was a fixed point.", "be", rules=["passive", "clausal_subject", "svo", "copula"])
    assert e.construction == "copula"


def test_noun_complement():
    e = clause("Qatar will be part of the talks.", "be_part_of")
    assert (e.relation, objects(e)) == ("will be part of", ["the talks"])


def test_light_verb_complement():
    e = clause("The envoy held talks with the Taliban.", "talk_with")
    assert (e.relation, objects(e)) == ("held talks with", ["the Taliban"])


def test_role_of_named():
    e = clause("Biden is the president of the United States.", "be_president_of")
    assert objects(e) == ["the United States"]


def test_adjective_complement():
    e = clause("The device is capable of detecting small tremors.", "be_capable_of")
    assert e.relation == "is capable of"


def test_adjective_state():
    e = clause("The patient is alive.", "be_alive")
    assert [(a.role, a.text) for a in e.arguments] == [("state", "alive")]


def test_light_verb_preposition():
    e = clause("Washington gave assurances to Kabul.", "assure")  # keyed by the verb the noun names
    assert (e.relation, objects(e)) == ("gave assurances to", ["Kabul"])


def test_light_verb_event():
    e = clause("The ministry made a decision to close the schools.", "decide")
    assert objects(e) == ["to close the schools"]


def test_relative_object():
    e = clause("The envoy that Qatar had appointed arrived.", "appoint")
    assert (e.subject.text, objects(e)) == ("Qatar", ["The envoy"])


def test_object_rules_left_out_give_the_plain_noun_phrase():
    e = clause("The envoy held talks with the Taliban.", "hold", objects=[])
    assert objects(e) == ["talks with the Taliban"]


def test_components_read_with_the_rules_their_config_names():
    import spacy

    from kg.extraction import extract_sentence
    from kg.parsing import resolve_model

    text = "Qatar's foreign minister, a veteran diplomat, met the Taliban."
    everything = {e.construction for e in extract_sentence(parse(text)[:], sentence=0)}
    assert {"possessive", "apposition", "svo"} <= everything
    nlp = spacy.load(resolve_model())
    nlp.add_pipe("kg_clauses", config={"rules": ["passive"]})  # no active-voice rule: no subject is read
    nlp.add_pipe("kg_noun_phrases", config={"rules": ["possessive"]})
    found = extract_sentence(nlp(text)[:], sentence=0)
    assert {e.construction for e in found} == {"possessive", "svo"}
    assert all(e.subject is None for e in found if e.construction == "svo")
    with pytest.raises(KGError, match="unknown clause rule"):
        nlp.add_pipe("kg_clauses", name="wrong", config={"rules": ["no_such_rule"]})


def test_a_relation_keeps_no_capital_the_sentence_start_gave_it():
    from kg.extraction.output import extract_lines

    [(_, found)] = list(extract_lines(["To answer this question, the scientists asked five people."]))
    assert {e.relation for e in found} == {"to answer", "asked"}
