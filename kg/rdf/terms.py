"""N-Triples/N-Quads term writing: strict enough for every triple store.

Mapping writes N-Quads text directly (not rdflib objects) because it is the
hot path of a build and Oxigraph loads N-Quads natively; every string that
reaches an IRI or a literal goes through these functions.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import XSD

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: Characters XML 1.0 cannot carry at all (not even as ``&#1;``), so an RDF/XML export with them is not
#: well-formed; lone surrogates cannot be encoded in UTF-8 either. They become U+FFFD, one for one, so
#: the character offsets of NIF strings still hold.
_NOT_XML = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
_NOT_XML_CHARS = re.compile(f"[{_NOT_XML}]")
_NEEDS_ESCAPE = re.compile(f'[\\\\"\\n\\r\\t\\x7f{_NOT_XML}]')
#: What an IRI cannot hold (RFC 3987): ASCII delimiters and controls, and code points outside ``ucschar``
#: (surrogates, private use, noncharacters, tags); also a ``%`` that starts no ``%XX`` escape.
_IRI_INVALID = re.compile(
    '[\x00-\x20<>"{}|^`\\\\\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufff0-\uffff'
    + "".join(f"\\U{plane:04X}FFFE\\U{plane:04X}FFFF" for plane in range(1, 15))
    + "\U000e0000-\U000e0fff\U000f0000-\U0010ffff]|%(?![0-9A-Fa-f]{2})"
)
#: Any character an IRI may not hold as is, in a plain ASCII IRI (controls, space, delimiters, any ``%``):
#: most IRIs have none, and this simpler pattern finds that in a third of :data:`_IRI_INVALID`'s time.
_ASCII_SUSPECT = re.compile(r'[^\x21-\x7e]|[<>"{}|^`\\%]')
_XSD = str(XSD)
_SPECIAL_DOUBLES = {"nan": "NaN", "inf": "INF", "-inf": "-INF"}


def _escape_char(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _ESCAPES:
        return _ESCAPES[char]
    if char == "\x7f":
        return "\\u007F"
    # The character itself, not an escape: a literal then has one spelling, so writers that keep each
    # N-Quads line once (graph.trig, shards) never write "a\\uFFFD" beside an input's own "a\ufffd".
    return "\ufffd"


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 cannot carry replaced by U+FFFD (same length).

    >>> xml_safe("a\\x00b\\x1bc\\ud800\\tok") == "a\\ufffdb\\ufffdc\\ufffd\\tok"
    True
    """
    return _NOT_XML_CHARS.sub("\ufffd", text)


def literal(value: str | int | float | bool, datatype: str | None = None, lang: str | None = None) -> str:
    """An N-Triples literal every RDF syntax can carry (see :func:`xml_safe`).

    >>> literal('say "hi"\\n')
    '"say \\\\"hi\\\\"\\\\n"'
    >>> literal("bell\\x07") == '"bell\\ufffd"'
    True
    >>> literal(3)
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> literal(True)
    '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'
    >>> literal(float("nan"))
    '"NaN"^^<http://www.w3.org/2001/XMLSchema#double>'
    """
    if isinstance(value, bool):
        text, datatype = ("true" if value else "false"), _XSD + "boolean"
    elif isinstance(value, int):
        text, datatype = str(value), datatype or _XSD + "integer"
    elif isinstance(value, float):
        # repr gives 'nan' and 'inf', which are not xsd:double lexical forms.
        text = _SPECIAL_DOUBLES.get(repr(value), repr(value))
        datatype = datatype or _XSD + "double"
    else:
        text = value
    body = '"' + _NEEDS_ESCAPE.sub(_escape_char, text) + '"'
    if lang:
        return f"{body}@{lang}"
    if datatype and datatype != _XSD + "string":
        return f"{body}^^{iri(datatype)}"
    return body


def _percent_encode(match: re.Match[str]) -> str:
    char = match.group(0)
    return quote(xml_safe(char) if len(char) == 1 and 0xD800 <= ord(char) <= 0xDFFF else char, safe="")


def iri(value: str) -> str:
    """An N-Triples IRI reference; what IRIs cannot hold is percent-encoded (UTF-8).

    >>> iri("https://example.org/a b")
    '<https://example.org/a%20b>'
    >>> iri("https://example.org/100%\\ud800\\ue000")
    '<https://example.org/100%25%EF%BF%BD%EE%80%80>'
    """
    if value.isascii() and not _ASCII_SUSPECT.search(value):
        return f"<{value}>"  # nothing to encode (everything _IRI_INVALID finds in ASCII, _ASCII_SUSPECT does)
    if _IRI_INVALID.search(value):
        value = _IRI_INVALID.sub(_percent_encode, value)
    return f"<{value}>"


def path_segment(text: str) -> str:
    """Percent-encode arbitrary text for use inside an IRI path (``/`` kept).

    >>> path_segment("news/a b?.txt")
    'news/a%20b%3F.txt'
    """
    # A lone surrogate has no UTF-8 form: quote() would raise.
    return quote(text if text.isascii() else xml_safe(text), safe="/-._~") or "_"


def quad(subject: str, predicate: str, obj: str, graph: str) -> str:
    """One N-Quads line from already-written terms."""
    return f"{subject} {predicate} {obj} {graph} .\n"


def graph_body(graph: str, nquads: str) -> str:
    """N-Quads all in the named graph ``graph`` as N-Triples lines (valid in TriG and SPARQL data blocks).

    >>> graph_body("https://g", '<https://s> <https://p> "o" <https://g> .\\n')
    '<https://s> <https://p> "o" .\\n'
    """
    # Literals escape newlines, so " <graph> .\n" can only match at the end of a line.
    suffix = f" <{graph}> .\n"
    body = nquads.replace(suffix, " .\n")
    if nquads.count(suffix) != nquads.count("\n") or (nquads and not nquads.endswith("\n")):
        import pyoxigraph as ox

        quads = ox.parse(nquads, format=ox.RdfFormat.N_QUADS)
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    return body
