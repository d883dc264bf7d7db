"""CaRB dev benchmark: extract, score, print precision, recall, best F1 and AUC.

    python benchmarks/carb.py                 # writes out/carb-dev.tsv and scores it
    python benchmarks/carb.py --fit           # refit kg/extraction/confidence.json on dev first
    python benchmarks/carb.py --cv            # also a 5-fold cross-validated score of the confidence
    python benchmarks/carb.py --detokenize    # parse the PTB-tokenized lines as plain text

The data sits beside the repository: ``../shared/bench/carb/`` (dev.txt, gold/dev.tsv).
Fitting the confidence model on the dev half is what the benchmark README allows;
there is no test half here to report on.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evaluation.carb import match_pair, normalize_sentence, read_gold, score_files  # noqa: E402


def _data() -> Path:
    """``../shared/bench/carb`` beside the clone (or beside its worktree folder), or $KG_CARB_DATA."""
    import os

    if os.environ.get("KG_CARB_DATA"):
        return Path(os.environ["KG_CARB_DATA"])
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "bench" / "carb" / "dev.txt").is_file():
            return base / "shared" / "bench" / "carb"
    return ROOT.parent / "shared" / "bench" / "carb"


DATA = _data()


def _target(precision: float, recall: float) -> float:
    """What the confidence learns: the pair's F1 (precision alone ranks short, safe tuples too high)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _rows(
    lines: list[str], gold_path: Path, tokenized: bool = False
) -> tuple[list[dict[str, float]], list[float], list[tuple[str, tuple]]]:
    """Features, fitting target and ``(line, CaRB tuple)`` of every extraction of a sentence with gold."""
    from kg.extraction import clause_extractions, nominal_extractions
    from kg.extraction.confidence import features
    from kg.extraction.output import carb_tuple
    from kg.extraction.ptb import detokenize, to_line
    from kg.extraction.speech import attribution
    from kg.parsing import load_pipeline

    gold = read_gold(gold_path)
    nlp = load_pipeline()
    rows: list[dict[str, float]] = []
    targets: list[float] = []
    tuples_out: list[tuple[str, tuple]] = []
    plain = [detokenize(line) for line in lines] if tokenized else [None] * len(lines)
    texts = [d.text for d in plain] if tokenized else lines
    for line, d, doc in zip(lines, plain, nlp.pipe(texts), strict=True):
        tuples = gold.get(normalize_sentence(line))
        if not tuples:
            continue
        sent = doc[:]
        found = [(e, v) for e, v in clause_extractions(sent, sentence=0)]
        found += [(e, None) for e in nominal_extractions(sent, sentence=0)]
        for e, verb in found:
            if verb is not None:
                e.attribution = attribution(verb)
        for e, verb in found:
            # features read the parse (plain-text offsets); the tuple is scored on the line
            f = features(e, verb, sent)
            if d is not None:
                to_line([e], d)
            t = carb_tuple(e)
            rows.append(f)
            targets.append(max(_target(*match_pair(g, t)) for g in tuples))
            tuples_out.append((line, t))
    return rows, targets, tuples_out


def _newton(rows: list[dict[str, float]], targets: list[float], l2: float) -> tuple[float, dict[str, float]]:
    """Logistic regression with fractional targets and an L2 penalty, by Newton steps."""
    import numpy as np

    names = sorted({k for r in rows for k in r})
    x = np.array([[r.get(n, 0.0) for n in names] for r in rows])
    y = np.array(targets)
    w = np.zeros(len(names))
    b = 0.0
    xa = np.hstack([x, np.ones((len(y), 1))])
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = np.append(x.T @ (p - y) + l2 * w, float(np.sum(p - y)))
        h = xa.T @ (xa * (p * (1 - p))[:, None]) + l2 * np.diag([1.0] * len(names) + [0.0])
        step = np.linalg.solve(h, g)
        w -= step[:-1]
        b -= step[-1]
        if np.max(np.abs(step)) < 1e-6:
            break
    return float(b), {n: float(v) for n, v in zip(names, w, strict=True)}


def fit(lines: list[str], gold_path: Path, l2: float = 1.0, tokenized: bool = False) -> dict:
    """Fit the logistic confidence model: target = the best CaRB pair F1 of each extraction."""
    rows, targets, _ = _rows(lines, gold_path, tokenized)
    b, w = _newton(rows, targets, l2)
    return {"bias": round(b, 4), "weights": {n: round(v, 4) for n, v in w.items()},
            "fitted_on": "CaRB dev", "extractions": len(targets)}  # fmt: skip


def cross_validate(lines: list[str], gold_path: Path, folds: int = 5, l2: float = 1.0, tokenized: bool = False):
    """CaRB score with each sentence's confidences from a model fitted on the other folds (an honest estimate)."""
    from collections import defaultdict

    from kg.evaluation.carb import score

    rows, targets, tuples = _rows(lines, gold_path, tokenized)
    keys = [normalize_sentence(line) for line, _ in tuples]
    fold_of = {k: n % folds for n, k in enumerate(dict.fromkeys(keys))}
    extractions: dict[str, list] = defaultdict(list)
    for k in range(folds):
        train = [i for i, key in enumerate(keys) if fold_of[key] != k]
        b, w = _newton([rows[i] for i in train], [targets[i] for i in train], l2)
        for i, key in enumerate(keys):
            if fold_of[key] == k and tuples[i][1][1]:
                z = b + sum(w.get(n, 0.0) * v for n, v in rows[i].items())
                extractions[key].append((round(1 / (1 + math.exp(-z)), 4), tuples[i][1]))
    return score(read_gold(gold_path), extractions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "carb-dev.tsv")
    parser.add_argument("--fit", action="store_true", help="refit the confidence model on dev first")
    parser.add_argument(
        "--detokenize", action="store_true", help="parse the PTB-tokenized lines as plain text (kg.extraction.ptb)"
    )
    parser.add_argument("--cv", action="store_true", help="also print a 5-fold cross-validated score")
    parser.add_argument("--said-swap", action="store_true", help="CaRB's optional 'said' swap rule")
    args = parser.parse_args(argv)
    lines = (args.data / "dev.txt").read_text(encoding="utf-8").splitlines()
    gold_path = args.data / "gold" / "dev.tsv"
    if args.fit:
        from kg.extraction import confidence

        model = fit(lines, gold_path, tokenized=args.detokenize)
        confidence.WEIGHTS.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n")
        confidence._model.cache_clear()
        print(f"fitted {len(model['weights'])} weights on {model['extractions']} extractions")
    from kg.extraction.output import extract_lines, format_extractions

    args.out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with args.out.open("w", encoding="utf-8") as out:
        for line, extractions in extract_lines(lines, tokenized=args.detokenize):
            out.write(format_extractions(line, extractions, "carb"))
    elapsed = time.perf_counter() - started
    s = score_files(gold_path, args.out, said_swap=args.said_swap)
    distinct = len({float(row.split("\t")[1]) for row in args.out.read_text().splitlines()})
    print(
        f"CaRB dev: P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  AUC {s.auc:.3f}  "
        f"({s.extractions} extractions, {distinct} distinct confidences, said swap "
        f"{'on' if args.said_swap else 'off'}, {elapsed:.1f} s)"
    )
    if args.cv:
        c = cross_validate(lines, gold_path, tokenized=args.detokenize)
        print(
            f"5-fold cross-validated confidence: P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}  AUC {c.auc:.3f}"
        )
    return 0 if not math.isnan(s.f1) else 1


if __name__ == "__main__":
    raise SystemExit(main())
