"""Interactive HTML views of the entity graph.

The entity view is a ``networkx.MultiDiGraph`` (kg's :class:`~kg.entity_graph.EntityGraph`,
which a Jupyter notebook shows as this view): node id = entity IRI, with ``label``, ``type``,
``aliases``, ``mentions``, ``documents``; edge key = statement IRI, with ``relation``,
``predicate``, ``statement``, ``sentence``, ``document``, ``title``, ``published``,
``location``, ``time``, ``date``, ``negated``, ``hedged``, ``confidence``, ``attributed_to``.

Focus with the filters, then render; the page shows the entities a reader wants first
(:mod:`kg.view.story`)::

    from kg.view import neighbourhood, filter_confidence, render_html
    render_html(filter_confidence(neighbourhood(g, "NATO", 2), 0.6), Path("nato.html"))
"""

from kg.view.filters import (
    cap_nodes,
    filter_confidence,
    filter_dates,
    filter_document,
    filter_types,
    find_documents,
    find_entities,
    focus,
    neighbourhood,
    pagerank,
    restrict_to_triples,
    result_triples,
)
from kg.view.render import TYPE_COLOURS, ViewSummary, build_network, notebook_html, render_html, render_page
from kg.view.story import is_generic, select_story, story_nodes

__all__ = [
    "TYPE_COLOURS",
    "ViewSummary",
    "build_network",
    "cap_nodes",
    "filter_confidence",
    "filter_dates",
    "filter_document",
    "filter_types",
    "find_documents",
    "find_entities",
    "focus",
    "is_generic",
    "neighbourhood",
    "notebook_html",
    "pagerank",
    "render_html",
    "render_page",
    "restrict_to_triples",
    "result_triples",
    "select_story",
    "story_nodes",
]
