"""The command line: help, outputs, bad input, and one-line errors with exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pyoxigraph as ox
import pytest

from .conftest import ROOT


def test_help_lists_every_command(cli):
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("build", "query", "export", "view", "stats", "validate", "extract"):
        assert command in result.stdout


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_query_formats(cli, corpus_out, fmt):
    result = cli("query", corpus_out, "SELECT ?s ?o WHERE { ?s rel:meet ?o } LIMIT 3", "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert len(json.loads(result.stdout)["results"]["bindings"]) == 3
    elif fmt in ("csv", "tsv"):
        assert len(result.stdout.strip().splitlines()) == 4


def test_query_from_file_and_ask_and_construct(cli, corpus_out, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("ASK { ?s rel:meet ?o }")
    assert cli("query", corpus_out, "-f", query).stdout.strip() == "true"
    result = cli("query", corpus_out, "CONSTRUCT { ?s rel:meet ?o } WHERE { ?s rel:meet ?o }", "--format", "nt")
    assert list(ox.parse(result.stdout.encode(), format=ox.RdfFormat.N_TRIPLES))


def test_malformed_sparql_is_one_line_with_position(cli, corpus_out):
    result = cli("query", corpus_out, "SELECT ?s WHERE { ?s ?p }")
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "line 1" in message and "Traceback" not in result.output


@pytest.mark.parametrize(("fmt", "ox_format"), [
    ("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES), ("nq", ox.RdfFormat.N_QUADS),
    ("trig", ox.RdfFormat.TRIG), ("jsonld", ox.RdfFormat.JSON_LD), ("xml", ox.RdfFormat.RDF_XML),
])  # fmt: skip
def test_every_export_parses_strictly(cli, corpus_out, corpus_graph, tmp_path, fmt, ox_format):
    target = tmp_path / f"graph.{fmt}"
    assert cli("export", corpus_out, "--format", fmt, "-o", target).exit_code == 0
    parsed = list(ox.parse(path=str(target), format=ox_format))
    if fmt in ("nq", "trig"):
        assert len(parsed) == len(corpus_graph)
    else:  # the union of the named graphs (JSON-LD too), each triple once
        assert len(parsed) > 1000 and len(set(parsed)) == len(parsed)


def test_stats_and_validate(cli, corpus_out):
    stats = json.loads(cli("stats", corpus_out, "--json").stdout)
    assert stats["graph"]["documents"] == 5
    assert stats["graph"]["negated statements"] > 0
    result = cli("validate", corpus_out)
    assert result.exit_code == 0 and "conforms" in result.stderr


def test_view_writes_html(cli, corpus_out, tmp_path):
    result = cli("view", corpus_out, "-o", tmp_path / "v.html")
    assert result.exit_code == 0 and (tmp_path / "v.html").stat().st_size > 10_000


def test_extract_jsonl_and_carb(cli, tmp_path):
    source = tmp_path / "s.txt"
    source.write_text(
        "Senior Taliban officials met a U.S. delegation in Doha on Saturday.\nIt rained. The talks ended.\n"
    )
    lines = cli("extract", source, "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 2  # one record per input line, never re-split
    first = json.loads(lines[0])
    assert first["extractions"] and first["facts"]
    carb = cli("extract", source, "--format", "carb").stdout.splitlines()
    assert carb and all(row.split("\t")[0] in source.read_text().splitlines() for row in carb)
    assert all(0 < float(row.split("\t")[1]) < 1 for row in carb)


def test_stdin_input(cli, tmp_path):
    result = cli("build", "-", "-o", tmp_path / "out",
                 input="Senior Taliban officials met a U.S. delegation in Doha on Saturday.")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "out" / "report.json").read_text())["documents"] == 1


def test_bad_inputs_do_not_sink_the_build(cli, tmp_path, corpus_dir):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    good = (corpus_dir / "003_8095bb4dbee58e62.txt").read_text()
    (inputs / "good.txt").write_text(good)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.bin").write_bytes(bytes(range(256)) * 40)
    (inputs / "latin1.txt").write_bytes(
        "Le café: officials in Doha said the talks with the délégation went well on Saturday.".encode("latin-1"))  # fmt: skip
    (inputs / "huge.txt").write_text("word " * 1_050_000)  # 5 MB on one line: over the limit given below
    (inputs / "page.html").write_text(
        "<html><head><title>Talks</title></head><body><nav>Home</nav><article><p>"
        + good.split("\n\n")[1] + "</p></article></body></html>")  # fmt: skip
    result = cli("build", inputs, "-o", tmp_path / "out", "--max-chars", "1000000")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    reasons = {item["source"].rsplit("/", 1)[-1]: item["reason"] for item in report["skipped"]}
    assert set(reasons) == {"empty.txt", "binary.bin", "huge.txt"}
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.bin"] and "too large" in reasons["huge.txt"]
    for name in reasons:
        assert name in result.stderr  # said on the console too
    repaired = {item["source"].rsplit("/", 1)[-1]: item["repairs"] for item in report["repaired"]}
    assert any("cp1252" in r for r in repaired["latin1.txt"])
    assert report["documents"] == 3  # good.txt, latin1.txt, page.html
    strict = cli("build", inputs, "-o", tmp_path / "strict", "--strict")
    assert strict.exit_code != 0 and "--strict" in strict.stderr


def _run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    kg = [sys.executable, "-c", "from kg.cli import main; main()"]
    return subprocess.run([*kg, *args], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, **(env or {})})  # fmt: skip


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["build", "/nonexistent/input", "-o", "/tmp/kg-never"], "input not found"),
        (["build", "corpus", "-o", "/proc/kg-cannot-write"], "cannot write"),
        (["build", "corpus", "-o", "/tmp/kg-x", "--model", "en_core_web_nonexistent"], "pip install"),
        (["query", "/nonexistent/out", "ASK {}"], "no graph store"),
    ],
)
def test_errors_are_one_clear_line(args, expected):
    done = _run(*args)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and expected in lines[0], done.stderr


def test_describe_gives_a_graph(cli, corpus_out):
    result = cli("query", corpus_out, "DESCRIBE <https://example.org/kg/entity/organization/taliban>", "--format", "nt")
    assert result.exit_code == 0
    triples = list(ox.parse(result.stdout.encode(), format=ox.RdfFormat.N_TRIPLES))
    assert any(t.object.value == "Taliban" for t in triples)


def test_runaway_query_times_out(corpus_out):
    # A subprocess: the abandoned query thread dies with it.
    done = _run("query", str(corpus_out), "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                "--timeout", "1")  # fmt: skip
    assert done.returncode == 3
    assert "--timeout" in done.stderr and "Traceback" not in done.stderr


def test_help_texts_keep_their_bracketed_defaults():
    """Rich markup reads an unescaped "[default: ...]" in a help text as a tag and drops it, leaving
    "path ." behind; every command's help must show its text whole."""
    from typer.testing import CliRunner

    from kg.cli import app

    runner = CliRunner()
    commands = ("build", "query", "export", "view", "stats", "validate", "extract", "push", "entities")
    for command in commands:
        result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "400", "TERM": "dumb"})
        assert result.exit_code == 0, result.output
        lines = [line for line in result.stdout.splitlines() if line.strip(" │")]
        assert not [line for line in lines if re.search(r" [.,](\s|$)", line)], (command, lines)
    build = runner.invoke(app, ["build", "--help"], env={"COLUMNS": "400"}).stdout
    assert "[default: 64]" in build and "[default: 1]" in build
