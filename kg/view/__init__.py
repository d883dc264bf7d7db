"""HTML views of the entity graph (pyvis, self-contained)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

TYPE_COLOURS = {
    "Person": "#e15759",
    "Organization": "#4e79a7",
    "Place": "#59a14f",
    "Event": "#f28e2b",
    "TimeExpression": "#b07aa1",
    "Other": "#9c9c9c",
}


@dataclass(slots=True)
class ViewSummary:
    nodes_shown: int
    nodes_total: int
    edges_shown: int
    path: Path


def render_html(
    graph: nx.MultiDiGraph, path: Path, *, title: str = "Knowledge graph", max_nodes: int = 500
) -> ViewSummary:
    """Write a self-contained pyvis page of the graph (top ``max_nodes`` by PageRank)."""
    from pyvis.network import Network

    total = graph.number_of_nodes()
    if total > max_nodes:
        rank = nx.pagerank(nx.DiGraph(graph)) if graph.number_of_edges() else {n: 0 for n in graph}
        keep = sorted(rank, key=lambda n: (-rank[n], n))[:max_nodes]
        graph = graph.subgraph(keep).copy()
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line", heading="")
    for node, data in graph.nodes(data=True):
        tooltip = "\n".join(
            [
                f"{data.get('label', node)} ({data.get('type', 'Other')})",
                "aliases: " + ", ".join(data.get("aliases", [])),
                f"mentions: {data.get('mentions', 0)}",
            ]
        )
        net.add_node(
            node,
            label=html.escape(str(data.get("label", node))),
            title=html.escape(tooltip),
            color=TYPE_COLOURS.get(data.get("type", "Other"), "#9c9c9c"),
            size=10 + 3 * min(graph.degree(node), 10),
        )
    for source, target, data in graph.edges(data=True):
        net.add_edge(
            source,
            target,
            label=html.escape(data.get("relation", "")),
            title=html.escape(data.get("sentence", "")),
            dashes=bool(data.get("negated")),
        )
    page = net.generate_html(notebook=False)
    # pyvis links a bootstrap stylesheet from a CDN even with in-line resources.
    page = re.sub(r"<link[^>]+(cdn|https?://)[^>]*>", "", page)
    page = re.sub(r'<script[^>]+src="https?://[^"]*"[^>]*>\s*</script>', "", page)
    Path(path).write_text(page, encoding="utf-8")
    return ViewSummary(graph.number_of_nodes(), total, graph.number_of_edges(), Path(path))
