"""Generated entity graphs for tests, benchmarks and demos.

>>> g = synthetic_graph(50, seed=1)
>>> g.number_of_nodes(), g.number_of_edges() > 50
(50, True)
>>> sorted(g.nodes["https://example.org/kg/entity/e0"])
['aliases', 'documents', 'label', 'mentions', 'type']
"""

from __future__ import annotations

import random

import networkx as nx

from kg.records import ENTITY_TYPES

BASE = "https://example.org/kg/"
RELATIONS = ("meet", "visit", "criticize", "support", "sign", "attack", "say", "lead", "join", "fund")
PLACES = ("Kabul", "Paris", "Geneva", None, None)
TIMES = ("on Monday", "in 2021", "last week", None, None, None)


def synthetic_graph(n_entities: int, *, edges_per_entity: float = 2.0, seed: int = 0) -> nx.MultiDiGraph:
    """Return a random entity graph that follows the entity-view contract.

    Degrees are skewed (preferential attachment), as in real news graphs:
    a few entities appear in many statements. About 8% of statements are
    negated.

    >>> g = synthetic_graph(10, seed=3)
    >>> all(0 <= c <= 1 for *_, c in g.edges(data="confidence"))
    True
    """
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    ids = [f"{BASE}entity/e{i}" for i in range(n_entities)]
    for i, iri in enumerate(ids):
        kind = ENTITY_TYPES[i % len(ENTITY_TYPES)]
        graph.add_node(
            iri,
            label=f"{kind} {i}",
            type=kind,
            aliases=[f"E{i}"] if i % 3 == 0 else [],
            mentions=rng.randint(1, 40),
            documents=[f"Document {rng.randint(0, 99)}" for _ in range(rng.randint(1, 3))],
        )
    targets: list[str] = ids[:2]  # repeated entries make attachment preferential
    for s in range(int(n_entities * edges_per_entity)):
        u = ids[s % n_entities] if s < n_entities else rng.choice(ids)
        v = rng.choice(targets) if targets and rng.random() < 0.7 else rng.choice(ids)
        if u == v:
            continue
        targets.extend((u, v))
        relation = rng.choice(RELATIONS)
        doc = rng.randint(0, 99)
        statement = f"{BASE}statement/s{s}"
        graph.add_edge(
            u,
            v,
            key=statement,
            relation=relation,
            predicate=f"{BASE}relation/{relation}",
            statement=statement,
            sentence=f"{graph.nodes[u]['label']} did {relation} {graph.nodes[v]['label']}.",
            document=f"{BASE}document/d{doc}",
            title=f"Document {doc}",
            location=rng.choice(PLACES),
            time=rng.choice(TIMES),
            negated=rng.random() < 0.08,
            confidence=round(rng.uniform(0.2, 1.0), 2),
            attributed_to=None,
        )
    return graph
