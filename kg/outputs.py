"""Files a build writes beside the store, from the same final graphs: N-Quads shards and ``graph.trig``.

Both are written as the cross-document pass stores each document's graph, so
neither needs a second pass over the store. Each file appears under its final
name (atomic rename) only when complete.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import IO

from .rdf.terms import graph_body


class ShardWriter:
    """N-Quads shards of the whole graph for a triple store's bulk loader.

    ``part-NNNNN.nq`` files of about ``shard_bytes`` each (documents' graphs,
    in document-id order), ``entities.nq`` and ``ontology.nq``. Each file is
    written under a temporary name and renamed when complete.
    """

    def __init__(self, directory: Path, shard_bytes: int = 256 * 2**20):
        self.directory = directory
        self.shard_bytes = shard_bytes
        directory.mkdir(parents=True, exist_ok=True)
        for old in directory.glob("*.nq"):
            old.unlink()
        self.number = 0
        self.handle: IO[bytes] | None = None
        self.size = 0

    def _path(self) -> Path:
        return self.directory / f"part-{self.number:05d}.nq"

    def write(self, graphs: list[tuple[str, str, str, bool]]) -> None:
        """Append documents' final graphs: ``(document id, graph IRI, N-Quads, early)`` (early ones are skipped)."""
        nquads = "".join(n for _, _, n, early in graphs if not early)
        if not nquads:
            return
        if self.handle is None:
            self.handle = self._path().with_suffix(".nq.tmp").open("wb")
            self.size = 0
        data = nquads.encode("utf-8")
        self.handle.write(data)
        self.size += len(data)
        if self.size >= self.shard_bytes:
            self._finish()

    def _finish(self) -> None:
        if self.handle is not None:
            self.handle.close()
            os.replace(self._path().with_suffix(".nq.tmp"), self._path())
            self.handle = None
            self.number += 1

    def close(self, entities: tuple[str, str], ontology: tuple[str, str]) -> None:
        """Finish the last part and write the entities and ontology graphs (``(graph IRI, N-Quads)`` each)."""
        self._finish()
        for name, (_, nquads) in (("entities.nq", entities), ("ontology.nq", ontology)):
            (self.directory / (name + ".tmp")).write_text(nquads, encoding="utf-8")
            os.replace(self.directory / (name + ".tmp"), self.directory / name)


class TrigWriter:
    """The whole graph as one TriG file: a ``GRAPH`` block per named graph, a triple per line.

    Written from the N-Quads the build stores, so it equals the store's content
    without reading it back (``kg export --format trig`` writes the same graph
    with prefixes). A document's early graph (:class:`~kg.distributed.Processed`)
    is written as it comes; if the document's final graph differs, that is
    written too and the early block is left out when the file is put in place.
    """

    HEADER = "# kg build: one named graph per document, then the entities and the ontology graphs.\n"

    def __init__(self, path: Path):
        self.path = path
        self.temporary = path.with_name(path.name + ".tmp")
        self.handle: IO[bytes] = self.temporary.open("wb")
        self.size = self.handle.write(self.HEADER.encode("utf-8"))
        self.early: dict[str, tuple[int, int]] = {}  # document id → its early block (offset, length)
        self.dropped: list[tuple[int, int]] = []

    def write(self, graphs: list[tuple[str, str, str, bool]]) -> None:
        """Append documents' graphs: ``(document id, graph IRI, N-Quads, early)``."""
        for doc_id, graph, nquads, early in graphs:
            block = f"\n<{graph}> {{\n{graph_body(graph, nquads)}}}\n".encode() if nquads else b""
            if early:
                self.early[doc_id] = (self.size, len(block))
            elif doc_id in self.early:
                self.dropped.append(self.early.pop(doc_id))
            self.size += self.handle.write(block)

    def close(self, entities: tuple[str, str], ontology: tuple[str, str]) -> None:
        """Write the entities and ontology graphs and put the file in place."""
        self.write([("", *entities, False), ("", *ontology, False)])
        self.handle.close()
        if self.dropped:
            self._leave_out(sorted(self.dropped))
        os.replace(self.temporary, self.path)

    def _leave_out(self, ranges: list[tuple[int, int]]) -> None:
        """Copy the file without the byte ranges of replaced early blocks."""
        compact = self.temporary.with_name(self.temporary.name + "2")
        with self.temporary.open("rb") as source, compact.open("wb") as target:
            position = 0
            for offset, length in ranges:
                target.write(source.read(offset - position))
                source.seek(offset + length)
                position = offset + length
            shutil.copyfileobj(source, target)
        os.replace(compact, self.temporary)

    def abandon(self) -> None:
        self.handle.close()
        self.temporary.unlink(missing_ok=True)
