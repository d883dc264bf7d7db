"""Writing documents' graphs: the background writer, and the record of which graph each document has where.

:class:`StoredGraphs` owns the early-graph record: which version (N-Quads
digest) of each document's graph the store holds, which documents' early
graphs went to the output files, and the crash journal written before each
store write. The build asks it whether a document's early graph can stand
(:meth:`StoredGraphs.can_replay`) and hands it every graph to store.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from .distributed import quads_digest
from .doc_table import DocumentTable
from .output_dir import Journal
from .sinks import Sink
from .store import GraphStore


class GraphWriter:
    """Writes mapped documents to the store (and the shards and ``graph.trig``) in batches, on a background thread.

    Oxigraph releases the GIL while loading, so the store load overlaps with
    mapping the next documents. Each batch is one transaction per graph set
    (:meth:`GraphStore.replace_graphs`). A long document's graph comes in pieces:
    the first replaces the graph, the others are added to it (``append``).
    """

    BATCH_DOCS = 64
    BATCH_CHARS = 4_000_000
    #: Oxigraph (RocksDB) keeps writes in memory tables until flushed: ~5 bytes of
    #: memory per byte of N-Quads loaded, which during the parse would add to
    #: spaCy's peak. Flushing this often keeps them small, and costs no time.
    FLUSH_CHARS = 4_000_000
    #: RocksDB's caches fill with what each load reads and pyoxigraph sets no size for them: the store is
    #: reopened after this many characters of N-Quads (about 7,000 small documents), which frees them
    #: (:meth:`~kg.store.GraphStore.reopen`, some 20 ms).
    REOPEN_CHARS = 32_000_000

    def __init__(self, store: GraphStore, sinks: list[Sink]):
        self.store = store
        self.sinks = sinks
        self.queue: queue.Queue = queue.Queue(maxsize=2)
        self.batch: list[tuple[str, str, str, bool, bool, bool]] = []
        self.chars = 0
        self.unflushed = 0
        self.since_reopen = 0
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._work, name="kg-store-writer", daemon=True)
        self.thread.start()

    def _work(self) -> None:
        while (batch := self.queue.get()) is not None:
            if self.error is not None:
                continue
            try:
                self._store(batch)
                for sink in self.sinks:
                    sink.write([(doc_id, graph, nquads, early) for doc_id, graph, nquads, _, early, _ in batch])
            except BaseException as error:  # re-raised in the driver by close()
                self.error = error

    def _store(self, batch: list[tuple[str, str, str, bool, bool, bool]]) -> None:
        """Replace and add to graphs in the batch's order: a graph's pieces follow its first."""
        replaced: dict[str, str] = {}
        appended: list[str] = []

        def write() -> None:
            if replaced:
                self.store.replace_graphs(replaced.items())
            if appended:
                self.store.append_nquads("".join(appended))
            self.unflushed += sum(map(len, replaced.values())) + sum(map(len, appended))
            replaced.clear()
            appended.clear()

        for _, graph, nquads, store, _, append in batch:
            if not store:
                continue
            if append:
                appended.append(nquads)
                continue
            if appended or graph in replaced:
                write()
            replaced[graph] = nquads
        write()
        if self.unflushed >= self.FLUSH_CHARS:
            self.store.flush()
            self.since_reopen += self.unflushed
            self.unflushed = 0
            if self.since_reopen >= self.REOPEN_CHARS:
                self.store.reopen()
                self.since_reopen = 0

    def add(self, doc_id: str, graph: str, nquads: str, *, store: bool, early: bool, append: bool = False) -> None:
        """Queue one document's graph: to the store if ``store``; to the output files always,
        where a final graph replaces the document's ``early`` one. ``append``: a further piece of
        the graph queued last for this document (a long document's)."""
        if not store and not self.sinks:
            return
        self.batch.append((doc_id, graph, nquads, store, early, append))
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


class StoredGraphs:
    """Which graph each document has in the store and the output files, and the writes to them.

    ``records`` tells the digest of each document's graph in the store, as
    far as the saved state and the crash journal let us be sure; a graph is
    written only when its digest differs. Early graphs (a document resolved
    alone, in the per-document pass) go to the output files as they come; a
    document keeps its early graph when the corpus resolves it the same way.
    """

    def __init__(self, writer: GraphWriter, journal: Journal, records: DocumentTable):
        self.writer = writer
        self.journal = journal
        #: Which digest each document's graph has in the store, and whose early graph went to the
        #: output files (where it stays unless replaced): on disk, not per document in memory.
        self.records = records

    def store(self, doc_id: str, graph: str, nquads: str, *, early: bool, digest: str | None = None) -> str:
        """Queue a document's graph for the store unless it is there already; returns its digest."""
        digest = digest or quads_digest(nquads)
        write = self.records.stored(doc_id) != digest
        if write:
            self.journal.add(doc_id)  # durably, before the write: a crash leaves it unsure
        self.records.set_stored(doc_id, digest if write else None, early=early and bool(self.writer.sinks))
        self.writer.add(doc_id, graph, nquads, store=write, early=early)
        return digest

    def store_file(self, doc_id: str, graph: str, path: Path, *, early: bool, digest: str) -> str:
        """Queue a long document's graph, read from ``path`` in pieces, unless the store has it already.

        The journal lists the document before its first piece: a crash between pieces leaves
        the graph unsure, and the next build writes it again whole.
        """
        from .sections import graph_pieces

        write = self.records.stored(doc_id) != digest
        if write:
            self.journal.add(doc_id)
        self.records.set_stored(doc_id, digest if write else None, early=early and bool(self.writer.sinks))
        if write or self.writer.sinks:
            pieces = 0
            for piece in graph_pieces(path):
                self.writer.add(doc_id, graph, piece, store=write, early=early, append=pieces > 0)
                pieces += 1
            if not pieces:  # no quads: the graph is emptied
                self.writer.add(doc_id, graph, "", store=write, early=early)
        return digest

    def stands(self, doc_id: str, log: dict | None) -> bool:
        """Whether the document's early graph (described by its resolution ``log``) is in place everywhere."""
        if log is None:
            return False
        stored, early = self.records.written(doc_id)
        return stored == log["digest"] and (early or not self.writer.sinks)

    def drop(self, doc_id: str, graph: str | None) -> None:
        """Empty a document's graph in the store and the output files (the document failed)."""
        if graph and self.records.stored(doc_id) is not None:
            self.store(doc_id, graph, "", early=False)
