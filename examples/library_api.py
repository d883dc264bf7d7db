"""Use kg as a library: build the sample corpus in memory, query it, export it.

Run from the repository root:  .venv/bin/python examples/library_api.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import kg

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    graph = kg.build([ROOT / "corpus"], settings=kg.Settings(store="memory"))
    report = graph.report
    print(f"{report.documents} documents, {report.statements} statements, {report.triples} triples")

    print("\nWho met whom:")
    for row in graph.query((ROOT / "examples" / "who_met_whom.rq").read_text()):
        where = f" in {row.where}" if row.where else ""
        when = f" on {row.when}" if row.when else ""
        print(f"  {row.who} met {row.whom}{where}{when}")

    entities = graph.to_networkx()
    hub = max(entities.nodes, key=entities.degree)
    print(f"\nEntity graph: {entities.number_of_nodes()} entities, {entities.number_of_edges()} relations;")
    print(f"most connected: {entities.nodes[hub]['label']} ({entities.degree(hub)} relations)")

    turtle = graph.serialize("ttl")
    print(f"\nTurtle export: {len(turtle):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
