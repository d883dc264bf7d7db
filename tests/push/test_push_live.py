"""Push a local store to real Oxigraph and Virtuoso servers and compare results.

Servers are real processes on loopback (see tests/servers.py); the only fake
server is a stdlib HTTP stub used to produce 5xx/4xx answers on demand.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.push import PushError, default_query_endpoint, push, remote_query
from kg.serve import ServeError, port_is_free, serve, wait_until_up
from tests.servers import Server, free_port, oxigraph_server, stop_process

EX = "http://example.org/kg/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
GRAPHS = [f"{EX}doc/{name}" for name in ("alpha", "beta", "gamma")]


def n(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


def typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


def build_store() -> ox.Store:
    """Three document graphs of statement nodes with awkward literals."""
    store = ox.Store()
    tricky = [
        ox.Literal('He said "no" \\ then left'),
        ox.Literal("line one\nline two\r\nline three\ttabbed"),
        ox.Literal("Zürich, Αθήνα, 東京, emoji 😀, rtl עברית"),
        ox.Literal("Paris", language="fr"),
        ox.Literal("Colour", language="en-GB"),
        typed("42", "integer"),
        typed("0.75", "decimal"),
        typed("true", "boolean"),
        typed("2024-02-29", "date"),
        ox.Literal(""),
    ]
    for gi, iri in enumerate(GRAPHS):
        g = ox.NamedNode(iri)
        for i in range(12 + gi):
            st, ent = n(f"st/{gi}/{i}"), n(f"ent/{i % 5}")
            store.add(ox.Quad(st, ox.NamedNode(RDF + "type"), n("Statement"), g))
            store.add(ox.Quad(st, ox.NamedNode(RDF + "subject"), ent, g))
            store.add(ox.Quad(st, ox.NamedNode(RDF + "predicate"), n(f"rel/{i % 3}"), g))
            store.add(ox.Quad(st, ox.NamedNode(RDF + "object"), tricky[(i + gi) % len(tricky)], g))
            store.add(ox.Quad(st, n("confidence"), typed(f"0.{(i * 7 + gi) % 10}5", "decimal"), g))
            store.add(ox.Quad(ent, n("label"), ox.Literal(f"Entity {i % 5}", language="en"), g))
    # A blank node (a provenance record), to exercise the blank-node path.
    prov = ox.BlankNode()
    store.add(ox.Quad(n("st/0/0"), n("provenance"), prov, ox.NamedNode(GRAPHS[0])))
    store.add(ox.Quad(prov, n("extractor"), ox.Literal("openie 😀 v1"), ox.NamedNode(GRAPHS[0])))
    # Default-graph triples are not pushed (documents live in named graphs).
    store.add(ox.Quad(n("kg"), n("builtBy"), ox.Literal("kg"), ox.DefaultGraph()))
    return store


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return build_store()


def local_count(store: ox.Store, graph: str) -> int:
    return len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(graph))))


# --------------------------------------------------------------- result normalization

VALUES = "VALUES ?g { " + " ".join(f"<{g}>" for g in GRAPHS) + " }"
QUERIES = {
    "all": f"SELECT ?g ?s ?p ?o WHERE {{ {VALUES} GRAPH ?g {{ ?s ?p ?o }} }}",
    "counts": f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ {VALUES} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g",
    "join": f"""PREFIX rdf: <{RDF}> PREFIX ex: <{EX}>
        SELECT ?g ?label ?rel ?conf WHERE {{ {VALUES} GRAPH ?g {{
            ?st rdf:subject ?e ; rdf:predicate ?rel ; ex:confidence ?conf .
            ?e ex:label ?label }} }}""",
    "filter": f"""PREFIX rdf: <{RDF}>
        SELECT DISTINCT ?o WHERE {{ {VALUES} GRAPH ?g {{ ?st rdf:object ?o
            FILTER(isLiteral(?o) && (lang(?o) != "" || CONTAINS(STR(?o), "\\n"))) }} }}""",
    "blank": f"""PREFIX ex: <{EX}>
        SELECT ?x WHERE {{ GRAPH <{GRAPHS[0]}> {{ ?st ex:provenance ?b . ?b ex:extractor ?x }} }}""",
}


def term_key(term: dict | None) -> str | None:
    """One SPARQL JSON term as a comparable string (blank node labels ignored)."""
    if term is None:
        return None
    kind, value = term["type"], term["value"]
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return "_:b"
    if "xml:lang" in term:  # language tags are case-insensitive
        return f"{value!r}@{term['xml:lang'].lower()}"
    datatype = term.get("datatype", XSD + "string")
    if datatype == XSD + "boolean":
        # Virtuoso stores booleans as integers and answers "1"/"0": same value,
        # other lexical form, so compare canonical forms.
        value = {"1": "true", "0": "false"}.get(value, value)
    return f"{value!r}^^{datatype}"


def rows(results: dict) -> set[tuple]:
    names = results["head"]["vars"]
    return {tuple(term_key(b.get(v)) for v in names) for b in results["results"]["bindings"]}


def local_rows(store: ox.Store, sparql: str) -> set[tuple]:
    data = store.query(sparql).serialize(format=ox.QueryResultsFormat.JSON)
    return rows(json.loads(data))


# --------------------------------------------------------------- live pushes


def endpoint_for(server: Server, protocol: str) -> str:
    return server.gsp if protocol == "gsp" else server.update


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_push_lands_and_matches_local(server: Server, store: ox.Store, protocol: str) -> None:
    report = push(
        store,
        endpoint_for(server, protocol),
        protocol,
        user=server.user,
        password=server.password,
        verify=True,
    )
    assert report.ok and report.landed == 3
    assert [g.graph for g in report.graphs] == sorted(GRAPHS)
    for result in report.graphs:
        assert result.status == "landed"
        assert result.triples == local_count(store, result.graph) > 0
        assert result.remote_triples == result.triples
    assert report.default_graph_triples_skipped == 1
    json.dumps(report.to_dict())  # JSON-ready
    assert report.to_dict()["totals"]["triples"] == sum(local_count(store, g) for g in GRAPHS)

    for name, sparql in QUERIES.items():
        remote = rows(remote_query(server.query, sparql))
        assert remote == local_rows(store, sparql), f"{server.name}/{protocol}: query {name!r} differs"

    # Idempotent: pushing again replaces rather than duplicates.
    again = push(
        store,
        endpoint_for(server, protocol),
        protocol,
        user=server.user,
        password=server.password,
        verify=True,
    )
    assert [(g.graph, g.remote_triples) for g in again.graphs] == [(g.graph, g.remote_triples) for g in report.graphs]
    blank = rows(remote_query(server.query, QUERIES["blank"]))
    assert len(blank) == 1  # one provenance node, not two


def test_push_replaces_changed_graph(server: Server) -> None:
    """A graph that shrank locally shrinks remotely too (PUT / DROP replace)."""
    g = ox.NamedNode(EX + "doc/shrinking")
    big, small = ox.Store(), ox.Store()
    for i in range(5):
        big.add(ox.Quad(n(f"s{i}"), n("p"), ox.Literal(f"v{i}"), g))
    small.add(ox.Quad(n("s0"), n("p"), ox.Literal("v0"), g))
    for protocol in ("gsp", "update"):
        for local, expected in ((big, 5), (small, 1)):
            report = push(
                local,
                endpoint_for(server, protocol),
                protocol,
                user=server.user,
                password=server.password,
                verify=True,
            )
            assert report.graphs[0].remote_triples == expected


def test_update_splits_batches_virtuoso_rejects(virtuoso: Server) -> None:
    """Virtuoso refuses INSERT DATA over ~1,200 triples; push halves the batch."""
    g = ox.NamedNode(EX + "doc/large")
    local = ox.Store()
    local.extend(ox.Quad(n(f"e{i}"), n("confidence"), typed(f"0.{i % 97}", "decimal"), g) for i in range(3000))
    report = push(
        local,
        virtuoso.update,
        "update",
        user="dba",
        password="dba",
        batch=10_000,
        verify=True,
    )
    assert report.graphs[0].remote_triples == 3000


def test_virtuoso_gsp_accepts_graph_uri_parameter(virtuoso: Server, store: ox.Store) -> None:
    report = push(
        store,
        virtuoso.gsp,
        "gsp",
        user="dba",
        password="dba",
        auth="digest",
        graph_param="graph-uri",
        verify=True,
    )
    assert report.ok


def test_virtuoso_wrong_password_is_immediate_4xx(virtuoso: Server, store: ox.Store) -> None:
    with pytest.raises(PushError) as caught:
        push(
            store,
            virtuoso.gsp,
            "gsp",
            user="dba",
            password="wrong",
            retries=3,
            backoff=5,
        )
    message = str(caught.value)
    assert "HTTP 401" in message and virtuoso.gsp in message and "\n" not in message
    assert "attempts" not in message  # not retried
    assert all(g.status == "failed" for g in caught.value.report.graphs)


def test_verify_against_other_store_reports_mismatch(oxigraph: Server, store: ox.Store) -> None:
    """Verifying through an empty server's query endpoint must not pass."""
    with (
        oxigraph_server() as empty,
        pytest.raises(PushError, match="did not land") as caught,
    ):
        push(store, oxigraph.gsp, "gsp", verify=True, query_endpoint=empty.query)
    report = caught.value.report
    assert {g.status for g in report.graphs} == {"mismatch"}
    assert all(g.remote_triples == 0 for g in report.graphs)
    assert report.landed == 0


