"""Tests of the CaRB-compatible scorer on hand-made cases with hand-computed answers."""

from __future__ import annotations

import doctest
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.evaluation import carb
from kg.evaluation.carb import (
    match_pair,
    normalize_sentence,
    read_extractions,
    read_gold,
    score,
    score_files,
)

BENCH = Path("/work/shared/bench/carb")
S1 = "Khalilzad met Taliban leaders in Doha ."
S2 = "Ned Price said the talks were useful ."


def approx(x: float | Fraction) -> object:
    return pytest.approx(float(x), abs=1e-12)


# --- one pair -----------------------------------------------------------------------


def test_exact_match_scores_one() -> None:
    gold = {S1: [("met", "Khalilzad", "Taliban leaders", "in Doha")]}
    ext = {S1: [(0.7, ("met", "Khalilzad", "Taliban leaders", "in Doha"))]}
    s = score(gold, ext)
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    # Curve (0,1) -> (1,1): area 1.
    assert s.auc == 1.0
    assert s.threshold == 0.7


def test_partial_overlap() -> None:
    # Gold slots: rel [met, with] arg1 [khalilzad] rest [taliban, leaders, in, doha] = 7 tokens.
    # Pred slots: rel [met] arg1 [zalmay, khalilzad] rest [the, taliban] = 5 tokens.
    # Matched: met + khalilzad + taliban = 3 -> P = 3/5, R = 3/7.
    gold = ("met with", "Khalilzad", "Taliban leaders", "in Doha")
    pred = ("met", "Zalmay Khalilzad", "the Taliban")
    assert match_pair(gold, pred) == (approx(3 / 5), approx(3 / 7))
    s = score({S1: [gold]}, {S1: [(0.5, pred)]})
    # F1 = 2 * 3/5 * 3/7 / (3/5 + 3/7) = (18/35) / (36/35) = 1/2.
    assert (s.precision, s.recall, s.f1) == (approx(0.6), approx(3 / 7), approx(0.5))


def test_rest_joins_arguments_after_the_first() -> None:
    # Gold rest "Taliban leaders in Doha" is compared with the pred's arg2 + arg3 joined,
    # whatever the split: pred ("met with", "Khalilzad", "Taliban", "leaders in Doha").
    gold = ("met with", "Khalilzad", "Taliban leaders", "in Doha")
    assert match_pair(gold, ("met with", "Khalilzad", "Taliban", "leaders in Doha")) == (1, 1)


def test_each_predicted_token_used_once() -> None:
    # Gold rest [talks, talks] vs pred rest [talks]: one match, not two.
    # Gold 1+1+2 = 4 tokens, pred 1+1+1 = 3 tokens, matched 3 -> P = 1, R = 3/4.
    assert match_pair(("held", "Qatar", "talks talks"), ("held", "Qatar", "talks")) == (
        1.0,
        approx(3 / 4),
    )
    # The other way round: gold 3, pred 4, matched 3 -> P = 3/4, R = 1.
    assert match_pair(("held", "Qatar", "talks"), ("held", "Qatar", "talks talks")) == (
        approx(3 / 4),
        1.0,
    )


def test_case_is_ignored() -> None:
    assert match_pair(("Met", "KHALILZAD", "Shaheen"), ("met", "Khalilzad", "shaheen")) == (1, 1)


def test_relation_without_shared_token_is_no_match() -> None:
    # Arguments agree perfectly, but "saw" shares no token with "met".
    assert match_pair(("met", "Khalilzad", "Shaheen"), ("saw", "Khalilzad", "Shaheen")) == (0, 0)


def test_be_matches_any_form_of_be() -> None:
    # Gold [is] [price] [a, spokesperson] = 4; pred [be] [price] [spokesperson] = 3.
    # "be" matches "is", so matched = 3 -> P = 1, R = 3/4.
    gold = ("is", "Price", "a spokesperson")
    assert match_pair(gold, ("be", "Price", "spokesperson")) == (1.0, approx(3 / 4))
    for form in ("was", "are", "were", "been", "being", "am", "be"):
        assert match_pair((form, "X", "Y"), ("be", "X", "Y")) == (1.0, 1.0)
    # Only a predicted "be" is a wildcard: "is" does not match "was".
    assert match_pair(("was", "X", "Y"), ("is", "X", "Y")) == (0, 0)
    # "be" matches no other verb.
    assert match_pair(("met", "X", "Y"), ("be", "X", "Y")) == (0, 0)


def test_be_does_not_reuse_an_already_matched_gold_form() -> None:
    # Gold [is] vs pred [is, be]: "is" matches "is"; the left-over "be" finds no unmatched
    # form of "be". Matched 1 + X + Y = 3, pred 4, gold 3 -> P = 3/4, R = 1.
    assert match_pair(("is", "X", "Y"), ("is be", "X", "Y")) == (approx(3 / 4), 1.0)
    # Gold [has, been] vs pred [has, be]: "has" matches, "be" takes "been": P = R = 1.
    assert match_pair(("has been", "X", "Y"), ("has be", "X", "Y")) == (1.0, 1.0)


