"""The default view of real news pages, read from the page in headless Chromium.

The dev pages (``../shared/bench/news/pages/``, 24 saved news pages) are built once for this
module. What a reader should get from the default page: named actors and the concepts that
connect them, no generic noun, no entity left unconnected, every label readable at the first
zoom, one story per cluster; clicking tells the statements, their sources, where and when.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

import kg
from kg.view import is_generic
from kg.view.story import NAMED_TYPES

from .conftest import ROOT, click_node, screenshot

PAGES = ROOT.parent / "shared" / "bench" / "news" / "pages"
#: Words a reader learns nothing from as a node of a news graph (from the issue), whatever the word list says.
VAGUE = {"people", "someone", "something", "way", "lot", "part", "incident", "thing", "things", "others"}
#: Readable: the labels' text at least this many CSS pixels high at the first zoom.
READABLE_PX = 10


@pytest.fixture(scope="module")
def news_out(tmp_path_factory) -> Path:
    if not PAGES.is_dir():
        pytest.skip(f"dev news pages not found at {PAGES}")
    out = tmp_path_factory.mktemp("news-build") / "out"
    kg.build([PAGES], out).close()
    return out


@pytest.fixture()
def default_page(news_out, open_view):
    """``graph.html`` as ``kg build`` wrote it: the default view."""
    return open_view(news_out / "graph.html")


def page_graph(opened) -> tuple[list[dict], list[dict], list[dict]]:
    """Nodes, edges and the statement table as the page holds them."""
    return opened.page.evaluate(
        """() => [nodes.get().map(n => ({id: n.id, label: n.kgLabel, type: n.kgType, size: n.size})),
                  edges.get().map(e => ({from: e.from, to: e.to, statements: e.kgStatements})),
                  kgStatements]"""
    )


def test_default_page_shows_named_actors_connected(default_page):
    opened = default_page
    assert (opened.external_requests, opened.console_errors, opened.dialogs) == ([], [], [])
    nodes, edges, _ = page_graph(opened)
    graph = nx.Graph()
    graph.add_nodes_from(n["id"] for n in nodes)
    graph.add_edges_from((e["from"], e["to"]) for e in edges if e["from"] != e["to"])
    print(f"default page: {len(nodes)} entities, {len(edges)} relations")
    assert len(nodes) <= 60 and len(edges) >= 60  # the target: at least as many relations as entities
    assert not list(nx.isolates(graph))  # no entity unconnected
    biggest = sorted(nodes, key=lambda n: -n["size"])[:60]
    for node in biggest:  # named, or a concept with at least two relations on the page
        assert node["type"] in NAMED_TYPES or graph.degree(node["id"]) >= 2, node
    labels = [n["label"] for n in nodes]
    generic = [label for label in labels if is_generic(label)]
    assert len(generic) <= 2, generic
    assert not {label.lower() for label in labels} & VAGUE
    assert sum(n["type"] in NAMED_TYPES for n in nodes) >= len(nodes) / 2  # named actors first


def test_every_label_is_readable_at_the_first_zoom(default_page):
    page = default_page.page
    labels = page.evaluate(
        """() => {
            const box = document.getElementById("mynetwork").getBoundingClientRect();
            const scale = network.getScale();
            return network.body.nodeIndices.map(id => {
                const node = network.body.nodes[id];
                const s = node.labelModule.size;
                const a = network.canvasToDOM({x: s.left, y: s.top});
                const b = network.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
                return {label: node.options.kgLabel, text: node.options.label,
                        px: node.labelModule.fontOptions.size * scale,
                        drawn: node.labelModule.fontOptions.size * scale >= node.options.scaling.label.drawThreshold - 1,
                        rect: [a.x, a.y, b.x, b.y], width: box.width, height: box.height};
            });
        }"""
    )
    assert labels
    for label in labels:
        assert label["text"] and label["drawn"], label  # vis-network draws it
        assert label["px"] >= READABLE_PX, label
        left, top, right, bottom = label["rect"]
        assert left >= 0 and top >= 0 and right <= label["width"] and bottom <= label["height"], label
    rects = [label["rect"] for label in labels]
    overlapping = [
        (labels[i]["label"], labels[j]["label"])
        for i in range(len(rects))
        for j in range(i + 1, len(rects))
        if min(rects[i][2], rects[j][2]) - max(rects[i][0], rects[j][0]) > 1
        and min(rects[i][3], rects[j][3]) - max(rects[i][1], rects[j][1]) > 1
    ]
    assert overlapping == []
    screenshot(default_page, "news-view.png")


def test_one_story_per_cluster_and_clusters_apart(default_page):
    page = default_page.page
    nodes, edges, statements = page_graph(default_page)
    graph = nx.Graph()
    for e in edges:
        graph.add_edge(e["from"], e["to"])
        graph.edges[e["from"], e["to"]].setdefault("documents", Counter()).update(
            statements[i]["doc"] for i in e["statements"]
        )
    boxes = page.evaluate("ids => ids.map(id => network.getBoundingBox(id))", [n["id"] for n in nodes])
    box_of = dict(zip((n["id"] for n in nodes), boxes, strict=True))
    spans = []
    for component in nx.connected_components(graph):
        documents = sum((d for *_, d in graph.subgraph(component).edges(data="documents")), Counter())
        # most of a cluster's statements come from one document: one story
        assert documents.most_common(1)[0][1] >= 0.8 * sum(documents.values()), documents
        spans.append(tuple(f(box_of[n][k] for n in component) for f, k in
                           ((min, "left"), (min, "top"), (max, "right"), (max, "bottom"))))  # fmt: skip
    for i, a in enumerate(spans):  # clusters do not overlap
        for b in spans[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
    assert len(spans) >= 3  # several stories of a mixed corpus, side by side


def test_clicking_tells_statements_sources_and_details(default_page):
    opened = default_page
    page = opened.page
    nodes, _, _ = page_graph(opened)
    biggest = max(nodes, key=lambda n: n["size"])
    click_node(opened, biggest["id"])
    panel = page.locator("#kg-panel")
    assert panel.locator("h2").inner_text() == biggest["label"]
    items = panel.locator("button.kg-item")
    facts = page.evaluate("id => nodes.get(id).kgFacts.map(i => kgStatements[i])", biggest["id"])
    assert items.count() == len(facts) >= 3  # every statement listed, under its sentence
    first = panel.locator("li.kg-group").first.inner_text()
    assert facts[0]["sentence"] in first and "— " in first  # the sentence and its source (the document's title)
    assert biggest["label"] in items.first.inner_text()  # the fact: who did what to whom
    items.first.click()
    details = panel.inner_text()
    for row in ("Where", "When", "Negated", "Hedged", "According to", "Confidence", "Source"):
        assert row in details
    panel.locator("button.kg-back").click()
    assert panel.locator("h2").inner_text() == biggest["label"]
    # an edge: its statements
    page.evaluate("() => network.unselectAll()")
    screenshot(opened, "news-view-panel.png")


def test_document_view_tells_one_story(cli, news_out, open_view, tmp_path):
    entities = kg.to_networkx(news_out)
    per_document = Counter(d for *_, d in entities.edges(data="document"))
    document, count = per_document.most_common(3)[-1]  # a story of some length
    doc_id = document.rsplit("/", 1)[-1]
    out = tmp_path / "story.html"
    result = cli("view", news_out, "-o", out, "--document", doc_id)
    assert result.exit_code == 0, result.output
    opened = open_view(out)
    page = opened.page
    title = next(d["title"] for *_, d in entities.edges(data=True) if d["document"] == document)
    assert page.locator("h1").inner_text() == title
    documents = page.evaluate("kgDocuments")
    assert [d["id"] for d in documents] == [doc_id]
    # the panel tells every statement of the article, in reading order
    panel = page.locator("#kg-panel")
    assert "What happened, in the order told" in panel.inner_text()
    assert panel.locator("button.kg-item").count() == count
    assert page.evaluate("nodes.get().every(n => network.getConnectedEdges(n.id).length > 0)")
    screenshot(opened, "news-story-view.png")


def test_since_until_keep_dated_statements(cli, news_out, tmp_path):
    entities = kg.to_networkx(news_out)
    dated = [d["date"] for *_, d in entities.edges(data=True) if d["date"]]
    out = tmp_path / "since.html"
    result = cli("view", news_out, "-o", out, "--since", "1900", "--max-nodes", "0", "--rank", "pagerank")
    assert result.exit_code == 0, result.output
    assert f"({len(dated)} statements)" in result.stderr
    statements = re.search(r"var statements = (\[.*?\]);\n", out.read_text(encoding="utf-8")).group(1)
    assert statements.count('"date": null') == 0 or not dated
    bad = cli("view", news_out, "-o", out, "--until", "yesterday")
    assert bad.exit_code != 0 and "ISO date" in bad.stderr


def test_notebook_shows_the_same_page(news_out, browser_context):
    with kg.open(news_out) as graph:
        shown = graph._repr_html_()
        entities = graph.to_networkx()
    page = browser_context.new_page()
    try:
        page.set_content(shown)
        frame = page.frames[1]
        frame.wait_for_function("() => window.kgReady === true", timeout=30_000)
        assert frame.evaluate("nodes.length") == len(entities.subgraph(frame.evaluate("nodes.getIds()")))
        assert frame.evaluate("nodes.length") <= 60 and frame.evaluate("edges.length") >= 60
        srcdoc = re.search(r'srcdoc="([^"]*)"', shown).group(1)
        assert "Content-Security-Policy" in html.unescape(srcdoc)
    finally:
        page.close()
    assert entities._repr_html_() == shown  # the networkx entity graph shows the same
