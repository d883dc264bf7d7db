"""Shared parts of the build benchmarks: a corpus of distinct JSONL documents, and isolated measurements.

Every measurement runs in a fresh process (``python benchmarks/_bench.py KIND ...``),
so peak memory and pipeline caches never leak from one into the next. Words are
counted the same way for every run: whitespace-separated words of the input texts.
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
BATCH_SIZE = 64


def make_corpus(path: Path, documents: int) -> int:
    """Write ``documents`` distinct JSONL documents (the sample corpus, repeated under new ids); return their words."""
    texts = [file.read_text(encoding="utf-8") for file in sorted(CORPUS.glob("*.txt"))]
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for number in range(documents):
            text = texts[number % len(texts)]
            words += len(text.split())
            handle.write(json.dumps({"id": f"doc-{number:07d}", "text": text}) + "\n")
    return words


def documents_for(words: int) -> int:
    """How many documents make at least ``words`` words."""
    per_round = sum(len(file.read_text(encoding="utf-8").split()) for file in CORPUS.glob("*.txt"))
    count = len(list(CORPUS.glob("*.txt")))
    return -(-words * count // per_round)


def measure(kind: str, data: Path, **options: object) -> dict:
    """Run one measurement in a fresh process; returns words, seconds, words_per_s and peak RSS (MiB)."""
    args = [sys.executable, str(Path(__file__).resolve()), kind, str(data)]
    for key, value in options.items():
        args += [f"--{key.replace('_', '-')}", str(value)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _input_words(data: Path) -> tuple[list[str], int]:
    texts = [json.loads(line)["text"] for line in data.open(encoding="utf-8")]
    return texts, sum(len(text.split()) for text in texts)


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children: steadier than wall time on a shared machine."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _bare(data: Path, processes: int) -> dict:
    """``nlp.pipe`` alone: the same model and batch size, nothing else."""
    import spacy

    from kg.parsing import resolve_model

    nlp = spacy.load(resolve_model(None))
    texts, words = _input_words(data)
    cpu = _cpu_seconds()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=processes):
        pass
    seconds = time.perf_counter() - started
    return {"words": words, "seconds": seconds, "cpu": _cpu_seconds() - cpu, "rss_mib": _peak_rss_mib()}


def _build(data: Path, workers: int, dask: str | None, html: int) -> dict:
    """``kg build`` end to end into a fresh output directory (the model load excepted, as for the bare run)."""
    from kg.build import build
    from kg.parsing import load_pipeline
    from kg.settings import Settings

    settings = Settings(workers=workers, batch_size=BATCH_SIZE, write_html=bool(html))
    load_pipeline(settings.model, settings.gazetteers)
    _, words = _input_words(data)
    cluster = None
    startup = 0.0
    if dask and dask.startswith("local:"):
        # A running cluster with the model loaded in its workers, as in a deployment
        # (its start-up, paid once per cluster, is reported apart).
        from distributed import Client, LocalCluster

        started = time.perf_counter()
        cluster = LocalCluster(
            n_workers=int(dask.removeprefix("local:")), threads_per_worker=1, dashboard_address=None, silence_logs=40
        )
        with Client(cluster) as client:
            client.run(load_pipeline, settings.model, settings.gazetteers)
        dask = cluster.scheduler_address
        startup = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as out:
        cpu = _cpu_seconds()
        driver = time.thread_time()
        started = time.perf_counter()
        graph = build([data], out, settings=settings, dask=dask)
        seconds = time.perf_counter() - started
        driver = time.thread_time() - driver
        cpu = _cpu_seconds() - cpu
        report = graph.report
        graph.close()
    if cluster is not None:
        cluster.close()
    return {
        "startup": startup,
        "words": words,
        "seconds": seconds,
        "cpu": cpu,
        "driver_cpu": driver,
        "rss_mib": _peak_rss_mib(),
        "triples": report.triples,
        "timings": report.timings,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["bare", "build"])
    parser.add_argument("data", type=Path)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--dask", default=None)
    parser.add_argument("--html", type=int, default=1)
    args = parser.parse_args()
    if args.kind == "bare":
        result = _bare(args.data, args.processes)
    else:
        result = _build(args.data, args.processes, args.dask, args.html)
    result["words_per_s"] = result["words"] / result["seconds"]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
