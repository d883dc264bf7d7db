"""Render the entity graph as one self-contained HTML page (pyvis + vis-network).

The page needs no network: pyvis's bundled vis-network 9.1.2 is inlined
(``cdn_resources="in_line"``) and pyvis's default template, which links
Bootstrap from a CDN and writes the heading unescaped, is replaced by kg's
own template (``templates/kg_view.html``), rendered with autoescape.

What is drawn is chosen for a reader (:mod:`kg.view.story`: named actors
first, concepts only where they connect them), laid out one cluster per story
(:mod:`kg.view.layout`), every entity labelled; all statements between two
entities are one edge, labelled with their relations and counts. Clicking an
entity lists its statements as sentences with their sources; clicking a
statement or an edge tells where and when, negation, hedging, attribution and
confidence.
"""

from __future__ import annotations

import functools
import html as html_lib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import jinja2
import networkx as nx
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from kg.records import ENTITY_TYPES
from kg.view.filters import cap_nodes
from kg.view.layout import LAYOUT_MAX_NODES, box, layout, wrap_label
from kg.view.story import NAMED_TYPES, natural_key, select_story

__all__ = ["TYPE_COLOURS", "ViewSummary", "build_network", "notebook_html", "render_html", "render_page"]

#: Node colour per entity type (Tableau 10 and one of Tableau 20; readable on white and for most
#: colour-blind readers). Concepts and phrases (Concept, Other) are light grey: they connect the named entities.
TYPE_COLOURS: dict[str, str] = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "Group": "#76b7b2",
    "Place": "#59a14f",
    "Event": "#e15759",
    "CreativeWork": "#edc948",
    "Legislation": "#ff9da7",
    "Product": "#9c755f",
    "Language": "#d37295",
    "TimeExpression": "#b07aa1",
    "Concept": "#bab0ac",
    "Other": "#b8b8b8",
}
EDGE_COLOUR = "#8da0b6"
NEGATED_COLOUR = "#c0392b"
HEDGED_COLOUR = "#c77c02"
#: Statements listed for one edge; the rest are counted ("… and 4 more").
MAX_STATEMENTS_PER_EDGE = 10
#: Statements listed for one entity when it is clicked (the most confident; the rest are counted).
MAX_STATEMENTS_PER_NODE = 25
#: Relations named in one edge label ("meet ×2 · call +3").
MAX_RELATIONS_PER_LABEL = 2
#: Font size of entity labels, in pixels at zoom 1.
NODE_FONT_PX = 14
#: Width of a character of an edge label (10 px font), generously, in pixels at zoom 1.
EDGE_CHAR_PX = 5.8

#: Entities shown by default: a page a reader takes in at a glance, every label readable.
DEFAULT_MAX_NODES = 60
#: Drawn relations shown by default: 500 entities of 200,000 tiny documents had 122,422 relations
#: among them (a 92 MB page, 17 s to settle); a few thousand settle in seconds.
DEFAULT_MAX_EDGES = 3000
_TEMPLATE_DIR = Path(__file__).parent / "templates"
_PYVIS_TEMPLATE_DIR = Path(pyvis.__file__).parent / "templates"
#: pyvis's bundled vis-network files, inlined into the page (template variable → path).
_VIS_BUNDLE = {"vis_css": "lib/vis-9.1.2/vis-network.css", "vis_js": "lib/vis-9.1.2/vis-network.min.js"}
#: How the entities to show are chosen (see :func:`render_html`).
Rank = Literal["story", "pagerank", "degree"]
_CAP_NOTES = {
    "story": "named actors first, and the concepts that connect them",
    "pagerank": "the most central by PageRank",
    "degree": "the most connected",
}


@dataclass(frozen=True, slots=True)
class ViewSummary:
    """What :func:`render_html` drew.

    ``edges_shown`` counts drawn edges (relations): all statements between two
    entities are drawn as one edge whose details list their sentences;
    ``edges_total`` counts the relations among the shown entities before the
    edge cap. ``statements_shown`` counts the statements behind the drawn
    edges, ``statements_total`` all statements of the graph given.
    """

    nodes_shown: int
    nodes_total: int
    edges_shown: int
    path: Path | None
    statements_shown: int = 0
    statements_total: int = 0
    edges_total: int = 0


