"""Is this text English? A cheap check on function words and script."""

from __future__ import annotations

import re

# The most frequent English function words: any English prose longer than a
# few sentences is full of them; other languages (even Latin-script ones) are not.
_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for it on was with as by be at are this from or an have not "
    "they which he she his her their has had were been will would said who its but".split()
)
_TOKEN = re.compile(r"[^\W\d_]+")
_LATIN_RANGES = re.compile("[\u0000-\u024f\u1e00-\u1eff]+")


def english_score(text: str, sample: int = 20_000) -> float:
    """Share of word tokens in the first ``sample`` characters that are English function words.

    >>> english_score("The talks were held in Doha on Saturday.") > 0.2
    True
    >>> english_score("Les pourparlers ont eu lieu à Doha samedi.") < 0.1
    True
    """
    tokens = _TOKEN.findall(text[:sample].lower())
    if not tokens:
        return 0.0
    return sum(1 for t in tokens if t in _FUNCTION_WORDS) / len(tokens)


def latin_share(text: str, sample: int = 20_000) -> float:
    """Share of the letters in the first ``sample`` characters that are Latin.

    Counting letters, not words: Chinese and Japanese write no spaces, so a
    page of them is a handful of "words" however long it is.

    >>> latin_share("Talks in Doha: タリバンの幹部は土曜日、ドーハで米国の代表団と会談した。") < 0.5
    True
    """
    head = text[:sample]
    letters = sum(map(str.isalpha, head))
    if not letters:
        return 1.0  # nothing to judge by: the word check decides
    # Basic Latin to Latin Extended-B, and Latin Extended Additional (counted by C loops, not per character here).
    latin = sum(map(str.isalpha, "".join(_LATIN_RANGES.findall(head))))
    return latin / letters


def looks_english(text: str, min_words: int = 12, threshold: float = 0.08) -> bool:
    """True for English text; very short texts in Latin script get the benefit of the doubt."""
    if latin_share(text) < 0.5:
        return False
    tokens = _TOKEN.findall(text[:20_000])
    if len(tokens) < min_words:
        latin = sum(1 for t in tokens if t.isascii())
        return not tokens or latin / len(tokens) >= 0.5
    return english_score(text) >= threshold
