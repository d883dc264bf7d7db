"""Hand-made entity graphs for the view tests."""

from __future__ import annotations

import networkx as nx

E = "https://example.org/kg/entity/"
S = "https://example.org/kg/statement/"
P = "https://example.org/kg/relation/"

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"double\" & 'single' quotes",
]


def _edge(
    graph,
    u,
    v,
    n,
    relation,
    sentence,
    *,
    negated=False,
    confidence=0.8,
    title="Kabul talks",
    **extra,
):
    graph.add_edge(
        E + u,
        E + v,
        key=S + n,
        relation=relation,
        predicate=P + relation,
        statement=S + n,
        sentence=sentence,
        document="https://example.org/kg/document/d1",
        title=title,
        location=extra.get("location"),
        time=extra.get("time"),
        negated=negated,
        confidence=confidence,
        attributed_to=extra.get("attributed_to"),
    )


def small_graph() -> nx.MultiDiGraph:
    """Six entities, seven statements (two parallel, one negated)."""
    g = nx.MultiDiGraph()
    for key, label, kind, aliases, mentions in [
        ("blinken", "Antony Blinken", "Person", ["Blinken"], 5),
        ("taliban", "Taliban", "Organization", ["the Taliban"], 9),
        ("kabul", "Kabul", "Place", [], 4),
        ("nato", "NATO", "Organization", ["North Atlantic Treaty Organization"], 3),
        ("doha", "Doha", "Place", [], 2),
        ("summit", "Doha summit", "Event", [], 1),
    ]:
        g.add_node(
            E + key,
            label=label,
            type=kind,
            aliases=aliases,
            mentions=mentions,
            documents=["Kabul talks"],
        )
    _edge(
        g,
        "blinken",
        "taliban",
        "1",
        "meet",
        "Blinken met the Taliban in Doha.",
        location="Doha",
        time="Monday",
    )
    _edge(
        g,
        "blinken",
        "taliban",
        "2",
        "meet",
        "Blinken met Taliban envoys again.",
        confidence=0.6,
    )
    _edge(
        g,
        "blinken",
        "taliban",
        "3",
        "meet",
        "Blinken did not meet the Taliban.",
        negated=True,
        confidence=0.7,
    )
    _edge(
        g,
        "taliban",
        "kabul",
        "4",
        "control",
        "The Taliban control Kabul.",
        confidence=0.9,
    )
    _edge(
        g,
        "nato",
        "kabul",
        "5",
        "leave",
        "NATO left Kabul.",
        confidence=0.4,
        time="2021",
    )
    _edge(
        g,
        "summit",
        "doha",
        "6",
        "take place in",
        "The summit took place in Doha.",
        confidence=0.95,
    )
    _edge(
        g,
        "blinken",
        "summit",
        "7",
        "attend",
        "Blinken attended the summit.",
        confidence=0.3,
    )
    return g


def hostile_graph() -> nx.MultiDiGraph:
    """Labels, aliases, sentences and titles that would run script if interpreted as HTML."""
    g = nx.MultiDiGraph()
    for i, text in enumerate(HOSTILE):
        g.add_node(
            E + f"h{i}",
            label=text,
            type="Person",
            aliases=[text, f"alias {i}"],
            mentions=i + 1,
            documents=[text],
        )
    _edge(
        g,
        "h0",
        "h1",
        "h1",
        HOSTILE[2],
        HOSTILE[0],
        title=HOSTILE[1],
        location=HOSTILE[2],
        time=HOSTILE[0],
    )
    _edge(
        g,
        "h1",
        "h2",
        "h2",
        HOSTILE[0],
        HOSTILE[1],
        title=HOSTILE[2],
        attributed_to=HOSTILE[1],
    )
    _edge(g, "h2", "h0", "h3", HOSTILE[1], HOSTILE[2], title=HOSTILE[0], negated=True)
    return g