def render_html(
    graph: nx.MultiDiGraph,
    path: Path | str,
    *,
    title: str = "Knowledge graph",
    max_nodes: int | None = DEFAULT_MAX_NODES,
    max_edges: int | None = DEFAULT_MAX_EDGES,
    show_negated: bool = True,
    cap_by: Rank = "story",
    size_by: Literal["degree", "mentions"] = "degree",
    concept_relations: int | None = None,
) -> ViewSummary:
    """Write the entity graph as a self-contained interactive HTML page.

    Nodes are entities, coloured by type, sized by ``size_by`` and all labelled;
    edges are relations, one per pair of entities, labelled with the relations
    and their counts; negated and hedged statements are dashed (and hidden at
    first when ``show_negated`` is false; a checkbox shows them).

    ``cap_by`` chooses the entities: ``"story"`` (the default) shows at most
    ``max_nodes`` entities chosen for a reader (:func:`kg.view.story.story_nodes`:
    named actors and their relations first, concepts only where they connect
    them, never a generic noun or an entity without a relation; ``None`` shows
    all such); ``"pagerank"`` and ``"degree"`` keep the ``max_nodes`` most
    central of all entities (``None`` keeps every one). The page says
    "Showing N of M entities". Then at most ``max_edges`` relations are drawn,
    the best supported ones (see :func:`build_network`), and the page says
    "Showing N of M relations". A graph whose statements all come from one
    document is drawn as that story: the panel lists its statements in
    reading order. ``concept_relations`` is how many relations a concept
    needs to be shown in a story (see :func:`kg.view.story.story_nodes`):
    by default 1 for one document's story, 2 otherwise; a view focused on an
    entity or a query result wants 1 too (what the entity did).

    >>> import tempfile, networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("e:a", label="Alice", type="Person")
    >>> g.add_node("e:b", label="Bob", type="Person")
    >>> _ = g.add_edge("e:a", "e:b", key="s:1", relation="meet", sentence="Alice met Bob.")
    >>> out = Path(tempfile.mkdtemp()) / "view.html"
    >>> summary = render_html(g, out, title="Demo")
    >>> summary.nodes_shown, summary.nodes_total, summary.edges_shown, summary.edges_total
    (2, 2, 1, 1)
    >>> "Showing 2 of 2 entities" in out.read_text() and "Showing 1 of 1 relations" in out.read_text()
    True
    """
    path = Path(path)
    page, summary = render_page(
        graph,
        title=title,
        max_nodes=max_nodes,
        max_edges=max_edges,
        show_negated=show_negated,
        cap_by=cap_by,
        size_by=size_by,
        concept_relations=concept_relations,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return ViewSummary(**{**_fields(summary), "path": path})


def render_page(
    graph: nx.MultiDiGraph,
    *,
    title: str = "Knowledge graph",
    max_nodes: int | None = DEFAULT_MAX_NODES,
    max_edges: int | None = DEFAULT_MAX_EDGES,
    show_negated: bool = True,
    cap_by: Rank = "story",
    size_by: Literal["degree", "mentions"] = "degree",
    concept_relations: int | None = None,
) -> tuple[str, ViewSummary]:
    """The page :func:`render_html` writes, as a string, and its summary (``path`` is ``None``)."""
    if cap_by not in _CAP_NOTES:
        raise ValueError(f"cap_by must be one of {', '.join(_CAP_NOTES)}, got {cap_by!r}")
    documents = {d.get("document") for *_, d in graph.edges(data=True)}
    one_story = len(documents) == 1 and None not in documents and "" not in documents
    total = graph.number_of_nodes()
    if cap_by == "story":
        if concept_relations is None:
            concept_relations = 1 if one_story else 2
        shown, total = select_story(graph, max_nodes, concept_relations=concept_relations)
    elif max_nodes is None or max_nodes >= total:
        shown = graph  # _network only reads it: the copy cap_nodes makes is not needed
    else:
        shown, total = cap_nodes(graph, max_nodes, by=cap_by)
    page = _Page(graph)
    net, edges_total = _network(shown, show_negated=show_negated, size_by=size_by, max_edges=max_edges, page=page)
    statements_shown = sum(len(e["kgStatements"]) + e["kgMore"] for e in net.edges)
    legend = [
        (kind, TYPE_COLOURS.get(kind, TYPE_COLOURS["Other"]), count)
        for kind, count in sorted(
            Counter(n["kgType"] for n in net.nodes).items(),
            key=lambda item: _type_order(item[0]),
        )
    ]
    positioned = bool(net.nodes) and "x" in net.nodes[0]
    story = page.story(graph) if one_story else None
    text = _template().render(
        heading=title,
        nodes=net.nodes,
        edges=net.edges,
        statements=page.statements,
        documents=page.documents,
        story=story,
        options=_options(len(net.nodes), len(net.edges), positioned=positioned),
        nodes_shown=len(net.nodes),
        nodes_total=total,
        edges_shown=len(net.edges),
        edges_total=edges_total,
        capped=len(net.nodes) < total,
        cap_note=_CAP_NOTES[cap_by],
        empty_note=(
            "No entities to show: none is a named actor, or a concept connecting them, with a relation "
            "(kg view --rank pagerank shows every entity)."
            if cap_by == "story" and total
            else "No entities to show."
        ),
        edges_capped=len(net.edges) < edges_total,
        legend=legend,
        show_negated=show_negated,
        negated_colour=NEGATED_COLOUR,
        hedged_colour=HEDGED_COLOUR,
        cdn_resources=net.cdn_resources,
        pyvis_version=pyvis.__version__,
        **_vis_bundle(),
    )
    summary = ViewSummary(
        nodes_shown=len(net.nodes),
        nodes_total=total,
        edges_shown=len(net.edges),
        path=None,
        statements_shown=statements_shown,
        statements_total=graph.number_of_edges(),
        edges_total=edges_total,
    )
    return text, summary


def notebook_html(graph: nx.MultiDiGraph, *, height: int = 640, **options: Any) -> str:
    """The view of ``graph`` for a Jupyter notebook: the page of :func:`render_page` in an iframe.

    The page goes into the iframe's ``srcdoc`` (escaped as an attribute), so it
    runs on its own, with its own Content-Security-Policy, and needs no file.

    >>> import networkx as nx
    >>> html = notebook_html(nx.MultiDiGraph())
    >>> html.startswith("<iframe") and "srcdoc=" in html
    True
    """
    page, summary = render_page(graph, **options)
    note = f"{summary.nodes_shown} of {summary.nodes_total} entities, {summary.edges_shown} relations"
    return (
        f'<iframe title="kg view: {html_lib.escape(note)}" srcdoc="{html_lib.escape(page, quote=True)}" '
        f'style="width: 100%; height: {int(height)}px; border: 1px solid #ddd" '
        'sandbox="allow-scripts"></iframe>'
    )


def _fields(summary: ViewSummary) -> dict[str, Any]:
    return {name: getattr(summary, name) for name in ViewSummary.__slots__}


def build_network(
    graph: nx.MultiDiGraph,
    *,
    show_negated: bool = True,
    size_by: Literal["degree", "mentions"] = "degree",
    max_edges: int | None = None,
) -> Network:
    """Return a pyvis ``Network`` (``cdn_resources="in_line"``) holding the graph's nodes and edges.

    Node and edge dicts carry kg's data in ``kg*`` fields (type, aliases,
    statements…); the page's script turns them into tooltips and details.
    No ``title`` is set here, so pyvis's own template, if someone uses it,
    cannot render text as HTML. Statements are given by number: ``kgStatements``
    of an edge index the page's statement table.

    All statements between two entities (either direction) are one edge,
    labelled with its relations, the most frequent first, and their counts;
    it is dashed when none of them is asserted (all negated or hedged). With
    ``max_edges``, only that many edges are kept: those with the most support
    (summed confidence of their statements), then the most statements, then
    the most confident one; ties keep the graph's order. All entities stay.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("e:a", "e:b", key="s:1", relation="meet")
    >>> _ = g.add_edge("e:a", "e:b", key="s:2", relation="meet")
    >>> net = build_network(g)
    >>> len(net.nodes), len(net.edges), net.edges[0]["label"]
    (2, 1, 'meet ×2')
    >>> _ = g.add_edge("e:b", "e:a", key="s:3", relation="call", confidence=0.9)
    >>> _ = g.add_edge("e:b", "e:c", key="s:4", relation="visit", negated=True, confidence=0.2)
    >>> [e["label"] for e in build_network(g).edges]
    ['meet ×2 · call', 'not visit']
    >>> [e["label"] for e in build_network(g, max_edges=1).edges]
    ['meet ×2 · call']
    """
    return _network(graph, show_negated=show_negated, size_by=size_by, max_edges=max_edges, page=_Page(graph))[0]


class _Page:
    """The statement and document tables of one page: each statement once, given by number."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph
        self.statements: list[dict[str, Any]] = []
        self.documents: list[dict[str, str]] = []
        self._statement_index: dict[Any, int] = {}
        self._document_index: dict[str, int] = {}

    def label(self, node: Any) -> str:
        data = self.graph.nodes[node] if node in self.graph else {}
        return _text(data.get("label")) or _local_name(str(node))

    def document(self, data: dict[str, Any]) -> int | None:
        iri = _text(data.get("document"))
        if not iri:
            return None
        if iri not in self._document_index:
            self._document_index[iri] = len(self.documents)
            self.documents.append(
                {"id": _local_name(iri), "title": _text(data.get("title")), "published": _text(data.get("published"))}
            )
        return self._document_index[iri]

    def statement(self, u: Any, v: Any, key: Any, data: dict[str, Any]) -> int:
        """The number of a statement in the table, added if new."""
        ident = (u, v, key)
        if ident not in self._statement_index:
            confidence = data.get("confidence")
            self._statement_index[ident] = len(self.statements)
            self.statements.append(
                {
                    "s": self.label(u),
                    "r": _relation(data),
                    "o": self.label(v),
                    "negated": bool(data.get("negated")),
                    "hedged": bool(data.get("hedged")),
                    "sentence": _text(data.get("sentence")),
                    "doc": self.document(data),
                    "where": _text(data.get("location")) or None,
                    "when": _text(data.get("time")) or None,
                    "date": _text(data.get("date")) or None,
                    "by": _text(data.get("attributed_to")) or None,
                    "confidence": None if confidence is None else float(confidence),
                }
            )
        return self._statement_index[ident]

    def node_statements(self, node: Any) -> tuple[list[int], int]:
        """The statements an entity takes part in (the most confident, in reading order), and how many more."""
        incident = [(u, v, k, d) for u, v, k, d in self.graph.out_edges(node, keys=True, data=True)] + [
            (u, v, k, d) for u, v, k, d in self.graph.in_edges(node, keys=True, data=True) if u != v
        ]
        best = sorted(incident, key=lambda e: -(e[3].get("confidence") or 0.0))[:MAX_STATEMENTS_PER_NODE]
        best.sort(key=lambda e: (_text(e[3].get("title")), natural_key(str(e[2]))))
        return [self.statement(u, v, k, d) for u, v, k, d in best], len(incident) - len(best)

    def story(self, graph: nx.MultiDiGraph) -> dict[str, Any]:
        """One document's statements in reading order, for the panel of a story view."""
        edges = sorted(graph.edges(keys=True, data=True), key=lambda e: natural_key(str(e[2])))
        numbers = [self.statement(u, v, k, d) for u, v, k, d in edges]
        first = edges[0][3] if edges else {}
        return {"doc": self.document(first) if edges else None, "statements": numbers}


def _relation(data: dict[str, Any]) -> str:
    return _text(data.get("relation")) or _local_name(_text(data.get("predicate")) or "related")


def _polarity(data: dict[str, Any]) -> str:
    """Which statement it is: "negated", "hedged" or "" (asserted)."""
    if data.get("negated"):
        return "negated"
    return "hedged" if data.get("hedged") else ""


def _edge_label(parts: list[tuple[str, str, int]]) -> str:
    """``meet ×2 · not call +3`` from (polarity, relation, count), the most frequent first."""
    words = {"negated": "not ", "hedged": "may "}
    named = [f"{words.get(p, '')}{r}" + (f" ×{n}" if n > 1 else "") for p, r, n in parts[:MAX_RELATIONS_PER_LABEL]]
    more = len(parts) - MAX_RELATIONS_PER_LABEL
    return " · ".join(named) + (f" +{more}" if more > 0 else "")


def _network(
    graph: nx.MultiDiGraph,
    *,
    show_negated: bool,
    size_by: Literal["degree", "mentions"],
    max_edges: int | None,
    page: _Page,
) -> tuple[Network, int]:
    """:func:`build_network`, and the number of edges before the cap."""
    if size_by not in ("degree", "mentions"):
        raise ValueError(f"size_by must be 'degree' or 'mentions', got {size_by!r}")
    if max_edges is not None and max_edges < 0:
        raise ValueError(f"max_edges must be >= 0, got {max_edges}")
    net = Network(directed=True, cdn_resources="in_line")
    groups = _pairs(graph)
    kept = list(groups.items())
    if max_edges is not None and max_edges < len(kept):
        kept.sort(key=lambda item: _support(item[1]), reverse=True)  # stable: ties keep the graph's order
        del kept[max_edges:]
    degree = dict(graph.degree())
    for node, data in graph.nodes(data=True):
        net.nodes.append(_node(node, data, degree[node], size_by, page))
    # pyvis checks each edge's ends against a list of node ids, which is
    # quadratic; the ends exist by construction, so build the dicts directly.
    for index, ((a, b), statements) in enumerate(kept):
        net.edges.append(_edge(index, a, b, statements, show_negated, page))
    if net.nodes and graph.number_of_nodes() <= LAYOUT_MAX_NODES:
        _place(net)
    return net, len(groups)


_Statement = tuple[Any, Any, Any, dict[str, Any]]


def _pairs(graph: nx.MultiDiGraph) -> dict[tuple[Any, Any], list[_Statement]]:
    """The statements between each pair of entities, either way: one drawn edge per pair (parallel
    statements, and statements the other way, would be drawn on top of each other anyway)."""
    groups: dict[tuple[Any, Any], list[_Statement]] = defaultdict(list)
    order: dict[Any, int] = {n: i for i, n in enumerate(graph)}
    for u, v, k, data in graph.edges(keys=True, data=True):
        pair = (u, v) if order[u] <= order[v] else (v, u)
        groups[pair].append((u, v, k, data))
    return groups


def _node(node: Any, data: dict[str, Any], degree: int, size_by: str, page: _Page) -> dict[str, Any]:
    """The vis node of an entity: its label, colour by type, size, and what its panel shows."""
    kind = data.get("type") if data.get("type") in TYPE_COLOURS else "Other"
    colour = TYPE_COLOURS[kind]
    mentions = int(data.get("mentions") or 0)
    label = _text(data.get("label")) or _local_name(node)
    facts, more = page.node_statements(node)
    return {
        "id": node,
        "label": wrap_label(label),
        "shape": "dot",
        "color": {
            "background": colour,
            "border": colour,
            "highlight": {"background": colour, "border": "#222"},
        },
        "value": max(1, degree if size_by == "degree" else mentions),
        "font": {"color": "#222" if kind in NAMED_TYPES else "#555"},
        "kgLabel": label,
        "kgType": kind,
        "kgAliases": [_text(a) for a in _as_list(data.get("aliases"))],
        "kgMentions": mentions,
        "kgDocuments": [_text(d) for d in _as_list(data.get("documents"))],
        "kgDegree": degree,
        "kgFacts": facts,
        "kgMoreFacts": more,
    }


def _edge(index: int, a: Any, b: Any, statements: list[_Statement], show_negated: bool, page: _Page) -> dict:
    """The vis edge of the statements between ``a`` and ``b``: its relations with their counts, drawn
    from the subject of most of them, dashed when none is asserted."""
    statements = sorted(statements, key=lambda e: -(e[3].get("confidence") or 0.0))
    count = len(statements)
    counts: Counter = Counter((_polarity(d), _relation(d)) for *_, d in statements)
    first: dict[tuple[str, str], int] = {}
    for position, (*_, d) in enumerate(statements):
        first.setdefault((_polarity(d), _relation(d)), position)
    # asserted relations first, then the most frequent, then the most confident
    parts = sorted(counts.items(), key=lambda item: (item[0][0] != "", -item[1], first[item[0]]))
    labels = [(polarity, relation, n) for (polarity, relation), n in parts]
    forward = sum(1 for u, *_ in statements if u == a)
    if forward == 0:  # all the other way: drawn from its subject
        a, b, forward = b, a, count
    unasserted = all(_polarity(d) for *_, d in statements)
    negated = unasserted and all(d.get("negated") for *_, d in statements)
    hedged = unasserted and not negated
    return {
        "id": index,
        "from": a,
        "to": b,
        "arrows": "to" if forward == count else "to, from",
        "label": _edge_label(labels),
        "kgLabel": _edge_label(labels),
        "dashes": unasserted,
        "hidden": unasserted and not show_negated,
        "color": NEGATED_COLOUR if negated else HEDGED_COLOUR if hedged else EDGE_COLOUR,
        "width": 1 + math.log2(count),
        "kgRelation": labels[0][1],
        "kgRelations": [[p, r, n] for p, r, n in labels],
        "kgNegated": negated,
        "kgHedged": hedged,
        "kgStatements": [page.statement(u, v, k, d) for u, v, k, d in statements[:MAX_STATEMENTS_PER_EDGE]],
        "kgMore": max(0, count - MAX_STATEMENTS_PER_EDGE),
    }


def _place(net: Network) -> None:
    """Size the dots and lay the nodes out where every label is readable (:func:`kg.view.layout.layout`)."""
    boxes = {}
    sizes = _dot_sizes([n["value"] for n in net.nodes])
    for node, size in zip(net.nodes, sizes, strict=True):
        node["size"] = size  # vis would scale a "value" to a size the layout does not know
        del node["value"]
        boxes[node["id"]] = box(node["label"], size, NODE_FONT_PX)
    simple = nx.Graph()
    simple.add_nodes_from(n["id"] for n in net.nodes)
    simple.add_edges_from((e["from"], e["to"]) for e in net.edges)
    widths = {frozenset((e["from"], e["to"])): len(e["label"]) * EDGE_CHAR_PX for e in net.edges}
    positions = layout(simple, boxes, edge_labels=widths)
    if positions is not None:
        for node in net.nodes:
            node["x"], node["y"] = positions[node["id"]]
        _fit_edge_labels(net, positions, boxes)


def _fit_edge_labels(net: Network, positions: dict, boxes: dict) -> None:
    """Shorten the label of a relation too short to hold it (between two close entities, around a
    hub) to its first relation, or to nothing: text drawn over other text is read by no one. The
    whole label stays in ``kgLabel``, and the tooltip and the panel tell every relation."""
    for edge in net.edges:
        a, b = edge["from"], edge["to"]
        if a == b:
            continue
        room = math.dist(positions[a], positions[b]) - boxes[a].radius - boxes[b].radius - 8
        first = edge["kgRelations"][0]
        short = {"negated": "not ", "hedged": "may "}.get(first[0], "") + first[1]
        for label in (edge["label"], short, ""):
            if len(label) * EDGE_CHAR_PX <= room:
                break
        edge["label"] = label


def _dot_sizes(values: list[int], smallest: float = 7.0, largest: float = 22.0) -> list[float]:
    """Dot radii from the entities' values, by square root (area tells the value), as vis would scale them."""
    if not values:
        return []
    low, high = min(values), max(values)
    if high == low:
        return [round((smallest + largest) / 3, 1)] * len(values)
    span = math.sqrt(high) - math.sqrt(low)
    return [round(smallest + (largest - smallest) * (math.sqrt(v) - math.sqrt(low)) / span, 1) for v in values]


def _support(statements: list[tuple[Any, Any, Any, dict[str, Any]]]) -> tuple[float, int, float]:
    """How well a drawn edge is supported: summed confidence, number of statements, best confidence."""
    confidences = [float(d.get("confidence") or 0.0) for *_, d in statements]
    # rounded so that float noise in the sum does not beat the statement count
    return round(sum(confidences), 9), len(confidences), max(confidences)


def _options(n_nodes: int, n_edges: int, *, positioned: bool = False) -> dict[str, Any]:
    """vis-network options.

    A laid-out graph (``positioned``: every node has x and y, see :mod:`kg.view.layout`)
    is drawn as it is, with physics off and labels at one readable size. A bigger one is
    laid out by the page: stabilization runs a bounded number of iterations (fewer for
    bigger graphs, since each costs O(n log n)); the page then switches physics off.
    Kamada-Kawai "improved layout" is quadratic and skipped for big graphs.
    """
    iterations = int(min(600, max(120, 60_000 / max(n_nodes, 1))))
    big = n_nodes > 300
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": not positioned and n_nodes <= 100},
        "physics": {
            "enabled": not positioned,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -4000,
                "centralGravity": 0.9,
                "springLength": 140,
                "springConstant": 0.03,
                "damping": 0.25,
                "avoidOverlap": 0.1,
            },
            "minVelocity": 1.5,
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 25, "fit": True},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": n_edges > 2000,
        },
        "nodes": {
            "shape": "dot",
            # positioned: sizes are set per node (the layout made room for them), labels all one size
            "scaling": {
                "min": 7,
                "max": 36,
                "label": {"enabled": not positioned, "min": 12, "max": 32, "drawThreshold": 6},
            },
            "font": {
                "size": NODE_FONT_PX if positioned else 13,
                "face": "system-ui, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "borderWidth": 1,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            # horizontal: read at a glance; and vis-network 9.1.2 draws a label aligned "middle" on a
            # perfectly level edge at the canvas's origin
            "font": {"size": 10, "align": "horizontal", "color": "#444", "strokeWidth": 3, "strokeColor": "#ffffff"},
            # straight edges are far cheaper to draw than "dynamic" ones (no support nodes); one edge per
            # pair needs no curve to be told from another
            "smooth": {"enabled": not big and not positioned, "type": "continuous", "roundness": 0.3},
            "selectionWidth": 2,
        },
    }


