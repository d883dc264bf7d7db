"""Shared fixtures: the sample corpus built once per test session, and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg
from kg.cli import app

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def corpus_out(tmp_path_factory) -> Path:
    """The sample corpus built once into a persistent output directory (like ``make demo``)."""
    out = tmp_path_factory.mktemp("corpus-build") / "out"
    graph = kg.build([CORPUS], out)
    graph.close()
    return out


@pytest.fixture(scope="session")
def corpus_graph(corpus_out):
    """The corpus graph opened read-only."""
    graph = kg.open(corpus_out)
    yield graph
    graph.close()


class Cli:
    """Runs ``kg`` in-process (the spaCy model stays loaded between calls)."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        return self.runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture(scope="session")
def cli() -> Cli:
    return Cli()


@pytest.fixture()
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target
