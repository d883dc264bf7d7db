"""Terms written by the mapping must parse in strict N-Quads parsers."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given
from hypothesis import strategies as st

from kg.rdf.terms import iri, literal, path_segment, quad


@given(st.text())
def test_any_text_is_a_valid_literal_and_iri_segment(text):
    line = quad(iri("https://example.org/kg/doc/" + path_segment(text)), iri("https://example.org/p"), literal(text),
                iri("https://example.org/g"))  # fmt: skip
    [parsed] = list(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    expected = (
        text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        if any(0xD800 <= ord(c) <= 0xDFFF for c in text)
        else text
    )
    if expected == text:
        assert parsed.object.value == text


def test_typed_literals():
    line = quad(iri("http://a.example/s"), iri("http://a.example/p"), literal(0.5), iri("http://a.example/g"))
    [parsed] = list(ox.parse(line, format=ox.RdfFormat.N_QUADS))
    assert parsed.object.datatype.value.endswith("#double") and float(parsed.object.value) == 0.5
