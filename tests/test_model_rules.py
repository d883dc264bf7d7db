"""kg's lookup copies of the model's attribute ruler and lemmatizer give every token the same annotations.

Each text is parsed once without the rule components; one copy of each Doc then goes through the
model's own ``attribute_ruler`` and ``lemmatizer``, the other through ``kg_attribute_rules`` and
``kg_lemmas``, and every token's tag, POS, morphology, lemma, dependency and head are compared.
Texts: the sample corpus, the dev news pages (as read by kg), and sentences written for the
model's exceptions ("ain't", "gonna", "let's", "y'all", "there is", pronouns by function).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from kg.model_rules import AttributeRules, MemoLemmas, _test
from kg.parsing import resolve_model
from kg.reading import read_paths

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT.parent / "shared" / "bench" / "news" / "pages"

EXCEPTIONS = [
    "There is a man who ain't gonna wait, and there are two who gotta go.",
    "Let's see: y'all know it, I saw it, it saw me, and you gave it to me.",
    "He doesn't have it, but she does; did they? They have done it and had it done.",
    "That is what that man said, but this one says those are fine. Which is it?",
    "I'm here, you're there, we've left, and he's gone. Nothin' to see. C'mon!",
    "The results, though not final, were released because the counts, which were late, had come in.",
    "IS IT TRUE THAT THE U.S. SAID NO?\n\nyes   no\tmaybe",
]


@pytest.fixture(scope="module")
def model():
    return spacy.load(resolve_model(None))


def _texts() -> list[str]:
    paths = [ROOT / "corpus", *([PAGES] if PAGES.is_dir() else [])]
    documents = [d for d in read_paths(paths) if hasattr(d, "text")]
    return EXCEPTIONS + [d.text for d in documents]


def _annotations(doc) -> list[tuple]:
    return [(t.i, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_same_annotations_as_the_model(model):
    ruler, lemmatizer = model.get_pipe("attribute_ruler"), model.get_pipe("lemmatizer")
    assert AttributeRules.readable(ruler)
    rules, lemmas = AttributeRules(ruler), MemoLemmas(lemmatizer)
    texts = _texts()
    assert len(texts) > 20, "the dev pages or the corpus were not read"
    compared = 0
    with model.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        for doc in model.pipe(texts, batch_size=16):
            theirs, ours = doc.copy(), doc.copy()
            lemmatizer(ruler(theirs))
            lemmas(rules(ours))
            expected, got = _annotations(theirs), _annotations(ours)
            differences = [(e, g) for e, g in zip(expected, got, strict=True) if e != g]
            assert not differences, differences[:5]
            compared += len(doc)
    assert compared > 10_000


def test_a_second_document_is_read_from_the_tables(model):
    """The tables filled by one Doc answer for the next exactly as the ruler would."""
    ruler, lemmatizer = model.get_pipe("attribute_ruler"), model.get_pipe("lemmatizer")
    rules, lemmas = AttributeRules(ruler), MemoLemmas(lemmatizer)
    with model.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        first, second = model("It was there. I left it."), model("There it was, and I said it is.")
    lemmas(rules(first))
    theirs, ours = second.copy(), second.copy()
    lemmatizer(ruler(theirs))
    lemmas(rules(ours))
    assert _annotations(ours) == _annotations(theirs)


def test_patterns_it_cannot_read_keep_the_model_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"LEMMA": "a"})
    assert not AttributeRules.readable(ruler)
    ruler = nlp.add_pipe("attribute_ruler", name="other")
    ruler.add([[{"SHAPE": "Xxx"}]], {"LEMMA": "x"})
    assert not AttributeRules.readable(ruler)


def test_a_form_no_pattern_names_fails_every_regex():
    from kg.model_rules import _OTHER_FORM

    assert not _test({"LOWER": {"REGEX": "^[^a-z]"}}, {"LOWER": _OTHER_FORM})
    assert _test({"LOWER": {"NOT_IN": ["is"]}}, {"LOWER": _OTHER_FORM})


def test_the_pipeline_uses_them_in_place_of_the_model_components():
    from kg.parsing import load_pipeline

    nlp = load_pipeline()
    assert {"attribute_ruler", "lemmatizer"} <= set(nlp.disabled)
    names = nlp.pipe_names
    assert names.index("parser") < names.index("kg_attribute_rules") < names.index("kg_lemmas")
    assert names.index("kg_lemmas") < names.index("kg_contractions")
    doc = nlp("She re-elected them and it’s done.")
    assert [t.lemma_ for t in doc][:4] == ["she", "re-elect", "they", "and"]
    assert doc[5].lemma_ == "be"
