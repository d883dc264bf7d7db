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

__all__ = ["BuildReport", "KGError", "KnowledgeGraph", "Settings", "__version__", "build", "open"]


def open(out):
    """Open the knowledge graph a build wrote to ``out`` (read-only)."""
    return KnowledgeGraph.open(out)
