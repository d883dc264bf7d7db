"""The entity graph as NetworkX: attributes, and GraphML/GEXF/JSON round trips."""

from __future__ import annotations

import pytest

import kg
from kg.networkx_io import read_networkx, write_networkx

NODE_KEYS = ("label", "type", "aliases", "mentions", "documents")
EDGE_KEYS = ("relation", "predicate", "statement", "sentence", "document", "title", "location", "time", "negated",
             "confidence", "attributed_to")  # fmt: skip


@pytest.fixture(scope="module")
def entities(corpus_graph):
    return corpus_graph.to_networkx()


def test_entity_graph_attributes(entities):
    assert entities.number_of_nodes() > 100 and entities.number_of_edges() > 100
    taliban = entities.nodes["https://example.org/kg/entity/organization/taliban"]
    assert taliban["type"] == "Organization" and taliban["mentions"] > 10 and len(taliban["documents"]) == 5
    for _, _, key, data in entities.edges(keys=True, data=True):
        assert key == data["statement"]
        assert set(EDGE_KEYS) <= set(data)
        assert isinstance(data["negated"], bool) and 0 < data["confidence"] < 1
        assert data["sentence"] and data["document"]
    assert any(d["location"] == "Doha" for *_, d in entities.edges(data=True))
    assert any(d["negated"] for *_, d in entities.edges(data=True))


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_round_trip(entities, tmp_path, fmt):
    path = tmp_path / f"entities.{fmt}"
    write_networkx(entities, path, fmt)
    back = read_networkx(path, fmt)
    assert (back.number_of_nodes(), back.number_of_edges()) == (entities.number_of_nodes(), entities.number_of_edges())
    for node, data in entities.nodes(data=True):
        assert {k: back.nodes[node].get(k) for k in NODE_KEYS} == {k: data.get(k) for k in NODE_KEYS}, node
    original = {key: (source, target, data) for source, target, key, data in entities.edges(keys=True, data=True)}
    for source, target, key, data in back.edges(keys=True, data=True):
        *ends, expected = original[key]
        assert ends == [source, target], key
        assert {k: data.get(k) for k in EDGE_KEYS} == {k: expected.get(k) for k in EDGE_KEYS}, key


def test_export_cli_writes_networkx_formats(cli, corpus_out, tmp_path):
    for fmt in ("graphml", "gexf", "json"):
        target = tmp_path / f"g.{fmt}"
        result = cli("export", corpus_out, "--format", fmt, "-o", target)
        assert result.exit_code == 0, result.output
        assert read_networkx(target, fmt).number_of_nodes() > 100


def test_top_level_to_networkx_with_focus(corpus_out):
    whole = kg.to_networkx(corpus_out)
    near = kg.to_networkx(corpus_out, entity="Taliban", hops=1)
    assert "https://example.org/kg/entity/organization/taliban" in near
    assert 1 < near.number_of_nodes() < whole.number_of_nodes()
