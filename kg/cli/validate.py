"""``kg validate``: SHACL validation against ontology/shapes.ttl."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app
from ._common import OutDir, console, reports_errors, stdout


@app.command("validate")
@reports_errors
def validate_cli(
    out: OutDir,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Print the full SHACL report.")] = False,
) -> None:
    """Check the graph against the SHACL shapes; exit 1 if it does not conform."""
    from ..graph import KnowledgeGraph
    from ..validate import validate

    with KnowledgeGraph.open(out) as graph:
        report = validate(graph.dataset)
    if verbose or not report.conforms:
        stdout.out(report.text)
    if report.conforms:
        console.print(f"[green]conforms[/]: {report.focus_nodes:,} nodes checked against {report.shapes} shapes")
    else:
        console.print(f"[red]does not conform[/]: {report.violations} violation(s)")
        raise typer.Exit(1)
