"""The HTML view in a real browser: Debian's headless Chromium, driven by Playwright, offline."""

from __future__ import annotations

import kg
from kg.view import render_html
from kg.view.render import HEDGED_COLOUR, NEGATED_COLOUR
from kg.view.synthetic import synthetic_graph

from .conftest import HOSTILE, HOSTILE_TEXT, click_node, hover_tooltip, screenshot


def test_corpus_view_loads_offline_and_draws_the_whole_graph(corpus_out, corpus_graph, open_view, tmp_path):
    entities = corpus_graph.to_networkx()
    summary = render_html(entities, tmp_path / "view.html", title="Sample corpus", max_nodes=None, cap_by="pagerank")
    opened = open_view(summary.path)
    assert opened.external_requests == []
    assert opened.console_errors == []
    assert opened.dialogs == []
    counts = opened.counts()
    # every entity is a node; parallel statements with the same relation are one drawn edge
    assert counts["nodes"] == counts["drawnNodes"] == summary.nodes_shown == entities.number_of_nodes()
    assert counts["edges"] == counts["drawnEdges"] == summary.edges_shown
    assert counts["statements"] == entities.number_of_edges()
    page = opened.page
    assert (
        page.locator("#kg-count")
        .inner_text()
        .startswith(f"Showing {entities.number_of_nodes()} of {entities.number_of_nodes()} entities")
    )
    assert "Layout done" in page.locator("#kg-status").inner_text()
    assert page.evaluate("network.physics.physicsEnabled") is False  # stabilized, then stopped
    screenshot(opened, "corpus-view.png")


def test_build_writes_a_view_that_works_offline(corpus_out, open_view):
    opened = open_view(corpus_out / "graph.html")
    assert (opened.external_requests, opened.console_errors, opened.dialogs) == ([], [], [])
    # the default page: the story's actors, each connected, the Taliban among them
    assert 20 <= opened.counts()["nodes"] <= 60
    assert opened.page.evaluate("nodes.get().every(n => network.getConnectedEdges(n.id).length > 0)")
    assert "Taliban" in opened.page.evaluate("nodes.get().map(n => n.kgLabel)")


