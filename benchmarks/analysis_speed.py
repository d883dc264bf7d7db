"""Time of the per-document work outside spaCy: analyze_document and Processed.of.

    python benchmarks/analysis_speed.py [--words 60000] [--repeat 5]

The sample corpus documents are repeated to about ``--words`` words, parsed
once (timed, for scale), then analyzed and serialized ``--repeat`` times; the
fastest round is reported, in CPU seconds (other processes on the machine
barely move it). The collector stays on, as in real runs.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.analysis import analyze_document  # noqa: E402
from kg.distributed import Processed  # noqa: E402
from kg.parsing import load_pipeline, parse_documents  # noqa: E402
from kg.records import Document  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=60_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = parser.parse_args(argv)
    texts = [f.read_text(encoding="utf-8") for f in sorted(args.corpus.glob("*.txt"))]
    documents: list[Document] = []
    words = 0
    while words < args.words:
        text = texts[len(documents) % len(texts)]
        documents.append(Document(f"doc-{len(documents)}", text, hashlib.sha256(text.encode()).hexdigest()))
        words += len(text.split())
    nlp = load_pipeline()
    started = time.process_time()
    parsed = list(parse_documents(nlp, documents))
    parse = time.process_time() - started
    best_analysis = best_json = float("inf")
    for _ in range(args.repeat):
        gc.collect()
        started = time.process_time()
        results = [analyze_document(document, chunks) for document, chunks in parsed]
        analysis = time.process_time() - started
        started = time.process_time()
        for result in results:
            Processed.of(result)
        serialization = time.process_time() - started
        if analysis + serialization < best_analysis + best_json:
            best_analysis, best_json = analysis, serialization
    total = best_analysis + best_json
    print(
        f"{words} words in {len(documents)} documents: parse {parse:.2f} s, analyze_document {best_analysis:.3f} s, "
        f"Processed.of {best_json:.3f} s = {100 * total / parse:.1f}% of parse time (CPU seconds)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
