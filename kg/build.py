"""Build: read → parse → extract → resolve entities → map to RDF → store, and the outputs.

The split the rest of kg relies on:

- per-document work (:func:`process_documents`): read, parse, extract; a pure
  function of each document and the settings, results cached per document;
- the cross-document pass (:func:`resolve_entities`, :func:`map_document`):
  cheap, over the compact per-document results, then bulk-loaded into the store.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import __version__
from .analysis import analyze_document
from .entities import resolve_entities
from .errors import OutputNotWritable, StrictBuildFailed
from .graph import KnowledgeGraph
from .ontology import ontology_file
from .parsing import load_pipeline, parse_documents, resolve_model
from .rdf.iris import document_iri, entities_graph_iri, ontology_graph_iri
from .rdf.mapping import map_document, map_entities
from .reading import read_paths
from .records import Document, DocumentResult, Skipped
from .settings import Settings
from .store import STORE_DIR, GraphStore

STATE_FILE = "state.json"
RESULTS_DIR = "results"


@dataclass
class BuildReport:
    """What a build did: counts, timings, and every skipped or repaired input with its reason."""

    documents: int = 0
    documents_parsed: int = 0
    documents_unchanged: int = 0
    sentences: int = 0
    words: int = 0
    entities: int = 0
    statements: int = 0
    triples: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    skipped: list[dict[str, str]] = field(default_factory=list)
    repaired: list[dict[str, object]] = field(default_factory=list)
    entity_stats: dict[str, int] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    model: str = ""
    kg_version: str = __version__

    def to_dict(self) -> dict:
        return asdict(self)


Progress = Callable[[str, int], None]


def _pipeline_fingerprint(settings: Settings, model: str) -> str:
    """Cached per-document results are valid only for the same code, model and gazetteers."""
    digest = hashlib.sha256(f"{__version__}|{model}|{settings.base}".encode())
    for path in (str(ontology_file("entities.ttl")), *settings.gazetteers):
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]


def process_documents(
    documents: Iterable[Document], settings: Settings, progress: Progress | None = None
) -> Iterator[DocumentResult]:
    """Per-document work: parse and extract each document. Lazy and order-preserving."""
    nlp = load_pipeline(settings.model, settings.gazetteers)
    for document, chunks in parse_documents(nlp, documents, batch_size=settings.batch_size, n_process=settings.workers):
        result = analyze_document(document, chunks)
        if progress is not None:
            progress("document", result.words)
        yield result


class _Output:
    """The on-disk layout of a build output directory."""

    def __init__(self, out: Path):
        self.out = out
        self.results = out / RESULTS_DIR
        try:
            self.results.mkdir(parents=True, exist_ok=True)
            probe = out / ".kg-write-test"
            probe.write_text("")
            probe.unlink()
        except OSError as error:
            raise OutputNotWritable(f"cannot write to output directory {out}: {error.strerror or error}") from None

    def result_path(self, doc_id: str) -> Path:
        return self.results / (hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:24] + ".json")

    def load_state(self, fingerprint: str) -> dict:
        try:
            state = json.loads((self.out / STATE_FILE).read_text())
        except (OSError, ValueError):
            return {"fingerprint": fingerprint, "documents": {}}
        if state.get("fingerprint") != fingerprint:
            return {"fingerprint": fingerprint, "documents": {}}
        return state

    def save_state(self, state: dict) -> None:
        temporary = self.out / (STATE_FILE + ".tmp")
        temporary.write_text(json.dumps(state, indent=1, sort_keys=True))
        os.replace(temporary, self.out / STATE_FILE)

    def save_result(self, result: DocumentResult) -> None:
        path = self.result_path(result.document.id)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(result.to_dict(), ensure_ascii=False))
        os.replace(temporary, path)

    def load_result(self, doc_id: str) -> DocumentResult | None:
        try:
            return DocumentResult.from_dict(json.loads(self.result_path(doc_id).read_text()))
        except (OSError, ValueError, KeyError, TypeError):
            return None


def build(
    paths: Iterable[str | Path],
    out: str | Path | None = None,
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> KnowledgeGraph:
    """Build a knowledge graph from text files, directories, JSONL or stdin (``-``).

    With ``out``, the graph is stored persistently in ``out/store`` (Oxigraph)
    and ``graph.trig``, ``graph.html`` and ``report.json`` are written; building
    into an existing ``out`` adds new documents, skips unchanged ones and
    replaces changed ones. Without ``out`` the graph lives in memory.

    >>> import kg, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Senior Taliban officials met a U.S. delegation in Doha on Saturday.")
    >>> graph = kg.build([folder])
    >>> bool(graph.query("ASK { ?s rel:meet ?o }").askAnswer)
    True
    """
    settings = settings or Settings()
    started = time.perf_counter()
    report = BuildReport()
    report.model = resolve_model(settings.model)
    timings = report.timings
    output = _Output(Path(out)) if out is not None else None
    fingerprint = _pipeline_fingerprint(settings, report.model)
    state = output.load_state(fingerprint) if output else {"fingerprint": fingerprint, "documents": {}}
    known = state["documents"]

    if output is not None and settings.store == "oxigraph":
        store = GraphStore(output.out / STORE_DIR)
    else:
        store = GraphStore(kind="memory" if settings.store == "memory" else "oxigraph")

    # Reading happens lazily inside the parse stream; unchanged documents
    # are set aside before they reach the parser.
    results: dict[str, DocumentResult] = {}
    seen: set[str] = set()
    changed: set[str] = set()

    def fresh_documents() -> Iterator[Document]:
        for item in read_paths(paths, max_chars=settings.max_chars):
            if isinstance(item, Skipped):
                report.skipped.append({"source": item.source, "reason": item.reason})
                if on_skip is not None:
                    on_skip(item)
                continue
            if item.id in seen:
                reason = f"duplicate document id {item.id!r} (first one kept)"
                report.skipped.append({"source": item.source or item.id, "reason": reason})
                if on_skip is not None:
                    on_skip(Skipped(item.source or item.id, reason))
                continue
            seen.add(item.id)
            if item.repairs:
                report.repaired.append({"source": item.source or item.id, "repairs": item.repairs})
            previous = known.get(item.id)
            if previous is not None and previous.get("sha256") == item.sha256 and output is not None:
                cached = output.load_result(item.id)
                if cached is not None:
                    results[item.id] = cached
                    report.documents_unchanged += 1
                    if progress is not None:
                        progress("document", cached.words)
                    continue
            changed.add(item.id)
            yield item

    t = time.perf_counter()
    for result in process_documents(fresh_documents(), settings, progress):
        results[result.document.id] = result
        report.documents_parsed += 1
        if output is not None:
            output.save_result(result)
    timings["read_parse_extract"] = time.perf_counter() - t

    # Documents built before but not given this time stay in the graph.
    if output is not None:
        for doc_id in known:
            if doc_id not in results:
                cached = output.load_result(doc_id)
                if cached is not None:
                    results[doc_id] = cached

    t = time.perf_counter()
    index = resolve_entities(results.values(), settings.gazetteers)
    timings["resolve_entities"] = time.perf_counter() - t

    t = time.perf_counter()
    predicates: set[str] = set()
    new_state: dict[str, dict] = {}
    for doc_id in sorted(results):
        result = results[doc_id]
        mapped = map_document(result, index, settings.base)
        predicates |= mapped.predicates
        digest = hashlib.sha256(mapped.nquads.encode("utf-8")).hexdigest()
        previous = known.get(doc_id, {})
        if doc_id in changed or previous.get("quads") != digest or output is None or settings.store == "memory":
            store.replace_graph(mapped.graph, mapped.nquads)
        new_state[doc_id] = {"sha256": result.document.sha256, "quads": digest, "graph": mapped.graph}
        report.statements += mapped.statements
        report.sentences += len(result.sentences)
        report.words += result.words
    entities_graph = entities_graph_iri(settings.base)
    store.replace_graph(entities_graph, map_entities(index, settings.base, predicates, entities_graph))
    if not known or output is None or settings.store == "memory":
        _load_ontology(store, settings.base)
    timings["map_and_store"] = time.perf_counter() - t
    report.documents = len(results)
    report.entities = len(index.entities)
    report.entity_stats = index.stats
    store.flush()
    if output is not None:
        state["documents"] = new_state
        output.save_state(state)

    graph = KnowledgeGraph(store, report)
    report.triples = len(graph)
    if output is not None:
        t = time.perf_counter()
        if settings.write_trig:
            graph.serialize("trig", output.out / "graph.trig")
            report.outputs["trig"] = str(output.out / "graph.trig")
        timings["write_trig"] = time.perf_counter() - t
        t = time.perf_counter()
        if settings.write_html:
            graph.to_html(output.out / "graph.html", title="Knowledge graph", max_nodes=settings.view_max_nodes)
            report.outputs["html"] = str(output.out / "graph.html")
        timings["write_html"] = time.perf_counter() - t
        if settings.store == "oxigraph":
            report.outputs["store"] = str(output.out / STORE_DIR)
        report.outputs["report"] = str(output.out / "report.json")
    report.seconds = time.perf_counter() - started
    if output is not None:
        (output.out / "report.json").write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    if settings.strict and report.skipped:
        raise StrictBuildFailed(
            f"--strict: {len(report.skipped)} input(s) skipped, first: "
            f"{report.skipped[0]['source']}: {report.skipped[0]['reason']}"
        )
    return graph


def _load_ontology(store: GraphStore, base: str) -> None:
    """Load the vocabulary into its own named graph, so queries can use class and property labels."""
    from rdflib import Dataset, URIRef

    dataset = Dataset()
    graph = dataset.graph(URIRef(ontology_graph_iri(base)))
    graph.parse(ontology_file("kg.ttl"), format="turtle")
    store.replace_graph(ontology_graph_iri(base), dataset.serialize(format="nquads"))


def document_graph(base: str, doc_id: str) -> str:
    """The named graph of a document (same IRI as the document)."""
    return document_iri(base, doc_id)
