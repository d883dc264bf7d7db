"""``kg remove``: drop documents from a build."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..settings import Settings
from . import app
from ._common import OutDir, console, reports_errors


@app.command("remove")
@reports_errors
def remove_cli(
    out: OutDir,
    documents: Annotated[list[str], typer.Argument(help="Document ids (e.g. news/a.txt), IRIs or source paths.")],
    config: Annotated[Path | None, typer.Option(help="TOML settings file (as used for the build).")] = None,
) -> None:
    """Remove documents: their graphs, and entities no other document mentions.

    Example: [bold]kg remove out 004_dfa5799bdc69112f.txt[/]
    """
    from ..build import remove_documents  # imports the pipeline (and spaCy)

    report = remove_documents(out, documents, settings=Settings.load(config))
    console.print(f"removed {len(documents)} document(s); {report.documents} left, {report.entities:,} entities, "
                  f"{report.triples:,} triples")  # fmt: skip
