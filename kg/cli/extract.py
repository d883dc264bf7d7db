"""``kg extract``: extractions of one sentence per line, to stdout (no store)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputNotFound, KGError
from ..settings import Settings
from . import app
from ._common import reports_errors


@app.command("extract")
@reports_errors
def extract_cli(
    file: Annotated[Path, typer.Argument(help="One sentence per line (- for stdin); lines are never re-split.")],
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="jsonl (clause-level and atomic facts) or carb (CaRB's tabbed format)."),
    ] = "jsonl",
    model: Annotated[str | None, typer.Option(help="spaCy model name or path.")] = None,
) -> None:
    """Print the extractions of every line.

    Example: [bold]kg extract sentences.txt --format carb > extractions.tsv[/]
    """
    from ..extraction.output import FORMATS, extract_lines, format_extractions  # imports spaCy

    if fmt not in FORMATS:
        raise KGError(f"unknown format {fmt!r}: use {' or '.join(FORMATS)}")
    if str(file) == "-":
        lines = sys.stdin.read().splitlines()
    elif not file.is_file():
        raise InputNotFound(f"input not found: {file}")
    else:
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
    settings = Settings.load().with_overrides(model=model)
    for line, extractions in extract_lines(lines, settings):
        sys.stdout.write(format_extractions(line, extractions, fmt))
