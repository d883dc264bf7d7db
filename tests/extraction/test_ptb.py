"""Penn-Treebank-tokenized lines: plain text for the parser, spans mapped back onto the line."""

from __future__ import annotations

from kg.extraction.output import extract_lines
from kg.extraction.ptb import detokenize


def test_detokenize_joins_as_plain_text():
    d = detokenize("`` It 's a co - founder -LRB- Ann -RRB- , '' he said , up 5 % to $ 4.25 .")
    assert d.text == '"It\'s a co-founder (Ann)," he said, up 5% to $4.25.'


def test_spans_map_back_to_whole_tokens_of_the_line():
    line = "Bush 's offer , `` take it '' , was made ."
    d = detokenize(line)
    start = d.text.index("offer")
    assert line[slice(*d.to_line(start, start + 5))] == "offer"
    assert line[slice(*d.to_line(0, d.text.index("offer") - 1))] == "Bush 's"


def test_tokenized_extraction_spans_are_exact_substrings_of_the_line():
    line = "Mr. Hunt 's attorney , Stephen McCartin , said his client welcomed the gamble ."
    [(_, found)] = list(extract_lines([line], tokenized=True))
    assert found
    for e in found:
        for a in [e.subject, *e.arguments]:
            if a is not None:
                assert line[a.start : a.end] == a.text
