"""``kg query``: SPARQL over a built graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import KGError
from . import app
from ._common import OutDir, reports_errors, stdout, write_data


@app.command("query")
@reports_errors
def query_cli(
    out: OutDir,
    sparql: Annotated[str | None, typer.Argument(help="The SPARQL query (or use --file).")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read the query from a .rq file.")] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="table, csv, tsv, json, xml; for CONSTRUCT/DESCRIBE: ttl, nt, jsonld.")
    ] = "table",
    timeout: Annotated[float | None, typer.Option(help="Give up after this many seconds.")] = None,
    allow_service: Annotated[
        bool,
        typer.Option("--allow-service", help="Let SERVICE clauses query other endpoints over the network."),
    ] = False,
) -> None:
    """Run SPARQL over the union of all document graphs; standard prefixes are pre-declared.

    Prefixes: kg rel kge schema prov nif skos rdf rdfs owl xsd dcterms wd.

    SERVICE (federated query) is refused unless --allow-service: it would make kg
    fetch from whatever URL the query names. Brackets nested deeper than 256 are
    refused too (they would crash the query engine).

    Example: [bold]kg query out 'SELECT ?s ?o WHERE { ?s rel:meet ?o }'[/]
    """
    from ..graph import KnowledgeGraph
    from ..query import format_result, run_query

    if (sparql is None) == (file is None):
        raise KGError("give a query as an argument or with --file, not both")
    if file is not None:
        try:
            sparql = file.read_text(encoding="utf-8")
        except OSError as error:
            raise KGError(f"cannot read query file {file}: {error.strerror}") from None
    with KnowledgeGraph.open(out) as graph:
        result = run_query(graph.dataset, sparql, timeout=timeout, allow_service=allow_service)
        if fmt == "table" and result.type in ("SELECT", "ASK"):  # for people; the rest is data
            stdout.out(format_result(result, fmt), end="")
        else:
            write_data(format_result(result, fmt))
