"""kg: knowledge graphs from English news text.

>>> import kg
>>> graph = kg.build(["corpus/"])                     # doctest: +SKIP
>>> graph.query("SELECT ?s ?o WHERE { ?s rel:meet ?o }")  # doctest: +SKIP
"""

__version__ = "0.1.0"

from .build import BuildReport, build  # noqa: E402
from .errors import KGError  # noqa: E402
from .graph import KnowledgeGraph  # noqa: E402
from .settings import Settings  # noqa: E402

__all__ = ["BuildReport", "KGError", "KnowledgeGraph", "Settings", "__version__", "build", "open"]


def open(out):  # noqa: A001  (mirrors the builtin on purpose: kg.open(OUT))
    """Open the knowledge graph a build wrote to ``out`` (read-only)."""
    return KnowledgeGraph.open(out)
