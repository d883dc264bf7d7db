"""Focus and filter functions for the entity graph.

Every function takes the entity view (a ``networkx.MultiDiGraph`` whose node
ids are entity IRIs and whose edge keys are statement IRIs, see
:mod:`kg.view`) and returns a *new* graph; the input is never changed. They
compose, e.g. ``cap_nodes(filter_confidence(neighbourhood(g, "NATO", 2), 0.6), 200)``.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("e:a", label="Alice", type="Person", aliases=["Al"])
>>> g.add_node("e:b", label="Bob", type="Person", aliases=[])
>>> g.add_node("e:p", label="Paris", type="Place", aliases=[])
>>> _ = g.add_edge("e:a", "e:b", key="s:1", predicate="p:meet", confidence=0.9)
>>> _ = g.add_edge("e:b", "e:p", key="s:2", predicate="p:visit", confidence=0.4)
>>> sorted(neighbourhood(g, "alice", 1))
['e:a', 'e:b']
>>> sorted(filter_types(g, ["Place"]))
['e:p']
>>> filter_confidence(g, 0.5).number_of_edges()
1
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal

import networkx as nx

__all__ = [
    "cap_nodes",
    "filter_confidence",
    "filter_dates",
    "filter_document",
    "filter_types",
    "find_documents",
    "find_entities",
    "focus",
    "neighbourhood",
    "pagerank",
    "restrict_to_triples",
    "result_triples",
]


def find_entities(graph: nx.MultiDiGraph, name_or_iri: str) -> list[str]:
    """Return the IRIs of the entities a name or IRI refers to.

    An exact node id wins; otherwise entities whose label matches
    (case-insensitively), otherwise entities with a matching alias. Several
    entities can share a label ("Washington" the person and the place), so
    this returns a sorted list, empty when nothing matches.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("e:dc", label="Washington", aliases=["DC"])
    >>> g.add_node("e:gw", label="George Washington", aliases=["Washington"])
    >>> find_entities(g, "washington")
    ['e:dc']
    >>> find_entities(g, "dc"), find_entities(g, "e:gw"), find_entities(g, "Ohio")
    (['e:dc'], ['e:gw'], [])
    """
    if name_or_iri in graph:
        return [name_or_iri]
    wanted = name_or_iri.strip().casefold()
    by_label = [n for n, label in graph.nodes(data="label") if str(label or "").casefold() == wanted]
    if by_label:
        return sorted(by_label)
    return sorted(
        n for n, aliases in graph.nodes(data="aliases") if any(str(a).casefold() == wanted for a in aliases or ())
    )


def neighbourhood(graph: nx.MultiDiGraph, entity: str, hops: int = 1) -> nx.MultiDiGraph:
    """Return the entities within ``hops`` relations of an entity, and the edges among them.

    ``entity`` is an IRI, a label or an alias (see :func:`find_entities`); if a
    name matches several entities, the neighbourhoods of all of them are
    joined. Edge direction is ignored when counting hops: a person who *met*
    someone and a person who *was met* are both one hop away.

    Raises ``KeyError`` when nothing matches.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> sorted(neighbourhood(g, "a", 1)), sorted(neighbourhood(g, "a", 2))
    (['a', 'b'], ['a', 'b', 'c'])
    >>> sorted(neighbourhood(g, "d", 0))
    ['d']
    """
    if hops < 0:
        raise ValueError(f"hops must be >= 0, got {hops}")
    centres = find_entities(graph, entity)
    if not centres:
        raise KeyError(f"no entity named {entity!r}")
    undirected = graph.to_undirected(as_view=True)
    keep: set[str] = set()
    for centre in centres:
        keep.update(nx.single_source_shortest_path_length(undirected, centre, cutoff=hops))
    return _induced(graph, keep)


def filter_types(graph: nx.MultiDiGraph, types: Iterable[str]) -> nx.MultiDiGraph:
    """Return the entities of the given types and the relations among them.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("e:a", type="Person")
    >>> g.add_node("e:p", type="Place")
    >>> _ = g.add_edge("e:a", "e:p")
    >>> sorted(filter_types(g, {"Person", "Place"})), list(filter_types(g, ["Person"]).edges())
    (['e:a', 'e:p'], [])
    """
    wanted = set(types)
    return _induced(graph, [n for n, t in graph.nodes(data="type") if t in wanted])


def filter_confidence(graph: nx.MultiDiGraph, min_confidence: float) -> nx.MultiDiGraph:
    """Return the graph with only the statements of at least ``min_confidence``.

    All entities are kept, even those left without relations, so that a
    confidence slider does not make entities vanish; use
    ``g.remove_nodes_from(list(nx.isolates(g)))`` to drop them. A statement
    without a confidence counts as 0.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", key="s1", confidence=0.9)
    >>> _ = g.add_edge("a", "b", key="s2", confidence=0.3)
    >>> h = filter_confidence(g, 0.5)
    >>> list(h.edges(keys=True)), h.number_of_nodes()
    ([('a', 'b', 's1')], 2)
    """
    result = _empty_like(graph)
    result.add_nodes_from(graph.nodes(data=True))
    result.add_edges_from(
        (u, v, k, d)
        for u, v, k, d in graph.edges(keys=True, data=True)
        if (d.get("confidence") or 0.0) >= min_confidence
    )
    return _deepish_copy(result)


def find_documents(graph: nx.MultiDiGraph, document: str) -> list[str]:
    """Return the IRIs of the documents (the statements' ``document``) that ``document`` names.

    A document is named by its IRI, its id (the IRI's last segment, as ``kg build`` names it
    after the file) or its title, in any case; failing those, by a part of its id or title
    when that part names one document only. Raises ``KeyError`` when nothing matches, and
    ``ValueError`` when a part matches several documents.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", document="https://x.org/doc/talks.txt", title="Talks in Doha")
    >>> _ = g.add_edge("b", "c", document="https://x.org/doc/storm.txt", title="A storm")
    >>> find_documents(g, "talks.txt"), find_documents(g, "a storm"), find_documents(g, "doha")
    (['https://x.org/doc/talks.txt'], ['https://x.org/doc/storm.txt'], ['https://x.org/doc/talks.txt'])
    """
    titles: dict[str, set[str]] = {}
    for *_, data in graph.edges(data=True):
        iri = data.get("document")
        if iri:
            titles.setdefault(str(iri), set()).add(str(data.get("title") or ""))
    wanted = document.strip().casefold()

    def names(iri: str) -> list[str]:
        return [iri.casefold(), iri.rstrip("/").rsplit("/", 1)[-1].casefold(), *(t.casefold() for t in titles[iri])]

    exact = sorted(iri for iri in titles if wanted in names(iri))
    if exact or not wanted:
        if not exact:
            raise KeyError(f"no document named {document!r}")
        return exact
    partial = sorted(iri for iri in titles if any(wanted in name for name in names(iri)[1:]))
    if not partial:
        raise KeyError(f"no document named {document!r}")
    if len(partial) > 1:
        shown = ", ".join(iri.rstrip("/").rsplit("/", 1)[-1] for iri in partial[:5])
        more = f" and {len(partial) - 5} more" if len(partial) > 5 else ""
        raise ValueError(f"{document!r} names {len(partial)} documents ({shown}{more}): give an id or a title")
    return partial


def filter_document(graph: nx.MultiDiGraph, document: str) -> nx.MultiDiGraph:
    """Return one document's statements and the entities they relate (see :func:`find_documents`).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", key="s1", document="https://x.org/doc/d1", title="One")
    >>> _ = g.add_edge("b", "c", key="s2", document="https://x.org/doc/d2", title="Two")
    >>> h = filter_document(g, "d2")
    >>> sorted(h), list(h.edges(keys=True))
    (['b', 'c'], [('b', 'c', 's2')])
    """
    wanted = set(find_documents(graph, document))
    return _edge_subgraph(graph, lambda data: data.get("document") in wanted)


def date_span(value: str) -> tuple[str, str] | None:
    """The first and last day (``YYYY-MM-DD``) of an ISO year, month, day or time; ``None`` if it is none.

    >>> date_span("2021"), date_span("2021-02"), date_span("2021-02-03T10:00:00Z"), date_span("June")
    (('2021-01-01', '2021-12-31'), ('2021-02-01', '2021-02-31'), ('2021-02-03', '2021-02-03'), None)
    """
    match = _DATE.fullmatch(str(value or "").strip())
    if match is None:
        return None
    year, month, day = match.groups()
    if month is None:
        return f"{year}-01-01", f"{year}-12-31"
    if day is None:  # "-31" sorts after every last day of a month: comparisons stay right
        return f"{year}-{month}-01", f"{year}-{month}-31"
    return f"{year}-{month}-{day}", f"{year}-{month}-{day}"


def filter_dates(graph: nx.MultiDiGraph, since: str | None = None, until: str | None = None) -> nx.MultiDiGraph:
    """Return the statements whose date (``date``, an ISO ``kg:time``) falls in a window, and their entities.

    ``since`` and ``until`` are ISO years, months or days, both included: a statement dated
    2021 is in a window from 2021-06 on, since part of its year is. Statements without a date
    are left out (the text did not say when, or kg could not place it).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", key="s1", date="2021-03-02")
    >>> _ = g.add_edge("b", "c", key="s2", date="2022")
    >>> _ = g.add_edge("c", "d", key="s3", date="")
    >>> [k for *_, k in filter_dates(g, since="2021-06").edges(keys=True)]
    ['s2']
    >>> [k for *_, k in filter_dates(g, until="2021-03").edges(keys=True)]
    ['s1']
    """
    low = _bound(since, 0, "since")
    high = _bound(until, 1, "until")

    def within(data: dict) -> bool:
        span = date_span(data.get("date") or "")
        return span is not None and (low is None or span[1] >= low) and (high is None or span[0] <= high)

    return _edge_subgraph(graph, within)


_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T.*)?)?)?")


def _bound(value: str | None, end: int, name: str) -> str | None:
    if value is None:
        return None
    span = date_span(value)
    if span is None:
        raise ValueError(f"{name} must be an ISO date (2021, 2021-06 or 2021-06-30), got {value!r}")
    return span[end]


def _edge_subgraph(graph: nx.MultiDiGraph, keep) -> nx.MultiDiGraph:
    """The edges whose data ``keep`` accepts, and their ends, in the input's order."""
    edges = [(u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if keep(d)]
    ends = {n for u, v, *_ in edges for n in (u, v)}
    result = _empty_like(graph)
    result.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if n in ends)
    result.add_edges_from(edges)
    return _deepish_copy(result)


def restrict_to_triples(graph: nx.MultiDiGraph, triples: Iterable[tuple[Any, Any, Any]]) -> nx.MultiDiGraph:
    """Return the part of the graph that a list of ``(s, p, o)`` triples mentions.

    Meant for viewing a SPARQL result: pass the triples of a CONSTRUCT result
    or the rows of a ``SELECT ?s ?p ?o``. Terms may be strings or rdflib terms.
    An edge is kept when ``(source, predicate, target)`` is one of the triples,
    or when its statement IRI (the edge key) occurs as a subject or object, so
    reified statements (``?stmt rdf:subject ?x``) work too. An entity is kept
    when it is the subject or object of a triple or the end of a kept edge.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("e:a", "e:b", key="s:1", predicate="p:meet")
    >>> _ = g.add_edge("e:a", "e:b", key="s:2", predicate="p:call")
    >>> _ = g.add_edge("e:b", "e:c", key="s:3", predicate="p:meet")
    >>> h = restrict_to_triples(g, [("e:a", "p:meet", "e:b")])
    >>> sorted(h), list(h.edges(keys=True))
    (['e:a', 'e:b'], [('e:a', 'e:b', 's:1')])
    >>> sorted(restrict_to_triples(g, [("s:3", "rdf:type", "kg:Statement")]).edges(keys=True))
    [('e:b', 'e:c', 's:3')]
    """
    spo: set[tuple[str, str, str]] = set()
    terms: set[str] = set()
    for s, p, o in triples:
        s, p, o = str(s), str(p), str(o)
        spo.add((s, p, o))
        terms.update((s, o))
    result = _empty_like(graph)
    result.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if n in terms)
    for u, v, k, d in graph.edges(keys=True, data=True):
        if (u, str(d.get("predicate")), v) in spo or k in terms or d.get("statement") in terms:
            result.add_node(u, **graph.nodes[u])
            result.add_node(v, **graph.nodes[v])
            result.add_edge(u, v, key=k, **d)
    return _deepish_copy(result)


