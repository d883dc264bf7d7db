"""Copy the named graphs of a local Oxigraph store into a remote triple store.

Two standard ways of writing are supported, so any SPARQL 1.1 store works
(tested against Oxigraph and Virtuoso):

* ``"gsp"`` — SPARQL 1.1 Graph Store HTTP Protocol: one ``PUT ?graph=IRI`` per
  named graph with the graph serialized as N-Triples. PUT replaces the graph,
  so pushing twice gives the same remote state.
* ``"update"`` — SPARQL 1.1 Update: per graph, ``DROP SILENT GRAPH`` then
  ``INSERT DATA`` in batches. The drop and the first batch go in one request,
  so a graph that fits in one batch is replaced atomically on stores that run
  an update request in a transaction (Oxigraph does).

Nothing half-written is reported as landed: every graph gets a
:class:`GraphResult` whose status is ``"landed"`` only after the server
acknowledged all of its triples (and, with ``verify=True``, the remote count
matched). On the first hard failure the push stops, the remaining graphs are
reported failed, and :class:`PushError` is raised carrying the full report.

Only named graphs are pushed: the project keeps every document in its own
graph, and some stores (Virtuoso) have no separate default graph to write to.
"""

from __future__ import annotations

import logging
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import pyoxigraph
import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from .rdf.provenance import GENERATED, GENERATED_BY

log = logging.getLogger(__name__)

#: The ontology's own IRI: a graph declaring it is the vocabulary, which every build writes alike.
KG_ONTOLOGY = "https://w3id.org/kg/ns"

#: A push protocol's name: "gsp", "update" or one registered with :func:`register_push_protocol`.
Protocol = str
AuthScheme = Literal["basic", "digest"]

#: Statuses worth retrying besides 5xx: the server asked us to slow down.
RETRY_STATUSES = frozenset({408, 429})

#: How servers say an update request is too big to compile. Virtuoso 7 fails
#: above ~1,200 triples per INSERT DATA ("SP031 ... generated SQL text has
#: exceeded 10000 lines", or its parser's "memory exhausted" for larger ones).
TOO_LARGE = re.compile(r"exceeded|memory exhausted|too large|too long|too big", re.IGNORECASE)

#: Endpoint path suffixes and the query endpoint that goes with them.
#: Oxigraph: /store, /update → /query. Virtuoso: /sparql-graph-crud[-auth],
#: /sparql-auth → /sparql. Fuseki: /ds/data, /ds/update → /ds/query.
QUERY_ENDPOINT_RULES = (
    ("/sparql-graph-crud-auth", "/sparql"),
    ("/sparql-graph-crud", "/sparql"),
    ("/sparql-auth", "/sparql"),
    ("/sparql", "/sparql"),
    ("/store", "/query"),
    ("/update", "/query"),
    ("/data", "/query"),
    ("/query", "/query"),
)


class PushError(RuntimeError):
    """A push did not fully land. ``report`` tells which graphs did."""

    def __init__(
        self,
        message: str,
        report: PushReport | None = None,
        *,
        status: int | None = None,
        body: str = "",
    ) -> None:
        super().__init__(message)
        self.report = report
        self.status = status  # HTTP status of the failing response, if any
        self.body = body


@dataclass(slots=True)
class GraphResult:
    """Outcome for one named graph.

    ``status`` is ``"landed"`` (all triples acknowledged, and counted if
    verified), ``"failed"`` (error says why; the remote graph may be partial),
    ``"mismatch"`` (acknowledged, but the remote count differs) or
    ``"unverified"`` (acknowledged, but verifying was asked and the count could
    not be had, e.g. the query endpoint answered with an HTML page).
    """

    graph: str
    triples: int
    status: Literal["landed", "failed", "mismatch", "unverified", "pending"] = "pending"
    error: str | None = None
    remote_triples: int | None = None


