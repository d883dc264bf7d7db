"""The README's "Registries" examples run: each block is executed and what it registers is used.

Each block registers into kg's global registries; the fixture puts every registry back afterwards,
so no other test sees the example parts.
"""

from __future__ import annotations

import re

import pyoxigraph
import pytest

import kg
from kg import extractors, push, sinks, store
from kg.extraction import extract_sentence
from kg.extraction.rules import clause_rules, noun_phrase_rules, object_rules
from kg.parsing import load_pipeline

from .conftest import ROOT
from .servers import graph_count, oxigraph_server


def blocks() -> list[str]:
    """The Python blocks of the README's Registries section, in order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Registries", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


@pytest.fixture
def examples():
    """The README blocks run, by what they register (rule, extractor, sink, store, push target)."""
    saved = [(registry, dict(registry._rules)) for registry in (noun_phrase_rules, clause_rules, object_rules)]
    tables = [extractors._EXTRACTORS, sinks._SINKS, store._STORES, push.PUSH_PROTOCOLS]
    copies = [dict(table) for table in tables]
    namespace: dict = {}
    try:
        found = blocks()
        assert len(found) == 5
        for block in found:
            exec(compile(block, "README.md", "exec"), namespace)
        yield namespace
    finally:
        for registry, rules in saved:
            registry._rules = rules
        for table, copy in zip(tables, copies, strict=True):
            table.clear()
            table.update(copy)


def test_the_rule_example_reads_its_construction(examples):
    doc = load_pipeline()("Crowds gathered at the Kabul airport.")
    found = [e for e in extract_sentence(doc[:], sentence=0) if e.construction == "place_compound"]
    assert [(e.subject.text, e.predicate, e.arguments[0].text) for e in found] == [
        ("the Kabul airport", "be_in", "Kabul")
    ]


def test_the_extractor_sink_and_store_examples_make_a_build(examples, tmp_path, capsys):
    (tmp_path / "a.txt").write_text("First line.\nSecond line.\n")
    settings = kg.Settings(extractor="lines", sinks=("counts",), store="logged")
    graph = kg.build([tmp_path / "a.txt"], tmp_path / "out", settings=settings)
    assert graph.report.sentences == 2
    assert examples["LoggedStore"].loads > 0
    assert re.search(r"^\d+ graphs, \d+ triples$", capsys.readouterr().out, re.M)
    graph.close()


def test_the_push_example_adds_a_graph(examples):
    local = pyoxigraph.Store()
    graph = pyoxigraph.NamedNode("https://example.org/g")
    local.add(pyoxigraph.Quad(pyoxigraph.NamedNode("https://example.org/a"), graph, pyoxigraph.Literal("x"), graph))
    with oxigraph_server() as server:
        report = push.push(local, server.gsp, "gsp-post")
        assert [(g.graph, g.status) for g in report.graphs] == [("https://example.org/g", "landed")]
        assert graph_count(server, "https://example.org/g") == 1
