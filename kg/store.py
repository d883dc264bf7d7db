"""The store: an rdflib ``Dataset`` over a persistent Oxigraph store, or rdflib's memory store.

Writes go through Oxigraph's native N-Quads loader, not triple-by-triple
Python loops; reads go through rdflib (for the library API) or pyoxigraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .errors import KGError, StoreNotFound
from .heap import collect_everything, release_free_memory
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


#: Store kinds by name (:func:`register_store`); ``Settings(store=NAME)`` chooses one.
_STORES: dict[str, type[GraphStore]] = {}


def register_store(name: str):
    """Register a :class:`GraphStore` subclass under ``name`` (a new backend is a registration)."""

    def register(cls: type[GraphStore]) -> type[GraphStore]:
        cls.kind = name
        _STORES[name] = cls
        return cls

    return register


def store_names() -> list[str]:
    return sorted(_STORES)


def store_class(kind: str) -> type[GraphStore]:
    """The store class registered as ``kind``; a clear error for an unknown one."""
    if kind not in _STORES:
        raise KGError(f"unknown store {kind!r}: use one of {', '.join(store_names())}")
    return _STORES[kind]


class GraphStore:
    """Named graphs of a build, behind one rdflib :class:`~rdflib.Dataset`; queries see their union.

    ``GraphStore(path, kind=NAME)`` makes the store registered as ``NAME``:
    ``"oxigraph"`` keeps the graphs on disk under ``path`` (in memory without
    one), ``"memory"`` holds them in rdflib's memory store for throwaway runs.

    >>> store = GraphStore(kind="memory")
    >>> type(store).__name__, store.graphs(), store.count()
    ('MemoryGraphStore', [], 0)
    """

    #: Hand glibc's free pages back at each flush, where a store flushes (see :mod:`kg.heap`). A build
    #: turns it off while the same process parses: the parser frees and reallocates large arrays every
    #: batch, and the pages handed back were faulted in again (measured: twice the page faults, 1.3–2.8 s
    #: more of a 32 s build).
    release_on_flush = True

    kind = ""
    #: Whether the graphs outlive the process (a build into OUT keeps its state only then).
    persistent = False
    #: Whether loading runs natively, beside Python (then a build maps and stores documents early).
    loads_natively = False

    def __new__(cls, path: Path | str | None = None, *, kind: str = "oxigraph", read_only: bool = False):
        if cls is GraphStore:
            cls = store_class(kind)
        return super().__new__(cls)

    def __init__(self, path: Path | str | None = None, *, kind: str = "oxigraph", read_only: bool = False):
        self.read_only = read_only
        self.path = Path(path) if path is not None else None
        self.ox: ox.Store | None = None  # the native Oxigraph store, where there is one
        self.dataset = self._open()
        self._bind_prefixes()

    def _bind_prefixes(self) -> None:
        for prefix, namespace in PREFIXES.items():
            self.dataset.bind(prefix, namespace, override=True)

    def _open(self) -> Dataset:
        raise NotImplementedError

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
        """Replace several named graphs, each with its N-Quads (all in that graph)."""
        for graph, nquads in dict(items).items():  # a graph given twice: the last one wins
            self.remove_graph(graph)
            self.load_nquads(nquads)

    def load_nquads(self, nquads: str | bytes) -> None:
        """Load N-Quads with the store's native parser."""
        raise NotImplementedError

    def append_nquads(self, nquads: str | bytes) -> None:
        """Load a further piece of a graph written in pieces (a long document's): as :meth:`load_nquads`,
        where a store has no faster way. The journal lists the document before its first piece."""
        self.load_nquads(nquads)

    def remove_graph(self, graph: str) -> None:
        raise NotImplementedError

    def graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        raise NotImplementedError

    def iter_graphs(self) -> Iterator[str]:
        """IRIs of the named graphs, in no order (a store of many documents need not list them at once)."""
        return iter(self.graphs())

    def has_graph(self, graph: str) -> bool:
        return any(g == graph for g in self.iter_graphs())

    def graphs_using(self, predicate: str) -> set[str]:
        """The named graphs with a triple of ``predicate`` (found by the predicate, not by listing every graph)."""
        quads = self.dataset.quads((None, URIRef(predicate), None, None))
        names = (getattr(c, "identifier", c) for _, _, _, c in quads)  # a graph or its name, by rdflib version
        return {str(name) for name in names if isinstance(name, URIRef) and name != DATASET_DEFAULT_GRAPH_ID}

    def count(self, graph: str | None = None) -> int:
        """Number of quads in one named graph, or in the whole store."""
        raise NotImplementedError

    def dump(self, output: str | Path | IO[bytes], fmt: str = "trig") -> None:
        """Serialize everything; quad formats keep the named graphs, triple formats merge them (each triple once)."""
        if fmt == "jsonld":
            self._dump_jsonld(output)
            return
        self._dump(output, fmt)

    def _dump(self, output: str | Path | IO[bytes], fmt: str) -> None:
        raise NotImplementedError

    def _native(self) -> ox.Store:
        """An Oxigraph store holding these graphs (this one's own where it has one)."""
        if self.ox is not None:
            return self.ox
        source = ox.Store()
        source.load(self.dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
        return source

    def _dump_jsonld(self, output: str | Path | IO[bytes]) -> None:
        """Compact JSON-LD of the union of the graphs, each triple once (:mod:`kg.jsonld`)."""
        from .jsonld import subject_grouped_triples, write_jsonld

        if isinstance(output, (str, Path)):
            with open(output, "wb") as handle:
                self._dump_jsonld(handle)
            return
        write_jsonld(subject_grouped_triples(self._native()), output)

    def flush(self) -> None:
        """Write everything to disk, where the store is on disk."""

    def reopen(self) -> None:
        """Close and open the store again, where that frees memory a store keeps while open (Oxigraph's caches)."""

    def close(self) -> None:
        """Flush and release the store, so the same directory can be opened again in this process."""
        try:
            self.flush()
        except OSError:
            pass  # e.g. a full disk: release it all the same; what was committed is on disk


@register_store("oxigraph")
class OxigraphGraphStore(GraphStore):
    """Oxigraph (RocksDB) on disk under ``path``, or in memory without one; loads natively, crash-safe."""

    persistent = True
    loads_natively = True

    def _open(self) -> Dataset:
        from oxrdflib import OxigraphStore

        try:
            if self.path is None:
                self.ox = ox.Store()
            elif self.read_only:
                self.ox = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.ox = ox.Store(str(self.path))
        except OSError as error:
            raise KGError(f"cannot open the store at {self.path}: {error}") from None
        return Dataset(store=OxigraphStore(store=self.ox), default_union=True)

    def replace_graphs(self, items: Iterable[tuple[str, str]]) -> None:
        """Crash-safe: every graph is replaced inside one transaction (a killed process leaves
        each graph either old or new, never half written): new graphs in one ``load``,
        existing ones in one SPARQL update of the triples that change (:meth:`_change_operation`).
        A long document's first piece with its text on a line no parser takes (:data:`LONG_LINE`)
        replaces its graph in two steps: its graph is in the journal meanwhile."""
        fresh: list[str] = []
        existing: list[tuple[str, str]] = []
        for graph, nquads in dict(items).items():
            if not self.ox.contains_named_graph(ox.NamedNode(graph)):
                fresh.append(nquads)
            elif len(nquads) > LONG_LINE and max(map(len, nquads.split("\n"))) > LONG_LINE:
                self.remove_graph(graph)
                fresh.append(nquads)
            else:
                existing.append((graph, nquads))
        if fresh:
            self.load_nquads("".join(fresh))
        operations = [op for op in (self._change_operation(graph, nquads) for graph, nquads in existing) if op]
        if operations:
            self.ox.update(" ;\n".join(operations))

    def _change_operation(self, graph: str, nquads: str) -> str:
        """SPARQL update text turning the stored ``graph`` into ``nquads``: ``DELETE DATA`` and
        ``INSERT DATA`` of the triples that differ ("" when none do).

        A document's graph resolved again across the corpus differs from its early one in a few
        triples (84 of 32,298 in the 42 such graphs of ``benchmarks/build_speed.py``'s corpus):
        dropping and inserting them whole was most of the store's work at the end of a build.
        A graph mostly changed, emptied, or with blank nodes (which ``DELETE DATA`` cannot name) is
        replaced whole.
        """
        node = ox.NamedNode(graph)
        try:
            new = {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)}
        except (SyntaxError, ValueError):
            return _replace_operation(graph, nquads)  # the update reports it
        old = {q.triple for q in self.ox.quads_for_pattern(None, None, None, node)}
        removed = old - new
        if 2 * len(removed) > len(old) or not new or any(map(_has_blank_node, new)) or any(map(_has_blank_node, old)):
            return _replace_operation(graph, nquads)  # mostly new (dropping it is quicker), emptied, or blank nodes
        operations = []
        for verb, triples in (("DELETE", removed), ("INSERT", new - old)):
            if triples:
                body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
                operations.append(f"{verb} DATA {{ GRAPH <{graph}> {{\n{body}}} }}")
        return " ;\n".join(operations)

    def load_nquads(self, nquads: str | bytes) -> None:
        if nquads:
            self._load(nquads, lambda text: self.ox.load(text, format=ox.RdfFormat.N_QUADS))

    def append_nquads(self, nquads: str | bytes) -> None:
        """In bulk: about twice as fast as a transaction (a 20 MB text's graph is near a gigabyte of
        N-Quads). Not atomic, and need not be: a crash inside or between a graph's pieces leaves the
        document in the journal, and the next build writes its graph again whole."""
        if nquads:
            self._load(nquads, lambda text: self.ox.bulk_load(text, format=ox.RdfFormat.N_QUADS))

    def _load(self, nquads: str | bytes, load: Callable[[str | bytes], None]) -> None:
        """Load N-Quads; a line longer than Oxigraph's parser takes (its buffer holds 16 MiB: the
        ``nif:isString`` of a 20 MB document) is added as a quad made here, the others loaded.
        Only a long document has such a line, and its graph is in the journal while it is written."""
        try:
            load(nquads)
        except MemoryError:
            text = nquads.decode("utf-8") if isinstance(nquads, bytes) else nquads
            lines = text.split("\n")
            long = [line for line in lines if len(line) > LONG_LINE]
            if not long:
                raise
            # A failed load wrote nothing, or (in bulk) some quads, which loading them again keeps once.
            load("\n".join(line for line in lines if len(line) <= LONG_LINE))
            for line in long:
                self.ox.add(long_line_quad(line))

    def remove_graph(self, graph: str) -> None:
        node = ox.NamedNode(graph)
        if self.ox.contains_named_graph(node):
            self.ox.remove_graph(node)

    def graphs(self) -> list[str]:
        return sorted(self.iter_graphs())

    def iter_graphs(self) -> Iterator[str]:
        return (g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, graph: str) -> bool:
        return self.ox.contains_named_graph(ox.NamedNode(graph))

    def graphs_using(self, predicate: str) -> set[str]:
        # Listing every named graph of a large store filled Oxigraph's block cache (+126 MiB at 60,000 graphs);
        # so did reading the quads of the predicate, whose objects (every document of a build's manifest)
        # were each looked up as text (+31 MiB at 60,000 documents, bare store): the query names the graphs only.
        rows = self.ox.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s {ox.NamedNode(predicate)} ?o }} }}")
        return {row[0].value for row in rows if isinstance(row[0], ox.NamedNode)}

    def count(self, graph: str | None = None) -> int:
        if graph is None:
            return len(self.ox)
        return sum(1 for _ in self.ox.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def _dump(self, output: str | Path | IO[bytes], fmt: str) -> None:
        # Oxigraph serializes natively and streams: a large export never copies the graph in memory.
        ox_format = FORMATS[fmt][0]
        if ox_format.supports_datasets:
            self.ox.dump(output, format=ox_format, prefixes=PREFIXES)
        else:
            from .jsonld import subject_grouped_triples  # the union, each triple once

            ox.serialize(subject_grouped_triples(self.ox), output, format=ox_format, prefixes=PREFIXES)

    def flush(self) -> None:
        # Without it a store reopens slowly.
        if self.ox is not None and self.path is not None and not self.read_only:
            self.ox.flush()
            if self.release_on_flush:
                release_free_memory()  # the flushed write buffers' pages, else kept by glibc (see kg.heap)

    def reopen(self) -> None:
        """Close and open the store again: what RocksDB cached of its files is freed.

        RocksDB keeps the blocks it reads (a 32 MiB cache, and 128 MiB for the texts of terms) and each
        file's index while the store is open, and pyoxigraph sets no size for them: every load reads
        (each new quad is looked up first), so the cache filled as a build went on (a bare store,
        loading documents' graphs as a build does: 11.9 MiB in use at 20,000 documents, 52.0 MiB at
        200,000; 26.1 against 47.6 MiB at 140,000 when reopened every 20,000). A reopen takes a few
        milliseconds; the blocks read next come from the system's file cache.
        """
        if self.ox is None or self.path is None or self.read_only:
            return
        self.ox.flush()
        # oxrdflib's wrapper lets go of the store (else a reference cycle keeps it, and its lock, until
        # a collection); nothing else holds it, so RocksDB closes here and the directory can be opened.
        self.dataset.store.close()
        self.ox = None
        self.dataset = self._open()
        self._bind_prefixes()
        # Trimmed here even while the process parses (``release_on_flush`` off): a reopen comes once
        # every 32 MB of N-Quads, not every 4 MB, so the parser's pages faulted in again cost little,
        # while the free pages of RocksDB's threads (its compactions grow with the store) and of the
        # writer were otherwise kept until the per-document pass ended.
        release_free_memory()

    def close(self) -> None:
        super().close()
        self.ox = None
        # rdflib's wrapper holds the other reference to the Oxigraph store (and its lock).
        self.dataset = Dataset(default_union=True)
        collect_everything()


@register_store("memory")
class MemoryGraphStore(GraphStore):
    """rdflib's memory store: nothing on disk, for throwaway runs and tests."""

    def _open(self) -> Dataset:
        return Dataset(default_union=True)

    def load_nquads(self, nquads: str | bytes) -> None:
        if nquads:
            self.dataset.parse(data=nquads if isinstance(nquads, str) else nquads.decode(), format="nquads")

    def remove_graph(self, graph: str) -> None:
        self.dataset.remove_graph(URIRef(graph))

    def graphs(self) -> list[str]:
        return sorted(
            str(g.identifier)
            for g in self.dataset.graphs()
            if isinstance(g.identifier, URIRef) and g.identifier != DATASET_DEFAULT_GRAPH_ID
        )

    def count(self, graph: str | None = None) -> int:
        if graph is None:
            return sum(1 for _ in self.dataset.quads((None, None, None, None)))
        return len(self.dataset.graph(URIRef(graph)))

    def _dump(self, output: str | Path | IO[bytes], fmt: str) -> None:
        ox_format, rdflib_format = FORMATS[fmt]
        source = self.dataset if ox_format.supports_datasets else _union(self.dataset)
        data = source.serialize(format=rdflib_format)
        data = data.encode("utf-8") if isinstance(data, str) else data
        if isinstance(output, (str, Path)):
            Path(output).write_bytes(data)
        else:
            output.write(data)


def _has_blank_node(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _replace_operation(graph: str, nquads: str) -> str:
    """SPARQL update text replacing ``graph`` by ``nquads`` (N-Quads all in that graph)."""
    return f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{\n{graph_body(graph, nquads)}}} }}"


