"""The store: an rdflib ``Dataset`` over a persistent Oxigraph store, or rdflib's memory store.

Writes go through Oxigraph's native N-Quads loader, not triple-by-triple
Python loops; reads go through rdflib (for the library API) or pyoxigraph.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from .errors import KGError, StoreNotFound
from .rdf.namespaces import PREFIXES
from .rdf.terms import graph_body

STORE_DIR = "store"

#: Output formats by short name → (pyoxigraph format, rdflib format name).
FORMATS: dict[str, tuple[ox.RdfFormat, str]] = {
    "ttl": (ox.RdfFormat.TURTLE, "turtle"),
    "nt": (ox.RdfFormat.N_TRIPLES, "nt"),
    "nq": (ox.RdfFormat.N_QUADS, "nquads"),
    "trig": (ox.RdfFormat.TRIG, "trig"),
    "jsonld": (ox.RdfFormat.JSON_LD, "json-ld"),
    "xml": (ox.RdfFormat.RDF_XML, "xml"),
}


class GraphStore:
    """Named graphs of a build, behind one rdflib :class:`~rdflib.Dataset`.

    ``kind="oxigraph"`` keeps them on disk under ``path``; ``kind="memory"``
    holds them in rdflib's memory store for throwaway runs. Queries see the
    union of all named graphs.
    """

    def __init__(self, path: Path | str | None = None, *, kind: str = "oxigraph", read_only: bool = False):
        self.kind = kind
        self.read_only = read_only
        self.path = Path(path) if path is not None else None
        self.ox: ox.Store | None = None
        if kind == "oxigraph":
            from oxrdflib import OxigraphStore

            try:
                if self.path is None:
                    self.ox = ox.Store()
                elif read_only:
                    self.ox = ox.Store.read_only(str(self.path))
                else:
                    self.path.mkdir(parents=True, exist_ok=True)
                    self.ox = ox.Store(str(self.path))
            except OSError as error:
                raise KGError(f"cannot open the store at {self.path}: {error}") from None
            self.dataset = Dataset(store=OxigraphStore(store=self.ox), default_union=True)
        elif kind == "memory":
            self.dataset = Dataset(default_union=True)
        else:
            raise KGError(f"unknown store {kind!r}: use 'oxigraph' or 'memory'")
        for prefix, namespace in PREFIXES.items():
            self.dataset.bind(prefix, namespace, override=True)

    @classmethod
    def open_output(cls, out: Path | str, *, read_only: bool = True) -> GraphStore:
        """Open the store of a build output directory."""
        path = Path(out) / STORE_DIR
        if not path.is_dir():
            raise StoreNotFound(f"no graph store in {out}: build one with 'kg build PATH -o {out}'")
        return cls(path, read_only=read_only)

    def replace_graph(self, graph: str, nquads: str) -> None:
        """Replace one named graph with the quads given (all in that graph), in one transaction."""
        self.replace_graphs([(graph, nquads)])

    def replace_graphs(self, items: Iterable[tuple[str, str]]) -> None:
        """Replace several named graphs, each with its N-Quads (all in that graph).

        Crash-safe on Oxigraph: every graph is replaced inside one transaction
        (a killed process leaves each graph either old or new, never half
        written): new graphs in one ``load``, existing ones in one SPARQL
        update of ``DROP`` + ``INSERT DATA``.
        """
        items = list(dict(items).items())  # a graph given twice: the last one wins
        if self.ox is None:
            for graph, nquads in items:
                self.remove_graph(graph)
                self.load_nquads(nquads)
            return
        fresh: list[str] = []
        existing: list[tuple[str, str]] = []
        for graph, nquads in items:
            if self.ox.contains_named_graph(ox.NamedNode(graph)):
                existing.append((graph, nquads))
            else:
                fresh.append(nquads)
        if fresh:
            self.load_nquads("".join(fresh))
        if existing:
            self.ox.update(" ;\n".join(_replace_operation(graph, nquads) for graph, nquads in existing))

    def load_nquads(self, nquads: str | bytes) -> None:
        """Load N-Quads with the store's native parser."""
        if not nquads:
            return
        if self.ox is not None:
            self.ox.load(nquads, format=ox.RdfFormat.N_QUADS)
        else:
            self.dataset.parse(data=nquads if isinstance(nquads, str) else nquads.decode(), format="nquads")

    def remove_graph(self, graph: str) -> None:
        if self.ox is not None:
            node = ox.NamedNode(graph)
            if self.ox.contains_named_graph(node):
                self.ox.remove_graph(node)
        else:
            self.dataset.remove_graph(URIRef(graph))

    def graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        if self.ox is not None:
            return sorted(g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode))
        return sorted(str(g.identifier) for g in self.dataset.graphs() if isinstance(g.identifier, URIRef))

    def count(self, graph: str | None = None) -> int:
        """Number of quads in one named graph, or in the whole store."""
        if self.ox is not None:
            if graph is None:
                return len(self.ox)
            return sum(1 for _ in self.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
        if graph is None:
            return sum(1 for _ in self.dataset.quads((None, None, None, None)))
        return len(self.dataset.graph(URIRef(graph)))

    def dump(self, output: str | Path | IO[bytes], fmt: str = "trig") -> None:
        """Serialize everything; quad formats keep the named graphs, triple formats merge them.

        Oxigraph serializes natively and streams, so large exports never copy the graph in memory.
        """
        ox_format, rdflib_format = FORMATS[fmt]
        if fmt == "jsonld":
            self._dump_jsonld(output)
            return
        if self.ox is not None:
            if ox_format.supports_datasets:
                self.ox.dump(output, format=ox_format, prefixes=PREFIXES)
            else:
                from .jsonld import subject_grouped_triples  # the union, each triple once

                ox.serialize(subject_grouped_triples(self.ox), output, format=ox_format, prefixes=PREFIXES)
            return
        source = self.dataset if ox_format.supports_datasets else _union(self.dataset)
        data = source.serialize(format=rdflib_format)
        data = data.encode("utf-8") if isinstance(data, str) else data
        if isinstance(output, (str, Path)):
            Path(output).write_bytes(data)
        else:
            output.write(data)

    def _dump_jsonld(self, output: str | Path | IO[bytes]) -> None:
        """Compact JSON-LD of the union of the graphs, each triple once (:mod:`kg.jsonld`)."""
        from .jsonld import subject_grouped_triples, write_jsonld

        if isinstance(output, (str, Path)):
            with open(output, "wb") as handle:
                self._dump_jsonld(handle)
            return
        source = self.ox
        if source is None:
            source = ox.Store()
            source.load(self.dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
        write_jsonld(subject_grouped_triples(source), output)

    def flush(self) -> None:
        """Write everything to disk (Oxigraph; without it a store reopens slowly)."""
        if self.ox is not None and self.path is not None and not self.read_only:
            self.ox.flush()

    def close(self) -> None:
        """Flush and release the store, so the same directory can be opened again in this process."""
        try:
            self.flush()
        except OSError:
            pass  # e.g. a full disk: release it all the same; what was committed is on disk
        self.ox = None
        if self.kind == "oxigraph":
            # rdflib's wrapper holds the other reference to the Oxigraph store (and its lock).
            self.dataset = Dataset(default_union=True)
            import gc

            gc.collect()


def _replace_operation(graph: str, nquads: str) -> str:
    """SPARQL update text replacing ``graph`` by ``nquads`` (N-Quads all in that graph)."""
    return f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{\n{graph_body(graph, nquads)}}} }}"


def _union(dataset: Dataset):
    from rdflib import Graph

    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union
