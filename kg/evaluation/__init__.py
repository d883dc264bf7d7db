"""Evaluation of the extraction stage against public benchmarks (CaRB)."""

from kg.evaluation.carb import (
    CarbScore,
    match_pair,
    normalize_sentence,
    read_extractions,
    read_gold,
    score,
    score_files,
)

__all__ = [
    "CarbScore",
    "match_pair",
    "normalize_sentence",
    "read_extractions",
    "read_gold",
    "score",
    "score_files",
]
