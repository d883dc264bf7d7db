"""Penn-Treebank-tokenized lines (CaRB, OIE2016) back to plain text, with an offset map.

spaCy is trained on untokenized text: "`` offer ''", "Bush 's", "-LRB- 1990 -RRB-"
and "co - founder" parse worse than '"offer"', "Bush's", "(1990)" and "co-founder".
:func:`detokenize` joins the tokens as plain text would and records where each
token went, so spans found in the plain text map back to exact spans of the line.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
# Tokens written against the previous token in plain text.
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "%", ")", "]", "}", "?", "!", "''", "...", "'"})
# Tokens written against the next token.
_NO_SPACE_AFTER = frozenset({"``", "(", "[", "{", "$", "#", "`"})
_CLITICS = frozenset({"'s", "'re", "'ve", "'d", "'ll", "'m", "n't", "'S", "N'T"})


@dataclass(slots=True)
class Detokenized:
    """Plain ``text`` of a tokenized ``line``; token k spans ``line[src[k]]`` and ``text[dst[k]]``."""

    line: str
    text: str
    src: list[tuple[int, int]]
    dst: list[tuple[int, int]]

    def to_line(self, start: int, end: int) -> tuple[int, int]:
        """The span of the line covering the text span ``[start, end)`` (whole tokens)."""
        starts = [d[0] for d in self.dst]
        first = max(bisect_right(starts, start) - 1, 0)
        last = max(bisect_right(starts, max(end - 1, start)) - 1, first)
        return self.src[first][0], self.src[last][1]


def _plain(token: str) -> str:
    if token in _BRACKETS:
        return _BRACKETS[token]
    if token in {"``", "''"}:
        return '"'
    return token


def detokenize(line: str) -> Detokenized:
    """Join the whitespace-separated tokens of ``line`` as plain text.

    >>> d = detokenize("`` Bush 's co - founder -LRB- Ann -RRB- , '' he said .")
    >>> d.text
    '"Bush\\'s co-founder (Ann)," he said.'
    >>> d.line[slice(*d.to_line(0, 5))]
    '`` Bush'
    """
    tokens: list[tuple[str, int, int]] = []
    pos = 0
    for token in line.split():
        start = line.index(token, pos)
        pos = start + len(token)
        tokens.append((token, start, pos))
    parts: list[str] = []
    src: list[tuple[int, int]] = []
    dst: list[tuple[int, int]] = []
    length = 0
    glue_next = True
    for k, (token, start, end) in enumerate(tokens):
        prev = tokens[k - 1][0] if k else ""
        nxt = tokens[k + 1][0] if k + 1 < len(tokens) else ""
        hyphen_join = (token == "-" and prev[-1:].isalnum() and nxt[:1].isalnum()) or (
            prev == "-" and k >= 2 and tokens[k - 2][0][-1:].isalnum() and token[:1].isalnum()
        )
        plain = _plain(token)
        glue = glue_next or plain in _NO_SPACE_BEFORE or token in _NO_SPACE_BEFORE or token in _CLITICS or hyphen_join
        if token == "'" and k + 1 < len(tokens) and prev[-1:] != "s":
            glue = glue_next  # an opening single quote, not a plural possessive
        if not glue:
            parts.append(" ")
            length += 1
        parts.append(plain)
        src.append((start, end))
        dst.append((length, length + len(plain)))
        length += len(plain)
        glue_next = token in _NO_SPACE_AFTER or plain in _NO_SPACE_AFTER
    return Detokenized(line, "".join(parts), src, dst)


def _remap(argument, d: Detokenized) -> None:
    contiguous = d.text[argument.start : argument.end] == argument.text
    argument.start, argument.end = d.to_line(argument.start, argument.end)
    if contiguous:
        argument.text = d.line[argument.start : argument.end]
    for part in argument.conjuncts or ():
        _remap(part, d)


def to_line(extractions: list, d: Detokenized) -> list:
    """Move the argument spans of extractions from the plain text onto the tokenized line, in place."""
    for e in extractions:
        for argument in [e.subject, e.attribution, *e.arguments]:
            if argument is not None:
                _remap(argument, d)
    return extractions
