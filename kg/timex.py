"""Time expressions → calendar values: "Saturday", "last month", "on 9 October" as dates.

A news report says when things happened relative to the day it was published:
"Saturday" is the most recent Saturday on or before that day, "last month" the
month before it, "on 9 October" the 9 October nearest to it (in a January report,
last year's), or the one before it when the clause is in the past tense. :func:`resolve`
turns the text of a time expression into an XML Schema value of the precision
the text gives (``xsd:date``, ``xsd:gYearMonth``, ``xsd:gYear``, or
``xsd:dateTime`` when a clock time comes with a day), given the reference date.
Without a reference date only absolute expressions resolve ("27 April 2022",
"February 2020", "1991"); relative ones stay text.

It is conservative: a word it does not know ("the second quarter", "the end of
the year", "Clarendon Tuesday") leaves the expression unresolved, as does a
period XML Schema has no type for ("last week"). A wrong date is worse than none.

The words are data (``ontology/lexicon/calendar.tsv``); the rules are the calendar's.

>>> published = date(2022, 4, 21)  # a Thursday
>>> resolve("Saturday", published)
TimeValue(value='2022-04-16', datatype='date')
>>> resolve("last month", published)
TimeValue(value='2022-03', datatype='gYearMonth')
>>> resolve("on 9 October", published), resolve("9 December", date(2022, 1, 10)).value
(TimeValue(value='2022-10-09', datatype='date'), '2021-12-09')
>>> resolve("Saturday", None) is None
True
>>> resolve("February 2020", None)
TimeValue(value='2020-02', datatype='gYearMonth')
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, timedelta
from typing import NamedTuple

from .lexicon import table

_TOKEN = re.compile(r"\d{4}-\d{2}-\d{2}|\d+(?:st|nd|rd|th)?|[a-z]+")
# 4am, 5 pm, 1:30 p.m., 10.30pm; 20:00hrs, 23:00 (a 24-hour clock); the meridiem decides a bare hour.
_CLOCK_12 = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?")
_CLOCK_24 = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)(?:\s*(?:hrs|hours|h)\b)?")
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)?$")


class TimeValue(NamedTuple):
    """A resolved time: its lexical form and its XML Schema datatype's local name."""

    value: str
    datatype: str  # "date", "gYearMonth", "gYear" or "dateTime"


def reference_date(text: str | None) -> date | None:
    """The day a document was published, from its date field ("2022-04-21", "2021-10-09T10:00:00Z",
    "April 21, 2022"), or None if it names no day.

    >>> reference_date("2022-04-21T10:11:00-06:00"), reference_date("Thursday, April 21, 2022")
    (datetime.date(2022, 4, 21), datetime.date(2022, 4, 21))
    >>> reference_date("soon") is None
    True
    """
    if not text:
        return None
    text = text.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    found = resolve(text, None)
    if found is not None and found.datatype in ("date", "dateTime"):
        return date.fromisoformat(found.value[:10])
    return None


@functools.cache
def _words() -> dict[str, tuple[str, str]]:
    """Calendar word → (kind, value): "june" → ("month", "6")."""
    found = {}
    for word, meaning in table("calendar").items():
        kind, _, value = meaning.partition(" ")
        found[word] = (kind, value)
    return found


