"""Year expressions: table rows of text in, (words, year) out; doc date 1987-03-20 or none."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pytest

from pipeline.text.periods import find_periods


class Case(NamedTuple):
    text: str
    date: dt.date | None
    want: list[tuple[str, int | None]]


D87 = dt.date(1987, 3, 20)

CASES = [
    Case("capex for 2025", None, [("for 2025", 2025)]),
    Case("fiscal 1988 budget", D87, [("fiscal 1988", 1988)]),
    Case("FY2025 capex", None, [("FY2025", 2025)]),
    Case("spend 10.7 billion yen in 1987/88", D87, [("1987/88", 1987)]),
    Case("the 2005-6 budget", None, [("2005-6", 2005)]),
    Case("next year", D87, [("next year", 1988)]),
    Case("next year", None, [("next year", None)]),
    Case("this year", D87, [("this year", 1987)]),
    Case("it spent 363.7 mln dlrs last year", D87, [("last year", 1986)]),
    Case("down from 32.1 billion a year earlier", D87, [("a year earlier", 1986)]),
    Case(
        "the fiscal year beginning March One", D87, [("the fiscal year beginning March One", 1987)]
    ),
    Case("in the year starting April 1", D87, [("the year starting April 1", 1987)]),
    Case("over the next three years", D87, [("over the next three years", None)]),
    Case(
        "budgeted for the current year ending March 31",
        dt.date(1987, 3, 25),
        [("the current year ending March 31", 1986)],
    ),
    Case("in the year ended March 31, 1987", None, [("the year ended March 31, 1987", 1986)]),
    Case("for 1987-1991", D87, [("1987-1991", None)]),
    Case("between 2025 and 2027", None, [("between 2025 and 2027", None)]),
    Case("on 23 January 2025", None, [("23 January 2025", 2025)]),
    Case("Q3 2026", None, [("Q3 2026", 2026)]),
    Case("60% of workloads", None, []),
    Case("2.5 mln jobless", D87, []),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.text)
def test_periods_find(case: Case) -> None:
    got = [(p.text, p.year) for p in find_periods(case.text, doc_date=case.date)]
    assert got == case.want


def test_periods_offsets_point_into_text() -> None:
    text = "It will spend 5 bln yen in fiscal 1988."
    periods = find_periods(text, offset=100)
    assert len(periods) == 1
    for p in periods:
        assert text[p.start - 100 : p.end - 100] == p.text
