"""A long document's parse in a process of its own, a batch ahead of the analysis in this one.

Beside spaCy's parse, a long document's own work in kg (reading each parsed section's clauses
and phrases, writing its part of the result) is about a fifth of its time. Threads cannot run
the two side by side: spaCy holds Python's lock for most of a parse (measured: a parse in a
thread beside a Python loop took longer than the two one after the other). So, where this
process may use two CPUs or more, a long document's sections are parsed in a child process
(:class:`ParserProcess`, the same pipeline and settings) one batch ahead, and come back as
``Doc.to_bytes`` (about 3% of the parse's time, both ways) while this process analyses the
batch before. The parse itself runs at the speed of a bare ``nlp.pipe``, on one core; the
analysis takes the other. Short documents are parsed here as before: their batches are small,
and a feed's vocabulary is kept flat by this process's memory zones.

The child (``python -m kg.parse_process``: a fresh interpreter, so a user's script is not run
again in it, as ``multiprocessing``'s spawn would) parses nothing but what it is sent, loads the
pipeline once, dies with this process (``kill -9`` leaves nothing behind), and ignores Ctrl-C (the
build decides when to stop). It is started at the first document long enough to gain from it
(:data:`LONG_CHARS`: its start, ~2 s, is paid once). If it fails or dies, the build goes on
without it: the document in flight, and every later one, is parsed in this process
(:class:`ParserProcessFailed` reaches the extractor's per-document retry).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import pickle
import queue
import signal
import struct
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Iterator
from typing import BinaryIO, NoReturn

from .errors import KGError
from .parsing import ZONE_CHARS, chunk_batches, document_zone
from .records import Document

#: Batches sent ahead of the one being analysed: the child always has the next one at hand.
_AHEAD = 2
#: By default (``Settings.parser_process`` None), documents at least this long are parsed in the
#: child: ~170,000 words, ~35 s of parsing, against the child's start of ~2 s paid once.
LONG_CHARS = 1_000_000
_SIZE = struct.Struct("<Q")
log = logging.getLogger(__name__)


class ParserProcessFailed(KGError):
    """The parser process failed or died; its documents are parsed in this process instead."""


def usable_cpus() -> int:
    """How many CPUs this process may run on.

    >>> usable_cpus() >= 1
    True
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def parsed_apart(setting: bool | None, chars: int, section_chars: int) -> bool:
    """Whether a document of ``chars`` characters is parsed in the parser process: never (False), every
    document longer than a section (True), or (None) one of :data:`LONG_CHARS` or more where two CPUs
    are usable.

    >>> parsed_apart(True, 150_000, 100_000), parsed_apart(False, 5_000_000, 100_000)
    (True, False)
    >>> parsed_apart(None, 150_000, 100_000)
    False
    """
    if not setting:
        return setting is None and chars >= max(LONG_CHARS, section_chars + 1) and usable_cpus() >= 2
    return chars > section_chars


def _write(stream: BinaryIO, value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_SIZE.pack(len(data)))
    stream.write(data)
    stream.flush()


def _read(stream: BinaryIO) -> object:
    """The next value written with :func:`_write`; EOFError at the end of the stream."""
    head = stream.read(_SIZE.size)
    if len(head) < _SIZE.size:
        raise EOFError
    data = stream.read(_SIZE.unpack(head)[0])
    return pickle.loads(data)


