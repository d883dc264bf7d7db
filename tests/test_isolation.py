"""One bad document never sinks a build: per-document isolation, time limits, and the output directory's guards.

Faults are injected into the real pipeline (a rule that raises or hangs on a
marked document), since no known input breaks it any more; everything else
is a real build into a real store.
"""

from __future__ import annotations

import errno
import json
import multiprocessing
import time
from pathlib import Path

import pytest

import kg
import kg.analysis
from kg.errors import BuildLocked, OutOfSpace
from kg.settings import Settings

GOOD = "Senior Taliban officials met a U.S. delegation in Doha on Saturday."
BAD = "The ministry said the poisoned sentence was published on Monday."


def _corpus(folder: Path, n_good: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_good):
        (folder / f"good{i}.txt").write_text(GOOD.replace("Saturday", f"day {i}"))
    (folder / "bad.txt").write_text(BAD)
    return folder


@pytest.fixture()
def poisoned_rule(monkeypatch):
    """Sentence extraction raises on the sentence holding 'poisoned' (like the KeyError: 'head' bug did)."""
    real = kg.analysis.extract_sentence

    def extract(sent, *args, **kwargs):
        if "poisoned" in sent.text:
            raise KeyError("head")
        return real(sent, *args, **kwargs)

    monkeypatch.setattr(kg.analysis, "extract_sentence", extract)


@pytest.fixture()
def hanging_rule(monkeypatch):
    """Sentence extraction never ends on the sentence holding 'poisoned'."""
    real = kg.analysis.extract_sentence

    def extract(sent, *args, **kwargs):
        if "poisoned" in sent.text:
            time.sleep(600)
        return real(sent, *args, **kwargs)

    monkeypatch.setattr(kg.analysis, "extract_sentence", extract)


def _documents(graph) -> set[str]:
    return {str(row[0]) for row in graph.query("SELECT ?id WHERE { ?d kg:documentId ?id }")}


@pytest.mark.parametrize("workers", [1, 2])
def test_an_exception_in_one_document_skips_it_and_the_build_goes_on(tmp_path, poisoned_rule, workers):
    if workers > 1 and "fork" not in multiprocessing.get_all_start_methods():
        pytest.fail("the pool test needs fork to carry the injected fault")  # never on Linux
    folder = _corpus(tmp_path / "in")
    graph = kg.build([folder], tmp_path / "out", settings=Settings(workers=workers))
    try:
        assert _documents(graph) == {"good0.txt", "good1.txt", "good2.txt"}
        assert graph.report.documents == 3
        [skip] = graph.report.skipped
        assert skip["source"].endswith("bad.txt")
        assert "KeyError: 'head'" in skip["reason"] and "kg/analysis.py" in skip["reason"]
    finally:
        graph.close()
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert [s["source"] for s in report["skipped"]] == [skip["source"]]


def test_strict_turns_a_failed_document_into_an_error(tmp_path, poisoned_rule):
    folder = _corpus(tmp_path / "in", n_good=1)
    with pytest.raises(kg.KGError, match="skipped"):
        kg.build([folder], settings=Settings(strict=True))


def test_a_document_over_the_time_limit_is_skipped(tmp_path, hanging_rule):
    folder = _corpus(tmp_path / "in", n_good=2)
    started = time.monotonic()
    graph = kg.build([folder], settings=Settings(time_limit=2))
    assert time.monotonic() - started < 60
    assert _documents(graph) == {"good0.txt", "good1.txt"}
    [skip] = graph.report.skipped
    assert "time limit" in skip["reason"]


def test_the_time_limit_holds_in_worker_processes(tmp_path, hanging_rule):
    folder = _corpus(tmp_path / "in", n_good=2)
    started = time.monotonic()
    graph = kg.build([folder], settings=Settings(time_limit=2, workers=2))
    assert time.monotonic() - started < 60
    assert _documents(graph) == {"good0.txt", "good1.txt"}
    assert "time limit" in graph.report.skipped[0]["reason"]


def test_a_failed_document_keeps_its_earlier_version(tmp_path, monkeypatch):
    """Loses nothing: a changed document that fails leaves its last good graph in place."""
    folder = _corpus(tmp_path / "in", n_good=1)
    kg.build([folder], tmp_path / "out").close()
    (folder / "good0.txt").write_text(GOOD + " The poisoned talks resumed.")
    real = kg.analysis.extract_sentence

    def extract(sent, *args, **kwargs):
        if "poisoned" in sent.text:
            raise ValueError("injected")
        return real(sent, *args, **kwargs)

    monkeypatch.setattr(kg.analysis, "extract_sentence", extract)
    graph = kg.build([folder], tmp_path / "out")
    try:
        assert "good0.txt" in _documents(graph)
        # the earlier version's statement is still there
        assert graph.query("ASK { ?s rel:meet ?o }").askAnswer
        assert any(s["source"].endswith("good0.txt") for s in graph.report.skipped)
    finally:
        graph.close()


