"""Time expressions resolved against a publication date (kg.timex), as a news reader would."""

from __future__ import annotations

from datetime import date

import pytest

from kg.timex import reference_date, resolve

THURSDAY = date(2022, 4, 21)  # a Thursday


@pytest.mark.parametrize(
    ("text", "value", "datatype"),
    [
        # days of the week: the most recent one on or before the report
        ("Saturday", "2022-04-16", "date"),
        ("Thursday", "2022-04-21", "date"),
        ("Tuesday night", "2022-04-19", "date"),
        ("last Thursday", "2022-04-14", "date"),
        ("Thursday last", "2022-04-14", "date"),
        ("next Wednesday", "2022-04-27", "date"),
        # days named relative to the report
        ("yesterday", "2022-04-20", "date"),
        ("today", "2022-04-21", "date"),
        ("tomorrow", "2022-04-22", "date"),
        ("this morning", "2022-04-21", "date"),
        ("last night", "2022-04-20", "date"),
        ("three days ago", "2022-04-18", "date"),
        # months and years relative to the report
        ("last month", "2022-03", "gYearMonth"),
        ("earlier this month", "2022-04", "gYearMonth"),
        ("next month", "2022-05", "gYearMonth"),
        ("two months ago", "2022-02", "gYearMonth"),
        ("last year", "2021", "gYear"),
        ("this year", "2022", "gYear"),
        # a day and month without a year: the one nearest the report
        ("May 2", "2022-05-02", "date"),
        ("Nov. 8", "2021-11-08", "date"),
        ("on 9 October", "2022-10-09", "date"),
        ("25 September", "2022-09-25", "date"),
        ("the 3rd of March", "2022-03-03", "date"),
        # a month alone: the one nearest; "last June" the one before this month
        ("March", "2022-03", "gYearMonth"),
        ("in December", "2021-12", "gYearMonth"),
        ("last June", "2021-06", "gYearMonth"),
        ("late December", "2021-12", "gYearMonth"),
        # absolute expressions
        ("Wednesday 27th April, 2022", "2022-04-27", "date"),
        ("April 21, 2022", "2022-04-21", "date"),
        ("February 2020", "2020-02", "gYearMonth"),
        ("1991", "1991", "gYear"),
        ("2022-04-01", "2022-04-01", "date"),
        # a clock time with a day
        ("1:30 p.m. on Nov. 8", "2021-11-08T13:30:00", "dateTime"),
        ("around 3 pm on Tuesday", "2022-04-19T15:00:00", "dateTime"),
        ("4am Saturday 3 October", "2022-10-03T04:00:00", "dateTime"),
        ("20:00hrs on Thursday", "2022-04-21T20:00:00", "dateTime"),
        ("noon yesterday", "2022-04-20T12:00:00", "dateTime"),
    ],
)
def test_resolves_against_the_publication_date(text, value, datatype):
    found = resolve(text, THURSDAY)
    assert found is not None, text
    assert (found.value, found.datatype) == (value, datatype)


@pytest.mark.parametrize(
    "text",
    [
        "last week",  # no XML Schema type for a week
        "this week",
        "the second quarter",
        "the end of the year",
        "five years",  # a duration
        "a week",
        "several weeks",
        "Clarendon Tuesday",  # a word that is not the calendar's
        "the 2020 process",
        "4am",  # a clock time without a day
        "5pm last month",
        "31 February",
        "9/10",  # day/month or month/day: the text does not say
        "Monday and Tuesday",
        "February 2020 20",  # no date puts its day after the year
    ],
)
def test_leaves_what_it_cannot_place(text):
    assert resolve(text, THURSDAY) is None


def test_without_a_reference_only_absolute_expressions_resolve():
    assert resolve("Saturday", None) is None
    assert resolve("last month", None) is None
    assert resolve("May 2", None) is None
    assert resolve("May 2, 2021", None).value == "2021-05-02"
    assert resolve("in 2013", None).value == "2013"


def test_the_clause_tense_says_which_way_to_look():
    assert resolve("Wednesday", THURSDAY, tense="future").value == "2022-04-27"
    assert resolve("Thursday", THURSDAY, tense="future").value == "2022-04-21"
    assert resolve("Wednesday", THURSDAY, tense="past").value == "2022-04-20"
    # a day or month without a year: the last one before the report, the next one after it, or the nearest
    assert resolve("on 9 October", THURSDAY, tense="past").value == "2021-10-09"
    assert resolve("on 9 October", THURSDAY, tense="future").value == "2022-10-09"
    assert resolve("on 9 October", THURSDAY).value == "2022-10-09"
    assert resolve("in March", THURSDAY, tense="future").value == "2023-03"
    assert resolve("April 21", THURSDAY, tense="past").value == "2022-04-21"


def test_reference_dates():
    assert reference_date("2022-04-21") == THURSDAY
    assert reference_date("2022-04-21T22:11:00-06:00") == THURSDAY
    assert reference_date("April 21, 2022") == THURSDAY
    assert reference_date("Thursday, 21 April 2022") == THURSDAY
    assert reference_date("April 2022") is None  # no day
    assert reference_date("") is None and reference_date(None) is None