def test_search_box_finds_and_focuses_a_node(corpus_out, corpus_graph, open_view, tmp_path):
    entities = corpus_graph.to_networkx()
    (taliban,) = (n for n, label in entities.nodes(data="label") if label == "Taliban")
    summary = render_html(entities, tmp_path / "view.html", max_nodes=None)
    page = open_view(summary.path).page
    page.fill("#kg-search", "the taliban")  # an alias, in another case
    page.press("#kg-search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [taliban]
    assert page.locator("#kg-search-status").inner_text() == "Found: Taliban"
    # the view moves to centre the node (after a short animation)
    page.wait_for_function(
        """(id) => {
            const node = network.getPositions([id])[id], view = network.getViewPosition();
            return Math.hypot(node.x - view.x, node.y - view.y) < 1 && network.getScale() > 1.3;
        }""",
        arg=taliban,
        timeout=5_000,
    )
    page.fill("#kg-search", "no such entity")
    page.press("#kg-search", "Enter")
    assert page.locator("#kg-search-status").inner_text() == "No entity matches."


def test_hostile_document_shows_as_text(tmp_path, open_view):
    source = tmp_path / "corpus"
    source.mkdir()
    (source / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    with kg.build([source], tmp_path / "out") as graph:
        entities = graph.to_networkx()
    labels = [label for _, label in entities.nodes(data="label")]
    sentences = {s for *_, s in entities.edges(data="sentence")}
    assert any("<img" in label for label in labels) and any('"' in label for label in labels)
    assert any("'" in label for label in labels)
    assert any(HOSTILE[0] in s for s in sentences) and any(HOSTILE[1] in s for s in sentences)
    summary = render_html(
        entities, tmp_path / "view.html", title="<script>alert(1)</script> O'Brien's \"view\"", max_nodes=None,
        cap_by="pagerank",
    )  # fmt: skip
    opened = open_view(summary.path)
    page = opened.page
    page.wait_for_timeout(300)  # give any injected handler (onerror) a chance to fire
    assert opened.dialogs == []
    assert opened.console_errors == [] and opened.external_requests == []
    # nothing was parsed as markup: only kg's two scripts, no images, no <b>
    assert page.evaluate("document.scripts.length") == 2
    assert page.evaluate("document.querySelectorAll('img, b').length") == 0
    assert page.locator("h1").inner_text() == "<script>alert(1)</script> O'Brien's \"view\""
    # labels as given, tooltips as text
    assert sorted(page.evaluate("nodes.get().map(n => n.kgLabel)")) == sorted(labels)
    node_tips = page.evaluate("nodes.get().map(n => n.title.textContent).join('\\n')")
    edge_tips = page.evaluate("edges.get().map(e => e.title.textContent).join('\\n')")
    assert "<img src=x" in node_tips and "O'Brien" in node_tips
    for text in HOSTILE:
        assert text in edge_tips
    (img_node,) = (n for n, label in entities.nodes(data="label") if label.startswith("Ahmed <img"))
    shown = hover_tooltip(opened, img_node)
    assert "Ahmed <img src=x" in shown
    assert page.evaluate("document.querySelectorAll('img, b, div.vis-tooltip script').length") == 0
    # the panel: the entity's statements as text, and one statement's details
    click_node(opened, img_node)
    panel = page.locator("#kg-panel")
    assert panel.locator("h2").inner_text().startswith("Ahmed <img src=x")
    panel.locator("button.kg-item").first.click()
    assert "Confidence" in panel.inner_text()
    assert page.evaluate("document.querySelectorAll('img, b, #kg-panel script').length") == 0
    screenshot(opened, "hostile-view.png")
    assert opened.dialogs == []


def test_cap_keeps_a_big_graph_responsive(tmp_path, open_view):
    summary = render_html(synthetic_graph(5_000), tmp_path / "big.html", max_nodes=500)
    assert (summary.nodes_shown, summary.nodes_total) == (500, 5_000)
    opened = open_view(summary.path)  # waits until the layout is done and physics stopped
    assert opened.console_errors == [] and opened.external_requests == []
    assert opened.counts()["nodes"] == 500
    assert opened.page.locator("#kg-count").inner_text().startswith("Showing 500 of 5000 entities")
    # time to an interactive page is measured by benchmarks/view_speed.py, not asserted here
    # interactive: a search answers at once
    opened.page.fill("#kg-search", "Person 0")
    opened.page.press("#kg-search", "Enter")
    assert opened.page.evaluate("network.getSelectedNodes().length") == 1


def test_negated_toggle_hides_and_shows_negated_edges(tmp_path, open_view):
    graph = synthetic_graph(60, seed=2)
    negated = sum(1 for *_, n in graph.edges(data="negated") if n)
    assert negated
    for i, (u, v, k) in enumerate(graph.edges(keys=True)):
        graph.edges[u, v, k]["hedged"] = i % 9 == 0
    summary = render_html(graph, tmp_path / "v.html", show_negated=False, max_nodes=None, cap_by="pagerank")
    page = open_view(summary.path).page
    hidden = "edges.get({filter: e => e.hidden}).length"
    dashed = "edges.get({filter: e => e.dashes}).length"
    assert page.evaluate(hidden) == page.evaluate(dashed) > 0
    # dashed: every statement negated (red) or hedged (amber), none asserted
    unasserted = """edges.get().filter(e => e.kgStatements.every(i => kgStatements[i].negated || kgStatements[i].hedged))
                    .map(e => e.id).sort()"""
    assert page.evaluate(unasserted) == page.evaluate("edges.get({filter: e => e.dashes}).map(e => e.id).sort()")
    colours = page.evaluate(
        "[...new Set(edges.get({filter: e => e.dashes}).map(e => e.kgHedged ? 'h:' + e.color : 'n:' + e.color))]"
    )
    assert set(colours) == {"h:" + HEDGED_COLOUR, "n:" + NEGATED_COLOUR}
    page.check("#kg-show-negated")
    assert page.evaluate(hidden) == 0