def _template() -> jinja2.Template:
    """kg's page template."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATE_DIR),
        autoescape=True,  # every {{ value }} in HTML is escaped
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("kg_view.html")


@functools.cache
def _vis_bundle() -> dict[str, Markup]:
    """vis-network's CSS and script from pyvis's bundle, as markup for the template.

    Passed as values, not ``{% include %}``d: Jinja would lex and compile their
    690 kB as template source on every page (~45 ms of a ~100 ms render).
    Newlines are normalised and one trailing newline dropped, as an include does.
    """
    bundle: dict[str, Markup] = {}
    for name, relative in _VIS_BUNDLE.items():
        lines = re.split(r"\r\n|\r|\n", (_PYVIS_TEMPLATE_DIR / relative).read_text(encoding="utf-8"))
        if lines[-1] == "":
            lines.pop()
        bundle[name] = Markup("\n".join(lines))  # trusted library code: not escaped
    return bundle


def _type_order(kind: str) -> int:
    return ENTITY_TYPES.index(kind) if kind in ENTITY_TYPES else len(ENTITY_TYPES)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _local_name(iri: str) -> str:
    """The last segment of an IRI, for entities without a label.

    >>> _local_name("https://example.org/kg/entity/person/ada_lovelace")
    'ada_lovelace'
    """
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri
