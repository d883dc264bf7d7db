"""Soak test: build thousands of generated hostile documents and check nothing is lost or broken.

``make fuzz`` (or ``python benchmarks/fuzz.py --documents 10000 --seed 1``)
generates documents (random Unicode with lone surrogates and control
characters, very long tokens and lines, deep nesting of brackets, HTML and
Markdown fragments, deeply nested JSON, rich-markup-like strings such as
``[/x]`` in text, ids and file names, English words in random order) and
builds them in batches, alternately as files and as JSONL, with 1 and 2
workers. Each build runs ``kg build`` in a subprocess under a wall-clock
limit; a second subprocess then checks the output:

* every input document is in the graph (``kg:sourcePath``) or in
  ``report.json``'s ``skipped`` list, else it is *lost*;
* every export format (ttl, nt, nq, trig, jsonld, xml) parses with both
  rdflib and pyoxigraph to the same statements the store holds.

It prints each crash (non-zero exit), hang (time limit), lost document and
round-trip mismatch, then totals; it exits 1 if there was any. Everything is
seeded: the same ``--documents N --seed S`` gives the same documents.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "xml")
QUAD_FORMATS = ("nq", "trig")
_SOURCE_PATH = "https://w3id.org/kg/ns#sourcePath"
_DOCUMENT_ID = "https://w3id.org/kg/ns#documentId"

# ---------------------------------------------------------------------------
# Generating documents
# ---------------------------------------------------------------------------

NAMES = ("Ahmed Rashid", "Ned Price", "the Taliban", "Kabul", "Doha", "Qatar", "the United Nations", "Maria Lopez",
         "the European Union", "Geneva", "Paris", "John O'Brien", "the Council", "Washington", "Zalmay Khalilzad")  # fmt: skip
VERBS = ("met", "visited", "criticized", "supported", "signed an agreement with", "said it would meet", "attacked",
         "joined", "funded", "did not meet", "praised", "warned")  # fmt: skip
MARKUP = ("[/x]", "[bold]", "[/]", "[/bold]", "[red]", "[link=file:///etc/passwd]", "[b]x[/i]", "\\[escaped]",
          "[bold red on white]", "[[double]]", "[", "]", "[/x][/y][/z]", "[@click=app.quit]", ":smile:")  # fmt: skip
CONTROL = [chr(c) for c in (*range(0x00, 0x20), 0x7F, 0x85, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF, 0x200F, 0x202E)]
SURROGATES = [chr(c) for c in (0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xD83D, 0xDE00)]
HOSTILE = [*CONTROL, *SURROGATES, *MARKUP, "<", ">", "&", '"', "'", "\\", "`", "{", "}", "|", "^", "%", "#",
           "]]>", "<!--", "-->", "&#0;", "&#xD800;", "&amp;", "\\u0000", "\\ud800", "\U0001f600", "e\u0301",
           "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u4e2d\u6587", "\U00010348",
           "\U000e0041", "\ufdd0", "\U0010ffff"]  # fmt: skip
OPEN_CLOSE = (("(", ")"), ("[", "]"), ("«", "»"), ("{", "}"), ("<", ">"), ("“", "”"), ("‹", "›"))


def _vocabulary() -> list[str]:
    """Real English words, from the sample corpus."""
    words: set[str] = set()
    for file in sorted(CORPUS.glob("*.txt")):
        words.update(re.findall(r"[A-Za-z][a-z]{1,14}", file.read_text(encoding="utf-8")))
    return sorted(words)


@dataclass(slots=True)
class FuzzDoc:
    """One generated document: how it is named and what it says."""

    number: int
    kind: str
    id: str | None
    title: str | None
    text: str
    #: Extra JSONL fields (deeply nested JSON); ignored as files.
    extra: dict = field(default_factory=dict)
    #: Raw JSONL line instead of a JSON object (truncated or not JSON at all), if set.
    raw_line: str | None = None


class Generator:
    """Seeded generator of hostile documents."""

    def __init__(self, seed: int, scale: float = 1.0):
        self.rng = random.Random(seed)
        #: Sizes of the big documents (long lines, long tokens, deep nesting) are multiplied by this.
        self.scale = scale
        self.words = _vocabulary()

    def hostile(self) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randint(1, 6)))
        return rng.choice(HOSTILE)

    def sentence(self, hostility: float = 0.0) -> str:
        """A news-like sentence, or English words in random order; hostile bits sprinkled in."""
        rng = self.rng
        if rng.random() < 0.6:
            parts = [rng.choice(NAMES), rng.choice(VERBS), rng.choice(NAMES), "in", rng.choice(NAMES), "on Monday"]
            if rng.random() < 0.3:
                parts.insert(0, f'{rng.choice(NAMES)} said "')
                parts.append('"')
        else:
            parts = [rng.choice(self.words) for _ in range(rng.randint(4, 18))]
            parts[0] = parts[0].capitalize()
        out = []
        for part in parts:
            out.append(part)
            if rng.random() < hostility:
                out.append(self.hostile())
        return " ".join(out) + rng.choice(".....!?;")

    def prose(self, sentences: int, hostility: float = 0.0) -> str:
        return " ".join(self.sentence(hostility) for _ in range(sentences))

    def nested(self, depth: int) -> str:
        rng = self.rng
        opening, closing = [], []
        for _ in range(depth):
            left, right = rng.choice(OPEN_CLOSE)
            opening.append(left + (rng.choice(self.words) + " " if rng.random() < 0.2 else ""))
            closing.append(right)
        balanced = rng.random() < 0.7
        return "".join(opening) + self.sentence() + ("".join(reversed(closing)) if balanced else "")

    def deep_json(self, depth: int) -> str:
        """JSON text nested ``depth`` levels deep (written by hand: ``json.dumps`` recurses)."""
        leaf = json.dumps(self.rng.choice(["leaf", 1, None, self.hostile()]))
        opening = "".join('{"k": ' if level % 2 else "[" for level in range(depth))
        closing = "".join("}" if level % 2 else "]" for level in reversed(range(depth)))
        return opening + leaf + closing

    def text_of(self, kind: str) -> str:
        """The body of a document of ``kind``."""
        rng = self.rng
        n = rng.randint(2, 8)
        if kind == "words":
            return self.prose(n)
        if kind == "unicode":
            return self.prose(n, hostility=0.4)
        if kind == "noise":
            return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randint(1, 400)))
        if kind == "control":
            return "".join(rng.choice(CONTROL + SURROGATES) + self.sentence() for _ in range(n))
        if kind == "long_token":
            token = "".join(rng.choice("abcdefghij-_.") for _ in range(self.sized(5_000, 60_000)))
            return self.prose(2) + " " + token + " " + self.prose(2)
        if kind == "long_line":
            return " ".join(self.sentence().rstrip(".!?;") for _ in range(self.sized(50, 400))) + "."
        if kind == "nesting":
            return self.prose(1) + " " + self.nested(self.sized(20, 2000)) + " " + self.prose(1)
        if kind == "html":
            body = "".join(
                f"<p class='x'>{self.sentence(0.1)}</p><script>var a = '{self.hostile()}';</script>"
                f"<div><b>{rng.choice(NAMES)}</b> {rng.choice(VERBS)} <i>{rng.choice(NAMES)}</i>&#0;&#xD800;&nbsp;"
                for _ in range(n)
            )
            return f"<!DOCTYPE html><html><head><title>{self.sentence(0.2)}</title></head><body>{body}"
        if kind == "markdown":
            lines = ["# " + self.sentence(0.1)]
            for _ in range(n):
                lines.append(rng.choice(["> " * rng.randint(1, 60), "- " * rng.randint(1, 30), "", "    "]))
                lines[-1] += self.sentence(0.1)
                lines.append(f"[{rng.choice(NAMES)}](http://x/{self.hostile()}) `code {self.hostile()}`")
            lines.append("```\n" + self.hostile() + "\n")  # an unclosed code fence
            return "\n".join(lines)
        if kind == "json_text":
            return self.prose(1) + " " + self.deep_json(rng.choice((10, 100, 600))) + " " + self.prose(1)
        if kind == "markup":
            return " ".join(self.sentence() + " " + rng.choice(MARKUP) for _ in range(n))
        raise ValueError(kind)

    KINDS = ("words", "unicode", "noise", "control", "long_token", "long_line", "nesting", "html", "markdown",
             "json_text", "markup")  # fmt: skip
    WEIGHTS = (20, 20, 4, 8, 2, 3, 6, 8, 8, 5, 10)

    def name(self, number: int) -> str:
        """A hostile id or file name; the number keeps it unique."""
        rng = self.rng
        pick = rng.random()
        if pick < 0.3:
            return f"doc-{number}"
        if pick < 0.5:
            return f"{rng.choice(MARKUP)}{number}{rng.choice(MARKUP)}"
        if pick < 0.8:
            return f"{self.hostile()}{number}{self.hostile()}"
        return "x" * rng.randint(100, 3000) + str(number)

    def sized(self, low: int, high: int) -> int:
        """A size between ``low`` and ``high`` (scaled), mostly small: log-uniform."""
        low, high = max(1, int(low * self.scale)), max(1, int(high * self.scale))
        return int(low * (high / low) ** self.rng.random())

    def document(self, number: int) -> FuzzDoc:
        rng = self.rng
        kind = rng.choices(self.KINDS, self.WEIGHTS)[0]
        doc_id = self.name(number) if rng.random() < 0.9 else None
        title = self.sentence(0.3) if rng.random() < 0.5 else None
        extra: dict = {}
        if rng.random() < 0.1:
            extra["meta"] = self.deep_json(rng.choice((50, 500, 5000)))
        if rng.random() < 0.05:
            extra["date"] = self.hostile()
            extra["url"] = "http://x/" + self.hostile()
        doc = FuzzDoc(number, kind, doc_id, title, self.text_of(kind), extra)
        if rng.random() < 0.02:
            doc.raw_line = rng.choice(['{"id": "x', "not json at all", '{"text": 5}', "[1, 2]", '{"id": "q"}'])
        return doc


def generate(count: int, seed: int, start: int = 0, scale: float = 1.0) -> list[FuzzDoc]:
    """``count`` documents numbered from ``start``; the same arguments give the same documents."""
    generator = Generator(seed * 1_000_003 + start, scale)
    return [generator.document(start + n) for n in range(count)]


# ---------------------------------------------------------------------------
# Writing inputs
# ---------------------------------------------------------------------------


def _file_name(doc: FuzzDoc) -> bytes:
    """A file name (bytes: Linux takes any byte but ``/`` and NUL) from the document's id, at most 200 bytes."""
    name = (doc.id or f"doc-{doc.number}").encode(
        "utf-8", "surrogatepass"
    )  # a lone surrogate: bytes that are not UTF-8
    name = name.replace(b"/", b"_").replace(b"\x00", b"_")
    number = str(doc.number).encode()
    if len(name) > 180:
        name = name[:80] + b"-" + number
    if name.startswith(b".") or name in (b"README.md",):
        name = b"_" + name
    suffix = {"html": b".html", "markdown": b".md"}.get(doc.kind, b".txt")
    return name + suffix


