"""Scale: words/s at 1 and 2 processes and on a 2-worker Dask local cluster, each beside a bare
``nlp.pipe`` at the same process count; and the build's peak memory at two corpus sizes 10× apart.

Targets: build ≥ 0.85× bare at each process count; peak memory within 20% across the sizes.

    python benchmarks/scale.py [--words 100000] [--small 200] [--rounds 2] [--skip-memory]

Every run is a fresh process (see _bench.py); bare and build runs alternate for
``--rounds`` rounds and the best of each counts, as other jobs on the shared
machine slow single runs unevenly. Build runs exclude loading the
model in the driver, as the bare runs do; the Dask run measures a running local
cluster whose workers have loaded the model (its start-up is printed apart).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _bench import documents_for, make_corpus, measure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=100_000, help="words of the speed corpus")
    parser.add_argument(
        "--small", type=int, default=200, help="documents of the smaller memory corpus (the larger has 10×)"
    )
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds; the best of each counts")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as folder:
        data = Path(folder) / "speed.jsonl"
        words = make_corpus(data, documents_for(args.words))
        print(f"speed corpus: {words:,} words, {documents_for(args.words)} JSONL documents\n")
        print(f"{'run':<26}{'build words/s':>14}{'bare words/s':>14}{'ratio':>8}{'vs 1 process':>14}")
        one = None
        for name, processes, dask in (
            ("1 process", 1, None),
            ("--workers 2", 2, None),
            ("--dask local:2", 1, "local:2"),
        ):
            options = {"processes": processes} | ({"dask": dask} if dask else {})
            bares, builds = [], []
            for _ in range(args.rounds):
                bares.append(measure("bare", data, processes=2 if dask else processes))
                builds.append(measure("build", data, **options))
            bare = max(bares, key=lambda r: r["words_per_s"])
            built = max(builds, key=lambda r: r["words_per_s"])
            one = one or built["words_per_s"]
            print(
                f"{name:<26}{built['words_per_s']:>14,.0f}{bare['words_per_s']:>14,.0f}"
                f"{built['words_per_s'] / bare['words_per_s']:>8.2f}{built['words_per_s'] / one:>13.2f}×"
                + (f"   (cluster start-up {built['startup']:.1f} s)" if dask else "")
            )
        if args.skip_memory:
            return
        print(f"\n{'documents':>10}{'words':>10}{'peak RSS MiB':>14}   (driver process, --workers 1, no HTML view)")
        peaks = []
        for count in (args.small, 10 * args.small):
            data = Path(folder) / f"memory-{count}.jsonl"
            words = make_corpus(data, count)
            built = measure("build", data, processes=1, html=0)
            peaks.append(built["rss_mib"])
            print(f"{count:>10,}{words:>10,}{built['rss_mib']:>14,.0f}")
        print(f"growth: {100 * (peaks[1] / peaks[0] - 1):+.1f}% for 10× the documents (target within 20%)")


if __name__ == "__main__":
    main()
