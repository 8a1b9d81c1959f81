"""Find the year expressions of a sentence and resolve them to years: regex, no spaCy.

A `PeriodMention` keeps the words as written ("for 2025", "next year", "the fiscal
year beginning March One") with their offsets, the year they fix (or None when the
text does not fix one: "next year" with no document date, "over the next three
years"), and how strongly they read as the period of an amount beside them.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import regex

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ]
    )
    for name in names.split()
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

_YEAR = r"(?:19[5-9]\d|20\d\d)"

_PERIOD = regex.compile(
    rf"""
    (?P<horizon>                                   # multi-year horizons: no single year
        (?:over|in|during|for|within)\s+the\s+(?:next|coming|past|last)\s+
            (?:\w+\s+)?(?:years|decade)
      | (?:through|until|till|by)\s+(?:about\s+|around\s+|roughly\s+|the\s+end\s+of\s+)?{_YEAR}\b
      | (?:between\s+)?{_YEAR}\s*(?:-|–|to|and|through)\s*{_YEAR}\b
    )
    | (?P<fystart>                                 # a year named by its start
        the\s+(?:\w+\s+)?(?:fiscal\s+|financial\s+|business\s+)?year\s+
        (?:beginning|starting|from|that\s+(?:begins|began|starts))\s+
        (?P<fymonth>{_MONTH_RE})\b\.?
        (?:\s+(?:\d{{1,2}}|one|first)\b)?
    )
    | (?P<fyend>                                   # a year named by its end: the one it began
        (?:the\s+)?(?:current\s+|fiscal\s+|financial\s+|business\s+){{0,2}}year\s+
        (?P<fyverb>ending|ended|to|that\s+ends|which\s+ends)\s+(?:in\s+)?
        (?P<endmonth>{_MONTH_RE})\b\.?(?:\s+\d{{1,2}}\b)?+(?:,?\s+(?P<endyear>{_YEAR})\b)?
    )
    | (?P<fiscal>                                  # fiscal 1988, FY2025, fiscal year 2024
        (?:fiscal|financial)\s+(?:year\s+)?(?P<fy>{_YEAR})
            (?:\s*/\s*\d{{2,4}}|-\d{{2}}\b)?
      | \bFY\s?(?P<fy2>{_YEAR}|\d\d)\b
    )
    | (?P<split>                                   # 1987/88, 2005-6, 2005/06
        (?<![\d.,$])(?P<sy>{_YEAR})\s*[/-]\s*(?:\d{{4}}|\d{{1,2}})(?![\d%])
    )
    | (?P<date>                                    # a full date: an event, not a period
        \d{{1,2}}\s+(?:{_MONTH_RE})\.?,?\s+(?P<dy>{_YEAR})
      | (?:{_MONTH_RE})\.?\s+\d{{1,2}},?\s+(?P<dy2>{_YEAR})
    )
    | (?P<year>                                    # a year, possibly with a preposition
        (?:(?P<prep>in|for|during|of|from|since)\s+(?:the\s+)?(?:(?:first|second|third|fourth)
            \s+(?:quarter|half)\s+(?:of\s+)?)?)?
        (?:Q[1-4]\s+|H[12]\s+)?
        (?<![\d.,$£€¥#/-])(?P<y>{_YEAR})(?![\d%]|\s*(?:pct|percent|per\s+cent))
        (?!\s*[/-]\s*\d)                          # not the start of a split year or a span
        (?!\s*(?:bn|billion|mln|million|m\b|tonnes|units|jobs|shares|employees|workers))
    )
    | (?P<month>                                   # "in March", "on Sept. 9", "last May"
        (?:in|on|since|during|last|earlier\s+in|early\s+in|late\s+in)\s+
        (?:early\s+|mid-?|late\s+)?
        (?P<mon>{_MONTH_RE})\b\.?(?:\s+\d{{1,2}}\b(?!\s*,?\s*\d))?
        (?!\s*,?\s*{_YEAR})                          # "in March 2026" is read as a year
    )
    | (?P<rel>                                     # relative years
        (?P<relw>
            (?:this|the\s+current)\s+(?:fiscal\s+|financial\s+|calendar\s+)?year
          | next\s+(?:fiscal\s+|financial\s+)?year | the\s+coming\s+year
          | last\s+(?:fiscal\s+|financial\s+)?year | the\s+previous\s+year
          | the\s+prior\s+year | a\s+year\s+(?:earlier|ago|before)
          | the\s+year\s+before | the\s+year\s+earlier
        )
    )
    """,
    regex.VERBOSE | regex.IGNORECASE,
)

# How strongly each kind of expression reads as the period of a nearby amount.
_STRENGTH = {
    "fystart": 1.0,
    "fyend": 1.0,
    "fiscal": 1.0,
    "split": 1.0,
    "year": 0.8,
    "rel": 0.9,
    "horizon": 0.9,
    "date": 0.3,
    "month": 0.5,
}


class PeriodMention(NamedTuple):
    """A year expression: its offsets in the text, the year it fixes, its kind."""

    start: int
    end: int
    text: str
    year: int | None
    kind: str
    strength: float


def find_periods(
    text: str,
    *,
    doc_date: dt.date | None = None,
    offset: int = 0,
    april_year: bool = False,
    fiscal_start: int | None = None,
) -> list[PeriodMention]:
    """Find the year expressions of `text`, resolving relative ones with `doc_date`.

    text (str): A sentence or any text.
    doc_date (date | None): The document date, for "this year", "next year", ...
    offset (int): Added to every offset (the text's start in its document).
    april_year (bool): The fiscal year runs April-March (Japan): "the current year" in
        January-March is the one that began the April before.
    fiscal_start (int | None): The month the story's fiscal years start in ("fiscal
        1987/88 starting July 1": 7); "the current year" before that month is the fiscal
        year that began the year before. `april_year` is `fiscal_start=4`.
    RETURNS (list[PeriodMention]): In text order.

    >>> [(p.text, p.year) for p in find_periods("capex for 2025 and fiscal 1988")]
    [('for 2025', 2025), ('fiscal 1988', 1988)]
    >>> [(p.text, p.year) for p in find_periods("next year", doc_date=dt.date(1987, 3, 2))]
    [('next year', 1988)]
    >>> [(p.text, p.year) for p in find_periods("next year")]
    [('next year', None)]
    >>> d = dt.date(1987, 3, 25)
    >>> [(p.text, p.year) for p in find_periods("in the current year", doc_date=d, april_year=True)]
    [('the current year', 1986)]
    >>> [(p.text, p.year) for p in find_periods("spend 10 bn yen in 1987/88")]
    [('1987/88', 1987)]
    """
    out = []
    for m in _PERIOD.finditer(text):
        kind = m.lastgroup or "year"
        for name in (
            "horizon",
            "fystart",
            "fyend",
            "fiscal",
            "split",
            "date",
            "year",
            "month",
            "rel",
        ):
            if m[name] is not None:
                kind = name
                break
        year = _resolve(m, kind, doc_date)
        start = 4 if april_year else fiscal_start
        if (
            start is not None
            and kind == "rel"
            and year is not None
            and doc_date is not None
            and doc_date.month < start
            and regex.match(r"(?i)(?:the\s+)?current|this\s+fiscal", m[0])
        ):
            year -= 1
        out.append(
            PeriodMention(
                start=m.start() + offset,
                end=m.end() + offset,
                text=m[0],
                year=year,
                kind=kind,
                strength=_STRENGTH[kind],
            )
        )
    return out


def _resolve(m: regex.Match[str], kind: str, doc_date: dt.date | None) -> int | None:
    if kind == "horizon":
        return None
    if kind == "fiscal":
        if m["fy"]:
            return int(m["fy"])
        short = m["fy2"]
        return int(short) if len(short) == 4 else 2000 + int(short)
    if kind == "split":
        return int(m["sy"])
    if kind == "date":
        return int(m["dy"] or m["dy2"])
    if kind == "year":
        return int(m["y"])
    if kind == "fyend" and m["endyear"]:
        return int(m["endyear"]) - (0 if _MONTHS[m["endmonth"].lower()] == 12 else 1)
    if doc_date is None:
        return None
    if kind == "month":
        # the month of an announcement gives its year (GUIDELINES.md): the last such month
        # up to the story's date ("in March" in an October 2025 story is March 2025,
        # "in November" in a January 2026 story November 2025), as news reports what was
        # announced
        month = _MONTHS[m["mon"].lower().rstrip(".")]
        return doc_date.year if month <= doc_date.month else doc_date.year - 1
    if kind == "fystart":
        return _start_year(_MONTHS[m["fymonth"].lower()], doc_date)
    if kind == "fyend":
        return _year_begun(_MONTHS[m["endmonth"].lower()], doc_date, past=m["fyverb"] == "ended")
    words = " ".join(m["relw"].lower().split())
    if words.startswith(("next", "the coming")):
        return doc_date.year + 1
    if words.startswith(("this", "the current")):
        return doc_date.year
    return doc_date.year - 1


def _year_begun(end_month: int, doc_date: dt.date, *, past: bool) -> int:
    """The calendar year in which a year ending in `end_month` began.

    "the current year ending March 31" in a story of 25 March 1987 began in April 1986;
    "the year ended March 31" in one of June 1987 too.

    >>> _year_begun(3, dt.date(1987, 3, 25), past=False)
    1986
    >>> _year_begun(3, dt.date(1987, 6, 1), past=True)
    1986
    >>> _year_begun(12, dt.date(1987, 3, 25), past=False)
    1987
    """
    if past:
        end_year = doc_date.year if end_month <= doc_date.month else doc_date.year - 1
    else:
        end_year = doc_date.year if end_month >= doc_date.month else doc_date.year + 1
    return end_year if end_month == 12 else end_year - 1


def _start_year(month: int, doc_date: dt.date) -> int:
    """The year whose `month` lies nearest the document date, the future winning ties.

    >>> _start_year(4, dt.date(1987, 3, 25)), _start_year(3, dt.date(1987, 3, 20))
    (1987, 1987)
    >>> _start_year(1, dt.date(1987, 11, 2))
    1988
    """
    here = doc_date.year * 12 + doc_date.month - 1
    candidates = [
        (year, year * 12 + month - 1) for year in range(doc_date.year - 1, doc_date.year + 2)
    ]
    return min(candidates, key=lambda c: (abs(c[1] - here), -c[1]))[0]


# "fiscal 1987/88 starting July 1", "the financial year beginning April": the month a
# story's fiscal years start in.
_FISCAL_START = regex.compile(
    rf"(?:fiscal|financial|budget)\s+(?:year\s+)?(?:{_YEAR}(?:\s*/\s*\d{{2,4}})?\s+)?"
    rf"(?:starting|beginning|from|which\s+starts|that\s+starts)\s+(?:on\s+)?(?P<m>{_MONTH_RE})\b",
    regex.IGNORECASE,
)


def fiscal_start_month(text: str) -> int | None:
    """The month a text's fiscal years start in, when it says so; None otherwise.

    >>> fiscal_start_month("spending of 479.67 billion dlrs in fiscal 1987/88 starting July 1")
    7
    >>> fiscal_start_month("capital spending in 1987") is None
    True
    """
    m = _FISCAL_START.search(text)
    return _MONTHS[m["m"].lower().rstrip(".")] if m else None
