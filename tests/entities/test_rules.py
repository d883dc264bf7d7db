"""Unit tests of the resolution rules on hand-made per-document records (no parsing)."""

from kg.entities import normalize_name, resolve_entities
from kg.entities.acronyms import find_definitions
from kg.records import Argument, Document, DocumentResult, Extraction, Mention, Sentence


def doc(doc_id, text, mentions=(), extractions=()):
    """A DocumentResult whose mentions are given as (surface, label) and found in order in the text."""
    found, cursor = [], 0
    for surface, label in mentions:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        found.append(Mention(surface, start, cursor, label, text.count(".", 0, start)))
    sentences, start = [], 0
    for number, piece in enumerate(text.split(". ")):
        sentences.append(Sentence(number, start, start + len(piece), piece))
        start += len(piece) + 2
    return DocumentResult(Document(doc_id, text, ""), sentences, found, list(extractions))


def arg(text, full, role="object", nth=0):
    start = -1
    for _ in range(nth + 1):
        start = full.index(text, start + 1)
    return Argument(text, start, start + len(text), role=role)


def test_normalization():
    assert normalize_name("the U.S.") == normalize_name("US") == normalize_name("u.s") == "us"
    assert normalize_name("The Taliban’s") == "taliban"
    assert normalize_name(" “Doha” ") == "doha"
    assert normalize_name("Mr. Khalilzad", "Person") == "khalilzad"
    assert normalize_name("Mr. Khalilzad") == "mr khalilzad"  # titles are dropped for people only


def test_acronym_aliases_cover_document_and_corpus():
    text = "The Committee to Protect Journalists (CPJ or C.P.J.) said so. CPJ urged restraint."
    first = doc("a", text, [("Committee to Protect Journalists", "ORG"), ("CPJ", "ORG"), ("CPJ", "ORG")])
    second = doc("b", "Later, C.P.J. spoke again.", [("C.P.J.", "ORG")])
    assert [d.short for d in find_definitions(first)] == ["CPJ", "C.P.J."]
    index = resolve_entities([first, second])
    keys = {index.assignments[d.document.id][(m.start, m.end)] for d in (first, second) for m in d.mentions}
    assert keys == {"organization/committee-to-protect-journalists"}
    assert "acronym" in index.entities["organization/committee-to-protect-journalists"].rules


def test_surname_links_to_earlier_full_name_and_full_names_merge_across_documents():
    a = doc("a", "Ned Price spoke. Price said more.", [("Ned Price", "PERSON"), ("Price", "PERSON")])
    b = doc("b", "Ned Price's statement came.", [("Ned Price's", "PERSON")])
    index = resolve_entities([a, b])
    keys = {k for spans in index.assignments.values() for k in spans.values()}
    assert keys == {"person/ned-price"}
    assert {"surname", "exact-name"} <= index.entities["person/ned-price"].rules


def test_shared_surname_stays_unresolved():
    text = "Tom West met Kanye West. West said nothing."
    a = doc("a", text, [("Tom West", "PERSON"), ("Kanye West", "PERSON"), ("West", "PERSON")])
    index = resolve_entities([a])
    spans = index.assignments["a"]
    tom, kanye, west = (spans[(m.start, m.end)] for m in a.mentions)
    assert len({tom, kanye, west}) == 3
    assert index.entities[west].rules == {"ambiguous-name"}


def test_different_types_never_merge():
    """A person and a country of one name, in two documents, stay two nodes (the person is named in full)."""
    a = doc(
        "a", "Michael Jordan scored 30 points. Jordan said so.", [("Michael Jordan", "PERSON"), ("Jordan", "PERSON")]
    )
    b = doc("b", "Jordan will host talks.", [("Jordan", "GPE")])
    index = resolve_entities([a, b])
    person = index.assignments["a"][(a.mentions[1].start, a.mentions[1].end)]
    place = index.assignments["b"][(b.mentions[0].start, b.mentions[0].end)]
    assert person != place
    assert {index.entities[person].type, index.entities[place].type} == {"Person", "Place"}
    assert index.entities[person].label == "Michael Jordan"


def test_one_type_per_name_in_a_document():
    """The NER's labels of one name in one document are outvoted, and the rule recorded."""
    text = "Bloomberg reported the deal. According to Bloomberg, talks went on. Bloomberg said more."
    a = doc("a", text, [("Bloomberg", "ORG"), ("Bloomberg", "ORG"), ("Bloomberg", "GPE")])
    index = resolve_entities([a])
    keys = {index.assignments["a"][(m.start, m.end)] for m in a.mentions}
    assert keys == {"organization/bloomberg"}
    assert "type-vote" in index.entities["organization/bloomberg"].rules


def test_pronoun_and_description_resolve_with_agreement_and_record_surface():
    text = "The Taliban met officials in Doha. They said the group wants aid. It was hard."
    they, group, it = arg("They", text, "subject"), arg("the group", text, "subject"), arg("It", text, "subject")
    clause = arg("the group wants aid", text)
    clause.is_clause = True
    extractions = [
        Extraction(0, "met", "meet", arg("The Taliban", text, "subject"), [arg("officials", text)]),
        Extraction(1, "said", "say", they, [clause]),
        Extraction(1, "wants", "want", group, [arg("aid", text)]),
        Extraction(2, "was", "be", it, [arg("hard", text)]),
    ]
    a = doc("a", text, [("Taliban", "ORG"), ("Doha", "GPE")], extractions)
    index = resolve_entities([a])
    assert index.entity_at("a", they.start, they.end).label == "Taliban"
    assert index.entity_at("a", group.start, group.end).label == "Taliban"
    assert index.entity_at("a", it.start, it.end) is None  # expletive "it was": no entity
    assert extractions[1].resolved_from == "They" and extractions[2].resolved_from == "the group"
    assert index.stats["pronouns resolved"] == 1 and index.stats["descriptions resolved"] == 1
    # Coreference surfaces are counted, not kept as names.
    assert "They" not in index.entities["organization/taliban"].aliases