def write_files(docs: list[FuzzDoc], folder: Path) -> dict[int, str]:
    """One file per document (some in subfolders); returns each document's expected source."""
    sources = {}
    raw_folder = os.fsencode(folder)
    for doc in docs:
        # Some in subfolders; a folder named '[' makes paths like 'in/[/x]doc-5.txt' ('[/x]' closes a rich tag).
        sub = b"nested/deeper/" if doc.number % 7 == 0 else b"[/x]" if doc.number % 5 == 0 else b""
        path = raw_folder + b"/" + sub + _file_name(doc)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            data = doc.text.encode("utf-8", "surrogatepass")
            if doc.number % 13 == 0:
                data = data[: len(data) // 2] + b"\xff\xfe\xc3" + data[len(data) // 2 :]  # invalid UTF-8
            handle.write(data)
        sources[doc.number] = os.fsdecode(path)
    return sources


def write_jsonl(docs: list[FuzzDoc], path: Path) -> dict[int, str]:
    """All documents as one JSONL file; returns each document's expected source (``file:line``)."""
    sources = {}
    with path.open("w", encoding="utf-8") as handle:
        for line, doc in enumerate(docs, 1):
            if doc.raw_line is not None:
                record = doc.raw_line
            else:
                fields: dict = {"text": doc.text, **{k: v for k, v in doc.extra.items() if k != "meta"}}
                if doc.id is not None:
                    fields["id"] = doc.id
                if doc.title is not None:
                    fields["title"] = doc.title
                # ensure_ascii writes lone surrogates as \\ud800 escapes: valid JSON, odd text.
                record = json.dumps(fields, ensure_ascii=True)
                if "meta" in doc.extra:
                    record = record[:-1] + ', "meta": ' + doc.extra["meta"] + "}"
            handle.write(record + "\n")
            sources[doc.number] = f"{path}:{line}"
    return sources


# ---------------------------------------------------------------------------
# Checking an output (runs in its own process: ``fuzz.py check OUT SOURCES``)
# ---------------------------------------------------------------------------

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _same_text(text: str) -> str:
    """Compare sources modulo characters no RDF output can carry (written as U+FFFD)."""
    return _ILLEGAL.sub("\ufffd", text)


def _ox_key(term) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.Literal):
        return f"L{term.value}\x00{term.datatype.value}\x00{(term.language or '').lower()}"
    if isinstance(term, ox.BlankNode):
        return "B"
    return f"I{term.value}"