def result_triples(result: Any) -> list[tuple[str, str, str]]:
    """The ``(s, p, o)`` triples of a SPARQL result, for :func:`restrict_to_triples`.

    A CONSTRUCT or DESCRIBE result gives its triples; a SELECT must bind
    ``?s ?p ?o`` (unbound cells are skipped). Anything else raises ``ValueError``.

    >>> import rdflib
    >>> g = rdflib.Graph()
    >>> _ = g.add((rdflib.URIRef("e:a"), rdflib.URIRef("p:meet"), rdflib.URIRef("e:b")))
    >>> result_triples(g.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"))
    [('e:a', 'p:meet', 'e:b')]
    >>> result_triples(g.query("CONSTRUCT { ?o ?p ?s } WHERE { ?s ?p ?o }"))
    [('e:b', 'p:meet', 'e:a')]
    """
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return [(str(s), str(p), str(o)) for s, p, o in result.graph]
    if result.type == "SELECT":
        names = {str(v) for v in result.vars or ()}
        if not {"s", "p", "o"} <= names:
            raise ValueError(f"a SELECT to view must bind ?s ?p ?o (it binds {', '.join(sorted(names)) or 'nothing'})")
        return [
            (str(row["s"]), str(row["p"]), str(row["o"]))
            for row in result
            if row["s"] is not None and row["p"] is not None and row["o"] is not None
        ]
    raise ValueError(f"cannot view the result of an {result.type} query: use CONSTRUCT or SELECT ?s ?p ?o")


