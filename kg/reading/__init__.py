"""Reading: files, directories, stdin and JSONL → cleaned :class:`~kg.records.Document` records.

Every input becomes either a ``Document`` or a ``Skipped`` record with the
reason; reading never raises for one bad file, so one bad document never
sinks a build.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputNotFound, UnreadableInput
from ..records import Document, Skipped
from .debris import strip_debris
from .decoding import decode
from .html import html_to_text, looks_like_html
from .language import looks_english
from .markdown import markdown_to_text

__all__ = ["iter_sources", "read_bytes", "read_paths", "read_text"]

DEFAULT_MAX_CHARS = 1_000_000


def content_hash(text: str) -> str:
    """SHA-256 of a document's cleaned text: identical text, identical hash."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _format_of(name: str, text: str) -> str:
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")) or looks_like_html(text):
        return "html"
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    return "text"


def read_text(
    text: str,
    doc_id: str,
    *,
    source: str | None = None,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    fmt: str | None = None,
    repairs: list[str] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Document:
    """Clean one text into a :class:`Document`; raise :class:`UnreadableInput` if it cannot be one.

    >>> doc = read_text("Officials met in Doha on Saturday to discuss aid and the evacuation of citizens.", "a")
    >>> doc.id, doc.text[:9]
    ('a', 'Officials')
    """
    repairs = list(repairs or [])
    fmt = fmt or _format_of(source or doc_id, text)
    if len(text) > max_chars:
        raise UnreadableInput(f"too large: {len(text):,} characters (limit {max_chars:,}; raise it with --max-chars)")
    if fmt == "html":
        text, html_title, html_date = html_to_text(text)
        title = title or html_title
        date = date or html_date
        repairs.append("HTML boilerplate removed")
    elif fmt == "markdown":
        text = markdown_to_text(text)
    cleaned = strip_debris(text)
    if cleaned.removed:
        repairs.append(f"dropped {len(cleaned.removed)} debris line(s)")
    body = cleaned.text
    if not body.strip():
        raise UnreadableInput("no prose left after removing page debris" if cleaned.removed else "empty text")
    if not looks_english(body):
        raise UnreadableInput("not English (kg's pipelines read English text)")
    return Document(
        id=doc_id,
        text=body,
        sha256=content_hash(body),
        title=title or cleaned.title,
        source=source,
        format=fmt,
        date=date,
        url=url,
        repairs=repairs,
    )


def read_bytes(data: bytes, doc_id: str, *, source: str | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """Decode and clean raw bytes into a :class:`Document`."""
    if len(data) > 4 * max_chars + 4:
        raise UnreadableInput(
            f"too large: {len(data):,} bytes (limit {max_chars:,} characters; raise it with --max-chars)"
        )
    text, repairs = decode(data)
    return read_text(text, doc_id, source=source, repairs=repairs, max_chars=max_chars)


def _jsonl_documents(lines: Iterable[bytes], source: str, max_chars: int) -> Iterator[Document | Skipped]:
    for number, line in enumerate(lines, 1):
        where = f"{source}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text = record["text"]
            doc_id = str(record.get("id") or where)
            if not isinstance(text, str):
                raise UnreadableInput("'text' is not a string")
            yield read_text(
                text,
                doc_id,
                source=where,
                title=record.get("title"),
                date=record.get("date"),
                url=record.get("url"),
                fmt=record.get("format"),
                max_chars=max_chars,
            )
        except (ValueError, KeyError, TypeError) as error:
            yield Skipped(where, f"bad JSONL record: {error}")
        except UnreadableInput as error:
            yield Skipped(where, str(error))


def iter_sources(paths: Iterable[str | Path]) -> Iterator[tuple[Path | None, str]]:
    """Expand paths into ``(file, id)`` pairs; directories recursively, ``-`` is stdin.

    Ids are paths relative to the directory given, so the same corpus read from
    anywhere keeps the same ids. Raises :class:`InputNotFound` for a missing path.
    """
    for given in paths:
        if str(given) == "-":
            yield None, "stdin"
            continue
        path = Path(given)
        if not path.exists():
            raise InputNotFound(f"input not found: {given}")
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in file.relative_to(path).parts) or file.name == "README.md":
                    continue
                yield file, file.relative_to(path).as_posix()
        else:
            yield path, path.name


def read_paths(paths: Iterable[str | Path], *, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document | Skipped]:
    """Read files, directories (recursively), JSONL, gzip and stdin (``-``) lazily.

    JSONL (also gzip-compressed, and on stdin) is streamed line by line, so an
    archive of any size is read in constant memory.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("The Taliban met a U.S. delegation in Doha on Saturday to discuss aid.")
    >>> _ = (d / "b.bin").write_bytes(b"\\x00\\x01\\x02")
    >>> [type(r).__name__ for r in read_paths([d])]
    ['Document', 'Skipped']
    """
    for file, doc_id in iter_sources(paths):
        source = "-" if file is None else str(file)
        try:
            with _open(file) as handle:
                if handle.peek(2)[:2] == b"\x1f\x8b":
                    handle = io.BufferedReader(gzip.GzipFile(fileobj=handle, mode="rb"))
                    doc_id = doc_id.removesuffix(".gz")
                if doc_id.endswith((".jsonl", ".ndjson")) or (file is None and handle.peek(1)[:1] == b"{"):
                    yield from _jsonl_documents(handle, source, max_chars)
                    continue
                data = handle.read(4 * max_chars + 5)
            yield read_bytes(data, doc_id, source=source, max_chars=max_chars)
        except UnreadableInput as error:
            yield Skipped(source, str(error))
        except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as error:
            yield Skipped(source, f"cannot read: {error}")


@contextlib.contextmanager
def _open(file: Path | None) -> Iterator[io.BufferedReader]:
    """A buffered binary handle on a file, or on stdin for ``None``; closed afterwards (stdin excepted)."""
    if file is None:
        stream = sys.stdin.buffer
        # A replaced stdin (tests, embedding) may not be able to peek.
        yield stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type]
        return
    with file.open("rb") as handle:
        yield handle
