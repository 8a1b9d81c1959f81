"""Which year an amount belongs to: assigning the year expressions of its sentence and
carrying years across sentences."""

from __future__ import annotations

import regex

from models import Amount, Period
from pipeline.link import thresholds
from pipeline.link._state import (
    Mention,
    period_model,
)
from pipeline.link.rules import RuleId
from pipeline.text.periods import PeriodMention


def assign_periods(
    amounts: list[Amount], periods: list[PeriodMention], text: str
) -> list[Period | None]:
    """Give each amount the nearest year expression that no nearer amount took.

    An amount in a comparison ("from 64 billion") takes no period but its own.
    """
    usable = [
        p
        for p in periods
        if not any(a.start <= p.start < a.end for a in amounts) and not _spans_years(text, p)
    ]
    pairs = []
    for ai, amount in enumerate(amounts):
        for pi, period in enumerate(usable):
            if (
                period.start >= amount.end
                and _is_compared_period(text, period)
                and not is_comparison_base(text, amount)
            ):
                continue  # "24.2 billion pounds, almost unchanged from 1986": not its year
            if period.start >= amount.end:
                gap = len(text[amount.end : period.start].split())
                between = text[amount.end : period.start]
            else:
                gap = len(text[period.end : amount.start].split()) + 1
                between = text[period.end : amount.start]
            if any(
                a.start >= min(amount.end, period.end) and a.end <= max(amount.start, period.start)
                for a in amounts
            ):
                gap += thresholds.GAP_OTHER_AMOUNT  # another amount stands between them
            if ";" in between:
                gap += thresholds.GAP_SEMICOLON
            if text[period.end : period.end + 2] in ("'s", "’s") and (
                period.start >= amount.end or len(between.split()) > 2
            ):
                gap += thresholds.GAP_POSSESSIVE  # "last year's 5.8 billion" binds its own noun
            pairs.append((gap / period.strength, ai, pi))
    result: list[Period | None] = [None] * len(amounts)
    taken: set[int] = set()
    for _, ai, pi in sorted(pairs):
        if result[ai] is not None or pi in taken:
            continue
        result[ai] = period_model(usable[pi])
        taken.add(pi)
    return result


# "from 1986", "than in 1986", "compared with 1986", "against 1986": the year of what an
# amount is compared with.
_COMPARED_BEFORE_RE = regex.compile(
    r"\b(?:from|than|against|versus|vs\.?|compared\s+(?:with|to))\s+(?:in\s+|the\s+)?$",
    regex.IGNORECASE,
)


# "from 1988 to 1990", "between 1988 and 1990", "1988-1990": a span of several years.
_SPAN_AFTER_RE = regex.compile(r"^\s*(?:to|through|until|and|-|–)\s*(?:fiscal\s+)?\d{4}\b")


_SPAN_BEFORE_RE = regex.compile(
    r"\b(?:from|between)\s+(?:fiscal\s+)?\d{4}\s*(?:to|through|until|and|-|–)\s*$",
    regex.IGNORECASE,
)


def _is_compared_period(text: str, period: PeriodMention) -> bool:
    """Whether a year is what an amount is compared with ("unchanged from 1986")."""
    if period.text.lower().startswith(("from ", "than ")):
        return True
    return _COMPARED_BEFORE_RE.search(text, max(period.start - 30, 0), period.start) is not None


def _spans_years(text: str, period: PeriodMention) -> bool:
    """Whether a year opens or closes a span of years ("from 1988 to 1990"): a multi-year
    horizon has no single year (GUIDELINES.md)."""
    if _SPAN_AFTER_RE.match(text, period.end) is not None:
        return period.text.lower().startswith(("from", "between")) or bool(
            regex.search(r"\b(?:from|between)\s+$", text[max(period.start - 12, 0) : period.start])
        )
    return _SPAN_BEFORE_RE.search(text, max(period.start - 30, 0), period.start) is not None


def share_periods(mentions: list[Mention]) -> list[Mention]:
    """A spending amount with no year of its own takes the year of another spending amount
    of its sentence in the same currency ("the package could total 12 billion francs for
    1987, ... only 8.6 billion francs had been set aside"); never the base of a comparison,
    nor the year of money that is not spending ("its sales would top €10bn in 2024").
    """
    out = []
    for mention in mentions:
        if (
            mention.period is None
            and mention.decision == "spend"
            and not mention.is_comparison_base
        ):
            donor = next(
                (
                    m
                    for m in mentions
                    if m is not mention
                    and m.decision == "spend"
                    and not m.is_comparison_base  # "from 2.5 billion in 1986": its own year
                    and m.period is not None
                    and m.period.year is not None
                    and m.amount.currency == mention.amount.currency
                ),
                None,
            )
            if donor is not None:
                mention = mention.but(
                    rule=RuleId.PERIOD_SHARED, period=donor.period, period_rule=RuleId.PERIOD_SHARED
                )
        out.append(mention)
    return out


def is_comparison_base(text: str, amount: Amount) -> bool:
    before = text[max(0, amount.start - 30) : amount.start].lower()
    # "from 64 billion", "than the 862 mln", "from last year's 25.4 mln dlrs"
    return (
        regex.search(
            r"\b(?:from|versus|vs\.?|against|compared\s+with|than)\s+"
            r"(?:\S*|(?:\w+\s+)?\w+['’]s)\s*$",
            before,
        )
        is not None
    )


def carry_periods(read: list[Mention]) -> list[Mention]:
    """Years the sentence leaves implicit, from the story around it.

    A planned figure with no year of its own continues the year of the planned figure
    one or two sentences before; the base of a comparison ("to 94.9 billion yen from
    64 billion") is the year before the figure it is compared with.
    """
    out: list[Mention] = []
    last: Mention | None = None
    for m in read:
        if m.decision == "spend" and not m.is_comparison_base:
            if "planned" not in m.flags or not m.is_future:
                last = None
            else:
                if (
                    m.period is None
                    and last is not None
                    and last.period is not None
                    and last.period.year is not None
                    and m.sent_idx - last.sent_idx <= thresholds.CARRY_PERIOD_SENTENCES
                ):
                    m = m.but(
                        rule=RuleId.PERIOD_CARRIED,
                        period=last.period,
                        period_rule=RuleId.PERIOD_CARRIED,
                    )
                if m.period is not None:
                    last = m
        out.append(m)
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        if (
            prev.period is None
            and prev.decision == "spend"
            and not prev.is_comparison_base
            and cur.is_comparison_base
            and prev.sent_idx == cur.sent_idx
            and cur.period is not None
            and cur.period.year is not None
            and cur.period_rule is None
        ):
            # "would rise to 3.1 billion ECUs from 2.5 billion ECUs in 1986": the figure
            # compared with a year's is the next year's
            out[i - 1] = prev.but(
                rule=RuleId.PERIOD_AFTER_BASE,
                period=Period(year=cur.period.year + 1, text=None),
                period_rule=RuleId.PERIOD_AFTER_BASE,
            )
            continue
        if (
            cur.period is None
            and cur.is_comparison_base
            and prev.sent_idx == cur.sent_idx
            and prev.period is not None
            and prev.period.year is not None
            and not prev.is_comparison_base
        ):
            out[i] = cur.but(
                rule=RuleId.PERIOD_COMPARISON_BASE,
                period=Period(year=prev.period.year - 1, text=None),
                period_rule=RuleId.PERIOD_COMPARISON_BASE,
            )
    return out
