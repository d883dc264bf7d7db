"""Outputs a build feeds besides its store, registered by name.

A sink receives every document graph the build stores (``write``), the
entities and ontology graphs at the end (``close``), and the finished graph
(``finish``, e.g. to draw a view). The build makes the sinks named in
:attr:`kg.settings.Settings.sinks`; a new output is a new registration:

>>> from kg.sinks import Sink, register_sink, sink_names
>>> @register_sink("count")
... class CountingSink(Sink):
...     def __init__(self, context):
...         self.graphs = 0
...     def write(self, graphs):
...         self.graphs += len(graphs)
>>> "count" in sink_names()
True
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import KGError
from .outputs import GraphItem, ShardWriter, TrigWriter

if TYPE_CHECKING:
    from .graph import KnowledgeGraph
    from .settings import Settings


@dataclass(frozen=True)
class SinkContext:
    """What a sink is made from: the output directory (None for an in-memory build), settings and options."""

    out: Path | None
    settings: Settings
    options: dict[str, Any]


class Sink:
    """An output of a build. Every method is optional; the defaults do nothing."""

    #: Where the output is, for the build report (None: nothing to report).
    path: str | None = None
    #: Whether :meth:`write` wants each document graph (they are then handed over as they are stored).
    takes_graphs: bool = False

    def write(self, graphs: list[GraphItem]) -> None:
        """Documents' graphs as stored, in batches (called from the writer thread)."""

    def close(self, entities: tuple[str, str], ontology: tuple[str, str]) -> None:
        """The entities and ontology graphs ``(graph IRI, N-Quads)``: the store pass is done."""

    def close_pieces(self, entities: tuple[str, Iterable[str]], ontology: tuple[str, str]) -> None:
        """:meth:`close`, the entities graph's N-Quads given in pieces (a build of many documents has a
        long manifest); by default joined and handed to :meth:`close`."""
        graph, pieces = entities
        self.close((graph, "".join(pieces)), ontology)

    def abandon(self) -> None:
        """The build failed: leave no partial file under a final name."""

    def finish(self, graph: KnowledgeGraph) -> None:
        """The whole graph is stored (runs beside the store's flush)."""


_SINKS: dict[str, Callable[[SinkContext], Sink | None]] = {}


def register_sink(name: str) -> Callable:
    """Register a sink factory (a class or function taking a :class:`SinkContext`) under ``name``."""

    def register(factory: Callable[[SinkContext], Sink | None]) -> Callable[[SinkContext], Sink | None]:
        _SINKS[name] = factory
        return factory

    return register


def sink_names() -> list[str]:
    """Names of the registered sinks."""
    return sorted(_SINKS)


def make_sinks(names: list[str], context: SinkContext) -> dict[str, Sink]:
    """The sinks ``names``, made for this build; a factory may decline (None), e.g. without an output directory."""
    sinks: dict[str, Sink] = {}
    for name in names:
        if name not in _SINKS:
            raise KGError(f"unknown output {name!r}: registered outputs are {', '.join(sink_names())}")
        sink = _SINKS[name](context)
        if sink is not None:
            sinks[name] = sink
    return sinks


class _FileSink(Sink):
    """A writer of :mod:`kg.outputs` as a sink."""

    takes_graphs = True

    def __init__(self, writer: TrigWriter | ShardWriter, path: Path):
        self.writer, self.path = writer, str(path)

    def write(self, graphs: list[GraphItem]) -> None:
        self.writer.write(graphs)

    def close(self, entities: tuple[str, str], ontology: tuple[str, str]) -> None:
        self.writer.close(entities, ontology)

    def close_pieces(self, entities: tuple[str, Iterable[str]], ontology: tuple[str, str]) -> None:
        self.writer.close(entities, ontology)

    def abandon(self) -> None:
        self.writer.abandon()


@register_sink("trig")
def trig_file(context: SinkContext) -> Sink | None:
    """``OUT/graph.trig``: every named graph, for other triple stores."""
    if context.out is None:
        return None
    return _FileSink(TrigWriter(context.out / "graph.trig"), context.out / "graph.trig")


@register_sink("shards")
def nquads_shards(context: SinkContext) -> Sink | None:
    """N-Quads shards in the ``shards`` directory option, for a bulk loader."""
    directory = context.options.get("shards")
    if directory is None:
        return None
    return _FileSink(ShardWriter(Path(directory)), Path(directory))


class HtmlView(Sink):
    """``graph.html``: the interactive view of the entity graph."""

    def __init__(self, path: Path, max_nodes: int, *, import_early: bool = False):
        self.path, self.max_nodes = str(path), max_nodes
        self.importing: threading.Thread | None = None
        if import_early:
            # The view's modules (networkx, pyvis and the IPython it imports: ~0.3 s) load while the
            # build parses, instead of after it: the parse's matrix work leaves the GIL free.
            self.importing = threading.Thread(target=_import_view, name="kg-import-view", daemon=True)
            self.importing.start()

    def finish(self, graph: KnowledgeGraph) -> None:
        if self.importing is not None:
            self.importing.join()
        graph.to_html(self.path, title="Knowledge graph", max_nodes=self.max_nodes)


def _import_view() -> None:
    try:
        importlib.import_module("kg.view")
    except Exception:  # the import in finish() raises it again, where the build reports it
        return


@register_sink("html")
def html_view(context: SinkContext) -> Sink | None:
    """``OUT/graph.html``, the view of the most central entities."""
    if context.out is None:
        return None
    # Not where the build forks worker processes: a fork must not catch a module half imported.
    early = context.settings.workers <= 1
    return HtmlView(context.out / "graph.html", context.settings.view_max_nodes, import_early=early)