# --------------------------------------------------------------- failures


def test_closed_port_fails_every_graph(store: ox.Store) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(PushError) as caught:
        push(store, endpoint, "gsp", retries=2, backoff=0.01)
    assert endpoint in str(caught.value) and "cannot connect" in str(caught.value)
    report = caught.value.report
    assert len(report.graphs) == 3 and report.landed == 0
    assert all(g.status == "failed" and g.error for g in report.graphs)


class Stub:
    """A loopback HTTP server answering every request with a fixed status.

    ``ok_first`` requests are answered 204 before the fixed status kicks in.
    """

    def __init__(self, status: int, body: bytes = b"", ok_first: int = 0) -> None:
        self.status, self.body, self.ok_first, self.hits = status, body, ok_first, 0
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                stub.hits += 1
                status = 204 if stub.hits <= stub.ok_first else stub.status
                self.send_response(status)
                self.send_header("Content-Length", str(0 if status == 204 else len(stub.body)))
                self.end_headers()
                if status != 204:
                    self.wfile.write(stub.body)

            do_GET = do_PUT = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def stub_factory() -> Iterator:
    stubs: list[Stub] = []

    def make(*args, **kwargs) -> Stub:
        stubs.append(Stub(*args, **kwargs))
        return stubs[-1]

    yield make
    for stub in stubs:
        stub.close()


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_500_retried_then_error(stub_factory, store: ox.Store, protocol: str) -> None:
    stub = stub_factory(500, b"Internal trouble")
    with pytest.raises(PushError) as caught:
        push(store, stub.url + "/store", protocol, retries=2, backoff=0.01)
    assert stub.hits == 3  # one try + two retries, then stop
    assert "HTTP 500" in str(caught.value) and "after 3 attempts" in str(caught.value)
    assert caught.value.report.landed == 0
    assert all(g.status == "failed" for g in caught.value.report.graphs)


