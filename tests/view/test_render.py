"""The page kg.view writes: self-contained, escaped, capped as asked; and the CLI over it."""

from __future__ import annotations

import re

import networkx as nx
import pytest

import kg
from kg.networkx_io import FORMATS, read_networkx
from kg.view import cap_nodes, focus, render_html
from kg.view.synthetic import synthetic_graph

from .conftest import HOSTILE


def hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("e:a", label=HOSTILE[0], type="Person", aliases=[HOSTILE[1]], mentions=2, documents=["</script>"])
    g.add_node("e:b", label="O'Brien's \"team\"", type="Organization", aliases=[], mentions=1, documents=[])
    g.add_edge("e:a", "e:b", key="s:1", relation="<b>meet</b>", sentence=HOSTILE[1], title="</script><script>x()")
    return g


def test_page_requests_nothing_and_escapes_everything(tmp_path):
    summary = render_html(hostile_graph(), tmp_path / "v.html", title=HOSTILE[0])
    page = summary.path.read_text()
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=""", page, re.IGNORECASE)
    assert "bootstrap" not in page.lower() and "cdn.jsdelivr" not in page and "unpkg.com" not in page
    assert "default-src 'none'" in page
    for text in [*HOSTILE, "</script><script>x()", "<b>meet</b>"]:
        assert text not in page


def test_cap_says_how_many_are_shown(tmp_path):
    graph = synthetic_graph(300)
    summary = render_html(graph, tmp_path / "v.html", max_nodes=50)
    assert (summary.nodes_shown, summary.nodes_total) == (50, 300)
    assert "Showing 50 of 300 entities" in summary.path.read_text()
    kept, total = cap_nodes(graph, 50)
    assert set(kept) == set(cap_nodes(graph, 50)[0]) and total == 300  # deterministic
    degree = dict(graph.degree())
    assert sum(degree[n] for n in kept) > sum(sorted(degree.values())[-50:]) * 0.8  # central ones kept


def test_filters_compose_and_never_change_the_input():
    graph = synthetic_graph(200, seed=4)
    before = nx.to_dict_of_dicts(graph)
    small = focus(graph, entity="Person 0", hops=1, types=["Person", "Place", "Organization"], min_confidence=0.5)
    assert nx.to_dict_of_dicts(graph) == before
    assert {t for _, t in small.nodes(data="type")} <= {"Person", "Place", "Organization"}
    assert all(c >= 0.5 for *_, c in small.edges(data="confidence"))
    with pytest.raises(KeyError):
        focus(graph, entity="nobody at all")


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_round_trips_the_entity_graph(cli, corpus_out, corpus_graph, tmp_path, fmt):
    path = tmp_path / f"graph.{fmt}"
    assert cli("export", corpus_out, "--format", fmt, "-o", path).exit_code == 0
    original, back = corpus_graph.to_networkx(), read_networkx(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (original.number_of_nodes(), original.number_of_edges())
    assert dict(back.nodes(data=True)) == dict(original.nodes(data=True))
    assert {(u, v, k): d for u, v, k, d in back.edges(keys=True, data=True)} == {
        (u, v, k): d for u, v, k, d in original.edges(keys=True, data=True)
    }
    assert kg.to_networkx(corpus_out).number_of_edges() == original.number_of_edges()


def test_view_cli_filters(cli, corpus_out, tmp_path):
    out = tmp_path / "v.html"
    result = cli("view", corpus_out, "-o", out, "--entity", "Taliban", "--hops", "1", "--min-confidence", "0.5")
    assert result.exit_code == 0 and "showing" in result.stderr
    shown = int(re.search(r"showing\s+(\d+)\s+of", result.stderr).group(1))
    assert 1 < shown < 100
    result = cli("view", corpus_out, "-o", out, "--types", "Person,Place", "-t", "Organization", "--hide-negated")
    assert result.exit_code == 0
    query = tmp_path / "q.rq"
    query.write_text(
        'CONSTRUCT { ?s ?p ?o } WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . ?s rdfs:label "Taliban" }'
    )
    result = cli("view", corpus_out, "-o", out, "--query", query)
    assert result.exit_code == 0 and int(re.search(r"showing\s+(\d+)\s+of", result.stderr).group(1)) > 5
    query.write_text("SELECT ?x WHERE { ?x a kg:Statement }")
    result = cli("view", corpus_out, "-o", out, "--query", query)
    assert result.exit_code != 0 and "?s ?p ?o" in result.stderr
    result = cli("view", corpus_out, "-o", out, "--entity", "Nobody Known")
    assert result.exit_code != 0 and "no entity" in result.stderr
