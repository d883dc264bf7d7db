"""The view caps drawn relations as well as entities, keeps the best supported ones, and says so."""

from __future__ import annotations

import re
from collections import defaultdict

import networkx as nx

from kg.view import build_network, render_html
from kg.view.render import DEFAULT_MAX_EDGES
from kg.view.synthetic import synthetic_graph


def dense_graph() -> nx.MultiDiGraph:
    """Few entities, many statements: what 200,000 tiny documents about the same people give."""
    return synthetic_graph(120, edges_per_entity=60, seed=5)


def support(graph: nx.MultiDiGraph) -> dict[frozenset, tuple[float, int]]:
    """Drawn edge (the pair of entities, either way) → (summed confidence, statements), computed here."""
    groups: dict[frozenset, list[float]] = defaultdict(list)
    for u, v, d in graph.edges(data=True):
        groups[frozenset((u, v))].append(d["confidence"])
    return {key: (round(sum(c), 9), len(c)) for key, c in groups.items()}


#: Every entity, so that the edge cap is what is tested.
ALL = {"max_nodes": None, "cap_by": "pagerank"}


def test_default_cap_bounds_relations_among_the_capped_entities(tmp_path):
    graph = dense_graph()
    total = len(support(graph))
    assert total > DEFAULT_MAX_EDGES  # the node cap alone would draw them all
    summary = render_html(graph, tmp_path / "v.html", **ALL)
    assert summary.nodes_shown == graph.number_of_nodes() == 120
    assert (summary.edges_shown, summary.edges_total) == (DEFAULT_MAX_EDGES, total)
    page = summary.path.read_text(encoding="utf-8")
    assert f"Showing {DEFAULT_MAX_EDGES} of {total} relations" in page
    assert summary.statements_shown < summary.statements_total == graph.number_of_edges()


def test_kept_relations_are_the_best_supported(tmp_path):
    graph = dense_graph()
    scores = support(graph)
    net = build_network(graph, max_edges=200)
    kept = {frozenset((e["from"], e["to"])) for e in net.edges}
    assert len(kept) == 200
    dropped = set(scores) - kept
    assert min(scores[k] for k in kept) >= max(scores[k] for k in dropped)
    # the same graph draws the same edges
    assert [e["label"] for e in build_network(graph, max_edges=200).edges] == [e["label"] for e in net.edges]
    # parallel statements stay merged into one edge, and every entity is still drawn
    assert sum(len(e["kgStatements"]) + e["kgMore"] for e in net.edges) == sum(scores[k][1] for k in kept)
    assert len(net.nodes) == graph.number_of_nodes()


def test_no_cap_and_a_small_graph_say_all_are_shown(tmp_path):
    graph = dense_graph()
    total = len(support(graph))
    summary = render_html(graph, tmp_path / "all.html", max_edges=None, **ALL)
    assert summary.edges_shown == summary.edges_total == total
    small = render_html(synthetic_graph(10, seed=1), tmp_path / "small.html")
    assert small.edges_shown == small.edges_total
    assert "(the best supported" not in small.path.read_text(encoding="utf-8")


def test_view_cli_max_edges(cli, corpus_out, tmp_path):
    out = tmp_path / "v.html"
    result = cli("view", corpus_out, "-o", out, "--max-edges", "5")
    assert result.exit_code == 0
    shown, total = map(int, re.search(r"(\d+) of (\d+) relations", result.stderr).groups())
    assert shown == 5 < total
    assert f"Showing 5 of {total} relations" in out.read_text(encoding="utf-8")
    result = cli("view", corpus_out, "-o", out, "--max-edges", "0")
    assert f"{total} of {total} relations" in result.stderr


def test_capped_page_draws_only_the_kept_relations(tmp_path, open_view):
    summary = render_html(dense_graph(), tmp_path / "capped.html", max_edges=400, **ALL)
    opened = open_view(summary.path)
    assert opened.console_errors == [] and opened.external_requests == []
    counts = opened.counts()
    assert counts["edges"] == counts["drawnEdges"] == 400
    assert counts["statements"] == summary.statements_shown
    text = opened.page.locator("#kg-edge-count").inner_text()
    assert text.startswith(f"Showing 400 of {summary.edges_total} relations (the best supported")
