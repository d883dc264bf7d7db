"""Files a build writes beside the store, from the graphs it stores: N-Quads shards and ``graph.trig``.

Both are written as the build stores each document's graph, so neither needs a
second pass over the store. A document's early graph (resolved alone, see
:class:`~kg.distributed.Processed`) is written as it comes; when the
cross-document pass gives the document another graph, that one is written too
and the early block is left out when the file is put in place. Files appear
under their final names (atomic rename) only when the build is done.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from .rdf.terms import graph_body

#: ``(document id, graph IRI, N-Quads, early)``: one document's graph as the build's writer hands it over.
GraphItem = tuple[str, str, str, bool]


class _Spool:
    """One output file, written in blocks under a temporary name; some blocks may be left out at the end."""

    def __init__(self, path: Path):
        self.path = path
        self.temporary = path.with_name(path.name + ".tmp")
        self.handle = self.temporary.open("wb")
        self.size = 0
        self.dropped: list[tuple[int, int]] = []

    def append(self, data: bytes) -> tuple[int, int]:
        """Write a block; returns its ``(offset, length)``."""
        offset = self.size
        self.size += self.handle.write(data)
        return offset, len(data)

    def close(self) -> None:
        """Put the file in place, without the dropped blocks."""
        self.handle.close()
        if self.dropped:
            _leave_out(self.temporary, sorted(self.dropped))
        os.replace(self.temporary, self.path)

    def abandon(self) -> None:
        self.handle.close()
        self.temporary.unlink(missing_ok=True)


def _leave_out(path: Path, ranges: list[tuple[int, int]]) -> None:
    """Rewrite ``path`` without the byte ranges ``(offset, length)``, sorted and disjoint."""
    compact = path.with_name(path.name + ".compact")
    with path.open("rb") as source, compact.open("wb") as target:
        position = 0
        for offset, length in ranges:
            target.write(source.read(offset - position))
            source.seek(offset + length)
            position = offset + length
        shutil.copyfileobj(source, target)
    os.replace(compact, path)


class _GraphFiles:
    """What both writers share: blocks per document graph, and where each early graph went.

    Where each early block went is kept in a private on-disk table (sqlite), not in memory:
    one row a block, for every document of the build.
    """

    def __init__(self) -> None:
        self.spools: list[_Spool] = []
        # Written on the store writer's thread, read when the file is put in place: one at a time.
        self.early: sqlite3.Connection | None = sqlite3.connect("", check_same_thread=False, isolation_level=None)
        self.early.execute("PRAGMA journal_mode=OFF")
        self.early.execute("PRAGMA synchronous=OFF")
        self.early.execute("CREATE TABLE early (doc TEXT, spool INTEGER, start INTEGER, length INTEGER)")
        self.early.execute("CREATE INDEX early_doc ON early (doc)")
        self.early.execute("BEGIN")
        self.any_early = False

    def _block(self, graph: str, nquads: str) -> bytes:
        raise NotImplementedError

    def _spool(self) -> _Spool:
        """The file the next block goes to."""
        return self.spools[-1]

    def write(self, graphs: list[GraphItem]) -> None:
        """Append documents' graphs; a final graph replaces the document's early one.

        A long document's graph comes in pieces, one after the other: each early piece is
        an early block of it; the first final piece drops them all.
        """
        for doc_id, graph, nquads, early in graphs:
            spool = self._spool()
            block = spool.append(self._block(graph, nquads))
            if early:
                self.early.execute("INSERT INTO early VALUES (?, ?, ?, ?)", (doc_id, len(self.spools) - 1, *block))
                self.any_early = True
            elif self.any_early:
                replaced = self.early.execute("SELECT spool, start, length FROM early WHERE doc = ?", (doc_id,))
                for number, start, length in replaced.fetchall():
                    self.spools[number].dropped.append((start, length))
                self.early.execute("DELETE FROM early WHERE doc = ?", (doc_id,))

    def _close_early(self) -> None:
        if self.early is not None:  # None: closed already (a failure while closing)
            self.early.close()  # the table was a scratch one: nothing to keep
            self.early = None

    def abandon(self) -> None:
        for spool in self.spools:
            spool.abandon()
        self._close_early()


class ShardWriter(_GraphFiles):
    """N-Quads shards of the whole graph for a triple store's bulk loader.

    ``part-NNNNN.nq`` files of about ``shard_bytes`` each (documents' graphs,
    one named graph each, in the order they were stored), ``entities.nq`` and
    ``ontology.nq``. Bulk loaders take them in any order.
    """

    def __init__(self, directory: Path, shard_bytes: int = 256 * 2**20):
        super().__init__()
        self.directory = directory
        self.shard_bytes = shard_bytes
        directory.mkdir(parents=True, exist_ok=True)
        for old in directory.glob("*.nq"):
            old.unlink()

    def _block(self, graph: str, nquads: str) -> bytes:
        return nquads.encode("utf-8")

    def _spool(self) -> _Spool:
        if not self.spools or self.spools[-1].size >= self.shard_bytes:
            self.spools.append(_Spool(self.directory / f"part-{len(self.spools):05d}.nq"))
        return self.spools[-1]

    def close(self, entities: tuple[str, str | Iterable[str]], ontology: tuple[str, str]) -> None:
        """Write the entities and ontology graphs (``(graph IRI, N-Quads or its pieces)`` each) and put every file in place."""
        self._close_early()
        for spool in self.spools:
            spool.close()
        for name, (_, nquads) in (("entities.nq", entities), ("ontology.nq", ontology)):
            spool = _Spool(self.directory / name)
            for piece in [nquads] if isinstance(nquads, str) else nquads:
                spool.append(piece.encode("utf-8"))
            spool.close()


class TrigWriter(_GraphFiles):
    """The whole graph as one TriG file: a ``GRAPH`` block per named graph, a triple per line.

    It equals the store's content (``kg export --format trig`` writes the same
    graph with prefixes).
    """

    HEADER = "# kg build: one named graph per document, then the entities and the ontology graphs.\n"

    def __init__(self, path: Path):
        super().__init__()
        self.spools.append(_Spool(path))
        self.spools[0].append(self.HEADER.encode("utf-8"))

    def _block(self, graph: str, nquads: str) -> bytes:
        return f"\n<{graph}> {{\n{graph_body(graph, nquads)}}}\n".encode() if nquads else b""

    def close(self, entities: tuple[str, str | Iterable[str]], ontology: tuple[str, str]) -> None:
        """Write the entities and ontology graphs (the entities graph may come in pieces) and put the file in place."""
        graph, nquads = entities
        # A graph in pieces is a GRAPH block a piece: TriG merges blocks of one graph. Written as they come:
        # the list of every piece held the whole manifest (~30 MiB at 200,000 documents) at the build's peak.
        for piece in [nquads] if isinstance(nquads, str) else nquads:
            self.write([("", graph, piece, False)])
        self.write([("", *ontology, False)])
        self._close_early()
        self.spools[0].close()
