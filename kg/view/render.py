"""Render the entity graph as one self-contained HTML page (pyvis + vis-network).

The page needs no network: pyvis's bundled vis-network 9.1.2 is inlined
(``cdn_resources="in_line"``) and pyvis's default template, which links
Bootstrap from a CDN and writes the heading unescaped, is replaced by kg's
own template (``templates/kg_view.html``), rendered with autoescape.
"""

from __future__ import annotations

import functools
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

__all__ = ["TYPE_COLOURS", "ViewSummary", "build_network", "render_html"]

#: Node colour per entity type (Tableau 10, readable on white and for most colour-blind readers).
TYPE_COLOURS: dict[str, str] = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "Place": "#59a14f",
    "Event": "#e15759",
    "TimeExpression": "#b07aa1",
    "Other": "#9d9d9d",
}
EDGE_COLOUR = "#8da0b6"
NEGATED_COLOUR = "#c0392b"
#: Statements listed in one edge tooltip; the rest are counted ("… and 4 more").
MAX_STATEMENTS_PER_EDGE = 10

#: Entities shown by default: enough to read a corpus, few enough to settle in seconds.
DEFAULT_MAX_NODES = 500
#: Drawn relations shown by default: 500 entities of 200,000 tiny documents had 122,422 relations
#: among them (a 92 MB page, 17 s to settle); a few thousand settle in seconds.
DEFAULT_MAX_EDGES = 3000
_TEMPLATE_DIR = Path(__file__).parent / "templates"
_PYVIS_TEMPLATE_DIR = Path(pyvis.__file__).parent / "templates"
#: pyvis's bundled vis-network files, inlined into the page (template variable → path).
_VIS_BUNDLE = {"vis_css": "lib/vis-9.1.2/vis-network.css", "vis_js": "lib/vis-9.1.2/vis-network.min.js"}


