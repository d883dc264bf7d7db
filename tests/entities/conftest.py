import shutil
from pathlib import Path

import pytest

import kg

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory):
    """The sample corpus built once to a temporary output directory: (out, graph)."""
    out = tmp_path_factory.mktemp("corpus-out")
    graph = kg.build([CORPUS], out, settings=kg.Settings(write_html=False, write_trig=False))
    yield out, graph
    graph.close()


@pytest.fixture(scope="session")
def corpus_out(corpus_build):
    return corpus_build[0]


@pytest.fixture(scope="session")
def corpus_graph(corpus_build):
    return corpus_build[1]


@pytest.fixture(scope="session")
def reversed_corpus(tmp_path_factory):
    """The corpus files copied under names that sort in the opposite order."""
    folder = tmp_path_factory.mktemp("reversed")
    files = sorted(CORPUS.glob("*.txt"))
    for number, path in enumerate(reversed(files)):
        shutil.copy(path, folder / f"{number}_{path.name}")
    return folder
