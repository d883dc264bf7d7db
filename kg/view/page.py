"""One call from a build's output folder to an HTML view: what ``kg view`` runs.

:func:`write_view` opens the graph, applies the filters (:func:`kg.view.focus`) and renders the page
(:func:`kg.view.render_html`); a filter that leaves nothing to show raises :class:`~kg.errors.KGError`
with the reason (an ``--entity`` hidden by the filters, with no relation, or no entity's name: the
closest names are suggested).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import KGError
from .render import DEFAULT_MAX_EDGES, ViewSummary

#: How ``write_view`` may choose the entities it shows (``rank``).
RANKS = ("story", "pagerank", "degree")


def write_view(
    out: Path,
    output: Path,
    *,
    entity: str | None = None,
    hops: int = 1,
    document: str | None = None,
    since: str | None = None,
    until: str | None = None,
    types: list[str] | None = None,
    min_confidence: float | None = None,
    query: Path | None = None,
    max_nodes: int | None = None,
    rank: str = "story",
    max_edges: int | None = None,
    hide_negated: bool = False,
    title: str | None = None,
) -> ViewSummary:
    """Write the HTML view of the build in ``out`` to ``output``.

    ``types`` are entity type names (each may be a comma list); ``max_nodes`` and ``max_edges`` of 0
    mean no cap (``max_edges`` None: :data:`~kg.view.render.DEFAULT_MAX_EDGES`); ``title`` None is
    the document's title with ``document``, else "Knowledge graph".
    """
    if rank not in RANKS:
        raise KGError(f"--rank must be one of {', '.join(RANKS)}, got {rank!r}")
    entities = _focused(
        out,
        query,
        entity=entity,
        hops=hops,
        types=[t.strip() for item in types or () for t in item.split(",") if t.strip()] or None,
        min_confidence=min_confidence,
        document=document,
        since=since,
        until=until,
    )
    if title is None:  # one document's story is titled by its headline
        titles = {d.get("title") or "" for *_, d in entities.edges(data=True)} if document is not None else set()
        title = titles.pop() if len(titles) == 1 and "" not in titles else "Knowledge graph"
    focused = entity is not None or query is not None or document is not None
    from .render import render_html

    return render_html(
        entities,
        output,
        title=title,
        max_nodes=max_nodes or None,
        max_edges=DEFAULT_MAX_EDGES if max_edges is None else max_edges or None,
        show_negated=not hide_negated,
        cap_by=rank,  # type: ignore[arg-type]
        concept_relations=1 if focused else None,
    )


def _focused(out: Path, query: Path | None, **filters):
    """The entity graph of the build in ``out``, filtered (:func:`kg.view.focus` with ``filters``)."""
    from ..graph import KnowledgeGraph
    from .filters import focus, result_triples

    with KnowledgeGraph.open(out) as graph:
        triples = None
        if query is not None:
            try:
                triples = result_triples(graph.query(query.read_text(encoding="utf-8")))
            except (OSError, ValueError) as error:
                raise KGError(f"--query {query}: {error}") from None
        try:
            return _explaining(focus, graph)(graph.to_networkx(), triples=triples, **filters)
        except KeyError as error:
            raise KGError(str(error.args[0])) from None
        except ValueError as error:
            raise KGError(str(error)) from None


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

    from .filters import find_entities

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
