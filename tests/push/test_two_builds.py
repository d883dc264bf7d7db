"""Two builds pushed into one live Oxigraph server keep each their graphs, their entities above all.

Every build with the default base used to write the same ``<base>graph/entities``, so the second
push replaced the first build's entity descriptions (and their labels left ``who_met_whom``) while
saying every graph landed. Now each build has its own entities graph, named from its build id, and
``kg push`` refuses to replace a graph another build wrote unless ``--force``.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg.push import remote_query
from tests.conftest import CORPUS, EXAMPLES
from tests.push.test_push_live import rows
from tests.servers import Server, oxigraph_server

DOCUMENTS = sorted(p.name for p in CORPUS.glob("*.txt"))
QUERY = (EXAMPLES / "who_met_whom.rq").read_text(encoding="utf-8")


@pytest.fixture(params=["oxigraph", "virtuoso"])
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    """A server where this test's graphs are new: an Oxigraph of its own, or the session's Virtuoso
    (slow to start) with a base IRI no other test uses (:func:`base`)."""
    if request.param == "virtuoso":
        yield request.getfixturevalue("virtuoso")
        return
    with oxigraph_server() as server:
        yield server


@pytest.fixture()
def base(fresh: Server, tmp_path: Path) -> str:
    """The base IRI of this test's builds."""
    if fresh.name == "oxigraph":
        return "https://example.org/kg/"
    return f"https://{re.sub('[^a-z0-9]+', '-', tmp_path.name.lower())}.example.org/kg/"


def build(tmp_path: Path, name: str, base: str, documents: list[str], extra: dict[str, str] | None = None) -> Path:
    folder = tmp_path / f"{name}-in"
    folder.mkdir(exist_ok=True)
    for document in documents:
        shutil.copy(CORPUS / document, folder / document)
    for document, text in (extra or {}).items():
        (folder / document).write_text(text, encoding="utf-8")
    out = tmp_path / name
    kg.build([folder], out, settings=kg.Settings(base=base, write_html=False)).close()
    return out


def local(out: Path) -> ox.Store:
    return ox.Store.read_only(str(out / "store"))


def local_rows(out: Path, sparql: str) -> set[tuple]:
    data = local(out).query(sparql, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON)
    return rows(json.loads(data))


def ask(server: Server, sparql: str) -> dict:
    # Oxigraph's default graph is its own; ask it for the union, which Virtuoso gives by default.
    url = server.query + ("?union-default-graph" if server.name == "oxigraph" else "")
    return remote_query(url, sparql, user=server.user, password=server.password)


def remote(server: Server, sparql: str) -> set[tuple]:
    return rows(ask(server, sparql))


def graph_counts(server: Server, base: str) -> dict[str, int]:
    found = ask(
        server,
        f"""SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
                            FILTER(STRSTARTS(STR(?g), "{base}")) }} GROUP BY ?g""",
    )
    return {b["g"]["value"]: int(b["n"]["value"]) for b in found["results"]["bindings"]}


def push(cli, out: Path, server: Server, *args: str):
    credentials = ["--user", server.user, "--password", server.password] if server.user else []
    return cli("push", out, "--endpoint", server.gsp, "--verify", *credentials, *args)


def test_two_builds_pushed_into_one_store_keep_both_builds_entities(cli, fresh, base, tmp_path):
    first = build(tmp_path, "first", base, DOCUMENTS[:3])
    second = build(tmp_path, "second", base, DOCUMENTS[3:])
    for out in (first, second):
        result = push(cli, out, fresh)
        assert result.exit_code == 0, result.output
    on_remote = graph_counts(fresh, base)
    entities = [g for g in on_remote if g.startswith(f"{base}graph/entities/")]
    assert len(entities) == 2  # one per build
    for out in (first, second):
        store = local(out)
        for graph in store.named_graphs():
            count = len(list(store.quads_for_pattern(None, None, None, graph)))
            assert on_remote[graph.value] == count, graph.value  # every graph of both builds, whole
    # Both builds' answers. (An entity both builds know, "U.S. officials", is one IRI with each build's
    # label, so the store may also pair one build's label with the other's statement.)
    answers = remote(fresh, QUERY)
    assert answers >= local_rows(first, QUERY) | local_rows(second, QUERY)
    assert local_rows(first, QUERY) - local_rows(second, QUERY) and local_rows(second, QUERY) - local_rows(first, QUERY)
    labels = """PREFIX kg: <https://w3id.org/kg/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?e ?label WHERE { ?e kg:mentionCount ?n ; rdfs:label ?label }"""
    assert remote(fresh, labels) >= local_rows(first, labels) | local_rows(second, labels)


def test_a_graph_another_build_wrote_is_not_replaced_without_force(cli, fresh, base, tmp_path):
    first = build(tmp_path, "first", base, DOCUMENTS[:2])
    assert push(cli, first, fresh).exit_code == 0
    before = graph_counts(fresh, base)
    # Another build of one of the same documents, changed: its graph has the same name.
    changed = (CORPUS / DOCUMENTS[1]).read_text(encoding="utf-8") + "\n\nThe talks ended on Sunday.\n"
    other = build(tmp_path, "other", base, [], {DOCUMENTS[1]: changed})
    refused = push(cli, other, fresh, "--report", tmp_path / "refused.json")
    assert refused.exit_code == 1
    assert "refusing to replace 1 graph" in refused.stderr and DOCUMENTS[1] in refused.stderr
    assert "--force" in refused.stderr
    assert graph_counts(fresh, base) == before  # nothing was sent
    report = json.loads((tmp_path / "refused.json").read_text())
    document = f"{base}doc/{DOCUMENTS[1]}"
    assert list(report["foreign"]) == [document]
    forced = push(cli, other, fresh, "--force")
    assert forced.exit_code == 0, forced.output
    assert "replaced 1 graph(s) another build wrote" in forced.stderr
    written = len(list(local(other).quads_for_pattern(None, None, None, ox.NamedNode(document))))
    assert graph_counts(fresh, base)[document] == written != before[document]


def test_a_rebuilt_output_replaces_its_own_graphs_and_removes_what_it_dropped(cli, fresh, base, tmp_path):
    out = build(tmp_path, "first", base, DOCUMENTS[:2])
    other = build(tmp_path, "second", base, DOCUMENTS[4:])
    for each in (out, other):
        assert push(cli, each, fresh).exit_code == 0
    # The same output grows by a document, then loses one: each push replaces only its own graphs.
    build(tmp_path, "first", base, DOCUMENTS[:3])
    grown = push(cli, out, fresh)
    assert grown.exit_code == 0, grown.output
    assert "removed 1 graph(s) an earlier build" in grown.stderr  # its earlier entities graph
    config = tmp_path / "kg.toml"
    config.write_text(f'[kg]\nbase = "{base}"\nwrite_html = false\n', encoding="utf-8")
    assert cli("remove", out, DOCUMENTS[0], "--config", config).exit_code == 0
    shrunk = push(cli, out, fresh)
    assert shrunk.exit_code == 0, shrunk.output
    on_remote = graph_counts(fresh, base)
    assert f"{base}doc/{DOCUMENTS[0]}" not in on_remote
    for each in (out, other):
        store = local(each)
        for graph in store.named_graphs():
            assert on_remote[graph.value] == len(list(store.quads_for_pattern(None, None, None, graph)))
    assert len([g for g in on_remote if g.startswith(f"{base}graph/entities/")]) == 2
