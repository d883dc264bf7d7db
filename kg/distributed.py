"""Where the per-document work runs: this process, a local process pool, or a Dask cluster.

The per-document work (parse → extract, :func:`process_batch`) is a pure
function of a batch of documents and the :class:`~kg.settings.Settings`, so
the same function runs in any of these places. Each returns compact
:class:`Processed` results (the JSON of a :class:`~kg.records.DocumentResult`)
to the driver, which caches them and does the cross-document pass
(:mod:`kg.build`). Documents are read lazily by the driver and at most a few
batches per worker are in flight, so memory stays flat however large the input.

Dask (``dask.distributed``) is the distributed engine: ``tcp://HOST:8786``
connects to a running scheduler (deployed by hand, or by dask-kubernetes,
dask-yarn, dask-jobqueue…); ``local:N`` starts a local cluster of N worker
processes. Workers need kg and the spaCy model installed, and the same
gazetteer files at the same paths.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .entities.resolve import DefinitionsSoFar, DocumentFacts, Resolver, prepared_mentions
from .errors import KGError
from .extractors import SectionDone, make_extractor
from .heap import cycle_collection_paused
from .limits import failure_reason, time_limit
from .parsing import sections
from .rdf.mapping import map_document
from .records import Argument, Document, DocumentResult, Extraction
from .settings import Settings

#: A task holds at most this many characters of text (about 6,000 words): small
#: enough that work spreads evenly over the workers up to the last task, large
#: enough that the per-task overhead (pickling, scheduling) stays under 1%.
TASK_CHARS = 40_000


@dataclass(frozen=True, slots=True)
class Processed:
    """The compact result of the per-document work on one document, ready to cache.

    ``facts`` are what the cross-document pass needs of it before it reads any
    result (:class:`~kg.entities.resolve.DocumentFacts`). With ``map_early``,
    the document is also resolved and mapped alone: ``nquads`` is its named
    graph and ``log`` what that resolution did (:meth:`Resolver.replay
    <kg.entities.resolve.Resolver.replay>`) with the graph's digest and counts.
    Most documents resolve the same across the corpus, so the driver loads the
    graph while parsing goes on and, at the end, replays the log instead of
    reading, resolving and mapping the document again.
    """

    doc_id: str
    sha256: str
    words: int
    data: str  # JSON of the DocumentResult
    facts: list = field(default_factory=list)
    nquads: str | None = None
    log: dict | None = None
    #: Why the document failed (then no result is set): it is skipped, the build goes on.
    error: str | None = None
    source: str | None = None
    #: A long document handed over in sections: the folder of its result, resolution log and
    #: early graph, written as they were made (:mod:`kg.sections`); ``data`` and ``nquads`` are empty.
    spill: str | None = None

    @classmethod
    def failure(cls, document: Document, reason: str) -> Processed:
        """A document whose per-document work failed or ran out of time."""
        return cls(document.id, document.sha256, 0, "", error=reason, source=document.source)

    def failed(self, reason: str) -> Processed:
        """This document, failed after its work (e.g. its result could not be cached)."""
        return Processed(
            self.doc_id, self.sha256, 0, "", error=reason, source=self.log.get("source") if self.log else None
        )

    @classmethod
    def of(
        cls,
        result: DocumentResult,
        settings: Settings | None = None,
        *,
        map_early: bool = False,
        so_far: DefinitionsSoFar | None = None,
    ) -> Processed:
        """The document's cached result and facts, and with ``map_early`` its early graph and log.

        ``so_far``: the short forms the documents before it defined, to resolve it early with
        (:class:`~kg.entities.resolve.DefinitionsSoFar`; its own are added).
        """
        # As for the analysis: the resolution and mapping of one document make many short-lived
        # containers, freed by reference counting; one collector pass after the document is enough.
        with cycle_collection_paused():
            return cls._of(result, settings, map_early, so_far)

    @classmethod
    def _of(
        cls, result: DocumentResult, settings: Settings | None, map_early: bool, so_far: DefinitionsSoFar | None
    ) -> Processed:
        document = result.document
        data = json.dumps(_result_dict(result), ensure_ascii=False, separators=(",", ":"))
        # After the JSON: resolution retypes mentions and marks resolved subjects in place.
        named = prepared_mentions(result)  # once, for the facts and the resolution
        facts = DocumentFacts.of(result, named=named)
        nquads = log = None
        if map_early:
            settings = settings or Settings()
            if so_far is not None:
                so_far.add(facts)
            resolver = Resolver({document.id: facts}, settings.gazetteers, record=True, so_far=so_far)
            resolver.resolve(result, named=named)
            mapped = map_document(result, resolver.finish(), settings.base)
            nquads = mapped.nquads
            log = resolver.last_log or {}
            log.update(
                graph=mapped.graph,
                digest=quads_digest(nquads),
                statements=mapped.statements,
                sentences=len(result.sentences),
                words=result.words,
                source=document.source,
                predicates=sorted(mapped.predicates),
                used=sorted(mapped.used),
            )
        return cls(document.id, document.sha256, result.words, data, facts.to_list(), nquads, log)

    def result(self) -> DocumentResult:
        return DocumentResult.from_dict(json.loads(self.data))


def quads_digest(nquads: str) -> str:
    """The digest by which a build knows which version of a graph its store holds."""
    return hashlib.sha256(nquads.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    """``dataclasses.asdict`` without its deep copies (a third of the result-caching time)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        return {name: _plain(getattr(value, name)) for name in fields}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (set, frozenset, tuple)):
        return [_plain(item) for item in value]
    return value


