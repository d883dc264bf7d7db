"""Files a build writes beside the store, from the same final graphs: N-Quads shards and ``graph.trig``.

Both are written as the cross-document pass stores each document's graph, so
neither needs a second pass over the store. Each file appears under its final
name (atomic rename) only when complete.
"""

from __future__ import annotations

import os
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

    def write(self, graphs: list[tuple[str, str]]) -> None:
        """Append documents' graphs: ``(graph IRI, N-Quads)`` pairs."""
        nquads = "".join(n for _, n in graphs)
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
    with prefixes).
    """

    HEADER = "# kg build: one named graph per document, then the entities and the ontology graphs.\n"

    def __init__(self, path: Path):
        self.path = path
        self.temporary = path.with_name(path.name + ".tmp")
        self.handle: IO[bytes] = self.temporary.open("wb")
        self.handle.write(self.HEADER.encode("utf-8"))

    def write(self, graphs: list[tuple[str, str]]) -> None:
        """Append named graphs: ``(graph IRI, N-Quads all in that graph)`` pairs."""
        blocks = [f"\n<{graph}> {{\n{graph_body(graph, nquads)}}}\n" for graph, nquads in graphs if nquads]
        self.handle.write("".join(blocks).encode("utf-8"))

    def close(self, entities: tuple[str, str], ontology: tuple[str, str]) -> None:
        """Write the entities and ontology graphs and put the file in place."""
        self.write([entities, ontology])
        self.handle.close()
        os.replace(self.temporary, self.path)

    def abandon(self) -> None:
        self.handle.close()
        self.temporary.unlink(missing_ok=True)
