"""The per-document records a build keeps on disk (``OUT/documents.sqlite``), not in the driver's memory."""

from __future__ import annotations

import json
import sqlite3

import kg
from kg.doc_table import DB_FILE, DocumentTable, open_documents
from kg.entities.resolve import DocumentFacts

TEXTS = [
    "Senior Taliban officials met a U.S. delegation in Doha on Saturday.",
    "The World Health Organization (WHO) warned of a new outbreak. The WHO sent experts to Kabul.",
    "Zalmay Khalilzad met Qatari officials in Doha. Khalilzad said the talks went well.",
]


def _feed(path, texts) -> None:
    path.write_text("".join(json.dumps({"id": f"d{n}", "text": t}) + "\n" for n, t in enumerate(texts)))


def _nquads(out) -> list[str]:
    with kg.open(out) as graph:
        return sorted(graph.serialize("nq").decode("utf-8").splitlines())


def test_the_state_survives_a_reopen_and_a_failed_build_leaves_it(tmp_path):
    path = tmp_path / DB_FILE
    table = DocumentTable(path)
    assert table.add("a", "sha-a") and table.add("b", "sha-b") and not table.add("a", "sha-a2")
    table.set_facts(
        "a", DocumentFacts(("joe biden",), (("who", "World Health Organization", "Organization"),)).to_list()
    )
    table.set_facts("b", DocumentFacts().to_list())
    table.done("a", "digest-a", "https://example.org/kg/doc/a", 12, "a.txt")  # b failed in the corpus pass
    table.save_state()
    table.close()

    again = DocumentTable(path)
    assert again.known("a") == {"sha256": "sha-a", "quads": "digest-a", "graph": "https://example.org/kg/doc/a",
                                "words": 12, "source": "a.txt",
                                "facts": '[["joe biden"], [["who", "World Health Organization", "Organization"]]]'}  # fmt: skip
    assert again.known("b") is None and again.find("a.txt") == again.find("https://example.org/kg/doc/a") == "a"
    # This build's rows are its own: a new build starts with none, and takes the saved facts of the same version.
    assert "a" not in again and again.add("a", "sha-a") and again.facts("a").full_names == ("joe biden",)
    assert again.add("c", "sha-c") and again.facts("c") is None
    again.close()  # not saved: the state stays the last saved one
    third = DocumentTable(path)
    assert third.known("a")["quads"] == "digest-a" and third.known("c") is None
    third.close()


def test_digests_in_the_store_follow_the_state_the_journal_and_this_build(tmp_path):
    table = DocumentTable(tmp_path / DB_FILE)
    table.reset_state({"a": {"sha256": "s", "quads": "qa"}, "b": {"sha256": "s", "quads": "qb"}})
    assert table.stored("a") is None  # an in-memory store holds nothing the state says
    table.trust_state = True
    table.mark_unsure(["b"])
    assert (table.stored("a"), table.stored("b")) == ("qa", None)
    table.add("b", "s")
    table.set_stored("b", "new")
    table.set_stored("gone", "empty")  # no document of this build: still remembered
    assert (table.stored("b"), table.stored("gone")) == ("new", "empty")
    table.close()


def test_a_rebuild_reads_the_table_and_skips_unchanged_documents(tmp_path):
    feed, out = tmp_path / "feed.jsonl", tmp_path / "out"
    _feed(feed, TEXTS)
    kg.build([feed], out).close()
    state = json.loads((out / "state.json").read_text())
    assert "documents" not in state  # the per-document map is in the table, not in state.json
    with sqlite3.connect(out / DB_FILE) as db:
        assert sorted(r[0] for r in db.execute("SELECT id FROM state")) == ["d0", "d1", "d2"]
    first = _nquads(out)

    again = kg.build([feed], out)
    assert (again.report.documents_parsed, again.report.documents_unchanged, again.report.documents) == (0, 3, 3)
    again.close()
    assert _nquads(out) == first

    _feed(feed, [TEXTS[0], TEXTS[1] + " The WHO met officials in Doha.", TEXTS[2]])
    third = kg.build([feed], out)
    assert (third.report.documents_parsed, third.report.documents_unchanged) == (1, 2)
    third.close()
    clean = tmp_path / "clean"
    kg.build([feed], clean).close()
    assert _nquads(out) == _nquads(clean)


def test_an_older_state_json_is_taken_into_the_table(tmp_path):
    feed, out = tmp_path / "feed.jsonl", tmp_path / "out"
    _feed(feed, TEXTS)
    kg.build([feed], out).close()
    first = _nquads(out)
    # As an older kg wrote it: the per-document map inside state.json, no table.
    with sqlite3.connect(out / DB_FILE) as db:
        rows = db.execute("SELECT id, sha256, quads, graph, words, source, facts FROM state").fetchall()
    documents = {r[0]: {"sha256": r[1], "quads": r[2], "graph": r[3], "words": r[4], "source": r[5],
                        "facts": json.loads(r[6])} for r in rows}  # fmt: skip
    state = json.loads((out / "state.json").read_text())
    (out / "state.json").write_text(json.dumps({**state, "documents": documents}))
    (out / DB_FILE).unlink()
    for extra in out.glob(DB_FILE + "-*"):
        extra.unlink()

    table = open_documents(type("Output", (), {"out": out})(), json.loads((out / "state.json").read_text()))
    assert table.known("d1")["sha256"] == documents["d1"]["sha256"]
    table.close()
    again = kg.build([feed], out)
    assert (again.report.documents_parsed, again.report.documents_unchanged) == (0, 3)
    again.close()
    assert _nquads(out) == first
    assert "documents" not in json.loads((out / "state.json").read_text())
