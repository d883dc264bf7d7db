"""Every export reads back as the same statements in rdflib and in pyoxigraph.

Quad formats (nq, trig) give the store's quads; triple formats (ttl, nt,
jsonld, xml) give the union of its graphs, each triple once. Compared as
sets of terms, not only counts, so a parser that reads a carriage return as
a line feed is caught too.
"""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
import rdflib

import kg
from kg.graph import KnowledgeGraph
from kg.rdf.iris import entities_graph_iri, relation_iri
from kg.rdf.mapping import map_entities
from kg.rdf.namespaces import KG
from kg.rdf.terms import iri, literal, quad
from kg.records import Entity, EntityIndex
from kg.store import FORMATS, GraphStore

# Characters XML 1.0 cannot carry, and the whitespace XML parsers normalise.
HOSTILE = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\ufffe", "\uffff", "\ud800", "\r", "\r\n", "\t",
           "\x7f", "\x85", "]]>", "<&>", '"', "\\", "\U0001f600"]  # fmt: skip
QUAD_FORMATS = ("nq", "trig")  # keep the named graphs; the other formats merge them
SENTENCE = "Senior Taliban officials met a U.S. delegation in Doha on Saturday."


def _ox_key(term: ox.NamedNode | ox.Literal | ox.BlankNode | ox.DefaultGraph) -> tuple:
    if isinstance(term, ox.Literal):
        return ("literal", term.value, term.datatype.value, term.language)
    if isinstance(term, ox.DefaultGraph):
        return ("default",)
    return ("iri", term.value)


def _rdflib_key(term: rdflib.term.Node | None) -> tuple:
    if term is None or term == rdflib.graph.DATASET_DEFAULT_GRAPH_ID:
        return ("default",)
    if isinstance(term, rdflib.Literal):
        datatype = str(term.datatype or (rdflib.RDF.langString if term.language else rdflib.XSD.string))
        return ("literal", str(term), datatype, term.language)
    return ("iri", str(term))


def read_back(data: bytes, fmt: str) -> dict[str, list[tuple]]:
    """Statements as each parser reads them: quads for quad formats, triples otherwise (a list: repeats count)."""
    ox_format, rdflib_format = FORMATS[fmt]
    width = 4 if fmt in QUAD_FORMATS else 3
    from_ox = [
        tuple(_ox_key(t) for t in (q.subject, q.predicate, q.object, q.graph_name)[:width])
        for q in ox.parse(data, format=ox_format)
    ]
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format=rdflib_format)
    from_rdflib = [tuple(_rdflib_key(t) for t in q[:width]) for q in dataset.quads((None, None, None, None))]
    return {"pyoxigraph": from_ox, "rdflib": from_rdflib}


def stored(store: GraphStore, fmt: str) -> set[tuple]:
    """What an export of ``fmt`` should hold: the quads, or the distinct triples."""
    graph = KnowledgeGraph(store)
    quads = {
        tuple(_ox_key(t) for t in (q.subject, q.predicate, q.object, q.graph_name))
        for q in ox.parse(graph.serialize("nq"), format=ox.RdfFormat.N_QUADS)
    }
    return quads if fmt in QUAD_FORMATS else {q[:3] for q in quads}


def hostile_store(kind: str) -> GraphStore:
    """Two graphs sharing a triple, literals with every hostile character, a property ending in '%27'."""
    store = GraphStore(kind=kind)
    p = iri(relation_iri("rock'"))
    lines = []
    for number, graph in enumerate(("https://example.org/g/1", "https://example.org/g/2")):
        g = iri(graph)
        lines.append(quad(iri("https://example.org/a"), iri(relation_iri("meet")), iri("https://example.org/b"), g))
        for n, char in enumerate(HOSTILE):
            subject = iri(f"https://example.org/s/{number}/{n}")
            lines.append(quad(subject, p, literal(f"a{char}b"), g))
            lines.append(quad(subject, iri("https://example.org/only"), literal(char), g))
    store.load_nquads("".join(lines))
    return store


@pytest.mark.parametrize("kind", ["oxigraph", "memory"])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_hostile_literals_read_back_alike_in_both_parsers(kind, fmt):
    store = hostile_store(kind)
    expected = stored(store, fmt)
    data = KnowledgeGraph(store).serialize(fmt)
    for parser, statements in read_back(data, fmt).items():
        assert len(statements) == len(expected), parser  # no repeats: the shared triple is written once
        assert set(statements) == expected, parser


