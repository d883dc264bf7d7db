"""SPARQL over the union of all named graphs, with standard prefixes pre-declared."""

from __future__ import annotations

import io
import re
import threading
from typing import Any

from rdflib.query import Result

from .errors import KGError, QuerySyntaxError, QueryTimeout
from .rdf.namespaces import PREFIXES

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml", "rdfxml": "xml", "trig": "trig"}
_POSITION = re.compile(r"(\d+):(\d+)")

#: Deepest bracket nesting accepted. Oxigraph's recursive parser and planner
#: overflow the native stack (signal 11 or 6, no message) somewhere past ~800
#: levels; 256 leaves room while no hand-written or generated query needs more.
MAX_NESTING = 256

# One token of SPARQL, tried left to right so that brackets, ``#`` and words
# inside strings, IRIs and comments are never taken for syntax. Strings follow
# the SPARQL 1.1 grammar (long forms first, escapes honoured); a prefixed name
# is one token, so ``ex:SERVICE`` and ``SERVICE:x`` are not the keyword; a name
# without a colon can only be a keyword, a function name or a number. Possessive
# quantifiers keep the scan linear on hostile input.
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\r\n]*)
    | (?P<string>'''(?:[^'\\]++|\\.|'(?!''))*+'''
               | \"\"\"(?:[^"\\]++|\\.|"(?!""))*+\"\"\"
               | '(?:[^'\\\r\n]++|\\.)*+'
               | "(?:[^"\\\r\n]++|\\.)*+")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$]\w*)
    | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<name>(?:\w[\w.\-]*+)?+:(?:[\w:\-]|%[0-9A-Fa-f]{2}|\\.|\.(?=[\w:%\\\-]))*+
             | \w[\w.\-]*+)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    """,
    re.VERBOSE | re.DOTALL,
)


class QueryRefused(KGError):
    """A query kg will not hand to the engine: it reaches the network or nests too deep."""

    exit_code = 2


def _line_column(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def check_query(
    sparql: str,
    *,
    allow_service: bool = False,
    max_nesting: int = MAX_NESTING,
    service_hint: str = " (pass --allow-service to allow it)",
) -> None:
    """Refuse, before any engine parses it, a query that would reach the network or crash the engine.

    ``SERVICE`` makes Oxigraph send part of the query to whatever URL the query
    names, so it is refused unless ``allow_service``. Brackets (``{ ( [``)
    nested deeper than ``max_nesting`` would overflow the engine's native stack
    and kill the process. Strings, IRIs and comments are skipped. Raises
    :class:`QueryRefused` with a one-line message.
    """
    depth = 0
    for token in _TOKEN.finditer(sparql):
        kind = token.lastgroup
        if kind == "open":
            depth += 1
            if depth > max_nesting:
                raise QueryRefused(
                    f"query refused: brackets nest more than {max_nesting} deep at "
                    f"{_line_column(sparql, token.start())} (deeper queries can crash the query engine)"
                )
        elif kind == "close":
            depth = max(depth - 1, 0)  # an unmatched close is the parser's to report
        elif kind == "name" and not allow_service and ":" not in token.group() and "SERVICE" in token.group().upper():
            # "in", not "==": a parser may split "1SERVICE" into a number and the keyword.
            raise QueryRefused(
                f"query refused: SERVICE at {_line_column(sparql, token.start())} would send part of it "
                f"to another endpoint over the network{service_hint}"
            )


def _syntax_error(error: Exception) -> QuerySyntaxError:
    message = " ".join(str(error).split())
    where = _POSITION.search(message)
    if where is None and hasattr(error, "lineno"):
        position = f"line {error.lineno}, column {getattr(error, 'col', '?')}"
    elif where is not None:
        position = f"line {where.group(1)}, column {where.group(2)}"
    else:
        position = "unknown position"
    return QuerySyntaxError(f"malformed SPARQL at {position}: {message}")


def run_query(dataset, sparql: str, *, timeout: float | None = None, allow_service: bool = False) -> Result:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over the union of the graphs.

    Raises :class:`QuerySyntaxError` (with the position) for malformed SPARQL,
    :class:`QueryTimeout` when ``timeout`` seconds pass first, and
    :class:`QueryRefused` (see :func:`check_query`) for ``SERVICE`` unless
    ``allow_service``, and for nesting deep enough to crash the engine.
    """
    check_query(sparql, allow_service=allow_service)
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            result = dataset.query(sparql, initNs=PREFIXES)
            if result.type == "SELECT":
                result.bindings = list(result.bindings)  # run the query now, inside the time limit
            outcome["result"] = result
        except Exception as error:
            outcome["error"] = error

    if timeout is None:
        work()
    else:
        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        thread.join(timeout)
        if thread.is_alive():
            raise QueryTimeout(f"query still running after {timeout:g} s (raise --timeout)")
    if "error" in outcome:
        error = outcome["error"]
        if type(error).__name__ in {"SyntaxError", "ParseException", "ParseSyntaxException"}:
            raise _syntax_error(error) from None
        raise KGError(f"query failed: {' '.join(str(error).split())}") from None
    return outcome["result"]


# Control characters (and bidi overrides) in the data would act on the terminal
# in a table; they are shown as escapes there (tabs and line breaks only lay the
# cell out). Data formats (csv, json, ...) keep them as they are.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _cell(value) -> str:
    if value is None:
        return ""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(value))


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a query result: a table, CSV, TSV, SPARQL JSON or XML; graphs as Turtle, N-Triples or JSON-LD."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph_format = GRAPH_FORMATS.get(fmt, "turtle" if fmt == "table" else None)
        if graph_format is None:
            raise KGError(f"a {result.type} result is a graph: use --format ttl, nt or jsonld")
        for prefix, namespace in PREFIXES.items():
            result.graph.bind(prefix, namespace)
        return result.graph.serialize(format=graph_format)
    if fmt not in RESULT_FORMATS:
        raise KGError(f"unknown result format {fmt!r}: use one of {', '.join(RESULT_FORMATS)}")
    if result.type == "ASK":
        if fmt == "table":
            return "true\n" if result.askAnswer else "false\n"
    if fmt == "table":
        return _table(result)
    if fmt == "tsv":
        return _tsv(result)
    if fmt == "csv":
        return _csv(result)
    buffer = io.BytesIO()
    result.serialize(buffer, format=fmt)
    return buffer.getvalue().decode("utf-8")


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _tsv_term(term) -> str:
    r"""One RDF term as SPARQL 1.1 TSV writes it: Turtle syntax, a literal on one line (tabs and line breaks escaped).

    >>> from rdflib import Literal, URIRef, XSD
    >>> print(_tsv_term(Literal("a\tb\nc")), _tsv_term(Literal("x", lang="fr")), _tsv_term(URIRef("http://e.org/a")))
    "a\tb\nc" "x"@fr <http://e.org/a>
    >>> print(_tsv_term(Literal("1", datatype=XSD.integer)))
    "1"^^<http://www.w3.org/2001/XMLSchema#integer>
    """
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import XSD

    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_TSV_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    return str(term)


def _tsv(result: Result) -> str:
    r"""SPARQL 1.1 TSV results: ``?var`` headers, terms in Turtle syntax, one row per line.

    A tab, line break or carriage return inside a literal is written ``\t``, ``\n``, ``\r``, so
    values never split a row or a column.
    """
    if result.type == "ASK":
        return "?_askResult\n" + ("true" if result.askAnswer else "false") + "\n"
    names = [str(v) for v in result.vars or []]
    lines = ["\t".join(f"?{n}" for n in names)]
    for row in result:
        lines.append("\t".join(_tsv_term(row[i]) for i in range(len(names))))
    return "\n".join(lines) + "\n"


def _csv(result: Result) -> str:
    """SPARQL 1.1 CSV results (RFC 4180): names in the header, each term as a plain string, rows ending in CRLF.

    A value holding a comma, a quote, a tab or a line break is quoted, its quotes doubled; nothing
    in a value is changed. Blank nodes are ``_:label``.
    """
    import csv

    from rdflib import BNode

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.type == "ASK":
        writer.writerows([["_askResult"], ["true" if result.askAnswer else "false"]])
        return buffer.getvalue()
    names = [str(v) for v in result.vars or []]
    writer.writerow(names)
    for row in result:
        values = (row[i] for i in range(len(names)))
        writer.writerow(["" if v is None else f"_:{v}" if isinstance(v, BNode) else str(v) for v in values])
    return buffer.getvalue()


def _table(result: Result) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False)
    names = [str(v) for v in result.vars or []]
    for name in names:
        table.add_column(name, overflow="fold")
    rows = 0
    for row in result:
        # Text, not str: a value such as "[/graph]" is data, never console markup.
        table.add_row(*(Text(_cell(row[i])) for i in range(len(names))))
        rows += 1
    console = Console(file=io.StringIO(), width=160, force_terminal=False)
    console.print(table)
    console.print(f"{rows} row{'s' if rows != 1 else ''}")
    return console.file.getvalue()
