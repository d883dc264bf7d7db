"""Parsing in spaCy memory zones: the vocabulary stops growing, and the graph is the same."""

from __future__ import annotations

import kg
import kg.parsing
from kg.parsing import load_pipeline

from .conftest import ROOT


def _texts(folder, rounds: int, crowd: str = "crowds") -> None:
    """The sample corpus, and short reports whose every name and number is new to the vocabulary."""
    folder.mkdir()
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        (folder / path.name).write_text(path.read_text())
    for n in range(rounds):
        (folder / f"report-{n}.txt").write_text(
            f"Governor Quellmar{n}son met Zarvo{n} officials in Tembrik{n} on day {n * 7919}. "
            f"She said the Plontex{n} plan would cost {n * 104729} dollars. The {crowd} cheered."
        )


def _quads(graph) -> set[str]:
    return {line for line in graph.store.dataset.serialize(format="nquads").splitlines() if line}


def test_zones_keep_the_vocabulary_and_the_graph(tmp_path, monkeypatch):
    """Zones of a few thousand characters (ended at documents' ends): the strings the build's parse
    added, and the lemma cache's entries for them, are gone afterwards; a word's lemma is read right
    in every zone; and the quads are those of a build without zones."""
    _texts(tmp_path / "in", 40)
    settings = kg.Settings(store="memory", write_html=False)
    nlp = load_pipeline(settings.model, settings.gazetteers)
    monkeypatch.setattr(kg.parsing, "ZONE_CHARS", 0)  # no zones
    assert kg.build([tmp_path / "in"], settings=settings).report.statements > 100
    grown = len(nlp.vocab.strings)
    lemmas = nlp.get_pipe("kg_lemmas")._lemmas  # its cache of lemmas
    known = len(lemmas)
    assert any(f"Quellmar{n}son" in nlp.vocab.strings for n in range(40))  # a parse adds its words for good

    monkeypatch.setattr(kg.parsing, "ZONE_CHARS", 3_000)
    kg.parsing._UNZONED[nlp] = 3_000  # this process has parsed that much already
    # 40 more reports of new words; "glorbinators" in every zone: its lemma, which no token
    # spells, is read from the lemma cache in zones after the one that added it
    _texts(tmp_path / "again", 80, "glorbinators")
    zoned = kg.build([tmp_path / "again"], settings=settings)
    assert len(nlp.vocab.strings) == grown
    assert len(lemmas) == known  # what it learnt of the zones' words went with them
    assert not any(f"Quellmar{n}son" in nlp.vocab.strings for n in range(40, 80))
    assert zoned.report.statements > 100
    again = _quads(zoned)
    monkeypatch.setattr(kg.parsing, "ZONE_CHARS", 0)
    assert again == _quads(kg.build([tmp_path / "again"], settings=settings))