def _clock(text: str) -> tuple[str, tuple[int, int] | None]:
    """The text without its clock time, and the clock time (hour, minute) if it names one."""
    match = _CLOCK_12.search(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if 1 <= hour <= 12 and minute < 60:
            hour = hour % 12 + (12 if match.group(3) == "p" else 0)
            return text[: match.start()] + " " + text[match.end() :], (hour, minute)
        return text, None
    match = _CLOCK_24.search(text)
    if match:
        return text[: match.start()] + " " + text[match.end() :], (int(match.group(1)), int(match.group(2)))
    return text, None


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    n = year * 12 + month - 1 + by
    return n // 12, n % 12 + 1


def _year_of(month: int, day: int | None, reference: date, tense: str | None) -> int:
    """The year of a month (and day) said without one.

    A clause in the past tense means the last such day (or month) on or before the reference ("met on
    9 October" in a May report: last October), one in the future the next on or after it; otherwise
    the one nearest the reference ("Her last day is April 1" in a February report).
    """
    if tense == "past":
        return reference.year if (month, day or 1) <= (reference.month, reference.day) else reference.year - 1
    if tense == "future":
        return reference.year if (month, day or 31) >= (reference.month, reference.day) else reference.year + 1

    def distance(year: int) -> int:
        last = calendar.monthrange(year, month)[1]
        return abs((date(year, month, min(day or 15, last)) - reference).days)

    return min((reference.year - 1, reference.year, reference.year + 1), key=distance)


def _weekday(weekday: int, shift: int | None, reference: date, tense: str | None) -> date:
    """The day of the week nearest the reference in news style: on or before it, unless told otherwise.

    "last Thursday" is strictly before the reference, "next Wednesday" strictly after; a bare
    "Thursday" is the most recent one on or before it, or the next one on or after it when the
    clause speaks of the future ("will meet on Wednesday").
    """
    back = (reference.weekday() - weekday) % 7
    if shift == -1:
        return reference - timedelta(days=back or 7)
    ahead = (weekday - reference.weekday()) % 7
    if shift == 1:
        return reference + timedelta(days=ahead or 7)
    if tense == "future":
        return reference + timedelta(days=ahead)
    return reference - timedelta(days=back)


def resolve(text: str, reference: date | None, *, tense: str | None = None) -> TimeValue | None:
    """The calendar value a time expression names, or None if it names none kg can tell.

    ``reference`` is the publication date relative expressions count from; ``tense`` the
    clause's, "past" or "future" (:attr:`kg.records.Extraction.tense`): "will meet on Wednesday"
    is the Wednesday to come, "met on 9 October" the October gone.

    >>> ref = date(2020, 10, 1)  # a Thursday
    >>> [resolve(t, ref).value for t in ("Thursday", "last Thursday", "yesterday", "this year", "two months ago")]
    ['2020-10-01', '2020-09-24', '2020-09-30', '2020', '2020-08']
    >>> resolve("4am on Saturday 3 October", ref)
    TimeValue(value='2020-10-03T04:00:00', datatype='dateTime')
    >>> resolve("Wednesday 27th April, 2022", None).value
    '2022-04-27'
    >>> resolve("Wednesday", ref, tense="future").value
    '2020-10-07'
    >>> [resolve(t, ref) for t in ("last week", "the second quarter", "five years", "the 2020 process")]
    [None, None, None, None]
    """
    lowered = text.lower().replace("’", "'")
    rest, clock = _clock(lowered)
    words = _words()
    month = day = year = weekday = relative_day = shift = unit = number = None
    ago = part = False
    for token in _TOKEN.findall(rest):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", token):
            try:
                value = date.fromisoformat(token)
            except ValueError:
                return None
            year, month, day = value.year, value.month, value.day
            continue
        ordinal = _ORDINAL.match(token)
        if ordinal:
            n = int(ordinal.group(1))
            if len(ordinal.group(1)) == 4 and token.isdigit() and 1000 <= n <= 2999 and year is None:
                year = n
            elif 1 <= n <= 31 and day is None and year is None and len(ordinal.group(1)) <= 2:
                day = n  # before the year, as English writes a date: "27 April 2022", "April 27, 2022"
            else:
                return None
            continue
        kind, value = words.get(token, (None, ""))
        if kind is None:
            return None  # a word that is not the calendar's: "the second quarter", "Clarendon Tuesday"
        if kind == "month" and month is None:
            month = int(value)
        elif kind == "weekday" and weekday is None:
            weekday = int(value)
        elif kind == "day" and relative_day is None:
            relative_day = int(value)
        elif kind == "shift" and shift is None:
            shift = int(value)
        elif kind == "unit" and unit is None:
            unit = value
        elif kind == "number" and number is None:
            number = int(value)
        elif kind == "clock" and clock is None:
            hour, minute = value.split(":")
            clock = (int(hour), int(minute))
        elif kind == "ago":
            ago = True
        elif kind == "part":
            part = True
        elif kind != "filler" and kind not in ("number",):
            return None  # two months, two weekdays: a range or a list, not one time
    found = _calendar_value(month, day, year, weekday, relative_day, shift, unit, number, ago, part, reference,
                            tense)  # fmt: skip
    if found is None:
        return None
    if clock is not None:
        if found.datatype != "date":
            return None  # "5pm last month": no day for the clock time
        return TimeValue(f"{found.value}T{clock[0]:02d}:{clock[1]:02d}:00", "dateTime")
    return found


def _calendar_value(month, day, year, weekday, relative_day, shift, unit, number, ago, part, reference, tense):
    if number is not None and not ago:
        if day is None and month is None:
            return None  # "five years", "a week": a duration, not a time
    if month is not None:
        if day is not None:
            if year is None:
                if reference is None:
                    return None
                year = _year_of(month, day, reference, tense)
            if day > calendar.monthrange(year, month)[1]:
                return None
            return TimeValue(date(year, month, day).isoformat(), "date")
        if year is None:
            if reference is None:
                return None
            if shift == -1:  # "last June": the most recent June before this month
                year = reference.year if month < reference.month else reference.year - 1
            elif shift == 1:
                year = reference.year if month > reference.month else reference.year + 1
            elif shift == 0:
                year = reference.year
            else:
                year = _year_of(month, None, reference, tense)
        return TimeValue(f"{year:04d}-{month:02d}", "gYearMonth")
    if day is not None:
        return None  # a bare number
    if year is not None:
        if weekday is not None or relative_day is not None or unit not in (None, "year") or shift is not None:
            return None
        return TimeValue(f"{year:04d}", "gYear")
    if reference is None:
        return None
    if ago:
        if unit is None or number is None or weekday is not None or relative_day is not None:
            return None
        return _moved(reference, unit, -number)
    if relative_day is not None:
        if weekday is not None or unit is not None or shift is not None:
            return None
        return TimeValue((reference + timedelta(days=relative_day)).isoformat(), "date")
    if weekday is not None:
        if unit is not None:
            return None
        return TimeValue(_weekday(weekday, shift, reference, tense).isoformat(), "date")
    if shift is not None and unit in ("month", "year"):
        return _moved(reference, unit, shift)
    if shift is not None and part and unit is None:
        # "this morning"; "last night" (the evening before the report)
        return TimeValue((reference + timedelta(days=min(shift, 0))).isoformat(), "date") if shift <= 0 else None
    return None


def _moved(reference: date, unit: str, by: int) -> TimeValue | None:
    if unit == "day":
        return TimeValue((reference + timedelta(days=by)).isoformat(), "date")
    if unit == "month":
        year, month = _shift_month(reference.year, reference.month, by)
        return TimeValue(f"{year:04d}-{month:02d}", "gYearMonth")
    if unit == "year":
        return TimeValue(f"{reference.year + by:04d}", "gYear")
    return None  # a week has no XML Schema type
