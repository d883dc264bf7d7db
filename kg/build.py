"""Build: read → parse → extract → resolve entities → map to RDF → store, and the outputs.

The split the rest of kg relies on:

- per-document work (:mod:`kg.distributed`): read,
  parse, extract, and resolve and map the document alone (its *early graph*);
  a pure function of each document and the settings, run anywhere, its
  results cached per document. Early graphs are loaded into the store while
  parsing goes on.
- the cross-document pass (:class:`~kg.entities.resolve.Resolver`): with every
  document's facts known, each document either replays its recorded
  resolution (its early graph stands) or is resolved against the corpus,
  mapped (:func:`~kg.rdf.mapping.map_document`) and stored again; then the
  entities graph.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import queue
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

from . import __version__, distributed
from .distributed import Processed, quads_digest
from .entities.known import default_sources
from .entities.resolve import DocumentFacts, Resolver
from .errors import BuildLocked, KGError, OutOfSpace, OutputNotWritable, StoreNotFound, StrictBuildFailed
from .graph import KnowledgeGraph
from .limits import failure_reason, time_limit
from .ontology import ontology_file
from .outputs import ShardWriter, TrigWriter
from .parsing import resolve_model
from .rdf.iris import entities_graph_iri, ontology_graph_iri
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
    #: Documents whose early graph (resolved alone) was their final one.
    documents_replayed: int = 0
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
    for path in (*default_sources(), *settings.gazetteers):
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]


class _Output:
    """The on-disk layout of a build output directory.

    ``results/`` caches each document's per-document result under its id and
    content hash; a file appears (atomic rename) only when complete, so after
    a crash every cached result is whole and a rerun reuses it. ``results/``
    records the pipeline that made it, so a first build killed before it saved
    its state is resumed too. One build at a time: ``.lock`` is held (``flock``)
    for the life of this object, and freed by the OS if the process dies.
    """

    LOCK = ".lock"
    FINGERPRINT = "PIPELINE"

    def __init__(self, out: Path):
        self.out = out
        self.results = out / RESULTS_DIR
        self.lock: IO[str] | None = None
        try:
            out.mkdir(parents=True, exist_ok=True)
            self.lock = (out / self.LOCK).open("a")
        except OSError as error:
            raise OutputNotWritable(f"cannot write to output directory {out}: {error.strerror or error}") from None
        try:
            import fcntl

            fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX: no lock
            pass
        except OSError:
            self.release()
            raise BuildLocked(
                f"another kg build (or kg remove) is running in {out}: wait for it to finish, then rerun"
            ) from None
        try:
            self.results.mkdir(parents=True, exist_ok=True)
            probe = out / ".kg-write-test"
            probe.write_text("")
            probe.unlink()
        except OSError as error:
            self.release()
            raise OutputNotWritable(f"cannot write to output directory {out}: {error.strerror or error}") from None

    def release(self) -> None:
        """Let another build use this output directory."""
        if self.lock is not None:
            self.lock.close()
            self.lock = None

    def result_path(self, doc_id: str, sha256: str) -> Path:
        key = hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:24]
        return self.results / f"{key}-{sha256[:16]}.json"

    @staticmethod
    def log_path(result_path: Path) -> Path:
        """Where the resolution log of a cached result is kept."""
        return result_path.with_suffix(".log")

    def load_state(self, fingerprint: str) -> dict:
        """The previous build's state; with other code, model or gazetteers, none (and no cached results)."""
        try:
            state = json.loads((self.out / STATE_FILE).read_text())
        except (OSError, ValueError):
            state = {}
        marker = self.results / self.FINGERPRINT
        try:
            cached_by = marker.read_text().strip()
        except OSError:
            cached_by = state.get("fingerprint")
        if cached_by != fingerprint:
            # Results of another pipeline are invalid: drop them before anything trusts them.
            shutil.rmtree(self.results, ignore_errors=True)
            self.results.mkdir(parents=True, exist_ok=True)
        if not marker.is_file():
            _write_atomically(marker, fingerprint)
        if state.get("fingerprint") != fingerprint:
            return {"fingerprint": fingerprint, "documents": {}}
        return state

    def save_state(self, state: dict) -> None:
        temporary = self.out / (STATE_FILE + ".tmp")
        temporary.write_text(json.dumps(state, indent=0, sort_keys=True))
        os.replace(temporary, self.out / STATE_FILE)


