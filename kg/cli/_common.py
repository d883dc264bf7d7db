"""What every command shares: one-line errors, consoles, common options."""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import KGError

console = Console(stderr=True, highlight=False)
stdout = Console(highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable)

OutDir = Annotated[Path, typer.Argument(help="Output directory of a build (holds store/, graph.trig, ...).")]


# What must not reach a terminal as it is: control characters (ESC starts
# escape sequences that recolour or rewrite the screen; a newline would split
# a one-line message), bidirectional overrides that reorder what is shown, and
# lone surrogates (an undecodable file name), which no terminal encoding takes.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _shown(match: re.Match[str]) -> str:
    char = match.group(0)
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def safe(text: object) -> str:
    """User text (a file name, an id, a label) made safe to print with rich markup on.

    Control characters are shown as escapes (ESC as ``\\x1b``), and ``[...]``
    is never read as markup, so a file named ``no[/]such.txt`` prints as it is.

    >>> print(safe("no[/]such.txt"), safe("a\\tb\\u202e"))
    no\\[/]such.txt a\\tb\\u202e
    """
    return escape(_UNSHOWABLE.sub(_shown, os.fspath(text) if isinstance(text, os.PathLike) else str(text)))


def write_data(text: str) -> None:
    """Write data (CSV, TSV, JSON, RDF) to stdout byte for byte, in UTF-8.

    Not through rich: it expands tabs into spaces and drops carriage returns, which
    are data in a value and the row ends of CSV.
    """
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    buffer.write(text.encode("utf-8", "surrogateescape"))
    buffer.flush()


def fail(message: str, code: int = 1) -> None:
    """Print one clear line to stderr and exit with ``code``; never a traceback.

    ``message`` is plain text (it often quotes user input): it is never read as markup.
    """
    console.print(f"[bold red]error:[/] {safe(message)}", markup=True, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def reports_errors(function: F) -> F:
    """Turn :class:`KGError` (and interruptions) into one line on stderr and an exit code."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except KGError as error:
            fail(str(error), error.exit_code)
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]
