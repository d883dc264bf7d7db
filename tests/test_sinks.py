"""A new output is a registration: a sink named in the settings receives every stored graph, then the whole graph."""

from __future__ import annotations

from typing import ClassVar

import pytest

import kg
from kg.errors import KGError
from kg.sinks import Sink, register_sink


@register_sink("test-collector")
class Collector(Sink):
    takes_graphs = True
    made: ClassVar[list[Collector]] = []

    def __init__(self, context):
        self.documents: list[str] = []
        self.closed = self.finished = False
        Collector.made.append(self)

    def write(self, graphs):
        self.documents += [doc_id for doc_id, _, nquads, _ in graphs if nquads]

    def close(self, entities, ontology):
        self.closed = bool(entities[1]) and bool(ontology[1])

    def finish(self, graph):
        self.finished = len(graph) > 0


def test_a_registered_sink_is_fed_by_a_build(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Senior Taliban officials met a U.S. delegation in Doha on Saturday.")
    (folder / "b.txt").write_text("The council approved the budget on Tuesday.")
    kg.build([folder], tmp_path / "out", settings=kg.Settings(sinks=("test-collector",))).close()
    sink = Collector.made[-1]
    assert sorted(set(sink.documents)) == ["a.txt", "b.txt"]
    assert sink.closed and sink.finished


def test_an_unknown_sink_is_a_clear_error(tmp_path):
    with pytest.raises(KGError, match=r"unknown output 'nope'.*trig"):
        kg.build([tmp_path], settings=kg.Settings(sinks=("nope",)))