class _Results:
    """Per-document results between the two passes: on disk (with an output directory) or in memory.

    On disk, only ids, hashes and each document's small
    :class:`~kg.entities.resolve.DocumentFacts` stay in memory; the
    cross-document pass reads each result back once, so it runs in flat memory
    however large the corpus.
    """

    def __init__(self, output: _Output | None):
        self.output = output
        self.memory: dict[str, DocumentResult] = {}
        self.logs: dict[str, dict] = {}

    def has(self, doc_id: str, sha256: str) -> bool:
        if self.output is None:
            return doc_id in self.memory and self.memory[doc_id].document.sha256 == sha256
        return self.output.result_path(doc_id, sha256).is_file()

    def put(self, processed: Processed, previous_sha256: str | None = None) -> None:
        if self.output is None:
            self.memory[processed.doc_id] = processed.result()
            if processed.log is not None:
                self.logs[processed.doc_id] = processed.log
            return
        path = self.output.result_path(processed.doc_id, processed.sha256)
        if processed.log is not None:  # first: a result on disk with a stale log beside it would be wrong
            _write_atomically(self.output.log_path(path), json.dumps(processed.log, ensure_ascii=False))
        _write_atomically(path, processed.data)
        if previous_sha256 and previous_sha256 != processed.sha256:
            previous = self.output.result_path(processed.doc_id, previous_sha256)
            previous.unlink(missing_ok=True)
            self.output.log_path(previous).unlink(missing_ok=True)

    def log(self, doc_id: str, sha256: str) -> dict | None:
        """The document's resolution log (:class:`~kg.distributed.Processed`), if it was mapped early."""
        if self.output is None:
            return self.logs.get(doc_id)
        try:
            return json.loads(self.output.log_path(self.output.result_path(doc_id, sha256)).read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def get(self, doc_id: str, sha256: str) -> DocumentResult:
        """One document's result, as the per-document pass left it."""
        if self.output is None:
            return self.memory[doc_id]
        data = self.output.result_path(doc_id, sha256).read_text(encoding="utf-8")
        return DocumentResult.from_dict(json.loads(data))


class _Journal:
    """Ids of documents whose graphs a build started writing, kept until its state is saved.

    The state records each document graph's digest as stored; after a crash the
    store may hold graphs the state does not know of (written early, or by the
    unfinished cross-document pass). Their ids are appended here, durably,
    before each write, so the next build rewrites them whatever the state says.
    """

    NAME = "writing.log"

    def __init__(self, output: _Output | None):
        self.path = output.out / self.NAME if output is not None else None
        self.handle: IO[str] | None = None

    def unsure(self) -> set[str]:
        """Documents whose graphs may differ from what the saved state says."""
        if self.path is None or not self.path.is_file():
            return set()
        unsure = set()
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                unsure.add(json.loads(line))
            except ValueError:  # a line cut short by the crash: its graph was not written yet
                continue
        return unsure

    def add(self, doc_id: str) -> None:
        if self.path is None:
            return
        if self.handle is None:
            self.handle = self.path.open("a", encoding="utf-8")
        self.handle.write(json.dumps(doc_id) + "\n")  # one line, whatever characters the id has
        self.handle.flush()

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None

    def clear(self) -> None:
        """The state now describes the store: forget the journal."""
        self.close()
        if self.path is not None:
            self.path.unlink(missing_ok=True)


class _Writer:
    """Writes mapped documents to the store (and the shards and ``graph.trig``) in batches, on a background thread.

    Oxigraph releases the GIL while loading, so the store load overlaps with
    mapping the next documents. Each batch is one transaction per graph set
    (:meth:`GraphStore.replace_graphs`).
    """

    BATCH_DOCS = 64
    BATCH_CHARS = 4_000_000
    #: Oxigraph (RocksDB) keeps writes in memory tables until flushed: ~5 bytes of
    #: memory per byte of N-Quads loaded, which during the parse would add to
    #: spaCy's peak. Flushing this often keeps them small, and costs no time.
    FLUSH_CHARS = 4_000_000

    def __init__(self, store: GraphStore, sinks: list[ShardWriter | TrigWriter]):
        self.store = store
        self.sinks = sinks
        self.queue: queue.Queue = queue.Queue(maxsize=2)
        self.batch: list[tuple[str, str, str, bool, bool]] = []
        self.chars = 0
        self.unflushed = 0
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._work, name="kg-store-writer", daemon=True)
        self.thread.start()

    def _work(self) -> None:
        while (batch := self.queue.get()) is not None:
            if self.error is not None:
                continue
            try:
                stored = [(graph, nquads) for _, graph, nquads, write, _ in batch if write]
                if stored:
                    self.store.replace_graphs(stored)
                    self.unflushed += sum(len(nquads) for _, nquads in stored)
                    if self.unflushed >= self.FLUSH_CHARS:
                        self.store.flush()
                        self.unflushed = 0
                for sink in self.sinks:
                    sink.write([(doc_id, graph, nquads, early) for doc_id, graph, nquads, _, early in batch])
            except BaseException as error:  # re-raised in the driver by close()
                self.error = error

    def add(self, doc_id: str, graph: str, nquads: str, *, store: bool, early: bool) -> None:
        """Queue one document's graph: to the store if ``store``; to the output files always,
        where a final graph replaces the document's ``early`` one."""
        if not store and not self.sinks:
            return
        self.batch.append((doc_id, graph, nquads, store, early))
        self.chars += len(nquads)
        if len(self.batch) >= self.BATCH_DOCS or self.chars >= self.BATCH_CHARS:
            self._send()

    def _send(self) -> None:
        if self.error is not None:
            raise self.error
        if self.batch:
            self.queue.put(self.batch)
        self.batch, self.chars = [], 0

    def close(self) -> None:
        self._send()
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error

    def abandon(self) -> None:
        """Stop after the batches already queued, without raising (a build failed; its state is not saved)."""
        self.batch = []
        self.queue.put(None)
        self.thread.join()


