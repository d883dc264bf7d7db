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


def _full_iri(value: str) -> str:
    """``iri`` without its shortcut for plain ASCII: every value through the RFC 3987 pattern."""
    from kg.rdf.terms import _IRI_INVALID, _percent_encode

    return f"<{_IRI_INVALID.sub(_percent_encode, value)}>"


def test_iri_shortcut_for_ascii_encodes_as_the_full_pattern():
    for code in range(128):
        char = chr(code)
        for value in (char, f"https://x/a{char}b", f"https://x/{char}41", f"https://x/%{char}"):
            assert iri(value) == _full_iri(value), repr(value)


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_any_ascii_iri_encodes_as_the_full_pattern(text):
    assert iri(text) == _full_iri(text)
