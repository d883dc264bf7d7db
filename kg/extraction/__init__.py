"""Extraction: spaCy parse → clause-level :class:`~kg.records.Extraction` records."""

from __future__ import annotations

from .clauses import extract_sentence

__all__ = ["extract_doc", "extract_sentence"]


def extract_doc(doc, *, offset: int = 0, first_sentence: int = 0) -> list:
    """Extractions of every sentence of a parsed spaCy ``Doc``.

    ``offset`` is the character offset of ``doc`` in the document text (long
    documents are parsed in chunks); ``first_sentence`` the index of its first sentence.
    """
    extractions = []
    for number, sent in enumerate(doc.sents, first_sentence):
        extractions.extend(extract_sentence(sent, sentence=number, offset=offset))
    return extractions
