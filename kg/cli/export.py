"""``kg export``: the graph in any RDF serialization (or as a NetworkX graph file)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import KGError
from ..graph import KnowledgeGraph
from ..store import FORMATS
from . import app
from ._common import OutDir, console, reports_errors

NETWORKX_FORMATS = ("graphml", "gexf", "json")


@app.command("export")
@reports_errors
def export_cli(
    out: OutDir,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="ttl, nt, nq, trig, jsonld, xml; or graphml, gexf, json (entity graph)."),
    ] = "trig",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write [default: stdout].")] = None,
) -> None:
    """Export the graph. N-Quads and TriG keep the named graphs; other RDF formats merge them.

    Example: [bold]kg export out --format nq -o graph.nq[/]
    """
    with KnowledgeGraph.open(out) as graph:
        if fmt in FORMATS:
            graph.serialize(fmt, output if output is not None else sys.stdout.buffer)
        elif fmt in NETWORKX_FORMATS:
            from ..networkx_io import write_networkx

            if output is None:
                raise KGError(f"--format {fmt} writes a file: give --output")
            write_networkx(graph.to_networkx(), output, fmt)
        else:
            raise KGError(f"unknown format {fmt!r}: use one of {', '.join([*FORMATS, *NETWORKX_FORMATS])}")
    if output is not None:
        console.print(f"wrote {output}", markup=False, highlight=False)  # a file name like '[/x].ttl' is not markup