@dataclass(slots=True)
class PushReport:
    """What a :func:`push` did, per graph and in total."""

    endpoint: str
    protocol: str
    graphs: list[GraphResult] = field(default_factory=list)
    seconds: float = 0.0
    verified: bool = False
    default_graph_triples_skipped: int = 0
    #: Graphs on the remote another build wrote (graph → the builds whose manifests name it; none: no
    #: kg build does) that this push replaces (with ``force``) or refused to replace.
    foreign: dict[str, list[str]] = field(default_factory=dict)
    #: Graphs an earlier build of this output wrote on the remote and this one has not: removed.
    superseded: list[str] = field(default_factory=list)

    @property
    def triples(self) -> int:
        """Local triples in the graphs selected for pushing."""
        return sum(g.triples for g in self.graphs)

    @property
    def landed(self) -> int:
        """Number of graphs that landed."""
        return sum(g.status == "landed" for g in self.graphs)

    @property
    def failed(self) -> int:
        """Number of graphs that did not land (failed or mismatched)."""
        return sum(g.status != "landed" for g in self.graphs)

    @property
    def ok(self) -> bool:
        """True if every graph landed."""
        return self.failed == 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, totals included."""
        return {
            "endpoint": self.endpoint,
            "protocol": self.protocol,
            "verified": self.verified,
            "seconds": round(self.seconds, 3),
            "totals": {
                "graphs": len(self.graphs),
                "triples": self.triples,
                "landed": self.landed,
                "failed": self.failed,
                "landed_triples": sum(g.triples for g in self.graphs if g.status == "landed"),
            },
            "default_graph_triples_skipped": self.default_graph_triples_skipped,
            "foreign": self.foreign,
            "superseded": self.superseded,
            "graphs": [asdict(g) for g in self.graphs],
        }


# --------------------------------------------------------------------------- HTTP

# requests' ``timeout`` bounds each socket read, so a server that sends one byte
# now and then holds a request forever. To bound a whole exchange, every
# connection a request uses is recorded in a per-thread watch whose timer shuts
# the sockets down at the deadline, which ends any blocked read at once (for
# TLS too). Connections register when they connect and on every request
# (kept-alive ones are reused without connecting again).
_current = threading.local()


class _Watch:
    """The connections of one request, cut when its ``seconds`` run out."""

    def __init__(self, seconds: float) -> None:
        self.connections: list[Any] = []
        self.expired = False
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watch:
        _current.watch = self
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        _current.watch = None

    def add(self, connection: Any) -> None:
        with self._lock:
            self.connections.append(connection)
            expired = self.expired
        if expired:  # connected after the deadline: cut it now
            _cut(connection)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            connections = list(self.connections)
        for connection in connections:
            _cut(connection)


def _cut(connection: Any) -> None:
    sock = getattr(connection, "sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _watched(connection: Any) -> None:
    watch = getattr(_current, "watch", None)
    if watch is not None:
        watch.add(connection)


class _Watching:
    """Connections that register with the request's watch, so its deadline can close them."""

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        _watched(self)

    def putrequest(self, *args: Any, **kwargs: Any) -> None:
        _watched(self)
        super().putrequest(*args, **kwargs)  # type: ignore[misc]


class _WatchedHTTPConnection(_Watching, urllib3.connection.HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watching, urllib3.connection.HTTPSConnection):
    pass


class _WatchedHTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _DeadlineAdapter(HTTPAdapter):
    """An adapter whose connections can be cut by a :class:`_Watch`."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        _use_watched_pools(self.poolmanager)

    def proxy_manager_for(self, *args: Any, **kwargs: Any) -> urllib3.PoolManager:
        manager = super().proxy_manager_for(*args, **kwargs)
        _use_watched_pools(manager)
        return manager


def _use_watched_pools(manager: urllib3.PoolManager) -> None:
    # Only the plain HTTP(S) pools: a SOCKS manager brings its own classes.
    if manager.pool_classes_by_scheme is urllib3.poolmanager.pool_classes_by_scheme:
        manager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class _TimedOut(Exception):
    """A request got no complete answer within the client's timeout."""