def pagerank(graph: nx.MultiDiGraph, alpha: float = 0.85) -> dict[str, float]:
    """Return the PageRank of every entity, ignoring edge direction.

    Direction is ignored because an entity that mostly *acts* (a subject) is as
    central to a news story as one that is mostly acted on. Parallel
    statements count as weight. Uses :func:`networkx.pagerank` (which needs
    SciPy) and falls back to a plain power iteration with the same definition
    when SciPy is not installed.

    >>> import networkx as nx
    >>> ranks = pagerank(nx.MultiDiGraph([("a", "hub"), ("b", "hub"), ("hub", "c")]))
    >>> max(ranks, key=ranks.get), round(sum(ranks.values()), 6)
    ('hub', 1.0)
    """
    undirected = nx.Graph()
    undirected.add_nodes_from(graph)
    for u, v in graph.edges():
        if u == v:
            continue  # a self-loop says nothing about centrality
        w = undirected.get_edge_data(u, v, {"weight": 0})["weight"]
        undirected.add_edge(u, v, weight=w + 1)
    try:
        return nx.pagerank(undirected, alpha=alpha, weight="weight")
    except ModuleNotFoundError:  # SciPy is not a dependency of kg
        return _pagerank_power(undirected, alpha)


def _pagerank_power(graph: nx.Graph, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6) -> dict[str, float]:
    """PageRank of a weighted undirected graph by power iteration (networkx's definition).

    >>> import networkx as nx
    >>> r = _pagerank_power(nx.path_graph(3))
    >>> r[1] > r[0] == r[2]
    True
    """
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    strength = dict(graph.degree(weight="weight"))
    x = dict.fromkeys(graph, 1.0 / n)
    for _ in range(max_iter):
        previous = x
        # mass of entities without relations is spread evenly, as networkx does
        dangling = alpha * sum(previous[v] for v in graph if strength[v] == 0)
        x = dict.fromkeys(graph, (1.0 - alpha) / n + dangling / n)
        for v in graph:
            if strength[v]:
                share = alpha * previous[v] / strength[v]
                for u, w in graph[v].items():
                    x[u] += share * w.get("weight", 1)
        if sum(abs(x[v] - previous[v]) for v in graph) < n * tol:
            break
    return x


