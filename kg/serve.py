"""Serve a persistent Oxigraph store over SPARQL HTTP with the ``oxigraph`` binary.

The ``oxigraph`` PyPI package ships the Rust server as a console script; it is
found next to the running interpreter (a virtualenv's ``bin/``) or on ``PATH``.

An Oxigraph store directory can be opened for writing by only one process at a
time, so by default the server is started with ``serve-read-only``: the
pipeline (or another reader) can keep the store open while it is served.

A read-only server sees the store as it was when it started. ``kg serve``
therefore runs a :class:`LiveEndpoint`: a small proxy on the public address in
front of a read-only Oxigraph child on a private loopback port. When the store
directory changes (a ``kg build`` or ``kg remove`` into the same output) and the
writer has let go of it, a new child is started on the store as it now is and
takes over; the old one finishes the requests it has and is stopped. The proxy
also checks every query before Oxigraph sees it (:func:`kg.query.check_query`:
no ``SERVICE``, no nesting deep enough to crash the engine) and answers 400
instead.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import http.client
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode

import requests

from .query import QueryRefused, check_query

#: Seconds a query may run in the server before Oxigraph cancels it.
DEFAULT_QUERY_TIMEOUT_S = 60

#: Largest request body the proxy accepts (queries, not data: the endpoint is read-only).
MAX_REQUEST_BYTES = 16 * 1024 * 1024

#: Headers that belong to one connection, never forwarded (RFC 9110 §7.6.1),
#: plus the framing headers the proxy sets itself.
_HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "expect",
        "content-length",
        "host",
    }
)


class ServeError(RuntimeError):
    """The server could not be started (binary missing, port taken, early exit) or died."""


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


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _load_prctl() -> Callable[..., int] | None:
    """libc's prctl, resolved in the parent so that the forked child only calls it."""
    if sys.platform != "linux":
        return None
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _load_prctl()


