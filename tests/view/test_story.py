"""What the default page shows (named actors first, concepts that connect them), how it is laid out,
and the story filters (one document, a time window); no browser."""

from __future__ import annotations

import html
import json
import re

import networkx as nx
import pytest

from kg.entity_graph import EntityGraph
from kg.view import (
    build_network,
    filter_dates,
    filter_document,
    find_documents,
    focus,
    is_generic,
    notebook_html,
    render_html,
    render_page,
    select_story,
    story_nodes,
)
from kg.view.layout import Box, _overlaps, layout, wrap_label
from kg.view.synthetic import synthetic_graph
from tests.view.graphs import E, small_graph


def news_like() -> nx.MultiDiGraph:
    """Two stories: actors who meet and sign, generic nouns and concepts around them."""
    g = nx.MultiDiGraph()
    nodes = [
        ("ada", "Ada Byron", "Person"), ("bob", "Bob Hale", "Person"), ("un", "United Nations", "Organization"),
        ("paris", "Paris", "Place"), ("people", "people", "Other"), ("way", "the way", "Other"),
        ("lot", "a lot", "Other"), ("treaty", "the treaty", "Other"), ("talks", "the talks", "Other"),
        ("lonely", "a remark", "Other"), ("monday", "Monday", "TimeExpression"), ("cyd", "Cyd Moss", "Person"),
        ("dee", "Dee Ray", "Person"), ("club", "Chess Club", "Organization"),
    ]  # fmt: skip
    for key, label, kind in nodes:
        g.add_node(E + key, label=label, type=kind, mentions=3, aliases=[], documents=[])
    edges = [
        ("ada", "bob", "meet", "d1"), ("ada", "bob", "meet", "d1"), ("bob", "ada", "call", "d1"),
        ("ada", "treaty", "sign", "d1"), ("bob", "treaty", "sign", "d1"), ("un", "treaty", "draft", "d1"),
        ("ada", "people", "tell", "d1"), ("bob", "people", "tell", "d1"), ("un", "way", "find", "d1"),
        ("ada", "lot", "say", "d1"), ("ada", "paris", "visit", "d1"), ("ada", "lonely", "make", "d1"),
        ("bob", "monday", "leave on", "d1"), ("ada", "talks", "join", "d1"),
        ("cyd", "dee", "beat", "d2"), ("dee", "club", "join", "d2"),
    ]  # fmt: skip
    for i, (u, v, relation, doc) in enumerate(edges):
        g.add_edge(E + u, E + v, key=f"s{i}", relation=relation, confidence=0.8, document=doc, title=doc.upper(),
                   sentence=f"{u} {relation} {v}.", negated=False, hedged=False, date="")  # fmt: skip
    return g


def test_generic_nouns_and_pronouns_are_generic_names_are_not():
    for label in ("people", "someone", "a lot", "the way", "part", "them", "everyone", "the things", "12"):
        assert is_generic(label), label
    for label in ("People", "Time", "the treaty", "loggers", "Joe Biden", "the Taliban", "way station"):
        assert not is_generic(label), label


def test_story_shows_actors_and_the_concepts_that_connect_them():
    g = news_like()
    shown = story_nodes(g)
    labels = {g.nodes[n]["label"] for n in shown}
    # named actors with relations; the treaty connects three of them
    assert {"Ada Byron", "Bob Hale", "United Nations", "Paris", "the treaty", "Cyd Moss", "Dee Ray"} <= labels
    # generic nouns, a time expression, a concept with one relation: never
    assert labels.isdisjoint({"people", "the way", "a lot", "Monday", "a remark", "the talks"})
    # the most connected actor first
    assert g.nodes[shown[0]]["label"] == "Ada Byron"
    # a concept needs one relation only when asked (a single story, a focused view)
    assert "the talks" in {g.nodes[n]["label"] for n in story_nodes(g, concept_relations=1)}


def test_story_cap_keeps_every_entity_connected():
    g = news_like()
    for cap in range(0, 12):
        sub, total = select_story(g, cap)
        assert total == g.number_of_nodes() and sub.number_of_nodes() <= cap
        assert not list(nx.isolates(sub)), cap
        for n, kind in sub.nodes(data="type"):
            if kind == "Other":  # a concept keeps two relations among those shown
                assert len(set(sub.predecessors(n)) | set(sub.successors(n))) >= 2
    # a cap of three: the pair with the most statements and their shared concept, not a lone actor
    assert {g.nodes[n]["label"] for n in select_story(g, 3)[0]} == {"Ada Byron", "Bob Hale", "the treaty"}