def cap_nodes(
    graph: nx.MultiDiGraph,
    max_nodes: int | None,
    by: Literal["pagerank", "degree"] = "pagerank",
) -> tuple[nx.MultiDiGraph, int]:
    """Keep the ``max_nodes`` most central entities; return the reduced graph and the total.

    Centrality is PageRank (:func:`pagerank`) or the number of relations;
    ties go to the entity with more mentions, then to the smaller IRI, so the
    result does not depend on insertion order. ``max_nodes=None`` (or a cap
    at least the graph's size) keeps everything.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("hub", "a"), ("hub", "b"), ("hub", "c"), ("a", "b")])
    >>> small, total = cap_nodes(g, 2, by="degree")
    >>> sorted(small), total
    (['a', 'hub'], 4)
    >>> cap_nodes(g, None)[0].number_of_nodes()
    4
    """
    total = graph.number_of_nodes()
    if max_nodes is None or max_nodes >= total:
        return _deepish_copy(graph), total
    if max_nodes < 0:
        raise ValueError(f"max_nodes must be >= 0, got {max_nodes}")
    if by == "pagerank":
        score: dict[str, float] = pagerank(graph)
    elif by == "degree":
        score = dict(graph.degree())
    else:
        raise ValueError(f"by must be 'pagerank' or 'degree', got {by!r}")
    mentions = {n: m or 0 for n, m in graph.nodes(data="mentions")}
    # round so that float noise in PageRank does not beat the mention tie-break
    ranked = sorted(graph, key=lambda n: (-round(score[n], 12), -mentions[n], str(n)))
    return _induced(graph, ranked[:max_nodes]), total