def test_4xx_is_immediate_and_one_line(stub_factory, store: ox.Store) -> None:
    stub = stub_factory(400, b"Bad graph IRI\nmore detail")
    with pytest.raises(PushError) as caught:
        push(store, stub.url + "/store", "gsp", retries=3, backoff=5)
    message = str(caught.value)
    assert stub.hits == 1
    assert "\n" not in message and "HTTP 400" in message and "Bad graph IRI" in message
    assert stub.url in message


def test_failure_mid_graph_is_reported_partial(stub_factory) -> None:
    g = ox.NamedNode(EX + "doc/partial")
    local = ox.Store()
    local.extend(ox.Quad(n(f"s{i}"), n("p"), ox.Literal(str(i)), g) for i in range(5))
    stub = stub_factory(403, b"Forbidden", ok_first=1)
    with pytest.raises(PushError) as caught:
        push(local, stub.url + "/update", "update", batch=2, retries=0)
    result = caught.value.report.graphs[0]
    assert result.status == "failed" and "partial (2 of 5 triples sent)" in result.error


def test_default_query_endpoints() -> None:
    assert default_query_endpoint("http://h:1/store") == "http://h:1/query"
    assert default_query_endpoint("http://h:1/update") == "http://h:1/query"
    assert default_query_endpoint("http://h:1/sparql-graph-crud-auth") == "http://h:1/sparql"
    assert default_query_endpoint("http://h:1/sparql-auth") == "http://h:1/sparql"
    with pytest.raises(ValueError):
        default_query_endpoint("http://h:1/elsewhere")


# --------------------------------------------------------------- serve


def test_serve_read_only_store_dir(tmp_path: Path) -> None:
    location = tmp_path / "store"
    disk = ox.Store(str(location))
    disk.add(ox.Quad(n("s"), n("p"), ox.Literal("served"), ox.NamedNode(GRAPHS[0])))
    disk.flush()
    del disk  # release the write lock before another process opens the store
    port = free_port()
    proc = serve(location, port=port)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=20, proc=proc)
        result = remote_query(
            f"http://127.0.0.1:{port}/query",
            "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
        )
        assert [b["o"]["value"] for b in result["results"]["bindings"]] == ["served"]
        assert not port_is_free("127.0.0.1", port)
        with pytest.raises(ServeError, match="already in use"):
            serve(location, port=port)
    finally:
        stop_process(proc)


def test_serve_missing_binary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ServeError, match="pip install oxigraph"):
        serve(tmp_path, port=free_port())


def test_virtuoso_without_credentials_says_so(virtuoso: Server, store: ox.Store) -> None:
    with pytest.raises(PushError, match=r"HTTP 401 .*needs user= and password="):
        push(store, virtuoso.gsp, "gsp")


def test_bad_graph_iri_rejected_before_sending(oxigraph: Server, store: ox.Store) -> None:
    with pytest.raises(ValueError):
        push(store, oxigraph.gsp, "gsp", graphs=["http://x/> } DROP ALL ; <http://y"])
