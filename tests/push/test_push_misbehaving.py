"""Push against servers that misbehave: drip-feeding, hanging, answering HTML, or bodies full of markup.

The servers are tiny real ones on 127.0.0.1 (a raw socket or ``http.server``);
the CLI runs in a child process so that a hang or a traceback is seen as a
person would see it.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.push import PushError, push

ROOT = Path(__file__).resolve().parents[2]
GRAPHS = ["http://example.org/kg/doc/one", "http://example.org/kg/doc/two"]


def small_store() -> ox.Store:
    store = ox.Store()
    for iri in GRAPHS:
        for i in range(3):
            store.add(
                ox.Quad(
                    ox.NamedNode(f"{iri}#s{i}"), ox.NamedNode("http://example.org/p"), ox.Literal(i), ox.NamedNode(iri)
                )
            )
    return store


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An output directory holding just a store, as ``kg push`` expects."""
    target = tmp_path / "out"
    target.mkdir()
    disk = ox.Store(str(target / "store"))
    disk.extend(small_store())
    disk.flush()
    del disk  # release the store's lock for the kg child process
    return target


def kg(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", "from kg.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=timeout, env=dict(os.environ))


class RawServer:
    """A loopback socket server that answers each connection with ``respond(sock)``, stopping when closed."""

    def __init__(self, respond) -> None:
        self.hits = 0
        self.closed = threading.Event()
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.respond = respond
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(2)
            try:
                conn.recv(1 << 20)  # the request (enough of it)
                self.respond(conn, self.closed)
            except OSError:
                pass

    def close(self) -> None:
        self.closed.set()
        self.sock.close()


def drip(conn: socket.socket, closed: threading.Event) -> None:
    """A 200 answer, one byte every 0.5 s: each read succeeds, the whole takes minutes."""
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 400\r\n\r\n" + b"x" * 400
    for byte in answer:
        if closed.wait(0.5):
            return
        conn.sendall(bytes([byte]))


def hang(conn: socket.socket, closed: threading.Event) -> None:
    """Read the request, never answer (until the test ends)."""
    closed.wait(120)


@pytest.fixture
def raw_server() -> Iterator:
    servers: list[RawServer] = []

    def make(respond) -> RawServer:
        servers.append(RawServer(respond))
        return servers[-1]

    yield make
    for server in servers:
        server.close()


def test_timeout_bounds_the_whole_request_of_a_dripping_server(raw_server, out: Path, tmp_path: Path) -> None:
    server = raw_server(drip)
    report = tmp_path / "report.json"
    started = time.monotonic()
    done = kg("push", str(out), "--endpoint", f"{server.url}/store", "--timeout", "2", "--retries", "0",
              "--report", str(report), timeout=40)  # fmt: skip
    elapsed = time.monotonic() - started
    assert done.returncode == 1
    assert elapsed < 20, f"took {elapsed:.0f} s"  # ~2 s plus start-up; per-read it would take 200 s
    assert "no complete answer within 2 s" in done.stderr and "Traceback" not in done.stderr
    graphs = json.loads(report.read_text())["graphs"]
    assert [g["status"] for g in graphs] == ["failed", "failed"]


def test_a_request_that_timed_out_is_not_retried(raw_server) -> None:
    """With retries, a hung server must still fail after about one timeout, not one per try."""
    server = raw_server(hang)
    started = time.monotonic()
    with pytest.raises(PushError, match="no complete answer within 1 s") as caught:
        push(small_store(), f"{server.url}/store", "gsp", retries=3, timeout=1, backoff=0.01)
    assert server.hits == 1
    assert time.monotonic() - started < 3.5  # 4 tries would take 4 s
    assert caught.value.report.landed == 0


class Answering:
    """A loopback HTTP server giving every request one fixed answer."""

    def __init__(self, status: int, body: bytes, content_type: str) -> None:
        answer = (status, body, content_type)

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status, body, content_type = answer
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_PUT = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def answering() -> Iterator:
    servers: list[Answering] = []

    def make(*args) -> Answering:
        servers.append(Answering(*args))
        return servers[-1]

    yield make
    for server in servers:
        server.close()


def test_verify_against_an_html_answer_is_a_verify_failure(answering, out: Path, tmp_path: Path) -> None:
    server = answering(200, b"<!DOCTYPE html><html><body>Welcome</body></html>", "text/html")
    report = tmp_path / "report.json"
    done = kg("push", str(out), "--endpoint", f"{server.url}/store", "--verify", "--report", str(report))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "JSONDecodeError" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("error: verify failed") and "not SPARQL JSON" in last and "text/html" in last
    written = json.loads(report.read_text())
    assert written["verified"] is False
    assert [g["status"] for g in written["graphs"]] == ["unverified", "unverified"]
    assert written["totals"]["landed"] == 0


def test_verify_html_answer_library(answering) -> None:
    server = answering(200, b"<html>not json</html>", "text/html")
    with pytest.raises(PushError, match="verify failed") as caught:
        push(small_store(), f"{server.url}/store", "gsp", verify=True)
    assert not caught.value.report.ok and caught.value.report.verified is False


def test_markup_and_control_characters_in_an_error_body(answering, out: Path, tmp_path: Path) -> None:
    body = b"no such [/graph] here [bold]x\x1b[31m red \x07"
    server = answering(400, body, "text/plain")
    report = tmp_path / "report.json"
    done = kg("push", str(out), "--endpoint", f"{server.url}/store", "--report", str(report))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "MarkupError" not in done.stderr
    assert "[/graph]" in done.stderr and "[bold]x" in done.stderr  # shown, not interpreted
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr and "\\x1b[31m" in done.stderr
    assert json.loads(report.read_text())["totals"]["failed"] == 2
