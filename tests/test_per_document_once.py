"""The per-document work prepares a document's mentions once, for its facts and its resolution:
its early graph is the one the two steps made each on their own (as the corpus pass still does)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kg.analysis import analyze_document
from kg.distributed import Processed
from kg.entities.resolve import DocumentFacts, Resolver
from kg.parsing import load_pipeline, parse_documents
from kg.rdf.mapping import map_document
from kg.records import Document
from kg.settings import Settings

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def results() -> list:
    """Each sample document analysed twice (resolution changes a result in place: one copy per path)."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    documents = [Document(f"doc-{n}", t, hashlib.sha256(t.encode()).hexdigest()) for n, t in enumerate(texts)]
    parsed = list(parse_documents(load_pipeline(), documents))
    return [(analyze_document(d, chunks), analyze_document(d, chunks)) for d, chunks in parsed]


def test_mentions_prepared_once_map_the_same_graph(results: list) -> None:
    settings = Settings()
    assert len(results) == 5
    for once, apart in results:
        processed = Processed.of(once, settings, map_early=True)
        facts = DocumentFacts.of(apart)  # prepares the mentions itself
        resolver = Resolver({apart.document.id: facts}, settings.gazetteers, record=True)
        resolver.resolve(apart)  # and again here
        mapped = map_document(apart, resolver.finish(), settings.base)
        assert processed.facts == facts.to_list()
        assert processed.nquads == mapped.nquads
        assert processed.log["ops"] == resolver.last_log["ops"]
        assert processed.nquads.count("\n") > 100  # a real graph, not two empty ones
