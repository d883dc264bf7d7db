"""Incremental builds: unchanged documents are no-ops, changed ones replace their graph,
and the result always equals a clean build of the same input."""

from __future__ import annotations

import sys

import pyoxigraph as ox
import pytest

import kg
from kg.settings import Settings


def nquads(out) -> list[str]:
    with kg.open(out) as graph:
        return sorted(graph.serialize("nq").decode("utf-8").splitlines())


def test_rebuild_is_idempotent_and_changes_replace(corpus_copy, tmp_path):
    out = tmp_path / "out"
    kg.build([corpus_copy], out).close()
    first = nquads(out)

    again = kg.build([corpus_copy], out)
    assert (again.report.documents_parsed, again.report.documents_unchanged) == (0, 5)
    again.close()
    assert nquads(out) == first

    changed = corpus_copy / "004_dfa5799bdc69112f.txt"
    changed.write_text(changed.read_text() + "\n\nThe Qatari foreign minister hosted the delegation in Doha.\n")
    third = kg.build([corpus_copy], out)
    assert (third.report.documents_parsed, third.report.documents_unchanged) == (1, 4)
    third.close()
    incremental = nquads(out)
    assert incremental != first
    assert any("Qatari foreign minister" in line for line in incremental)

    clean = tmp_path / "clean"
    kg.build([corpus_copy], clean).close()
    assert incremental == nquads(clean)


def test_remove_drops_the_graph_and_orphaned_entities(cli, corpus_copy, tmp_path):
    out = tmp_path / "out"
    kg.build([corpus_copy], out).close()
    with kg.open(out) as graph:
        before = {str(r[0]) for r in graph.query("SELECT ?e WHERE { ?e kg:mentionCount ?n }")}
    removed = "002_3cfa68ac202fd59f.txt"
    result = cli("remove", out, removed)
    assert result.exit_code == 0, result.output
    with kg.open(out) as graph:
        graphs = {str(r[0]) for r in graph.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a schema:NewsArticle } }")}
        after = {str(r[0]) for r in graph.query("SELECT ?e WHERE { ?e kg:mentionCount ?n }")}
        orphans = list(
            graph.query("SELECT ?e WHERE { ?e kg:mentionCount ?n FILTER NOT EXISTS { ?e kg:mentionedIn ?d } }")
        )
    assert len(graphs) == 4 and not any(g.endswith(removed) for g in graphs)
    assert after < before and orphans == []
    (corpus_copy / removed).unlink()
    clean = tmp_path / "clean"
    kg.build([corpus_copy], clean).close()
    assert nquads(out) == nquads(clean)
    missing = cli("remove", out, "no-such-document.txt")
    assert missing.exit_code == 1 and "no document" in missing.stderr


def _quads(graph) -> list[str]:
    """A graph's quads, written the same way whichever store serialized them."""
    return sorted(str(q) for q in ox.parse(graph.serialize("nq"), format=ox.RdfFormat.N_QUADS))


def _surname_corpus(tmp_path):
    """Two documents where b's early graph (resolved alone) differs from its final one."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Maria Gonzalez met Taliban officials in Doha on Saturday.\n")
    # Alone, "Gonzalez" is its own person; across the corpus, Maria Gonzalez.
    (corpus / "b.txt").write_text("Gonzalez said the talks with the Taliban were candid.\n")
    return corpus


def test_early_graphs_never_show_in_the_result(tmp_path):
    """Oxigraph builds store early graphs while parsing; rdflib's memory store gets only final ones."""
    corpus = _surname_corpus(tmp_path)
    with kg.build([corpus], settings=Settings(store="memory")) as late:
        expected = _quads(late)
    with kg.build([corpus]) as early:
        assert _quads(early) == expected
    out, shards = tmp_path / "out", tmp_path / "shards"
    with kg.build([corpus], out, shards=shards) as persistent:
        assert _quads(persistent) == expected
        assert persistent.report.documents_replayed == 1  # a.txt; b.txt was resolved again
    # graph.trig and the shards leave b's early graph out.
    assert sorted(str(q) for q in ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)) == expected
    sharded = [str(q) for f in sorted(shards.glob("*.nq")) for q in ox.parse(path=str(f), format=ox.RdfFormat.N_QUADS)]
    assert sorted(sharded) == expected
    assert not list(out.glob("*.tmp")) and not list(shards.glob("*.tmp"))
    assert not any("/person/gonzalez>" in line for line in expected)


def test_early_graphs_of_a_failed_build_are_rewritten(tmp_path, monkeypatch):
    """Graphs written early (each document resolved alone) and left by a failed build are
    rewritten by the next one, even where the saved state says the store is already right."""
    build_module = sys.modules["kg.build"]
    corpus = _surname_corpus(tmp_path)
    out = tmp_path / "out"
    kg.build([corpus], out).close()
    reference = nquads(out)
    assert any("maria-gonzalez" in line and "/doc/b.txt" in line for line in reference)

    def crash(*args, **kwargs):
        raise RuntimeError("killed before the cross-document pass")

    with monkeypatch.context() as patch:
        patch.setattr(
            sys.modules["kg.graph_writer"].GraphWriter, "BATCH_DOCS", 1
        )  # early graphs reach the store at once
        patch.setattr(build_module, "Resolver", crash)
        with pytest.raises(RuntimeError):
            kg.build([corpus], out, resume=False)
    # Only b was written: a's early graph is the one the state records.
    assert (out / "writing.log").read_text().splitlines() == ['"b.txt"']
    assert nquads(out) != reference  # b's early graph, with a "Gonzalez" of its own

    again = kg.build([corpus], out)
    assert again.report.documents_parsed == 0
    again.close()
    assert nquads(out) == reference
    assert not (out / "writing.log").exists()


def _short_form_corpus(tmp_path, *, contradict: bool = False):
    """b uses a short form that a (read before it) defines; c, with ``contradict``, defines it otherwise."""
    corpus = tmp_path / "acronyms"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The National Transportation Safety Board (NTSB) opened an inquiry on Monday.\n")
    (corpus / "b.txt").write_text("The NTSB said the pilot had reported no problems.\n")
    if contradict:
        (corpus / "c.txt").write_text("The National Tennis Selection Board (NTSB) named its team on Friday.\n")
    return corpus


def _replayed_with_the_same_quads(corpus, out) -> tuple[int, list[str]]:
    """Build ``corpus`` into ``out`` (early graphs) and in memory (final ones only): they must agree.
    Returns how many documents kept their early graph, and the quads."""
    with kg.build([corpus], settings=Settings(store="memory")) as late:
        expected = _quads(late)
    with kg.build([corpus], out) as early:
        assert _quads(early) == expected
        return early.report.documents_replayed, expected


def test_a_short_form_an_earlier_document_defines_keeps_the_early_graph(tmp_path):
    """The per-document pass resolves b with a's definition, so b's early graph is its final one."""
    replayed, quads = _replayed_with_the_same_quads(_short_form_corpus(tmp_path), tmp_path / "out")
    assert replayed == 2
    assert any("national-transportation-safety-board" in q and "/doc/b.txt" in q for q in quads)


def test_a_short_form_defined_two_ways_is_resolved_again(tmp_path):
    """A later document gives the short form another meaning: b's early answer no longer holds."""
    replayed, quads = _replayed_with_the_same_quads(_short_form_corpus(tmp_path, contradict=True), tmp_path / "out")
    assert replayed == 2  # a and c; b was resolved again
    assert not any("national-transportation-safety-board" in q and "/doc/b.txt" in q for q in quads)
