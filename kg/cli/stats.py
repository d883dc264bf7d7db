"""``kg stats``: what a graph holds."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from . import app
from ._common import OutDir, reports_errors, safe, stdout, write_data


@app.command("stats")
@reports_errors
def stats_cli(
    out: OutDir,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Counts of documents, sentences, statements, entities by type, top relations, entity merges."""
    from ..graph import KnowledgeGraph
    from ..stats import graph_stats

    with KnowledgeGraph.open(out) as graph:
        stats = graph_stats(graph, out)
    if as_json:
        write_data(json.dumps(stats, indent=2) + "\n")
        return
    for section, values in stats.items():
        table = Table(title=safe(section), show_header=False, title_justify="left")
        if isinstance(values, dict):
            for key, value in values.items():
                # Keys are relation and entity names read from the documents: never markup.
                table.add_row(safe(key), f"{value:,}" if isinstance(value, int) else safe(value))
        else:
            table.add_row(safe(section), safe(values))
        stdout.print(table)