class _Client:
    """A requests session with retries, backoff and auth negotiation.

    Auth: an explicit ``auth`` scheme is used as given; otherwise, when
    credentials are given, the scheme is read from the first 401's
    ``WWW-Authenticate`` (Virtuoso only speaks digest, others basic).
    """

    def __init__(
        self,
        *,
        user: str | None,
        password: str | None,
        auth: AuthScheme | None,
        retries: int,
        timeout: float,
        backoff: float,
    ) -> None:
        self.session = requests.Session()
        for scheme in ("http://", "https://"):
            self.session.mount(scheme, _DeadlineAdapter())
        self.user, self.password = user, password
        self.auth: AuthBase | None = _make_auth(auth, user, password) if auth else None
        self.negotiable = auth is None and user is not None
        self.retries, self.timeout, self.backoff = retries, timeout, backoff
        # Largest update batch the server accepted after a "too large" error;
        # remembered so later graphs do not rediscover it.
        self.batch_cap: int | None = None

    def close(self) -> None:
        self.session.close()

    def prime(self, url: str) -> None:
        """Settle the auth scheme (and a digest nonce) with a body-less GET.

        Without this the first data request would carry its body unauthenticated;
        Virtuoso answers a large one with 401 and drops the connection
        mid-response, which breaks requests' digest handshake. Errors are ignored
        here: the real request reports them, with retries.
        """
        if self.user is None:
            return
        try:
            if self.negotiable:
                resp = self.send("GET", url)
                if resp.status_code == 401:
                    self.auth = _auth_from_challenge(resp, self.user, self.password)
                    self.negotiable = False
            if isinstance(self.auth, HTTPDigestAuth):
                self.send("GET", url, auth=self.auth)
        except (requests.RequestException, _TimedOut):
            pass

    def send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """One exchange, body included, within ``timeout`` seconds in all; raise :class:`_TimedOut` past it."""
        with _Watch(self.timeout) as watch:
            try:
                return self.session.request(method, url, timeout=self.timeout, **kwargs)
            except requests.Timeout:
                raise _TimedOut from None
            except requests.RequestException:
                if watch.expired:  # the watch cut the connection
                    raise _TimedOut from None
                raise

    def request(self, method: str, url: str, what: str, **kwargs: Any) -> requests.Response:
        """Send with retries; return a 2xx response or raise :class:`PushError`.

        ``what`` names the operation for error messages (e.g. ``PUT graph <g>``).
        A request without a complete answer within ``timeout`` is not retried:
        a hung server stays hung, and the retries would multiply the wait.
        """
        attempts = self.retries + 1
        problem = ""
        for attempt in range(attempts):
            if attempt:
                delay = self.backoff * 2 ** (attempt - 1)
                log.warning("%s at %s: %s; retrying in %.1f s", what, url, problem, delay)
                time.sleep(delay)
            try:
                resp = self.send(method, url, auth=self.auth, **kwargs)
                if resp.status_code == 401 and self.negotiable:
                    self.auth = _auth_from_challenge(resp, self.user, self.password)
                    self.negotiable = False
                    resp = self.send(method, url, auth=self.auth, **kwargs)
            except _TimedOut:
                raise PushError(
                    f"{what} at {url}: no complete answer within {self.timeout:g} s (not retried; raise the timeout "
                    "for a slow server)"
                ) from None
            except requests.ConnectionError as exc:
                problem = f"cannot connect ({_root_cause(exc)})"
                continue
            except requests.RequestException as exc:  # e.g. response cut short
                problem = f"connection broken ({_root_cause(exc)})"
                continue
            if resp.ok:
                return resp
            problem = f"HTTP {resp.status_code} {resp.reason}{_body_hint(resp)}"
            if resp.status_code >= 500 or resp.status_code in RETRY_STATUSES:
                continue
            if resp.status_code == 401 and self.user is None:
                problem += " (the endpoint needs user= and password=)"
            raise PushError(f"{what} at {url}: {problem}", status=resp.status_code, body=resp.text)
        tries = f"{attempts} attempt" + ("s" if attempts != 1 else "")
        raise PushError(f"{what} at {url}: {problem} after {tries}")


