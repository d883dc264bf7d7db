"""kg: knowledge graphs from English news text.

Example::

    import kg
    graph = kg.build(["corpus/"], "out/")
    for row in graph.query("SELECT ?s ?o WHERE { ?s rel:meet ?o }"):
        print(row.s, row.o)
"""

__version__ = "0.1.0"

from .build import BuildReport, build
from .errors import KGError
from .graph import KnowledgeGraph
from .settings import Settings

__all__ = ["BuildReport", "KGError", "KnowledgeGraph", "Settings", "__version__", "build", "open", "to_networkx"]


def open(out):
    """Open the knowledge graph a build wrote to ``out`` (read-only)."""
    return KnowledgeGraph.open(out)


def to_networkx(graph_or_out, **filters):
    """The entity graph of a ``KnowledgeGraph`` or a build's output directory, as a ``MultiDiGraph``.

    ``filters`` are those of :func:`kg.view.focus` (``entity``, ``hops``,
    ``types``, ``min_confidence``), e.g. ``kg.to_networkx("out/", entity="Taliban", hops=2)``.
    """
    from .view import focus

    if isinstance(graph_or_out, KnowledgeGraph):
        entities = graph_or_out.to_networkx()
    else:
        with KnowledgeGraph.open(graph_or_out) as graph:
            entities = graph.to_networkx()
    return focus(entities, **filters) if filters else entities