def test_missing_rest_or_arg1_is_no_match() -> None:
    gold = ("met", "Khalilzad", "Shaheen")
    assert match_pair(gold, ("met", "Khalilzad")) == (0, 0)
    assert match_pair(gold, ("met",)) == (0, 0)
    # Trailing empty fields count as missing, as in CaRB's readers.
    assert match_pair(gold, ("met", "Khalilzad", "", "  ")) == (0, 0)


def test_slot_that_gold_lacks_is_not_counted() -> None:
    # Gold has no rest (its arg2 is empty): only relation and arg1 are compared, so a
    # predicted rest is neither required nor counted against precision (CaRB loops
    # over the gold slots only).
    gold = ("is heating up", "Competition", "")
    assert match_pair(gold, ("is heating up", "Competition")) == (1.0, 1.0)
    assert match_pair(gold, ("is heating up", "Competition", "too")) == (1.0, 1.0)


def test_said_swap_is_optional() -> None:
    gold = ("said", "Shaheen", "the talks were useful")
    pred = ("said", "the talks were useful", "Shaheen")
    # Straight: only "said" matches; pred 1+4+1 = 6, gold 1+1+4 = 6 -> 1/6 each.
    assert match_pair(gold, pred) == (approx(1 / 6), approx(1 / 6))
    # CaRB's "said" rule also tries arg1 and rest swapped.
    assert match_pair(gold, pred, said_swap=True) == (1.0, 1.0)
    # The rule only applies to "said"-type gold relations.
    assert match_pair(("met", "A", "B"), ("met", "B", "A"), said_swap=True) == (
        approx(1 / 3),
        approx(1 / 3),
    )


# --- sentence and corpus ---------------------------------------------------------------


def test_one_extraction_serves_two_gold_tuples_for_recall_but_one_for_precision() -> None:
    g1 = ("met", "Khalilzad", "Shaheen")  # 3 tokens
    g2 = ("met", "Khalilzad", "Shaheen in Doha")  # 5 tokens
    a = ("met", "Khalilzad", "Shaheen in Doha")  # vs g1: P 3/5, R 1; vs g2: P 1, R 1
    b = ("visited", "Khalilzad", "Doha")  # shares no relation token with either
    s = score({S1: [g1, g2]}, {S1: [(0.9, a), (0.9, b)]})
    # Recall: g1 best 1 (from a), g2 best 1 (from a) -> 2/2.
    assert s.recall == 1.0
    # Precision, one-to-one: a-g2 (1.0) first; b-g1 (0) is what is left -> (1 + 0)/2.
    # If a could pair twice it would be (1 + 3/5)/2 = 0.8.
    assert s.precision == 0.5
    assert s.extractions == 2 and s.gold_tuples == 2


def test_thresholds_change_precision_and_recall() -> None:
    g1 = ("met", "Khalilzad", "Shaheen")
    g2 = ("visited", "Khalilzad", "Doha")
    e1 = (0.9, g1)  # exact for g1
    e2 = (0.5, ("visited", "Khalilzad", "Qatar"))  # vs g2: 2 of 3 tokens each way
    e3 = (0.1, ("saw", "Shaheen", "Khalilzad"))  # no match
    s = score({S1: [g1, g2]}, {S1: [e1, e2, e3]})
    # t=0.9: kept e1.          P = 1/1,          R = (1 + 0)/2 = 1/2, F1 = 2/3
    # t=0.5: kept e1, e2.      P = (1 + 2/3)/2,  R = (1 + 2/3)/2 = 5/6, F1 = 5/6
    # t=0.1: kept e1, e2, e3.  P = (5/3)/3 = 5/9, R = 5/6, F1 = 2/3
    expected = [(0.9, 1, Fraction(1, 2)), (0.5, Fraction(5, 6), Fraction(5, 6))]
    expected.append((0.1, Fraction(5, 9), Fraction(5, 6)))
    assert s.curve == [(t, approx(p), approx(r)) for t, p, r in expected]
    assert s.threshold == 0.5
    assert (s.precision, s.recall, s.f1) == (
        approx(5 / 6),
        approx(5 / 6),
        approx(5 / 6),
    )
    # AUC: (0,1)->(1/2,1) = 1/2; (1/2,1)->(5/6,5/6) = 1/3 * (1 + 5/6)/2 = 11/36;
    # (5/6,5/6)->(5/6,5/9) has no width. Total 29/36.
    assert s.auc == approx(Fraction(29, 36))


