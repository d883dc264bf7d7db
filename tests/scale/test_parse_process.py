"""A long document parsed in a process of its own (``kg.parse_process``): the same graph, nothing lost if it dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psutil
import pyoxigraph as ox

import kg
from kg import parse_process
from kg.parse_process import ParserProcess, parsed_apart

from .conftest import ROOT

#: Small sections, two to a batch: the document goes to the child in several batches, some sent ahead.
SETTINGS = {"write_html": False, "section_chars": 3_000, "batch_size": 2}


def _long_document(tmp_path):
    """The sample corpus as one document of several sections, beside a short one (parsed here)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-short.txt").write_text("The council approved the budget on Tuesday.")
    (folder / "b-long.txt").write_text("\n\n".join(p.read_text() for p in sorted((ROOT / "corpus").glob("*.txt"))))
    return folder


def _counted(monkeypatch) -> list[int]:
    """Count the documents the parser process parses (the real one runs)."""
    calls: list[int] = []
    real = ParserProcess.parse

    def parse(self, nlp, document, **options):
        calls.append(len(document.text))
        yield from real(self, nlp, document, **options)

    monkeypatch.setattr(ParserProcess, "parse", parse)
    return calls


def test_a_long_document_parsed_apart_gives_the_graph_parsed_here(tmp_path, monkeypatch):
    """Its Docs come back as bytes into this process's vocabulary: every quad is the one-process build's."""
    folder = _long_document(tmp_path)
    calls = _counted(monkeypatch)
    kg.build([folder], tmp_path / "here", settings=kg.Settings(parser_process=False, **SETTINGS)).close()
    assert calls == []
    apart = kg.build([folder], tmp_path / "apart", settings=kg.Settings(parser_process=True, **SETTINGS))
    assert apart.report.documents == 2 and not apart.report.skipped
    apart.close()
    assert len(calls) == 1 and calls[0] > 10_000  # the long one only
    expected = set(ox.Store(str(tmp_path / "here" / "store")))
    assert len(expected) > 1_000 and set(ox.Store(str(tmp_path / "apart" / "store"))) == expected


def test_a_parser_process_that_dies_loses_no_document(tmp_path, monkeypatch):
    """Killed (as the system's out-of-memory killer would) after its first batch: the document is
    parsed again in the build's own process, and the graph is the same."""
    folder = _long_document(tmp_path)
    kg.build([folder], tmp_path / "here", settings=kg.Settings(parser_process=False, **SETTINGS)).close()
    real = ParserProcess._receive
    killed: list[int] = []

    def receive(self):
        reply = real(self)
        if not killed:
            killed.append(self.process.pid)
            os.kill(self.process.pid, signal.SIGKILL)
        return reply

    monkeypatch.setattr(ParserProcess, "_receive", receive)
    graph = kg.build([folder], tmp_path / "apart", settings=kg.Settings(parser_process=True, **SETTINGS))
    assert killed and graph.report.documents == 2 and not graph.report.skipped
    graph.close()
    assert set(ox.Store(str(tmp_path / "apart" / "store"))) == set(ox.Store(str(tmp_path / "here" / "store")))


def test_a_parser_process_that_cannot_start_loses_no_document(tmp_path, monkeypatch, caplog):
    """A child that cannot start (here: a model it cannot load) is a failure of the child, not of the
    document: the build says so once and parses it in its own process."""
    folder = _long_document(tmp_path)
    real = ParserProcess.__init__

    def start(self, model, gazetteers, low_memory=False):
        real(self, "no_such_model_anywhere", gazetteers, low_memory)

    monkeypatch.setattr(ParserProcess, "__init__", start)
    graph = kg.build([folder], tmp_path / "out", settings=kg.Settings(parser_process=True, **SETTINGS))
    assert graph.report.documents == 2 and not graph.report.skipped and graph.report.statements > 100
    graph.close()
    warned = [r.getMessage() for r in caplog.records if r.name == "kg.parse_process"]
    assert len(warned) == 1 and "spaCy model no_such_model_anywhere is not installed" in warned[0]


def test_kill_9_of_the_build_leaves_no_parser_process_behind(tmp_path):
    folder = _long_document(tmp_path)
    (tmp_path / "kg.toml").write_text("[kg]\nsection_chars = 1000\nwrite_html = false\n")
    command = [sys.executable, "-c", "from kg.cli import app; app()", "build", str(folder), "-o", str(tmp_path / "out")]
    command += ["--parser-process", "--config", str(tmp_path / "kg.toml")]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    build = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(build.pid)
    children: list = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not children and build.poll() is None:
        children = [c for c in parent.children() if "kg.parse_process" in " ".join(c.cmdline())]
        time.sleep(0.05)
    assert children, "the parser process never started"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    _, alive = psutil.wait_procs(children, timeout=15)
    assert not alive, "the parser process outlived the build"


def test_which_documents_are_parsed_apart():
    """By default only documents long enough to repay the child's start, and only with two CPUs."""
    assert not parsed_apart(True, 3_000, 3_000)  # one section: never
    assert parsed_apart(True, 3_001, 3_000)
    assert not parsed_apart(None, parse_process.LONG_CHARS - 1, 100_000)
    assert parsed_apart(None, parse_process.LONG_CHARS, 100_000) == (parse_process.usable_cpus() >= 2)
    assert not parsed_apart(False, 10 * parse_process.LONG_CHARS, 100_000)
