"""What every command shares: one-line errors, consoles, common options."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from ..errors import KGError

console = Console(stderr=True, highlight=False)
stdout = Console(highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable)

OutDir = Annotated[Path, typer.Argument(help="Output directory of a build (holds store/, graph.trig, ...).")]


def fail(message: str, code: int = 1) -> None:
    """Print one clear line to stderr and exit with ``code``; never a traceback."""
    console.print(f"[bold red]error:[/] {message}", markup=True, highlight=False, soft_wrap=True)
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
