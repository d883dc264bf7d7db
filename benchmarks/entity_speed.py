"""Share of build time spent in entity resolution, on the sample corpus repeated to ~100k words.

    python benchmarks/entity_speed.py [--words 100000]

Prints the resolution time, the whole build time and the share (target: ≤ 5 %).

Resolution is the cross-document pass's own work: building the corpus tables, resolving
each document (names, acronyms, pronouns, phrase nodes) and the entity index at the end,
timed in the driver thread's CPU time (``report.timings["resolve_entities"]``). Wall time
inside it would also count the store's writer thread, which holds the GIL while rdflib
parses each graph into the memory store (about as long again). Mentions each document
prepares for its facts in the per-document pass are not counted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import kg

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    args = parser.parse_args()
    texts = [p.read_text() for p in sorted(CORPUS.glob("*.txt"))]
    per_round = sum(len(t.split()) for t in texts)
    rounds = max(1, round(args.words / per_round))
    with tempfile.TemporaryDirectory() as folder:
        for r in range(rounds):
            for n, text in enumerate(texts):
                (Path(folder) / f"{r:04d}_{n}.txt").write_text(text)
        started = time.perf_counter()
        graph = kg.build([folder], settings=kg.Settings(store="memory"))
        total = time.perf_counter() - started
    report = graph.report
    resolve = report.timings["resolve_entities"]
    print(f"documents {report.documents}, words {report.words:,}, entities {report.entities:,}")
    print(f"build {total:.2f} s, entity resolution {resolve:.3f} s, share {100 * resolve / total:.2f} %")


if __name__ == "__main__":
    main()
