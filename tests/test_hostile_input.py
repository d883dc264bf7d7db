"""One build of hostile input through the command line: nothing crashes, nothing is dropped unsaid,
every document keeps an IRI of its own, and what the console prints is what the user gave."""

from __future__ import annotations

import json
import os

import pytest

import kg
from kg.validate import validate

PROSE = "Senior Taliban officials met a U.S. delegation in Doha on Saturday. The talks went well, officials said."
RECORDS = [
    {"id": "good.txt/statement/0-0", "text": "Qatari officials hosted a U.S. delegation in Doha on Sunday."},
    {"id": "../../etc/passwd", "text": PROSE},
    {"id": "s\udfa2", "title": "Talks \udfa2", "text": PROSE + " \udfa2"},
    {"id": "object-title", "title": {"x": 1}, "text": PROSE},
    {"id": "list-title", "title": ["a"], "text": PROSE},
    {"id": "number-title", "title": 2021, "text": PROSE},
    {"id": "[/x]", "text": PROSE},
    {"id": "[/x]", "text": PROSE + " They met again on Sunday."},
]
DEEP = "[" * 100_000 + "]" * 100_000
ESCAPE_NAME = "\x1b[31mred\x1b[0m.txt"
DOCUMENTS = {"good.txt", "good.txt/statement/0-0", "../../etc/passwd", "s\ufffd", "object-title", "list-title",
             "number-title", "[/x]", "quotes.txt", "chain.txt", "caf\\xe9.txt"}  # fmt: skip


@pytest.fixture(scope="module")
def hostile(cli, tmp_path_factory):
    inputs = tmp_path_factory.mktemp("hostile")
    (inputs / "good.txt").write_text(PROSE)
    lines = [json.dumps(r) for r in RECORDS] + [DEEP]
    (inputs / "hostile.jsonl").write_text("\n".join(lines) + "\n")
    # One line, nested a thousand guillemets deep, no final punctuation.
    (inputs / "quotes.txt").write_text("«" * 1000 + PROSE.removesuffix(".") + "»" * 1000)
    # A parse tree deeper than Python's recursion limit.
    (inputs / "chain.txt").write_text("The officials met " + "the son of " * 600 + "the king in Doha.")
    (inputs / os.fsdecode(b"caf\xe9.txt")).write_text(PROSE)
    (inputs / ESCAPE_NAME).write_bytes(b"")
    (inputs / ".hidden.txt").write_text(PROSE)
    (inputs / "README.md").write_text("# About these files\n\n" + PROSE)
    out = tmp_path_factory.mktemp("hostile-out") / "out"
    result = cli("build", inputs, "-o", out)
    return result, out


def test_the_build_finishes_and_writes_its_report(hostile):
    result, out = hostile
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    with kg.open(out) as graph:
        ids = {str(row.id) for row in graph.query("SELECT ?id WHERE { GRAPH ?g { ?d kg:documentId ?id } }")}
    assert ids == DOCUMENTS
    assert report["documents"] == len(DOCUMENTS)


def test_every_input_not_read_is_reported_with_its_reason(hostile):
    _, out = hostile
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    reasons = {item["source"].rsplit("/", 1)[-1]: item["reason"] for item in report["skipped"]}
    assert "duplicate document id '[/x]'" in reasons["hostile.jsonl:8"]
    assert "nested 100,000 levels deep" in reasons["hostile.jsonl:9"]
    assert "hidden" in reasons[".hidden.txt"] and "README" in reasons["README.md"]
    assert "empty" in reasons[ESCAPE_NAME]  # JSON escapes it; the report keeps the name as it is
    repaired = {item["source"].rsplit("/", 1)[-1]: " ".join(item["repairs"]) for item in report["repaired"]}
    assert "surrogate" in repaired["hostile.jsonl:3"]
    assert "'title' ignored" in repaired["hostile.jsonl:4"] and "'title' was a number" in repaired["hostile.jsonl:6"]


def test_console_prints_user_text_as_given(hostile):
    result, _ = hostile
    assert "duplicate document id '[/x]'" in result.stderr
    assert "\x1b" not in result.stderr  # the escape sequence in a file name is shown, not obeyed
    assert "\\x1b[31mred\\x1b[0m.txt: empty file" in result.stderr


def test_no_document_iri_is_another_node(hostile):
    _, out = hostile
    with kg.open(out) as graph:
        assert not graph.query("ASK { ?x a kg:Statement, schema:NewsArticle }").askAnswer
        documents = [str(r.d) for r in graph.query("SELECT ?d WHERE { GRAPH ?g { ?d a schema:NewsArticle } }")]
        graphs = [str(r.g) for r in graph.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a schema:NewsArticle } }")]
    assert len(set(documents)) == len(DOCUMENTS) and sorted(documents) == sorted(graphs)
    assert not any("/../" in d or d.endswith("/..") for d in documents)
    assert all(d.startswith("https://example.org/kg/doc/") and "/" not in d.split("/doc/", 1)[1] for d in documents)


def test_titles_are_strings_and_the_graph_conforms(hostile):
    _, out = hostile
    with kg.open(out) as graph:
        titles = {str(r.id): r.t for r in graph.query("SELECT ?id ?t WHERE { GRAPH ?g { ?d kg:documentId ?id ; schema:headline ?t } }")}  # fmt: skip
        report = validate(graph.dataset)
    assert str(titles["number-title"]) == "2021" and str(titles["s\ufffd"]) == "Talks \ufffd"
    assert str(titles["object-title"]) == "object-title"  # no title: the id stands in
    assert report.conforms, report.text[:2000]


def test_deep_trees_give_statements(hostile):
    _, out = hostile
    with kg.open(out) as graph:
        rows = graph.query("""SELECT ?id (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?d kg:documentId ?id .
                              ?s a kg:Statement } FILTER(?id IN ("quotes.txt", "chain.txt")) } GROUP BY ?id""")
        counts = {str(r.id): int(r.n.value) for r in rows}
    assert counts.get("quotes.txt", 0) > 0 and counts.get("chain.txt", 0) > 0


@pytest.mark.parametrize("given", ["no[/]such.txt", "no\x1b[2Jsuch.txt"])
def test_a_missing_input_is_one_plain_line(cli, tmp_path, given):
    result = cli("build", given, "-o", tmp_path / "out")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "input not found: " in lines[0] and "\x1b" not in lines[0]
    assert lines[0].endswith(given.replace("\x1b", "\\x1b"))


def test_written_paths_are_printed_as_given(cli, hostile, tmp_path):
    _, out = hostile
    target = tmp_path / "graph[b].nt"  # [b] is bold in rich markup
    result = cli("export", out, "--format", "nt", "-o", target)
    assert result.exit_code == 0 and f"wrote {target}" in result.stderr
