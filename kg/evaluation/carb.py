"""A scorer compatible with CaRB (Bhardwaj et al., EMNLP 2019), the open IE benchmark.

The rule follows ``/work/shared/bench/carb/README.md`` and CaRB's default matcher
(``binary_linient_tuple_match`` with the threshold sweep of ``Benchmark.compare``):

* Sentences are keyed by :func:`normalize_sentence`; extractions for sentences with
  no gold tuple are ignored (counted in ``CarbScore.ignored_extractions``).
* Every tuple becomes three slots ``(relation, arg1, rest)``, ``rest`` being the
  arguments after the first joined with spaces. Tokens are lowercased and split on
  whitespace. A slot is *missing* when the tuple ends before it; trailing empty
  fields are dropped first, as CaRB's readers do (``line.strip().split("\\t")``).
* Per slot, matched tokens = size of the multiset intersection of gold and predicted
  tokens (each predicted token used once). If the relations share no token the pair
  scores (0, 0); a left-over predicted "be" may match a left-over gold form of "be".
  A missing ``arg1`` or ``rest`` in the extraction where gold has that slot gives
  (0, 0). A slot gold lacks is not counted on either side (CaRB loops over gold slots).
* Pair precision = matched / predicted tokens, recall = matched / gold tokens.
* For every distinct confidence t (of scored extractions) the kept extractions are
  those with confidence >= t. Per sentence: recall numerator = sum over gold tuples
  of the best recall of any kept extraction; precision numerator = greedy one-to-one
  pairing by highest pair precision (ties: lowest gold index, then lowest extraction
  index, like CaRB's scan). Corpus P = sum of precision numerators / kept
  extractions; corpus R = sum of recall numerators / all gold tuples.
* Best F1 over the curve (ties: the lowest threshold, as ``np.argmax`` over CaRB's
  ascending thresholds). AUC: the curve points ordered by threshold from high to low
  (recall never decreases along that order), preceded by (recall 0, precision 1), and
  integrated with the trapezoid rule over recall. That is exactly what CaRB's
  ``sklearn.metrics.auc(recalls + [0], precisions + [1])`` computes; we do not round.

All sums are exact (:class:`fractions.Fraction`) so equal curve points compare equal
and a perfect system scores exactly 1.0.

Deliberate differences from CaRB's code, all outside what its README specifies:

* Case is ignored in slots and sentence keys (CaRB's code passes ``ignoreCase`` but
  its lenient matcher never lowercases).
* A left-over predicted "be" only matches a gold "be"-form not already matched
  (CaRB may count an already matched "is" twice, giving recall above 1).
* CaRB's extra rule for gold relations containing "said"/"told"/"added"/"adds"/
  "says" (also try the extraction with arg1 and rest swapped, keep the larger
  (precision, recall)) is off by default; pass ``said_swap=True`` to turn it on.
* Sentence keys that collide after normalization are merged instead of overwritten.
* Thresholds come only from scored extractions; CaRB also sweeps confidences of
  ignored extractions, which only adds duplicate points (same F1 and AUC).
"""

from __future__ import annotations

import math
import re
import string
import sys
from bisect import insort
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

#: A gold tuple or an extraction: ``(relation, arg1, arg2, ...)``.
Tuple = tuple[str, ...]

_PUNCT = re.compile(f"[{re.escape(string.punctuation)}]")
_SPACE = re.compile(r"\s+")
# Penn Treebank bracket escapes, undone before punctuation is removed (as CaRB does).
_PTB_ESCAPES = (
    ("-LRB-", "("),
    ("-RRB-", ")"),
    ("-LSB-", "["),
    ("-RSB-", "]"),
    ("-LCB-", "{"),
    ("-RCB-", "}"),
)
_BE_FORMS = ("be", "is", "am", "are", "was", "were", "been", "being")
_SAID_VERBS = ("said", "told", "added", "adds", "says")

