"""Memory of a build: one long document, and many tiny ones (``make bench-memory``).

Prints, each measured in a fresh process:

- one long document (``--mb``, default 20 MB of distinct English paragraphs): peak RSS and
  words/s of ``kg build``, beside bare ``nlp.pipe`` over the same text in the same sections;
- many tiny JSONL documents (``--tiny``, default 20,000 and 200,000 of one or two sentences):
  peak RSS and documents/s, and how much RSS grew from the smallest count to the largest;
- the driver alone (``--driver``, counts of tiny documents, none by default): the same build with
  a stand-in extractor (a regular expression, no spaCy), so what the build keeps per document
  shows without the parser's memory and time: RSS growth per document and documents/s.

Under each run of tiny documents: the RSS at the end of each step of the build (per-document
pass, cross-document pass, entities graph, finish with the quad count, the graph closed) and the peak so far.

Long runs: 20 MB is about 3.2 million words (~10 minutes at 5,000 words/s); 200,000 tiny
documents take about 40 minutes. ``--mb 2 --tiny 2000,20000`` gives a quick look.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def _paragraphs() -> list[str]:
    return [p for f in sorted(CORPUS.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n") if p.strip()]


def long_text(chars: int) -> str:
    """Distinct paragraphs (the corpus's, each prefixed with its round) until ``chars`` characters:
    repeated lines would be dropped by the reader as page debris."""
    paragraphs, out, size, round_ = _paragraphs(), [], 0, 0
    while size < chars:
        round_ += 1
        for paragraph in paragraphs:
            line = f"In part {round_}, {paragraph[0].lower()}{paragraph[1:]}"
            out.append(line)
            size += len(line) + 2
    return "\n\n".join(out)


def tiny_documents(path: Path, count: int) -> None:
    """``count`` JSONL documents of one or two sentences each, all different."""
    sentences = [s.strip() + "." for p in _paragraphs() for s in p.split(". ") if len(s.split()) > 4]
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            text = f"On day {number}, {sentences[number % len(sentences)]}"
            if number % 2:
                text += " " + sentences[(number * 7) % len(sentences)]
            handle.write(json.dumps({"id": f"t{number:07d}", "text": text}) + "\n")


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _register_stand_in() -> str:
    """An extractor without spaCy for the driver measure: "X met Y." facts, X a person, Y a place."""
    import re

    from kg.extractors import Extractor, register_extractor
    from kg.records import Argument, DocumentResult, Extraction, Mention, Sentence

    pattern = re.compile(r"(?P<a>[A-Z]\w+ [A-Z]\w+) met [a-z ]*(?P<b>[A-Z]\w+)")

    @register_extractor("bench-stand-in")
    class StandIn(Extractor):
        def extract(self, documents):
            for document in documents:
                yield document, lambda document=document: self.result(document)

        def result(self, document):
            result = DocumentResult(document=document)
            text = document.text
            result.sentences.append(Sentence(0, 0, len(text), text))
            result.words = len(text.split())
            for match in pattern.finditer(text):
                a = Argument(match["a"], match.start("a"), match.end("a"), role="subject")
                b = Argument(match["b"], match.start("b"), match.end("b"), role="object")
                result.mentions.append(Mention(a.text, a.start, a.end, "PERSON", 0, "Person"))
                result.mentions.append(Mention(b.text, b.start, b.end, "GPE", 0, "Place"))
                result.extractions.append(Extraction(0, "met", "meet", a, [b], confidence=0.9))
            return result

    return "bench-stand-in"


def driver_documents(path: Path, count: int) -> None:
    """``count`` JSONL documents for the stand-in extractor: one of 500 people meets officials in one of 8 places (entities repeat, as in a feed)."""
    places = ["Doha", "Kabul", "Geneva", "Paris", "Nairobi", "Lima", "Oslo", "Hanoi"]
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            text = f"On day {number}, Officer{number % 500} Smith met officials in {places[number % len(places)]}."
            handle.write(json.dumps({"id": f"d{number:07d}", "text": text}) + "\n")


def _rss_mib(pid: str = "self") -> float:
    """The resident size now (VmRSS) of a process, in MiB (0 if it is gone)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0.0
    for line in lines:
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _children() -> list[str]:
    """The pids of this process's children (the parser process of a long document)."""
    pids: list[str] = []
    for task in Path("/proc/self/task").iterdir():
        try:
            pids += (task / "children").read_text().split()
        except OSError:
            pass
    return pids


class _TreeSampler:
    """The RSS of this process and its children together, sampled every ``every`` seconds on a thread:
    the build's peak when it runs in more than one process (``getrusage`` has each process's alone)."""

    def __init__(self, every: float = 0.2):
        import threading

        self.peak = 0.0
        self.every = every
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.wait(self.every):
            self.peak = max(self.peak, _rss_mib() + sum(_rss_mib(pid) for pid in _children()))

    def close(self) -> float:
        self.stop.set()
        self.thread.join()
        return self.peak


#: When the build being measured started (``time.perf_counter``).
_STARTED = [0.0]

#: The build's steps whose end is measured (``kg.build._Build`` methods), by the name printed.
PHASES = {
    "documents": "document_pass",
    "corpus": "corpus_pass",
    "entities": "entities_and_ontology",
    "finish": "finish",
}


def _record_phases(phases: list) -> None:
    """Record, at the end of each build step, the RSS then and the peak so far (which step raised the peak)."""
    import importlib

    module = importlib.import_module("kg.build")  # the package's ``kg.build`` is the function
    for label, name in PHASES.items():
        method = getattr(module._Build, name)

        def measured(self, *args, _method=method, _label=label, **kwargs):
            result = _method(self, *args, **kwargs)
            phases.append((_label, round(_rss_mib()), round(_peak_rss_mib()), round(time.perf_counter() - _STARTED[0])))
            return result

        setattr(module._Build, name, measured)


def _child_build(data: str, extractor: str = "spacy") -> dict:
    from kg.build import build
    from kg.settings import Settings

    phases: list = []
    _record_phases(phases)
    sampler = _TreeSampler()
    with tempfile.TemporaryDirectory(prefix="kg-bench-memory-") as out:
        started = _STARTED[0] = time.perf_counter()
        settings = Settings(max_chars=100_000_000, write_html=False, extractor=extractor)
        graph = build([data], out, settings=settings)
        seconds = time.perf_counter() - started
        report = graph.report
        graph.close()
        # Read before the output folder is removed: listing it (400,000 results files at 200,000
        # documents) takes ~70 MiB in this process, the benchmark's cost, not the build's.
        peak = _peak_rss_mib()
        phases.append(
            ("closed", round(_rss_mib()), round(peak), round(time.perf_counter() - started))
        )  # closing counts too
    tree = sampler.close()
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": seconds,
        "words": report.words,
        "documents": report.documents,
        "skipped": len(report.skipped),
        "rss_mib": peak,
        # The parser process of a long document (kg.parse_process), if there was one: its own peak,
        # and the peak of both processes' RSS together, sampled.
        "child_rss_mib": children.ru_maxrss / 1024,
        "tree_rss_mib": max(tree, peak),
        "cpu_seconds": own.ru_utime + own.ru_stime,
        "child_cpu_seconds": children.ru_utime + children.ru_stime,
        "phases": phases,
    }


