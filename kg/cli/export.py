"""``kg export``: the graph in any RDF serialization (or as a NetworkX graph file)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import KGError
from . import app
from ._common import OutDir, console, reports_errors, safe

NETWORKX_FORMATS = ("graphml", "gexf", "json")
#: Other names of the formats.
ALIASES = {"rdfxml": "xml", "rdf": "xml", "turtle": "ttl", "ntriples": "nt", "nquads": "nq", "json-ld": "jsonld"}
#: The file suffix of each format. RDF/XML is ``.rdf``: RDF4J and GraphDB read a ``.xml`` file as TriX.
SUFFIXES = {"ttl": ".ttl", "nt": ".nt", "nq": ".nq", "trig": ".trig", "jsonld": ".jsonld", "xml": ".rdf",
            "graphml": ".graphml", "gexf": ".gexf", "json": ".json"}  # fmt: skip
_BY_SUFFIX = {**{suffix: fmt for fmt, suffix in SUFFIXES.items()}, ".owl": "xml", ".turtle": "ttl"}


def _format_and_path(fmt: str | None, output: Path | None) -> tuple[str, Path | None]:
    """The format (given, or told by the output's suffix, else TriG) and the file to write.

    An existing directory as the output gets ``graph`` and the format's suffix (``graph.rdf``).
    """
    if fmt is None:
        told = _BY_SUFFIX.get(output.suffix.lower()) if output is not None and not output.is_dir() else None
        fmt = told or "trig"
    fmt = ALIASES.get(fmt.lower(), fmt.lower())
    if fmt not in SUFFIXES:
        raise KGError(f"unknown format {fmt!r}: use one of ttl, nt, nq, trig, jsonld, rdfxml; graphml, gexf, json")
    if output is not None and output.is_dir():
        output = output / f"graph{SUFFIXES[fmt]}"
    return fmt, output


@app.command("export")
@reports_errors
def export_cli(
    out: OutDir,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="ttl, nt, nq, trig, jsonld, rdfxml (or xml; written .rdf); or graphml, gexf, json (entity graph) "
            "\\[default: told by the suffix of --output, else trig].",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write, or a directory for graph.SUFFIX \\[default: stdout]."),
    ] = None,
) -> None:
    """Export the graph. N-Quads and TriG keep the named graphs; other RDF formats merge them.

    Example: [bold]kg export out --format nq -o graph.nq[/]  or  [bold]kg export out -o graph.rdf[/] (RDF/XML)
    """
    from ..graph import KnowledgeGraph

    fmt, output = _format_and_path(fmt, output)
    if fmt == "xml" and output is not None and output.suffix.lower() == ".xml":
        console.print(
            f"warning: {safe(output)}: RDF4J and GraphDB read a .xml file as TriX, not RDF/XML, "
            "and find no statements in it; name it .rdf",
            soft_wrap=True,
        )
    with KnowledgeGraph.open(out) as graph:
        if fmt in NETWORKX_FORMATS:
            from ..networkx_io import write_networkx

            if output is None:
                raise KGError(f"--format {fmt} writes a file: give --output")
            write_networkx(graph.to_networkx(), output, fmt)
        else:
            graph.serialize(fmt, output if output is not None else sys.stdout.buffer)
    if output is not None:
        console.print(f"wrote {safe(output)}", soft_wrap=True)
