"""The word lists in ``ontology/lexicon/``: well formed, read by the rules, installed."""

from __future__ import annotations

import configparser
import glob
import re
from pathlib import Path

import pytest

from kg import lexicon
from kg.ontology import ontology_dir, vocabulary
from kg.rdf.namespaces import KG

ROOT = Path(__file__).resolve().parent.parent
LEXICON = ROOT / "ontology" / "lexicon"
FILES = sorted([*LEXICON.glob("*.txt"), *LEXICON.glob("*.tsv")])


def test_the_lexicon_is_found_beside_the_ontology():
    assert lexicon.lexicon_dir() == ontology_dir() / "lexicon" == LEXICON
    assert FILES


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_entries_are_lowercase_words_listed_once(path):
    words = [entry.split("\t")[0] for entry in lexicon._entries(path)]
    assert words
    # A phrase's words are one space apart ("on behalf of").
    assert [w for w in words if not re.fullmatch(r"[a-z][a-z'-]*(?: [a-z][a-z'-]*)*", w)] == []
    assert sorted({w for w in words if words.count(w) > 1}) == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_word_list_is_read_by_the_code(path):
    sources = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "kg").rglob("*.py"))
    assert f'"{path.stem}"' in sources, f"{path.name} is read by no module of kg"


def test_description_heads_refer_to_kg_classes():
    classes = {str(c).removeprefix(str(KG)) for c in vocabulary().subjects(predicate=None, object=KG.Entity)}
    assert set(lexicon.table("description_heads").values()) <= classes


def test_pronoun_kinds_are_what_anaphor_kind_returns():
    from kg.entities.coreference import anaphor_kind

    kinds = lexicon.table("pronouns")
    assert set(kinds.values()) == {"he", "it", "they", "none"}
    for word, kind in kinds.items():
        assert anaphor_kind(word) == (None if kind == "none" else kind), word


def test_one_list_of_reporting_verbs_for_speech_and_confidence():
    from kg.extraction import clauses, confidence

    assert confidence._REPORTING == clauses.REPORTING_VERBS == lexicon.words("reporting_verbs")
    assert {"say", "warn", "insist"} <= clauses.REPORTING_VERBS


def test_lists_are_read_once_and_cannot_be_changed_by_a_caller():
    assert lexicon.words("light_verbs") is lexicon.words("light_verbs")
    with pytest.raises(TypeError):
        lexicon.table("pronouns")["xyz"] = "he"  # type: ignore[index]


def test_a_malformed_row_or_a_missing_file_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(lexicon, "lexicon_dir", lambda: tmp_path)
    (tmp_path / "bad_rows.tsv").write_text("# comment\ngroup Organization\n", encoding="utf-8")
    with pytest.raises(ValueError, match="word<TAB>value"):
        lexicon.table("bad_rows")
    with pytest.raises(FileNotFoundError, match=r"no_such_list\.txt is missing"):
        lexicon.words("no_such_list")


def test_every_ontology_file_is_installed_where_ontology_dir_looks():
    """``setup.cfg`` installs each file of ``ontology/`` under ``share/kg/`` + its folder."""
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    installed: dict[Path, str] = {}
    for target, patterns in config["options.data_files"].items():
        for pattern in patterns.split():
            for found in glob.glob(pattern, root_dir=ROOT):
                installed[Path(found)] = target
    every = {p.relative_to(ROOT) for p in (ROOT / "ontology").rglob("*") if p.is_file()}
    assert every - set(installed) == set()
    assert {path: f"share/kg/{path.parent}" for path in every} == {p: installed[p] for p in every}