def test_carriage_returns_survive_rdf_xml():
    store = hostile_store("oxigraph")
    data = KnowledgeGraph(store).serialize("xml")
    values = {statement[2][1] for statement in read_back(data, "xml")["rdflib"]}
    assert "a\rb" in values and "a\r\nb" in values


def test_json_ld_is_one_graph_for_rdflib():
    # rdflib.Graph reads only the default graph: named graphs in JSON-LD gave it 0 triples.
    store = hostile_store("oxigraph")
    graph = rdflib.Graph()
    graph.parse(data=KnowledgeGraph(store).serialize("jsonld"), format="json-ld")
    assert len(graph) == len(stored(store, "jsonld"))


def test_built_graph_exports_read_back_alike(cli, tmp_path):
    """A build from hostile text, exported with ``kg export`` to files, reads back alike everywhere."""
    source = tmp_path / "in.jsonl"
    texts = [
        SENTENCE + " The spokesman said the \x1b[31mcouncil\x1b[0m would meet\x0b again.\r\nIt\x0crained.",
        SENTENCE,
    ]
    source.write_text(
        "".join(json.dumps({"id": f"doc\x01{n}", "title": f"t\x08{n}", "text": t}) + "\n" for n, t in enumerate(texts)),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    kg.build([source], out, settings=kg.Settings(write_html=False)).close()
    with KnowledgeGraph.open(out) as graph:
        assert len(list(graph.store.ox.quads_for_pattern(None, ox.NamedNode(str(KG.documentId)), None))) == 2
        expected = {fmt: stored(graph.store, fmt) for fmt in FORMATS}
    assert len(expected["nt"]) < len(expected["nq"])  # the same fact from both documents
    for fmt in FORMATS:
        target = tmp_path / f"graph.{fmt}"
        assert cli("export", out, "--format", fmt, "-o", target).exit_code == 0
        for parser, statements in read_back(target.read_bytes(), fmt).items():
            assert len(statements) == len(expected[fmt]) and set(statements) == expected[fmt], (fmt, parser)


def test_export_to_a_file_named_like_markup(cli, corpus_out, tmp_path):
    (tmp_path / "[").mkdir()
    target = tmp_path / "[" / "x][bold]graph.ttl"  # the path holds '[/x]', a closing tag to rich
    result = cli("export", corpus_out, "--format", "ttl", "-o", target)
    assert result.exit_code == 0 and target.stat().st_size > 1000
    assert str(target) in result.stderr.replace("\n", "")


def test_a_base_iri_ending_in_hash_gives_valid_sentence_iris(tmp_path):
    # The document IRI has a fragment already; '#char=0,5' after it made Oxigraph refuse the load.
    source = tmp_path / "a.txt"
    source.write_text(SENTENCE, encoding="utf-8")
    graph = kg.build([source], settings=kg.Settings(write_html=False, base="https://example.org/kg#"))
    sentences = [str(row[0]) for row in graph.query("SELECT ?s WHERE { ?s a nif:Sentence }")]
    assert sentences and all(s.count("#") == 1 and "%23char=" in s for s in sentences)
    for fmt in FORMATS:
        assert all(
            len(statements) == len(stored(graph.store, fmt))
            for statements in read_back(graph.serialize(fmt), fmt).values()
        )


def test_entities_graph_writes_each_quad_once():
    # graph.trig and the shards write this text as it is: aliases that differ only in characters a
    # literal cannot carry (all become "Geneva\ufffd") once gave the same quad twice, or spelled
    # "Geneva\\uFFFD" beside "Geneva\ufffd" (one literal, two N-Quads lines).
    geneva = Entity(key="place/geneva", type="Place", label="Geneva", aliases={"Geneva\x01", "Geneva\x02", "Geneva\ufffd"},
                    same_as=["http://www.wikidata.org/entity/Q71", "http://www.wikidata.org/entity/Q71"])  # fmt: skip
    nquads = map_entities(EntityIndex(entities={geneva.key: geneva}), "https://example.org/kg/", ["meet"],
                          entities_graph_iri("https://example.org/kg/"))  # fmt: skip
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(set(quads)) == len(nquads.splitlines())
    assert sum(1 for q in quads if q.object == ox.Literal("Geneva\ufffd")) == 1
