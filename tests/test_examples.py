"""Every example in examples/ runs and answers its question about the corpus."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kg.query import format_result

from .conftest import EXAMPLES, ROOT


def rows(graph, name: str) -> list[dict[str, str]]:
    result = graph.query((EXAMPLES / name).read_text())
    return [{str(v): str(row[v]) if row[v] is not None else "" for v in result.vars} for row in result]


def test_every_example_query_runs(corpus_graph):
    queries = sorted(EXAMPLES.glob("*.rq"))
    assert len(queries) >= 5
    for query in queries:
        result = corpus_graph.query(query.read_text())
        assert len(list(result)) > 0, query.name
        assert format_result(corpus_graph.query(query.read_text()), "json")


def test_who_met_whom(corpus_graph):
    found = rows(corpus_graph, "who_met_whom.rq")
    doha = [r for r in found if r["where"] == "Doha"]
    assert any("delegation" in r["who"] and "Taliban" in r["whom"] for r in doha)
    assert any(r["when"] for r in found)


def test_what_the_us_pressed_the_taliban_to_do(corpus_graph):
    found = rows(corpus_graph, "us_pressed_taliban.rq")
    assert len(found) >= 3
    assert all(r["what"] == "Taliban" for r in found)
    assert any("rights" in r["sentence"] for r in found)


def test_negated_statements(corpus_graph):
    found = rows(corpus_graph, "negated_statements.rq")
    assert any("Khalilzad" in r["subject"] and r["relation"] == "will not be part of" for r in found)


def test_documents_supporting_a_fact(corpus_graph):
    found = rows(corpus_graph, "fact_support.rq")
    khalilzad = [r for r in found if "Khalilzad" in r["subject"]]
    assert len({r["document"] for r in khalilzad}) >= 2
    assert all("part of the delegation" in r["sentence"] for r in khalilzad)
    assert all(int(r["begin"]) < int(r["end"]) for r in khalilzad)


def test_spokesperson_attributions(corpus_graph):
    found = rows(corpus_graph, "spokesperson_attributions.rq")
    assert any("spokes" in r["speaker"] for r in found)
    assert all(r["speaker"] and r["sentence"] for r in found)


def test_statements_about_the_united_states(corpus_graph):
    found = rows(corpus_graph, "statements_about_us.rq")
    assert len(found) >= 3


@pytest.mark.parametrize("script", sorted(p.name for p in EXAMPLES.glob("*.py")))
def test_example_scripts_run(script):
    done = subprocess.run([sys.executable, str(EXAMPLES / script)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "met" in done.stdout


def test_who_met_the_taliban_or_its_people(corpus_graph):
    """The group "senior Taliban representatives" is linked to the Taliban (kg:memberOf): the query finds who
    met it, where and when: the US delegation, in Doha."""
    found = rows(corpus_graph, "who_met_the_taliban.rq")
    delegation = [r for r in found if "delegation" in r["who"] and "Taliban representatives" in r["whom"]]
    assert any(r["where"] == "Doha" and r["when"] for r in delegation), delegation
    assert all("Taliban" in r["whom"] for r in found)


def test_timeline_orders_what_happened_by_date(corpus_graph, tmp_path):
    # The sample corpus has no publication dates: its times are text, in the timeline all the same.
    assert any(r["said"] for r in rows(corpus_graph, "timeline.rq"))
    import json

    import kg

    text = (
        "The minister visited Kingston on Monday. Police arrested two men yesterday. "
        "The council approved the budget last month. The bridge opened in 1991."
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text(json.dumps({"id": "a", "date": "2022-04-21", "text": text}) + "\n")
    graph = kg.build([tmp_path / "in"], tmp_path / "out")
    found = rows(graph, "timeline.rq")
    graph.close()
    dated = [(r["when"], r["said"]) for r in found if r["when"]]
    assert dated == [("1991", "in 1991"), ("2022-03", "last month"), ("2022-04-18", "on Monday"),
                     ("2022-04-20", "yesterday")]  # fmt: skip
    assert all(r["published"] == "2022-04-21" for r in found)
