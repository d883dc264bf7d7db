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
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, NamedTuple

from ..errors import InputNotFound, UnreadableInput
from ..records import Document, Skipped
from .debris import strip_debris
from .decoding import decode
from .html import html_to_text, looks_like_html
from .hygiene import clean_field, clean_line, clean_text, display_path
from .jsonl import parse_record, read_lines
from .language import looks_english
from .markdown import markdown_to_text

__all__ = ["Source", "iter_sources", "read_bytes", "read_paths", "read_text"]

#: The longest text kg reads by default: about 8 million words, several times the longest
#: novels. A long document is parsed, resolved and mapped in sections, so its memory is
#: that of a section (plus its text), not of the whole; past this it is skipped as too large.
DEFAULT_MAX_CHARS = 50_000_000
#: Raw input (HTML with its markup and scripts, a JSONL line) may be this many
#: times ``max_chars`` of a page: the limit is on the text kg parses, and a 1.3 MB news
#: page holds 14,000 characters of article. The markup of a long text counts once.
RAW_FACTOR = 16
#: The text of a page past which its markup is no longer allowed :data:`RAW_FACTOR` times over.
PAGE_CHARS = 1_000_000


_LIST_BULLET = re.compile(r"(?m)^[ \t]*[•▪◦‣∙●][ \t]*")


def raw_limit(max_chars: int) -> int:
    """How much raw input (characters or bytes) may hold a text of ``max_chars``.

    >>> raw_limit(1_000), raw_limit(50_000_000)
    (16000, 65000000)
    """
    return max_chars + (RAW_FACTOR - 1) * min(max_chars, PAGE_CHARS)


class Source(NamedTuple):
    """A file to read (``None`` for stdin) and the id of its document."""

    file: Path | None
    id: str


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


def _clean(value: str | None, cleaner: Callable[[str, str], tuple[str, list[str]]], name: str,
           repairs: list[str]) -> str | None:  # fmt: skip
    """``value`` through a :mod:`~kg.reading.hygiene` cleaner, its repairs noted; empty becomes None."""
    if value is None:
        return None
    value, said = cleaner(value, name)
    repairs.extend(said)
    return value if value.strip() else None


def _too_large(size: int, limit: int, unit: str = "characters") -> UnreadableInput:
    what = "characters of text" if unit == "characters" else unit
    return UnreadableInput(f"too large: {size:,} {what} (limit {limit:,}; raise it with --max-chars)")


