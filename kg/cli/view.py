"""``kg view``: a self-contained interactive HTML view of the entity graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import KGError
from ..settings import Settings
from . import app
from ._common import OutDir, console, reports_errors, safe

_RANKS = ("story", "pagerank", "degree")


@app.command("view")
@reports_errors
def view_cli(
    out: OutDir,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("graph.html"),
    entity: Annotated[
        str | None,
        typer.Option("--entity", "-e", help="Show only this entity (name, alias or IRI) and its neighbours."),
    ] = None,
    hops: Annotated[int, typer.Option(help="With --entity: how many relations away to go.", min=0)] = 1,
    document: Annotated[
        str | None,
        typer.Option(
            "--document",
            "-d",
            help="Show one article's story: its statements only (who did what to whom, where and when), "
            "listed in reading order beside the graph. The document's id (its file name), IRI, title, or a "
            "part of one of them that names one document.",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            help="Only statements dated on or after this (2021, 2021-06 or 2021-06-30): statements whose "
            "time the text gives as a date; undated ones are left out."
        ),
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only statements dated on or before this (2021, 2021-06 or 2021-06-30).")
    ] = None,
    types: Annotated[
        list[str] | None,
        typer.Option("--types", "-t", help="Entity types to show: a comma list, or repeat (Person,Place,...)."),
    ] = None,
    min_confidence: Annotated[
        float | None, typer.Option(help="Hide statements below this confidence.", min=0.0, max=1.0)
    ] = None,
    query: Annotated[
        Path | None,
        typer.Option("--query", "-q", help="SPARQL file: view the triples of a CONSTRUCT, or of a SELECT ?s ?p ?o."),
    ] = None,
    max_nodes: Annotated[
        int,
        typer.Option(
            help="Show at most this many entities (0: no cap), chosen by --rank.",
            min=0,
        ),
    ] = Settings().view_max_nodes,
    rank: Annotated[
        str,
        typer.Option(
            help="How entities are chosen: [bold]story[/] (named people, organisations, groups and places and "
            "the relations between them first, concepts only where they connect them or carry many "
            "statements; never generic nouns such as 'people' or 'way', never an entity without a relation), "
            "or [bold]pagerank[/] / [bold]degree[/] (the most central of all entities; with --max-nodes 0, "
            "every entity)."
        ),
    ] = "story",
    max_edges: Annotated[
        int | None,
        typer.Option(
            help="Draw at most this many relations, the best supported: most statements, most confident "
            "(0: no cap) \\[default: 3000].",
            min=0,
        ),
    ] = None,
    hide_negated: Annotated[
        bool, typer.Option(help="Hide negated and hedged statements at first (a checkbox shows them).")
    ] = False,
    title: Annotated[
        str | None,
        typer.Option(help="Page title \\[default: the document's title with --document, else Knowledge graph]."),
    ] = None,
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
    from ..graph import KnowledgeGraph
    from ..view import focus, render_html, result_triples
    from ..view.render import DEFAULT_MAX_EDGES

    if rank not in _RANKS:
        raise KGError(f"--rank must be one of {', '.join(_RANKS)}, got {rank!r}")
    wanted_types = [t.strip() for item in types or () for t in item.split(",") if t.strip()]
    with KnowledgeGraph.open(out) as graph:
        triples = None
        if query is not None:
            try:
                triples = result_triples(graph.query(query.read_text(encoding="utf-8")))
            except (OSError, ValueError) as error:
                raise KGError(f"--query {query}: {error}") from None
        try:
            entities = _explaining(focus, graph)(
                graph.to_networkx(),
                entity=entity,
                hops=hops,
                types=wanted_types or None,
                min_confidence=min_confidence,
                triples=triples,
                document=document,
                since=since,
                until=until,
            )
        except KeyError as error:
            raise KGError(str(error.args[0])) from None
        except ValueError as error:
            raise KGError(str(error)) from None
    if title is None:  # one document's story is titled by its headline
        titles = {d.get("title") or "" for *_, d in entities.edges(data=True)} if document is not None else set()
        title = titles.pop() if len(titles) == 1 and "" not in titles else "Knowledge graph"
    focused = entity is not None or query is not None or document is not None
    summary = render_html(
        entities,
        output,
        title=title,
        max_nodes=max_nodes or None,
        max_edges=DEFAULT_MAX_EDGES if max_edges is None else max_edges or None,
        show_negated=not hide_negated,
        cap_by=rank,  # type: ignore[arg-type]
        concept_relations=1 if focused else None,
    )
    console.print(
        f"wrote {safe(summary.path)}: showing {summary.nodes_shown} of {summary.nodes_total} entities, "
        f"{summary.edges_shown} of {summary.edges_total} relations ({summary.statements_shown} statements)",
        soft_wrap=True,
        markup=False,
        highlight=False,
    )


def _explaining(focus, graph):
    """``focus``, whose ``KeyError`` for an ``--entity`` it cannot show says why, and which names are near."""

    def call(network, **options):
        try:
            return focus(network, **options)
        except KeyError:
            if not options.get("entity"):  # e.g. --document names no document: its own message stands
                raise
            raise KeyError(entity_not_shown(graph, network, options["entity"])) from None

    return call


def entity_not_shown(graph, network, name: str) -> str:
    """Why the view has nothing around ``name``: hidden by the filters, no relation, or no such entity.

    For a name that is no entity's, the closest labels and aliases are suggested (``difflib``),
    names holding it as a word first ("Fahie" → "Andrew Fahie").
    """
    import difflib

    from ..view import find_entities

    if find_entities(network, name):
        return f"{name!r} is hidden by --types, --min-confidence or --query: nothing of it is left to show"
    everything = graph.to_networkx(include_isolated=True)
    found = find_entities(everything, name)
    if found:
        node = everything.nodes[found[0]]
        mentions = node.get("mentions") or 0
        return (
            f"{node.get('label') or name!r} ({node.get('type')}, {mentions} mention{'s' if mentions != 1 else ''}) "
            "has no relation to another entity in any statement, so the view has nothing to show around it "
            f"(see its statements: kg query OUT 'SELECT * WHERE {{ ?st rdf:subject|rdf:object <{found[0]}> ; "
            "kg:relationText ?relation }')"
        )
    names: dict[str, str] = {}
    for _, data in everything.nodes(data=True):
        for text in (data.get("label"), *(data.get("aliases") or ())):
            if text:
                names.setdefault(str(text).casefold(), str(text))
    wanted = name.strip().casefold()
    words = [names[key] for key in sorted(names) if wanted and f" {wanted} " in f" {key} "]
    close = [names[key] for key in difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.6)]
    suggestions = list(dict.fromkeys([*words, *close]))[:5]
    hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else " (see: kg entities OUT)"
    return f"no entity named {name!r}{hint}"
