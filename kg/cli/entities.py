"""``kg entities``: the merge audit — canonical entities and the rules that merged them."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from . import app
from ._common import OutDir, reports_errors, safe, stdout, write_data


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command("entities")
@reports_errors
def entities_cli(
    out: OutDir,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    entity_type: Annotated[
        str | None,
        typer.Option("--type", "-t", help="Only this type (Person, Organization, Place, ..., Concept, Other)."),
    ] = None,
    include_other: Annotated[
        bool, typer.Option("--all", help="Include noun-phrase entities (Concept, Other).")
    ] = False,
) -> None:
    """Each canonical entity with type, aliases, mention count, documents and merge rules."""
    from ..entities.audit import format_entities, list_entities
    from ..graph import KnowledgeGraph

    with KnowledgeGraph.open(out) as graph:
        rows = list_entities(graph, entity_type, include_other)
    if fmt is not Format.table:
        write_data(format_entities(rows, fmt.value))
        return
    kind = "entities" if include_other or (entity_type or "").lower() in ("concept", "other") else "named entities"
    table = Table(title=f"{len(rows):,} {kind}", title_justify="left")
    # Long labels wrap rather than squeeze the other columns out of a narrow terminal.
    table.add_column("type", no_wrap=True)
    table.add_column("label", min_width=16, ratio=3, overflow="fold")
    table.add_column("mentions", justify="right", no_wrap=True)
    table.add_column("aliases", min_width=10, ratio=2)
    table.add_column("docs", justify="right", no_wrap=True)
    table.add_column("rules", min_width=19, ratio=2)
    for row in rows:
        # Labels and aliases are text from the documents: never markup.
        table.add_row(safe(row["type"]), safe(row["label"]), str(row["mentions"]), safe(", ".join(row["aliases"])),
                      str(len(row["documents"])), safe(", ".join(row["rules"])))  # fmt: skip
    stdout.print(table)