def _rdflib_key(term) -> str:
    from rdflib import XSD, BNode, Literal

    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype else (RDF_LANG if term.language else str(XSD.string))
        return f"L{term}\x00{datatype}\x00{(term.language or '').lower()}"
    if isinstance(term, BNode):
        return "B"
    return f"I{term}"


RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _parse_both(data: bytes, fmt: str) -> dict[str, object]:
    """The statements each parser reads, as sets of keys (triples, or quads for quad formats), or the error."""
    import pyoxigraph as ox
    import rdflib

    from kg.store import FORMATS as STORE_FORMATS

    ox_format, rdflib_format = STORE_FORMATS[fmt]
    quads = fmt in QUAD_FORMATS
    result: dict[str, object] = {}
    try:
        parsed = list(ox.parse(data, format=ox_format))
        keys = [
            (_ox_key(q.subject), _ox_key(q.predicate), _ox_key(q.object))
            + (
                (_ox_key(q.graph_name) if quads and not isinstance(q.graph_name, ox.DefaultGraph) else "",)
                if quads
                else ()
            )
            for q in parsed
        ]
        result["pyoxigraph"] = (len(keys), set(keys))
    except Exception as error:
        result["pyoxigraph"] = f"{type(error).__name__}: {str(error)[:200]}"
    try:
        dataset = rdflib.Dataset()
        dataset.parse(data=data, format=rdflib_format)
        keys = [
            (_rdflib_key(s), _rdflib_key(p), _rdflib_key(o))
            + (
                (_rdflib_key(g) if g is not None and g != rdflib.graph.DATASET_DEFAULT_GRAPH_ID else "",)
                if quads
                else ()
            )
            for s, p, o, g in dataset.quads((None, None, None, None))
        ]
        result["rdflib"] = (len(keys), set(keys))
    except Exception as error:
        result["rdflib"] = f"{type(error).__name__}: {str(error)[:200]}"
    return result