# Hand-written ``_plain`` for the records of a result: the generic walk asks every
# value for its type and fields, which was most of the caching time. Keys come in
# field order, so the JSON is the same text (tests/test_distributed_json.py checks
# both against ``_plain``, and that these list every field of the records).


def _argument_dict(a: Argument | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "text": a.text,
        "start": a.start,
        "end": a.end,
        "role": a.role,
        "preposition": a.preposition,
        "is_clause": a.is_clause,
        "conjuncts": [_argument_dict(c) for c in a.conjuncts] if a.conjuncts else [],
        "concept": a.concept,
        "inner": [list(i) for i in a.inner],
        "verbal": a.verbal,
    }


def _extraction_dict(e: Extraction) -> dict[str, Any]:
    return {
        "sentence": e.sentence,
        "relation": e.relation,
        "predicate": e.predicate,
        "subject": _argument_dict(e.subject),
        "arguments": [_argument_dict(a) for a in e.arguments],
        "negated": e.negated,
        "modality": e.modality,
        "attribution": _argument_dict(e.attribution),
        "confidence": e.confidence,
        "construction": e.construction,
        "resolved_from": e.resolved_from,
        "tense": e.tense,
    }


def _result_dict(result: DocumentResult) -> dict[str, Any]:
    """``_plain(result)``, faster: the same dict, built field by field."""
    return {
        "document": _plain(result.document),
        "sentences": [{"index": s.index, "start": s.start, "end": s.end, "text": s.text} for s in result.sentences],
        "mentions": [
            {
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "label": m.label,
                "sentence": m.sentence,
                "entity_type": m.entity_type,
                "known": m.known,
            }
            for m in result.mentions
        ],
        "extractions": [_extraction_dict(e) for e in result.extractions],
        "words": result.words,
    }


