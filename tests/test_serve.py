"""``kg serve`` as a person runs it: a real process, real Oxigraph children, real builds.

Each test starts ``kg serve`` in a child process on a free loopback port and
always stops it (SIGKILL as a last resort, after which its Oxigraph children
get SIGTERM from Linux: they are started with PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

import kg
from kg.serve import wait_until_up
from tests.servers import free_port

from .conftest import CORPUS, ROOT

COUNT_GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


class Serving:
    """A running ``kg serve``: its process, URL and Oxigraph children."""

    def __init__(self, out: Path, *extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # A user's terminal delivers Ctrl-C. A runner that starts the suite in the background hands its
        # children SIGINT ignored, and kg serve rightly keeps an ignored signal ignored (as under nohup).
        start = (
            "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); from kg.cli import main; main()"
        )
        command = [sys.executable, "-c", start, "serve", str(out), "--port", str(self.port)]
        self.proc = subprocess.Popen(
            [*command, *extra], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        wait_until_up(f"{self.url}/query?query=ASK%7B%7D", timeout=60, proc=self.proc)

    def children(self) -> list[int]:
        """Pids of the processes ``kg serve`` started (from any of its threads)."""
        pids: list[int] = []
        for task in Path(f"/proc/{self.proc.pid}/task").glob("*"):
            try:
                pids += [int(p) for p in (task / "children").read_text().split()]
            except OSError:
                continue
        return pids

    def count(self, query: str = COUNT_GRAPHS) -> int:
        resp = requests.post(
            f"{self.url}/query",
            data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
            timeout=30,
        )
        resp.raise_for_status()
        return int(resp.json()["results"]["bindings"][0]["n"]["value"])

    def finish(self, timeout: float = 20) -> tuple[int, str]:
        """Wait for the process to end by itself; return its exit code and stderr."""
        try:
            _, stderr = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, stderr = self.proc.communicate()
            raise
        return self.proc.returncode, stderr

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.communicate()


def alive(pid: int) -> bool:
    """True if ``pid`` runs (a zombie awaiting its parent counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def small_out(tmp_path_factory) -> Path:
    """Two corpus documents built into an output directory (the other tests' copy)."""
    inputs = tmp_path_factory.mktemp("serve-in")
    for path in sorted(CORPUS.glob("*.txt"))[:2]:
        shutil.copy(path, inputs / path.name)
    out = tmp_path_factory.mktemp("serve-out") / "out"
    kg.build([inputs], out).close()
    return out


@pytest.fixture
def serving(small_out: Path) -> Iterator:
    started: list[Serving] = []

    def start(*extra: str, out: Path = small_out) -> Serving:
        started.append(Serving(out, *extra))
        return started[-1]

    yield start
    for server in started:
        server.close()


def test_serve_sees_a_later_build(serving, small_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(small_out, out)
    server = serving(out=out)
    before = server.count()
    more = tmp_path / "more"
    more.mkdir()
    extra = sorted(CORPUS.glob("*.txt"))[2]
    shutil.copy(extra, more / extra.name)
    kg.build([more], out).close()  # incremental: adds one document's graph

    deadline = time.monotonic() + 30
    now = before
    while time.monotonic() < deadline and now == before:
        time.sleep(0.5)
        now = server.count()
    assert now == before + 1, f"still {now} graphs after the build (before: {before})"
    new_graph = f'SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(CONTAINS(STR(?g), "{extra.name}")) }}'
    assert server.count(new_graph) == 1


def test_serve_refuses_service_and_deep_nesting_and_stays_up(serving) -> None:
    server = serving()
    contacted: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            contacted.append(self.path)
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args: object) -> None:
            pass

    listener = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    try:
        service = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.server_address[1]}/sparql> {{ ?s ?p ?o }} }}"
        deep = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
        for query, expected in ((service, "SERVICE"), (deep, "deep")):
            answers = [
                requests.post(f"{server.url}/query", data={"query": query}, timeout=30),
                requests.post(
                    f"{server.url}/query",
                    data=query.encode(),
                    headers={"Content-Type": "application/sparql-query"},
                    timeout=30,
                ),
                requests.get(f"{server.url}/query", params={"query": query}, timeout=30),
            ]
            for resp in answers:
                assert resp.status_code == 400, resp.text[:200]
                assert expected in resp.text and "\n" not in resp.text.strip()
        assert contacted == []
    finally:
        listener.shutdown()
        listener.server_close()
    assert server.count() > 0  # the endpoint still answers
    assert server.proc.poll() is None


def test_serve_exits_non_zero_when_its_server_dies(serving) -> None:
    server = serving()
    (child,) = server.children()
    os.kill(child, signal.SIGKILL)
    code, stderr = server.finish()
    assert code != 0
    assert "Traceback" not in stderr
    assert "died" in stderr or "killed by SIGKILL" in stderr, stderr


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_stops_the_child_too(serving, sig: signal.Signals) -> None:
    server = serving()
    children = server.children()
    assert len(children) == 1 and alive(children[0])
    server.proc.send_signal(sig)
    # kg serve may wait 10 s for its Oxigraph child and then for its threads before it exits.
    code, stderr = server.finish(timeout=60)
    assert code == 0, stderr
    assert not alive(children[0]), "the Oxigraph child outlived kg serve"
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{server.url}/query?query=ASK%7B%7D", timeout=5)


def test_server_side_timeout_cancels_a_runaway_query(serving) -> None:
    server = serving("--timeout-s", "1")
    (child,) = server.children()
    cmdline = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
    assert cmdline[cmdline.index(b"--timeout-s") + 1] == b"1"
    started = time.monotonic()
    resp = requests.post(f"{server.url}/query", data={"query": RUNAWAY}, timeout=60)
    assert time.monotonic() - started < 20  # cancelled by the server, not run to the end
    assert "cancelled" in resp.text
    assert server.count() > 0  # and the server goes on answering
