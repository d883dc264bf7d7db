"""The corpus graph pushed to real Oxigraph and Virtuoso servers with both protocols,
verified per graph, and every example query answered the same remotely as locally."""

from __future__ import annotations

import json

import pytest

from kg.push import remote_query
from kg.store import GraphStore
from tests.conftest import EXAMPLES
from tests.push.test_push_live import rows
from tests.servers import free_port

QUERIES = sorted(EXAMPLES.glob("*.rq"))


def _remote_query_url(server) -> str:
    # Oxigraph's default graph is its own default graph; ask it for the union,
    # which Virtuoso gives by default.
    return server.query + ("?union-default-graph" if server.name == "oxigraph" else "")


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_corpus_push_verify_and_queries(cli, corpus_out, server, protocol, tmp_path):
    endpoint = server.gsp if protocol == "gsp" else server.update
    args = ["push", corpus_out, "--endpoint", endpoint, "--protocol", protocol, "--verify", "--report",
            tmp_path / "push.json"]  # fmt: skip
    if server.user:
        args += ["--user", server.user, "--password", server.password]
    result = cli(*args)
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "push.json").read_text())
    local = GraphStore.open_output(corpus_out)
    graphs = report["graphs"]
    assert {g["graph"] for g in graphs} == set(local.graphs())
    for graph in graphs:
        assert graph["status"] == "landed"
        assert graph["remote_triples"] == graph["triples"] == local.count(graph["graph"])
    for query in QUERIES:
        sparql = query.read_text(encoding="utf-8")  # as the file is: it declares its own prefixes
        remote = rows(remote_query(_remote_query_url(server), sparql, user=server.user, password=server.password))
        expected = {row for row in local_rows_union(local, sparql)}
        assert remote == expected, f"{server.name}/{protocol}: {query.name} differs"
        assert remote, query.name


def local_rows_union(store: GraphStore, sparql: str) -> set[tuple]:
    import pyoxigraph as ox

    data = store.ox.query(sparql, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON)
    return rows(json.loads(data))


def test_push_to_closed_port_is_a_clear_error(cli, corpus_out, tmp_path):
    port = free_port()
    result = cli("push", corpus_out, "--endpoint", f"http://127.0.0.1:{port}/store", "--retries", "0",
                 "--report", tmp_path / "push.json")  # fmt: skip
    assert result.exit_code != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and f"127.0.0.1:{port}" in errors[0]
    report = json.loads((tmp_path / "push.json").read_text())
    assert report["graphs"] and all(g["status"] == "failed" for g in report["graphs"])
    assert "Traceback" not in result.output


def test_kg_serve_answers_example_queries(corpus_out):
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", "serve", str(corpus_out),
                                "--port", str(port)], cwd=ROOT, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        url = f"http://127.0.0.1:{port}/query"
        while True:
            try:
                answer = remote_query(url, (EXAMPLES / "who_met_whom.rq").read_text(encoding="utf-8"))
                break
            except Exception:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.3)
        local = local_rows_union(GraphStore.open_output(corpus_out), (EXAMPLES / "who_met_whom.rq").read_text())
        assert rows(answer) == local and local
    finally:
        process.terminate()
        process.wait(timeout=20)
