"""Bytes → text: encodings, byte-order marks, binary detection."""

from __future__ import annotations

import re

from ..errors import UnreadableInput

# Control characters other than tab, newline, carriage return and form feed
# essentially never occur in text files, and are common in binary ones.
_TEXT_CONTROLS = {9, 10, 12, 13}
#: The control characters text does not carry (all below 32 but tab, line feed, form feed, return).
_BINARY_CONTROLS = re.compile("[" + "".join(re.escape(chr(c)) for c in range(32) if c not in _TEXT_CONTROLS) + "]")


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode raw bytes as text, saying what had to be repaired.

    Returns ``(text, repairs)``. Raises :class:`UnreadableInput` for empty or
    binary data.

    >>> decode("café".encode("latin-1"))
    ('café', ['decoded as cp1252 (not valid UTF-8)'])
    """
    if not data.strip():
        raise UnreadableInput("empty file")
    repairs: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # An odd byte count or a broken surrogate must not sink the file: replace and say so.
        text = data.decode("utf-16", "replace")
        repairs.append("decoded as UTF-16 (byte-order mark)")
        if "\ufffd" in text and b"\xfd\xff" not in data and b"\xff\xfd" not in data:
            repairs.append("replaced invalid UTF-16 with U+FFFD")
    else:
        if b"\x00" in data[:8192]:
            raise UnreadableInput("binary file (contains NUL bytes)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # cp1252 is what most non-UTF-8 Western web text is; it maps
            # almost every byte, so fall back to latin-1 for the five it lacks.
            try:
                text = data.decode("cp1252")
                repairs.append("decoded as cp1252 (not valid UTF-8)")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
                repairs.append("decoded as latin-1 (not valid UTF-8)")
    sample = text[:8192]
    controls = len(_BINARY_CONTROLS.findall(sample))
    if controls > max(2, len(sample) // 100):
        raise UnreadableInput("binary file (control characters)")
    # NUL, other control characters and line endings are cleaned with every
    # other text, in :mod:`kg.reading.hygiene`.
    return text, repairs
