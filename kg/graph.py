"""The library's main object: a built knowledge graph and what you can do with it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib.query import Result

from .errors import KGError
from .query import run_query
from .rdf.namespaces import PREFIXES
from .store import FORMATS, GraphStore

#: Formats that keep the named graphs; the others hold the union of all graphs.
QUAD_FORMATS = ("nq", "trig")

#: Triples stated in more than one graph (two documents with the same fact; the default graph too).
_SHARED_TRIPLES = """
SELECT DISTINCT ?s ?p ?o WHERE {
  { GRAPH ?g { ?s ?p ?o } FILTER EXISTS { GRAPH ?other { ?s ?p ?o } FILTER (?other != ?g) } }
  UNION
  { ?s ?p ?o FILTER EXISTS { GRAPH ?other { ?s ?p ?o } } }
}"""


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
        """Write a self-contained interactive HTML view; returns a summary of what is shown.

        ``options`` are :func:`kg.view.render_html`'s (``max_nodes``, ``cap_by``, ``title``...).
        """
        from .view import render_html

        return render_html(self.to_networkx(), Path(path), **options)

    def _repr_html_(self) -> str:
        """The HTML view inline in a Jupyter notebook: the page :meth:`to_html` writes, in an iframe."""
        from .view.render import notebook_html

        return notebook_html(self.to_networkx())

    def serialize(self, fmt: str = "trig", destination: str | Path | IO[bytes] | None = None) -> bytes | None:
        """Serialize as ttl, nt, nq, trig, jsonld or xml; to ``destination``, else return the bytes.

        N-Quads and TriG keep the named graphs; the other formats hold their union, each triple once
        (see :func:`export`).
        """
        if destination is not None:
            export(self.store, destination, fmt)
            return None
        buffer = io.BytesIO()
        export(self.store, buffer, fmt)
        return buffer.getvalue()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def export(store: GraphStore, output: str | Path | IO[bytes], fmt: str) -> None:
    """Write the store as ``fmt`` to a path or a binary file.

    Every format reads back, in rdflib and in pyoxigraph, as the same statements: quad formats as
    the store's quads, triple formats (ttl, nt, jsonld, xml) as the union of its graphs with each
    triple once, where Oxigraph alone would repeat a triple once per graph stating it. Literals
    hold no character XML cannot carry (:func:`kg.rdf.terms.literal`); RDF/XML writes carriage
    returns as ``&#13;``, which XML parsers would otherwise read as line feeds.
    """
    if fmt not in FORMATS:
        raise KGError(f"unknown RDF format {fmt!r}: use one of {', '.join(FORMATS)}")
    if isinstance(output, (str, Path)):
        with open(output, "wb") as handle:
            export(store, handle, fmt)
        return
    target: IO[bytes] = _CarriageReturns(output) if fmt == "xml" else output  # type: ignore[assignment]
    ox_format = FORMATS[fmt][0]
    source = store.ox
    if source is None:
        # rdflib's own writers differ (its RDF/XML one writes 'rel:rock%27_' as an element name):
        # the memory store is written by Oxigraph too, from an in-memory copy.
        source = ox.Store()
        source.load(store.dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    if fmt in QUAD_FORMATS:
        source.dump(target, format=ox_format, prefixes=PREFIXES)
    elif fmt == "jsonld":
        from .jsonld import subject_grouped_triples, write_jsonld  # compact, one node object per subject

        write_jsonld(subject_grouped_triples(source), target)
    else:
        ox.serialize(_union_triples(source), target, format=ox_format, prefixes=PREFIXES)


def _union_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """The triples of all graphs, each once, in the store's order.

    Only triples stated in several graphs are remembered (usually few), so memory stays small
    whatever the size of the store.
    """
    pending = {ox.Triple(s, p, o) for s, p, o in store.query(_SHARED_TRIPLES)}
    written: set[ox.Triple] = set()
    for quad in store.quads_for_pattern(None, None, None):
        triple = ox.Triple(quad.subject, quad.predicate, quad.object)
        if pending and triple in pending:
            pending.discard(triple)
            written.add(triple)
        elif written and triple in written:
            continue
        yield triple


class _CarriageReturns:
    """A binary writer that turns raw carriage returns into ``&#13;``.

    For RDF/XML only: there a raw CR can only be literal text (IRIs percent-encode it, the writer ends
    lines with LF), and being one byte it is never split between two writes.
    """

    def __init__(self, target: IO[bytes]):
        self.target = target

    def write(self, data: bytes) -> int:
        self.target.write(bytes(data).replace(b"\r", b"&#13;"))
        return len(data)

    def flush(self) -> None:
        self.target.flush()
