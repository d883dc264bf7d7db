"""kg query never reaches the network on its own and never crashes on deep nesting.

A real listener on 127.0.0.1 records whether a SERVICE clause contacted it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.query import MAX_NESTING, QueryRefused, check_query

from .conftest import ROOT


class Listener:
    """A loopback HTTP server that records each request and answers an empty SPARQL result."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                listener.requests.append(f"{self.command} {self.path}")
                body = b'{"head":{"vars":["s","p","o"]},"results":{"bindings":[]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def kg(*args: str) -> subprocess.CompletedProcess:
    """Run the CLI in a child process: a crash (signal 11) must not take the tests with it."""
    command = [sys.executable, "-c", "from kg.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120, env=dict(os.environ))


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_service_is_refused_without_contacting_the_endpoint(corpus_out: Path, listener: Listener) -> None:
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    done = kg("query", str(corpus_out), query)
    assert done.returncode == 2
    line = one_line(done.stderr)
    assert "SERVICE" in line and "--allow-service" in line
    assert listener.requests == []  # nothing left the process

    # The listener does record a contact: with --allow-service the query reaches it.
    allowed = kg("query", str(corpus_out), query, "--allow-service", "--format", "csv")
    assert allowed.returncode == 0, allowed.stderr
    assert len(listener.requests) == 1


@pytest.mark.parametrize("opening", ["{", "(", "["])
def test_deep_nesting_is_one_line_not_a_crash(corpus_out: Path, tmp_path: Path, opening: str) -> None:
    closing = {"{": "}", "(": ")", "[": "]"}[opening]
    if opening == "{":
        query = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
    elif opening == "(":
        query = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 3000 + "?o" + ")" * 3000 + ") }"
    else:
        query = "SELECT * WHERE { ?s ?p " + "[ ?p " * 3000 + "?o" + f" {closing}" * 3000 + " }"
    path = tmp_path / "q.rq"
    path.write_text(query)
    done = kg("query", str(corpus_out), "-f", str(path))
    assert done.returncode == 2, (done.returncode, done.stderr[-500:])  # was -11 (SIGSEGV) with no output
    line = one_line(done.stderr)
    assert f"more than {MAX_NESTING} deep" in line


def test_nesting_within_the_limit_still_runs(cli, corpus_out: Path) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE " + "{" * 40 + " ?s rel:meet ?o " + "}" * 40
    result = cli("query", corpus_out, query, "--format", "csv")
    assert result.exit_code == 0 and int(result.stdout.split()[-1]) > 0


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
        "select * where { service silent <http://x/> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o .SERVICE<http://x/>{} }",
        "SELECT * WHERE { ?s ?p 1SERVICE <http://x/> {} }",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o<1)SERVICE<http://x/>{} }",
        "SELECT * WHERE { # a comment\n SERVICE ?endpoint { ?s ?p ?o } }",
    ],
)
def test_service_keyword_found(query: str) -> None:
    with pytest.raises(QueryRefused, match="SERVICE"):
        check_query(query)
    check_query(query, allow_service=True)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?service WHERE { ?service ex:SERVICE SERVICE:x }",
        "SELECT * WHERE { ?s ?p 'SERVICE <x> {}' } # SERVICE <y> {}",
        "SELECT * WHERE { ?s ?p '''it's a SERVICE''' . ?s ?p \"a \\\"SERVICE\" }",
        "SELECT * WHERE { ?s ?p <http://example.org/SERVICE> }",
        'SELECT * WHERE { ?s ?p "x"@en-SERVICE }',
        "SELECT * WHERE { ?s ?p ex:a.SERVICE }",
    ],
)
def test_service_in_names_strings_iris_comments_is_fine(query: str) -> None:
    check_query(query)


def test_brackets_in_strings_iris_and_comments_do_not_count() -> None:
    deep = "{" * 1000
    check_query(f'SELECT * WHERE {{ ?s ?p \'{deep}\' . ?s ?p """{deep}""" }} # {deep}\n')
    check_query("SELECT * WHERE " + "{ ?s ?p ?o } " * 2000)  # many, but side by side
    check_query("SELECT * WHERE " + "{" * MAX_NESTING + "}" * MAX_NESTING)
    with pytest.raises(QueryRefused, match=r"line 2, column 3 "):
        check_query("SELECT * WHERE\n" + "(" * (MAX_NESTING + 1), max_nesting=2)


def test_table_shows_markup_and_control_characters_as_text(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    store = ox.Store(str(out / "store"))
    value = "a [/graph] b [bold]c\x1b[31m red\x07"
    store.add(ox.Quad(ox.NamedNode("http://e.org/s"), ox.NamedNode("http://e.org/p"), ox.Literal(value),
                      ox.NamedNode("http://e.org/g")))  # fmt: skip
    store.flush()
    del store
    result = cli("query", out, "SELECT ?o WHERE { ?s ?p ?o }")  # was a rich MarkupError traceback
    assert result.exit_code == 0
    assert "a [/graph] b [bold]c\\x1b[31m red\\x07" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    raw = cli("query", out, "SELECT ?o WHERE { ?s ?p ?o }", "--format", "csv")
    assert "a [/graph] b [bold]c\x1b[31m red" in raw.stdout  # data formats keep the data (rich drops the bell)
