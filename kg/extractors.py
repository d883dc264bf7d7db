"""Extractors: what turns documents into :class:`~kg.records.DocumentResult` records, registered by name.

The per-document pass (:mod:`kg.distributed`) asks the extractor named in
:attr:`kg.settings.Settings.extractor` for each document's result. An
extractor takes documents in batches (a parser pipes them, a model endpoint
would batch its requests) and yields, in input order, each document with
either a function that finishes its result (run under the document's time
limit) or the exception that failed it. Provenance stays the same whatever
the extractor: sentences and arguments carry character offsets into
``Document.text``.

>>> "spacy" in extractor_names()
True
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from .errors import KGError

if TYPE_CHECKING:
    from .parse_process import ParserProcess
    from .records import Document, DocumentResult
    from .settings import Settings


class SectionDone(int):
    """Words of a long document analysed so far, reported between its sections (for progress).

    From an extractor that :attr:`~Extractor.streams`, it also carries the section's ``part`` of
    the result (its sentences, mentions and extractions, with the document's offsets and sentence
    indices) and the ``span`` of text it covers; the document's final result then holds its last
    section only. ``part`` is None otherwise.
    """

    part: DocumentResult | None = None
    span: tuple[int, int] = (0, 0)

    @classmethod
    def of(cls, words: int, part: DocumentResult | None = None, span: tuple[int, int] = (0, 0)) -> SectionDone:
        done = cls(words)
        done.part, done.span = part, span
        return done


#: A document's outcome: a function that finishes its result, or what failed it; before it,
#: a long document may report :class:`SectionDone` words.
Outcome = Callable[[], "DocumentResult"] | Exception | SectionDone


class Extractor:
    """Turns a stream of documents into results; subclasses implement :meth:`extract`."""

    #: Whether it frees and reallocates large buffers all along (a neural parser's batches): a process
    #: running it should keep freed pages rather than hand them back to the system between batches.
    churns_memory = False

    def __init__(self, settings: Settings):
        self.settings = settings
        #: Hand a long document's result over section by section (:class:`SectionDone` parts), so the
        #: caller need not hold it whole. An extractor that cannot leaves it False: results come whole.
        self.streams = False

    def extract(self, documents: Iterable[Document]) -> Iterator[tuple[Document, Outcome]]:
        """Each document (in input order) with its outcome. One document's failure never ends the stream."""
        raise NotImplementedError

    def prepare(self) -> None:
        """Load what worker processes forked from this one should share (e.g. a model), if anything."""


_EXTRACTORS: dict[str, type[Extractor]] = {}


def register_extractor(name: str) -> Callable[[type[Extractor]], type[Extractor]]:
    """Register an :class:`Extractor` class under ``name`` (``Settings(extractor=name)`` selects it)."""

    def register(cls: type[Extractor]) -> type[Extractor]:
        _EXTRACTORS[name] = cls
        return cls

    return register


def extractor_names() -> list[str]:
    return sorted(_EXTRACTORS)


def extractor_class(settings: Settings) -> type[Extractor]:
    """The class of the extractor the settings name (not made: a model is loaded only when used)."""
    try:
        return _EXTRACTORS[settings.extractor]
    except KeyError:
        raise KGError(
            f"unknown extractor {settings.extractor!r}: registered extractors are {', '.join(extractor_names())}"
        ) from None


def make_extractor(settings: Settings) -> Extractor:
    """The extractor the settings name."""
    return extractor_class(settings)(settings)


class _SourceFailed(Exception):
    """An error of the document source, not of the parse: it stops the stream."""

    def __init__(self, error: BaseException):
        super().__init__(str(error))
        self.error = error