def test_long_runs_without_spaces_reach_the_parser_broken_up(tmp_path):
    """Brackets nested thousands deep were quadratic in spaCy's tokenizer (a build hung for minutes):
    the parser sees no token longer than MAX_RUN_CHARS, and offsets still point into the document."""
    from kg.parsing import MAX_RUN_CHARS, load_pipeline, parse_documents
    from kg.reading import read_text

    text = GOOD + " " + "(" * 5_000 + "word" + ")" * 5_000 + " " + GOOD
    document = read_text(text, "nested.txt")
    [(_, chunks)] = list(parse_documents(load_pipeline(), [document]))
    assert max(len(token) for _, doc in chunks for token in doc) <= MAX_RUN_CHARS
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nested.txt").write_text(text)
    graph = kg.build([folder])
    assert graph.report.statements >= 2
    anchors = {str(r[0]) for r in graph.query("SELECT ?t WHERE { ?s a nif:Sentence ; nif:anchorOf ?t }")}
    assert GOOD in anchors
    assert any("(" * 300 in anchor for anchor in anchors)  # the text itself is kept as written


def test_a_second_build_into_the_same_output_gets_one_clear_line(tmp_path):
    folder = _corpus(tmp_path / "in", n_good=1)
    out = tmp_path / "out"
    from kg.output_dir import OutputDirectory

    holder = OutputDirectory(out)  # what a running build holds
    try:
        with pytest.raises(BuildLocked, match="another kg build"):
            kg.build([folder], out)
    finally:
        holder.release()
    kg.build([folder], out).close()  # and once it is done, the next build runs


def test_a_killed_first_build_keeps_its_cached_results(tmp_path):
    """No state.json yet (the first build was killed): the rerun reuses what was cached, not re-parse all."""
    folder = _corpus(tmp_path / "in", n_good=2)
    out = tmp_path / "out"
    kg.build([folder], out).close()
    (out / "state.json").unlink()  # as if killed before its state was saved
    graph = kg.build([folder], out)
    try:
        assert graph.report.documents_parsed == 0
        assert graph.report.documents_unchanged == 3
        assert _documents(graph) == {"good0.txt", "good1.txt", "bad.txt"}
    finally:
        graph.close()


def test_a_full_disk_is_one_clear_line_and_the_store_stays_openable(tmp_path, monkeypatch):
    folder = _corpus(tmp_path / "in", n_good=1)
    out = tmp_path / "out"
    kg.build([folder], out).close()
    (folder / "more.txt").write_text("The council approved the budget on Tuesday.")
    from kg.store import OxigraphGraphStore

    def full(self):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(OxigraphGraphStore, "flush", full)
    with pytest.raises(OutOfSpace, match="no space left"):
        kg.build([folder], out)
    monkeypatch.undo()
    with kg.open(out) as graph:
        assert len(graph) > 0
    graph = kg.build([folder], out)
    try:
        assert "more.txt" in _documents(graph)
    finally:
        graph.close()


def test_a_read_only_output_is_one_clear_line(tmp_path):
    import os

    if os.geteuid() == 0:
        # root writes anywhere: make the output path a file, which no user can build into
        out = tmp_path / "out"
        out.write_text("")
    else:
        out = tmp_path / "ro"
        out.mkdir()
        out.chmod(0o500)
    folder = _corpus(tmp_path / "in", n_good=1)
    with pytest.raises(kg.KGError, match="cannot write"):
        kg.build([folder], out)


def test_cli_reports_a_failed_document_in_one_line_and_exits_0(tmp_path, cli, poisoned_rule):
    folder = _corpus(tmp_path / "in", n_good=1)
    result = cli("build", folder, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output and "bad.txt" in result.output and "KeyError" in result.output
    assert "Traceback" not in result.output
    result = cli("build", folder, "-o", tmp_path / "out2", "--debug")
    assert result.exit_code == 0
    assert "Traceback" in result.output
    result = cli("build", folder, "-o", tmp_path / "out3", "--strict")
    assert result.exit_code != 0 and "skipped" in result.output


def test_strict_does_not_fail_on_files_left_out_by_design(tmp_path):
    """A folder's README and hidden files are reported as skipped, and --strict still passes."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD)
    (folder / "README.md").write_text("# My corpus\n\nNews about Doha.\n")
    (folder / ".notes.txt").write_text("private")
    graph = kg.build([folder], settings=Settings(strict=True))
    assert _documents(graph) == {"a.txt"}
    assert sorted(Path(s["source"]).name for s in graph.report.skipped) == [".notes.txt", "README.md"]
    assert all(s["deliberate"] for s in graph.report.skipped)
