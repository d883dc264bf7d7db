"""Build: read → parse → extract → resolve entities → map to RDF → store, and the outputs.

The split the rest of kg relies on:

- per-document work (:mod:`kg.distributed`): read,
  parse, extract, and resolve and map the document alone (its *early graph*);
  a pure function of each document and the settings, run anywhere, its
  results cached per document. Early graphs are loaded into the store while
  parsing goes on.
- the cross-document pass (:class:`~kg.entities.resolve.Resolver`): with every
  document's facts known, each document either replays its recorded
  resolution (its early graph stands, :class:`~kg.graph_writer.StoredGraphs`)
  or is resolved against the corpus, mapped (:func:`~kg.rdf.mapping.map_document`)
  and stored again; then the entities graph.
- outputs besides the store are registered sinks (:mod:`kg.sinks`): ``graph.trig``,
  shards, ``graph.html``, and any a user registers and names in the settings.

The output directory (lock, state, results cache, crash journal) is :mod:`kg.output_dir`.
"""

from __future__ import annotations

import contextlib
import errno
import json
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import __version__, distributed, sections
from .doc_table import open_documents
from .entities.known import default_sources, load_in_background
from .entities.resolve import DocumentFacts, Resolver
from .errors import KGError, OutOfSpace, OutputNotWritable, StoreNotFound, StrictBuildFailed
from .extractors import SectionDone, extractor_class
from .graph import KnowledgeGraph
from .graph_writer import GraphWriter, StoredGraphs
from .heap import fewer_arenas, fewer_collections, keep_large_blocks_apart, release_free_memory
from .limits import failure_reason, time_limit
from .ontology import ontology_file
from .output_dir import STATE_FILE, Journal, OutputDirectory, ResultCache
from .parsing import resolve_model
from .rdf.iris import entities_graph_iri, ontology_graph_iri
from .rdf.mapping import map_document, map_entities
from .rdf.provenance import GENERATED_BY, build_id_sorted, build_iri, manifest_pieces
from .reading import read_paths
from .records import Document, Skipped
from .settings import Settings
from .sinks import SinkContext, make_sinks
from .store import STORE_DIR, GraphStore, store_class


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
    skipped: list[dict[str, object]] = field(default_factory=list)
    repaired: list[dict[str, object]] = field(default_factory=list)
    entity_stats: dict[str, int] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    model: str = ""
    kg_version: str = __version__

    def to_dict(self) -> dict:
        return asdict(self)


Progress = Callable[[str, int], None]


def _pipeline_fingerprint(settings: Settings, model: str) -> str:
    """Cached per-document results are valid only for the same code, ontology, model and gazetteers."""
    from .fingerprint import pipeline_fingerprint  # hashes kg's code and ontology once per process

    # Another extractor makes other results from the same code and model.
    model = model if settings.extractor == "spacy" else f"{settings.extractor}:{model}"
    # The default knowledge comes from data packages: their versions count too.
    return pipeline_fingerprint(model, settings.base, (*default_sources(), *settings.gazetteers))


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
    output = OutputDirectory(Path(out)) if out is not None else None
    fewer_arenas()  # before the store's threads start (see kg.heap)
    try:
        with _environment_errors(out), fewer_collections():
            run = _Build(settings, output, progress, on_skip)
            return run.run(paths, dask=dask, shards=shards, limit=limit, resume=resume)
    finally:
        if output is not None:
            output.release()


