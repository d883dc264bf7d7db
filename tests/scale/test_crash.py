"""``kill -9`` in the middle of a build leaves a store that opens; rerunning finishes with the clean build's triples."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest

from .conftest import ROOT, make_corpus, quads

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
EXTRA = 40  # documents beside the sample corpus


def _command(out, corpus) -> list[str]:
    return [sys.executable, "-c", "from kg.cli import app; app()", "build", str(corpus), "-o", str(out)]


def _started_build(out, corpus) -> subprocess.Popen:
    return subprocess.Popen(
        _command(out, corpus), cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    """More documents, so the store pass lasts long enough to be killed in."""
    return make_corpus(tmp_path_factory.mktemp("crash-corpus"), extra=EXTRA)


@pytest.fixture(scope="module")
def big_reference(big_corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("crash-reference")
    subprocess.run(_command(out, big_corpus), cwd=ROOT, env=ENV, check=True, capture_output=True)
    return quads(out / "store")


@pytest.mark.parametrize("moment", ["parsing", "cross-document pass"])
def test_kill_9_then_rerun(moment, big_corpus, big_reference, tmp_path):
    """Killed while parsing (early graphs are being stored), or once every document is
    parsed (the cross-document pass rewrites graphs, the view and graph.trig are written)."""
    out = tmp_path / "out"
    documents = len(list(big_corpus.glob("*.txt"))) + EXTRA
    build = _started_build(out, big_corpus)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and build.poll() is None:
            cached = len(list((out / "results").glob("*.json"))) if (out / "results").is_dir() else 0
            if moment == "parsing" and cached >= 8:
                break
            if moment == "cross-document pass" and cached >= documents:
                break
            time.sleep(0.005)
        assert build.poll() is None, "the build finished before it could be killed"
        os.kill(build.pid, signal.SIGKILL)
    finally:
        build.kill()
        build.wait()
    if (out / "store").is_dir():
        ox.Store(str(out / "store")).flush()  # the store a killed build leaves opens (read-write)
    rerun = _started_build(out, big_corpus)
    assert rerun.wait(timeout=300) == 0
    assert quads(out / "store") == big_reference


def test_kill_9_of_a_pooled_build_leaves_no_worker_behind(big_corpus, tmp_path):
    """Pool processes (a loaded pipeline each) die with the build, not wait on their queue forever."""
    import psutil

    command = [*_command(tmp_path / "out", big_corpus), "--workers", "2"]
    build = subprocess.Popen(command, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(build.pid)
    deadline = time.monotonic() + 120
    children: list = []
    while time.monotonic() < deadline and len(children) < 2 and build.poll() is None:
        children = parent.children(recursive=True)
        time.sleep(0.1)
    assert len(children) >= 2, "the pool never started"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    _, alive = psutil.wait_procs(children, timeout=15)
    assert not alive, f"{len(alive)} pool process(es) outlived the build"