def _phase_line(built: dict) -> str:
    """``RSS at the end of each step / peak so far`` (MiB), and when it ended: where the peak was reached."""
    steps = ", ".join(f"{label} {now}/{peak} at {at:,} s" for label, now, peak, at in built.get("phases", ()))
    return f"    RSS at the end of each step / peak so far, MiB: {steps}"


def _child_bare(data: str) -> dict:
    """``nlp.pipe`` alone over the text in kg's sections and batches: what parsing itself costs."""
    import spacy

    from kg.parsing import BATCH_CHARS, chunk_text, resolve_model

    nlp = spacy.load(resolve_model(None))
    text = Path(data, "long.txt").read_text(encoding="utf-8")
    pieces = [piece for _, piece in chunk_text(text)]
    started = time.perf_counter()
    batch: list[str] = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) >= 64 or sum(map(len, batch)) >= BATCH_CHARS:
            for _ in nlp.pipe(batch, batch_size=len(batch)):
                pass
            batch = []
    for _ in nlp.pipe(batch, batch_size=max(1, len(batch))):
        pass
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "words": len(text.split()), "rss_mib": _peak_rss_mib()}


def measure(kind: str, data: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(data)], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:  # say why: a failed run of half an hour must not end in a bare exit status
        sys.exit(f"the {kind} run failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20.0, help="size of the long document in MB (0: none)")
    parser.add_argument("--tiny", default="20000,200000", help="counts of tiny documents, comma-separated ('': none)")
    parser.add_argument("--driver", default="", help="counts of documents for the driver alone (stand-in extractor)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, data = args.child
        if kind == "bare":
            print(json.dumps(_child_bare(data)))
        else:
            print(json.dumps(_child_build(data, _register_stand_in() if kind == "driver" else "spacy")))
        return
    with tempfile.TemporaryDirectory(prefix="kg-bench-memory-") as tmp:
        if args.mb > 0:
            folder = Path(tmp, "long")
            folder.mkdir()
            Path(folder, "long.txt").write_text(long_text(int(args.mb * 1_000_000)), encoding="utf-8")
            bare, built = measure("bare", folder), measure("build", folder)
            # One count of words for both runs (the text's, split at whitespace): the build's report
            # counts tokens that are not punctuation, ~6% fewer, which understated its speed by as much.
            words = bare["words"]
            print(f"one {args.mb:g} MB document, {words:,} words:")
            print(f"  bare nlp.pipe  {words / bare['seconds']:8,.0f} words/s  peak RSS {bare['rss_mib']:7,.0f} MiB")
            print(
                f"  kg build       {words / built['seconds']:8,.0f} words/s  peak RSS {built['tree_rss_mib']:7,.0f} MiB"
                f"  ({bare['seconds'] / built['seconds']:.2f}x bare;"
                f" {built['documents']} document, {built['skipped']} skipped, {built['words']:,} words counted by kg)"
            )
            print(_phase_line(built))
            print(
                f"    its processes: the build's peak RSS {built['rss_mib']:,.0f} MiB, {built['cpu_seconds']:,.0f} CPU s;"
                f" the parser process's {built['child_rss_mib']:,.0f} MiB, {built['child_cpu_seconds']:,.0f} CPU s;"
                f" together (sampled every 0.2 s) {built['tree_rss_mib']:,.0f} MiB; bare {bare['seconds']:,.0f} s,"
                f" build {built['seconds']:,.0f} s"
            )
        counts = [int(c) for c in args.tiny.split(",") if c]
        first = None
        for count in counts:
            data = Path(tmp, f"tiny-{count}.jsonl")
            tiny_documents(data, count)
            built = measure("build", data)
            first = first or built
            growth = built["rss_mib"] / first["rss_mib"] - 1
            print(
                f"{count:,} tiny documents: {built['documents'] / built['seconds']:,.0f} documents/s,"
                f" peak RSS {built['rss_mib']:,.0f} MiB ({growth:+.0%} from {counts[0]:,})"
            )
            print(_phase_line(built))
            data.unlink()
        counts = [int(c) for c in args.driver.split(",") if c]
        first = None
        for count in counts:
            data = Path(tmp, f"driver-{count}.jsonl")
            driver_documents(data, count)
            built = measure("driver", data)
            first = first or {**built, "count": count}
            per = (built["rss_mib"] - first["rss_mib"]) * 2**20 / max(1, count - first["count"])
            print(
                f"driver alone, {count:,} documents: {built['documents'] / built['seconds']:,.0f} documents/s,"
                f" peak RSS {built['rss_mib']:,.0f} MiB ({built['rss_mib'] / first['rss_mib'] - 1:+.1%},"
                f" {per:,.0f} bytes per document more than {counts[0]:,})"
            )
            print(_phase_line(built))
            data.unlink()


if __name__ == "__main__":
    main()