class _Build:
    """One build: its state and stores, the two passes, and the outputs. :func:`build` wires it."""

    def __init__(self, settings: Settings, output: OutputDirectory | None, progress, on_skip) -> None:
        self.started = time.perf_counter()
        self.settings, self.output, self.progress, self.on_skip = settings, output, progress, on_skip
        self.report = report = BuildReport()
        report.model = resolve_model(settings.model)
        fingerprint = _pipeline_fingerprint(settings, report.model)
        self.state = output.load_state(fingerprint) if output else {"fingerprint": fingerprint, "documents": {}}
        #: The saved state's entries and this build's documents (hashes, facts, digests): on disk.
        self.docs = open_documents(output, self.state)
        self.results = ResultCache(output)
        self.journal = Journal(output)
        path = output.out / STORE_DIR if output is not None else None
        self.store = GraphStore(path if store_class(settings.store).persistent else None, kind=settings.store)
        self.persistent = output is not None and self.store.persistent
        self.had_state = self.docs.has_state()

    def open_outputs(self, shards: str | Path | None) -> None:
        """The sinks and the writer; what the store holds for sure (saved state less the crash journal)."""
        names = [n for n, on in (("trig", self.settings.write_trig), ("shards", shards is not None)) if on]
        names += [n for n in (("html",) if self.settings.write_html else ()) + self.settings.sinks if n not in names]
        context = SinkContext(self.output.out if self.output else None, self.settings, {"shards": shards})
        self.sinks = make_sinks(names, context)
        for name, sink in self.sinks.items():
            if sink.path is not None:
                self.report.outputs[name] = sink.path
        self.writer = GraphWriter(self.store, [s for s in self.sinks.values() if s.takes_graphs])
        if self.persistent:
            self.docs.mark_unsure(self.journal.unsure())
            self.docs.trust_state = True
        self.graphs = StoredGraphs(self.writer, self.journal, self.docs)

    def skip(self, source: str, reason: str, *, deliberate: bool = False) -> None:
        _skip(self.report, self.on_skip, Skipped(source, reason, deliberate))

    def fresh_documents(self, paths: Iterable[str | Path], limit: int | None, resume: bool) -> Iterator[Document]:
        """Read lazily; report what is skipped or repaired; leave out documents whose result is cached."""
        report, docs = self.report, self.docs
        for item in read_paths(paths, max_chars=self.settings.max_chars):
            if isinstance(item, Skipped):
                self.skip(item.source, item.reason, deliberate=item.deliberate)
                continue
            if limit is not None and docs.count >= limit and item.id not in docs:
                return
            if not docs.add(item.id, item.sha256):  # with the saved facts of this version, if any
                self.skip(item.source or item.id, f"duplicate document id {item.id!r} (first one kept)")
                continue
            if item.repairs:
                report.repaired.append({"source": item.source or item.id, "repairs": item.repairs})
            if resume and self.output is not None and self.results.has(item.id, item.sha256):
                report.documents_unchanged += 1
                if self.progress is not None:
                    self.progress("document", (docs.known(item.id) or {}).get("words") or 0)
                continue
            yield item

    def document_pass(self, documents: Iterable[Document], dask: str | None) -> None:
        """Parse, extract (and map early) each document anywhere; cache results, store early graphs."""
        t = time.perf_counter()
        settings = self.settings
        # Early mapping pays when the store loads natively beside the parse (Oxigraph), not into rdflib's memory.
        map_early = self.store.loads_natively
        counted = 0  # words of the current long document already reported by its sections
        scratch = self.results.scratch()
        shutil.rmtree(scratch, ignore_errors=True)  # long documents a killed build was writing
        runs = distributed.run(
            documents, settings, workers=settings.workers, dask=dask, map_early=map_early, scratch=scratch
        )
        for processed in runs:
            if isinstance(processed, SectionDone):
                if self.progress is not None and processed > counted:  # a retried document counts once
                    self.progress("section", processed - counted)
                counted = max(counted, int(processed))
                continue
            if processed.error is None:
                try:
                    self.results.put(processed, self.docs.known_sha256(processed.doc_id))
                except UnicodeError as error:  # a character the reader let through; the document alone fails
                    processed = processed.failed(failure_reason(error, settings.debug))
            if processed.error is not None:
                self.docs.drop(processed.doc_id)  # an earlier version of it, if any, stays in the graph
                self.skip(processed.source or processed.doc_id, processed.error)
            else:
                self.docs.set_facts(processed.doc_id, processed.facts)
                log = processed.log
                if processed.spill is not None and log is not None:
                    graph_file = Path(processed.spill) / sections.GRAPH
                    self.graphs.store_file(processed.doc_id, log["graph"], graph_file, early=True, digest=log["digest"])
                elif processed.nquads is not None and log is not None:
                    self.graphs.store(
                        processed.doc_id, log["graph"], processed.nquads, early=True, digest=log["digest"]
                    )
                if processed.spill is not None and self.output is not None:
                    shutil.rmtree(processed.spill, ignore_errors=True)  # its result and log are cached
                self.report.documents_parsed += 1
            if self.progress is not None:
                self.progress("document", max(0, processed.words - counted))
            counted = 0
        self.report.timings["read_parse_extract"] = time.perf_counter() - t

    def corpus_documents(self) -> None:
        """Every document of the graph: this build's, and those built before but not given this time."""
        self.docs.add_saved(lambda doc_id, sha256: bool(sha256) and self.results.has(doc_id, sha256))
        for doc_id, sha256 in list(self.docs.ids(without_facts=True)):  # cached by a build stopped before its state
            path = self.results.path(doc_id, sha256)
            if path is not None:
                facts = sections.facts_of(path)
            else:
                facts = DocumentFacts.of(self.results.get(doc_id, sha256))
            self.docs.set_facts(doc_id, facts.to_list())

    def corpus_pass(self) -> None:
        """Resolve each document against the corpus: replay its early resolution, or resolve, map and store it."""
        t = time.perf_counter()
        # Resolution is timed in this thread's CPU time: wall time inside it would also count the
        # store's writer thread, which holds the GIL while rdflib parses a graph (the memory store).
        r = time.thread_time()
        docs = self.docs
        self.resolver = Resolver(docs.all_facts(), self.settings.gazetteers, facts_of=docs.facts)
        self.resolving = time.thread_time() - r
        self.predicates: set[str] = set()
        self.used: set[str] = set()  # entity keys the documents' graphs use (unnamed nodes no one uses go)
        for doc_id, sha256 in docs.ids():
            log = self.results.log(doc_id, sha256)
            try:
                # A long document has the time of its sections (as in the per-document pass).
                with time_limit(self.settings.time_limit * self.sections_of(doc_id, sha256, log)):
                    statements, sentences, words, digest, graph_iri, source = self.resolve_document(doc_id, sha256, log)
            except OSError:
                raise  # the environment (disk, store), not the document: stop with a clear error
            except Exception as error:
                # This document alone fails: its graph (if written early) goes, the build goes on.
                self.graphs.drop(doc_id, (log or {}).get("graph") or (docs.known(doc_id) or {}).get("graph"))
                self.skip((log or {}).get("source") or doc_id, failure_reason(error, self.settings.debug))
                continue
            docs.done(doc_id, digest, graph_iri, words, source)
            self.report.statements += statements
            self.report.sentences += sentences
            self.report.words += words
        r = time.thread_time()
        self.index = self.resolver.finish(self.used)
        self.report.timings["resolve_entities"] = self.resolving + time.thread_time() - r
        self.writer.close()
        self.pass_started = t

    def resolve_document(
        self, doc_id: str, sha256: str, log: dict | None
    ) -> tuple[int, int, int, str, str, str | None]:
        """One document in the corpus pass: ``(statements, sentences, words, digest, graph IRI, source)``."""
        r = time.thread_time()
        sectioned = self.results.sectioned(doc_id, sha256)
        if self.graphs.stands(doc_id, log) and self._replay(doc_id, sha256, log, sectioned):
            self.resolving += time.thread_time() - r
            self.report.documents_replayed += 1
            self.predicates.update(log["predicates"])
            self.used.update(log.get("used", log.get("referenced", ())))  # a log from before kept them all
            return log["statements"], log["sentences"], log["words"], log["digest"], log["graph"], log["source"]
        if sectioned:
            return self.resolve_sections(doc_id, sha256)
        result = self.results.get(doc_id, sha256)
        r = time.thread_time()
        spans = self.resolver.resolve(result)
        self.resolving += time.thread_time() - r
        mapped = map_document(result, self.resolver.index, self.settings.base)
        # The document's spans are done with: only the keys they name need to stay (flat driver memory).
        self.resolver.referenced.update(spans.values())
        del self.resolver.index.assignments[doc_id]
        self.predicates |= mapped.predicates
        self.used |= mapped.used
        digest = self.graphs.store(doc_id, mapped.graph, mapped.nquads, early=False)
        return mapped.statements, len(result.sentences), result.words, digest, mapped.graph, result.document.source

    def sections_of(self, doc_id: str, sha256: str, log: dict | None) -> int:
        """How many sections a document was cached in (1 for a document read whole)."""
        if log is not None:
            return log.get("sections", 1)
        path = self.results.path(doc_id, sha256)
        return sections.count(path) if path is not None else 1

    def _replay(self, doc_id: str, sha256: str, log: dict, sectioned: bool) -> bool:
        """Apply the document's early resolution if the corpus resolves it the same (every section's, if long)."""
        if not sectioned:
            return self.resolver.replay(doc_id, log)
        ops = self.results.ops(doc_id, sha256)
        if not ops.is_file() or not all(self.resolver.holds(part) for part in sections.read_ops(ops)):
            return False
        for part in sections.read_ops(ops):
            self.resolver.replay(doc_id, part, check=False)
        return True

    def resolve_sections(self, doc_id: str, sha256: str) -> tuple[int, int, int, str, str, str | None]:
        """A long document in the corpus pass: resolved and mapped a section at a time, stored in pieces."""
        path = self.results.path(doc_id, sha256)
        assert path is not None
        folder = self.results.scratch() / f"corpus-{path.stem}"
        folder.mkdir(parents=True, exist_ok=True)
        try:
            r = time.thread_time()
            parts = lambda: sections.read_parts(path)  # noqa: E731
            cased = sections.document_cased(path)
            mapped = sections.map_sections(self.resolver, parts, doc_id, self.settings.base, folder, cased=cased)
            self.resolving += time.thread_time() - r  # resolution and mapping: they alternate by section
            self.predicates |= mapped.predicates
            self.used |= mapped.used
            digest = self.graphs.store_file(doc_id, mapped.graph, mapped.path, early=False, digest=mapped.digest)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        source = next(sections.read_parts(path)).document.source
        return mapped.statements, mapped.sentences, mapped.words, digest, mapped.graph, source

    def abandon(self) -> None:
        """The build failed: stop writing, keep the journal (the next build rewrites what it lists)."""
        self.writer.abandon()
        for sink in self.sinks.values():
            sink.abandon()
        self.journal.close()
        self.store.close()
        self.results.close()
        self.docs.close()

    def entities_and_ontology(self) -> None:
        """The entities graph and (when new) the ontology graph, to the store and the sinks."""
        base, store = self.settings.base, self.store
        self.build = build_id_sorted(
            self.docs.graphs()
        )  # one entities graph per build: builds sharing a store keep theirs
        entities_graph = entities_graph_iri(base, self.build)
        entities_nquads = map_entities(self.index, base, self.predicates, entities_graph)

        def pieces() -> Iterator[str]:
            """The entities graph: its manifest (a line a document) in pieces, the entities with the first
            (which names the build: a graph a crash left partial is still known as an earlier build's)."""
            manifest = manifest_pieces(base, self.build, entities_graph, self.docs.graphs())
            yield next(manifest) + entities_nquads
            yield from manifest

        # Replaced a piece at a time (one transaction held a build's whole manifest in memory); a crash
        # half-way leaves it partial until the rerun, which writes it again, as every build does.
        store.remove_graph(entities_graph)
        for piece in pieces():
            store.load_nquads(piece)
            # RocksDB holds writes in memory tables until flushed: unflushed, the manifest of
            # 60,000 documents held ~55 MiB there until the end of the build.
            store.flush()
        older = entities_graph_iri(base)  # older kg wrote this one graph; builds now one each
        earlier = {g for g in store.graphs_using(GENERATED_BY) if g.startswith(older + "/")}
        earlier |= {older} if store.has_graph(older) else set()
        for graph in sorted(earlier - {entities_graph}):
            store.remove_graph(graph)  # an earlier build's of this output
        ontology_nquads = _ontology_nquads(base)
        if not self.persistent or not self.had_state or not store.has_graph(ontology_graph_iri(base)):
            store.replace_graph(ontology_graph_iri(base), ontology_nquads)
        for sink in self.sinks.values():
            sink.close_pieces((entities_graph, pieces()), (ontology_graph_iri(base), ontology_nquads))
        timings = self.report.timings
        timings["map_and_store"] = time.perf_counter() - self.pass_started - timings["resolve_entities"]

    def finish(self) -> KnowledgeGraph:
        """Counts, the outputs that need the whole graph, the saved state and the report."""
        report, output = self.report, self.output
        report.documents = self.docs.done_count()
        report.entities = len(self.index.entities)
        report.entity_stats = self.index.stats
        graph = KnowledgeGraph(self.store, report)
        # Counting reads every block of an index through RocksDB's block cache (32 MiB: +25 MiB at 60,000
        # documents): the store is reopened first, so it fills an empty cache, not what the build read.
        self.store.reopen()
        release_free_memory()
        report.triples = len(graph)
        t = time.perf_counter()
        # Oxigraph flushes without the GIL, beside the outputs that read the whole graph (the view).
        background = _Background(self.store.flush)
        for sink in self.sinks.values():
            sink.finish(graph)
        background.join()
        if output is not None:
            self.docs.save_state()  # first: the journal, cleared last, covers a crash in between
            # Every build this output has been, for kg push to tell its own graphs on a remote store.
            this = build_iri(self.settings.base, self.build)
            builds = [b for b in self.state.get("builds", []) if b != this] + [this]
            self.state["builds"] = builds[-1000:]
            output.save_state(self.state)
            self.journal.clear()
            report.timings["flush_and_html"] = time.perf_counter() - t
            if self.persistent:
                report.outputs["store"] = str(output.out / STORE_DIR)
            report.outputs["report"] = str(output.out / "report.json")
        self.results.close()
        self.docs.close()
        report.seconds = time.perf_counter() - self.started
        if output is not None:
            (output.out / "report.json").write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return graph

    def run(self, paths, *, dask: str | None, shards: str | Path | None, limit: int | None, resume: bool):
        """Both passes and the outputs; a failure leaves the store closed and the journal for the next build."""
        self.open_outputs(shards)
        parses_here = not dask and self.settings.workers <= 1
        if parses_here:
            load_in_background()  # the place tables, beside the parse in this process (not re-loaded later)
        try:
            self.store.release_on_flush = not (parses_here and extractor_class(self.settings).churns_memory)
            if self.store.release_on_flush and self.persistent:
                keep_large_blocks_apart()  # no parser here to pay for it (see kg.heap)
            self.document_pass(self.fresh_documents(paths, limit, resume), dask)
            self.store.release_on_flush = True
            self.corpus_documents()
            self.corpus_pass()
            self.entities_and_ontology()
            graph = self.finish()
        except BaseException:
            self.abandon()
            raise
        failed = [s for s in self.report.skipped if not s.get("deliberate")]
        if self.settings.strict and failed:
            graph.close()
            first = failed[0]
            raise StrictBuildFailed(
                f"--strict: {len(failed)} input(s) skipped, first: {first['source']}: {first['reason']}"
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
    output = OutputDirectory(Path(out))
    try:
        _drop_documents(output, documents, settings)
    finally:
        output.release()
    # The cross-document pass over what is left: entities, aliases and mention counts as a clean build.
    graph = build([], out, settings=settings)
    graph.close()
    return graph.report


def _drop_documents(output: OutputDirectory, documents: Iterable[str], settings: Settings) -> None:
    """Remove the named documents' graphs, cached results and state entries."""
    out = output.out
    if not (output.out / STATE_FILE).is_file():
        raise StoreNotFound(f"no build in {out}: build one with 'kg build PATH -o {out}'")
    model = resolve_model(settings.model)
    state = output.load_state(_pipeline_fingerprint(settings, model))
    docs = open_documents(output, state)
    try:
        wanted = []
        for name in documents:
            doc_id = docs.find(name)
            if doc_id is None:
                raise KGError(
                    f"no document {name!r} in {out} (see: kg query {out} 'SELECT ?id WHERE {{ ?d kg:documentId ?id }}')"
                )
            wanted.append(doc_id)
        store = GraphStore(output.out / STORE_DIR)
        try:
            for doc_id in dict.fromkeys(wanted):
                entry = docs.known(doc_id)
                assert entry is not None
                store.remove_graph(entry["graph"])
                cached = output.result_path(doc_id, entry["sha256"])
                cached.unlink(missing_ok=True)
                output.log_path(cached).unlink(missing_ok=True)
                output.ops_path(cached).unlink(missing_ok=True)
                docs.forget(doc_id)
            docs.commit()
            output.save_state(state)
        finally:
            store.close()
    finally:
        docs.close()


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


def _skip(report: BuildReport, on_skip: Callable[[Skipped], None] | None, skipped: Skipped) -> None:
    entry: dict = {"source": skipped.source, "reason": skipped.reason}
    if skipped.deliberate:
        entry["deliberate"] = True
    report.skipped.append(entry)
    if on_skip is not None:
        on_skip(skipped)


def _ontology_nquads(base: str) -> str:
    """The vocabulary as N-Quads in its own named graph, so queries can use class and property labels."""
    from rdflib import Dataset, URIRef

    dataset = Dataset()
    graph = dataset.graph(URIRef(ontology_graph_iri(base)))
    graph.parse(ontology_file("kg.ttl"), format="turtle")
    return dataset.serialize(format="nquads")
