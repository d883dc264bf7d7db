"""Per-document work: a parsed document → a compact :class:`~kg.records.DocumentResult`.

This is a pure function of the document, its parse and the settings, so it
can run in any process or on any worker; nothing here looks at other documents.
"""

from __future__ import annotations

from .extraction import extract_sentence
from .ontology import class_for_label
from .records import Document, DocumentResult, Mention, Sentence


def analyze_document(document: Document, chunks: list[tuple[int, object]]) -> DocumentResult:
    """Sentences, entity mentions and extractions of one document from its parsed chunks.

    ``chunks`` are ``(offset, spacy.tokens.Doc)`` pairs as :func:`kg.parsing.parse_documents` yields.
    """
    labels = class_for_label()
    result = DocumentResult(document=document)
    for offset, doc in chunks:
        sentence_of: dict[int, int] = {}
        for sent in doc.sents:
            text = sent.text.strip()
            if not text:
                continue
            index = len(result.sentences)
            start = sent.start_char + offset + (len(sent.text) - len(sent.text.lstrip()))
            result.sentences.append(Sentence(index, start, start + len(text), text))
            sentence_of[sent.start] = index
            result.extractions.extend(extract_sentence(sent, sentence=index, offset=offset))
            result.words += sum(1 for t in sent if not (t.is_space or t.is_punct))
        for ent in doc.ents:
            sentence = sentence_of.get(ent.sent.start)
            if sentence is None:
                continue
            result.mentions.append(
                Mention(
                    text=ent.text,
                    start=ent.start_char + offset,
                    end=ent.end_char + offset,
                    label=ent.label_,
                    sentence=sentence,
                    entity_type=labels.get(ent.label_, "Other"),
                    known=ent.ent_id_ or None,
                )
            )
    return result
