"""Reopening an Oxigraph store mid-build (to free RocksDB's caches) keeps every graph and the store writable."""

import pyoxigraph as ox

from kg.store import GraphStore

P = "https://example.org/p/generated"


def _quads(graph: str, count: int) -> str:
    return "".join(f"<https://e/{graph}/{n}> <{P}> <https://e/doc/{n}> <https://g/{graph}> .\n" for n in range(count))


def test_reopen_keeps_the_graphs_and_the_store_writable(tmp_path):
    store = GraphStore(tmp_path / "store")
    store.load_nquads(_quads("a", 50))
    store.reopen()
    store.load_nquads(_quads("b", 20))
    store.reopen()
    assert store.count() == 70
    assert store.graphs() == ["https://g/a", "https://g/b"]
    assert len(store.dataset) == 70  # rdflib's view sees the reopened store
    store.close()
    # The lock went with the last instance: the directory opens again.
    assert len(ox.Store.read_only(str(tmp_path / "store"))) == 70


def test_reopen_of_a_store_in_memory_changes_nothing():
    store = GraphStore()
    store.load_nquads(_quads("a", 3))
    store.reopen()
    assert store.count() == 3


def test_graphs_using_names_only_the_graphs_with_the_predicate(tmp_path):
    store = GraphStore(tmp_path / "store")
    store.load_nquads(
        _quads("a", 5) + _quads("b", 2) + "<https://e/x> <https://example.org/p/other> <https://e/y> <https://g/c> .\n"
    )
    assert store.graphs_using(P) == {"https://g/a", "https://g/b"}
    assert store.graphs_using("https://example.org/p/none") == set()
    store.close()
