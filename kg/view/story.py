"""What a reader wants to see first: named actors, the relations between them, and the concepts that connect them.

A news graph is mostly noun phrases ("people", "the way", "a lot", "students",
"the hospital"); ranked by centrality, the vaguest of them win, because every
story mentions people. The view's default page therefore chooses entities for
a reader, not by PageRank:

- **named actors** (people, organisations, groups, places) and the relations
  between them rank first; other named things (events, works, laws, products,
  languages) next;
- a **concept** (what a common noun names, type ``Concept``, or an unnamed phrase, ``Other``) appears only when it
  connects actors (relations with two named entities) or carries many facts
  (three statements or more), and always with at least two relations shown;
- **generic nouns** ("people", "someone", "lot", "way", "part": the word list
  ``ontology/lexicon/generic_nouns.txt`` and the pronouns) and time
  expressions (the statements show when) are never drawn as entities;
- no entity is shown **unconnected**.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> for key, label, kind in [("a", "Ada", "Person"), ("b", "Bob", "Person"), ("p", "people", "Other"),
...                          ("t", "the treaty", "Other"), ("x", "Paris", "Place")]:
...     g.add_node(key, label=label, type=kind, mentions=1)
>>> _ = g.add_edge("a", "t", relation="sign")
>>> _ = g.add_edge("b", "t", relation="sign")
>>> _ = g.add_edge("a", "p", relation="tell")
>>> _ = g.add_edge("a", "b", relation="meet")
>>> story_nodes(g)
['a', 'b', 't']
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from kg.lexicon import table, words

__all__ = [
    "HIDDEN_TYPES",
    "NAMED_ACTOR_TYPES",
    "NAMED_TYPES",
    "is_generic",
    "select_story",
    "story_nodes",
]

#: Who acts in news: people, organisations, groups of people, places.
NAMED_ACTOR_TYPES = ("Person", "Organization", "Group", "Place")
#: Named entities: the actors, and what they hold, make, pass, attend or speak.
NAMED_TYPES = (*NAMED_ACTOR_TYPES, "Event", "CreativeWork", "Legislation", "Product", "Language")
#: Never drawn as entities in a story: when a fact holds is shown on its statement.
HIDDEN_TYPES = ("TimeExpression",)
#: Weight of an entity in the ranking, by kind: actors first, then other named things, then concepts.
_WEIGHT = {"actor": 1.0, "named": 0.75, "concept": 0.5}
#: The k-th entity of a story (k = 0, 1, ...) has its score divided by (1 + k) ** this.
STORY_DISCOUNT = 0.3
#: Words that open a noun phrase without saying which thing it is ("the", "his", "some").
_DETERMINERS = frozenset(
    "the a an this that these those his her its their our my your some many several all most other such any "
    "each every no both either neither".split()
)


def _generic_words() -> frozenset[str]:
    return words("generic_nouns") | frozenset(table("pronouns"))


def is_generic(label: str | None) -> bool:
    """Whether a label names nothing in particular: a generic noun or a pronoun, maybe after a determiner.

    Only lower-case labels can be generic: "Time" and "People" as written are names (a magazine).
    A label without a word of two letters ("80.4", "#") is generic too: it names nothing a reader
    can place.

    >>> [is_generic(w) for w in ("people", "a lot", "the way", "someone", "their part", "them")]
    [True, True, True, True, True, True]
    >>> [is_generic(w) for w in ("People", "the treaty", "students", "Joe Biden", "80.4")]
    [False, False, False, False, True]
    """
    text = " ".join(str(label or "").split())
    if not any(run.isalpha() and len(run) > 1 for run in _words(text)):
        return True
    if text != text.lower():
        return False
    tokens = text.split()
    while tokens and tokens[0] in _DETERMINERS:
        tokens = tokens[1:]
    return not tokens or " ".join(tokens) in _generic_words()


def _words(text: str) -> list[str]:
    """Runs of letters in ``text``."""
    runs, current = [], []
    for char in text:
        if char.isalpha():
            current.append(char)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs


def _kind(data: Mapping[str, Any]) -> str:
    kind = data.get("type")
    if kind in NAMED_ACTOR_TYPES:
        return "actor"
    return "named" if kind in NAMED_TYPES else "concept"


def story_nodes(
    graph: nx.MultiDiGraph,
    max_nodes: int | None = None,
    *,
    concept_relations: int = 2,
) -> list[str]:
    """The entities to show a reader, best first: at most ``max_nodes``, each with a relation among them.

    A concept needs ``concept_relations`` distinct related entities among those shown, and
    either that many named ones or one statement more than that (2 by default: it connects two
    named entities, or carries three statements; 1 for a single story, where the things an
    actor did count). Entities are ranked by their relations with the other eligible entities,
    each weighted by both ends' kind (actor, other named, concept) and the number of
    statements behind it (logarithmically), plus a little for mentions; within one story (the
    document most of an entity's statements come from) each further entity counts a little less
    (:data:`STORY_DISCOUNT`), so that one long article does not fill the page. Ties go to more
    mentions, then to the smaller IRI. The best are taken, then those left without a relation
    (or a concept without enough) are dropped and the next best tried, until ``max_nodes`` are
    shown or none is left.
    """
    if max_nodes is not None and max_nodes < 0:
        raise ValueError(f"max_nodes must be >= 0, got {max_nodes}")
    kinds = {n: _kind(d) for n, d in graph.nodes(data=True)}
    candidates = {
        n for n, d in graph.nodes(data=True) if d.get("type") not in HIDDEN_TYPES and not is_generic(d.get("label"))
    }
    weights, stories = _relations(graph, candidates, kinds)
    eligible = _prune(set(weights), weights, kinds, concept_relations)
    mentions = {n: int(graph.nodes[n].get("mentions") or 0) for n in eligible}
    score = {
        n: _WEIGHT[kinds[n]]
        * sum((1 + math.log2(w)) * _WEIGHT[kinds[m]] for m, w in weights[n].items() if m in eligible)
        + 0.25 * math.log2(1 + mentions[n])
        for n in eligible
    }
    # rounded so that float noise does not beat the tie-breaks
    ranked = sorted(eligible, key=lambda n: (-round(score[n], 9), -mentions[n], str(n)))
    # each further entity of the same story (the document most of its statements come from)
    # counts a little less, so that one long article does not fill the page
    seen: Counter = Counter()
    for n in ranked:
        story = _main_story(stories[n])
        score[n] /= (1 + seen[story]) ** STORY_DISCOUNT
        seen[story] += 1
    ranked.sort(key=lambda n: (-round(score[n], 9), -mentions[n], str(n)))
    if max_nodes is None or max_nodes >= len(ranked):
        return ranked
    rank = {n: i for i, n in enumerate(ranked)}
    chosen: set[str] = set()
    waiting = list(reversed(ranked))  # a stack: the best on top
    dropped: list[str] = []
    while True:
        while waiting and len(chosen) < max_nodes:
            chosen.add(waiting.pop())
        left = _prune(chosen, weights, kinds, concept_relations)
        lost = chosen - left
        chosen = left
        dropped.extend(lost)
        if len(chosen) >= max_nodes:
            break
        if not waiting:
            # those dropped before a partner came may fit now: try them again, best first, once more
            retry = sorted((n for n in dropped if _keeps(n, chosen, weights, kinds, concept_relations)), key=rank.get)
            if not retry:
                chosen = _fill(chosen, dropped, max_nodes, weights, kinds, concept_relations, rank)
                break
            waiting = list(reversed(retry))
            dropped = [n for n in dropped if n not in retry]
    return sorted(chosen, key=rank.get)


def _relations(graph: nx.MultiDiGraph, candidates: set[str], kinds: dict[str, str]) -> tuple[dict, dict]:
    """Statements between two candidates (``weights[u][v]``), and each candidate's statements per document."""
    weights: dict[str, dict[str, int]] = defaultdict(dict)
    stories: dict[str, Counter] = defaultdict(Counter)
    edges = [
        (u, v, d or "") for u, v, d in graph.edges(data="document") if u != v and u in candidates and v in candidates
    ]
    for u, v, document in edges:
        stories[u][document] += 1
        stories[v][document] += 1
    # A concept is one node for every document that uses its word ("facility"); it connects what one story
    # says about it, not two stories that happen to use the same noun: only its main story's relations count.
    home = {n: _main_story(stories[n]) for n in stories if kinds[n] == "concept"}
    for u, v, document in edges:
        if home.get(u, document) == document and home.get(v, document) == document:
            weights[u][v] = weights[u].get(v, 0) + 1
            weights[v][u] = weights[u][v]
    return weights, stories


def _main_story(documents: Counter) -> str:
    """The document most of an entity's statements come from (ties: the smaller id).

    >>> _main_story(Counter({"b": 2, "a": 2, "c": 1}))
    'a'
    """
    return min(documents.items(), key=lambda item: (-item[1], item[0]))[0]


def _fill(
    chosen: set[str], dropped: list[str], max_nodes: int, weights, kinds, concept_relations: int, rank
) -> set[str]:
    """``chosen`` with room left filled by dropped entities brought in with the partners they need.

    One at a time, a concept that needs two named partners never fits; with them (best ranked
    first) it does, if the whole group fits in ``max_nodes``.
    """
    for node in sorted(dropped, key=rank.get):
        if len(chosen) >= max_nodes:
            break
        if node in chosen:
            continue
        group = {node}
        for partner in sorted((m for m in weights[node] if m in rank and m not in chosen), key=rank.get):
            if _keeps(node, chosen | group, weights, kinds, concept_relations):
                break
            group.add(partner)
        if len(chosen) + len(group) > max_nodes:
            continue
        trial = _prune(chosen | group, weights, kinds, concept_relations)
        if trial > chosen:
            chosen = trial
    return chosen


def _keeps(node: str, among: set[str], weights, kinds, concept_relations: int) -> bool:
    """Whether ``node`` has its place among ``among``: a relation there, and enough of them for a concept."""
    related = [m for m in weights[node] if m in among and m != node]
    if not related:
        return False
    if kinds[node] != "concept":
        return True
    named = sum(1 for m in related if kinds[m] != "concept")
    statements = sum(weights[node][m] for m in related)
    return len(related) >= concept_relations and (named >= concept_relations or statements >= concept_relations + 1)


def _prune(nodes: set[str], weights, kinds, concept_relations: int) -> set[str]:
    """``nodes`` less those without a relation among them, or concepts without enough, repeatedly."""
    kept = set(nodes)
    queue = [n for n in kept if not _keeps(n, kept, weights, kinds, concept_relations)]
    while queue:
        node = queue.pop()
        if node not in kept:
            continue
        kept.discard(node)
        for neighbour in weights[node]:
            if neighbour in kept and not _keeps(neighbour, kept, weights, kinds, concept_relations):
                queue.append(neighbour)
    return kept


def select_story(
    graph: nx.MultiDiGraph, max_nodes: int | None, *, concept_relations: int = 2
) -> tuple[nx.MultiDiGraph, int]:
    """The subgraph of :func:`story_nodes` (every relation among them), and the number of entities given.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="Ada", type="Person")
    >>> g.add_node("b", label="Bob", type="Person")
    >>> g.add_node("c", label="Cleo", type="Person")
    >>> _ = g.add_edge("a", "b")
    >>> small, total = select_story(g, 5)
    >>> sorted(small), total
    (['a', 'b'], 3)
    """
    from kg.view.filters import _induced

    return _induced(graph, story_nodes(graph, max_nodes, concept_relations=concept_relations)), (
        graph.number_of_nodes()
    )


def statement_order(keys: Iterable[str]) -> list[str]:
    """Statement IRIs in natural order ("…/statement/2-0" before "…/statement/10-0"): reading order
    where IRIs number the sentences, a stable order anyway.

    >>> statement_order(["d/statement/10-0", "d/statement/2-1", "d/statement/2-0"])
    ['d/statement/2-0', 'd/statement/2-1', 'd/statement/10-0']
    """
    return sorted(keys, key=natural_key)


def natural_key(text: str) -> tuple:
    """A sort key that orders the numbers in ``text`` by value."""
    parts: list = []
    number = ""
    word = ""
    for char in str(text):
        if char.isdigit():
            if word:
                parts.append((1, word, 0))
                word = ""
            number += char
        else:
            if number:
                parts.append((0, "", int(number)))
                number = ""
            word += char
    if number:
        parts.append((0, "", int(number)))
    if word:
        parts.append((1, word, 0))
    return tuple(parts)