def build(
    paths: Iterable[str | Path],
    out: str | Path | None = None,
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    dask: str | None = None,
    shards: str | Path | None = None,
    limit: int | None = None,
    resume: bool = True,
) -> KnowledgeGraph:
    """Build a knowledge graph from text files, directories, JSONL or stdin (``-``).

    With ``out``, the graph is stored persistently in ``out/store`` (Oxigraph)
    and ``graph.trig``, ``graph.html`` and ``report.json`` are written; building
    into an existing ``out`` adds new documents, skips unchanged ones and
    replaces changed ones, and rerunning an interrupted build finishes it.
    Without ``out`` the graph lives in memory.

    The per-document work runs in ``settings.workers`` local processes, or on
    the Dask cluster ``dask`` (``tcp://HOST:PORT`` or ``local:N``). ``shards``
    is a directory for N-Quads shards of the whole graph, for a remote triple
    store's bulk loader. ``limit`` stops after that many documents; with
    ``resume=False`` cached per-document results are not reused.

    >>> import kg, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Senior Taliban officials met a U.S. delegation in Doha on Saturday.")
    >>> graph = kg.build([folder])
    >>> bool(graph.query("ASK { ?s rel:meet ?o }").askAnswer)
    True
    """
    settings = settings or Settings()
    output = _Output(Path(out)) if out is not None else None
    try:
        with _environment_errors(out):
            return _build(paths, output, settings, progress, on_skip, dask, shards, limit, resume)
    finally:
        if output is not None:
            output.release()


