"""Another extractor is a registration: it produces the same records, and the build stores its facts."""

from __future__ import annotations

import re

import pytest

import kg
from kg.errors import KGError
from kg.extractors import Extractor, register_extractor
from kg.records import Argument, DocumentResult, Extraction, Mention, Sentence


@register_extractor("test-pattern")
class PatternExtractor(Extractor):
    """A toy extractor without spaCy: 'A met B.' sentences, with A and B as organisations."""

    PATTERN = re.compile(r"(?P<a>[A-Z]\w+) met (?P<b>[A-Z]\w+)\.")

    def extract(self, documents):
        for document in documents:
            if "explode" in document.text:
                yield document, ValueError("the endpoint refused this document")
                continue
            yield document, lambda document=document: self.result(document)

    def result(self, document):
        result = DocumentResult(document=document)
        for match in self.PATTERN.finditer(document.text):
            index = len(result.sentences)
            result.sentences.append(Sentence(index, match.start(), match.end(), match.group()))
            a = Argument(match["a"], match.start("a"), match.end("a"), role="subject")
            b = Argument(match["b"], match.start("b"), match.end("b"), role="object")
            for arg in (a, b):
                result.mentions.append(Mention(arg.text, arg.start, arg.end, "ORG", index, "Organization"))
            result.extractions.append(Extraction(index, "met", "meet", a, [b], confidence=0.9))
            result.words += 3
        return result


def test_a_registered_extractor_feeds_the_graph(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Acme met Globex. Nothing else happened here")
    (folder / "b.txt").write_text("This one will explode.")
    graph = kg.build([folder], settings=kg.Settings(extractor="test-pattern"))
    rows = {(str(r[0]), str(r[1])) for r in graph.query(
        "SELECT ?a ?b WHERE { ?s rel:meet ?o . ?s rdfs:label ?a . ?o rdfs:label ?b }")}  # fmt: skip
    assert rows == {("Acme", "Globex")}
    [skip] = graph.report.skipped
    assert skip["source"].endswith("b.txt") and "endpoint refused" in skip["reason"]


def test_an_unknown_extractor_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text("Acme met Globex.")
    with pytest.raises(KGError, match=r"unknown extractor 'llm'.*spacy"):
        kg.build([tmp_path], settings=kg.Settings(extractor="llm"))
