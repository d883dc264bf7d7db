"""Terms written by the mapping must parse in strict N-Quads parsers."""

from __future__ import annotations

import re

import pyoxigraph as ox
from hypothesis import given
from hypothesis import strategies as st

from kg.rdf.terms import iri, literal, path_segment, quad

# Any code point, lone surrogates included (st.text() leaves them out by default).
ANY_TEXT = st.text(st.characters(codec=None, categories=None))
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@given(ANY_TEXT)
def test_any_text_is_a_valid_literal_and_iri_segment(text):
    line = quad(iri("https://example.org/kg/doc/" + path_segment(text)), iri("https://example.org/p"), literal(text),
                iri("https://example.org/g"))  # fmt: skip
    [parsed] = list(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    # What XML 1.0 cannot carry becomes U+FFFD, one for one (NIF offsets hold); the rest is kept as is.
    assert parsed.object.value == XML_ILLEGAL.sub("\ufffd", text)
    assert len(parsed.object.value) == len(text)


@given(ANY_TEXT.map(lambda text: re.sub(r"[\[\]#]", "", text)))
def test_any_text_but_iri_delimiters_is_a_valid_iri(text):
    # iri() takes IRIs kg minted: '[', ']' and a second '#' are structure it cannot guess at.
    term = iri("https://example.org/" + text)
    [parsed] = list(ox.parse(f"{term} <https://p> <https://o> .", format=ox.RdfFormat.N_TRIPLES))
    assert parsed.subject.value.startswith("https://example.org/")


def test_typed_literals():
    line = quad(iri("http://a.example/s"), iri("http://a.example/p"), literal(0.5), iri("http://a.example/g"))
    [parsed] = list(ox.parse(line, format=ox.RdfFormat.N_QUADS))
    assert parsed.object.datatype.value.endswith("#double") and float(parsed.object.value) == 0.5
