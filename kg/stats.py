"""Statistics of a built graph."""

from __future__ import annotations

import json
from pathlib import Path


def _count(graph, where: str) -> int:
    rows = list(graph.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"))
    return int(rows[0][0].toPython()) if rows else 0


def graph_stats(graph, out: str | Path | None = None) -> dict[str, dict[str, int | str]]:
    """Counts of what a graph holds, plus entity-resolution figures from the build report.

    Sections: ``graph`` (documents, sentences, statements, negated, triples),
    ``entities`` (all, named, noun phrases, then by type: the same counts as the build
    summary and ``kg entities``), ``relations`` (the 15 most used), ``resolution``
    (mentions, merges by rule, pronouns resolved) when ``out/report.json`` exists.
    """
    stats: dict[str, dict[str, int | str]] = {}
    stats["graph"] = {
        "documents": _count(graph, "?d a schema:NewsArticle"),
        "sentences": _count(graph, "?s a nif:Sentence"),
        "statements": _count(graph, "?s a kg:Statement"),
        "negated statements": _count(graph, "?s a kg:Statement ; kg:negated true"),
        "attributed statements": _count(graph, "?s a kg:Statement ; kg:attributedTo ?a"),
        "triples": len(graph),
    }
    by_type: dict[str, int | str] = {}
    for row in graph.query(
        "SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?type ; kg:mentionCount ?c "
        "FILTER(STRSTARTS(STR(?type), STR(kg:))) } GROUP BY ?type ORDER BY DESC(?n) ?type"
    ):
        by_type[str(row[0]).rsplit("#", 1)[-1]] = int(row[1].toPython())
    # The totals the build summary and `kg entities` report: named = every type but Concept and Other.
    total = sum(int(n) for n in by_type.values())
    named = total - int(by_type.get("Concept", 0)) - int(by_type.get("Other", 0))
    stats["entities"] = {"all": total, "named (kg entities)": named, "noun phrases (Concept, Other)": total - named,
                         **by_type}  # fmt: skip
    relations: dict[str, int | str] = {}
    for row in graph.query(
        "SELECT ?label (COUNT(?s) AS ?n) WHERE { ?s a kg:Statement ; rdf:predicate ?p . ?p rdfs:label ?label } "
        "GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 15"
    ):
        relations[str(row[0])] = int(row[1].toPython())
    stats["relations"] = relations
    if out is not None and (Path(out) / "report.json").is_file():
        report = json.loads((Path(out) / "report.json").read_text())
        resolution = {k: v for k, v in sorted(report.get("entity_stats", {}).items())}
        if resolution:
            stats["resolution"] = resolution
    return stats
