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
    result = cli("view", corpus_out, "-o", tmp_path_factory.mktemp("v") / "all.html", "--max-nodes", "0",
                 "--rank", "pagerank")  # fmt: skip
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
    every = ("--max-nodes", "0", "--rank", "pagerank")
    people = cli("view", corpus_out, "-o", tmp_path / "p.html", "--types", "Person,Organization", *every)
    assert people.exit_code == 0 and shown(people)[0] == wanted < whole[0]
    everything = cli("view", corpus_out, "-o", tmp_path / "a.html", *every)
    confident = cli("view", corpus_out, "-o", tmp_path / "c.html", "--min-confidence", "0.7", *every)
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


def test_default_view_is_the_story(cli, corpus_out, tmp_path, whole):
    """Without options: at most 60 entities, chosen for a reader, none unconnected."""
    result = cli("view", corpus_out, "-o", tmp_path / "v.html")
    assert result.exit_code == 0, result.output
    count, total = shown(result)
    assert 10 < count <= 60 and total == whole[1]
    assert "named actors first" in (tmp_path / "v.html").read_text(encoding="utf-8")


def test_document_and_time_options(cli, corpus_out, tmp_path):
    result = cli("view", corpus_out, "-o", tmp_path / "d.html", "--document", "002_3cfa68ac202fd59f.txt")
    assert result.exit_code == 0, result.output
    assert 1 < shown(result)[0] <= 60
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert page.count('"id": "002_3cfa68ac202fd59f.txt"') == 1 and '"id": "000_' not in page
    missing = cli("view", corpus_out, "-o", tmp_path / "x.html", "--document", "no-such-article")
    assert missing.exit_code != 0 and "no document named 'no-such-article'" in missing.stderr
    several = cli("view", corpus_out, "-o", tmp_path / "x.html", "--document", ".txt")
    assert several.exit_code != 0 and "names 5 documents" in several.stderr
    bad = cli("view", corpus_out, "-o", tmp_path / "x.html", "--since", "last week")
    assert bad.exit_code != 0 and "ISO date" in bad.stderr
    rank = cli("view", corpus_out, "-o", tmp_path / "x.html", "--rank", "fame")
    assert rank.exit_code != 0 and "--rank" in rank.stderr


def test_help_explains_the_options_with_examples(cli):
    result = cli("view", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    for option in ("--document", "--since", "--until", "--entity", "--hops", "--max-nodes", "--rank", "--query"):
        assert option in text
    assert "Examples" in text and "kg view out -o story.html --document" in text
    assert "generic nouns" in text and "named" in text
