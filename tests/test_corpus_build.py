"""The demo build of the sample corpus: outputs exist, parse strictly, validate, and read well."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox

import kg
from kg.validate import validate

from .conftest import CORPUS


def test_outputs_are_written(corpus_out):
    for name in ("graph.trig", "graph.html", "report.json", "store", "state.json"):
        assert (corpus_out / name).exists(), name


def test_trig_parses_with_the_strict_parser(corpus_out, corpus_graph):
    quads = list(ox.parse(path=str(corpus_out / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert len(quads) == len(corpus_graph)
    graphs = {q.graph_name.value for q in quads}
    assert len([g for g in graphs if "/doc/" in g]) == 5


def test_report_counts(corpus_out):
    report = json.loads((corpus_out / "report.json").read_text())
    assert report["documents"] == 5
    # corpus/README.md describes the corpus: said, not read as a sixth document.
    assert [(s["source"].rsplit("/", 1)[-1], "README" in s["reason"]) for s in report["skipped"]] == [
        ("README.md", True)
    ]
    assert report["statements"] > 100 and report["sentences"] > 50
    assert {r["source"].rsplit("/", 1)[-1] for r in report["repaired"]} >= {
        "001_bf153b1adad51d68.txt", "004_dfa5799bdc69112f.txt"}  # fmt: skip
    for key in ("read_parse_extract", "resolve_entities", "map_and_store"):
        assert report["timings"][key] >= 0


def test_shacl_conforms(corpus_graph):
    report = validate(corpus_graph.dataset)
    assert report.conforms, report.text[:2000]
    assert report.focus_nodes > 100


def test_shacl_catches_a_broken_statement(corpus_graph):
    from rdflib import Dataset, Literal, URIRef

    from kg.rdf.namespaces import KG

    broken = Dataset(default_union=True)
    for quad in corpus_graph.dataset.quads((None, None, None, None)):
        broken.add(quad)
    statement = next(iter(broken.subjects(predicate=KG.confidence)))
    broken.add((statement, KG.confidence, Literal(7.0), URIRef("https://example.org/kg/graph/x")))
    assert not validate(broken).conforms


def test_html_view_is_self_contained(corpus_out):
    page = (corpus_out / "graph.html").read_text()
    assert "vis-network" in page or "vis.Network" in page
    assert not re.search(r"""<(script|link)[^>]+(src|href)=["']https?://""", page)


def test_documents_live_in_their_own_graphs(corpus_graph):
    rows = list(corpus_graph.query(
        "SELECT ?g (COUNT(?st) AS ?n) WHERE { GRAPH ?g { ?st a kg:Statement } } GROUP BY ?g"
    ))  # fmt: skip
    assert len(rows) == 5 and all(int(r[1]) > 0 for r in rows)


def test_relations_are_declared_with_labels(corpus_graph):
    undeclared = list(corpus_graph.query(
        "SELECT DISTINCT ?p WHERE { ?st rdf:predicate ?p FILTER NOT EXISTS { ?p a kg:Relation ; rdfs:label ?l } }"
    ))  # fmt: skip
    assert undeclared == []


def test_replayed_documents_give_the_graph_of_a_full_resolution(corpus_out, corpus_graph):
    """Documents that replay their early resolution end as if resolved across the corpus:
    the same quads as a build into rdflib's memory store, which resolves every document."""
    from kg.settings import Settings

    report = json.loads((corpus_out / "report.json").read_text())
    assert report["documents_replayed"] >= 3, report["documents_replayed"]
    with kg.build([CORPUS], settings=Settings(store="memory")) as full:
        assert full.report.documents_replayed == 0
        expected = sorted(str(q) for q in ox.parse(full.serialize("nq"), format=ox.RdfFormat.N_QUADS))
    assert sorted(str(q) for q in ox.parse(corpus_graph.serialize("nq"), format=ox.RdfFormat.N_QUADS)) == expected