def process_documents(
    documents: Iterable[Document], settings: Settings, map_early: bool = False, scratch: Path | None = None
) -> Iterator[Processed]:
    """Per-document work in this process, streaming: extract (and map early) each document, in order.

    The extractor is the one the settings name (:mod:`kg.extractors`). Each
    document is isolated: an exception or time-out in its work yields a
    :meth:`Processed.failure` for it, and the stream goes on with the next.
    With a ``scratch`` folder, a document longer than a section is written there
    section by section as it is parsed (:mod:`kg.sections`), never held whole.
    """
    from .sections import SectionSpill

    extractor = make_extractor(settings)
    extractor.streams = scratch is not None
    spill: SectionSpill | None = None
    so_far = DefinitionsSoFar()  # the short forms the documents of this stream define
    for document, outcome in extractor.extract(documents):
        if isinstance(outcome, SectionDone):
            if outcome.part is not None and scratch is not None:
                if spill is None or spill.document is not document or outcome.span[0] == 0:
                    if spill is not None:
                        spill.discard()
                    folder = scratch / hashlib.sha256(document.id.encode()).hexdigest()[:24]
                    spill = SectionSpill(document, folder, settings if map_early else None)
                spill.add(outcome.part, outcome.span)
            yield outcome  # progress inside a long document
            continue
        ours = spill if spill is not None and spill.document is document else None
        spill = None
        if isinstance(outcome, Exception):
            if ours is not None:
                ours.discard()
            yield Processed.failure(document, failure_reason(outcome, settings.debug))
            continue
        try:
            # The limit is per section of text (a long document has more time), and never
            # around a yield: the consumer's time is not the document's.
            with time_limit(settings.time_limit * sections(document.text, settings.section_chars)):
                if ours is not None:
                    processed = _of_sections(ours, outcome(), settings, map_early)
                else:
                    processed = Processed.of(outcome(), settings, map_early=map_early, so_far=so_far)
        except Exception as error:
            if ours is not None:
                ours.discard()
            processed = Processed.failure(document, failure_reason(error, settings.debug))
        yield processed


def _of_sections(spill, last: DocumentResult, settings: Settings, map_early: bool) -> Processed:
    """A long document's :class:`Processed`, its last section added to what ``spill`` wrote; mapped early too."""
    from .sections import OPS, RESULT, map_sections, read_parts

    document = spill.document
    spill.add(last, (spill.at, len(document.text)))
    spill.close()
    log = None
    if map_early:
        folder = spill.folder
        parts = lambda: read_parts(folder / RESULT)  # noqa: E731
        # Mapped as the sections came if the whole document's facts bear that out; else now.
        mapped = spill.early.finish(parts, spill.facts, spill.cased) if spill.early is not None else None
        if mapped is None:
            resolver = Resolver({document.id: spill.facts}, settings.gazetteers, record=True)
            mapped = map_sections(
                resolver, parts, document.id, settings.base, folder, cased=spill.cased, ops=folder / OPS
            )
        log = {"sections": spill.sections, "graph": mapped.graph, "digest": mapped.digest,
               "statements": mapped.statements, "sentences": mapped.sentences, "words": mapped.words,
               "source": document.source, "predicates": sorted(mapped.predicates),
               "used": sorted(mapped.used)}  # fmt: skip
    return Processed(
        document.id, document.sha256, spill.words, "", spill.facts.to_list(), None, log, spill=str(spill.folder)
    )


def process_batch(documents: list[Document], settings: Settings, map_early: bool = False) -> list[Processed]:
    """Per-document work on one batch: the task a pool process or Dask worker runs.

    The extractor's model is loaded once per process (spaCy's: cached by :func:`~kg.parsing.load_pipeline`).
    """
    # Progress inside a document stays in the worker: the driver counts whole documents from it.
    return [p for p in process_documents(documents, settings, map_early) if isinstance(p, Processed)]