_ZERO = Fraction(0)
#: (matched tokens, predicted tokens, gold tokens) of a pair; no match is 0/1, 0/1.
_Counts = tuple[int, int, int]
_NO_MATCH: _Counts = (0, 1, 1)


@dataclass(slots=True)
class CarbScore:
    """Result of :func:`score`.

    ``precision``/``recall`` are taken at ``threshold``, the confidence with the
    best ``f1``; ``auc`` is the area under the precision-recall curve. ``curve``
    lists ``(threshold, precision, recall)`` for every distinct confidence, from
    the highest threshold to the lowest. With no scored extraction every number
    is 0, ``threshold`` is None and ``curve`` is empty.
    """

    precision: float
    recall: float
    f1: float
    auc: float
    threshold: float | None
    curve: list[tuple[float, float, float]] = field(default_factory=list)
    gold_sentences: int = 0
    gold_tuples: int = 0
    extractions: int = 0
    ignored_extractions: int = 0


def normalize_sentence(sentence: str) -> str:
    """Key a sentence the way CaRB matches them: no whitespace, no ASCII punctuation, lowercase.

    >>> normalize_sentence("Ned Price , the spokesperson -LRB- State -RRB- , said so .")
    'nedpricethespokespersonstatesaidso'
    """
    text = _SPACE.sub("", sentence)
    for escape, bracket in _PTB_ESCAPES:
        text = text.replace(escape, bracket)
    return _PUNCT.sub("", text).lower()


def _trim(fields: Sequence[str]) -> Tuple:
    """Strip every field and drop trailing empty ones (CaRB's readers strip the line)."""
    out = [f.strip() for f in fields]
    while out and not out[-1]:
        out.pop()
    return tuple(out)


def _lines(path: str | Path) -> Iterable[tuple[int, list[str]]]:
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line.rstrip("\r\n").split("\t")


def read_gold(path: str | Path) -> dict[str, list[Tuple]]:
    """Read ``sentence<TAB>relation<TAB>arg1<TAB>arg2[<TAB>arg3...]`` lines.

    Returns ``{normalized sentence: [(relation, arg1, arg2, ...), ...]}`` in file order.

    >>> import tempfile, os
    >>> fd, name = tempfile.mkstemp(suffix=".tsv")
    >>> _ = os.write(fd, b"Bob met Ann in Doha .\\tmet\\tBob\\tAnn\\tin Doha\\n"); os.close(fd)
    >>> read_gold(name)
    {'bobmetannindoha': [('met', 'Bob', 'Ann', 'in Doha')]}
    >>> os.remove(name)
    """
    gold: dict[str, list[Tuple]] = defaultdict(list)
    for number, fields in _lines(path):
        if len(fields) < 2:
            raise ValueError(f"{path}:{number}: expected sentence<TAB>relation<TAB>args")
        gold[normalize_sentence(fields[0])].append(_trim(fields[1:]))
    return dict(gold)


def read_extractions(path: str | Path) -> dict[str, list[tuple[float, Tuple]]]:
    """Read tabbed system output: ``sentence<TAB>confidence<TAB>relation<TAB>arg1...``.

    Returns ``{normalized sentence: [(confidence, (relation, arg1, ...)), ...]}``.

    >>> import tempfile, os
    >>> fd, name = tempfile.mkstemp(suffix=".tsv")
    >>> _ = os.write(fd, b"Bob met Ann .\\t0.9\\tmet\\tBob\\tAnn\\n"); os.close(fd)
    >>> read_extractions(name)
    {'bobmetann': [(0.9, ('met', 'Bob', 'Ann'))]}
    >>> os.remove(name)
    """
    extractions: dict[str, list[tuple[float, Tuple]]] = defaultdict(list)
    for number, fields in _lines(path):
        if len(fields) < 3:
            raise ValueError(f"{path}:{number}: expected sentence<TAB>confidence<TAB>relation")
        try:
            confidence = float(fields[1])
        except ValueError:
            raise ValueError(f"{path}:{number}: bad confidence {fields[1]!r}") from None
        if math.isnan(confidence):  # NaN would make the threshold order meaningless
            raise ValueError(f"{path}:{number}: confidence is NaN")
        extractions[normalize_sentence(fields[0])].append((confidence, _trim(fields[2:])))
    return dict(extractions)


