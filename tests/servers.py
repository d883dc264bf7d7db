"""Start and stop real triple-store servers on free loopback ports, for tests.

Two servers are supported:

* Oxigraph, the ``oxigraph`` binary of the PyPI package (wrapped by :mod:`kg.serve`);
* Virtuoso Open Source, Debian's ``virtuoso-t``, run unprivileged from a copy of
  the package's sample ``virtuoso.ini`` whose database files and ports point at a
  temporary directory and free ports.

Each helper is a context manager that always stops its server, even when the
body raises. Nothing here talks to anything but 127.0.0.1.
"""

from __future__ import annotations

import configparser
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import requests

from kg.serve import ServeError, serve, wait_until_up

#: Where Debian packages put the sample configuration, newest first.
VIRTUOSO_INI_CANDIDATES = (
    "/etc/virtuoso-opensource-7/virtuoso.ini",
    "/usr/share/virtuoso-opensource-7/virtuoso.ini",
    "/var/lib/virtuoso-opensource-7/db/virtuoso.ini",
    "/etc/virtuoso-opensource-6.1/virtuoso.ini",
)

#: Default administrator account of a fresh Virtuoso database.
VIRTUOSO_USER = "dba"
VIRTUOSO_PASSWORD = "dba"


def _load_prctl() -> Callable[..., int] | None:
    """libc's prctl, resolved in the parent so the forked child only calls it."""
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _load_prctl() if sys.platform == "linux" else None


