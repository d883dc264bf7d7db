"""Compare an on-disk pyoxigraph Store with rdflib's in-memory Dataset.

Generates synthetic N-Quads shaped like the project's output (statement
nodes with rdf:subject/predicate/object, confidence literals, entity labels,
one named graph per document) and measures, per store, in a fresh
subprocess each so that memory figures do not mix:

* load time from the N-Quads file (Oxigraph: ``bulk_load`` and transactional
  ``load``; rdflib: ``Dataset.parse``), wall clock and CPU,
* ``SELECT (COUNT(*) ...)`` over all named graphs,
* a two-hop join (entity → statement → entity → statement → object),
* export of the whole dataset as N-Quads to a file,
* peak resident memory of the process (``ru_maxrss``) and its baseline after imports.

Usage::

    python benchmarks/store_speed.py                 # 1M triples
    python benchmarks/store_speed.py --triples 100000
    python benchmarks/store_speed.py --skip rdflib   # Oxigraph only
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

EX = "http://example.org/kg/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: Triples written per statement node (type, subject, predicate, object, confidence, sentence).
PER_STATEMENT = 6

BACKENDS = ("oxigraph-bulk", "oxigraph-load", "rdflib")

COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def two_hop_query(starts: int = 20) -> str:
    """Objects reached in two statement hops from ``starts`` entities, across graphs."""
    values = " ".join(f"<{EX}ent/{i}>" for i in range(starts))
    return f"""PREFIX rdf: <{RDF}>
SELECT (COUNT(*) AS ?n) WHERE {{
  VALUES ?e {{ {values} }}
  GRAPH ?g1 {{ ?st1 rdf:subject ?e ; rdf:object ?mid }}
  GRAPH ?g2 {{ ?st2 rdf:subject ?mid ; rdf:object ?end }}
}}"""


def generate(path: Path, triples: int, graphs: int = 1000, seed: int = 7) -> int:
    """Write about ``triples`` N-Quads to ``path``; return the exact count written."""
    rng = random.Random(seed)
    entities = max(100, triples // 40)
    statements = triples // (PER_STATEMENT + 1)  # + an entity label now and then
    written = 0
    labelled: set[tuple[int, int]] = set()  # (entity, graph): quads are a set, write each once
    with path.open("w", encoding="utf-8") as out:
        for i in range(statements):
            g = f"<{EX}doc/{i % graphs}>"
            st = f"<{EX}st/{i}>"
            subj = rng.randrange(entities)
            obj = f"<{EX}ent/{rng.randrange(entities)}>" if rng.random() < 0.6 else f'"value {i} \\"quoted\\" é"@en'
            lines = [
                f"{st} <{RDF}type> <{EX}Statement> {g} .\n",
                f"{st} <{RDF}subject> <{EX}ent/{subj}> {g} .\n",
                f"{st} <{RDF}predicate> <{EX}rel/{rng.randrange(200)}> {g} .\n",
                f"{st} <{RDF}object> {obj} {g} .\n",
                f'{st} <{EX}confidence> "{rng.random():.3f}"^^<{XSD}decimal> {g} .\n',
                f'{st} <{EX}sentence> "Sentence {i} of the document." {g} .\n',
            ]
            if (subj, i % graphs) not in labelled:
                labelled.add((subj, i % graphs))
                lines.append(f'<{EX}ent/{subj}> <{EX}label> "Entity {subj}"@en {g} .\n')
            out.writelines(lines)
            written += len(lines)
    return written


def emit(**figures: float) -> None:
    """Print figures as one JSON line at once, so a timed-out run keeps what it measured."""
    figures["peak_rss_mb"] = max_rss_mb()
    print(json.dumps(figures), flush=True)


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    """Seconds taken by ``fn()`` and its value."""
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def cpu_s() -> float:
    """CPU seconds used by this process, all threads (bulk_load is parallel)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def max_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_oxigraph(data: Path, workdir: Path, bulk: bool) -> None:
    import pyoxigraph as ox

    emit(baseline_rss_mb=max_rss_mb())
    store = ox.Store(str(workdir / "store"))
    loader = store.bulk_load if bulk else store.load
    start, cpu = time.perf_counter(), cpu_s()
    # From the file path: a little faster than from bytes and no 145 MB copy.
    loader(path=str(data), format=ox.RdfFormat.N_QUADS)
    load_s, load_cpu = time.perf_counter() - start, cpu_s() - cpu
    emit(load_s=load_s, load_cpu_s=load_cpu)
    count_s, count = timed(lambda: int(next(iter(store.query(COUNT_QUERY)))["n"].value))
    emit(count_s=count_s, count=count)
    out = workdir / "dump.nq"
    export_s, _ = timed(lambda: store.dump(str(out), format=ox.RdfFormat.N_QUADS))
    emit(export_s=export_s, export_mb=out.stat().st_size / 1e6)
    join_s, join = timed(lambda: int(next(iter(store.query(two_hop_query())))["n"].value))
    emit(join_s=join_s, join_rows=join)


