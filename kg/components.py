"""kg's own spaCy pipeline components, registered by name (``nlp.add_pipe("kg_line_breaks")``).

:func:`kg.parsing.load_pipeline` adds them all: ``kg_hyphen_words`` first (and ``kg_hyphen_lemmas``
and ``kg_noun_heads`` after the lemmatizer), ``kg_line_breaks`` before the parser, the
gazetteer ruler before the NER, ``kg_contractions`` after the lemmatizer, and last the two extraction components, whose config names the
extraction rules (:mod:`kg.extraction.rules`) they run:

* ``kg_clauses`` (config ``rules``: clause rules, ``objects``: object rules) gives every span
  ``span._.clauses(sentence=0, offset=0)``: its clause-level extractions, each with its verb;
* ``kg_noun_phrases`` (config ``rules``: noun-phrase rules) gives ``span._.noun_phrase_facts(...)``.

A rule list of ``None`` means every registered rule, in registration order, including rules
registered after the pipeline was loaded. The component
writes the rules it was configured with onto the Doc (``doc._.kg_clause_rules``,
``doc._.kg_noun_phrase_rules``); a sentence's extractions are read when asked for, so that
they run inside the document's time limit (:mod:`kg.limits`) and for any span (``kg extract``
reads a whole line as one sentence).

>>> from spacy.lang.en import English
>>> nlp = English()
>>> _ = nlp.add_pipe("kg_noun_phrases", config={"rules": ["possessive"]})
>>> nlp("Qatar's minister")._.kg_noun_phrase_rules
('possessive',)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import numpy
from spacy.attrs import IS_SPACE, POS, SENT_START
from spacy.language import Language
from spacy.symbols import ADJ
from spacy.tokens import Doc, Span


@Language.component("kg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, and after a dateline opening a line.

    Cleaned news text keeps one paragraph or heading per line; without this
    the parser glues a heading to the paragraph after it. A dateline ("KHAN YOUNIS, GAZA — The
    assault ...") is no part of the sentence after it: the parser would make it the subject's.
    """
    text = doc_text(doc)
    starts: list[int] = []
    if "\n" in text:
        # Only whitespace tokens hold a line break (a token's own trailing whitespace is one space):
        # those followed by a word are found in the array, not by a walk over every token in Python.
        spaces = doc.to_array(IS_SPACE).astype(bool)
        starts += [i + 1 for i in numpy.flatnonzero(spaces[:-1] & ~spaces[1:]).tolist() if "\n" in doc[i].text]
    for match in _datelines().finditer(text):
        after = doc.char_span(match.end(), len(text), alignment_mode="expand")
        if after is not None and len(after) and after[0].idx == match.end() and after[0].i > 0:
            starts.append(after[0].i)
    if starts:
        # Set in one array: ``token.is_sent_start = True`` looks through the whole Doc for a parse each
        # time (``has_annotation("DEP")``), so a 100,000-character section with 4,000 line breaks spent
        # ~6% of its parse here.
        sent_starts = doc.to_array(SENT_START)
        sent_starts[starts] = 1
        doc.from_array([SENT_START], sent_starts)
    return doc


@functools.cache
def _datelines() -> re.Pattern:
    from .entities.debris import DATELINE_LINES

    return DATELINE_LINES


def doc_text(doc: Doc) -> str:
    """``doc.text``, made once per Doc: spaCy joins every token's text each time it is asked for,
    and kg's components asked five times a document (~1 s of a 100,000-word build). Merging tokens
    (``kg_hyphen_words``) does not change the text; splitting them is not done in kg's pipeline."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


@Language.component("kg_hyphen_words")
def hyphen_words(doc: Doc) -> Doc:
    """Join a word written with a bound prefix and a hyphen into one token: "co-hosted", "re-elected".

    The tokenizer splits every hyphen between letters; "co" and "re" alone are no words, and the
    tagger read "co" as a noun ("attended the roundtable co", "Rutgers co-authors" as "rutgers co").
    The prefixes are ``ontology/lexicon/hyphen_prefixes.txt``. Runs before the tagger.
    """
    text = doc_text(doc)
    if "-" not in text:
        return doc
    spans = []
    for match in _hyphen_words().finditer(text):
        span = doc.char_span(match.start(), match.end())
        if span is not None and len(span) == 3:
            spans.append(span)
    if spans:
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)
    return doc


@Language.factory("kg_hyphen_lemmas")
def make_hyphen_lemmas(nlp: Language, name: str):
    """After the lemmatizer: a word joined by ``kg_hyphen_words`` gets its prefix and its stem's lemma."""
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None

    def hyphen_lemmas(doc: Doc) -> Doc:
        """ "co-hosted" → "co-host": the rule lemmatizer knows no joined word ("co-hoste")."""
        text = doc_text(doc)
        if lemmatizer is None or "-" not in text:
            return doc
        for match in _hyphen_words().finditer(text):
            span = doc.char_span(match.start(), match.end())
            if span is not None and len(span) == 1:
                token = span[0]
                prefix, stem = token.text.split("-", 1)
                word = Doc(doc.vocab, words=[stem.lower()])
                word[0].pos, word[0].tag = token.pos, token.tag
                token.lemma_ = f"{prefix.lower()}-{lemmatizer.rule_lemmatize(word[0])[0]}"
        return doc

    return hyphen_lemmas


#: Dependencies of a noun phrase's head: a word there with a determiner is a noun.
_NOMINAL_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "dative")
#: Determiners and possessives that open a noun phrase ("the roundtable", "its roundtable"), not "all".
_OPENERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "each", "every", "no", "his", "her", "its", "their", "our"}
)


