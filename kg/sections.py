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
import logging
import shutil
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TextIO

from .entities.mentions import cased_by, casing, is_cased
from .entities.resolve import DocumentCarry, DocumentFacts, Resolver
from .heap import cycle_collection_paused
from .limits import time_limit
from .rdf.iris import document_iri
from .rdf.mapping import clause_entities, map_document
from .records import Document, DocumentResult, EntityIndex
from .settings import Settings

RESULT = "result.jsonl"
SPANS = "spans.jsonl"
OPS = "ops.jsonl"
GRAPH = "graph.nq"
_COMPACT = (",", ":")

log = logging.getLogger(__name__)


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

    def __init__(self, document: Document, folder: Path, early: Settings | None = None):
        """``early``: the settings to resolve and map each section with as it comes (:class:`EarlySections`)."""
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
        self.early = EarlySections(document.id, folder, early, self._reread) if early is not None else None

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
        if self.early is not None:
            self.early.add(part, self.facts, self.cased)

    def _reread(self) -> Iterator[DocumentResult]:
        """The parts written so far."""
        self.handle.flush()
        return read_parts(self.folder / RESULT)

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
        if self.early is not None:
            self.early.close()
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


class _Resolving:
    """The first pass over a long document's parts: each resolved, in text order, with the document's
    entity table so far; its assignments written to ``spans`` (a JSON line a part) and, with ``ops``,
    its resolution log (``resolver.record``) for :meth:`Resolver.replay`."""

    def __init__(self, resolver: Resolver, cased: bool | None, spans: TextIO, ops: TextIO | None = None,
                 used: set[str] | None = None):  # fmt: skip
        self.resolver, self.spans, self.ops = resolver, spans, ops
        self.carry = DocumentCarry(cased=cased)
        #: :func:`~kg.rdf.mapping.clause_entities` of the parts so far.
        self.used: set[str] = set() if used is None else used

    def add(self, part: DocumentResult) -> None:
        resolver = self.resolver
        spans = resolver.resolve(part, self.carry)
        if part.sentences:
            self.carry.next_section(part.sentences[-1].index + 1)
        resolver.referenced.update(spans.values())  # kept by Resolver.finish, as assignments are
        self.used |= clause_entities(part, resolver.index)
        # Resolution marks the subjects it resolved (``resolved_from``), which the mapping states.
        marks = [[n, e.resolved_from] for n, e in enumerate(part.extractions) if e.resolved_from]
        self.spans.write(_dumps([[[start, end, key] for (start, end), key in spans.items()], marks]) + "\n")
        if self.ops is not None:
            self.ops.write(_dumps(resolver.last_log) + "\n")


class _Mapping:
    """The second pass: each resolved part mapped to the document's one graph, appended to ``out``."""

    def __init__(self, index: EntityIndex, doc_id: str, base: str, used: Container[str], out: BinaryIO):
        self.index, self.doc_id, self.base, self.used, self.out = index, doc_id, base, used, out
        self.mapped = MappedSections(document_iri(base, doc_id), "", Path())
        self.digest = hashlib.sha256()
        self.mentioned: set[str] = set()
        self.parts = 0

    def restore(self, part: DocumentResult, line: str) -> None:
        """Set a part's assignments and marks as :class:`_Resolving` wrote them (``line``), to map it."""
        assigned, marks = json.loads(line)
        self.index.assignments[self.doc_id] = {(start, end): key for start, end, key in assigned}
        for at, resolved_from in marks:
            part.extractions[at].resolved_from = resolved_from

    def add(self, part: DocumentResult) -> None:
        """Map a resolved part (its assignments are the index's for the document)."""
        mapped = self.mapped
        section = map_document(
            part, self.index, self.base, head=self.parts == 0, used=self.used, mentioned=self.mentioned
        )
        data = section.nquads.encode("utf-8")  # encoded once, for the file and the digest
        self.out.write(data)
        self.digest.update(data)
        self.parts += 1
        mapped.statements += section.statements
        mapped.predicates |= section.predicates
        mapped.used |= section.used
        mapped.sentences += len(part.sentences)
        mapped.words += part.words

    def done(self, path: Path) -> MappedSections:
        self.index.assignments.pop(self.doc_id, None)  # the spans are the document's; the keys stay referenced
        self.mapped.path, self.mapped.digest = path, self.digest.hexdigest()
        return self.mapped


class _UsedSoFar(set):
    """:func:`~kg.rdf.mapping.clause_entities` of a document's sections so far, remembering each key the
    mapping asked for and did not find (a later section's clause may use it)."""

    def __init__(self) -> None:
        super().__init__()
        self.missed: set[str] = set()

    def __contains__(self, key: object) -> bool:
        if set.__contains__(self, key):
            return True
        self.missed.add(key)  # type: ignore[arg-type]
        return False