def focus(
    graph: nx.MultiDiGraph,
    *,
    entity: str | None = None,
    hops: int = 1,
    types: Iterable[str] | None = None,
    min_confidence: float | None = None,
    triples: Iterable[tuple[Any, Any, Any]] | None = None,
    document: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> nx.MultiDiGraph:
    """Apply the view filters that are given, in the order the CLI documents.

    The SPARQL result (``triples``) narrows first, then the ``document``, then
    the dates (``since``, ``until``), the types, the confidence, and the
    neighbourhood of ``entity`` last, so that hops are counted over the
    relations that are actually shown.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("e:a", label="Alice", type="Person")
    >>> g.add_node("e:b", label="Bob", type="Person")
    >>> g.add_node("e:p", label="Paris", type="Place")
    >>> _ = g.add_edge("e:a", "e:b", key="s:1", confidence=0.9)
    >>> _ = g.add_edge("e:b", "e:p", key="s:2", confidence=0.4)
    >>> sorted(focus(g, entity="Alice", hops=2, min_confidence=0.5))
    ['e:a', 'e:b']
    >>> sorted(focus(g, types=["Place"])), focus(g).number_of_edges()
    (['e:p'], 2)
    """
    result = graph
    if triples is not None:
        result = restrict_to_triples(result, triples)
    if document is not None:
        result = filter_document(result, document)
    if since is not None or until is not None:
        result = filter_dates(result, since, until)
    if types:
        result = filter_types(result, types)
    if min_confidence is not None:
        result = filter_confidence(result, min_confidence)
    if entity:
        result = neighbourhood(result, entity, hops)
    return _deepish_copy(result) if result is graph else result


def _graph_class(graph: nx.MultiDiGraph) -> type[nx.MultiDiGraph]:
    """The class of the results: the input's (kg's ``EntityGraph`` shows in notebooks), a plain
    ``MultiDiGraph`` for anything else (a view, a frozen graph)."""
    cls = type(graph)
    return cls if issubclass(cls, nx.MultiDiGraph) and not nx.is_frozen(graph) else nx.MultiDiGraph


def _empty_like(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    result = _graph_class(graph)()
    result.graph.update(graph.graph)
    return result


def _deepish_copy(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Copy so that list attributes (aliases, documents) are not shared with the input."""
    result = _graph_class(graph)(graph)  # also turns a subgraph view into a real graph
    for _, data in result.nodes(data=True):
        for key, value in data.items():
            if isinstance(value, list):
                data[key] = list(value)
    return result


def _induced(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> nx.MultiDiGraph:
    """The subgraph on ``nodes`` with every edge among them, as an independent copy.

    Nodes and edges keep the input's order (a subgraph view iterates a set,
    whose order changes from run to run), so the same graph draws the same page.

    >>> g = nx.MultiDiGraph([("c", "a"), ("a", "b"), ("b", "c")])
    >>> sub = _induced(g, {"b", "c"})
    >>> list(sub.nodes()), list(sub.edges())
    (['c', 'b'], [('b', 'c')])
    """
    keep = set(nodes)
    result = _empty_like(graph)
    result.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if n in keep)
    result.add_edges_from((u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if u in keep and v in keep)
    return _deepish_copy(result)