def _compare(data: bytes, fmt: str, expected: set) -> dict[str, object]:
    """Counts each parser reads from ``data``, and how its statements differ from ``expected``."""
    entry: dict[str, object] = {"expected": len(expected)}
    for parser, outcome in _parse_both(data, fmt).items():
        if isinstance(outcome, str):
            entry[parser] = outcome
            continue
        count, keys = outcome
        entry[parser] = count
        if keys != expected:
            entry[f"{parser}_missing"] = len(expected - keys)
            entry[f"{parser}_extra"] = len(keys - expected)
            entry[f"{parser}_sample"] = [repr(k)[:300] for k in sorted(expected ^ keys)[:2]]
    return entry


def check_output(out: Path, sources: dict[str, str], formats: tuple[str, ...] = FORMATS) -> dict:
    """Lost documents and export round trips of one build output."""
    import pyoxigraph as ox

    from kg.graph import KnowledgeGraph

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    skipped = {_same_text(entry["source"]) for entry in report["skipped"]}
    with KnowledgeGraph.open(out) as graph:
        store = graph.store.ox
        assert store is not None
        in_graph = {
            _same_text(q.object.value)
            for q in store.quads_for_pattern(None, ox.NamedNode(_SOURCE_PATH), None)
            if isinstance(q.object, ox.Literal)
        }
        document_ids = sum(1 for _ in store.quads_for_pattern(None, ox.NamedNode(_DOCUMENT_ID), None))
        stored_quads = {
            (_ox_key(q.subject), _ox_key(q.predicate), _ox_key(q.object), _ox_key(q.graph_name))
            for q in store.quads_for_pattern(None, None, None)
        }
        stored_triples = {key[:3] for key in stored_quads}
        roundtrip = {}
        for fmt in formats:
            expected = stored_quads if fmt in QUAD_FORMATS else stored_triples
            try:
                data = graph.serialize(fmt)
            except Exception as error:
                roundtrip[fmt] = {"export": f"{type(error).__name__}: {error}"[:300]}
                continue
            roundtrip[fmt] = _compare(data, fmt, expected)
    trig = out / "graph.trig"  # written by the build beside the store: it must hold the same quads
    if trig.is_file():
        roundtrip["graph.trig"] = _compare(trig.read_bytes(), "trig", stored_quads)
    # Lost: inputs neither in the graph nor skipped with a reason, by count; the numbers of the inputs whose
    # source is in neither place help find them (a reader may spell a source differently: a hint only).
    lost = len(sources) - document_ids - len(report["skipped"])
    unmatched = sorted(number for number, source in sources.items() if _same_text(source) not in in_graph | skipped)
    return {
        "inputs": len(sources),
        "documents": document_ids,
        "skipped": len(report["skipped"]),
        "lost": lost,
        "unmatched": unmatched[:50] if lost else [],
        "quads": len(stored_quads),
        "roundtrip": roundtrip,
    }


