"""Text hygiene at the door: every string a document is made of is cleaned once, here.

Later stages (the parser, N-Quads writing, JSON reports, the console) then
never meet characters they cannot encode or show: lone surrogates (from JSON
``\\udfa2`` escapes or undecodable file names), NUL and other control
characters, terminal escape sequences, stray byte-order marks. Text is put in
Unicode NFC, so the same words typed on different systems are the same string.
Each repair is said, so the build report can list it.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter

__all__ = ["clean_field", "clean_line", "clean_text", "display_path"]

_SURROGATE = re.compile("[\ud800-\udfff]")
# ANSI/VT100 escape sequences (colours, cursor moves) from text copied out of a
# terminal: the whole sequence goes, not just its ESC, or "[31m" would be left.
_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
# Line breaks other than \n: CR/CRLF, vertical tab, form feed, NEL, U+2028/2029.
_LINE_BREAK = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# Control characters (C0 but tab and newline, DEL, C1), BOMs inside the text
# and the two noncharacters no text can contain.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_SPACES = re.compile(r"\s+")


def _fix_surrogates(text: str, counts: Counter[str]) -> str:
    halves = len(_SURROGATE.findall(text))
    if not halves:
        return text
    # A pair of surrogates is one character written in two halves: join it;
    # a lone half cannot be encoded anywhere and becomes U+FFFD.
    fixed = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    lone = fixed.count("\ufffd") - text.count("\ufffd")
    if lone:
        counts["replaced lone surrogate with U+FFFD"] += lone
    if halves > lone:
        counts["joined surrogate pair"] += (halves - lone) // 2
    return fixed


def _nfc(text: str, counts: Counter[str]) -> str:
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    counts["normalised to Unicode NFC"] += 1
    return unicodedata.normalize("NFC", text)


def _say(field: str, counts: Counter[str]) -> list[str]:
    return [f"{field}: {what}" + (f" ×{count}" if count > 1 else "") for what, count in counts.items()]


def clean_text(text: str, field: str = "text") -> tuple[str, list[str]]:
    """Clean a document's text; newlines and tabs are kept, other line breaks become ``\\n``.

    Returns ``(text, repairs)``.

    >>> clean_text("caf\\u0065\\u0301 \\x1b[1mbold\\x1b[0m\\x00 end\\r\\n\\udfa2")
    ('café bold end\\n\\ufffd', ['text: removed terminal escape sequence ×2', 'text: removed control character', \
'text: replaced lone surrogate with U+FFFD', 'text: normalised to Unicode NFC'])
    """
    counts: Counter[str] = Counter()
    if "\x1b" in text:
        text, n = _ANSI.subn("", text)
        if n:
            counts["removed terminal escape sequence"] += n
    text = _LINE_BREAK.sub("\n", text)
    return _finish(text, _CONTROL, counts, field)


def clean_line(text: str, field: str = "title") -> tuple[str, list[str]]:
    """Clean a one-line field (a title, a date, a URL): as :func:`clean_text`, whitespace runs made one space.

    >>> clean_line("  Talks\\nin\\tDoha\\x07 ")
    ('Talks in Doha', ['title: removed control character'])
    """
    text, repairs = clean_text(text, field)
    return _SPACES.sub(" ", text).strip(), repairs


def clean_field(text: str, field: str = "id") -> tuple[str, list[str]]:
    """Clean an identifier: every control character (newlines too) removed, spaces kept as they are.

    >>> clean_field("a\\x00b\\nc")
    ('abc', ['id: removed control character ×2'])
    """
    return _finish(text, _ANY_CONTROL, Counter(), field)


def _finish(text: str, controls: re.Pattern[str], counts: Counter[str], field: str) -> tuple[str, list[str]]:
    """The steps every cleaning ends with: ``controls`` removed, surrogates fixed, NFC; the repairs said."""
    text, n = controls.subn("", text)
    if n:
        counts["removed control character"] += n
    text = _fix_surrogates(text, counts)
    text = _nfc(text, counts)
    return text, _say(field, counts)


def display_path(path: str | os.PathLike[str]) -> str:
    """A file path as a string any report or terminal can hold.

    A file name that is not valid UTF-8 reaches Python with lone surrogates
    standing for its bytes; here they are written as ``\\xNN``.

    >>> display_path(os.fsdecode(b"caf\\xe9.txt"))
    'caf\\\\xe9.txt'
    """
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:  # a surrogate no file system name decodes to
        raw = os.fspath(path).encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")