def _build(
    paths: Iterable[str | Path],
    output: _Output | None,
    settings: Settings,
    progress: Progress | None,
    on_skip: Callable[[Skipped], None] | None,
    dask: str | None,
    shards: str | Path | None,
    limit: int | None,
    resume: bool,
) -> KnowledgeGraph:
    started = time.perf_counter()
    report = BuildReport()
    report.model = resolve_model(settings.model)
    timings = report.timings
    fingerprint = _pipeline_fingerprint(settings, report.model)
    state = output.load_state(fingerprint) if output else {"fingerprint": fingerprint, "documents": {}}
    known: dict[str, dict] = state["documents"]
    results = _Results(output)
    journal = _Journal(output)
    persistent = output is not None and settings.store == "oxigraph"
    store = GraphStore(output.out / STORE_DIR) if persistent else GraphStore(kind=_store_kind(settings))
    sinks: list[ShardWriter | TrigWriter] = []
    if shards is not None:
        sinks.append(ShardWriter(Path(shards)))
        report.outputs["shards"] = str(shards)
    if output is not None and settings.write_trig:
        sinks.append(TrigWriter(output.out / "graph.trig"))
        report.outputs["trig"] = str(output.out / "graph.trig")
    writer = _Writer(store, sinks)
    # What each document's graph in the store is (its N-Quads digest), as far as we know for sure.
    unsure = journal.unsure()
    in_store: dict[str, str] = {}
    if persistent:
        in_store = {d: e["quads"] for d, e in known.items() if e.get("quads") and d not in unsure}
    facts = {d: DocumentFacts.from_list(e["facts"]) for d, e in known.items() if "facts" in e}
    # Early mapping pays when the store loads natively beside the parse (Oxigraph), not into rdflib's memory store.
    map_early = _store_kind(settings) == "oxigraph"

    # Documents whose early graph went to the output files (graph.trig, shards), where it stays unless replaced.
    early_written: set[str] = set()

    def store_graph(doc_id: str, graph: str, nquads: str, *, early: bool, digest: str | None = None) -> str:
        """Queue a document's graph for the store unless it is there already; returns its digest."""
        digest = digest or quads_digest(nquads)
        write = in_store.get(doc_id) != digest
        if write:
            journal.add(doc_id)
            in_store[doc_id] = digest
        writer.add(doc_id, graph, nquads, store=write, early=early)
        if early and writer.sinks:
            early_written.add(doc_id)
        return digest

    try:
        # ---- Per-document pass: read lazily, skip what is cached, run the rest anywhere.
        shas: dict[str, str] = {}  # every document of this build → content hash

        def fresh_documents() -> Iterator[Document]:
            for item in read_paths(paths, max_chars=settings.max_chars):
                if isinstance(item, Skipped):
                    _skip(report, on_skip, item.source, item.reason)
                    continue
                if item.id in shas:
                    _skip(
                        report, on_skip, item.source or item.id, f"duplicate document id {item.id!r} (first one kept)"
                    )
                    continue
                if limit is not None and len(shas) >= limit:
                    return
                shas[item.id] = item.sha256
                if item.repairs:
                    report.repaired.append({"source": item.source or item.id, "repairs": item.repairs})
                if known.get(item.id, {}).get("sha256") != item.sha256:
                    facts.pop(item.id, None)  # of another version of the document
                if resume and output is not None and results.has(item.id, item.sha256):
                    report.documents_unchanged += 1
                    if progress is not None:
                        progress("document", known.get(item.id, {}).get("words", 0))
                    continue
                yield item

        t = time.perf_counter()
        processed_documents = distributed.run(
            fresh_documents(), settings, workers=settings.workers, dask=dask, map_early=map_early
        )
        for processed in processed_documents:
            if processed.error is None:
                try:
                    results.put(processed, known.get(processed.doc_id, {}).get("sha256"))
                except UnicodeError as error:  # a character the reader let through; the document alone fails
                    processed = processed.failed(failure_reason(error, settings.debug))
            if processed.error is not None:
                del shas[processed.doc_id]  # an earlier version of it, if any, stays in the graph
                _skip(report, on_skip, processed.source or processed.doc_id, processed.error)
                if progress is not None:
                    progress("document", 0)
                continue
            facts[processed.doc_id] = DocumentFacts.from_list(processed.facts)
            if processed.nquads is not None and processed.log is not None:
                log = processed.log
                store_graph(processed.doc_id, log["graph"], processed.nquads, early=True, digest=log["digest"])
            report.documents_parsed += 1
            if progress is not None:
                progress("document", processed.words)
        timings["read_parse_extract"] = time.perf_counter() - t

        # Documents built before but not given this time stay in the graph.
        for doc_id, entry in known.items():
            if doc_id not in shas and entry.get("sha256") and results.has(doc_id, entry["sha256"]):
                shas[doc_id] = entry["sha256"]
        doc_ids = sorted(shas)
        for doc_id in doc_ids:
            if doc_id not in facts:  # cached by a build that stopped before saving its state
                facts[doc_id] = DocumentFacts.of(results.get(doc_id, shas[doc_id]))

        # ---- Cross-document pass: resolve each document's entities against the whole corpus.
        # A document that resolves as it did alone keeps its early graph: its recorded
        # resolution is replayed. Any other is read once, resolved, mapped and stored.
        t = time.perf_counter()
        resolving = 0.0
        resolver = Resolver({doc_id: facts[doc_id] for doc_id in doc_ids}, settings.gazetteers)
        predicates: set[str] = set()
        new_state: dict[str, dict] = {}
        for doc_id in doc_ids:
            log = results.log(doc_id, shas[doc_id])
            r = time.perf_counter()
            try:
                with time_limit(settings.time_limit):
                    if (
                        log is not None
                        and in_store.get(doc_id) == log["digest"]
                        and (doc_id in early_written or not writer.sinks)
                        and resolver.replay(doc_id, log)
                    ):
                        resolving += time.perf_counter() - r
                        report.documents_replayed += 1
                        predicates.update(log["predicates"])
                        counts = (log["statements"], log["sentences"], log["words"])
                        digest, graph_iri, source = log["digest"], log["graph"], log["source"]
                    else:
                        result = results.get(doc_id, shas[doc_id])
                        r = time.perf_counter()
                        resolver.resolve(result)
                        resolving += time.perf_counter() - r
                        mapped = map_document(result, resolver.index, settings.base)
                        predicates |= mapped.predicates
                        counts = (mapped.statements, len(result.sentences), result.words)
                        digest = store_graph(doc_id, mapped.graph, mapped.nquads, early=False)
                        graph_iri, source = mapped.graph, result.document.source
            except OSError:
                raise  # the environment (disk, store), not the document: stop with a clear error
            except Exception as error:
                # This document alone fails: its graph (if written early) goes, the build goes on.
                graph_iri = (log or {}).get("graph") or known.get(doc_id, {}).get("graph")
                if graph_iri and doc_id in in_store:
                    store_graph(doc_id, graph_iri, "", early=False)
                _skip(report, on_skip, (log or {}).get("source") or doc_id, failure_reason(error, settings.debug))
                continue
            new_state[doc_id] = {"sha256": shas[doc_id], "quads": digest, "graph": graph_iri, "words": counts[2],
                                 "source": source, "facts": facts[doc_id].to_list()}  # fmt: skip
            report.statements += counts[0]
            report.sentences += counts[1]
            report.words += counts[2]
        r = time.perf_counter()
        index = resolver.finish()
        timings["resolve_entities"] = resolving + time.perf_counter() - r
        writer.close()
    except BaseException:
        writer.abandon()
        for sink in sinks:
            sink.abandon()
        journal.close()  # kept on disk: the next build rewrites what it lists
        store.close()
        raise
    try:
        entities_graph = entities_graph_iri(settings.base)
        entities_nquads = map_entities(index, settings.base, predicates, entities_graph)
        store.replace_graph(entities_graph, entities_nquads)
        ontology_nquads = _ontology_nquads(settings.base)
        if not persistent or not known or ontology_graph_iri(settings.base) not in store.graphs():
            store.replace_graph(ontology_graph_iri(settings.base), ontology_nquads)
        for sink in sinks:
            sink.close((entities_graph, entities_nquads), (ontology_graph_iri(settings.base), ontology_nquads))
        timings["map_and_store"] = time.perf_counter() - t - timings["resolve_entities"]
        report.documents = len(new_state)
        report.entities = len(index.entities)
        report.entity_stats = index.stats

        graph = KnowledgeGraph(store, report)
        report.triples = len(graph)
        if output is None:
            store.flush()
        else:
            # Oxigraph flushes without the GIL, beside the HTML view.
            t = time.perf_counter()
            background = _Background(store.flush)
            if settings.write_html:
                graph.to_html(output.out / "graph.html", title="Knowledge graph", max_nodes=settings.view_max_nodes)
                report.outputs["html"] = str(output.out / "graph.html")
            background.join()
            state["documents"] = new_state
            output.save_state(state)
            journal.clear()
            timings["flush_and_html"] = time.perf_counter() - t
            if settings.store == "oxigraph":
                report.outputs["store"] = str(output.out / STORE_DIR)
            report.outputs["report"] = str(output.out / "report.json")
        report.seconds = time.perf_counter() - started
        if output is not None:
            (output.out / "report.json").write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    except BaseException:
        for sink in sinks:
            sink.abandon()
        store.close()  # a failed build leaves its store closed, as a killed one would
        raise
    if settings.strict and report.skipped:
        graph.close()
        raise StrictBuildFailed(
            f"--strict: {len(report.skipped)} input(s) skipped, first: "
            f"{report.skipped[0]['source']}: {report.skipped[0]['reason']}"
        )
    return graph