def _die_with_parent() -> None:
    """In the child: ask Linux to SIGTERM it when the test process dies.

    ``finally`` blocks stop servers on errors, but not when pytest itself is
    killed; this keeps a killed run from leaving Virtuoso holding its ports.
    Only one libc call happens between fork and exec (no imports, no locks).
    """
    _PRCTL(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_process(proc: subprocess.Popen, timeout: float = 15.0) -> None:
    """Stop ``proc`` politely (SIGTERM), then firmly (SIGKILL) after ``timeout``."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=timeout)


@dataclass
class Server:
    """A running server: its endpoints and credentials."""

    name: str
    base: str
    gsp: str
    update: str
    query: str
    user: str | None = None
    password: str | None = None
    proc: subprocess.Popen | None = field(default=None, repr=False)
    log: Path | None = None


# --------------------------------------------------------------------------- Oxigraph


@contextlib.contextmanager
def oxigraph_server(store_dir: Path | None = None) -> Iterator[Server]:
    """Run a read-write Oxigraph server on a free port over a (temporary) store."""
    with tempfile.TemporaryDirectory(prefix="kg-oxigraph-") as tmp:
        location = Path(store_dir) if store_dir is not None else Path(tmp) / "store"
        port = free_port()
        proc = serve(location, port=port, read_only=False)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(f"{base}/query?query=ASK%7B%7D", timeout=30, proc=proc)
            yield Server(
                name="oxigraph",
                base=base,
                gsp=f"{base}/store",
                update=f"{base}/update",
                query=f"{base}/query",
                proc=proc,
            )
        finally:
            stop_process(proc)


# --------------------------------------------------------------------------- Virtuoso


def virtuoso_binary() -> str | None:
    """Path of ``virtuoso-t``, or None if Virtuoso is not installed."""
    return shutil.which("virtuoso-t") or ("/usr/bin/virtuoso-t" if os.access("/usr/bin/virtuoso-t", os.X_OK) else None)


def virtuoso_sample_ini() -> Path | None:
    """The package's sample ``virtuoso.ini``, or None."""
    for candidate in VIRTUOSO_INI_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    return None


def write_virtuoso_ini(sample: Path, db_dir: Path, port: int, http_port: int) -> Path:
    """Copy ``sample`` into ``db_dir`` with database paths and ports rewritten.

    Virtuoso's ini has ``;`` comments and repeated keys, so it is parsed leniently;
    only the keys that must change are touched.
    """
    ini = configparser.ConfigParser(
        strict=False,
        interpolation=None,
        inline_comment_prefixes=(";",),
        delimiters=("=",),
    )
    ini.optionxform = str  # keys are case-sensitive to Virtuoso
    ini.read(sample, encoding="utf-8")
    ini["Database"].update(
        {
            "DatabaseFile": str(db_dir / "virtuoso.db"),
            "ErrorLogFile": str(db_dir / "virtuoso.log"),
            "LockFile": str(db_dir / "virtuoso.lck"),
            "TransactionFile": str(db_dir / "virtuoso.trx"),
            "xa_persistent_file": str(db_dir / "virtuoso.pxa"),
        }
    )
    ini["TempDatabase"].update(
        {
            "DatabaseFile": str(db_dir / "virtuoso-temp.db"),
            "TransactionFile": str(db_dir / "virtuoso-temp.trx"),
        }
    )
    ini["Parameters"]["ServerPort"] = f"127.0.0.1:{port}"
    # Small buffers: test data is tiny and several servers may run at once.
    ini["Parameters"]["NumberOfBuffers"] = "10000"
    ini["Parameters"]["MaxDirtyBuffers"] = "6000"
    ini["HTTPServer"]["ServerPort"] = f"127.0.0.1:{http_port}"
    if ini.has_section("URIQA"):
        ini["URIQA"]["DefaultHost"] = f"127.0.0.1:{http_port}"
    path = db_dir / "virtuoso.ini"
    with path.open("w", encoding="utf-8") as fh:
        ini.write(fh)
    return path


@contextlib.contextmanager
def virtuoso_server(startup_timeout: float = 90.0) -> Iterator[Server]:
    """Run Virtuoso in the foreground on free loopback ports over a fresh database.

    Raises RuntimeError if ``virtuoso-t`` or its sample ini is missing (callers
    turn that into a loud pytest skip) or if the server does not come up.
    """
    binary = virtuoso_binary()
    sample = virtuoso_sample_ini()
    if binary is None:
        raise RuntimeError("virtuoso-t not found (install virtuoso-opensource)")
    if sample is None:
        raise RuntimeError("virtuoso.ini sample not found (virtuoso-opensource incomplete?)")
    with tempfile.TemporaryDirectory(prefix="kg-virtuoso-") as tmp:
        db_dir = Path(tmp)
        port, http_port = free_port(), free_port()
        ini = write_virtuoso_ini(sample, db_dir, port, http_port)
        log = db_dir / "stdout.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [binary, "+foreground", "+configfile", str(ini)],
                cwd=db_dir,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                # Safe with threads: the hook makes a single async-signal-safe call.
                preexec_fn=_die_with_parent if _PRCTL else None,
            )
        base = f"http://127.0.0.1:{http_port}"
        try:
            try:
                wait_until_up(f"{base}/sparql?query=ASK%7B%7D", timeout=startup_timeout, proc=proc)
            except ServeError as exc:
                tail = log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{exc}\n--- virtuoso output ---\n{tail}") from exc
            yield Server(
                name="virtuoso",
                base=base,
                gsp=f"{base}/sparql-graph-crud-auth",
                update=f"{base}/sparql-auth",
                query=f"{base}/sparql",
                user=VIRTUOSO_USER,
                password=VIRTUOSO_PASSWORD,
                proc=proc,
                log=log,
            )
        finally:
            stop_process(proc, timeout=30)


def graph_count(server: Server, graph: str) -> int:
    """Triples in ``graph`` on ``server`` (handy for debugging tests)."""
    resp = requests.get(
        server.query,
        params={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    resp.raise_for_status()
    return int(resp.json()["results"]["bindings"][0]["n"]["value"])


if __name__ == "__main__":  # manual check: python -m tests.servers
    started = time.monotonic()
    with virtuoso_server() as v:
        print("virtuoso up in", round(time.monotonic() - started, 1), "s:", v)
    with oxigraph_server() as o:
        print("oxigraph up:", o)
