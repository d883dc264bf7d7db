"""kg: knowledge graphs from English news text.

Example::

    import kg
    graph = kg.build(["corpus/"], "out/")
    for row in graph.query("SELECT ?s ?o WHERE { ?s rel:meet ?o }"):
        print(row.s, row.o)

``import kg`` is cheap: the pipeline (and spaCy) is imported on first use of
:func:`build`, :class:`KnowledgeGraph` and the rest (module ``__getattr__``).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

from .errors import KGError

__version__ = "0.1.0"

__all__ = ["BuildReport", "KGError", "KnowledgeGraph", "Settings", "__version__", "build", "open", "to_networkx"]

#: Public names imported on first use: name → module that defines it.
_LAZY = {
    "BuildReport": ".build",
    "build": ".build",
    "KnowledgeGraph": ".graph",
    "Settings": ".settings",
}

if TYPE_CHECKING:
    from .build import BuildReport, build
    from .graph import KnowledgeGraph
    from .settings import Settings


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """The type of the ``kg`` module: importing the submodule ``kg.build`` does not hide the function ``kg.build``.

    The import system sets each submodule as an attribute of its package once
    loaded; for a submodule named like the public name it defines, the name is
    kept, as an eager ``from .build import build`` would have done.
    """

    def __setattr__(self, name: str, value) -> None:
        if isinstance(value, types.ModuleType) and value.__name__ == f"{__name__}.{name}" and name in _LAZY:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def open(out):
    """Open the knowledge graph a build wrote to ``out`` (read-only)."""
    from .graph import KnowledgeGraph

    return KnowledgeGraph.open(out)


def to_networkx(graph_or_out, **filters):
    """The entity graph of a ``KnowledgeGraph`` or a build's output directory, as a ``MultiDiGraph``.

    ``filters`` are those of :func:`kg.view.focus` (``entity``, ``hops``,
    ``types``, ``min_confidence``), e.g. ``kg.to_networkx("out/", entity="Taliban", hops=2)``.
    """
    from .graph import KnowledgeGraph
    from .view import focus

    if isinstance(graph_or_out, KnowledgeGraph):
        entities = graph_or_out.to_networkx()
    else:
        with KnowledgeGraph.open(graph_or_out) as graph:
            entities = graph.to_networkx()
    return focus(entities, **filters) if filters else entities