def _die_with_parent() -> None:
    """In the child, before exec: have Linux SIGTERM it if kg dies without stopping it (e.g. SIGKILL)."""
    _PRCTL(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG; one async-signal-safe call, no imports


def serve(
    store_dir: Path,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    read_only: bool = True,
    log: Path | None = None,
    union_default_graph: bool = True,
    timeout_s: int | None = None,
    die_with_parent: bool = False,
) -> subprocess.Popen:
    """Start ``oxigraph serve[-read-only]`` on ``store_dir`` and return the process.

    The server answers SPARQL queries at ``/query``, updates at ``/update``
    (read-write only) and the Graph Store Protocol at ``/store``. The caller
    owns the process: stop it with ``proc.terminate()``; use
    :func:`wait_until_up` to wait for it to accept requests.
    ``log`` receives the server's stdout and stderr (default: discarded).
    ``union_default_graph`` makes the default graph the union of all named graphs, as in ``kg query``.
    ``timeout_s`` makes the server cancel a query after that many whole seconds.
    ``die_with_parent`` (Linux) has the server terminated if this process dies first.

    This serves a snapshot and runs queries unchecked; ``kg serve`` uses :class:`LiveEndpoint`.
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
    if timeout_s is not None:
        if int(timeout_s) < 1:
            raise ServeError("the server's query time-out must be at least 1 s")
        args += ["--timeout-s", str(int(timeout_s))]
    out = open(log, "ab") if log is not None else subprocess.DEVNULL
    try:
        return subprocess.Popen(
            args,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            preexec_fn=_die_with_parent if die_with_parent and _PRCTL else None,
        )
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


def stop_process(proc: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 10.0) -> None:
    """Send ``sig`` to ``proc`` and wait for it; SIGKILL it if it is still there after ``timeout``."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(sig)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)


def describe_exit(code: int) -> str:
    """``'was killed by SIGSEGV'`` or ``'exited with code 1'``."""
    if code < 0:
        try:
            return f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"exited with code {code}"


# --------------------------------------------------------------------------- watching the store


def store_fingerprint(store_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of each file of the store: any write changes it."""
    entries = []
    with os.scandir(store_dir) as scan:
        for entry in scan:
            try:
                if entry.is_file():
                    stat = entry.stat()
                    entries.append((entry.name, stat.st_size, stat.st_mtime_ns))
            except FileNotFoundError:  # removed by a compaction meanwhile
                continue
    return tuple(sorted(entries))


def store_has_writer(store_dir: Path) -> bool:
    """True if a process holds the store open for writing (RocksDB's POSIX lock on ``LOCK``).

    Asked with ``F_GETLK``, which only looks: taking the lock, even for an
    instant, could make a ``kg build`` starting at that moment fail.
    """
    if sys.platform != "linux":  # the struct layout below is Linux's; elsewhere only timing decides
        return False
    try:
        fd = os.open(Path(store_dir) / "LOCK", os.O_RDONLY)
    except OSError:
        return False
    try:
        layout = "hhqqi4x"  # struct flock on 64-bit Linux: type, whence, start, len, pid
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, struct.pack(layout, fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0))
        return struct.unpack(layout, answer)[0] != fcntl.F_UNLCK
    except OSError:
        return False
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- checking requests


class BadRequest(ValueError):
    """A request the proxy answers itself with ``status`` (400, 413, 501)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def screen_request(target: str, content_type: str | None, body: bytes) -> tuple[str, bytes]:
    """Check every SPARQL text a request carries; return the target and body to forward.

    Queries and updates are found where the SPARQL 1.1 Protocol puts them:
    ``query=``/``update=`` in the URL or in a form body, or the whole body for
    ``application/sparql-query``/``sparql-update``. What is forwarded is
    re-encoded from what was checked, so the server cannot read a text other
    than the one checked. Raises :class:`QueryRefused` or :class:`BadRequest`.
    """
    texts: list[str] = []
    path, mark, raw_query = target.partition("?")
    if mark:
        pairs = _form_pairs(raw_query, "the URL")
        texts += [value for name, value in pairs if name in ("query", "update")]
        target = path + ("?" + urlencode(pairs, quote_via=quote) if pairs else "")
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    if kind in ("application/sparql-query", "application/sparql-update"):
        try:
            texts.append(body.decode("utf-8"))
        except UnicodeDecodeError:
            raise BadRequest("the query is not UTF-8") from None
    elif kind == "application/x-www-form-urlencoded":
        try:
            form = body.decode("ascii")
        except UnicodeDecodeError:
            raise BadRequest("a form body must be percent-encoded ASCII") from None
        pairs = _form_pairs(form, "the form body")
        texts += [value for name, value in pairs if name in ("query", "update")]
        body = urlencode(pairs, quote_via=quote).encode("ascii")
    for text in texts:
        check_query(text, service_hint=" (kg serve never runs SERVICE)")
    return target, body


def _form_pairs(encoded: str, where: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(encoded, keep_blank_values=True, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise BadRequest(f"{where} is not valid UTF-8 form encoding") from None


# --------------------------------------------------------------------------- the live endpoint


@dataclass(eq=False)
class _Backend:
    """One read-only Oxigraph child and the store state it was started on."""

    proc: subprocess.Popen
    port: int
    fingerprint: tuple
    log: Path
    active: int = 0
    retired: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def log_tail(self) -> str:
        """The last line the child printed, for error messages."""
        try:
            lines = [line for line in self.log.read_text(errors="replace").splitlines() if line.strip()]
        except OSError:
            return ""
        return lines[-1].strip()[:300] if lines else ""


class LiveEndpoint:
    """A read-only SPARQL endpoint that follows the store as builds change it.

    ``start()`` binds ``host:port`` and starts the first Oxigraph child;
    ``wait(stop)`` blocks until ``stop`` is set and raises :class:`ServeError`
    if the serving child dies; ``stop()`` stops the proxy and every child.
    ``on_event`` receives one-line notices (reloads, failed reloads).
    """

    def __init__(
        self,
        store_dir: Path,
        host: str = "127.0.0.1",
        port: int = 7878,
        *,
        timeout_s: int = DEFAULT_QUERY_TIMEOUT_S,
        union_default_graph: bool = True,
        poll: float = 0.5,
        settle: float = 0.5,
        writer_settle: float = 10.0,
        on_event: Callable[[str], None] | None = None,
    ) -> None:
        self.store_dir = Path(store_dir)
        self.host, self.port = host, port
        self.timeout_s = int(timeout_s)
        self.union_default_graph = union_default_graph
        # A change is picked up once the store has been still for ``settle`` s
        # with no writer, or for ``writer_settle`` s while a writer keeps it open.
        self.poll, self.settle, self.writer_settle = poll, settle, writer_settle
        self.on_event = on_event or (lambda message: None)
        self.reloads = 0
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._backend: _Backend | None = None
        self._retired: list[_Backend] = []
        self._httpd: _ProxyServer | None = None
        self._threads: list[threading.Thread] = []
        self._tmp: Path | None = None
        self._count = 0

    @property
    def url(self) -> str:
        """The public base URL."""
        return f"http://{self.host}:{self.port}"

    @property
    def child_pids(self) -> list[int]:
        """Process ids of the Oxigraph children still running."""
        with self._lock:
            backends = [b for b in [self._backend, *self._retired] if b is not None]
        return [b.proc.pid for b in backends if b.proc.poll() is None]

    def start(self) -> None:
        """Bind the public address, start the first child and begin serving and watching."""
        if not self.store_dir.is_dir():
            raise ServeError(f"cannot serve: store directory {self.store_dir} does not exist")
        oxigraph_binary()  # fail before binding if the server is missing
        try:
            self._httpd = _ProxyServer((self.host, self.port), _ProxyHandler, self)
        except OSError as error:
            reason = "port already in use" if error.errno == errno.EADDRINUSE else (error.strerror or str(error))
            raise ServeError(f"cannot serve on {self.host}:{self.port}: {reason}") from None
        self.port = self._httpd.server_address[1]  # the real one when port 0 was asked
        self._tmp = Path(tempfile.mkdtemp(prefix="kg-serve-"))
        try:
            self._backend = self._start_backend()
        except BaseException:
            self._httpd.server_close()
            shutil.rmtree(self._tmp, ignore_errors=True)
            raise
        for target, name in ((self._httpd.serve_forever, "kg-serve-proxy"), (self._watch, "kg-serve-watch")):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def wait(self, stop: threading.Event) -> None:
        """Block until ``stop`` is set; raise :class:`ServeError` if the serving child dies first."""
        while not stop.wait(0.2):
            with self._lock:
                backend = self._backend
                code = backend.proc.poll() if backend is not None and not backend.retired else None
            if code is not None:
                tail = backend.log_tail()
                raise ServeError(
                    f"the Oxigraph server (pid {backend.proc.pid}) {describe_exit(code)}; the endpoint is down"
                    + (f" (its last words: {tail})" if tail else "")
                )

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """Stop serving: close the public port, pass ``sig`` to every child and wait for each."""
        self._closing.set()
        if self._httpd is not None and self._threads:
            self._httpd.shutdown()  # returns once serve_forever has, so only when it runs
            self._httpd.server_close()
        with self._lock:
            backends = [b for b in [self._backend, *self._retired] if b is not None]
        for backend in backends:
            stop_process(backend.proc, sig)
        for thread in self._threads:
            thread.join(timeout=15)
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)

    # -- children

    def _start_backend(self) -> _Backend:
        """Start a child on the store as it is now and wait until it answers."""
        fingerprint = store_fingerprint(self.store_dir)
        self._count += 1
        assert self._tmp is not None
        log = self._tmp / f"oxigraph-{self._count}.log"
        port = _free_loopback_port()
        proc = serve(
            self.store_dir,
            "127.0.0.1",
            port,
            read_only=True,
            log=log,
            union_default_graph=self.union_default_graph,
            timeout_s=self.timeout_s,
            die_with_parent=True,
        )
        backend = _Backend(proc=proc, port=port, fingerprint=fingerprint, log=log)
        try:
            wait_until_up(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=30, proc=proc)
        except ServeError as error:
            stop_process(proc)
            tail = backend.log_tail()
            raise ServeError(f"{error}" + (f": {tail}" if tail else "")) from None
        return backend

    def acquire(self) -> _Backend | None:
        """The serving child, counted busy until :meth:`release`."""
        with self._lock:
            backend = self._backend
            if backend is not None:
                with backend.lock:
                    backend.active += 1
            return backend

    def release(self, backend: _Backend) -> None:
        with backend.lock:
            backend.active -= 1

    def _watch(self) -> None:
        """Poll the store; when it changed and is still, serve it from a new child."""
        seen = self._backend.fingerprint if self._backend else ()
        still_since = time.monotonic()
        retry_at = 0.0
        while not self._closing.wait(self.poll):
            try:
                now = time.monotonic()
                current = store_fingerprint(self.store_dir)
                if current != seen:
                    seen, still_since = current, now
                    continue
                if self._backend is None or current == self._backend.fingerprint or now < retry_at:
                    continue
                quiet = self.writer_settle if store_has_writer(self.store_dir) else self.settle
                if now - still_since >= quiet:
                    self._reload()
            except Exception as error:  # the old child keeps serving; try again later
                retry_at = time.monotonic() + 5
                self.on_event(f"could not reload the changed store (still serving the previous state): {error}")

    def _reload(self) -> None:
        new = self._start_backend()
        with self._lock:
            if self._closing.is_set():
                stop_process(new.proc)
                return
            old, self._backend = self._backend, new
            if old is not None:
                old.retired = True
                self._retired.append(old)
            self.reloads += 1
        self.on_event("the store changed: now serving it as it is after the last write")
        if old is not None:
            thread = threading.Thread(target=self._retire, args=(old,), name="kg-serve-retire", daemon=True)
            thread.start()

    def _retire(self, backend: _Backend) -> None:
        """Let a replaced child finish its requests (at most a query time-out), then stop it."""
        deadline = time.monotonic() + self.timeout_s + 5
        while backend.active > 0 and time.monotonic() < deadline and not self._closing.is_set():
            time.sleep(0.1)
        stop_process(backend.proc)
        with self._lock:
            if backend in self._retired:
                self._retired.remove(backend)


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True
    # Not SO_REUSEADDR's "steal from a listener" on every OS; on Linux it only
    # allows rebinding past TIME_WAIT, so a busy port still fails to bind.
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], handler: type, endpoint: LiveEndpoint) -> None:
        self.endpoint = endpoint
        super().__init__(address, handler)


class _ProxyHandler(BaseHTTPRequestHandler):
    """Checks each request's SPARQL, then relays it to the serving child."""

    protocol_version = "HTTP/1.1"
    server: _ProxyServer
    timeout = 120  # seconds a client may stall while sending its request

    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per request would drown the console

    def do_GET(self) -> None:
        self._relay()

    do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = do_GET

    def _relay(self) -> None:
        try:
            body = self._read_body()
            if len(self.headers.get_all("Content-Type") or []) > 1:
                raise BadRequest("more than one Content-Type")
            target, body = screen_request(self.path, self.headers.get("Content-Type"), body)
        except QueryRefused as error:
            self._plain(400, str(error))
            return
        except BadRequest as error:
            self._plain(error.status, str(error))
            return
        endpoint = self.server.endpoint
        backend = endpoint.acquire()
        if backend is None:
            self._plain(503, "the SPARQL server is not running")
            return
        try:
            self._forward(backend, target, body)
        finally:
            endpoint.release(backend)

    def _read_body(self) -> bytes:
        encoding = (self.headers.get("Transfer-Encoding") or "").strip().lower()
        lengths = self.headers.get_all("Content-Length") or []
        if encoding and encoding != "chunked":
            raise BadRequest(f"Transfer-Encoding {encoding} is not supported", 501)
        if encoding and lengths:
            raise BadRequest("both Transfer-Encoding and Content-Length")
        if encoding == "chunked":
            return self._read_chunks()
        if len(set(lengths)) > 1 or not all(v.strip().isdigit() for v in lengths):
            raise BadRequest("bad Content-Length")
        size = int(lengths[0]) if lengths else 0
        if size > MAX_REQUEST_BYTES:
            raise BadRequest(f"request body over {MAX_REQUEST_BYTES} bytes", 413)
        return self.rfile.read(size)

    def _read_chunks(self) -> bytes:
        parts, total = [], 0
        while True:
            line = self.rfile.readline(1024).split(b";", 1)[0].strip()
            try:
                size = int(line, 16)
            except ValueError:
                raise BadRequest("bad chunk size") from None
            total += size
            if total > MAX_REQUEST_BYTES:
                raise BadRequest(f"request body over {MAX_REQUEST_BYTES} bytes", 413)
            if size == 0:
                while self.rfile.readline(1024).strip():  # trailers
                    pass
                return b"".join(parts)
            parts.append(self.rfile.read(size))
            self.rfile.readline(1024)

    def _plain(self, status: int, message: str) -> None:
        """Answer with a one-line text message (and keep the connection only if the request was read)."""
        data = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if status in (413, 501) or status >= 500:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _forward(self, backend: _Backend, target: str, body: bytes) -> None:
        # Longer than the server's own query time-out, so that it is the one that gives up.
        connection = http.client.HTTPConnection("127.0.0.1", backend.port, timeout=self.server.endpoint.timeout_s + 30)
        try:
            try:
                connection.putrequest(self.command, target, skip_host=True, skip_accept_encoding=True)
                connection.putheader("Host", f"127.0.0.1:{backend.port}")
                for name, value in self.headers.items():
                    if name.lower() not in _HOP_BY_HOP:
                        connection.putheader(name, value)
                if body or self.command in ("POST", "PUT", "PATCH"):
                    connection.putheader("Content-Length", str(len(body)))
                connection.endheaders(body or None)
                response = connection.getresponse()
            except (OSError, http.client.HTTPException) as error:
                self._plain(502, f"the SPARQL server did not answer: {error}")
                return
            self._send_response(response)
        finally:
            connection.close()

    def _send_response(self, response: http.client.HTTPResponse) -> None:
        self.send_response_only(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in _HOP_BY_HOP:
                self.send_header(name, value)
        bodiless = self.command == "HEAD" or response.status in (204, 304) or response.status < 200
        length = response.getheader("Content-Length")
        chunked = False
        if length is not None and length.isdigit():
            self.send_header("Content-Length", length)
        elif bodiless:
            pass
        elif self.request_version == "HTTP/1.1":
            self.send_header("Transfer-Encoding", "chunked")
            chunked = True
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if bodiless:
            return
        try:
            while data := response.read1(65536):
                if chunked:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                else:
                    self.wfile.write(data)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except (OSError, http.client.HTTPException):
            # The client left or the server broke off: end this connection, and
            # closing ours to the server lets it see that nobody reads any more.
            self.close_connection = True