def _make_auth(scheme: str, user: str | None, password: str | None) -> AuthBase:
    if user is None:
        raise ValueError(f"auth={scheme!r} needs a user")
    if scheme == "digest":
        return HTTPDigestAuth(user, password or "")
    if scheme == "basic":
        return HTTPBasicAuth(user, password or "")
    raise ValueError(f"unknown auth scheme {scheme!r}; use 'basic' or 'digest'")


def _auth_from_challenge(resp: requests.Response, user: str | None, password: str | None) -> AuthBase:
    """Pick digest if the server offers it, else basic."""
    challenge = resp.headers.get("WWW-Authenticate", "")
    scheme = "digest" if re.search(r"\bdigest\b", challenge, re.IGNORECASE) else "basic"
    return _make_auth(scheme, user, password)


def _root_cause(exc: BaseException) -> str:
    """The innermost exception's class name, e.g. ``ConnectionRefusedError``."""
    while exc.__cause__ is not None or exc.__context__ is not None:
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    for arg in getattr(exc, "args", ()):
        if isinstance(arg, BaseException):
            exc = arg
    text = str(exc)
    if "Connection refused" in text or isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    return type(exc).__name__


def _body_hint(resp: requests.Response, limit: int = 200) -> str:
    """First line of an error body, for one-line messages."""
    text = (resp.text or "").strip()
    if not text:
        return ""
    first = " ".join(text.split())[:limit]
    return f": {first}"


# --------------------------------------------------------------------------- local side


def _count(store: pyoxigraph.Store, graph: str | None) -> int:
    """Triples in a named graph (or the default graph if ``graph`` is None)."""
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    solutions = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    return int(next(iter(solutions))["n"].value)


def _has_blank_nodes(store: pyoxigraph.Store, graph: str) -> bool:
    ask = f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }} }}"
    return bool(store.query(ask))


def _ntriples(store: pyoxigraph.Store, graph: str) -> bytes:
    """The graph as N-Triples bytes, serialized by Oxigraph.

    N-Triples escapes newlines inside literals, so every line is one triple,
    and each line (terms in the syntax of pyoxigraph's ``str(term)``) is also
    valid inside SPARQL ``INSERT DATA``.
    """
    return store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.NamedNode(graph))


def default_query_endpoint(endpoint: str) -> str:
    """Guess the SPARQL query endpoint that goes with a GSP or update endpoint."""
    base = endpoint.split("?", 1)[0].rstrip("/")
    for suffix, replacement in QUERY_ENDPOINT_RULES:
        if base.endswith(suffix):
            return base[: -len(suffix)] + replacement
    raise ValueError(f"cannot derive a query endpoint from {endpoint!r}; pass query_endpoint=")


# --------------------------------------------------------------------------- push