@Language.factory("kg_noun_heads")
def make_noun_heads(nlp: Language, name: str):
    """After the lemmatizer: a word tagged an adjective that heads a noun phrase with an article, and
    that no dictionary knows as an adjective, is a noun ("attended the roundtable co-hosted by ...").

    The small model tags some nouns it rarely saw as adjectives; the extraction then makes no concept
    of them, and a participle after them modifies nothing. "The poor", "the deceased", "the elderly"
    are adjectives of the lemmatizer's word index (WordNet's) and stay so.
    """
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    lookups = getattr(lemmatizer, "lookups", None)
    adjectives = (
        frozenset(lookups.get_table("lemma_index").get("adj", ()))
        if lookups is not None and lookups.has_table("lemma_index")
        else None
    )
    deps = {nlp.vocab.strings.add(d) for d in _NOMINAL_DEPS}

    def noun_heads(doc: Doc) -> Doc:
        if adjectives is None or not len(doc):
            return doc
        # Only the adjectives are looked at one by one: a few in a hundred words.
        for i in numpy.flatnonzero(doc.to_array(POS) == ADJ).tolist():
            token = doc[i]
            if token.tag_ != "JJ" or token.dep not in deps or token.lower_ in adjectives or not token.is_alpha:
                continue
            if any(child.dep_ in ("det", "poss") and child.lower_ in _OPENERS for child in token.lefts):
                token.pos_, token.tag_ = "NOUN", "NN"
        return doc

    return noun_heads


@functools.cache
def _hyphen_words() -> re.Pattern:
    from .lexicon import words

    prefixes = "|".join(sorted(map(re.escape, words("hyphen_prefixes")), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{prefixes})-[^\W\d_]+(?![\w-])", re.IGNORECASE)


@Language.component("kg_contractions")
def contractions(doc: Doc) -> Doc:
    """Lemmas of contractions written with a typographic apostrophe, as of the straight ones.

    News text writes "It’s", "they’re", "we’ve"; the lemmatizer knows only "'s", "'re", "'ve",
    so "’s" kept its own form and "It’s easy" had no copula.

    The model also reads "n’t" as a noun, and may attach it as punctuation ("the president wasn’t
    able to clear the field" lost its negation): after the auxiliary it belongs to, it is "not".
    """
    if "’" not in doc_text(doc):
        return doc
    from .lexicon import table

    lemmas = table("contractions")
    for token in doc:
        if "’" in token.text:
            lemma = lemmas.get(token.lower_[1:]) if token.lower_.startswith("’") else None
            if lemma is not None:
                token.lemma_ = lemma
            elif token.lower_ == "n’t" and token.i > 0 and token.dep_ != "neg":
                _contracted_negation(token)
    return doc


def _contracted_negation(token) -> None:
    """ "n’t" right after the auxiliary or verb that heads it: the negation the model missed."""
    verb = token.doc[token.i - 1]
    if token.head.i == verb.i and verb.pos_ in ("AUX", "VERB"):
        token.dep_, token.tag_, token.pos_, token.lemma_ = "neg", "RB", "PART", "not"
        token.set_morph("Polarity=Neg")


def _checked(registry, names: Sequence[str] | None) -> tuple[str, ...] | None:
    """The rule names of a component's config, checked now (an unknown one fails when the pipeline is made).

    None stays None: every rule registered when a sentence is read, those registered later included.
    """
    if names is None:
        return None
    registry.select(names)
    return tuple(names)


class ClauseExtraction:
    """The ``kg_clauses`` component: which clause and object rules a Doc's clauses are read with."""

    def __init__(self, rules: Sequence[str] | None, objects: Sequence[str] | None):
        from .extraction.rules import clause_rules, object_rules

        self.rules = _checked(clause_rules, rules)
        self.objects = _checked(object_rules, objects)

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_clause_rules = self.rules
        doc._.kg_object_rules = self.objects
        return doc


class NounPhraseExtraction:
    """The ``kg_noun_phrases`` component: which noun-phrase rules a Doc's facts are read with."""

    def __init__(self, rules: Sequence[str] | None):
        from .extraction.rules import noun_phrase_rules

        self.rules = _checked(noun_phrase_rules, rules)

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_noun_phrase_rules = self.rules
        return doc


@Language.factory("kg_clauses", default_config={"rules": None, "objects": None})
def make_clause_extraction(
    nlp: Language, name: str, rules: list[str] | None, objects: list[str] | None
) -> ClauseExtraction:
    return ClauseExtraction(rules, objects)


@Language.factory("kg_noun_phrases", default_config={"rules": None})
def make_noun_phrase_extraction(nlp: Language, name: str, rules: list[str] | None) -> NounPhraseExtraction:
    return NounPhraseExtraction(rules)


def _clauses(span: Span, sentence: int = 0, offset: int = 0) -> list:
    from .extraction.clauses import clause_extractions

    doc = span.doc
    return clause_extractions(
        span, sentence=sentence, offset=offset, rules=doc._.kg_clause_rules, objects=doc._.kg_object_rules
    )


def _noun_phrase_facts(span: Span, sentence: int = 0, offset: int = 0) -> list:
    from .extraction.nominal import nominal_extractions

    return nominal_extractions(span, sentence=sentence, offset=offset, rules=span.doc._.kg_noun_phrase_rules)


for _name in ("kg_clause_rules", "kg_object_rules", "kg_noun_phrase_rules"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)  # None: every registered rule
if not Span.has_extension("clauses"):
    Span.set_extension("clauses", method=_clauses)
if not Span.has_extension("noun_phrase_facts"):
    Span.set_extension("noun_phrase_facts", method=_noun_phrase_facts)