# A slot as a token multiset plus its length; None marks a missing slot.
_Slot = tuple[Counter[str], int]
_Slots = tuple[_Slot, _Slot | None, _Slot | None]


def _slot(text: str) -> _Slot:
    tokens = text.lower().split()
    return Counter(tokens), len(tokens)


def _slots(t: Tuple) -> _Slots:
    t = _trim(t)
    relation = _slot(t[0] if t else "")
    arg1 = _slot(t[1]) if len(t) > 1 else None
    rest = _slot(" ".join(t[2:])) if len(t) > 2 else None
    return relation, arg1, rest


def _overlap(gold: Counter[str], predicted: Counter[str]) -> int:
    # Multiset intersection == CaRB's loop that removes each used predicted token.
    return sum(min(n, predicted[token]) for token, n in gold.items() if token in predicted)


def _match_slots(gold: _Slots, pred: _Slots) -> _Counts:
    (gold_rel, gold_total), (pred_rel, pred_total) = gold[0], pred[0]
    # Multiset intersection == CaRB's loop that removes each used predicted token.
    common = gold_rel & pred_rel
    matched = sum(common.values())
    spare_be = pred_rel["be"] - common["be"]
    if spare_be > 0:
        left = gold_rel - common
        matched += min(spare_be, sum(left[form] for form in _BE_FORMS))
    if matched == 0:
        return _NO_MATCH
    for gold_slot, pred_slot in ((gold[1], pred[1]), (gold[2], pred[2])):
        if gold_slot is None:
            continue
        if pred_slot is None:
            return _NO_MATCH
        gold_total += gold_slot[1]
        pred_total += pred_slot[1]
        matched += _overlap(gold_slot[0], pred_slot[0])
    # matched > 0 here, so both totals are positive.
    return matched, pred_total, gold_total


def _ratios(counts: _Counts) -> tuple[Fraction, Fraction]:
    matched, pred_total, gold_total = counts
    return Fraction(matched, pred_total), Fraction(matched, gold_total)


def _match(gold: _Slots, gold_is_said: bool, pred: _Slots, said_swap: bool) -> _Counts:
    straight = _match_slots(gold, pred)
    if not (said_swap and gold_is_said and pred[2] is not None):
        return straight
    # CaRB: for "said"-type gold, also try (relation, rest, arg1); keep the larger pair.
    swapped = _match_slots(gold, (pred[0], pred[2], pred[1]))
    return max(straight, swapped, key=_ratios)


def _is_said(t: Tuple) -> bool:
    relation = t[0].lower() if t else ""
    return any(verb in relation for verb in _SAID_VERBS)


def match_pair(gold: Tuple, extraction: Tuple, *, said_swap: bool = False) -> tuple[float, float]:
    """Precision and recall of one extraction against one gold tuple.

    Both are ``(relation, arg1, arg2, ...)``.

    >>> match_pair(("met with", "Khalilzad", "Taliban leaders", "in Doha"),
    ...            ("met", "Khalilzad", "the Taliban leaders"))
    (0.8, 0.5714285714285714)
    >>> match_pair(("is", "Price", "a spokesperson"), ("be", "Price", "spokesperson"))
    (1.0, 0.75)
    """
    p, r = _ratios(_match(_slots(gold), _is_said(gold), _slots(extraction), said_swap))
    return float(p), float(r)


def _merge(mapping: Mapping[str, Sequence]) -> dict[str, list]:
    merged: dict[str, list] = defaultdict(list)
    for sentence, items in mapping.items():
        merged[normalize_sentence(sentence)].extend(items)
    return merged


