"""Interactive HTML views of the entity graph.

The entity view is a ``networkx.MultiDiGraph``: node id = entity IRI, with
``label``, ``type``, ``aliases``, ``mentions``, ``documents``; edge key =
statement IRI, with ``relation``, ``predicate``, ``statement``, ``sentence``,
``document``, ``title``, ``location``, ``time``, ``negated``, ``confidence``,
``attributed_to``.

Focus with the filters, then render::

    from kg.view import neighbourhood, filter_confidence, render_html
    render_html(filter_confidence(neighbourhood(g, "NATO", 2), 0.6), Path("nato.html"))
"""

from kg.view.filters import (
    cap_nodes,
    filter_confidence,
    filter_types,
    find_entities,
    focus,
    neighbourhood,
    pagerank,
    restrict_to_triples,
    result_triples,
)
from kg.view.render import TYPE_COLOURS, ViewSummary, build_network, render_html

__all__ = [
    "TYPE_COLOURS",
    "ViewSummary",
    "build_network",
    "cap_nodes",
    "filter_confidence",
    "filter_types",
    "find_entities",
    "focus",
    "neighbourhood",
    "pagerank",
    "render_html",
    "restrict_to_triples",
    "result_triples",
]
