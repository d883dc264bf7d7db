"""``kg view``: a self-contained interactive HTML view of the entity graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..settings import Settings
from . import app
from ._common import OutDir, console, reports_errors, safe

# The options of kg view, each with its help.
_Output = Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")]
_Entity = Annotated[
    str | None,
    typer.Option("--entity", "-e", help="Show only this entity (name, alias or IRI) and its neighbours."),
]
_Hops = Annotated[int, typer.Option(help="With --entity: how many relations away to go.", min=0)]
_Document = Annotated[
    str | None,
    typer.Option(
        "--document",
        "-d",
        help="Show one article's story: its statements only (who did what to whom, where and when), "
        "listed in reading order beside the graph. The document's id (its file name), IRI, title, or a "
        "part of one of them that names one document.",
    ),
]
_Since = Annotated[
    str | None,
    typer.Option(
        help="Only statements dated on or after this (2021, 2021-06 or 2021-06-30): statements whose "
        "time the text gives as a date; undated ones are left out."
    ),
]
_Until = Annotated[
    str | None, typer.Option(help="Only statements dated on or before this (2021, 2021-06 or 2021-06-30).")
]
_Types = Annotated[
    list[str] | None,
    typer.Option("--types", "-t", help="Entity types to show: a comma list, or repeat (Person,Place,...)."),
]
_MinConfidence = Annotated[float | None, typer.Option(help="Hide statements below this confidence.", min=0.0, max=1.0)]
_Query = Annotated[
    Path | None,
    typer.Option("--query", "-q", help="SPARQL file: view the triples of a CONSTRUCT, or of a SELECT ?s ?p ?o."),
]
_MaxNodes = Annotated[
    int,
    typer.Option(
        help="Show at most this many entities (0: no cap), chosen by --rank.",
        min=0,
    ),
]
_Rank = Annotated[
    str,
    typer.Option(
        help="How entities are chosen: [bold]story[/] (named people, organisations, groups and places and "
        "the relations between them first, concepts only where they connect them or carry many "
        "statements; never generic nouns such as 'people' or 'way', never an entity without a relation), "
        "or [bold]pagerank[/] / [bold]degree[/] (the most central of all entities; with --max-nodes 0, "
        "every entity)."
    ),
]
_MaxEdges = Annotated[
    int | None,
    typer.Option(
        help="Draw at most this many relations, the best supported: most statements, most confident "
        "(0: no cap) \\[default: 3000].",
        min=0,
    ),
]
_HideNegated = Annotated[
    bool, typer.Option(help="Hide negated and hedged statements at first (a checkbox shows them).")
]
_Title = Annotated[
    str | None,
    typer.Option(help="Page title \\[default: the document's title with --document, else Knowledge graph]."),
]


@app.command("view")
@reports_errors
def view_cli(
    out: OutDir,
    output: _Output = Path("graph.html"),
    entity: _Entity = None,
    hops: _Hops = 1,
    document: _Document = None,
    since: _Since = None,
    until: _Until = None,
    types: _Types = None,
    min_confidence: _MinConfidence = None,
    query: _Query = None,
    max_nodes: _MaxNodes = Settings().view_max_nodes,
    rank: _Rank = "story",
    max_edges: _MaxEdges = None,
    hide_negated: _HideNegated = False,
    title: _Title = None,
) -> None:
    """Write an HTML view of the entity graph that opens offline in any browser.

    The page shows the named actors of the news and what connects them, every entity labelled;
    all statements between two entities are one edge, labelled with the relations and their
    counts; dashed edges are negated (red) or hedged (amber). Click an entity to read its
    statements as sentences with their sources, an edge or a statement for where and when,
    negation, hedging, attribution and confidence.

    Filters apply in this order: --query, --document, --since/--until, --types,
    --min-confidence, then --entity/--hops; then --max-nodes and --max-edges cap what is drawn.

    Examples:

      [bold]kg view out -o graph.html[/]   (the default: the 60 entities a reader wants first)

      [bold]kg view out -o taliban.html --entity Taliban --hops 2[/]   (a neighbourhood)

      [bold]kg view out -o story.html --document 002_3cfa68ac202fd59f.txt[/]   (one article's story)

      [bold]kg view out -o april.html --since 2022-04-01 --until 2022-04-30[/]   (statements dated in April 2022)

      [bold]kg view out -o people.html --types Person,Organization --min-confidence 0.6[/]

      [bold]kg view out -o meetings.html --query meetings.rq[/]   (a CONSTRUCT, or a SELECT ?s ?p ?o)

      [bold]kg view out -o all.html --max-nodes 0 --rank pagerank[/]   (every entity)
    """
    from ..view.page import write_view

    summary = write_view(
        out,
        output,
        entity=entity,
        hops=hops,
        document=document,
        since=since,
        until=until,
        types=types,
        min_confidence=min_confidence,
        query=query,
        max_nodes=max_nodes,
        rank=rank,
        max_edges=max_edges,
        hide_negated=hide_negated,
        title=title,
    )
    console.print(
        f"wrote {safe(summary.path)}: showing {summary.nodes_shown} of {summary.nodes_total} entities, "
        f"{summary.edges_shown} of {summary.edges_total} relations ({summary.statements_shown} statements)",
        soft_wrap=True,
        markup=False,
        highlight=False,
    )