def push(
    store: pyoxigraph.Store,
    endpoint: str,
    protocol: Protocol = "gsp",
    *,
    user: str | None = None,
    password: str | None = None,
    auth: AuthScheme | None = None,
    batch: int = 10_000,
    verify: bool = False,
    query_endpoint: str | None = None,
    retries: int = 3,
    timeout: float = 30.0,
    graphs: list[str] | None = None,
    backoff: float = 0.5,
    graph_param: str = "graph",
    ownership: Ownership | None = None,
    force: bool = False,
) -> PushReport:
    """Push the named graphs of ``store`` to ``endpoint``; return a report.

    ``protocol="gsp"``: ``endpoint`` is a Graph Store Protocol URL (Oxigraph
    ``/store``, Virtuoso ``/sparql-graph-crud-auth``); each graph is PUT as
    ``?{graph_param}=IRI`` (``graph`` works on both; Virtuoso also takes
    ``graph-uri``). ``protocol="update"``: ``endpoint`` is a SPARQL Update URL
    (Oxigraph ``/update``, Virtuoso ``/sparql-auth``).

    ``auth`` is detected from the server's 401 challenge when not given.
    Refused or dropped connections and 5xx are retried ``retries`` times with
    exponential backoff starting at ``backoff`` seconds; a 4xx stops at once.
    ``timeout`` bounds each request as a whole (connecting, sending, reading
    the entire answer), not each read; a request that runs out of time is not
    retried, so a hung server fails the push after about ``timeout`` seconds.
    ``verify`` counts each graph on the remote through ``query_endpoint``
    (derived from ``endpoint`` when not given) and compares with the local count.
    ``graphs`` restricts the push to these graph IRIs.

    With ``ownership`` (:func:`ownership`: the build the store holds, and the earlier builds of its
    output directory), the remote is asked first, through ``query_endpoint``, which build wrote each
    graph that is to be replaced (:mod:`kg.rdf.provenance`): a graph another build wrote, or that no
    kg build's manifest names, is not replaced unless ``force`` (:class:`PushError` before anything
    is sent, ``report.foreign`` listing them); graphs an earlier build of this output wrote and this
    one has not (a removed document, the earlier entities graph) are removed from the remote.

    Raises :class:`PushError` (with ``.report``) if any graph did not land.
    """
    if protocol not in PUSH_PROTOCOLS:
        raise ValueError(f"unknown protocol {protocol!r}; use one of {', '.join(sorted(PUSH_PROTOCOLS))}")
    if batch < 1:
        raise ValueError("batch must be at least 1")
    if (verify or ownership is not None) and query_endpoint is None:
        query_endpoint, ownership = _derived_query_endpoint(endpoint, verify, ownership, force)
    started = time.monotonic()
    report = _planned(store, endpoint, protocol, verify, graphs)
    client = _Client(user=user, password=password, auth=auth, retries=retries, timeout=timeout, backoff=backoff)
    try:
        client.prime(endpoint)
        if ownership is not None:
            _check_ownership_first(report, client, query_endpoint, ownership, force)
        _push_all(store, endpoint, protocol, report, client, batch, graph_param)
        if verify:
            _verify_landed(report, client, query_endpoint)
    except PushError as exc:
        exc.report = report
        raise
    finally:
        client.close()
        report.seconds = time.monotonic() - started
    bad = [g for g in report.graphs if g.status != "landed"]
    if bad:
        first = bad[0]
        raise PushError(
            f"push to {endpoint}: {len(bad)} of {len(report.graphs)} graphs did not land "
            f"(first: <{first.graph}> {first.status}: {first.error})",
            report,
        )
    return report


def _derived_query_endpoint(
    endpoint: str, verify: bool, ownership: Ownership | None, force: bool
) -> tuple[str | None, Ownership | None]:
    """The query endpoint beside ``endpoint`` (to verify or to ask who owns the graphs), and the ownership
    still to check: none when forced and no query endpoint can be derived."""
    try:
        return default_query_endpoint(endpoint), ownership
    except ValueError as error:
        if verify or not force:
            why = "to verify" if verify else "to learn which graphs on it other builds wrote (or force)"
            raise ValueError(f"{error} {why}") from None
        return None, None  # forced: replace whatever is there, without asking


def _planned(
    store: pyoxigraph.Store, endpoint: str, protocol: Protocol, verify: bool, graphs: list[str] | None
) -> PushReport:
    """The report of a push about to start: every graph to send, pending, with its local triple count."""
    report = PushReport(endpoint=endpoint, protocol=protocol, verified=verify)
    # Graphs named by blank nodes cannot be addressed on a remote store.
    local = {g.value for g in store.named_graphs() if isinstance(g, pyoxigraph.NamedNode)}
    selected = sorted(local) if graphs is None else list(graphs)
    for iri in selected:
        pyoxigraph.NamedNode(iri)  # ValueError on a bad IRI before it reaches a query
    for iri in selected:
        # A requested graph that is absent locally is pushed as empty: the
        # remote ends up matching the local store, which has no such triples.
        report.graphs.append(GraphResult(graph=iri, triples=_count(store, iri) if iri in local else 0))
    if graphs is None:
        report.default_graph_triples_skipped = _count(store, None)
    return report