class ParserProcess:
    """A child process with the build's spaCy pipeline, parsing batches of text sent to it."""

    def __init__(self, model: str | None, gazetteers: tuple[str, ...], low_memory: bool = False):
        options = json.dumps({"model": model, "gazetteers": list(gazetteers), "low_memory": low_memory})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kg.parse_process", options],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={
                **os.environ,
                "PYTHONPATH": os.pathsep.join(filter(None, [_package_root(), os.environ.get("PYTHONPATH")])),
            },
        )
        for pipe in (self.process.stdin, self.process.stdout):
            _widen(pipe)
        self.failed: str | None = None

    def parse(
        self, nlp, document: Document, *, batch_size: int = 64, section_chars: int, zone_chars: int | None = ZONE_CHARS
    ) -> Iterator[tuple[Document, int, object, bool]]:
        """One document's chunks as :func:`kg.parsing.parse_chunks` yields them, parsed in the child.

        Each Doc is made in ``nlp``'s vocabulary (inside a memory zone where ``parse_chunks`` would
        open one), so it is valid until the next is asked for.
        """
        from spacy.tokens import Doc

        if self.failed:
            raise ParserProcessFailed(self.failed)
        sent: deque[list] = deque()
        done = False
        with document_zone(nlp, zone_chars, len(document.text)):
            try:
                for batch, _ in chunk_batches([document], batch_size=batch_size, section_chars=section_chars):
                    # The document's length goes with its first batch: the child opens the document's zone then.
                    starts = len(document.text) if batch[0][1][1] == 0 else 0
                    self._send(([text for text, _ in batch], starts, batch[-1][1][2]))
                    sent.append(batch)
                    if len(sent) >= _AHEAD:
                        yield from _chunks(sent.popleft(), self._receive(), nlp.vocab, Doc)
                while sent:
                    yield from _chunks(sent.popleft(), self._receive(), nlp.vocab, Doc)
                done = True
            finally:
                if not done:  # failed, or the consumer stopped mid-document: its replies would come out of turn
                    self.close(self.failed or "the parse of a document was left unfinished")

    def _send(self, request: tuple) -> None:
        try:
            _write(self.process.stdin, request)
        except OSError:  # the child is gone
            self._receive()  # says how
            raise

    def _receive(self) -> list[bytes]:
        try:
            reply = _read(self.process.stdout)
        except (EOFError, OSError):
            code = self.process.wait()
            self._fail(f"the parser process stopped (exit code {code})")
        if isinstance(reply, str):  # the parser's error
            self._fail(f"the parser process failed: {reply}")
        return reply

    def _fail(self, reason: str) -> NoReturn:
        self.failed = reason
        log.warning("%s; long documents are parsed in the build's process instead", reason)
        raise ParserProcessFailed(reason)

    def close(self, reason: str = "closed") -> None:
        """Stop the child (at once if it is busy or gone); later parses raise :class:`ParserProcessFailed`."""
        self.failed = self.failed or reason
        with contextlib.suppress(OSError):
            self.process.stdin.close()  # the child ends at the end of its input
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:  # mid-parse: its work is no longer wanted
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()


#: ``fcntl``'s F_SETPIPE_SZ (Linux): a pipe's buffer size.
_SET_PIPE_SIZE = 1031
#: A pipe's buffer, widened: a batch's request fits whole (its text), so sending it never waits for
#: the child to read, and a reply goes in a few writes (64 KiB by default: the child's reading thread
#: had to get Python's lock from the parse for each piece).
PIPE_BYTES = 1 << 20


def _widen(pipe: BinaryIO) -> None:
    """Widen a pipe's buffer to :data:`PIPE_BYTES` where the system lets us (Linux); else leave it."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), _SET_PIPE_SIZE, PIPE_BYTES)
    except (ImportError, OSError):  # another system, or a lower limit (/proc/sys/fs/pipe-max-size)
        pass


def _package_root() -> str:
    """The folder kg is imported from, for the child to import the same kg."""
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _chunks(batch: list, parsed: list[bytes], vocab, doc_class) -> Iterator[tuple[Document, int, object, bool]]:
    for (_, (document, offset, last)), data in zip(batch, parsed, strict=True):
        yield document, offset, doc_class(vocab).from_bytes(data), last


def _requests(stream: BinaryIO) -> queue.SimpleQueue:
    """Requests as they come, read on a thread: the parent may send the next while a reply is being
    written (both pipes full would block both processes)."""
    requests: queue.SimpleQueue = queue.SimpleQueue()

    def read() -> None:
        while True:
            try:
                requests.put(_read(stream))
            except (EOFError, OSError):
                requests.put(None)
                return

    threading.Thread(target=read, name="kg-parser-requests", daemon=True).start()
    return requests


def serve(options: dict, requests: BinaryIO, replies: BinaryIO) -> None:
    """The child: parse each batch of texts sent, reply with the Docs' bytes (or the error's text)."""
    from .distributed import die_with_parent
    from .heap import release_free_memory
    from .parsing import flat_memory, load_pipeline

    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's: it closes this process
    if options.get("low_memory"):
        flat_memory()
    try:
        nlp = load_pipeline(options.get("model"), tuple(options.get("gazetteers", ())))
    except Exception as error:  # said as the reply to the first request, in the build's words
        _write(replies, f"{type(error).__name__}: {error}")
        return
    pending = _requests(requests)
    zone = contextlib.ExitStack()
    while (request := pending.get()) is not None:
        texts, starts, last = request
        try:
            if starts:  # a document's first batch: its zone, as the build's own parse would open one
                zone.enter_context(document_zone(nlp, ZONE_CHARS, starts))
            reply: object = [doc.to_bytes(exclude=["tensor"]) for doc in nlp.pipe(texts, batch_size=len(texts))]
        except Exception as error:  # the build parses this document itself, and says what failed
            reply = f"{type(error).__name__}: {error}"
        finally:
            if last:
                zone.close()
        try:
            _write(replies, reply)
        except OSError:  # the build is gone
            return
        if last:
            release_free_memory()  # the batches' arrays, between documents


def main() -> None:
    """``python -m kg.parse_process OPTIONS``: the child's entry point (stdin: requests, stdout: replies)."""
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # anything printed goes to stderr, not into the replies
    serve(json.loads(sys.argv[1]), sys.stdin.buffer, replies)


if __name__ == "__main__":
    main()
