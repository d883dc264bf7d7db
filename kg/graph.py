"""The library's main object: a built knowledge graph and what you can do with it."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from rdflib.query import Result

from .query import run_query
from .store import GraphStore


class KnowledgeGraph:
    """A knowledge graph: the rdflib ``Dataset`` of a build, with query, view and export.

    >>> import kg
    >>> graph = kg.KnowledgeGraph(GraphStore(kind="memory"))
    >>> len(graph)
    0
    """

    def __init__(self, store: GraphStore, report: Any = None):
        self.store = store
        self.report = report

    @classmethod
    def open(cls, out: str | Path, *, read_only: bool = True) -> KnowledgeGraph:
        """Open the knowledge graph a build wrote to ``out``."""
        return cls(GraphStore.open_output(out, read_only=read_only))

    @property
    def dataset(self):
        """The rdflib :class:`~rdflib.Dataset` (queries see the union of the named graphs)."""
        return self.store.dataset

    def __len__(self) -> int:
        return self.store.count()

    def query(self, sparql: str, *, timeout: float | None = None) -> Result:
        """Run SPARQL with the standard prefixes (kg, rel, schema, prov, skos, rdfs, nif, ...) declared."""
        return run_query(self.dataset, sparql, timeout=timeout)

    def to_networkx(self, *, include_isolated: bool = False):
        """The entity graph as a ``networkx.MultiDiGraph`` (see :func:`kg.entity_graph.entity_graph`)."""
        from .entity_graph import entity_graph

        return entity_graph(self.store, include_isolated=include_isolated)

    def to_html(self, path: str | Path, **options: Any):
        """Write a self-contained interactive HTML view; returns a summary of what is shown."""
        from .view import render_html

        return render_html(self.to_networkx(), Path(path), **options)

    def serialize(self, fmt: str = "trig", destination: str | Path | IO[bytes] | None = None) -> bytes | None:
        """Serialize as ttl, nt, nq, trig, jsonld or xml; to ``destination``, else return the bytes."""
        if destination is not None:
            self.store.dump(destination, fmt)
            return None
        import io

        buffer = io.BytesIO()
        self.store.dump(buffer, fmt)
        return buffer.getvalue()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
