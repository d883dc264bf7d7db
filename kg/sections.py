"""Long documents in sections: results written as they are made, then resolved and mapped section by section.

A document longer than one section (:attr:`~kg.settings.Settings.section_chars`) is
never held whole after its parse. Its extractor hands it over section by section
(:class:`~kg.extractors.SectionDone` parts); :class:`SectionSpill` writes each
part to a folder as one JSON line (``result.jsonl``, the results cache's form of
the document) and keeps only the document's small :class:`~kg.entities.resolve.DocumentFacts`.
Then :func:`map_sections` resolves the parts in text order with the document's
entity table so far (:class:`~kg.entities.resolve.DocumentCarry`: names, people,
organizations, recent referents), so entity merges and coreference cross section
boundaries, and maps them to the document's one named graph, appended part by
part to ``graph.nq``. Offsets, sentence indices and provenance are the whole
document's. Memory follows the section size, not the document's.
"""

from __future__ import annotations

import gc
import hashlib
import json
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .entities.mentions import cased_by, casing, is_cased
from .entities.resolve import DocumentCarry, DocumentFacts, Resolver
from .heap import cycle_collection_paused
from .rdf.iris import document_iri
from .rdf.mapping import clause_entities, map_document
from .records import Document, DocumentResult

RESULT = "result.jsonl"
SPANS = "spans.jsonl"
OPS = "ops.jsonl"
GRAPH = "graph.nq"
_COMPACT = (",", ":")


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=_COMPACT)


def _paused(items: Iterable, every: int = 16) -> Iterator:
    """``items`` one at a time, made and used with the cycle collector paused (:func:`kg.heap.cycle_collection_paused`),
    and a young-generation pass every ``every`` items for the cycles they left, if any (one a
    section walked the section still in use: 16% of the mapping's time)."""
    with cycle_collection_paused():
        for number, item in enumerate(items, 1):
            yield item
            if number % every == 0:
                gc.collect(0)


class SectionSpill:
    """One long document's result, written to ``folder`` section by section as it is made."""

    def __init__(self, document: Document, folder: Path):
        from .distributed import _plain

        shutil.rmtree(folder, ignore_errors=True)  # a document handed over again (a parser retry) starts afresh
        folder.mkdir(parents=True)
        self.document, self.folder = document, folder
        self.handle = (folder / RESULT).open("w", encoding="utf-8")
        self.handle.write(_dumps({"sections": True, "document": _plain(document)}) + "\n")
        self.facts = DocumentFacts()
        self.words = self.sentences = self.sections = 0
        #: Where the next section starts in the document's text.
        self.at = 0
        #: Sentences starting with a capital, and with a letter: whether the document is cased.
        self.capitals = self.letters = 0
        #: Whether every section, alone, was as cased as the document: then its facts hold as made.
        self.alike: set[bool] = set()

    def add(self, part: DocumentResult, span: tuple[int, int]) -> None:
        """Write one section's part (before its facts: those retype its mentions in place, as resolution does)."""
        with cycle_collection_paused():
            self._add(part, span)

    def _add(self, part: DocumentResult, span: tuple[int, int]) -> None:
        from .distributed import _result_dict

        data = _result_dict(part)
        del data["document"]
        data["span"] = list(span)
        self.handle.write(_dumps(data) + "\n")
        capitals, letters = casing(part)
        self.capitals += capitals
        self.letters += letters
        self.alike.add(cased_by(capitals, letters))
        self.facts = self.facts.merged(DocumentFacts.of(part, span))
        self.words += part.words
        self.sentences += len(part.sentences)
        self.sections += 1
        self.at = span[1]

    @property
    def cased(self) -> bool:
        return cased_by(self.capitals, self.letters)

    def close(self) -> None:
        """The last line says whether the document is cased (its sections are resolved in its light)."""
        self.handle.write(_dumps({"cased": self.cased}) + "\n")
        self.handle.close()
        if self.alike != {self.cased}:  # a section's facts were read another way than the document's
            self.facts = facts_of(self.folder / RESULT)

    def discard(self) -> None:
        self.handle.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def read_sections(path: Path) -> Iterator[tuple[DocumentResult, tuple[int, int]]]:
    """A cached result's parts in text order, each with the span of text it covers: each section's
    of a long document, or the one whole result."""
    with path.open(encoding="utf-8") as handle:
        header = json.loads(handle.readline())
        if not header.get("sections"):
            result = DocumentResult.from_dict(header)
            yield result, (0, len(result.document.text))
            return
        document = header["document"]
        for line in handle:
            data = json.loads(line)
            if "span" not in data:
                return  # the last line: whether the document is cased
            data["document"] = document
            yield DocumentResult.from_dict(data), tuple(data["span"])


def document_cased(path: Path) -> bool:
    """Whether a document cached in sections is cased (its last line), or a whole one (its sentences)."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 64))
        last = handle.read().decode("utf-8", "replace").rstrip("\n").rsplit("\n", 1)[-1]
    try:
        return bool(json.loads(last)["cased"])
    except (ValueError, KeyError, TypeError):
        return is_cased(next(read_parts(path)))


def read_parts(path: Path) -> Iterator[DocumentResult]:
    """A cached result's parts in text order (:func:`read_sections` without the spans)."""
    return (part for part, _ in read_sections(path))