def run_rdflib(data: Path, workdir: Path) -> None:
    from rdflib import Dataset

    emit(baseline_rss_mb=max_rss_mb())
    ds = Dataset()
    cpu = cpu_s()
    load_s, _ = timed(lambda: ds.parse(str(data), format="nquads"))
    emit(load_s=load_s, load_cpu_s=cpu_s() - cpu)
    count_s, count = timed(lambda: int(next(iter(ds.query(COUNT_QUERY)))[0]))
    emit(count_s=count_s, count=count)
    out = workdir / "dump.nq"
    export_s, _ = timed(lambda: ds.serialize(destination=str(out), format="nquads"))
    emit(export_s=export_s, export_mb=out.stat().st_size / 1e6)
    # Last: rdflib evaluates GRAPH ?g per graph, so this join is very slow.
    join_s, join = timed(lambda: int(next(iter(ds.query(two_hop_query())))[0]))
    emit(join_s=join_s, join_rows=join)


def worker(backend: str, data: Path) -> None:
    """Run one backend in this (fresh) process, printing figures as JSON lines."""
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        if backend == "rdflib":
            run_rdflib(data, Path(tmp))
        else:
            run_oxigraph(data, Path(tmp), bulk=backend == "oxigraph-bulk")


def measure(backend: str, data: Path, timeout: float) -> dict:
    """Run ``backend`` in a fresh interpreter; return its figures (and any error)."""
    cmd = [sys.executable, __file__, "--worker", backend, "--data", str(data)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        problem = None if proc.returncode == 0 else (err.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        problem = f"stopped after {timeout:.0f} s"
    figures: dict = {}
    for line in out.splitlines():
        if line.startswith("{"):
            figures.update(json.loads(line))
    if problem:
        figures["error"] = problem
    return figures


def print_table(results: dict[str, dict], triples: int) -> None:
    rows = [
        ("load (s)", "load_s", "{:.2f}"),
        ("load CPU (s)", "load_cpu_s", "{:.2f}"),
        ("COUNT(*) (s)", "count_s", "{:.3f}"),
        ("COUNT(*) result", "count", "{:,}"),
        ("two-hop join (s)", "join_s", "{:.3f}"),
        ("two-hop join rows", "join_rows", "{:,}"),
        ("export N-Quads (s)", "export_s", "{:.2f}"),
        ("export size (MB)", "export_mb", "{:.0f}"),
        ("baseline RSS (MB)", "baseline_rss_mb", "{:.0f}"),
        ("peak RSS (MB)", "peak_rss_mb", "{:.0f}"),
    ]
    names = list(results)
    print(f"\n{triples:,} triples, {len(names)} stores, each in a fresh process\n")
    print(f"{'':22}" + "".join(f"{name:>16}" for name in names))
    for label, key, fmt in rows:
        cells = [fmt.format(results[name][key]) if key in results[name] else "-" for name in names]
        print(f"{label:22}" + "".join(f"{c:>16}" for c in cells))
    for name, r in results.items():
        if "error" in r:
            print(f"{name}: {r['error']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--triples",
        type=int,
        default=1_000_000,
        help="approximate triples (default 1M)",
    )
    parser.add_argument("--graphs", type=int, default=1000, help="named graphs (default 1000)")
    parser.add_argument("--skip", action="append", default=[], choices=BACKENDS, help="backend to skip")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per backend (default 900)")
    parser.add_argument("--worker", choices=BACKENDS, help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.data)
        return 0
    with tempfile.TemporaryDirectory(prefix="kg-bench-data-") as tmp:
        data = Path(tmp) / "data.nq"
        gen_s, written = timed(lambda: generate(data, args.triples, args.graphs))
        print(
            f"generated {written:,} quads in {args.graphs} graphs ({data.stat().st_size / 1e6:.0f} MB) in {gen_s:.1f} s"
        )
        results = {}
        for backend in BACKENDS:
            if backend in args.skip:
                continue
            print(f"measuring {backend} ...", flush=True)
            results[backend] = measure(backend, data, args.timeout)
            if "count" in results[backend] and results[backend]["count"] != written:
                results[backend]["error"] = f"COUNT gave {results[backend]['count']}, expected {written}"
        print_table(results, written)
        join_counts = {r["join_rows"] for r in results.values() if "join_rows" in r}
        if len(join_counts) > 1:
            print(f"WARNING: stores disagree on the two-hop join: {sorted(join_counts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