def test_pronoun_binding_excludes_its_own_object():
    text = "A US delegation met the Taliban. They will press the Taliban."
    subject = arg("They", text, "subject")
    extractions = [
        Extraction(0, "met", "meet", arg("A US delegation", text, "subject"), [arg("the Taliban", text)]),
        Extraction(1, "will press", "press", subject, [arg("the Taliban", text, nth=1)]),
    ]
    a = doc("a", text, [("US", "GPE"), ("Taliban", "ORG"), ("Taliban", "ORG")], extractions)
    index = resolve_entities([a])
    assert index.entity_at("a", subject.start, subject.end).label == "US delegation"


def test_metonymy_only_when_acting():
    text = "Washington insists on talks. Officials met in Washington."
    acting, place = arg("Washington", text, "subject"), arg("Washington", text, "location", nth=1)
    place.preposition = "in"
    extractions = [
        Extraction(0, "insists on", "insist_on", acting, [arg("talks", text)]),
        Extraction(1, "met", "meet", arg("Officials", text, "subject"), [place]),
    ]
    a = doc("a", text, [("Washington", "GPE"), ("Washington", "GPE")], extractions)
    index = resolve_entities([a])
    assert index.entity_at("a", acting.start, acting.end).label == "United States"
    # As a place, "Washington" alone is the state or the capital: a place of its own, linked to neither.
    where = index.entity_at("a", place.start, place.end)
    assert (where.label, where.type, where.iri, where.same_as) == ("Washington", "Place", None, [])


def test_input_order_does_not_matter():
    a = doc("a", "Ned Price spoke in Doha.", [("Ned Price", "PERSON"), ("Doha", "GPE")])
    b = doc("b", "The price of talks.", [], [Extraction(0, "x", "x", arg("The price", "The price of talks."), [])])
    one, two = resolve_entities([a, b]), resolve_entities([b, a])
    assert {k: (e.label, sorted(e.aliases)) for k, e in one.entities.items()} == {
        k: (e.label, sorted(e.aliases)) for k, e in two.entities.items()
    }


def test_description_anaphor_headed_by_a_word_outside_the_list():
    """ "The head of state" is headed by "head" (not "state"): a description kg has no type for, never a crash."""
    from kg.entities.coreference import Referent, agrees, anaphor_kind, resolve_anaphor

    assert anaphor_kind("the head of state") is None
    officials = Referent("other/officials", "Other", 0, 0, is_argument=True, is_subject=True, plural=True,
                         head="officials", named=False)  # fmt: skip
    assert agrees("description", "the head of state", officials) is False
    assert resolve_anaphor("the head of state", 70, 1, [officials]) is None


def test_head_of_state_sentence_builds():
    """The sentence that sank a whole build (KeyError: 'head') builds into statements."""
    import kg

    text = (
        "Officials of the government met a delegation in Kabul on Monday. "
        "The head of state said the talks with the delegation went well."
    )
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    (folder / "a.txt").write_text(text)
    graph = kg.build([folder])
    assert graph.report.statements >= 2
    assert not graph.report.skipped


def test_a_clear_given_name_makes_a_person_of_a_name_typed_otherwise():
    """ "Jayson Tatum" (ORG to the small NER) is a person; a company starting like a name, a name after "at"
    (kept as the NER typed it), or a name given to women and men alike is not."""
    text = "Jayson Tatum scored. Georgia Power raised rates. He left his home at Maria Lodge. Jordan Smith spoke."
    a = doc(
        "a", text, [("Jayson Tatum", "ORG"), ("Georgia Power", "ORG"), ("Maria Lodge", "ORG"), ("Jordan Smith", "ORG")]
    )
    index = resolve_entities([a])
    types = {m.text: index.entities[index.assignments["a"][(m.start, m.end)]].type for m in a.mentions}
    assert types == {"Jayson Tatum": "Person", "Georgia Power": "Organization", "Maria Lodge": "Organization",
                     "Jordan Smith": "Organization"}  # fmt: skip


def test_a_name_run_into_a_title_or_organization_is_the_person():
    """ "Ministry of Finance Brian Manning" (one ORG to the NER) names Brian Manning; "Bank of Jordan Smith"
    (a name given to women and men alike) and "Ford Motor Company" are left as they are."""
    text = "The Ministry of Finance Brian Manning spoke. Ford Motor Company agreed. The Bank of Jordan Smith paid."
    a = doc("a", text, [("Ministry of Finance Brian Manning", "ORG"), ("Ford Motor Company", "ORG"),
                        ("Bank of Jordan Smith", "ORG")])  # fmt: skip
    index = resolve_entities([a])
    found = {(e.type, e.label) for e in index.entities.values()}
    assert ("Person", "Brian Manning") in found
    assert ("Organization", "Ford Motor Company") in found and ("Organization", "Bank of Jordan Smith") in found
