"""Serve a persistent Oxigraph store over SPARQL HTTP with the ``oxigraph`` binary.

The ``oxigraph`` PyPI package ships the Rust server as a console script; it is
found next to the running interpreter (a virtualenv's ``bin/``) or on ``PATH``.

An Oxigraph store directory can be opened for writing by only one process at a
time, so by default the server is started with ``serve-read-only``: the
pipeline (or another reader) can keep the store open while it is served.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests


class ServeError(RuntimeError):
    """The server could not be started (binary missing, port taken, early exit)."""


def oxigraph_binary() -> Path:
    """Locate the ``oxigraph`` server binary, or raise :class:`ServeError`."""
    # Prefer the binary installed with the running interpreter: it matches the
    # pyoxigraph version that wrote the store.
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    raise ServeError(
        f"oxigraph server binary not found next to {sys.executable} nor on PATH; install it with: pip install oxigraph"
    )


def port_is_free(host: str, port: int) -> bool:
    """True if nothing listens on ``host:port`` and it can be bound."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def serve(
    store_dir: Path,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    read_only: bool = True,
    log: Path | None = None,
    union_default_graph: bool = True,
) -> subprocess.Popen:
    """Start ``oxigraph serve[-read-only]`` on ``store_dir`` and return the process.

    The server answers SPARQL queries at ``/query``, updates at ``/update``
    (read-write only) and the Graph Store Protocol at ``/store``. The caller
    owns the process: stop it with ``proc.terminate()``; use
    :func:`wait_until_up` to wait for it to accept requests.
    ``log`` receives the server's stdout and stderr (default: discarded).
    ``union_default_graph`` makes the default graph the union of all named graphs, as in ``kg query``.
    """
    binary = oxigraph_binary()
    store_dir = Path(store_dir)
    if read_only and not store_dir.is_dir():
        raise ServeError(f"cannot serve read-only: store directory {store_dir} does not exist")
    if not port_is_free(host, port):
        raise ServeError(f"cannot serve on {host}:{port}: port already in use")
    command = "serve-read-only" if read_only else "serve"
    args = [
        str(binary),
        command,
        "--location",
        str(store_dir),
        "--bind",
        f"{host}:{port}",
    ]
    if union_default_graph:
        # Like ``kg query``: queries without GRAPH see every document's graph.
        args.append("--union-default-graph")
    out = open(log, "ab") if log is not None else subprocess.DEVNULL
    try:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    finally:
        if log is not None:
            out.close()  # the child holds its own copy of the descriptor


def wait_until_up(url: str, timeout: float = 30.0, *, proc: subprocess.Popen | None = None) -> None:
    """Poll ``url`` with GET until it answers (any status below 500) or ``timeout``.

    If ``proc`` is given and exits meanwhile, fail at once with its exit code
    (e.g. the store is locked by another writer or the port was taken).
    """
    deadline = time.monotonic() + timeout
    last_error = "no answer"
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise ServeError(f"server exited with code {proc.returncode} before {url} came up")
        try:
            resp = requests.get(url, timeout=2)
            if resp.status_code < 500:
                return
            last_error = f"HTTP {resp.status_code}"
        except requests.RequestException as exc:
            last_error = type(exc).__name__
        time.sleep(0.2)
    raise ServeError(f"{url} not up after {timeout:.0f} s ({last_error})")