def _check_ownership_first(
    report: PushReport, client: _Client, query_endpoint: str | None, ownership: Ownership, force: bool
) -> None:
    """:func:`_check_ownership`; when it refuses, every graph is marked not attempted."""
    try:
        _check_ownership(report, client, query_endpoint, ownership, force)
    except PushError as exc:
        for result in report.graphs:
            if result.status == "pending":
                result.status, result.error = "failed", f"not attempted: {exc}"
        raise


def _verify_landed(report: PushReport, client: _Client, query_endpoint: str | None) -> None:
    """:func:`_verify_all`; when the check itself fails, the graphs that landed are marked unverified."""
    try:
        _verify_all(report, client, query_endpoint)
    except PushError as exc:
        # The graphs did land; only the check is missing, so say so.
        report.verified = False
        for result in report.graphs:
            if result.status == "landed" and result.remote_triples is None:
                result.status, result.error = "unverified", f"acknowledged but not verified: {exc}"
        raise PushError(f"verify failed: {exc}", status=exc.status, body=exc.body) from exc


@dataclass(frozen=True)
class Ownership:
    """What a push may replace on the remote without ``force``: graphs these builds wrote, and shared ones."""

    #: IRIs of the build the local store holds and of the earlier builds of its output directory.
    builds: frozenset[str]
    #: Graphs every build writes alike (the ontology graph): replaced whoever wrote them.
    shared: frozenset[str] = frozenset()


def ownership(store: pyoxigraph.Store, earlier: Iterable[str] = ()) -> Ownership | None:
    """The builds whose graphs a push of ``store`` may replace: the one whose manifest it holds and ``earlier``.

    None when the store holds no build manifest (not a kg build, or one of an older kg): nothing to tell by.
    """
    builds = {
        row["build"].value
        for row in store.query(f"SELECT DISTINCT ?build WHERE {{ GRAPH ?m {{ ?m <{GENERATED_BY}> ?build }} }}")
    }
    if not builds:
        return None
    shared = {
        row["g"].value
        for row in store.query(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{KG_ONTOLOGY}> a <http://www.w3.org/2002/07/owl#Ontology> }} }}"
        )
    }
    return Ownership(frozenset(builds | set(earlier)), frozenset(shared))


def _check_ownership(
    report: PushReport, client: _Client, query_endpoint: str, ownership: Ownership, force: bool
) -> None:
    """Ask the remote who wrote the graphs to be replaced; refuse another build's (unless ``force``);
    add the graphs an earlier build of this output wrote and this one has not, to be removed."""
    local = {result.graph for result in report.graphs}
    claimed = _select(client, query_endpoint, "builds", sorted(ownership.builds), lambda values: (
        f"SELECT DISTINCT ?g WHERE {{ VALUES ?b {{ {values} }} GRAPH ?m {{ ?m <{GENERATED_BY}> ?b . "
        f"?b <{GENERATED}> ?g }} }}"))  # fmt: skip
    ours = {row["g"]["value"] for row in claimed if row.get("g", {}).get("type") == "uri"}
    present: set[str] = set()
    builders: dict[str, set[str]] = {}
    rows = _select(client, query_endpoint, "graphs", sorted(local | ours), lambda values: (
        f"SELECT ?g ?b WHERE {{ VALUES ?g {{ {values} }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} "
        f"OPTIONAL {{ GRAPH ?m {{ ?m <{GENERATED_BY}> ?b . ?b <{GENERATED}> ?g }} }} }}"))  # fmt: skip
    for row in rows:
        graph = row["g"]["value"]
        present.add(graph)
        if "b" in row:
            builders.setdefault(graph, set()).add(row["b"]["value"])
    foreign = {
        graph: sorted(builders.get(graph, ()))
        for graph in sorted(local & present)
        if graph not in ownership.shared and not builders.get(graph, set()) & ownership.builds
    }
    report.foreign = foreign
    report.superseded = sorted(g for g in ours - local if g in present and builders.get(g, set()) <= ownership.builds)
    if foreign and not force:
        first, by = next(iter(foreign.items()))
        who = f"build <{by[0]}>" + (f" and {len(by) - 1} more" if len(by) > 1 else "") if by else "no kg build"
        message = (
            f"refusing to replace {len(foreign)} graph{'s' if len(foreign) != 1 else ''} on the remote that "
            f"another build wrote (first: <{first}>, by {who}); pass --force (force=True) to replace them"
        )
        for result in report.graphs:
            result.status = "failed"
            result.error = "refused: another build wrote it" if result.graph in foreign else "not attempted"
        raise PushError(message, report)
    report.graphs += [GraphResult(graph=graph, triples=0) for graph in report.superseded]