def test_auc_of_a_simple_curve_and_f1_tie_goes_to_lowest_threshold() -> None:
    s2 = "Bob visited Doha ."
    g1 = ("met", "Khalilzad", "Shaheen")
    g2 = ("visited", "Bob", "Doha")
    junk = ("saw", "Ann", "Bob")
    ext = {S1: [(1.0, g1), (0.5, junk)], s2: [(0.5, g2), (0.5, junk)]}
    s = score({S1: [g1], s2: [g2]}, ext)
    # t=1.0: kept 1 exact -> P 1, R 1/2.   t=0.5: kept 4, 2 exact -> P 1/2, R 1.
    assert s.curve == [(1.0, 1.0, 0.5), (0.5, 0.5, 1.0)]
    # Trapezoids: (0,1)->(1/2,1) = 1/2, (1/2,1)->(1,1/2) = 1/2 * 3/4 = 3/8. Total 7/8.
    assert s.auc == 0.875
    # Both points have F1 2/3; CaRB's argmax over ascending thresholds keeps the lowest.
    assert s.f1 == approx(2 / 3)
    assert s.threshold == 0.5


def test_auc_uses_a_trapezoid_from_recall_zero_precision_one() -> None:
    gold = {S1: [("met", "Khalilzad", "Shaheen")]}
    ext = {S1: [(0.9, ("met", "Khalilzad", "Shaheen")), (0.9, ("saw", "X", "Y"))]}
    s = score(gold, ext)
    # One point (R 1, P 1/2); with (0, 1) added the area is 1 * (1 + 1/2)/2 = 3/4
    # (a step function would give 1/2).
    assert s.curve == [(0.9, 0.5, 1.0)]
    assert s.auc == 0.75


def test_gold_sentence_without_extractions_still_counts_for_recall() -> None:
    g1 = ("met", "Khalilzad", "Shaheen")
    g2 = ("said", "Price", "the talks were useful")
    s = score({S1: [g1], S2: [g2]}, {S1: [(0.3, g1)]})
    assert (s.precision, s.recall) == (1.0, 0.5)
    assert s.gold_sentences == 2 and s.gold_tuples == 2


def test_extractions_for_sentences_without_gold_are_ignored() -> None:
    g1 = ("met", "Khalilzad", "Shaheen")
    ext = {S1: [(0.3, g1)], "A sentence nobody annotated .": [(0.99, ("is", "a", "b"))]}
    s = score({S1: [g1]}, ext)
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    assert s.ignored_extractions == 1 and s.extractions == 1
    # The ignored confidence is not a threshold.
    assert [t for t, _, _ in s.curve] == [0.3]


def test_no_extractions_scores_zero() -> None:
    s = score({S1: [("met", "Khalilzad", "Shaheen")]}, {})
    assert (s.precision, s.recall, s.f1, s.auc, s.threshold, s.curve) == (
        0,
        0,
        0,
        0,
        None,
        [],
    )


def test_sentence_normalization() -> None:
    assert normalize_sentence("Ned Price , the spokesperson , said -LRB- on Monday -RRB- .") == (
        "nedpricethespokespersonsaidonmonday"
    )
    assert normalize_sentence("U.S. officials met\tthe Taliban's envoys") == (
        normalize_sentence("u . s . officials met the Taliban 's envoys")
    )
    # Keys are normalized inside score(): differently spaced and cased keys meet.
    g1 = ("met", "Khalilzad", "Shaheen")
    s = score({"Khalilzad met Shaheen .": [g1]}, {"KHALILZAD  met Shaheen": [(0.4, g1)]})
    assert (s.precision, s.recall, s.ignored_extractions) == (1.0, 1.0, 0)


# --- files -------------------------------------------------------------------------------


def test_readers(tmp_path: Path) -> None:
    gold_file = tmp_path / "gold.tsv"
    gold_file.write_text(
        "Khalilzad met Shaheen in Doha .\tmet\tKhalilzad\tShaheen\tin Doha\n"
        "Khalilzad met Shaheen in Doha . \tis\tShaheen \t\n"  # trailing space, empty arg2
        "\n",
        encoding="utf-8",
    )
    key = "khalilzadmetshaheenindoha"
    assert read_gold(gold_file) == {key: [("met", "Khalilzad", "Shaheen", "in Doha"), ("is", "Shaheen")]}
    ext_file = tmp_path / "ext.tsv"
    ext_file.write_text(
        "Khalilzad met Shaheen in Doha .\t0.25\tmet\tKhalilzad\tShaheen\n",
        encoding="utf-8",
    )
    assert read_extractions(ext_file) == {key: [(0.25, ("met", "Khalilzad", "Shaheen"))]}
    # Gold rest "Shaheen in Doha" (3) vs "Shaheen" (1): matched 3, pred 3, gold 5.
    # The second gold tuple ("is") shares no relation token: R = (3/5 + 0)/2, P = 1.
    s = score_files(gold_file, ext_file)
    assert (s.precision, s.recall) == (1.0, approx(0.3))


