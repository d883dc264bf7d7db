"""Incremental builds: unchanged documents are no-ops, changed ones replace their graph,
and the result always equals a clean build of the same input."""

from __future__ import annotations

import kg


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