#: How a result cached in sections starts (its header says so first, before the document's text).
_SECTIONED = b'{"sections":true'


def is_sectioned(path: Path) -> bool:
    """Whether a cached result was written in sections (its first line is a header)."""
    with path.open("rb") as handle:
        return handle.read(len(_SECTIONED)) == _SECTIONED


def count(path: Path) -> int:
    """How many sections a cached result holds (1: a document read whole)."""
    if not is_sectioned(path):
        return 1
    with path.open("rb") as handle:
        return max(1, sum(1 for _ in handle) - 2)  # less the header and the last line


def facts_of(path: Path) -> DocumentFacts:
    """The facts of a cached result, read a section at a time."""
    facts = DocumentFacts()
    cased = document_cased(path)
    for part, span in _paused(read_sections(path)):
        facts = facts.merged(DocumentFacts.of(part, span, cased))
    return facts


@dataclass
class MappedSections:
    """A long document's graph, in ``graph.nq`` of its folder, with the counts a build reports."""

    graph: str
    digest: str
    path: Path
    statements: int = 0
    sentences: int = 0
    words: int = 0
    predicates: set[str] = field(default_factory=set)
    #: Keys of the entities its statements, qualifiers and links use (:attr:`~kg.rdf.mapping.MappedDocument.used`).
    used: set[str] = field(default_factory=set)


def map_sections(
    resolver: Resolver,
    parts: Callable[[], Iterator[DocumentResult]],
    doc_id: str,
    base: str,
    folder: Path,
    *,
    cased: bool,
    ops: Path | None = None,
) -> MappedSections:
    """Resolve a long document's parts in order, then map them to its graph (``folder/graph.nq``).

    ``parts`` gives the parts afresh each call (they are read twice). Resolution goes
    first over every part: the mapping of one needs what the document's clauses say
    about any entity (:func:`~kg.rdf.mapping.clause_entities`). Each part's assignments
    wait on disk meanwhile. With ``ops``, each part's resolution log (``resolver.record``)
    is written there, a JSON line a part, for :meth:`Resolver.replay`. ``cased``: whether the
    document is (:func:`document_cased`).
    """
    carry = DocumentCarry(cased=cased)
    used: set[str] = set()
    index = resolver.index
    spans_path = folder / SPANS
    with spans_path.open("w", encoding="utf-8") as spans_out, _maybe_open(ops) as ops_out:
        for part in _paused(parts()):
            spans = resolver.resolve(part, carry)
            if part.sentences:
                carry.next_section(part.sentences[-1].index + 1)
            resolver.referenced.update(spans.values())  # kept by Resolver.finish, as assignments are
            used |= clause_entities(part, index)
            # Resolution marks the subjects it resolved (``resolved_from``), which the mapping states.
            marks = [[n, e.resolved_from] for n, e in enumerate(part.extractions) if e.resolved_from]
            spans_out.write(_dumps([[[start, end, key] for (start, end), key in spans.items()], marks]) + "\n")
            if ops_out is not None:
                ops_out.write(_dumps(resolver.last_log) + "\n")
    mapped = MappedSections(document_iri(base, doc_id), "", folder / GRAPH)
    digest = hashlib.sha256()
    mentioned: set[str] = set()
    with spans_path.open(encoding="utf-8") as spans_in, mapped.path.open("wb") as out:
        for number, (part, line) in enumerate(_paused(zip(parts(), spans_in, strict=True))):
            assigned, marks = json.loads(line)
            index.assignments[doc_id] = {(start, end): key for start, end, key in assigned}
            for at, resolved_from in marks:
                part.extractions[at].resolved_from = resolved_from
            section = map_document(part, index, base, head=number == 0, used=used, mentioned=mentioned)
            data = section.nquads.encode("utf-8")  # encoded once, for the file and the digest
            out.write(data)
            digest.update(data)
            mapped.statements += section.statements
            mapped.predicates |= section.predicates
            mapped.used |= section.used
            mapped.sentences += len(part.sentences)
            mapped.words += part.words
    index.assignments.pop(doc_id, None)  # the spans are the document's; the keys stay referenced
    spans_path.unlink()
    mapped.digest = digest.hexdigest()
    return mapped


class _Nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


def _maybe_open(path: Path | None):
    return path.open("w", encoding="utf-8") if path is not None else _Nothing()


def read_ops(path: Path) -> Iterator[dict]:
    """The resolution logs of a long document's parts, in order."""
    with path.open(encoding="utf-8") as handle:
        yield from _paused(json.loads(line) for line in handle)


#: N-Quads are handed to the store in pieces of about this many characters (whole lines).
PIECE_CHARS = 4_000_000


def graph_pieces(path: Path, size: int | None = None) -> Iterator[str]:
    """A graph file's N-Quads in pieces of whole lines, about ``size`` characters each (:data:`PIECE_CHARS`)."""
    size = size or PIECE_CHARS
    with path.open(encoding="utf-8") as handle:
        while True:
            piece = handle.read(size)
            if not piece:
                return
            if not piece.endswith("\n"):
                piece += handle.readline()
            yield piece