class EarlySections:
    """A long document resolved and mapped a section at a time while it is parsed: a guess, checked at its end.

    Each section is resolved with the facts of the document so far (the people it named, the short
    forms it defined, whether it is cased) and mapped with what its clauses said so far, while the
    parser works on the sections after it. When a section's facts answer an earlier section's
    lookup otherwise (a short form used before it is defined), the sections so far are resolved again
    (``reread`` gives them), within a budget. At the end (:meth:`finish`) the whole document's facts
    must give every answer the sections were given, and no section may have asked after an entity a
    later clause uses (a noun-phrase fact about it is kept, :func:`~kg.rdf.mapping.says_something`):
    then the graph written is the one :func:`map_sections` makes after the parse, without reading,
    resolving and mapping the document again. If only the mapping's guess fails, the parts are mapped
    again (:func:`remap_sections`); if resolution's does, :func:`map_sections` does it all.
    """

    #: Sections that may be resolved again beyond half the document's so far.
    SPARE_SECTIONS = 16

    def __init__(self, doc_id: str, folder: Path, settings: Settings, reread: Callable[[], Iterator[DocumentResult]]):
        self.doc_id, self.folder, self.reread = doc_id, folder, reread
        self.gazetteers, self.base, self.time_limit = settings.gazetteers, settings.base, settings.time_limit
        self.facts: DocumentFacts | None = None
        self.cased_now: bool | None = None
        self.sections = self.redone = 0
        #: Why the guess was given up, if it was.
        self.failed: str | None = None
        self._start()

    def _start(self) -> None:
        folder = self.folder
        self.resolver = Resolver({}, self.gazetteers, record=True)
        self.spans = (folder / SPANS).open("w", encoding="utf-8")
        self.ops = (folder / OPS).open("w", encoding="utf-8")
        self.graph = (folder / GRAPH).open("wb")
        self.used = _UsedSoFar()
        self.resolving = _Resolving(self.resolver, None, self.spans, self.ops, self.used)
        self.mapping = _Mapping(self.resolver.index, self.doc_id, self.base, self.used, self.graph)
        #: Whether each section was resolved as cased or not.
        self.cased: set[bool] = set()
        if self.facts is not None:
            self.resolver.learn(self.doc_id, self.facts)

    def add(self, part: DocumentResult, facts: DocumentFacts, cased: bool) -> None:
        """Resolve and map one section with the document's ``facts`` and casing so far (its own included)."""
        if self.failed is not None:
            return
        self.sections += 1
        try:
            if facts != self.facts or cased != self.cased_now:
                self.facts, self.cased_now = facts, cased
                self.resolver.learn(self.doc_id, facts)
                if not self.alike():
                    self._again()  # the sections so far, this one among them
                    return
            with time_limit(self.time_limit):  # a section's, as map_sections would have
                self._add(part)
        except Exception as error:  # the guess alone is lost: map_sections does it again
            self.failed = repr(error)

    def _add(self, part: DocumentResult) -> None:
        self.resolving.carry.cased = self.cased_now
        self.cased.add(bool(self.cased_now))
        self.resolving.add(part)
        self.mapping.add(part)

    def _again(self) -> None:
        """Resolve and map the sections so far again, with the facts so far."""
        # Bounded: in all, half the sections so far again, beyond a few (a change late in a long
        # document costs the map_sections pass after the parse instead).
        if self.redone + self.sections > self.sections // 2 + self.SPARE_SECTIONS:
            self.failed = "its facts changed too often"
            return
        self.redone += self.sections
        self.close()
        self._start()
        with time_limit(self.time_limit * self.sections):
            for part in _paused(self.reread()):
                self._add(part)

    def alike(self) -> bool:
        """Whether the facts and casing now give every section so far the answers it was given."""
        return self.cased <= {self.cased_now} and self.resolver.answers_alike(self.doc_id)

    def close(self) -> None:
        for handle in (self.spans, self.ops, self.graph):
            handle.close()

    def finish(
        self, parts: Callable[[], Iterator[DocumentResult]], facts: DocumentFacts, cased: bool
    ) -> MappedSections | None:
        """The document's graph, checked against its whole ``facts``; None if resolution must run again."""
        self.close()
        if self.failed is None and (facts != self.facts or cased != self.cased_now):
            self.facts, self.cased_now = facts, cased  # the document read whole differs from its sections
            self.resolver.learn(self.doc_id, facts)
            self.failed = None if self.alike() else "the whole document's facts differ"
        if self.failed is not None:
            log.debug("%s: resolved again after its parse (%s)", self.doc_id, self.failed)
            return None
        used = set(self.used)
        if self.used.missed & used:
            log.debug("%s: mapped again after its parse (a later clause uses an entity)", self.doc_id)
            mapped = remap_sections(self.resolver.index, parts, self.doc_id, self.base, self.folder, used)
        else:
            log.debug("%s: its graph made during the parse stands (%d sections resolved again)", self.doc_id,
                      self.redone)  # fmt: skip
            mapped = self.mapping.done(self.folder / GRAPH)
        (self.folder / SPANS).unlink()
        return mapped


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
    spans_path = folder / SPANS
    with spans_path.open("w", encoding="utf-8") as spans_out, _maybe_open(ops) as ops_out:
        resolving = _Resolving(resolver, cased, spans_out, ops_out)
        for part in _paused(parts()):
            resolving.add(part)
    mapped = remap_sections(resolver.index, parts, doc_id, base, folder, resolving.used)
    spans_path.unlink()
    return mapped


def remap_sections(
    index: EntityIndex,
    parts: Callable[[], Iterator[DocumentResult]],
    doc_id: str,
    base: str,
    folder: Path,
    used: Container[str],
) -> MappedSections:
    """The second pass of :func:`map_sections`: the parts mapped with the assignments ``folder/spans.jsonl`` holds."""
    with (folder / SPANS).open(encoding="utf-8") as spans_in, (folder / GRAPH).open("wb") as out:
        mapping = _Mapping(index, doc_id, base, used, out)
        for part, line in _paused(zip(parts(), spans_in, strict=True)):
            mapping.restore(part, line)
            mapping.add(part)
    return mapping.done(folder / GRAPH)


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
