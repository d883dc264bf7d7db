"""Replacing a stored graph writes only the triples that change, and leaves exactly the new graph."""

import pyoxigraph as ox
import pytest

from kg.store import GraphStore

G = "https://example.org/g/doc-1"
OTHER = "https://example.org/g/doc-2"


def _nquads(lines: list[str], graph: str = G) -> str:
    return "".join(f"{line[:-2]} <{graph}> .\n" for line in lines)


OLD = [
    '<https://e/a> <https://p/name> "Alpha" .',
    '<https://e/a> <https://p/count> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .',
    '<https://e/a> <https://p/says> "line one\\nline two"@en .',
    "<https://e/s1> <https://p/subject> <https://e/a> .",
]
NEW = [
    '<https://e/a> <https://p/name> "Alpha" .',
    '<https://e/a> <https://p/count> "4"^^<http://www.w3.org/2001/XMLSchema#integer> .',
    '<https://e/a> <https://p/says> "line one\\nline two"@en .',
    "<https://e/s1> <https://p/subject> <https://e/b> .",
    "<https://e/s2> <https://p/subject> <https://e/a> .",
]


def _triples(store: GraphStore, graph: str) -> set:
    """The graph's triples, each blank node written ``_:b`` (their labels differ from load to load)."""
    quads = store.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    return {str(q.triple if not _blank(q) else "_:b " + str(q.predicate) + " " + str(q.object)) for q in quads}


def _blank(quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode)


def _fresh(nquads: str) -> set:
    store = GraphStore(None, kind="oxigraph")
    store.load_nquads(nquads)
    return _triples(store, G)


@pytest.mark.parametrize(
    "new",
    [NEW, OLD, NEW[:1], ['_:b1 <https://p/name> "blank" .'], ['<https://e/a> <https://p/name> "Alpha"@en .']],
    ids=["changed", "unchanged", "shrunk", "blank-node", "literal-language"],
)
def test_replacing_leaves_exactly_the_new_graph(tmp_path, new):
    store = GraphStore(tmp_path / "store", kind="oxigraph")
    store.replace_graphs([(G, _nquads(OLD)), (OTHER, _nquads(OLD, OTHER))])
    store.replace_graphs([(G, _nquads(new))])
    assert _triples(store, G) == _fresh(_nquads(new))
    assert _triples(store, OTHER) == _fresh(_nquads(OLD))  # another graph is left alone
    store.close()


def test_a_change_names_only_the_triples_that_differ(tmp_path):
    store = GraphStore(tmp_path / "store", kind="oxigraph")
    store.replace_graphs([(G, _nquads(OLD))])
    operation = store._change_operation(G, _nquads(NEW))
    assert operation.count("DATA") == 2 and "Alpha" not in operation and "line one" not in operation
    assert store._change_operation(G, _nquads(OLD)) == ""
    store.close()


def test_an_emptied_graph_is_dropped(tmp_path):
    store = GraphStore(tmp_path / "store", kind="oxigraph")
    store.replace_graphs([(G, _nquads(OLD))])
    store.replace_graphs([(G, "")])
    assert G not in store.graphs()
    store.close()


def test_a_closed_store_is_released_even_if_the_collector_froze_it(tmp_path):
    """The place tables finish loading on a thread during a build and freeze what is alive (kg.heap.settle),
    the open store among it: closing must still release its directory for the next build in this process."""
    from kg.heap import settle

    store = GraphStore(tmp_path / "store", kind="oxigraph")
    store.load_nquads('<http://a> <http://b> "c" <http://g> .\n')
    settle(collect=False)
    store.close()
    again = GraphStore(tmp_path / "store", kind="oxigraph")  # "lock hold by current process" before
    assert len(again.graphs()) == 1
    again.close()
