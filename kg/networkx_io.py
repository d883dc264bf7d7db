"""Write and read the entity graph as GraphML, GEXF or node-link JSON.

The entity graph (see :mod:`kg.entity_graph`) is a ``networkx.MultiDiGraph``
whose node ids are entity IRIs and whose edge keys are statement IRIs.
GraphML and GEXF only know scalar attributes, so list attributes
(``aliases``, ``documents``) are stored as JSON text and ``None`` values are
left out; :func:`read_networkx` undoes both, so a round trip gives back the
same nodes, edges, keys and attributes.

>>> import tempfile
>>> from pathlib import Path
>>> g = nx.MultiDiGraph()
>>> g.add_node("e:a", label="Alice", type="Person", aliases=["Al"], mentions=3, documents=["Doc"])
>>> g.add_node("e:b", label="Bob", type="Person", aliases=[], mentions=1, documents=[])
>>> _ = g.add_edge("e:a", "e:b", key="s:1", relation="meet", negated=False, confidence=0.9, time=None)
>>> path = Path(tempfile.mkdtemp()) / "g.graphml"
>>> write_networkx(g, path)
>>> h = read_networkx(path)
>>> h.nodes["e:a"]["aliases"], list(h.edges(keys=True)), h.edges["e:a", "e:b", "s:1"]["time"] is None
(['Al'], [('e:a', 'e:b', 's:1')], True)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import networkx as nx

__all__ = ["FORMATS", "read_networkx", "write_networkx"]

Format = Literal["graphml", "gexf", "json"]
FORMATS: tuple[str, ...] = ("graphml", "gexf", "json")

#: Node attributes that are lists in the entity graph (stored as JSON text in GraphML/GEXF).
LIST_ATTRIBUTES = ("aliases", "documents")
#: Edge attributes that may be None (absent from GraphML/GEXF, restored on reading).
OPTIONAL_EDGE_ATTRIBUTES = ("location", "time", "attributed_to")
# One XML type per attribute: GraphML/GEXF declare a type per key, and a
# key that is an int on one node and a float on another does not round-trip.
_COERCE: dict[str, type] = {"mentions": int, "confidence": float, "negated": bool}


def write_networkx(graph: nx.MultiDiGraph, path: str | Path, fmt: Format | None = None) -> None:
    """Write the entity graph to ``path`` as ``graphml``, ``gexf`` or ``json`` (node-link).

    ``fmt`` defaults to the file's suffix.

    >>> import tempfile
    >>> g = nx.MultiDiGraph([("e:a", "e:b")])
    >>> path = Path(tempfile.mkdtemp()) / "g.json"
    >>> write_networkx(g, path)
    >>> sorted(json.loads(path.read_text()))
    ['directed', 'edges', 'graph', 'multigraph', 'nodes']
    """
    path = Path(path)
    fmt = _format(path, fmt)
    if fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return
    flat = nx.MultiDiGraph()
    flat.graph.update(_flatten(graph.graph))
    flat.add_nodes_from((str(n), _flatten(d)) for n, d in graph.nodes(data=True))
    flat.add_edges_from((str(u), str(v), str(k), _flatten(d)) for u, v, k, d in graph.edges(keys=True, data=True))
    if fmt == "graphml":
        nx.write_graphml(flat, path, encoding="utf-8")
    else:
        # the statement IRI as GEXF edge id: read_gexf drops the multigraph
        # key of a graph without parallel edges, but keeps the id
        for _, _, key, data in flat.edges(keys=True, data=True):
            data["id"] = key
        nx.write_gexf(flat, path, encoding="utf-8")


def read_networkx(path: str | Path, fmt: Format | None = None) -> nx.MultiDiGraph:
    """Read an entity graph written by :func:`write_networkx`.

    >>> import tempfile
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("e:a", "e:b", key="s:1", confidence=0.5)
    >>> path = Path(tempfile.mkdtemp()) / "g.gexf"
    >>> write_networkx(g, path)
    >>> list(read_networkx(path).edges(keys=True, data="confidence"))
    [('e:a', 'e:b', 's:1', 0.5)]
    """
    path = Path(path)
    fmt = _format(path, fmt)
    if fmt == "json":
        data = json.loads(path.read_text(encoding="utf-8"))
        return nx.MultiDiGraph(nx.node_link_graph(data, directed=True, multigraph=True, edges="edges"))
    if fmt == "graphml":
        raw = nx.read_graphml(path, node_type=str, edge_key_type=str, force_multigraph=True)
    else:
        raw = nx.read_gexf(path, node_type=str)
    graph = nx.MultiDiGraph()
    graph.graph.update(raw.graph)
    graph.graph.pop("mode", None)  # GEXF's "static"/"dynamic", not kg data
    graph.add_nodes_from((n, _unflatten_node(d)) for n, d in raw.nodes(data=True))
    # read_gexf returns a DiGraph when no two edges are parallel
    edges = (
        raw.edges(keys=True, data=True)
        if raw.is_multigraph()
        else ((u, v, None, d) for u, v, d in raw.edges(data=True))
    )
    for u, v, k, d in edges:
        d = dict(d)
        edge_id = d.pop("id", None)  # the statement IRI in GEXF (GraphML uses it as the key)
        key = d.pop("networkx_key", None) or (k if k is not None else edge_id)
        graph.add_edge(u, v, key=str(key), **_unflatten_edge(d))
    return graph


def _format(path: Path, fmt: str | None) -> str:
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown networkx format {fmt!r}: use one of {', '.join(FORMATS)}")
    return fmt


def _flatten(data: dict[str, Any]) -> dict[str, Any]:
    """Attributes as GraphML/GEXF scalars: lists to JSON text, None left out."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            value = json.dumps(sorted(value) if isinstance(value, (set, frozenset)) else list(value))
        elif key in _COERCE:
            value = _COERCE[key](value)
        elif not isinstance(value, (str, int, float, bool)):
            value = str(value)
        flat[key] = value
    return flat


def _unflatten_node(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    for key in LIST_ATTRIBUTES:
        value = data.get(key)
        if isinstance(value, str):
            data[key] = json.loads(value)
    return data


def _unflatten_edge(data: dict[str, Any]) -> dict[str, Any]:
    for key in OPTIONAL_EDGE_ATTRIBUTES:
        data.setdefault(key, None)
    return data