def test_story_is_deterministic_and_fills_the_cap_on_a_big_graph():
    g = synthetic_graph(3000, seed=3)
    first = story_nodes(g, 200)
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(g.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    assert set(story_nodes(shuffled, 200)) == set(first) and len(first) == 200
    sub = g.subgraph(first)
    assert not list(nx.isolates(sub))
    assert all(g.nodes[n]["type"] != "TimeExpression" for n in first)


def test_one_edge_per_pair_with_counts_and_polarity():
    g = news_like()
    net = build_network(g.subgraph([E + "ada", E + "bob"]).copy())
    (edge,) = net.edges
    assert edge["label"] == "meet ×2 · call" and edge["arrows"] == "to, from"
    assert len(edge["kgStatements"]) == 3 and not edge["dashes"]
    h = nx.MultiDiGraph()
    h.add_edge("a", "b", key="1", relation="win", hedged=True)
    h.add_edge("b", "a", key="2", relation="lose", negated=True, hedged=True)
    h.add_edge("c", "d", key="3", relation="win", negated=True)
    labels = {e["label"]: (e["dashes"], e["kgHedged"], e["kgNegated"]) for e in build_network(h).edges}
    # hedged are drawn like negated: dashed; an edge all negated is negated, one with a hedge is hedged
    assert labels == {"may win · not lose": (True, True, False), "not win": (True, False, True)}


def test_wrapped_labels_and_a_layout_without_overlaps():
    assert wrap_label("Ada") == "Ada"
    assert all(len(line) <= 25 for line in wrap_label("Congressional Progressive Caucus of the House").split("\n"))
    g = nx.Graph()
    nx.add_star(g, ["hub", *(f"leaf{i}" for i in range(12))])
    nx.add_path(g, ["a", "b", "c", "d"])
    g.add_edge("x", "y")
    boxes = {n: Box(90 if n.startswith("leaf") else 60, 34, 8) for n in g}
    pos = layout(g, boxes)
    assert _overlaps(pos, boxes) == 0
    # clusters apart: their boxes do not meet
    spans = []
    for component in nx.connected_components(g):
        xs = [pos[n][0] for n in component]
        ys = [pos[n][1] for n in component]
        spans.append((min(xs) - 45, min(ys) - 8, max(xs) + 45, max(ys) + 26))
    for i, a in enumerate(spans):
        for b in spans[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
    # the whole is about as wide as a page, not a line
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    assert 0.5 < (max(xs) - min(xs)) / (max(ys) - min(ys)) < 4
    assert layout(g, boxes) == pos  # the same graph looks the same


def test_find_and_filter_a_document():
    g = news_like()
    assert find_documents(g, "D2") == ["d2"]  # by id, in any case
    assert set(filter_document(g, "d2")) == {E + "cyd", E + "dee", E + "club"}
    with pytest.raises(KeyError):
        find_documents(g, "d3")
    g.add_edge(E + "ada", E + "dee", key="x", document="https://x.org/doc/storm.txt", title="A storm")
    g.add_edge(E + "ada", E + "dee", key="y", document="https://x.org/doc/stormy.txt", title="Stormy days")
    assert find_documents(g, "a storm") == ["https://x.org/doc/storm.txt"]
    with pytest.raises(ValueError, match="names 2 documents"):
        find_documents(g, "storm")


def test_filter_dates_by_overlap_with_the_window():
    g = small_graph()
    dates = ["2021-08-15", "2021-08", "", "2020", "2021", "", "2021-09-01T10:00:00"]  # statements 1 to 7
    for u, v, k in g.edges(keys=True):
        g.edges[u, v, k]["date"] = dates[int(k.rsplit("/", 1)[-1]) - 1]
    kept = lambda h: sorted(k.rsplit("/", 1)[-1] for *_, k in h.edges(keys=True))  # noqa: E731
    assert kept(filter_dates(g, since="2021-08-10")) == ["1", "2", "5", "7"]
    assert kept(filter_dates(g, since="2021-08-20", until="2021-08-31")) == ["2", "5"]
    assert kept(filter_dates(g, until="2020-12")) == ["4"]
    assert kept(focus(g, since="2021-09")) == ["5", "7"]
    with pytest.raises(ValueError, match="ISO date"):
        filter_dates(g, since="last week")


def test_page_of_one_document_is_its_story(tmp_path):
    g = news_like()
    summary = render_html(filter_document(g, "d1"), tmp_path / "d1.html", title="D1")
    page = summary.path.read_text(encoding="utf-8")
    story = re.search(r"var story = (\{.*?\});\n", page)
    assert story and '"doc": 0' in story.group(1)
    # in a story a concept with one relation is what an actor did; the panel lists every statement
    labels = [n["kgLabel"] for n in json.loads(re.search(r"var rawNodes = (\[.*?\]);\n", page).group(1))]
    assert "the talks" in labels and "a remark" in labels and "the way" not in labels
    statements = json.loads(re.search(r"var statements = (\[.*?\]);\n", page).group(1))
    told = [statements[i]["sentence"] for i in json.loads(story.group(1))["statements"]]
    in_order = sorted(filter_document(g, "d1").edges(keys=True, data="sentence"), key=lambda e: int(e[2][1:]))
    assert told == [sentence for *_, sentence in in_order]  # all of d1, in reading order


def test_notebook_html_is_the_page_in_an_iframe():
    g = news_like()
    page, _ = render_page(g)
    shown = notebook_html(g)
    srcdoc = re.fullmatch(r'<iframe title="[^"]*" srcdoc="([^"]*)" style="[^"]*" sandbox="allow-scripts"></iframe>',
                          shown)  # fmt: skip
    assert srcdoc and html.unescape(srcdoc.group(1)) == page
    entity_graph = EntityGraph(g)
    assert entity_graph._repr_html_() == shown
    # the view filters keep the class, so a focused graph shows in a notebook too
    assert isinstance(focus(entity_graph, entity="Ada Byron"), EntityGraph)
    assert isinstance(select_story(entity_graph, 5)[0], EntityGraph)


def test_default_cap_is_a_page_at_a_glance(tmp_path):
    summary = render_html(synthetic_graph(2000, seed=1), tmp_path / "v.html")
    assert summary.nodes_shown == 60 and summary.nodes_total == 2000
    page = summary.path.read_text(encoding="utf-8")
    nodes = json.loads(re.search(r"var rawNodes = (\[.*?\]);\n", page).group(1))
    options = json.loads(re.search(r"var options = (\{.*?\});\n", page).group(1))
    # laid out by kg: drawn at once, no physics
    assert all("x" in n and "y" in n for n in nodes) and options["physics"]["enabled"] is False
    ends = {
        end
        for e in json.loads(re.search(r"var rawEdges = (\[.*?\]);\n", page).group(1))
        for end in (e["from"], e["to"])
    }
    assert ends == {n["id"] for n in nodes}  # none unconnected
