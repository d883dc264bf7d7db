"""``kg view`` options: focus, types, confidence, a SPARQL query, the cap."""

from __future__ import annotations

import re

import pytest


def shown(result) -> tuple[int, int]:
    match = re.search(r"showing\s+(\d+)\s+of\s+(\d+)\s+entities", result.stderr)
    assert match, result.output
    return int(match.group(1)), int(match.group(2))


@pytest.fixture(scope="module")
def whole(cli, corpus_out, tmp_path_factory):
    result = cli("view", corpus_out, "-o", tmp_path_factory.mktemp("v") / "all.html", "--max-nodes", "0")
    assert result.exit_code == 0, result.output
    return shown(result)


def test_entity_neighbourhood(cli, corpus_out, tmp_path, whole):
    result = cli("view", corpus_out, "-o", tmp_path / "v.html", "--entity", "the taliban", "--hops", "1")
    assert result.exit_code == 0, result.output
    assert 1 < shown(result)[0] < whole[0]
    missing = cli("view", corpus_out, "-o", tmp_path / "w.html", "--entity", "Atlantis")
    assert missing.exit_code != 0 and "Atlantis" in missing.stderr


def statements(result) -> int:
    match = re.search(r"\((\d+)\s+statements\)", result.stderr)
    assert match, result.output
    return int(match.group(1))


def test_types_and_confidence(cli, corpus_out, tmp_path, whole):
    import kg

    entities = kg.to_networkx(corpus_out)
    wanted = sum(1 for _, t in entities.nodes(data="type") if t in {"Person", "Organization"})
    people = cli("view", corpus_out, "-o", tmp_path / "p.html", "--types", "Person,Organization", "--max-nodes", "0")
    assert people.exit_code == 0 and shown(people)[0] == wanted < whole[0]
    everything = cli("view", corpus_out, "-o", tmp_path / "a.html", "--max-nodes", "0")
    confident = cli("view", corpus_out, "-o", tmp_path / "c.html", "--min-confidence", "0.7", "--max-nodes", "0")
    high = sum(1 for *_, c in entities.edges(data="confidence") if c >= 0.7)
    assert confident.exit_code == 0 and statements(confident) == high < statements(everything)


def test_cap(cli, corpus_out, tmp_path, whole):
    result = cli("view", corpus_out, "-o", tmp_path / "cap.html", "--max-nodes", "20")
    assert result.exit_code == 0 and shown(result) == (20, whole[1])


def test_view_of_a_construct_query(cli, corpus_out, tmp_path, whole):
    query = tmp_path / "meet.rq"
    query.write_text("CONSTRUCT { ?s rel:meet ?o } WHERE { ?s rel:meet ?o }")
    result = cli("view", corpus_out, "-o", tmp_path / "q.html", "--query", query)
    assert result.exit_code == 0, result.output
    assert 2 <= shown(result)[0] < 20


def test_capped_page_is_the_same_whatever_the_hash_seed(corpus_out, tmp_path):
    """Python's string hashing changes per process; the page of the same graph must not."""
    import os
    import subprocess
    import sys

    pages = []
    for seed in ("1", "2"):
        page = tmp_path / f"seed-{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-c", "from kg.cli import app; app()", "view", str(corpus_out), "-o", str(page),
                   "--max-nodes", "20"]  # fmt: skip
        subprocess.run(command, env=env, check=True, capture_output=True)
        pages.append(page.read_bytes())
    assert pages[0] == pages[1]