def batches(
    documents: Iterable[Document], size: int, max_chars: int = TASK_CHARS, alone_over: int | None = None
) -> Iterator[list[Document]]:
    """Group documents into tasks of at most ``size`` documents and about ``max_chars`` characters.

    A document longer than ``alone_over`` characters is a task of its own.

    >>> from kg.records import Document
    >>> docs = [Document(str(n), "x" * n, "") for n in (1, 2, 50, 3)]
    >>> [[d.id for d in task] for task in batches(docs, 64, alone_over=10)]
    [['1', '2'], ['50'], ['3']]
    """
    batch: list[Document] = []
    chars = 0
    for document in documents:
        if alone_over is not None and len(document.text) > alone_over:
            if batch:
                yield batch
                batch, chars = [], 0
            yield [document]
            continue
        batch.append(document)
        chars += len(document.text)
        if len(batch) >= size or chars >= max_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def run(
    documents: Iterable[Document],
    settings: Settings,
    *,
    workers: int = 1,
    dask: str | None = None,
    map_early: bool = False,
    scratch: Path | None = None,
) -> Iterator[Processed]:
    """Run the per-document work on every document, where asked; yields results in input order.

    (The cross-document pass sorts by document id, so the order never changes the graph.)
    In this process, a long document is written to ``scratch`` section by section
    (:func:`process_documents`). With workers elsewhere, a document longer than a section is
    still processed here, between their tasks: a worker would hand its result back whole, and a
    book's result, early graph and their pickled copies are gigabytes.
    """
    if not dask and workers <= 1:
        yield from process_documents(documents, settings, map_early, scratch)
        return

    def here(task: list[Document]) -> Iterator[Processed]:
        return process_documents(task, settings, map_early, scratch)

    if dask:
        yield from _run_dask(documents, settings, dask, map_early, here)
    else:
        yield from _run_pool(documents, settings, workers, map_early, here)


#: Runs a task of one long document in this process (:func:`run`).
Here = Callable[[list[Document]], Iterator[Processed]]


def _bounded(
    submit, documents: Iterable[Document], settings: Settings, in_flight: int, result_of, here: Here
) -> Iterator[Processed]:
    """Submit tasks of at most 16 documents keeping at most ``in_flight`` pending, so reading never
    runs ahead of the workers.

    A document longer than a section is a task of its own and runs ``here`` once the tasks before
    it are in, so results keep the input's order.
    """
    long = settings.section_chars
    pending: deque = deque()
    for task in batches(documents, max(1, min(settings.batch_size, 16)), alone_over=long):
        if len(task) == 1 and len(task[0].text) > long:
            while pending:
                yield from result_of(pending.popleft())
            yield from here(task)
            continue
        pending.append(submit(task))
        if len(pending) >= in_flight:
            yield from result_of(pending.popleft())
    while pending:
        yield from result_of(pending.popleft())


def _run_pool(
    documents: Iterable[Document], settings: Settings, workers: int, map_early: bool, here: Here
) -> Iterator[Processed]:
    """A pool of local processes, each with its own copy of the pipeline."""
    # Fork from a parent that has loaded the pipeline: children start at once
    # with the model in copy-on-write memory (as spaCy's own n_process does).
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if "fork" in methods:
        make_extractor(settings).prepare()
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=die_with_parent) as pool:

        def submit(task: list[Document]) -> Future:
            return pool.submit(process_batch, task, settings, map_early)

        yield from _bounded(submit, documents, settings, 2 * workers, lambda future: future.result(), here)


def die_with_parent() -> None:
    """Have the OS kill this process when its parent dies (Linux): a killed build leaves no workers behind.

    Without it, pool processes of a build killed with ``kill -9`` (each holding
    a loaded pipeline, ~300 MiB) waited on their task queue forever.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not glibc
        return
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)


def _run_dask(
    documents: Iterable[Document], settings: Settings, address: str, map_early: bool, here: Here
) -> Iterator[Processed]:
    """A Dask cluster: ``tcp://HOST:PORT`` (running scheduler) or ``local:N`` (local cluster)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - dask is a dependency
        raise KGError("--dask needs dask.distributed: pip install 'dask[distributed]'") from None
    cluster = None
    if address.startswith("local:"):
        try:
            n_workers = int(address.removeprefix("local:"))
        except ValueError:
            raise KGError(f"--dask local:N needs a number of workers (got {address!r})") from None
        cluster = LocalCluster(
            n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )
        client = Client(cluster)
    else:
        try:
            client = Client(address, timeout="20s")
        except OSError as error:
            raise KGError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    try:
        threads = max(1, sum(client.nthreads().values()))

        def submit(task: list[Document]):
            return client.submit(process_batch, task, settings, map_early, pure=False)

        def result_of(future) -> list[Processed]:
            try:
                return future.result()
            finally:
                future.release()

        yield from _bounded(submit, documents, settings, 2 * threads, result_of, here)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
