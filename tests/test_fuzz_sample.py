"""A small seeded sample of the soak (``make fuzz``, benchmarks/fuzz.py): nothing crashes, hangs or is lost.

Hostile generated documents (lone surrogates, control characters, long
tokens, deep nesting, HTML, Markdown, deeply nested JSON, rich markup) are
built as files and as JSONL with 1 and 2 workers, each build in its own
process under a time limit; every input must end in the graph or in
report.json's ``skipped``, and every export must read back in rdflib and
pyoxigraph as the statements the store holds.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import fuzz  # noqa: E402

DOCUMENTS, BATCH, SEED, SCALE = 240, 60, 7, 0.2


def test_sample_covers_every_kind_of_hostile_input():
    docs = [doc for _, batch in fuzz.batches(DOCUMENTS, SEED, BATCH, SCALE) for doc in batch]
    assert {doc.kind for doc in docs} == set(fuzz.Generator.KINDS)
    ids = [doc.id or "" for doc in docs]
    assert any(0xD800 <= ord(c) <= 0xDFFF for i in ids for c in i)  # lone surrogates in ids and file names
    assert any("[/" in i for i in ids) and any(len(i) > 1000 for i in ids)
    assert any(doc.extra.get("meta", "").startswith('[{"k": [{"k": [') for doc in docs)  # deeply nested JSON
    assert {mode for mode, _ in fuzz.MODES} == {"files", "jsonl"} and {w for _, w in fuzz.MODES} == {1, 2}


def test_sample_soak_has_no_crash_no_hang_no_loss_and_equal_round_trips(tmp_path):
    lines: list[str] = []
    summary = fuzz.soak(DOCUMENTS, SEED, batch_size=BATCH, scale=SCALE, work=tmp_path, echo=lines.append)
    report = "\n".join([*lines, *summary.lines()])
    assert summary.crashes == [] and summary.hangs == [], report
    assert summary.built == summary.documents == DOCUMENTS and summary.lost == 0, report
    assert summary.in_graph > DOCUMENTS // 2, report  # most documents get through to the graph
    assert set(summary.roundtrip) == {*fuzz.FORMATS, "graph.trig"}, report
    for fmt, totals in summary.roundtrip.items():
        assert totals["failures"] == 0, report
        assert totals["pyoxigraph"] == totals["rdflib"] == totals["expected"] > 0, (fmt, report)
