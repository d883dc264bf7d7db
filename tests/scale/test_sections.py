"""A long document is parsed and analysed in sections; its graph is the one it has as a single section."""

from __future__ import annotations

import kg
from kg.parsing import chunk_text

from .conftest import ROOT


def _nquads(graph) -> set[str]:
    return {line for line in graph.store.dataset.serialize(format="nquads").splitlines() if line}


def test_a_document_in_sections_gives_the_graph_of_one_section(tmp_path):
    """The sample corpus as one document, in six sections of ≤3,000 characters or in one: the same quads,
    so sentences, offsets, entity merges and coreference across sections all hold."""
    text = "\n\n".join(p.read_text() for p in sorted((ROOT / "corpus").glob("*.txt")))
    assert len(chunk_text(text, 3_000)) >= 5
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text(text)
    whole = kg.build([folder], settings=kg.Settings(store="memory", write_html=False))
    sectioned = kg.build([folder], settings=kg.Settings(store="memory", write_html=False, section_chars=3_000))
    assert whole.report.statements > 100
    assert _nquads(sectioned) == _nquads(whole)


def test_progress_moves_inside_a_long_document(tmp_path):
    """The progress callback hears of each section of a long document, then of the document once."""
    text = "\n\n".join(p.read_text() for p in sorted((ROOT / "corpus").glob("*.txt")))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "long.txt").write_text(text)
    (folder / "short.txt").write_text("The council approved the budget on Tuesday.")
    events: list[tuple[str, int]] = []
    graph = kg.build(
        [folder],
        settings=kg.Settings(store="memory", write_html=False, section_chars=3_000),
        progress=lambda kind, words: events.append((kind, words)),
    )
    kinds = [kind for kind, _ in events]
    assert kinds.count("document") == 2
    assert kinds.count("section") >= 4
    assert kinds.index("document") > kinds.index("section")  # sections come before their document
    assert sum(words for _, words in events) == graph.report.words
