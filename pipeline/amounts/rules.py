"""Candidate amounts and the rules over neighbouring amounts, for pipeline/amounts.py.

`pipeline.amounts.parse` reads each pattern match into `_Cand`s; the rules here then need
the amounts around each one: list items share currency and scale ("1,000 and 10,000
dlrs"), an elided currency carries over within a sentence ("35 billion next year"),
a "vs" column inherits scale and currency ("3.65 billion crowns vs 3.40"), and a
restatement in another currency points at the amount it restates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from models import Qualifier
from pipeline.amounts import _currencies as cur

# Pattern pieces shared with pipeline/amounts.py. Spaces may wrap onto the next line
# (wire copy breaks lines inside amounts: "some 68\nmln francs"), never across a blank one.
_SP = r"[ \t\xa0]*+(?:\r?\n[ \t\xa0]*+)?"
_SP1 = rf"(?=\s){_SP}"
# Digits: Indian grouping (5,00,000), thousands separators, thousands grouped by
# spaces ("12 500", also no-break and narrow no-break spaces), plain; decimals,
# and a decimal comma where it cannot be a thousands separator ("3,5", "1,25").
_GROUP_SPACE = "[ \xa0\u2009\u202f]"
_NUM = r"""(?:\d{1,2}(?:,\d\d){1,6},\d{3}|\d{1,3}(?:,\d{3}){1,8}+)(?:\.\d{1,12}+)?(?!\d)
    |\d{1,15}+(?:\.\d{1,12}+|,\d{1,2}+(?![\d,]))?(?!\d)
    |\.\d{1,12}+(?!\d)"""
# Space-grouped thousands, read only after a currency ("$12 500 million"): after
# a bare number the space may end a date ("on May 7 500 mln dlrs").
_NUM_SPACED = (
    rf"\d{{1,3}}(?:{_GROUP_SPACE}\d{{3}}){{1,4}}+(?!{_GROUP_SPACE}?\d)(?:\.\d{{1,12}}+)?(?!\d)"
)
_PERCENT = r"(?:%|pct\b|percent\b|per[ \t]?cent\b)"
# A sentence or paragraph ends between two amounts: no carry-over across it.
_SENTENCE_END = re.compile(r"[.!?;][\"')\]]*\s|\n[ \t]*\n|\n[ \t]{3,}")
# What may follow an amount whose currency is elided ("35 billion next year").
_CARRY_FOLLOW = re.compile(
    r"""\s*+(?:$|[.,;:)\]!?]|(?:and|or|but|from|to|vs|versus|against|compared|a|an|the|this
        |last|next|in|for|at|on|with|earlier|before|ago|previously|respectively|while
        |whereas|when|which|as|after
        |spent|budgeted|allocated|earmarked|invested|paid|planned|projected|estimated
        |forecast|approved|committed|set\s+aside|originally)\b)""",
    re.VERBOSE,
)
# A "vs" column: "3.65 billion crowns vs 3.40".
_VS_TAIL = re.compile(rf"{_SP}vs\.?{_SP1}(?P<num>(?>{_NUM}))(?![ \t]*+[\w%])", re.VERBOSE)
_VS_GAP = re.compile(rf"{_SP}vs\.?{_SP1}")
# Lists share currency and scale: "1,000 and 10,000 dlrs", "5.1 mln and 4.3 mln dlrs".
_LIST_GAP_PATTERN = r"[ \t]*+,[ \t]*+(?:(?:and|or)[ \t]++)?|[ \t]++(?:and|or)[ \t]++"
_LIST_GAP = re.compile(_LIST_GAP_PATTERN)
_LIST_NUMBER = re.compile(
    rf"(?<![\w.,$€£¥₹₩/-])(?P<num>(?>{_NUM}))(?:{_LIST_GAP_PATTERN})\Z", re.VERBOSE
)
_MONTH_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\Z"
)
# Between an amount and its restatement in another currency.
_EQUIV_GAP = re.compile(r"\s*+(?:[(\[]|,?\s*+or|,\s*+(?:or\s+)?equivalent\s+to)\s*+")


@dataclass(frozen=True, slots=True)
class _Cur:
    """A currency as read from the text: a code, or a family to resolve from context."""

    code: str | None  # ISO code, cur.DEFAULT_DOLLAR, or None
    family: str | None
    minor: bool = False  # cents, pence: the value is in hundredths
    named: bool = field(default=False, repr=False)  # "Taiwan dlrs": the country written
    bare: bool = field(default=False, repr=False)  # "dlrs", "pounds": a unit word alone


@dataclass(slots=True)
class _Cand:
    """An amount under construction (local to one `find_amounts` call)."""

    start: int
    end: int
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    currency: _Cur | None
    qualifier: Qualifier
    scale: int | None
    equivalent_of: int | None = None


def _same(a: _Cur, b: _Cur) -> bool:
    return (a.code, a.family) == (b.code, b.family)


def _number(written: str) -> Decimal | None:
    """Read digits or number words as a Decimal.

    >>> _number("1,250.5"), _number("forty-two"), _number("half a"), _number("TWO")
    (Decimal('1250.5'), Decimal('42'), Decimal('0.5'), Decimal('2'))
    >>> _number("12 500"), _number("3,5"), _number("5,00,000")
    (Decimal('12500'), Decimal('3.5'), Decimal('500000'))
    >>> _number("one hundred and twenty five"), _number("one and a half")
    (Decimal('125'), Decimal('1.5'))
    """
    if written[:1].isdigit() or written[:1] == ".":
        digits = "".join(written.split()).replace("\u202f", "")  # "12 500"
        if "," in digits and "." not in digits and len(digits.rpartition(",")[2]) < 3:
            digits = digits.replace(",", ".")  # a decimal comma: "3,5"
        try:
            return Decimal(digits.replace(",", ""))
        except InvalidOperation:
            return None
    words = written.lower().replace("-", " ").split()
    if words[:1] == ["half"]:
        return Decimal("0.5")
    total, current = 0, 0
    half = words[-3:] == ["and", "a", "half"]
    for word in words[:-3] if half else words:
        if word in ("a", "an"):
            current += 1
        elif word in cur.UNITS:
            current += cur.UNITS[word]
        elif word in cur.TENS:
            current += cur.TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
    return Decimal(total + current) + (Decimal("0.5") if half else 0)


def _share_lists(cands: list[_Cand], text: str) -> list[_Cand]:
    """Give the earlier items of a list the currency (and scale) of its last item.

    "5.1 mln and 4.3 mln dlrs": the first is dollars too; "1,000 and 10,000 dlrs"
    and "3 and 5 mln dlrs" add the numbers that have neither. A year ("in 1986 and
    5 mln dlrs") or a larger number before a scaled amount is not an item.
    """
    for cand, after in reversed(list(zip(cands, cands[1:], strict=False))):  # right to left
        if cand.currency is None and after.currency is not None and after.value is not None:
            if _LIST_GAP.fullmatch(text, cand.end, after.start):
                cand.currency = after.currency
    out: list[_Cand] = []
    for cand in cands:
        items: list[_Cand] = []
        head = cand
        while head.currency is not None and head.value is not None and head.qualifier == "exact":
            if (
                not text[max(0, head.start - 6) : head.start]
                .rstrip()
                .endswith((",", " and", " or"))
            ):
                break  # cheap test before the pattern
            found = _LIST_NUMBER.search(
                text, max(out[-1].end if out else 0, head.start - 40), head.start
            )
            item = _list_item(found, cand) if found is not None else None
            if item is None:
                break
            items.append(item)
            head = item
        out.extend(reversed(items))
        out.append(cand)
    return out


def _list_item(found: re.Match[str], last: _Cand) -> _Cand | None:
    """The list item "3" of "3 and 5 mln dlrs", or None when it cannot be one."""
    written = found["num"]
    number = _number(written)
    if number is None or last.value is None or last.currency is None:
        return None
    raw = last.value / (Decimal(10) ** (last.scale or 0)) * (100 if last.currency.minor else 1)
    plain = "," not in written
    if _MONTH_BEFORE.search(found.string, max(0, found.start() - 12), found.start()):
        return None  # "on March 30 and 147 mln stg": a date
    if plain and "." not in written and 1900 <= number <= 2099:
        return None  # a year
    if last.scale is not None and plain:
        if number >= raw:
            return None  # "1986 and 5 mln dlrs"
        value = number * Decimal(10) ** last.scale
    elif number < raw or last.scale is not None:
        value = number
    else:
        return None
    if last.currency.minor:
        value /= 100
    if value >= last.value:
        return None
    scale = last.scale if last.scale is not None and plain else None
    return _Cand(
        found.start("num"), found.end("num"), value, None, None, last.currency, "exact", scale
    )


def _carry_over(cands: list[_Cand], text: str) -> list[_Cand]:
    """Give bare scaled numbers the currency of the money amount just before them.

    "rose to 70 billion yen from 64 billion": the second is yen. A bare number
    that is followed by a noun ("10 mln shares"), stands in another sentence, or
    follows no scaled money amount is dropped: it is not money.
    """
    out: list[_Cand] = []
    prev: _Cand | None = None
    for cand in cands:
        if cand.currency is not None:
            out.append(cand)
            prev = cand
            continue
        if (
            prev is not None
            and prev.scale is not None
            and cand.scale is not None
            and cand.start - prev.end <= 250
            and _SENTENCE_END.search(text, prev.end, cand.start) is None
            and (
                _CARRY_FOLLOW.match(text, cand.end) is not None
                or _VS_GAP.fullmatch(text, prev.end, cand.start) is not None  # a table column
            )
        ):
            cand.currency = prev.currency
            out.append(cand)
            prev = cand
    return out


def _vs_columns(cands: list[_Cand], text: str) -> list[_Cand]:
    """Add the right side of "3.65 billion crowns vs 3.40" (scale and currency carried)."""
    starts = {c.start for c in cands}
    out: list[_Cand] = []
    for cand in cands:
        out.append(cand)
        if cand.value is None or cand.currency is None or cand.currency.minor:
            continue
        m = _VS_TAIL.match(text, cand.end)
        if m is None or m.start("num") in starts:
            continue
        number = _number(m["num"])
        if number is None:
            continue
        value = number * (Decimal(10) ** (cand.scale or 0))
        start, end = m.start("num"), m.end("num")
        out.append(_Cand(start, end, value, None, None, cand.currency, "exact", cand.scale))
    return out


def _mark_equivalents(cands: list[_Cand], text: str) -> None:
    """Point a bracketed or ", or" restatement in another currency at the amount it restates."""
    for i in range(1, len(cands)):
        prev, cand = cands[i - 1], cands[i]
        if prev.currency is None or cand.currency is None or _same(prev.currency, cand.currency):
            continue
        gap = _EQUIV_GAP.fullmatch(text, prev.end, cand.start)
        if gap is None:
            continue
        root = i - 1 if prev.equivalent_of is None else prev.equivalent_of
        cand.equivalent_of = root
