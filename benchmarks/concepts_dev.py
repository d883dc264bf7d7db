"""Entity nodes by type, and the share of unnamed phrase nodes, on the news dev pages and the sample corpus.

    python benchmarks/concepts_dev.py                 # ../shared/bench/news/pages and corpus/
    python benchmarks/concepts_dev.py PATH ...        # other inputs, each built on its own
    python benchmarks/concepts_dev.py --json

For each input: the entity nodes (``kg:mentionCount``) by class, the nodes no statement, qualifier or
link uses (orphans: a node only ``kg:mentionedIn`` points from), the share of *phrase* nodes among all
entity nodes (``kg:Other`` and ``kg:Concept``: an unnamed noun phrase or its concept, counted together,
so renaming a class is no progress), the concept links (``kg:relatedTo``) and the statements whose role
is a phrase kept as text. Issue 14's target: phrase nodes at most half of all nodes.

Measured on the 24 dev pages when phrases became concepts (machine loaded; counts are exact):
before 2,999 entity nodes, 2,596 of them kg:Other phrases (86.6 %), 1,092 nodes used by no statement,
qualifier or link, 1,780 statements; after 1,446 nodes, 929 kg:Concept + 115 kg:Other = 1,044 phrase
nodes (72.2 %), no phrase node unused, 696 kg:relatedTo links, 1,767 statements (346 with a phrase or
a clause as text). Sample corpus: 392 nodes, 338 phrases (86.2 %) -> 200 nodes, 150 phrases (75.0 %).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.facts_dev import _count, _pages  # noqa: E402  (the same dev pages, the same counting)

#: Classes whose nodes are unnamed noun phrases or the concepts they name.
PHRASE_CLASSES = ("Other", "Concept")


def measure(graph) -> dict:
    """The entity figures of a built graph."""
    by_type: dict[str, int] = {}
    for cls, n in graph.query(
        "SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e kg:mentionCount ?c ; a ?type . "
        "FILTER(STRSTARTS(STR(?type), STR(kg:))) } GROUP BY ?type"
    ):
        by_type[str(cls).rsplit("#", 1)[-1]] = int(n)
    total = sum(by_type.values())
    phrases = sum(by_type.get(c, 0) for c in PHRASE_CLASSES)
    used = (
        "{ ?st rdf:subject ?e } UNION { ?st rdf:object ?e } UNION { ?q kg:value ?e } UNION { ?st kg:attributedTo ?e }"
        " UNION { ?st kg:location ?e } UNION { ?x kg:relatedTo ?e } UNION { ?x kg:memberOf ?e }"
        " UNION { ?x kg:demonymOf ?e }"
    )
    return {
        "entities": total,
        "by_type": dict(sorted(by_type.items(), key=lambda kv: -kv[1])),
        "phrase_nodes": phrases,
        "phrase_share": round(phrases / max(total, 1), 3),
        "orphans": _count(graph, f"?e kg:mentionCount ?c . FILTER NOT EXISTS {{ {used} }}"),
        "phrase_orphans": _count(
            graph,
            "?e kg:mentionCount ?c . { ?e a kg:Concept } UNION { ?e a kg:Other } UNION"
            f' {{ ?e a kg:Group ; kg:mergeRule "group-noun" }} FILTER NOT EXISTS {{ {used} }}',
        ),
        "related_links": _count(graph, "?a kg:relatedTo ?b") if _declared(graph, "relatedTo") else 0,
        "statements": _count(graph, "?st a kg:Statement"),
        "phrase_literals": _count(
            graph, "?st a kg:Statement . { ?st rdf:subject ?v } UNION { ?st rdf:object ?v } FILTER(isLiteral(?v))"
        ),
    }


def _declared(graph, name: str) -> bool:
    from kg.rdf.namespaces import KG

    try:
        KG[name]
    except (AttributeError, KeyError):
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[str(_pages()), str(ROOT / "corpus")])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    import kg

    results = {}
    for path in args.paths:
        started = time.perf_counter()
        graph = kg.build([path], settings=kg.Settings(store="memory", write_html=False, write_trig=False))
        figures = measure(graph)
        graph.close()
        figures["seconds"] = round(time.perf_counter() - started, 1)
        results[path] = figures
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for path, figures in results.items():
        print(f"input              {path}")
        print(f"entity nodes       {figures['entities']}")
        print("by type            " + ", ".join(f"{t} {n}" for t, n in figures["by_type"].items()))
        print(f"phrase nodes       {figures['phrase_nodes']} ({100 * figures['phrase_share']:.1f}% of all)")
        print(f"orphan nodes       {figures['orphans']} ({figures['phrase_orphans']} of them phrases or group phrases)")
        print(f"kg:relatedTo       {figures['related_links']}")
        print(f"statements         {figures['statements']} ({figures['phrase_literals']} with a phrase as text)")
        print(f"seconds            {figures['seconds']}")
        print()


if __name__ == "__main__":
    main()