def _union(dataset: Dataset):
    from rdflib import Graph

    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


#: Lines longer than this many characters may pass Oxigraph's parser buffer (16 MiB of UTF-8).
LONG_LINE = 1_000_000
_QUAD_LINE = re.compile(r'<([^<>"]*)> <([^<>"]*)> "(.*)"(?:\^\^<([^<>"]*)>|@([A-Za-z0-9-]+))? <([^<>"]*)> \.\s*', re.S)
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
_ESCAPED = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2)
    return chr(int(code, 16)) if code else _ESCAPED[match.group(3)]


def long_line_quad(line: str) -> ox.Quad:
    r"""The quad of one N-Quads line with a literal object, as kg writes them, read without a parser's buffer.

    >>> quad = long_line_quad('<http://x/d> <http://x/p> "a \\"b\\"\\n\\u00e9"@en <http://x/g> .')
    >>> quad.object.value, quad.object.language, quad.graph_name.value
    ('a "b"\né', 'en', 'http://x/g')
    """
    match = _QUAD_LINE.fullmatch(line)
    if match is None:
        raise KGError(f"cannot read a {len(line):,}-character N-Quads line (no IRI subject and literal object)")
    subject, predicate, lexical, datatype, language, graph = match.groups()
    value = _ESCAPE.sub(_unescape, lexical)
    if language:
        term = ox.Literal(value, language=language)
    else:
        term = ox.Literal(value, datatype=ox.NamedNode(datatype) if datatype else None)
    return ox.Quad(ox.NamedNode(subject), ox.NamedNode(predicate), term, ox.NamedNode(graph))
