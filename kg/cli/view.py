"""``kg view``: a self-contained interactive HTML view of the entity graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..graph import KnowledgeGraph
from . import app
from ._common import OutDir, console, reports_errors


@app.command("view")
@reports_errors
def view_cli(
    out: OutDir,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("graph.html"),
    max_nodes: Annotated[int, typer.Option(help="Show at most this many entities (top by PageRank).")] = 500,
) -> None:
    """Write an HTML view that opens offline in any browser.

    Example: [bold]kg view out -o view.html[/]
    """
    with KnowledgeGraph.open(out) as graph:
        summary = graph.to_html(output, max_nodes=max_nodes)
    console.print(
        f"wrote {summary.path}: showing {summary.nodes_shown} of {summary.nodes_total} entities, {summary.edges_shown} relations"
    )