@register_extractor("spacy")
class SpacyExtractor(Extractor):
    """kg's own: the spaCy pipeline (parser, NER, gazetteer ruler), then the clause and phrase rules.

    Documents are piped through the parser in batches. If the parser fails on
    a batch, each document of it is parsed again alone, so only the culprit fails.
    A long document streamed section by section is parsed in a process of its own, a batch
    ahead of its analysis here, where the settings allow (:mod:`kg.parse_process`).
    """

    churns_memory = True
    _parser: ParserProcess | None = None

    def prepare(self) -> None:
        from .parsing import load_pipeline

        load_pipeline(self.settings.model, self.settings.gazetteers)

    def extract(self, documents: Iterable[Document]) -> Iterator[tuple[Document, Outcome]]:
        from .parsing import flat_memory, load_pipeline

        settings = self.settings
        if settings.low_memory:
            flat_memory()
        nlp = load_pipeline(settings.model, settings.gazetteers)
        try:
            yield from self._extract(nlp, iter(documents))
        finally:
            if self._parser is not None:
                self._parser.close()
                self._parser = None

    def _extract(self, nlp, source: Iterator[Document]) -> Iterator[tuple[Document, Outcome]]:
        while True:
            fed: dict[int, Document] = {}  # given to the parser, not yet yielded
            try:
                for document, outcome in self._analyses(nlp, _feeding(source, fed)):
                    if not isinstance(outcome, SectionDone):
                        del fed[id(document)]
                    yield document, outcome
                return
            except _SourceFailed as failed:
                raise failed.error from None
            except Exception:  # the parser failed on a document of the batch in flight: find which, alone
                for document in fed.values():
                    try:
                        for outcome in self._analyses(nlp, [document]):
                            # Its sections were counted once; parts are handed over again (from the first).
                            if not isinstance(outcome[1], SectionDone) or outcome[1].part is not None:
                                yield outcome
                    except Exception as error:
                        yield document, error

    def _analyses(self, nlp, documents: Iterable[Document]) -> Iterator[tuple[Document, Outcome]]:
        """Analyse each chunk as it is parsed (its parse is then let go); each section has the time limit."""
        from .analysis import DocumentAnalysis
        from .limits import time_limit

        analysis: DocumentAnalysis | None = None
        failed: Exception | None = None
        for document, offset, doc, last in self._parsed(nlp, documents):
            if analysis is None or analysis.document is not document:
                analysis, failed = DocumentAnalysis(document), None
            if failed is None:
                try:
                    with time_limit(self.settings.time_limit):
                        analysis.add(offset, doc)
                except Exception as error:
                    failed = error
            if last:
                yield document, failed if failed is not None else _done(analysis.result)
                analysis = None
            elif failed is None:
                part = analysis.take() if self.streams else None
                yield document, SectionDone.of(analysis.words, part, (offset, offset + len(doc.text)))

    def _parsed(self, nlp, documents: Iterable[Document]) -> Iterator[tuple[Document, int, object, bool]]:
        """Each chunk parsed, in order: a long document's in the parser process if there is one, the rest here."""
        from .parse_process import parsed_apart
        from .parsing import ZONE_CHARS, parse_chunks

        options = {
            "batch_size": self.settings.batch_size,
            "section_chars": self.settings.section_chars,
            "zone_chars": ZONE_CHARS,  # each parse is analysed, then let go
        }
        if not self.streams:  # not a build's driver: no parser process (workers parse their own documents)
            yield from parse_chunks(nlp, documents, **options)
            return
        settings = self.settings

        def apart(document: Document) -> bool:
            return parsed_apart(settings.parser_process, len(document.text), settings.section_chars)

        for alone, group in itertools.groupby(documents, key=apart):
            if not alone:
                yield from parse_chunks(nlp, group, **options)
                continue
            for document in group:
                parser = self._parser_process()
                if parser is None:
                    yield from parse_chunks(nlp, [document], **options)
                else:
                    yield from parser.parse(nlp, document, **options)

    def _parser_process(self) -> ParserProcess | None:
        """The parser process, started at the first long document; None once it failed (parsed here instead)."""
        from .parse_process import ParserProcess

        if self._parser is None:
            settings = self.settings
            self._parser = ParserProcess(settings.model, settings.gazetteers, settings.low_memory)
        return None if self._parser.failed else self._parser


def _done(result: DocumentResult) -> Callable[[], DocumentResult]:
    return lambda: result


def _feeding(source: Iterator[Document], fed: dict[int, Document]) -> Iterator[Document]:
    while True:
        try:
            document = next(source)
        except StopIteration:
            return
        except Exception as error:
            raise _SourceFailed(error) from error
        fed[id(document)] = document
        yield document