@dataclass(frozen=True, slots=True)
class ViewSummary:
    """What :func:`render_html` drew.

    ``edges_shown`` counts drawn edges (relations): statements with the same
    subject, relation, object and polarity are drawn as one edge whose tooltip
    lists their sentences; ``edges_total`` counts the relations among the
    shown entities before the edge cap. ``statements_shown`` counts the
    statements behind the drawn edges, ``statements_total`` all statements of
    the graph given.
    """

    nodes_shown: int
    nodes_total: int
    edges_shown: int
    path: Path
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
    cap_by: Literal["pagerank", "degree"] = "pagerank",
    size_by: Literal["degree", "mentions"] = "degree",
) -> ViewSummary:
    """Write the entity graph as a self-contained interactive HTML page.

    Nodes are entities, coloured by type and sized by ``size_by``; edges are
    relations labelled with the relation, negated ones dashed (and hidden at
    first when ``show_negated`` is false; a checkbox shows them). When the
    graph has more than ``max_nodes`` entities, the most central ones by
    ``cap_by`` are kept (``None`` keeps all) and the page says
    "Showing N of M entities". Then at most ``max_edges`` relations are drawn,
    the best supported ones (see :func:`build_network`), and the page says
    "Showing N of M relations".

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
    total = graph.number_of_nodes()
    if max_nodes is None or max_nodes >= total:
        shown = graph  # build_network only reads it: the copy cap_nodes makes is not needed
    else:
        shown, total = cap_nodes(graph, max_nodes, by=cap_by)
    net, edges_total = _network(shown, show_negated=show_negated, size_by=size_by, max_edges=max_edges)
    statements_shown = sum(len(e["kgStatements"]) + e["kgMore"] for e in net.edges)
    legend = [
        (kind, TYPE_COLOURS.get(kind, TYPE_COLOURS["Other"]), count)
        for kind, count in sorted(
            Counter(n["kgType"] for n in net.nodes).items(),
            key=lambda item: _type_order(item[0]),
        )
    ]
    html = _template().render(
        heading=title,
        nodes=net.nodes,
        edges=net.edges,
        options=_options(len(net.nodes), len(net.edges)),
        nodes_shown=len(net.nodes),
        nodes_total=total,
        edges_shown=len(net.edges),
        edges_total=edges_total,
        capped=len(net.nodes) < total,
        edges_capped=len(net.edges) < edges_total,
        cap_by=cap_by,
        legend=legend,
        show_negated=show_negated,
        negated_colour=NEGATED_COLOUR,
        cdn_resources=net.cdn_resources,
        pyvis_version=pyvis.__version__,
        **_vis_bundle(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return ViewSummary(
        nodes_shown=len(net.nodes),
        nodes_total=total,
        edges_shown=len(net.edges),
        path=path,
        statements_shown=statements_shown,
        statements_total=graph.number_of_edges(),
        edges_total=edges_total,
    )


def build_network(
    graph: nx.MultiDiGraph,
    *,
    show_negated: bool = True,
    size_by: Literal["degree", "mentions"] = "degree",
    max_edges: int | None = None,
) -> Network:
    """Return a pyvis ``Network`` (``cdn_resources="in_line"``) holding the graph's nodes and edges.

    Node and edge dicts carry kg's data in ``kg*`` fields (type, aliases,
    statements…); the page's script turns them into tooltips. No ``title``
    is set here, so pyvis's own template, if someone uses it, cannot render
    text as HTML.

    Parallel statements (same subject, relation, object and polarity) are one
    edge. With ``max_edges``, only that many edges are kept: those with the
    most support (summed confidence of their statements), then the most
    statements, then the most confident one; ties keep the graph's order. All
    entities stay.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("e:a", "e:b", key="s:1", relation="meet")
    >>> _ = g.add_edge("e:a", "e:b", key="s:2", relation="meet")
    >>> net = build_network(g)
    >>> len(net.nodes), len(net.edges), net.edges[0]["label"]
    (2, 1, 'meet ×2')
    >>> _ = g.add_edge("e:b", "e:a", key="s:3", relation="call", confidence=0.9)
    >>> net = build_network(g, max_edges=1)
    >>> [e["label"] for e in net.edges]
    ['call']
    """
    return _network(graph, show_negated=show_negated, size_by=size_by, max_edges=max_edges)[0]


def _network(
    graph: nx.MultiDiGraph,
    *,
    show_negated: bool,
    size_by: Literal["degree", "mentions"],
    max_edges: int | None,
) -> tuple[Network, int]:
    """:func:`build_network`, and the number of edges before the cap."""
    if size_by not in ("degree", "mentions"):
        raise ValueError(f"size_by must be 'degree' or 'mentions', got {size_by!r}")
    if max_edges is not None and max_edges < 0:
        raise ValueError(f"max_edges must be >= 0, got {max_edges}")
    net = Network(directed=True, cdn_resources="in_line")
    degree = dict(graph.degree())
    for node, data in graph.nodes(data=True):
        kind = data.get("type") if data.get("type") in TYPE_COLOURS else "Other"
        colour = TYPE_COLOURS[kind]
        mentions = int(data.get("mentions") or 0)
        net.add_node(
            node,
            label=_text(data.get("label")) or _local_name(node),
            color={"background": colour, "border": colour, "highlight": {"background": colour, "border": "#222"}},
            value=max(1, degree[node] if size_by == "degree" else mentions),
            kgType=kind,
            kgAliases=[_text(a) for a in _as_list(data.get("aliases"))],
            kgMentions=mentions,
            kgDocuments=[_text(d) for d in _as_list(data.get("documents"))],
            kgDegree=degree[node],
        )
    # One drawn edge per (subject, relation, object, polarity): parallel
    # statements would be drawn on top of each other anyway.
    groups: dict[tuple[str, str, str, bool], list[dict[str, Any]]] = defaultdict(list)
    for u, v, data in graph.edges(data=True):
        relation = _text(data.get("relation")) or _local_name(data.get("predicate") or "related")
        groups[(u, v, relation, bool(data.get("negated")))].append(data)
    kept = list(groups.items())
    if max_edges is not None and max_edges < len(kept):
        kept.sort(key=lambda item: _support(item[1]), reverse=True)  # stable: ties keep the graph's order
        del kept[max_edges:]
    # pyvis checks each edge's ends against a list of node ids, which is
    # quadratic; the ends exist by construction, so build the dicts directly.
    for index, ((u, v, relation, negated), statements) in enumerate(kept):
        statements = sorted(statements, key=lambda d: -(d.get("confidence") or 0.0))
        count = len(statements)
        label = ("not " if negated else "") + relation + (f" ×{count}" if count > 1 else "")
        net.edges.append(
            {
                "id": index,
                "from": u,
                "to": v,
                "arrows": "to",
                "label": label,
                "dashes": negated,
                "hidden": negated and not show_negated,
                "color": NEGATED_COLOUR if negated else EDGE_COLOUR,
                "width": 1 + math.log2(count),
                "kgRelation": relation,
                "kgNegated": negated,
                "kgStatements": [_statement(d) for d in statements[:MAX_STATEMENTS_PER_EDGE]],
                "kgMore": max(0, count - MAX_STATEMENTS_PER_EDGE),
            }
        )
    return net, len(groups)


def _support(statements: list[dict[str, Any]]) -> tuple[float, int, float]:
    """How well a drawn edge is supported: summed confidence, number of statements, best confidence."""
    confidences = [float(d.get("confidence") or 0.0) for d in statements]
    # rounded so that float noise in the sum does not beat the statement count
    return round(sum(confidences), 9), len(confidences), max(confidences)


def _statement(data: dict[str, Any]) -> dict[str, Any]:
    """The fields of one statement that its edge tooltip shows."""
    confidence = data.get("confidence")
    return {
        "sentence": _text(data.get("sentence")),
        "title": _text(data.get("title")),
        "location": _text(data.get("location")) or None,
        "time": _text(data.get("time")) or None,
        "attributed_to": _text(data.get("attributed_to")) or None,
        "confidence": None if confidence is None else float(confidence),
    }


def _options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """vis-network options tuned so that layout ends within seconds.

    Stabilization runs a bounded number of iterations (fewer for bigger
    graphs, since each costs O(n log n)); the page then switches physics off.
    Kamada-Kawai "improved layout" is quadratic and skipped for big graphs.
    """
    iterations = int(min(600, max(120, 60_000 / max(n_nodes, 1))))
    big = n_nodes > 300
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= 100},
        "physics": {
            "enabled": True,
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
            "scaling": {"min": 8, "max": 36, "label": {"enabled": True, "min": 12, "max": 32, "drawThreshold": 6}},
            "font": {"size": 13, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 10, "align": "middle", "color": "#444", "strokeWidth": 3, "strokeColor": "#ffffff"},
            # straight edges are far cheaper to draw than "dynamic" ones (no support nodes)
            "smooth": {"enabled": not big, "type": "continuous", "roundness": 0.3},
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