def read_text(
    text: str,
    doc_id: str,
    *,
    source: str | None = None,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    author: str | None = None,
    fmt: str | None = None,
    repairs: list[str] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Document:
    """Clean one text into a :class:`Document`; raise :class:`UnreadableInput` if it cannot be one.

    Every string of the document (text, id, title, date, URL, author) is
    cleaned here (:mod:`kg.reading.hygiene`), so no later stage meets a
    character it cannot encode. ``max_chars`` limits the text kg parses: for
    HTML the text extracted from the page, not the page.

    >>> doc = read_text("Officials met in Doha on Saturday to discuss aid and the evacuation of citizens.", "a")
    >>> doc.id, doc.text[:9]
    ('a', 'Officials')
    """
    repairs = list(repairs or [])
    clean_id = _clean(doc_id, clean_field, "id", repairs)
    if clean_id is None and source is not None:
        # An id of nothing but control characters: where the document was read stands in, as for no id.
        clean_id = _clean(source, clean_field, "id", repairs)
        repairs.append(f"id {doc_id!r} is empty once cleaned: {clean_id!r} used")
    if clean_id is None:
        raise UnreadableInput(f"document id {doc_id!r} is empty once control characters are removed")
    if len(text) > raw_limit(max_chars):
        raise _too_large(len(text), raw_limit(max_chars), "characters of input")
    text = _clean(text, clean_text, "text", repairs) or ""
    fmt = fmt or _format_of(source or clean_id, text)
    if fmt == "html":
        page = html_to_text(text)
        # Character references (&#0;, &#xD800;) can put back what cleaning took out.
        text = _clean(page.text, clean_text, "text", repairs) or ""
        title, date, author, url = title or page.title, date or page.date, author or page.author, url or page.url
        repairs.append("HTML boilerplate removed")
    if len(text) > max_chars:
        raise _too_large(len(text), max_chars)
    if fmt == "markdown":
        text = markdown_to_text(text)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    cleaned = strip_debris(text, blocks=fmt == "html")
    body = cleaned.text
    if not body.strip() and len(lines) == 1:
        # A document of one line is what its author wrote, not page debris:
        # the debris rules judge a line among the lines of a page.
        body, cleaned.removed = lines[0], []
    if cleaned.removed:
        repairs.append(f"dropped {len(cleaned.removed)} debris line(s)")
    if not body.strip():
        if cleaned.removed and not looks_english(text):
            raise UnreadableInput("not English (kg's pipelines read English text)")
        raise UnreadableInput("no prose left after removing page debris" if cleaned.removed else "empty text")
    if not looks_english(body):
        raise UnreadableInput("not English (kg's pipelines read English text)")
    # A list bullet opening a line is layout, not a word: the parser read "• Nic Batum suffered" with
    # "•" as a verb, and the NER took it into the name.
    body = _LIST_BULLET.sub("", body)
    return Document(
        id=clean_id,
        text=body,
        sha256=content_hash(body),
        title=_clean(title, clean_line, "title", repairs) or cleaned.title,
        source=source,
        format=fmt,
        date=_clean(date, clean_line, "date", repairs),
        url=_clean(url, clean_line, "url", repairs),
        author=_clean(author, clean_line, "author", repairs),
        repairs=repairs,
    )


def read_bytes(data: bytes, doc_id: str, *, source: str | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """Decode and clean raw bytes into a :class:`Document`."""
    if len(data) > raw_limit(max_chars):
        raise _too_large(len(data), raw_limit(max_chars), "bytes")
    text, repairs = decode(data)
    return read_text(text, doc_id, source=source, repairs=repairs, max_chars=max_chars)


def _jsonl_documents(handle: IO[bytes], source: str, max_chars: int) -> Iterator[Document | Skipped]:
    for number, line in enumerate(read_lines(handle, raw_limit(max_chars)), 1):
        where = f"{source}:{number}"
        if line is None:
            yield Skipped(where, f"too large: a line over {raw_limit(max_chars):,} bytes (raise it with --max-chars)")
            continue
        if not line.strip():
            continue
        try:
            record = parse_record(line)
            fields = record.fields
            yield read_text(
                record.text,
                fields["id"] if fields["id"] and fields["id"].strip() else where,
                source=where,
                title=fields["title"],
                date=fields["date"],
                url=fields["url"],
                author=fields["author"],
                fmt=fields["format"],
                repairs=record.repairs,
                max_chars=max_chars,
            )
        except UnreadableInput as error:
            yield Skipped(where, str(error))


#: Suffixes of a folder's README that kg would read as text (``README``, ``README.md``, ...).
README_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".rst", ""}


def _is_readme(name: str) -> bool:
    stem, _, suffix = name.lower().partition(".")
    return stem == "readme" and ("." + suffix if suffix else "") in README_SUFFIXES


def _directory(root: Path) -> Iterator[Source | Skipped]:
    """The files under ``root``, sorted; what is not read is said, with why."""
    found: list[tuple[Path, str | None]] = []
    deliberate: set[Path] = set()  # hidden files and READMEs: left out on purpose
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        for name in dirs:
            if name.startswith("."):
                found.append((here / name, "hidden folder (name starts with a dot): not read"))
                deliberate.add(here / name)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            file = here / name
            if name.startswith("."):
                found.append((file, "hidden file (name starts with a dot)"))
                deliberate.add(file)
            elif _is_readme(name):
                deliberate.add(file)
                # A README describes the folder it is in (corpus/README.md does);
                # naming the file itself reads it as a document.
                found.append((file, "README of the folder (not read as a document; give the file itself to read it)"))
            elif not file.is_file():
                found.append((file, "not a regular file (a broken link, a socket or a device)"))
            else:
                found.append((file, None))
    for file, reason in sorted(found):
        if reason is not None:
            yield Skipped(display_path(file), reason, deliberate=file in deliberate)
        else:
            yield Source(file, display_path(file.relative_to(root).as_posix()))


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Source | Skipped]:
    """Expand paths into :class:`Source` ``(file, id)`` pairs; directories recursively, ``-`` is stdin.

    Ids are paths relative to the directory given, so the same corpus read from
    anywhere keeps the same ids. Files of a directory that are not read (hidden
    ones, READMEs) come as :class:`Skipped` with the reason. Raises
    :class:`InputNotFound` for a missing path.
    """
    for given in paths:
        if str(given) == "-":
            yield Source(None, "stdin")
            continue
        path = Path(given)
        if not path.exists():
            raise InputNotFound(f"input not found: {display_path(given)}")
        if path.is_dir():
            yield from _directory(path)
        else:
            yield Source(path, display_path(path.name))


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
    for item in iter_sources(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        file, doc_id = item
        source = "-" if file is None else display_path(file)
        try:
            with _open(file) as handle:
                if handle.peek(2)[:2] == b"\x1f\x8b":
                    handle = io.BufferedReader(gzip.GzipFile(fileobj=handle, mode="rb"))
                    doc_id = doc_id.removesuffix(".gz")
                if doc_id.endswith((".jsonl", ".ndjson")) or (file is None and handle.peek(1)[:1] == b"{"):
                    yield from _jsonl_documents(handle, source, max_chars)
                    continue
                data = handle.read(raw_limit(max_chars) + 1)
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
