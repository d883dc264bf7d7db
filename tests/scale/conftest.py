"""Fixtures of the scale tests: a small mixed corpus, a reference build, and helpers."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def make_corpus(folder: Path, extra: int = 5) -> Path:
    """The sample corpus as files, plus ``extra`` documents recombined from its paragraphs in a gzipped JSONL."""
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs: list[str] = []
    for file in sorted(CORPUS.glob("*.txt")):
        shutil.copy(file, folder / file.name)
        paragraphs += [p for p in file.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 20]
    with gzip.open(folder / "extra.jsonl.gz", "wt", encoding="utf-8") as handle:
        for number in range(extra):
            # Every 3rd paragraph from a different start: distinct, deterministic documents.
            text = "\n\n".join(paragraphs[number::7][:6])
            handle.write(json.dumps({"id": f"extra-{number:03d}", "text": text, "title": f"Extra {number}"}) + "\n")
    return folder


def quads(store_dir: Path) -> list[str]:
    """Every quad of a store as sorted N-Quads lines (there are no blank nodes, so they compare as text)."""
    store = ox.Store.read_only(str(store_dir))
    return sorted(str(q) for q in store)


def kg_cli(*args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    """Run ``kg`` of this checkout in a subprocess."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", "from kg.cli import app; app()", *args]
    return subprocess.run(command, cwd=ROOT, env=env, check=check, capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def reference(corpus, tmp_path_factory) -> list[str]:
    """The triple set of a clean single-process build."""
    from kg.build import build

    out = tmp_path_factory.mktemp("reference")
    graph = build([corpus], out)
    graph.close()
    return quads(out / "store")
