"""Extraction time as a share of spaCy parse time on the same text.

    python benchmarks/extraction_speed.py [--words 60000]

The sample corpus is repeated to about ``--words`` words, parsed once (timed),
then extracted (timed). Target: extraction <= 5% of parse time.
Garbage left by one phase is collected before the next is timed, so neither
pays for the other's (the collector itself stays on, as in real runs).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extraction import extract_doc  # noqa: E402
from kg.parsing import load_pipeline  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=60_000)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = parser.parse_args(argv)
    paragraphs = [
        p.strip() for f in sorted(args.corpus.glob("*.txt")) for p in f.read_text().split("\n\n") if p.strip()
    ]
    texts: list[str] = []
    words = 0
    while words < args.words:
        for p in paragraphs:
            texts.append(p)
            words += len(p.split())
            if words >= args.words:
                break
    nlp = load_pipeline()
    gc.collect()
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    parse = time.perf_counter() - started
    gc.collect()
    started = time.perf_counter()
    n = sum(len(extract_doc(doc)) for doc in docs)
    extract = time.perf_counter() - started
    print(
        f"{words} words in {len(texts)} paragraphs: parse {parse:.2f} s, extraction {extract:.3f} s "
        f"({n} extractions) = {100 * extract / parse:.1f}% of parse time"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
