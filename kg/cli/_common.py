"""What every command shares: one-line errors, consoles, common options."""

from __future__ import annotations

import functools
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


# C0/C1 controls and bidi overrides: shown as escapes so that text from a
# server or a query cannot move the cursor, recolour or reorder the terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """Text from users or servers, ready for ``console.print``: markup escaped, control characters as ``\\xNN``."""
    shown = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))
    return escape(shown)


def fail(message: str, code: int = 1) -> None:
    """Print one clear line to stderr and exit with ``code``; never a traceback."""
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