def _select(
    client: _Client, query_endpoint: str, what: str, iris: list[str], query: Callable[[str], str], size: int = 100
) -> list[dict[str, Any]]:
    """SELECT over ``iris`` in chunks of ``size`` (a ``VALUES`` list each); the bindings of all."""
    rows: list[dict[str, Any]] = []
    for start in range(0, len(iris), size):
        values = " ".join(f"<{iri}>" for iri in iris[start : start + size])
        resp = client.request(
            "POST",
            query_endpoint,
            f"ask which build wrote the {what} at {query_endpoint}",
            data={"query": query(values)},
            headers={"Accept": "application/sparql-results+json"},
        )
        rows += _results(resp, f"ask which build wrote the {what} at {query_endpoint}")["results"]["bindings"]
    return rows


def _push_all(
    store: pyoxigraph.Store,
    endpoint: str,
    protocol: Protocol,
    report: PushReport,
    client: _Client,
    batch: int,
    graph_param: str,
) -> None:
    """Send every graph; on the first failure mark the rest failed and re-raise."""
    for index, result in enumerate(report.graphs):
        try:
            PUSH_PROTOCOLS[protocol](store, endpoint, result, client, batch=batch, graph_param=graph_param)
        except PushError as exc:
            result.status, result.error = "failed", result.error or str(exc)
            for rest in report.graphs[index + 1 :]:
                rest.status, rest.error = (
                    "failed",
                    f"not attempted: push stopped at <{result.graph}>",
                )
            raise
        result.status = "landed"


#: How one graph is sent, by protocol name: ``send(store, endpoint, result, client, *, batch, graph_param)``.
#: A new push target is a registration (:func:`register_push_protocol`), not an edit here.
PUSH_PROTOCOLS: dict[str, Callable[..., None]] = {}


