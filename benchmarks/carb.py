"""CaRB dev benchmark: extract, score, print precision, recall, best F1 and AUC.

    python benchmarks/carb.py                 # writes out/carb-dev.tsv and scores it
    python benchmarks/carb.py --fit           # refit kg/extraction/confidence.json on dev first

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
    import os

    mode = os.environ.get("KG_FIT_TARGET", "f1")
    if mode == "f1":
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if mode == "mix":
        return 0.7 * precision + 0.3 * recall
    if mode == "sqrt":
        return (precision * recall) ** 0.5
    return precision


def fit(lines: list[str], gold_path: Path, l2: float = 1.0, steps: int = 400) -> dict:
    """Fit the logistic confidence model: target = the best CaRB pair precision of each extraction."""
    import numpy as np

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
    plain = [detokenize(line) for line in lines]
    for line, d, doc in zip(lines, plain, nlp.pipe([d.text for d in plain]), strict=True):
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
            to_line([e], d)
            t = carb_tuple(e)
            best = max(_target(*match_pair(g, t)) for g in tuples)
            rows.append(f)
            targets.append(best)
    names = sorted({k for r in rows for k in r})
    x = np.array([[r.get(n, 0.0) for n in names] for r in rows])
    y = np.array(targets)
    w = np.zeros(len(names))
    b = 0.0
    # Newton steps on the regularised cross-entropy (fractional targets are fine).
    for _ in range(50):
        z = x @ w + b
        p = 1 / (1 + np.exp(-z))
        g_w = x.T @ (p - y) + l2 * w
        g_b = float(np.sum(p - y))
        s = p * (1 - p)
        xa = np.hstack([x, np.ones((len(y), 1))])
        h = xa.T @ (xa * s[:, None]) + l2 * np.diag([1.0] * len(names) + [0.0])
        step = np.linalg.solve(h, np.append(g_w, g_b))
        w -= step[:-1]
        b -= step[-1]
        if np.max(np.abs(step)) < 1e-6:
            break
    return {"bias": round(b, 4), "weights": {n: round(float(v), 4) for n, v in zip(names, w, strict=True)},
            "fitted_on": "CaRB dev", "extractions": len(y)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "carb-dev.tsv")
    parser.add_argument("--fit", action="store_true", help="refit the confidence model on dev first")
    parser.add_argument("--said-swap", action="store_true", help="CaRB's optional 'said' swap rule")
    args = parser.parse_args(argv)
    lines = (args.data / "dev.txt").read_text(encoding="utf-8").splitlines()
    gold_path = args.data / "gold" / "dev.tsv"
    if args.fit:
        from kg.extraction import confidence

        model = fit(lines, gold_path)
        confidence.WEIGHTS.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n")
        confidence._model.cache_clear()
        print(f"fitted {len(model['weights'])} weights on {model['extractions']} extractions")
    from kg.extraction.output import extract_lines, format_extractions

    args.out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with args.out.open("w", encoding="utf-8") as out:
        for line, extractions in extract_lines(lines, tokenized=True):
            out.write(format_extractions(line, extractions, "carb"))
    elapsed = time.perf_counter() - started
    s = score_files(gold_path, args.out, said_swap=args.said_swap)
    distinct = len({float(row.split("\t")[1]) for row in args.out.read_text().splitlines()})
    print(
        f"CaRB dev: P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  AUC {s.auc:.3f}  "
        f"({s.extractions} extractions, {distinct} distinct confidences, said swap "
        f"{'on' if args.said_swap else 'off'}, {elapsed:.1f} s)"
    )
    return 0 if not math.isnan(s.f1) else 1


if __name__ == "__main__":
    raise SystemExit(main())
