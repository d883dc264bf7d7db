"""N-Triples/N-Quads term writing: strict enough for every triple store.

Mapping writes N-Quads text directly (not rdflib objects) because it is the
hot path of a build and Oxigraph loads N-Quads natively; every string that
reaches an IRI or a literal goes through these functions.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import XSD

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f\ud800-\udfff]')
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f]')
_XSD = str(XSD)


def _escape_char(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _ESCAPES:
        return _ESCAPES[char]
    if 0xD800 <= ord(char) <= 0xDFFF:
        return "\\uFFFD"  # a lone surrogate cannot be encoded in UTF-8
    return f"\\u{ord(char):04X}"


def literal(value: str | int | float | bool, datatype: str | None = None, lang: str | None = None) -> str:
    """An N-Triples literal.

    >>> literal('say "hi"\\n')
    '"say \\\\"hi\\\\"\\\\n"'
    >>> literal(3)
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    >>> literal(True)
    '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'
    """
    if isinstance(value, bool):
        text, datatype = ("true" if value else "false"), _XSD + "boolean"
    elif isinstance(value, int):
        text, datatype = str(value), datatype or _XSD + "integer"
    elif isinstance(value, float):
        text, datatype = repr(value), datatype or _XSD + "double"
    else:
        text = value
    body = '"' + _NEEDS_ESCAPE.sub(_escape_char, text) + '"'
    if lang:
        return f"{body}@{lang}"
    if datatype and datatype != _XSD + "string":
        return f"{body}^^{iri(datatype)}"
    return body


def iri(value: str) -> str:
    """An N-Triples IRI reference; characters IRIs forbid are percent-encoded.

    >>> iri("https://example.org/a b")
    '<https://example.org/a%20b>'
    """
    if _IRI_FORBIDDEN.search(value):
        value = _IRI_FORBIDDEN.sub(lambda m: quote(m.group(0), safe=""), value)
    return f"<{value}>"


def path_segment(text: str) -> str:
    """Percent-encode arbitrary text for use inside an IRI path (``/`` kept).

    >>> path_segment("news/a b?.txt")
    'news/a%20b%3F.txt'
    """
    return quote(text, safe="/-._~") or "_"


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
