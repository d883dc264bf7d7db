"""Extraction: spaCy parse → clause-level :class:`~kg.records.Extraction` records.

Modules: :mod:`.phrases` (argument spans), :mod:`.clauses` (one extraction per
predicate), :mod:`.speech` (attribution), :mod:`.nominal` (noun-phrase facts),
:mod:`.confidence` (graded confidence), :mod:`.rules` (the registries of the clause,
object and noun-phrase rules; :mod:`kg.components` names the ones a pipeline runs).
"""

from __future__ import annotations

from spacy.tokens import Span

from .. import components  # noqa: F401  (registers the Span extensions clauses and noun_phrase_facts)
from ..heap import cycle_collection_paused
from ..records import Extraction
from .clauses import REPORTING_VERBS, clause_extractions
from .confidence import entity_spans, score
from .nominal import nominal_extractions
from .speech import attribution

__all__ = [
    "clause_extractions",
    "cycle_collection_paused",
    "extract_doc",
    "extract_sentence",
    "nominal_extractions",
]


def extract_sentence(sent: Span, *, sentence: int, offset: int = 0) -> list[Extraction]:
    """All extractions of one parsed sentence: clause-level, then noun-phrase facts.

    ``offset`` shifts character offsets from the spaCy ``Doc`` into the document text.
    """
    extractions = []
    entities = entity_spans(sent)
    # Read with the rules the pipeline's kg_clauses and kg_noun_phrases components name (kg.components).
    for extraction, verb in sent._.clauses(sentence=sentence, offset=offset):
        extraction.attribution = attribution(verb, offset)
        extraction.confidence = score(extraction, verb, sent, offset, entities)
        extractions.append(extraction)
    if any(e.attribution is not None for e in extractions):
        # "Any small hospital, he said, would need these supplies": the speaker is the attribution of
        # what was said; "he — said —" with nothing said is no statement of its own.
        extractions = [e for e in extractions if not _bare_report(e)]
    facts = sent._.noun_phrase_facts(sentence=sentence, offset=offset)
    for extraction in facts:
        extraction.confidence = score(extraction, None, sent, offset, entities)
        extractions.append(extraction)
    return extractions


def _bare_report(extraction: Extraction) -> bool:
    """A reporting verb with its speaker alone: nothing said, nothing qualifying it."""
    return extraction.predicate in REPORTING_VERBS and extraction.subject is not None and not extraction.arguments


def extract_doc(doc, *, offset: int = 0, first_sentence: int = 0) -> list[Extraction]:
    """Extractions of every sentence of a parsed spaCy ``Doc``.

    ``offset`` is the character offset of ``doc`` in the document text (long
    documents are parsed in chunks); ``first_sentence`` the index of its first sentence.
    """
    extractions = []
    with cycle_collection_paused():
        for number, sent in enumerate(doc.sents, first_sentence):
            extractions.extend(extract_sentence(sent, sentence=number, offset=offset))
    return extractions
