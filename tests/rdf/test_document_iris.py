"""Document IRIs: one per id, never another node's IRI, never outside doc/, readable for file names."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from kg.rdf.iris import document_iri, sentence_iri, statement_iri

BASE = "https://example.org/kg/"
IDS = ["a.txt", "news/a.txt", "news%2Fa.txt", "news/a.txt/statement/0-0", "a.txt/statement/0-0", ".", "..",
       "...", "../../etc/passwd", "./a.txt", "a b", "a%20b", "a#char=0,5", "a?x=1", "ü.txt", "u\u0308.txt"]  # fmt: skip


def test_ordinary_file_ids_read_as_they_are():
    assert document_iri(BASE, "a.txt") == BASE + "doc/a.txt"
    assert document_iri(BASE, "001_bf153b1adad51d68.txt") == BASE + "doc/001_bf153b1adad51d68.txt"


def test_distinct_ids_give_distinct_iris_and_no_other_node():
    documents = {document_iri(BASE, i) for i in IDS}
    assert len(documents) == len(IDS)
    # Nothing minted under one document is another document.
    minted = {statement_iri(d, 0, 0) for d in documents} | {sentence_iri(d, 0, 5) for d in documents}
    assert not documents & minted


@pytest.mark.parametrize("doc_id", IDS)
def test_no_id_leaves_doc(doc_id):
    iri = document_iri(BASE, doc_id)
    segment = iri.removeprefix(BASE + "doc/")
    assert "/" not in segment and segment not in (".", "..")
    assert urljoin(iri, ".") == BASE + "doc/"  # resolving against it stays in doc/
