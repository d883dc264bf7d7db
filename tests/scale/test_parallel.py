"""Multi-process builds give the same graph as one process; inputs at scale (gzip JSONL, --limit, shards)."""

from __future__ import annotations

import json

import pyoxigraph as ox

from kg.build import build

from .conftest import kg_cli, quads


def test_workers_2_same_triples_as_1(corpus, reference, tmp_path):
    out = tmp_path / "out"
    done = kg_cli("build", str(corpus), "-o", str(out), "--workers", "2", "--shards", str(tmp_path / "shards"))
    assert "triples" in done.stdout + done.stderr
    assert quads(out / "store") == reference
    report = json.loads((out / "report.json").read_text())
    assert report["documents"] == 10 and report["documents_parsed"] == 10
    # The shards hold exactly the store's quads, for a remote bulk loader.
    loaded = ox.Store()
    for shard in sorted((tmp_path / "shards").glob("*.nq")):
        loaded.load(path=str(shard), format=ox.RdfFormat.N_QUADS)
    assert sorted(str(q) for q in loaded) == reference


def test_rerun_reuses_results_and_limit(corpus, reference, tmp_path):
    out = tmp_path / "out"
    graph = build([corpus], out, limit=4)
    assert graph.report.documents == 4
    graph.close()
    graph = build([corpus], out)
    assert (graph.report.documents_unchanged, graph.report.documents_parsed) == (4, 6)
    graph.close()
    assert quads(out / "store") == reference


def test_low_memory_build_gives_the_same_triples(corpus, reference, tmp_path):
    """``--low-memory`` changes how memory is allocated (in its own process here), never the graph."""
    out = tmp_path / "out"
    kg_cli("build", str(corpus), "-o", str(out), "--low-memory", "--workers", "2")
    assert quads(out / "store") == reference


def test_store_reopened_after_every_batch_gives_the_same_triples(corpus, reference, tmp_path, monkeypatch):
    """The writer reopens the store now and then to free RocksDB's caches: done after every batch
    (flushed each time), the store holds the same quads, and a rerun into it reuses everything."""
    from kg.graph_writer import GraphWriter
    from kg.store import OxigraphGraphStore

    reopened = []
    real = OxigraphGraphStore.reopen
    monkeypatch.setattr(OxigraphGraphStore, "reopen", lambda self: (reopened.append(1), real(self))[1])
    monkeypatch.setattr(GraphWriter, "BATCH_DOCS", 2)
    monkeypatch.setattr(GraphWriter, "FLUSH_CHARS", 1)
    monkeypatch.setattr(GraphWriter, "REOPEN_CHARS", 1)
    out = tmp_path / "out"
    build([corpus], out).close()
    assert len(reopened) >= 5
    assert quads(out / "store") == reference
    graph = build([corpus], out)
    assert graph.report.documents_unchanged == 10
    graph.close()
    assert quads(out / "store") == reference
