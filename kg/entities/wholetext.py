"""What a document's whole text says, read once however many sections ask.

Some mention rules weigh evidence from anywhere in the document: whether it also writes a
name's word in lowercase ("the Government" … "the government"), whether a region's name is
a common word of the text, which web addresses it gives. A long document is resolved section
by section, and each section asking the whole text again made resolution quadratic in the
document's length (a 20 MB text spent seconds per section on such scans). :func:`whole_text`
reads the text once, in slices, and answers from tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: A word as the searches bound it: letters, digits, underscores and hyphens.
_WORD = re.compile(r"[\w-]+")
#: A web address's name ("on iberojet.com"), in lowercased text.
_DOMAIN = re.compile(r"(?<![\w.@/-])([a-z0-9][a-z0-9-]*)\.(?:com|net|org|co|io)\b")
_SPACE = re.compile(r"\s")
#: Slices of this many characters or so: a table is built without a list of every word of the text.
SLICE_CHARS = 1 << 20


def slices(text: str, size: int | None = None) -> Iterator[str]:
    """The text in consecutive slices of about ``size`` characters (:data:`SLICE_CHARS`), each cut
    before whitespace, so no word, and no match of a pattern without whitespace, spans two.

    >>> list(slices("ab cd ef", 2))
    ['ab', ' cd', ' ef']
    """
    size = size or SLICE_CHARS
    start = 0
    while start < len(text):
        found = _SPACE.search(text, start + size) if start + size < len(text) else None
        end = found.start() if found is not None else len(text)
        yield text[start:end]
        start = end


class WholeText:
    """The tables of one text, each made when first asked for."""

    def __init__(self, text: str):
        self.text = text
        self._words: set[str] | None = None
        self._domains: set[str] | None = None
        self._phrases: dict[str, bool] = {}

    @property
    def words(self) -> set[str]:
        """Every word of the text as written (case kept)."""
        if self._words is None:
            self._words = set()
            for piece in slices(self.text):
                self._words.update(_WORD.findall(piece))
        return self._words

    @property
    def domains(self) -> set[str]:
        """The names of the web addresses the text gives, lowercased ("iberojet" of "Iberojet.com")."""
        if self._domains is None:
            self._domains = set()
            if "." in self.text:
                for piece in slices(self.text):
                    self._domains.update(_DOMAIN.findall(piece.lower()))
        return self._domains

    def writes(self, phrase: str) -> bool:
        """Whether the text has ``phrase`` as written, not inside a longer word (nor hyphenated to one).

        >>> text = WholeText("The Government said the government-run fund and Central Bank.")
        >>> text.writes("government"), text.writes("Government"), text.writes("fund and"), text.writes("bank")
        (False, True, True, False)
        """
        if _WORD.fullmatch(phrase):
            return phrase in self.words
        found = self._phrases.get(phrase)
        if found is None:
            # Each word of the phrase is a whole word of the text where the phrase is: most phrases are
            # ruled out by the table; the others are looked for once.
            found = all(w in self.words for w in _WORD.findall(phrase)) and (
                re.search(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", self.text) is not None
            )
            self._phrases[phrase] = found
        return found


#: The last text asked about (a long document's sections ask about the same one in turn).
_LAST: list[WholeText] = []


def whole_text(text: str) -> WholeText:
    """The tables of ``text``; those of the same text object as the last call are reused.

    (Read once into a local: threads that resolve other documents each get their own text's.)"""
    last = _LAST[0] if _LAST else None
    if last is not None and last.text is text:
        return last
    whole = WholeText(text)
    _LAST[:] = [whole]
    return whole
