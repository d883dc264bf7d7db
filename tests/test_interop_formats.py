"""Outputs other tools take as they are: SPARQL CSV/TSV results by the spec, RDF/XML named ``.rdf``,
compact JSON-LD that rdflib, PyLD and pyoxigraph read back alike and that frames by ``@type``."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
import rdflib
from pyld import jsonld

from kg.rdf.namespaces import KG, PREFIXES

EX = "http://e.org/"
#: Values with what CSV and TSV must carry: tabs, line breaks, carriage returns, quotes, commas, backslashes.
AWKWARD = ["tab\there", "two\nlines", "cr\rlf\r\n", 'say "no", then', "back\\slash", "plain", " padded "]


@pytest.fixture()
def awkward_out(tmp_path):
    """An output directory whose store holds the awkward values (and a language and a typed literal)."""
    out = tmp_path / "out"
    out.mkdir()
    store = ox.Store(str(out / "store"))
    graph = ox.NamedNode(EX + "g")
    for n, value in enumerate(AWKWARD):
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{n}"), ox.NamedNode(EX + "p"), ox.Literal(value), graph))
    store.add(ox.Quad(ox.NamedNode(EX + "t"), ox.NamedNode(EX + "p"), ox.Literal("x\ty", language="en"), graph))
    store.add(ox.Quad(ox.NamedNode(EX + "u"), ox.NamedNode(EX + "p"), ox.Literal("7", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")), graph))  # fmt: skip
    store.flush()
    del store
    return out


QUERY = f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s"


def expected_terms(out) -> list[tuple]:
    store = ox.Store.read_only(str(out / "store"))
    return [(row["s"], row["o"]) for row in store.query(QUERY, use_default_graph_as_union=True)]


def test_tsv_results_escape_tabs_and_line_breaks_and_read_back_exactly(cli, awkward_out):
    result = cli("query", awkward_out, QUERY, "--format", "tsv")
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    lines = data.split(b"\n")
    assert lines[0] == b"?s\t?o" and lines[-1] == b""
    assert len(lines) == len(AWKWARD) + 2 + 2  # header, rows, final newline: no value split a row
    assert all(line.count(b"\t") == 1 for line in lines[:-1])  # ... nor a column
    assert b'"tab\\there"' in data and b'"two\\nlines"' in data and b'"cr\\rlf\\r\\n"' in data
    # Oxigraph's SPARQL TSV parser reads back the very terms.
    parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.TSV)
    assert [(row["s"], row["o"]) for row in parsed] == expected_terms(awkward_out)


def test_csv_results_keep_every_value_as_it_is(cli, awkward_out):
    result = cli("query", awkward_out, QUERY, "--format", "csv")
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes.decode("utf-8")
    assert data.startswith("s,o\r\n") and data.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(data, newline="")))
    assert rows[0] == ["s", "o"]
    assert [tuple(row) for row in rows[1:]] == [(s.value, o.value) for s, o in expected_terms(awkward_out)]


def test_rdf_xml_is_written_rdf_and_named_so(cli, corpus_out, tmp_path):
    nt = tmp_path / "graph.nt"
    assert cli("export", corpus_out, "--format", "nt", "-o", nt).exit_code == 0
    triples = set(ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES))
    for fmt in ("rdfxml", "xml"):
        folder = tmp_path / fmt
        folder.mkdir()
        result = cli("export", corpus_out, "--format", fmt, "-o", folder)
        assert result.exit_code == 0, result.output
        assert [p.name for p in folder.iterdir()] == ["graph.rdf"]
        assert set(ox.parse(path=str(folder / "graph.rdf"), format=ox.RdfFormat.RDF_XML)) == triples
    # The suffix tells the format when --format is not given.
    told = tmp_path / "told.rdf"
    assert cli("export", corpus_out, "-o", told).exit_code == 0
    assert set(ox.parse(path=str(told), format=ox.RdfFormat.RDF_XML)) == triples
    # A .xml name is written as asked, with a warning: RDF4J and GraphDB would read it as TriX.
    warned = cli("export", corpus_out, "--format", "xml", "-o", tmp_path / "graph.xml")
    assert warned.exit_code == 0 and "TriX" in warned.stderr and ".rdf" in warned.stderr


def _triples(quads) -> list[ox.Triple]:
    return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]


def _double_as_value(triple: ox.Triple) -> tuple:
    term = triple.object
    if isinstance(term, ox.Literal) and term.datatype.value.endswith("#double"):
        return (triple.subject, triple.predicate, float(term.value))
    return (triple.subject, triple.predicate, term)


def _triples_of_nquads(text: str) -> set[ox.Triple]:
    return set(_triples(ox.parse(text.encode(), format=ox.RdfFormat.N_QUADS)))


def test_json_ld_is_compact_and_reads_back_alike_in_rdflib_pyld_and_pyoxigraph(cli, corpus_out, tmp_path):
    target = tmp_path / "graph.jsonld"
    assert cli("export", corpus_out, "--format", "jsonld", "-o", target).exit_code == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["@context"] == PREFIXES
    nodes = document["@graph"]
    keys = {key for node in nodes for key in node}
    assert "kg:relationText" in keys and "rdfs:label" in keys and "@type" in keys
    assert not [key for key in keys if key.startswith(tuple(PREFIXES.values()))]  # every key compact
    assert any(node.get("@type") == ["kg:Statement"] for node in nodes)

    nt = tmp_path / "graph.nt"
    assert cli("export", corpus_out, "--format", "nt", "-o", nt).exit_code == 0
    expected = set(_triples(ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES)))
    from_pyld = _triples_of_nquads(jsonld.to_rdf(document, {"format": "application/n-quads"}))
    from_ox = _triples(ox.parse(path=str(target), format=ox.RdfFormat.JSON_LD))
    from_rdflib = rdflib.Graph().parse(target, format="json-ld")
    assert len(from_pyld) == len(from_ox) == len(from_rdflib) == len(expected)
    assert set(from_ox) == expected
    # PyLD writes xsd:double values in canonical form ("0.68" as "6.8E-1"): the same values.
    assert {_double_as_value(t) for t in from_pyld} == {_double_as_value(t) for t in expected}
    assert _triples_of_nquads(from_rdflib.serialize(format="nt")) == expected


def test_json_ld_frames_by_type(cli, corpus_out, corpus_graph, tmp_path):
    target = tmp_path / "graph.jsonld"
    assert cli("export", corpus_out, "--format", "jsonld", "-o", target).exit_code == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    framed = jsonld.frame(document, {"@context": document["@context"], "@type": "kg:Statement"})
    statements = {node["@id"] for node in framed["@graph"]}
    stored = {str(row.s) for row in corpus_graph.query("SELECT DISTINCT ?s WHERE { ?s a kg:Statement }")}
    assert len(statements) == len(stored) > 100
    expanded = {
        jsonld.expand({"@context": PREFIXES, "@id": node_id, str(KG.value): "x"})[0]["@id"] for node_id in statements
    }
    assert expanded == stored
    one = framed["@graph"][0]
    assert one["@type"] == "kg:Statement" and "kg:relationText" in one and "rdf:predicate" in one
