"""The cached parse tables agree with spaCy's own tree and offsets."""

from __future__ import annotations

from kg.extraction.tree import head_of, kids, layout, rights
from kg.parsing import load_pipeline


def test_tables_match_spacy():
    doc = load_pipeline()("Ned Price, the spokesperson, said on Monday that talks in Doha would resume.  Bob left.")
    table = layout(doc)
    assert table.text == doc.text
    for token in doc:
        assert [c.i for c in kids(token)] == [c.i for c in token.children]
        assert [c.i for c in rights(token)] == [c.i for c in token.rights]
        assert head_of(token).i == token.head.i
        assert table.text[table.starts[token.i] : table.ends[token.i]] == token.text
        assert (table.pos[token.i], table.dep[token.i]) == (token.pos_, token.dep_)


def test_empty_doc():
    table = layout(load_pipeline()(""))
    assert table.tokens == [] and table.text == ""
