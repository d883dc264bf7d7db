"""A build through a real Dask scheduler and two workers, started as separate processes on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import build
from kg.errors import KGError

from .conftest import ROOT, quads

distributed = pytest.importorskip("distributed")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _dask_command() -> list[str]:
    dask = Path(sys.executable).with_name("dask")
    return [str(dask)] if dask.exists() else [shutil.which("dask") or "dask"]


@pytest.fixture
def dask_cluster(tmp_path):
    """``dask scheduler`` and two ``dask worker`` processes; always stopped afterwards."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    logs = [open(tmp_path / f"dask-{name}.log", "w") for name in ("scheduler", "worker-1", "worker-2")]
    processes = [
        subprocess.Popen(
            [*_dask_command(), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            env=env, cwd=tmp_path, stdout=logs[0], stderr=subprocess.STDOUT,
        )
    ]  # fmt: skip
    try:
        for log in logs[1:]:
            processes.append(
                subprocess.Popen(
                    [*_dask_command(), "worker", address, "--nworkers", "1", "--nthreads", "1",
                     "--no-dashboard", "--host", "127.0.0.1"],
                    env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT,
                )
            )  # fmt: skip
        deadline = time.monotonic() + 60
        client = None
        while client is None:
            try:
                client = distributed.Client(address, timeout="5s")
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        client.wait_for_workers(2, timeout=90)
        client.close()
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in logs:
            log.close()


def test_dask_build_matches_single_process(dask_cluster, corpus, reference, tmp_path):
    out = tmp_path / "out"
    graph = build([corpus], out, dask=dask_cluster)
    report = graph.report
    graph.close()
    assert report.documents_parsed == 10
    assert quads(out / "store") == reference


def test_dask_local_cluster_matches_single_process(corpus, reference, tmp_path):
    """``--dask local:2`` starts its own two-process cluster, builds through it and stops it."""
    out = tmp_path / "out"
    graph = build([corpus], out, dask="local:2")
    report = graph.report
    graph.close()
    assert report.documents_parsed == 10
    assert quads(out / "store") == reference


def test_unreachable_dask_scheduler_is_one_clear_error(corpus, tmp_path):
    with pytest.raises(KGError, match="cannot reach the Dask scheduler"):
        build([corpus], tmp_path / "out", dask=f"tcp://127.0.0.1:{_free_port()}")