def remove_documents(out: str | Path, documents: Iterable[str], *, settings: Settings | None = None) -> BuildReport:
    """Drop documents from a build: their named graphs, cached results, and entities left without mentions.

    A document is named by its id (``kg:documentId``, e.g. ``news/a.txt``), its IRI or its source path.
    The cross-document pass then runs again over the remaining documents, so
    canonical entities, labels and aliases are what a clean build of them gives.
    Raises :class:`KGError` when a name matches no document.
    """
    settings = settings or Settings()
    output = _Output(Path(out))
    try:
        _drop_documents(output, documents, settings)
    finally:
        output.release()
    # The cross-document pass over what is left: entities, aliases and mention counts as a clean build.
    graph = build([], out, settings=settings)
    graph.close()
    return graph.report


def _drop_documents(output: _Output, documents: Iterable[str], settings: Settings) -> None:
    """Remove the named documents' graphs, cached results and state entries."""
    out = output.out
    if not (output.out / STATE_FILE).is_file():
        raise StoreNotFound(f"no build in {out}: build one with 'kg build PATH -o {out}'")
    model = resolve_model(settings.model)
    state = output.load_state(_pipeline_fingerprint(settings, model))
    known: dict[str, dict] = state["documents"]
    by_name: dict[str, str] = {}
    for doc_id, entry in known.items():
        by_name[doc_id] = doc_id
        by_name[entry.get("graph", "")] = doc_id
        if entry.get("source"):
            by_name[entry["source"]] = doc_id
    wanted = []
    for name in documents:
        if name not in by_name:
            raise KGError(
                f"no document {name!r} in {out} (see: kg query {out} 'SELECT ?id WHERE {{ ?d kg:documentId ?id }}')"
            )
        wanted.append(by_name[name])
    store = GraphStore(output.out / STORE_DIR)
    try:
        for doc_id in wanted:
            entry = known.pop(doc_id)
            store.remove_graph(entry["graph"])
            cached = output.result_path(doc_id, entry["sha256"])
            cached.unlink(missing_ok=True)
            output.log_path(cached).unlink(missing_ok=True)
        output.save_state(state)
    finally:
        store.close()


