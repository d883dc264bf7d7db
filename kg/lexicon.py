"""English word lists the rules read, from ``ontology/lexicon/``: data, not code.

Two kinds of file, UTF-8, with ``#`` comments and blank lines ignored:

- ``NAME.txt``: one word (or lemma) a line, read by :func:`words`;
- ``NAME.tsv``: ``word<TAB>value`` a line, read by :func:`table`.

Each file is read once per process. To change what a rule knows (a new
reporting verb, another title before a name), edit the file, not the code.

>>> "say" in words("reporting_verbs")
True
>>> table("description_heads")["group"]
'Organization'
>>> sorted(words_with("pronouns", "it"))
['it', 'its', 'itself']
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

from .ontology import ontology_dir


def lexicon_dir() -> Path:
    """The folder of the word lists: ``lexicon/`` in the ontology folder."""
    return ontology_dir() / "lexicon"


def _entries(path: Path) -> Iterator[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"kg's word list {path.name} is missing from {path.parent}; reinstall kg") from None
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            yield entry


@functools.cache
def words(name: str) -> frozenset[str]:
    """The words of ``lexicon/NAME.txt``.

    >>> {"be", "seem"} <= words("expletive_verbs")
    True
    """
    return frozenset(_entries(lexicon_dir() / f"{name}.txt"))


@functools.cache
def table(name: str) -> Mapping[str, str]:
    """``lexicon/NAME.tsv`` as a read-only mapping: word → value.

    >>> table("pronouns")["them"]
    'they'
    """
    path = lexicon_dir() / f"{name}.tsv"
    rows: dict[str, str] = {}
    for entry in _entries(path):
        word, tab, value = entry.partition("\t")
        if not tab or not word.strip() or not value.strip():
            raise ValueError(f"{path}: expected 'word<TAB>value', got {entry!r}")
        rows[word.strip()] = value.strip()
    return MappingProxyType(rows)


@functools.cache
def words_with(name: str, value: str) -> frozenset[str]:
    """The words of ``lexicon/NAME.tsv`` whose value is ``value``.

    >>> sorted(words_with("description_heads", "Place"))
    ['country', 'nation', 'state']
    """
    return frozenset(word for word, v in table(name).items() if v == value)