def register_push_protocol(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a function sending one graph to a remote store under ``name`` (``kg push --protocol NAME``)."""

    def register(send: Callable[..., None]) -> Callable[..., None]:
        PUSH_PROTOCOLS[name] = send
        return send

    return register


@register_push_protocol("gsp")
def _put_graph(
    store: pyoxigraph.Store,
    endpoint: str,
    result: GraphResult,
    client: _Client,
    *,
    graph_param: str,
    **_: object,
) -> None:
    """Graph Store Protocol: one idempotent PUT of the graph as N-Triples."""
    data = _ntriples(store, result.graph) if result.triples else b""
    client.request(
        "PUT",
        endpoint,
        f"PUT graph <{result.graph}>",
        params={graph_param: result.graph},
        data=data,
        headers={"Content-Type": "application/n-triples; charset=utf-8"},
    )


@register_push_protocol("update")
def _update_graph(
    store: pyoxigraph.Store,
    endpoint: str,
    result: GraphResult,
    client: _Client,
    *,
    batch: int,
    **_: object,
) -> None:
    """SPARQL 1.1 Update: DROP then INSERT DATA in batches, halving the batch when the server finds it too large."""
    graph = result.graph
    lines = _ntriples(store, graph).splitlines(keepends=True) if result.triples else []
    # Blank-node labels are scoped to one request, so a graph with blank nodes
    # must go in one piece or each of its blank nodes would become two. It is
    # sent as INSERT {...} WHERE {} because Virtuoso rejects blank nodes in
    # INSERT DATA ("not allowed in a constant clause"); the template form is
    # standard SPARQL and makes one fresh blank node per label.
    whole = bool(lines) and _has_blank_nodes(store, graph)
    verb = "INSERT" if whole else "INSERT DATA"
    where = " WHERE {}" if whole else ""
    size = len(lines) if whole else min(batch, client.batch_cap or batch)
    sent, dropped = 0, False
    while not dropped or sent < len(lines):
        chunk = lines[sent : sent + size]
        body = "" if dropped else f"DROP SILENT GRAPH <{graph}> ;\n"
        if chunk:
            body += f"{verb} {{ GRAPH <{graph}> {{\n{b''.join(chunk).decode('utf-8')}}} }}{where}"
        try:
            client.request(
                "POST",
                endpoint,
                f"update graph <{graph}> (triples {sent + 1}-{sent + len(chunk)} of {len(lines)})",
                data=body.encode("utf-8"),
                headers={"Content-Type": "application/sparql-update; charset=utf-8"},
            )
        except PushError as exc:
            if _too_large(exc) and len(chunk) > 1 and not whole:
                size = client.batch_cap = len(chunk) // 2
                continue
            if whole and _too_large(exc):
                result.error = f"{exc} — graph has blank nodes so cannot be split; use protocol='gsp'"
            elif sent:
                result.error = f"{exc} — remote graph is partial ({sent} of {len(lines)} triples sent)"
            raise
        dropped, sent = True, sent + len(chunk)


def _too_large(exc: PushError) -> bool:
    return exc.status == 413 or (exc.status == 400 and bool(TOO_LARGE.search(exc.body[:2000])))


def _verify_all(report: PushReport, client: _Client, query_endpoint: str) -> None:
    """Count each landed graph remotely; a differing count becomes a mismatch."""
    for result in report.graphs:
        if result.status != "landed":
            continue
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{result.graph}> {{ ?s ?p ?o }} }}"
        resp = client.request(
            "POST",
            query_endpoint,
            f"count graph <{result.graph}>",
            data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
        )
        what = f"count graph <{result.graph}> at {query_endpoint}"
        data = _results(resp, what)
        try:
            bindings = data["results"]["bindings"]
            result.remote_triples = int(bindings[0]["n"]["value"]) if bindings else 0
        except (LookupError, TypeError, ValueError):
            raise PushError(f"{what}: no count in the answer{_body_hint(resp)}", status=resp.status_code) from None
        if result.remote_triples != result.triples:
            result.status = "mismatch"
            result.error = f"remote has {result.remote_triples} triples, local {result.triples}"


def _results(resp: requests.Response, what: str) -> dict[str, Any]:
    """The SPARQL JSON results of ``resp``, or :class:`PushError` saying what came instead (e.g. an HTML page)."""
    try:
        data = resp.json()
    except ValueError:
        kind = resp.headers.get("Content-Type") or "no Content-Type"
        raise PushError(
            f"{what}: answer is not SPARQL JSON results (HTTP {resp.status_code}, {kind}){_body_hint(resp)}",
            status=resp.status_code,
            body=resp.text,
        ) from None
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not ("boolean" in data or isinstance(results, dict)):
        raise PushError(f"{what}: answer is JSON but not SPARQL results{_body_hint(resp)}", status=resp.status_code)
    return data


def remote_query(
    query_endpoint: str,
    sparql: str,
    *,
    user: str | None = None,
    password: str | None = None,
    auth: AuthScheme | None = None,
    timeout: float = 30.0,
    retries: int = 0,
) -> dict[str, Any]:
    """Run a SELECT/ASK on a remote endpoint; return the SPARQL 1.1 JSON results."""
    client = _Client(
        user=user,
        password=password,
        auth=auth,
        retries=retries,
        timeout=timeout,
        backoff=0.5,
    )
    try:
        resp = client.request(
            "POST",
            query_endpoint,
            "query",
            data={"query": sparql},
            headers={"Accept": "application/sparql-results+json"},
        )
        return _results(resp, f"query at {query_endpoint}")
    finally:
        client.close()