class _Background(threading.Thread):
    """Run a call on a thread; :meth:`join` re-raises what it raised."""

    def __init__(self, function: Callable, *args: object):
        super().__init__(name="kg-background", daemon=True)
        self.function, self.args = function, args
        self.error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            self.function(*self.args)
        except BaseException as error:
            self.error = error

    def join(self, timeout: float | None = None) -> None:
        super().join(timeout)
        if self.error is not None:
            raise self.error


@contextlib.contextmanager
def _environment_errors(out: str | Path | None) -> Iterator[None]:
    """Turn a full disk or a read-only output into one clear line; the store stays openable."""
    try:
        yield
    except OSError as error:
        where = f"output directory {out}" if out is not None else "the build"
        if error.errno in (errno.ENOSPC, errno.EDQUOT) or "No space left" in str(error):
            raise OutOfSpace(
                f"no space left on the device of {where}: free some space and rerun; "
                "what was stored so far is kept, and the rerun finishes the build"
            ) from None
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM) or "Read-only file system" in str(error):
            raise OutputNotWritable(f"cannot write to {where}: {error.strerror or error}") from None
        raise


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _store_kind(settings: Settings) -> str:
    return "memory" if settings.store == "memory" else "oxigraph"


def _skip(report: BuildReport, on_skip: Callable[[Skipped], None] | None, source: str, reason: str) -> None:
    report.skipped.append({"source": source, "reason": reason})
    if on_skip is not None:
        on_skip(Skipped(source, reason))


def _ontology_nquads(base: str) -> str:
    """The vocabulary as N-Quads in its own named graph, so queries can use class and property labels."""
    from rdflib import Dataset, URIRef

    dataset = Dataset()
    graph = dataset.graph(URIRef(ontology_graph_iri(base)))
    graph.parse(ontology_file("kg.ttl"), format="turtle")
    return dataset.serialize(format="nquads")
