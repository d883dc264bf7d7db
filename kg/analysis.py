"""Per-document work: a parsed document → a compact :class:`~kg.records.DocumentResult`.

This is a pure function of the document, its parse and the settings, so it
can run in any process or on any worker; nothing here looks at other documents.
"""

from __future__ import annotations

from bisect import bisect_right

from .entities.debris import dateline_end
from .entities.normalize import PERSON_TITLES
from .extraction import cycle_collection_paused, extract_sentence
from .extraction.tree import layout
from .limits import check_time
from .ontology import class_for_label
from .records import Document, DocumentResult, Mention, Sentence


def analyze_document(document: Document, chunks: list[tuple[int, object]]) -> DocumentResult:
    """Sentences, entity mentions and extractions of one document from its parsed chunks.

    ``chunks`` are ``(offset, spacy.tokens.Doc)`` pairs as :func:`kg.parsing.parse_documents` yields.
    """
    analysis = DocumentAnalysis(document)
    for offset, doc in chunks:
        analysis.add(offset, doc)
    return analysis.result


class DocumentAnalysis:
    """One document's result, built chunk by chunk, so a long document's parses need not be held together.

    :meth:`take` hands over what the chunks added so far (a *part* of the result) and starts an
    empty one, so a long document's result need not be held together either: sentence indices
    go on counting from the part before.
    """

    def __init__(self, document: Document):
        self.document = document
        self.result = DocumentResult(document=document)
        #: Sentences of the parts already taken: the first index of the current part.
        self.sentences_before = 0
        #: Words of the whole document so far, taken parts included.
        self.words = 0

    def add(self, offset: int, doc) -> None:
        """Add the sentences, mentions and extractions of the chunk parsed as ``doc``, at ``offset``."""
        before = self.result.words
        with cycle_collection_paused():
            _analyze_chunk(self.result, offset, doc, self.sentences_before)
        self.words += self.result.words - before

    def take(self) -> DocumentResult:
        """The part of the result added since the last :meth:`take`; the analysis goes on with an empty one."""
        part = self.result
        self.sentences_before += len(part.sentences)
        self.result = DocumentResult(document=self.document)
        return part


def _analyze_chunk(result: DocumentResult, offset: int, doc, first_index: int = 0) -> None:
    labels = class_for_label()
    # Texts are read from the document, not the parse: the parser may have seen
    # a defused copy (:func:`kg.parsing.break_long_runs`) with the same offsets.
    full = result.document.text
    # Texts, offsets and word flags come from the doc's tables (tree.layout), read
    # once: Span.text, start_char and iteration build a Token per token each time.
    table = layout(doc)
    starts, ends, words = table.starts, table.ends, table.words
    sentence_of: dict[int, int] = {}
    sent_starts: list[int] = []
    for sent in doc.sents:
        first, end = sent.start, sent.end
        sent_starts.append(first)
        check_time()
        raw = full[starts[first] + offset : ends[end - 1] + offset]  # sent.text
        text = raw.strip()
        if not any(ch.isalnum() for ch in text):
            continue  # a lone bullet or quotation mark the segmenter split off is no sentence
        index = first_index + len(result.sentences)
        start = starts[first] + offset + (len(raw) - len(raw.lstrip()))
        result.sentences.append(Sentence(index, start, start + len(text), text))
        sentence_of[first] = index
        if dateline_end(text) < len(text):  # a dateline alone ("KHAN YOUNIS, GAZA —") states nothing
            result.extractions.extend(extract_sentence(sent, sentence=index, offset=offset))
        result.words += sum(words[first:end])
    sent_starts_set = set(sent_starts)
    for ent, (ent_start, _, start_char, end_char) in zip(table.ent_spans, table.ents, strict=True):
        # ent.sent.start: the start of the sentence holding the entity's first token.
        sentence = sentence_of.get(sent_starts[bisect_right(sent_starts, ent_start) - 1])
        if sentence is None:
            continue
        label = ent.label_
        if label == "PERSON" and ent_start in sent_starts_set and all(token.tag_ == "NNS" for token in ent):
            # "Wildfires are raging": a plural common noun, capitalized only as the sentence's first
            # word, the NER took for a name; inside a sentence the capital says it is one ("the Sixers").
            continue
        if label != "PERSON" and len(ent) == 1 and ent[0].lower_ in PERSON_TITLES:
            # "Superintendent (Ag.) Mr Sean Dhillpaul": a title on its own the NER took for an
            # organisation; the person it names is the name after it.
            continue
        result.mentions.append(
            Mention(
                text=full[start_char + offset : end_char + offset],
                start=start_char + offset,
                end=end_char + offset,
                label=label,
                sentence=sentence,
                entity_type=labels.get(label, "Other"),
                known=ent.ent_id_ or None,
            )
        )
