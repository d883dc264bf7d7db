"""JSONL records → checked fields: strings where strings are expected, depth limited.

A JSONL line is data from anywhere: a title may be an object, an id a number,
a line may nest arrays a hundred thousand levels deep. Each line becomes
either the fields of a document (with the repairs made) or a reason to skip it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from ..errors import UnreadableInput
from .decoding import decode

__all__ = ["MAX_JSON_DEPTH", "JsonlRecord", "json_depth", "parse_record", "read_lines"]

#: Deepest nesting of arrays and objects read. A document record is flat; the
#: limit only has to stop a line from exhausting the parser's recursion.
MAX_JSON_DEPTH = 100

#: Fields read as strings, besides ``text``.
STRING_FIELDS = ("id", "title", "date", "url", "author", "format")

FORMATS = {"text": "text", "txt": "text", "plain": "text", "markdown": "markdown", "md": "markdown",
           "html": "html", "htm": "html", "xhtml": "html"}  # fmt: skip

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


@dataclass(slots=True)
class JsonlRecord:
    """The checked fields of one JSONL line, and what was repaired to get them."""

    text: str
    fields: dict[str, str | None]
    repairs: list[str] = field(default_factory=list)


def json_depth(line: str) -> int:
    """How deeply arrays and objects nest in a JSON text (brackets inside strings do not count).

    >>> json_depth('{"a": [1, {"b": "[[["}]}')
    3
    """
    depth = deepest = 0
    for bracket in _NOT_BRACKET.sub("", _JSON_STRING.sub('""', line)):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "a string"


def _string_field(record: dict[str, Any], name: str, repairs: list[str]) -> str | None:
    """A field as a string: numbers are written out, anything else is dropped; both are said."""
    value = record.get(name)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        text = str(value)
        repairs.append(f"'{name}' was a number, read as the string {text!r}")
        return text
    repairs.append(f"'{name}' ignored: {_json_type(value)} where a string was expected")
    return None


def parse_record(line: bytes) -> JsonlRecord:
    """Check one JSONL line; raise :class:`UnreadableInput` with the reason if it is no document.

    >>> r = parse_record(b'{"id": 7, "title": {"x": 1}, "text": "Talks began."}')
    >>> r.fields["id"], r.fields["title"], r.repairs
    ('7', None, ["'id' was a number, read as the string '7'", "'title' ignored: an object where a string was expected"])
    """
    raw, repairs = decode(line)
    # Counting brackets is enough for any ordinary line; only a suspect one is measured.
    if raw.count("[") + raw.count("{") > MAX_JSON_DEPTH and (depth := json_depth(raw)) > MAX_JSON_DEPTH:
        raise UnreadableInput(f"bad JSONL record: nested {depth:,} levels deep (limit {MAX_JSON_DEPTH})")
    try:
        record = json.loads(raw)
    except RecursionError:  # the depth check counts brackets; this is its safety net
        raise UnreadableInput(f"bad JSONL record: nested too deeply (limit {MAX_JSON_DEPTH})") from None
    except ValueError as error:
        raise UnreadableInput(f"bad JSONL record: {error}") from None
    if not isinstance(record, dict):
        raise UnreadableInput(f"bad JSONL record: {_json_type(record)} where an object was expected")
    if "text" not in record:
        raise UnreadableInput("bad JSONL record: no 'text' field")
    text = record["text"]
    if not isinstance(text, str):
        raise UnreadableInput(f"bad JSONL record: 'text' is {_json_type(text)}, not a string")
    fields = {name: _string_field(record, name, repairs) for name in STRING_FIELDS}
    given = fields["format"]
    if given is not None:
        fields["format"] = FORMATS.get(given.strip().lower())
        if fields["format"] is None:
            repairs.append(f"'format' {given!r} ignored: not one of text, markdown, html")
    return JsonlRecord(text, fields, repairs)


def read_lines(handle: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """The lines of a binary stream; ``None`` for a line longer than ``limit`` bytes, which is never held whole."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line