def roundtrip_ok(entry: dict) -> bool:
    """One format read back by both parsers as exactly the stored statements."""
    return all(entry.get(parser) == entry.get("expected") for parser in PARSERS) and not any(
        key.endswith(("_missing", "_extra")) for key in entry
    )


# ---------------------------------------------------------------------------
# Running batches
# ---------------------------------------------------------------------------

PARSERS = ("pyoxigraph", "rdflib")
#: ``kg`` run as a module of the tree under test (the package has no ``__main__``).
KG = [sys.executable, "-c", "import sys; from kg.cli import main; sys.argv[0] = 'kg'; main()"]
#: (input form, workers) of successive batches: every combination in every four batches.
MODES = (("files", 1), ("jsonl", 2), ("jsonl", 1), ("files", 2))
_FRAME = re.compile(r'File "([^"]*/kg/[^"]+)", line (\d+), in (\S+)')
_EXCEPTION = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)\b.*)$", re.MULTILINE)


def crash_summary(output: str) -> tuple[str, str]:
    """The exception and where it was raised (the innermost frame in kg) of a traceback, else the last line."""
    exceptions = _EXCEPTION.findall(output)
    frames = _FRAME.findall(output)
    where = ""
    if frames:
        path, line, function = frames[-1]
        where = f"{path[path.rindex('/kg/') + 1 :]}:{line} in {function}"
    lines = [line for line in output.strip().splitlines() if line.strip()]
    return (exceptions[-1] if exceptions else (lines[-1] if lines else "no output"))[:300], where


def _signature(code: int | None, output: str) -> str:
    """What makes two failures the same one: hang, or exception type and place (not its message's details)."""
    if code is None:
        return "hang"
    exception, where = crash_summary(output)
    return f"{exception.split(':')[0]} at {where}"


@dataclass
class BatchResult:
    """What happened to one batch."""

    batch: int
    mode: str
    workers: int
    documents: int
    seconds: float = 0.0
    crash: str | None = None
    hang: bool = False
    check: dict | None = None
    culprit: FuzzDoc | None = None

    def label(self) -> str:
        return f"batch {self.batch} ({self.mode}, {self.workers} worker(s))"

    def problems(self) -> list[str]:
        """Human-readable findings; empty when the batch is clean."""
        found = []
        if self.hang:
            found.append(f"{self.label()}: HANG (time limit {self.seconds:.0f} s)")
        if self.crash:
            found.append(f"{self.label()}: CRASH {self.crash}")
        if self.culprit is not None:
            found.append(f"    one document is enough: {describe(self.culprit)}")
        if self.check:
            if self.check["lost"]:
                found.append(
                    f"{self.label()}: LOST {self.check['lost']} document(s) (inputs {self.check['inputs']}, in the "
                    f"graph {self.check['documents']}, skipped {self.check['skipped']}); sources found in neither: "
                    f"{self.check['unmatched'][:20]}"
                )
            for fmt, entry in self.check.get("roundtrip", {}).items():
                if not roundtrip_ok(entry):
                    found.append(f"{self.label()}: ROUND TRIP {fmt} {json.dumps(entry, ensure_ascii=True)[:600]}")
        return found