@pytest.mark.parametrize(
    "line",
    ["Khalilzad met Shaheen .\t0.5\n", "Khalilzad met Shaheen .\thigh\tmet\tA\tB\n"],
)
def test_read_extractions_rejects_malformed_lines(tmp_path: Path, line: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(line, encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:1"):
        read_extractions(path)


@pytest.mark.skipif(not BENCH.exists(), reason="CaRB dev data not present")
def test_gold_scored_against_itself_is_perfect(tmp_path: Path) -> None:
    gold_path = BENCH / "gold" / "dev.tsv"
    tabbed = tmp_path / "gold_as_system.tsv"
    with (
        open(gold_path, encoding="utf-8") as src,
        open(tabbed, "w", encoding="utf-8") as out,
    ):
        for line in src:
            sentence, *rest = line.rstrip("\n").split("\t")
            out.write("\t".join([sentence, "1.0", *rest]) + "\n")
    s = score_files(gold_path, tabbed)
    assert (s.precision, s.recall, s.f1, s.auc) == (1.0, 1.0, 1.0, 1.0)
    assert s.gold_tuples == s.extractions == 2548
    # 641 distinct raw sentences, three of which differ only by trailing spaces.
    assert s.gold_sentences == 638


def test_docstring_examples() -> None:
    assert doctest.testmod(carb).failed == 0


# --- cross-check against a direct port of CaRB's loops --------------------------------


def _reference(gold: dict, ext: dict) -> tuple[list[tuple[float, float, float]], float, float]:
    """CaRB's ``Benchmark.compare`` written out naively: every threshold from scratch,
    ascending thresholds, greedy scan with strict '>' in row-major order, sklearn-style
    AUC over (recalls + [0], precisions + [1])."""
    thresholds = sorted({c for s in gold for c, _ in ext.get(s, [])})
    n_gold = sum(len(g) for g in gold.values())
    curve = []
    for t in thresholds:
        p_num = r_num = 0.0
        kept_total = 0
        for s, golds in gold.items():
            kept = [e for c, e in ext.get(s, []) if c >= t]
            kept_total += len(kept)
            scores = [[match_pair(g, e) for e in kept] for g in golds]
            r_num += sum(max((sc[1] for sc in row), default=0) for row in scores)
            rows, cols = set(), set()
            for _ in range(min(len(golds), len(kept))):
                best, bi, bj = -1.0, -1, -1
                for i in range(len(golds)):
                    for j in range(len(kept)):
                        if i not in rows and j not in cols and scores[i][j][0] > best:
                            best, bi, bj = scores[i][j][0], i, j
                rows.add(bi)
                cols.add(bj)
                p_num += best
        curve.append((t, p_num / kept_total if kept_total else 1.0, r_num / n_gold))
    f1s = [2 * p * r / (p + r) if p + r else 0.0 for _, p, r in curve]
    xs = [r for _, _, r in curve] + [0.0]
    ys = [p for _, p, _ in curve] + [1.0]
    area = sum((xs[k + 1] - xs[k]) * (ys[k] + ys[k + 1]) / 2 for k in range(len(xs) - 1))
    return curve, max(f1s, default=0.0), -area  # recall falls along xs, so negate


_WORDS = st.sampled_from(["be", "is", "was", "met", "Bob", "Ann", "in", "Doha", "talks"])
_SLOT = st.lists(_WORDS, min_size=1, max_size=4).map(" ".join)
_TUPLE = st.lists(_SLOT, min_size=1, max_size=4).map(tuple)
_GOLD_TUPLE = st.lists(_SLOT, min_size=3, max_size=4).map(tuple)
_CONF = st.sampled_from([0.1, 0.2, 0.5, 0.7, 0.9])


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["s one", "s two", "s three"]),
        st.tuples(
            st.lists(_GOLD_TUPLE, min_size=1, max_size=3),
            st.lists(st.tuples(_CONF, _TUPLE), max_size=6),
        ),
        min_size=1,
    )
)
def test_matches_naive_port_of_carb(corpus: dict) -> None:
    gold = {s: g for s, (g, _) in corpus.items()}
    ext = {s: e for s, (_, e) in corpus.items()}
    curve, f1, area = _reference(gold, ext)
    s = score(gold, ext)
    # The reference walks thresholds upwards; ours lists them from high to low.
    assert s.curve == [(t, pytest.approx(p), pytest.approx(r)) for t, p, r in reversed(curve)]
    assert s.f1 == pytest.approx(f1)
    assert s.auc == pytest.approx(area if curve else 0.0)
