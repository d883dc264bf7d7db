import networkx as nx
import pytest

from kg.view import (
    cap_nodes,
    filter_confidence,
    filter_types,
    find_entities,
    neighbourhood,
    pagerank,
    restrict_to_triples,
)
from kg.view.filters import _pagerank_power
from kg.view.synthetic import synthetic_graph
from tests.view.graphs import E, P, S, small_graph


def test_neighbourhood_by_label_alias_and_iri():
    g = small_graph()
    one = neighbourhood(g, "antony blinken", 1)
    assert set(one) == {E + "blinken", E + "taliban", E + "summit"}
    assert one.number_of_edges() == 4  # three Blinken→Taliban statements and the summit
    assert set(neighbourhood(g, "Blinken", 2)) == {E + k for k in ("blinken", "taliban", "summit", "kabul", "doha")}
    assert set(neighbourhood(g, E + "nato", 0)) == {E + "nato"}
    # direction is ignored: Kabul is only ever an object
    assert set(neighbourhood(g, "Kabul", 1)) == {E + "kabul", E + "taliban", E + "nato"}
    with pytest.raises(KeyError):
        neighbourhood(g, "Nobody", 1)


def test_find_entities_prefers_label_over_alias():
    g = small_graph()
    g.add_node(E + "other", label="Blinken", type="Other", aliases=[])
    assert find_entities(g, "blinken") == [E + "other"]
    assert find_entities(g, "the taliban") == [E + "taliban"]


def test_filters_do_not_change_the_input():
    g = small_graph()
    before = nx.node_link_data(g, edges="edges")
    h = filter_types(g, ["Person"])
    h.nodes[E + "blinken"]["aliases"].append("changed")
    filter_confidence(g, 0.5)
    cap_nodes(g, 2)
    assert nx.node_link_data(g, edges="edges") == before


def test_filter_types_keeps_edges_among_kept_nodes():
    g = small_graph()
    h = filter_types(g, {"Person", "Organization"})
    assert set(h) == {E + "blinken", E + "taliban", E + "nato"}
    assert sorted(k for *_, k in h.edges(keys=True)) == [S + "1", S + "2", S + "3"]


def test_filter_confidence_keeps_nodes_drops_weak_edges():
    g = small_graph()
    h = filter_confidence(g, 0.7)
    assert h.number_of_nodes() == 6
    assert sorted(k for *_, k in h.edges(keys=True)) == [S + n for n in ("1", "3", "4", "6")]
    assert filter_confidence(g, 0.0).number_of_edges() == 7


def test_restrict_to_triples():
    g = small_graph()
    h = restrict_to_triples(
        g,
        [
            (E + "blinken", P + "meet", E + "taliban"),
            (E + "doha", "rdf:type", "kg:Place"),
        ],
    )
    assert set(h) == {E + "blinken", E + "taliban", E + "doha"}
    assert sorted(k for *_, k in h.edges(keys=True)) == [S + "1", S + "2", S + "3"]
    assert h.nodes[E + "blinken"]["label"] == "Antony Blinken"
    # reified: the statement IRI as a subject
    h = restrict_to_triples(g, [(S + "5", "kg:subject", E + "nato")])
    assert list(h.edges(keys=True)) == [(E + "nato", E + "kabul", S + "5")]
    assert restrict_to_triples(g, []).number_of_nodes() == 0


def test_cap_nodes_by_degree_and_pagerank():
    g = small_graph()
    capped, total = cap_nodes(g, 2, by="degree")
    assert total == 6
    assert set(capped) == {E + "blinken", E + "taliban"}
    capped, total = cap_nodes(g, 3, by="pagerank")
    assert total == 6 and capped.number_of_nodes() == 3
    assert E + "blinken" in capped and E + "taliban" in capped
    assert cap_nodes(g, None)[0].number_of_nodes() == 6
    assert cap_nodes(g, 100)[0].number_of_edges() == 7
    with pytest.raises(ValueError):
        cap_nodes(g, 2, by="betweenness")


def test_cap_is_deterministic_and_keeps_hubs():
    g = synthetic_graph(300, seed=4)
    a, total = cap_nodes(g, 50)
    b, _ = cap_nodes(nx.MultiDiGraph(list(reversed(list(g.edges(keys=True, data=True))))), 50)
    assert total == 300 and set(a) == set(b)
    degree = dict(g.degree())
    hub = max(degree, key=degree.get)
    assert hub in a


def test_pagerank_fallback_matches_networkx_definition():
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    g = synthetic_graph(120, seed=2)
    ours = pagerank(g)
    undirected = nx.Graph()
    undirected.add_nodes_from(g)
    for u, v in g.edges():
        if u != v:
            w = undirected.get_edge_data(u, v, {"weight": 0})["weight"]
            undirected.add_edge(u, v, weight=w + 1)
    reference = _pagerank_python(undirected, weight="weight", tol=1e-10)
    assert max(abs(ours[n] - reference[n]) for n in g) < 1e-4
    assert _pagerank_power(nx.Graph()) == {}