def describe(doc: FuzzDoc) -> str:
    """A document in one line, escaped (its text may hold anything)."""
    fields = {
        "number": doc.number,
        "kind": doc.kind,
        "id": _cut(doc.id),
        "title": _cut(doc.title),
        "text": _cut(doc.text, 300),
    }
    if doc.extra:
        fields["extra"] = {k: _cut(v) for k, v in doc.extra.items()}
    if doc.raw_line is not None:
        fields["raw_line"] = doc.raw_line
    return json.dumps(fields, ensure_ascii=True)


def _cut(text: str | None, limit: int = 120) -> str | None:
    return text if text is None or len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def _run(args: list[str], timeout: float) -> tuple[int | None, str, float]:
    """Run a subprocess under a wall-clock limit; returns (exit code or None for a hang, output, seconds)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)  # fmt: skip
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)  # the build and its worker processes
        stdout, stderr = process.communicate()
        return None, stderr.decode("utf-8", "replace"), time.perf_counter() - started
    output = (stderr + stdout) if process.returncode else stdout
    return process.returncode, output.decode("utf-8", "replace"), time.perf_counter() - started


def _build(
    docs: list[FuzzDoc], folder: Path, mode: str, workers: int, timeout: float
) -> tuple[int | None, str, float, dict]:
    """Write the documents under ``folder`` and build them; returns the build's outcome and the expected sources."""
    shutil.rmtree(folder, ignore_errors=True)
    inputs = folder / "in"
    inputs.mkdir(parents=True)
    if mode == "files":
        sources = write_files(docs, inputs)
        target = inputs
    else:
        target = inputs / "batch.jsonl"
        sources = write_jsonl(docs, target)
    build = [*KG, "build", str(target), "-o", str(folder / "out"), "--workers", str(workers)]
    return (*_run(build, timeout), sources)


def bisect(
    docs: list[FuzzDoc],
    folder: Path,
    mode: str,
    workers: int,
    timeout: float,
    failing: Callable[[int | None, str], bool],
) -> FuzzDoc | None:
    """One document that alone makes ``failing(outcome)`` true, if halving the batch finds one."""
    while len(docs) > 1:
        half = len(docs) // 2
        for part in (docs[:half], docs[half:]):
            code, output, _, _ = _build(part, folder, mode, workers, timeout)
            if failing(code, output):
                docs = part
                break
        else:
            return None  # it takes documents from both halves
    code, output, _, _ = _build(docs, folder, mode, workers, timeout)
    return docs[0] if failing(code, output) else None


def run_batch(
    docs: list[FuzzDoc], batch: int, mode: str, workers: int, work: Path, timeout: float, *, find_culprit: bool = False
) -> BatchResult:
    """Build one batch with ``kg build`` in a subprocess, then check its output in another."""
    result = BatchResult(batch, mode, workers, len(docs))
    folder = work / f"batch-{batch:04d}"
    code, output, result.seconds, sources = _build(docs, folder, mode, workers, timeout)
    if code is None or code != 0:
        if code is None:
            result.hang, result.seconds = True, timeout
        else:
            exception, where = crash_summary(output)
            result.crash = f"kg build exit {code}: {exception}" + (f" at {where}" if where else "")
        if find_culprit:
            signature = _signature(code, output)
            result.culprit = bisect(
                docs,
                folder / "bisect",
                mode,
                workers,
                min(timeout, 60 + 2.0 * len(docs)),
                lambda code, output: code != 0 and _signature(code, output) == signature,
            )
        return result
    out = folder / "out"
    sources_file = folder / "sources.json"
    sources_file.write_text(json.dumps({str(k): v for k, v in sources.items()}, ensure_ascii=True), encoding="utf-8")
    code, output, _ = _run(
        [sys.executable, str(Path(__file__).resolve()), "check", str(out), str(sources_file)], timeout
    )
    if code != 0:
        exception, where = crash_summary(output)
        result.crash = f"export check {'hang' if code is None else f'exit {code}'}: {exception} at {where}"
        return result
    result.check = json.loads(output.strip().splitlines()[-1])
    if not result.problems():
        shutil.rmtree(folder, ignore_errors=True)  # kept only when something went wrong
    return result