def _score_matrix(
    gold: Sequence[Tuple], extractions: Sequence[tuple[float, Tuple]], said_swap: bool
) -> list[list[_Counts]]:
    """Match counts of every (gold tuple, extraction) pair of one sentence."""
    gold_slots = [(_slots(g), _is_said(g)) for g in gold]
    pred_slots = [_slots(e) for _, e in extractions]
    return [[_match(g, said, p, said_swap) for p in pred_slots] for g, said in gold_slots]


def _sentence_points(
    counts: list[list[_Counts]], confidences: Sequence[float], scale: int
) -> list[tuple[float, int, int, int]]:
    """Per distinct confidence c of a sentence, high to low: (c, P sum, kept, R sum).

    Pair precisions and recalls are integers over the common denominator ``scale``,
    so sums and comparisons are exact and fast. Kept sets only grow as c falls, so
    best recalls and the sorted pair list are updated incrementally.
    """
    scores = [[(m * (scale // pt), m * (scale // gt)) for m, pt, gt in row] for row in counts]
    by_confidence: dict[float, list[int]] = defaultdict(list)
    for j, conf in enumerate(confidences):
        by_confidence[conf].append(j)

    best_recall = [0] * len(scores)
    # Greedy order: highest precision first, ties by gold then extraction index (CaRB's scan).
    pairs: list[tuple[int, int, int]] = []
    kept = 0
    points = []
    for c in sorted(by_confidence, reverse=True):
        for j in by_confidence[c]:
            kept += 1
            for i, row in enumerate(scores):
                p, r = row[j]
                insort(pairs, (-p, i, j))
                best_recall[i] = max(best_recall[i], r)
        precision, used_gold, used_pred = 0, set(), set()
        for p, i, j in pairs:
            if i not in used_gold and j not in used_pred:
                precision -= p
                used_gold.add(i)
                used_pred.add(j)
                if len(used_gold) == len(scores) or len(used_pred) == kept:
                    break
        points.append((c, precision, kept, sum(best_recall)))
    return points


def _f1(p: Fraction, r: Fraction) -> Fraction:
    return 2 * p * r / (p + r) if p + r else _ZERO


def _curve(
    scored: Mapping[str, Sequence[tuple[float, Tuple]]],
    counts: dict,
    thresholds: list[float],
    gold_tuples: int,
) -> list[tuple[float, Fraction, Fraction]]:
    """Exact precision and recall at each threshold (high to low)."""
    index = {t: k for k, t in enumerate(thresholds)}
    # One common denominator for every pair precision and recall keeps all sums exact.
    scale = math.lcm(*(den for rows in counts.values() for row in rows for _, *dens in row for den in dens))
    # Change arrays over thresholds (high to low): a sentence's numbers switch at each of
    # its own confidences and hold for every lower threshold; prefix sums give the totals.
    d_prec = [0] * len(thresholds)
    d_rec = [0] * len(thresholds)
    d_kept = [0] * len(thresholds)
    for sentence, items in scored.items():
        before = (0, 0, 0)
        confidences = [conf for conf, _ in items]
        for c, prec, kept, rec in _sentence_points(counts[sentence], confidences, scale):
            k = index[c]
            d_prec[k] += prec - before[0]
            d_kept[k] += kept - before[1]
            d_rec[k] += rec - before[2]
            before = (prec, kept, rec)
    curve: list[tuple[float, Fraction, Fraction]] = []
    prec_sum, rec_sum, kept_sum = 0, 0, 0
    for k, t in enumerate(thresholds):
        prec_sum += d_prec[k]
        rec_sum += d_rec[k]
        kept_sum += d_kept[k]
        # kept_sum > 0: threshold t is the confidence of at least one scored extraction.
        precision = Fraction(prec_sum, scale * kept_sum)
        recall = Fraction(rec_sum, scale * gold_tuples) if gold_tuples else _ZERO
        curve.append((t, precision, recall))
    return curve


def score(
    gold: Mapping[str, Sequence[Tuple]],
    extractions: Mapping[str, Sequence[tuple[float, Tuple]]],
    *,
    said_swap: bool = False,
) -> CarbScore:
    """Score extractions against gold with CaRB's rule (see the module docstring).

    Keys may be raw or normalized sentences; they are normalized here.

    >>> gold = {"Bob met Ann .": [("met", "Bob", "Ann")]}
    >>> s = score(gold, {"bob met ann": [(0.9, ("met", "Bob", "Ann")), (0.2, ("saw", "Bob", "Ann"))]})
    >>> s.precision, s.recall, s.f1, s.threshold
    (1.0, 1.0, 1.0, 0.9)
    >>> s.curve
    [(0.9, 1.0, 1.0), (0.2, 0.5, 1.0)]
    >>> s.auc  # trapezoids over (0, 1) -> (1, 1) -> (1, 0.5): the last one has no width
    1.0
    """
    gold_n = _merge(gold)
    extractions_n = _merge(extractions)
    gold_tuples = sum(len(tuples) for tuples in gold_n.values())
    scored = {s: extractions_n[s] for s in gold_n if extractions_n.get(s)}
    n_scored = sum(len(items) for items in scored.values())
    ignored = sum(len(items) for items in extractions_n.values()) - n_scored

    thresholds = sorted({conf for items in scored.values() for conf, _ in items}, reverse=True)
    if not thresholds:
        return CarbScore(0.0, 0.0, 0.0, 0.0, None, [], len(gold_n), gold_tuples, 0, ignored)
    counts = {s: _score_matrix(gold_n[s], items, said_swap) for s, items in scored.items()}
    curve = _curve(scored, counts, thresholds, gold_tuples)
    best = max(range(len(curve)), key=lambda k: (_f1(curve[k][1], curve[k][2]), k))
    area, last_p, last_r = _ZERO, Fraction(1), _ZERO
    for _, p, r in curve:
        area += (r - last_r) * (p + last_p) / 2
        last_p, last_r = p, r

    t_best, p_best, r_best = curve[best]
    return CarbScore(
        precision=float(p_best),
        recall=float(r_best),
        f1=float(_f1(p_best, r_best)),
        auc=float(area),
        threshold=t_best,
        curve=[(t, float(p), float(r)) for t, p, r in curve],
        gold_sentences=len(gold_n),
        gold_tuples=gold_tuples,
        extractions=n_scored,
        ignored_extractions=ignored,
    )


def score_files(gold_path: str | Path, extractions_path: str | Path, *, said_swap: bool = False) -> CarbScore:
    """Score a tabbed extraction file against a CaRB gold file.

    Example: ``score_files("../shared/bench/carb/gold/dev.tsv", "out/carb.tsv").f1``.
    """
    return score(read_gold(gold_path), read_extractions(extractions_path), said_swap=said_swap)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m kg.evaluation.carb GOLD EXTRACTIONS``: print F1, P, R, AUC and counts."""
    args = list(sys.argv[1:] if argv is None else argv)
    said_swap = "--said-swap" in args
    paths = [a for a in args if a != "--said-swap"]
    if len(paths) != 2:
        print(
            "usage: python -m kg.evaluation.carb GOLD EXTRACTIONS [--said-swap]",
            file=sys.stderr,
        )
        return 2
    s = score_files(paths[0], paths[1], said_swap=said_swap)
    print(
        f"F1 {s.f1:.3f}  P {s.precision:.3f}  R {s.recall:.3f}  AUC {s.auc:.3f}  "
        f"threshold {s.threshold}  gold {s.gold_tuples} in {s.gold_sentences} sentences  "
        f"extractions {s.extractions} (+{s.ignored_extractions} ignored)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
