"""Extraction: spaCy parse → clause-level :class:`~kg.records.Extraction` records.

Modules: :mod:`.phrases` (argument spans), :mod:`.clauses` (one extraction per
predicate), :mod:`.speech` (attribution), :mod:`.nominal` (noun-phrase facts),
:mod:`.confidence` (graded confidence).
"""

from __future__ import annotations

from spacy.tokens import Span

from ..records import Extraction
from .clauses import clause_extractions
from .confidence import entity_spans, score
from .nominal import nominal_extractions
from .speech import attribution

__all__ = ["clause_extractions", "extract_doc", "extract_sentence", "nominal_extractions"]


def extract_sentence(sent: Span, *, sentence: int, offset: int = 0) -> list[Extraction]:
    """All extractions of one parsed sentence: clause-level, then noun-phrase facts.

    ``offset`` shifts character offsets from the spaCy ``Doc`` into the document text.
    """
    extractions = []
    entities = entity_spans(sent)
    for extraction, verb in clause_extractions(sent, sentence=sentence, offset=offset):
        extraction.attribution = attribution(verb, offset)
        extraction.confidence = score(extraction, verb, sent, offset, entities)
        extractions.append(extraction)
    for extraction in nominal_extractions(sent, sentence=sentence, offset=offset):
        extraction.confidence = score(extraction, None, sent, offset, entities)
        extractions.append(extraction)
    return extractions


def extract_doc(doc, *, offset: int = 0, first_sentence: int = 0) -> list[Extraction]:
    """Extractions of every sentence of a parsed spaCy ``Doc``.

    ``offset`` is the character offset of ``doc`` in the document text (long
    documents are parsed in chunks); ``first_sentence`` the index of its first sentence.
    """
    extractions = []
    for number, sent in enumerate(doc.sents, first_sentence):
        extractions.extend(extract_sentence(sent, sentence=number, offset=offset))
    return extractions