@dataclass
class Summary:
    """Totals over all batches."""

    documents: int = 0
    built: int = 0
    in_graph: int = 0
    skipped: int = 0
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    lost: int = 0
    #: format → parser (and "expected") → statements summed over checked batches; "failures" → batches.
    roundtrip: dict[str, dict[str, int]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def clean(self) -> bool:
        return not self.problems

    def roundtrip_failures(self) -> int:
        return sum(entry["failures"] for entry in self.roundtrip.values())

    def add(self, result: BatchResult) -> None:
        self.documents += result.documents
        if result.hang:
            self.hangs.append(result.label())
        if result.crash:
            self.crashes.append(f"{result.label()}: {result.crash}")
        if result.check:
            self.built += result.documents
            self.in_graph += result.check["documents"]
            self.skipped += result.check["skipped"]
            self.lost += abs(result.check["lost"])  # more documents than inputs is as wrong as fewer
            for fmt, entry in result.check["roundtrip"].items():
                totals = self.roundtrip.setdefault(fmt, {"expected": 0, **dict.fromkeys(PARSERS, 0), "failures": 0})
                totals["expected"] += int(entry.get("expected", 0))
                for parser in PARSERS:
                    totals[parser] += entry[parser] if isinstance(entry.get(parser), int) else 0
                totals["failures"] += not roundtrip_ok(entry)
        self.problems += result.problems()

    def lines(self) -> list[str]:
        lines = [
            f"documents {self.documents}: built in clean batches {self.built} (in the graph {self.in_graph}, "
            f"skipped with a reason {self.skipped}, lost {self.lost}); crashes {len(self.crashes)}, "
            f"hangs {len(self.hangs)}; {self.seconds:.0f} s",
            f"{'round trip':<10} {'stored':>10} {'pyoxigraph':>10} {'rdflib':>10} {'batches wrong':>13}",
        ]
        for fmt, totals in self.roundtrip.items():
            lines.append(
                f"{fmt:<10} {totals['expected']:>10} {totals['pyoxigraph']:>10} {totals['rdflib']:>10} "
                f"{totals['failures']:>13}"
            )
        return lines


def batches(documents: int, seed: int, batch_size: int, scale: float = 1.0) -> Iterator[tuple[int, list[FuzzDoc]]]:
    for batch, start in enumerate(range(0, documents, batch_size)):
        yield batch, generate(min(batch_size, documents - start), seed, start, scale)


def soak(
    documents: int,
    seed: int,
    *,
    batch_size: int = 250,
    timeout: float | None = None,
    work: Path | None = None,
    find_culprits: bool = False,
    scale: float = 1.0,
    echo: Callable[[str], object] = print,
) -> Summary:
    """Build ``documents`` generated documents in batches; returns what went wrong."""
    summary = Summary()
    started = time.perf_counter()
    own = work is None
    work = Path(tempfile.mkdtemp(prefix="kg-fuzz-")) if work is None else work
    for batch, docs in batches(documents, seed, batch_size, scale):
        mode, workers = MODES[batch % len(MODES)]
        limit = timeout if timeout is not None else 120 + 2.0 * len(docs)
        result = run_batch(docs, batch, mode, workers, work, limit, find_culprit=find_culprits)
        summary.add(result)
        problems = result.problems()
        state = "ok" if not problems else f"{len(problems)} problem(s), kept in {work / f'batch-{batch:04d}'}"
        echo(f"batch {batch}: {len(docs)} documents, {mode}, {workers} worker(s), {result.seconds:.1f} s: {state}")
        for problem in problems:
            echo("  " + problem)
    summary.seconds = time.perf_counter() - started
    if own and summary.clean:
        shutil.rmtree(work, ignore_errors=True)
    return summary


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["check"]:
        sources = {int(k): v for k, v in json.loads(Path(argv[2]).read_text(encoding="utf-8")).items()}
        print(json.dumps(check_output(Path(argv[1]), sources), ensure_ascii=True))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000, help="documents in all [default: 10000]")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=250, help="documents per build [default: 250]")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per build [default: 120 + 2/document]")
    parser.add_argument("--work", type=Path, default=None, help="keep batches here [default: a temporary folder]")
    parser.add_argument(
        "--bisect", action="store_true", help="after a crash or hang, halve the batch to find one document that does it"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="size of the big documents [default: 1]")
    options = parser.parse_args(argv)
    summary = soak(options.documents, options.seed, batch_size=options.batch_size, timeout=options.timeout,
                   work=options.work, find_culprits=options.bisect, scale=options.scale)  # fmt: skip
    print()
    print("\n".join(summary.lines()))
    for problem in summary.problems:
        print("  " + problem)
    return 0 if summary.clean else 1


if __name__ == "__main__":
    sys.exit(main())
