"""Charts of disagreement: each source's figure for a fact, side by side.

A chart has one column per fact (spender, year, item). In a column each
reported value is a mark in its own slot, in order of publication: a point for
a single figure, a bar from low to high for a range, coloured by source. A grey
band shows the tolerance around the median of the values, so a figure outside
it is what makes the fact disputed. Facts with no year come after the dated
ones, behind a divider, one column each (never one "year n/a" column). A
spender with more than MAX_COLUMNS facts gets small multiples instead: one
panel per fact that has more than one figure. A spender with a single figure
gets no chart: its table says it all.

The layout is computed here and drawn by templates/chart.svg.j2 as inline SVG:
a chart is a few dozen shapes, and writing them directly takes well under a
millisecond, where a matplotlib figure took about 100 ms, too slow for the
thousands of spenders of a whole archive.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from typing import NamedTuple

from models import Fact, ReportedValue
from pipeline.analyse.consolidate import comparison_currency, value_bounds

MAX_COLUMNS = 8  # more facts than this: small multiples
SOURCE_COLORS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
)  # fmt: skip
UNATTRIBUTED = "unattributed"
UNATTRIBUTED_COLOR = "#7f7f7f"

_HEIGHT = 270  # plot area plus margins, in px
_TOP = 26  # room for the "no year" header
_BOTTOM = 52  # room for two or three lines of column labels
_LEFT = 62  # room for the y tick labels
_RIGHT = 12
_SLOT = 26  # px per mark in a column
_COLUMN_MIN = 96  # narrowest column (its labels need the room)
_LOG_RATIO = 30  # values spanning more than this factor get a log scale


class Mark(NamedTuple):
    """One reported value drawn in a column: a point (y == y_low) or a bar."""

    x: float
    y: float  # the middle, where the point sits
    y_low: float  # the bar's ends (y_high above y_low on screen: smaller number)
    y_high: float
    color: str
    tip: str
    copy: bool  # a copy of another report's sentence: drawn hollow


class Column(NamedTuple):
    """One fact: its marks, the tolerance band and its labels."""

    x: float
    width: float
    label: str
    sublabel: str  # the item, cut to fit under the column
    item: str  # the whole item, for the tooltip
    disputed: bool
    marks: tuple[Mark, ...]
    band: tuple[float, float] | None  # screen y of the band's top and bottom
    median_y: float | None


class Tick(NamedTuple):
    """A y axis tick: screen y and its label."""

    y: float
    label: str


class Panel(NamedTuple):
    """One chart, ready for templates/chart.svg.j2."""

    width: float
    height: float
    top: float
    bottom: float
    left: float
    title: str
    y_label: str
    ticks: tuple[Tick, ...]
    columns: tuple[Column, ...]
    divider_x: float | None  # where the undated facts begin


class Chart(NamedTuple):
    """A spender's chart: its panels, the source colours and a note."""

    panels: tuple[Panel, ...]
    legend: tuple[tuple[str, str], ...]  # (source, colour)
    note: str


def source_label(value: ReportedValue) -> str:
    """Who reported a value: its sources joined, or "unattributed".

    >>> from models import Amount, UsdValue
    >>> amount = Amount(text="$5", start=0, end=2, value=5.0, currency="USD")
    >>> v = ReportedValue(claim_id="c", doc_id="d", subject="S", amount=amount,
    ...     usd=UsdValue(value_usd=5.0), sources=("FT", "Reuters"))
    >>> source_label(v)
    'FT, Reuters'
    """
    return ", ".join(value.sources) if value.sources else UNATTRIBUTED


def scale_unit(top: float) -> tuple[float, str]:
    """The unit to show numbers up to `top` in: (1e9, "bn"), (1e6, "mln"), (1e3, "k") or (1, "").

    >>> scale_unit(2.5e10)
    (1000000000.0, 'bn')
    >>> scale_unit(950.0)
    (1.0, '')
    """
    for unit, word in ((1e9, "bn"), (1e6, "mln"), (1e3, "k")):
        if top >= unit:
            return unit, word
    return 1.0, ""


def nice_ticks(top: float, *, count: int = 4) -> list[float]:
    """Round tick values from 0 to at least `top` (steps of 1, 2 or 5 times a power of ten).

    >>> nice_ticks(23.0)
    [0.0, 10.0, 20.0, 30.0]
    >>> nice_ticks(0.0)
    [0.0, 1.0]
    """
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return [i * step for i in range(math.ceil(top / step - 1e-9) + 1)]


def _format_tick(value: float, unit: float) -> str:
    number = value / unit
    return f"{number:,.0f}" if number >= 10 or number == int(number) else f"{number:,.2g}"


class _Scale(NamedTuple):
    low: float
    high: float
    log: bool
    top: float  # screen y of `high`
    bottom: float  # screen y of `low`

    def y(self, value: float) -> float:
        if self.log:
            value = max(value, self.low)
            share = (math.log10(value) - math.log10(self.low)) / (
                math.log10(self.high) - math.log10(self.low)
            )
        else:
            share = (value - self.low) / (self.high - self.low)
        return self.bottom - share * (self.bottom - self.top)


def _make_scale(lows: Sequence[float], highs: Sequence[float]) -> tuple[_Scale, list[float]]:
    top_y, bottom_y = _TOP, _HEIGHT - _BOTTOM
    smallest = min(lows)
    if smallest > 0 and max(highs) / smallest > _LOG_RATIO:
        low = 10 ** math.floor(math.log10(smallest))
        high = 10 ** math.ceil(math.log10(max(highs)))
        ticks = [10**k for k in range(round(math.log10(low)), round(math.log10(high)) + 1)]
        return _Scale(low, high, True, top_y, bottom_y), [float(t) for t in ticks]
    ticks = nice_ticks(max(max(highs), 0.0) * 1.05)
    return _Scale(min(0.0, smallest), ticks[-1], False, top_y, bottom_y), ticks


def _fact_label(fact: Fact) -> tuple[str, str]:
    year = str(fact.year) if fact.year is not None else "no year"
    item = " ".join((fact.item or "").split())
    return year, item if len(item) <= 16 else item[:15] + "…"


def _tip(value: ReportedValue, currency: str) -> str:
    parts = [source_label(value), " ".join(value.amount.text.split())]
    if currency == "USD" and value.amount.currency != "USD" and value.usd.stated:
        parts.append(f"stated as {value.usd.stated}")
    elif currency == "USD" and value.amount.currency != "USD" and value.usd.value_usd is not None:
        unit, word = scale_unit(abs(value.usd.value_usd))
        parts.append(f"≈ USD {value.usd.value_usd / unit:,.3g}{word}")
    parts.append(f"published {value.published}" if value.published else "date unknown")
    if value.copy_of is not None:
        parts.append("a copy of an earlier report")
    return " · ".join(parts)


def _panel(
    facts: Sequence[Fact], currency: str, color: dict[str, str], *, title: str
) -> Panel | None:
    """One panel with a column per fact; None when no value has a figure in `currency`."""
    charted = [
        (fact, [(v, b) for v in fact.values if (b := value_bounds(v, currency)) is not None])
        for fact in facts
    ]
    charted = [(fact, pairs) for fact, pairs in charted if pairs]
    if not charted:
        return None
    lows = [lo for _, pairs in charted for _, (lo, _) in pairs]
    highs = [hi for _, pairs in charted for _, (_, hi) in pairs]
    scale, tick_values = _make_scale(lows, highs)
    unit, word = scale_unit(max(abs(t) for t in tick_values))
    ticks = tuple(Tick(scale.y(t), _format_tick(t, unit)) for t in tick_values)

    columns: list[Column] = []
    divider_x = None
    x = float(_LEFT)
    for fact, pairs in charted:
        if fact.year is None and divider_x is None and columns:
            divider_x = x
        width = max(_COLUMN_MIN, _SLOT * len(pairs) + 24)
        marks = []
        for i, (value, (lo, hi)) in enumerate(pairs):
            mark_x = x + (width - _SLOT * len(pairs)) / 2 + _SLOT * (i + 0.5)
            marks.append(
                Mark(
                    x=mark_x,
                    y=scale.y((lo + hi) / 2),
                    y_low=scale.y(lo),
                    y_high=scale.y(hi),
                    color=color[source_label(value)],
                    tip=_tip(value, currency),
                    copy=value.copy_of is not None,
                )
            )
        band = None
        median_y = None
        originals = [(lo + hi) / 2 for v, (lo, hi) in pairs if v.copy_of is None]
        if len(originals) > 1:
            median = statistics.median(originals)
            band = (scale.y(median * (1 + fact.tolerance)), scale.y(median * (1 - fact.tolerance)))
            median_y = scale.y(median)
        label, sublabel = _fact_label(fact)
        item = " ".join((fact.item or "").split())
        columns.append(
            Column(x, width, label, sublabel, item, fact.disputed, tuple(marks), band, median_y)
        )
        x += width
    return Panel(
        width=x + _RIGHT,
        height=_HEIGHT,
        top=scale.top,
        bottom=scale.bottom,
        left=_LEFT,
        title=title,
        y_label=f"{currency} {word}".strip() + (" (log scale)" if scale.log else ""),
        ticks=ticks,
        columns=tuple(columns),
        divider_x=divider_x,
    )


def _chart_order(fact: Fact) -> tuple[bool, int, str]:
    return (fact.year is None, fact.year or 0, (fact.item or "").casefold())


def spender_chart(facts: Sequence[Fact]) -> Chart:
    """The chart of a spender's facts, or a note saying why there is none.

    Values are compared in USD where every value has a rate, else in the
    currency they share, else the values with a USD rate only (the note says so).

    facts (Sequence[Fact]): the spender's facts.
    RETURNS (Chart): its panels (none for a single figure) and a note.
    """
    values = [v for fact in facts for v in fact.values]
    if len(values) < 2:
        return Chart((), (), "One reported figure: the table below gives it; nothing to compare.")
    currency = comparison_currency(values)
    if currency is None:
        return Chart((), (), "No chart: the figures have different currencies and no USD rate.")
    ordered = sorted(facts, key=_chart_order)
    small_multiples = len(ordered) > MAX_COLUMNS
    drawn = [f for f in ordered if not small_multiples or len(f.values) > 1]
    charted = [v for f in drawn for v in f.values if value_bounds(v, currency) is not None]
    sources = sorted({source_label(v) for v in charted}, key=lambda s: (s == UNATTRIBUTED, s))
    color = {s: SOURCE_COLORS[i % len(SOURCE_COLORS)] for i, s in enumerate(sources)}
    color[UNATTRIBUTED] = UNATTRIBUTED_COLOR

    notes = [f"Values in {currency}"]
    converted = [v for v in charted if v.amount.currency != "USD"]
    if currency == "USD" and converted:
        how = ["the article's own equivalent" for v in converted if v.usd.stated]
        how += ["yearly average ECB rates" for v in converted if not v.usd.stated]
        notes[0] += f" (other currencies at {' or '.join(dict.fromkeys(how))})"
    if small_multiples:
        built = [_panel([f], currency, color, title=" ".join(_fact_label(f))) for f in drawn]
        panels = tuple(p for p in built if p is not None)
        singles = len(ordered) - len(drawn)
        notes.append(
            f"one panel per fact with more than one figure; {singles} facts with one "
            "figure are in the table only"
            if singles
            else "one panel per fact"
        )
    else:
        panel = _panel(drawn, currency, color, title="")
        panels = (panel,) if panel else ()
    if not panels:
        return Chart((), (), "No fact has more than one figure: the table lists them.")
    left_out = [v for f in drawn for v in f.values if value_bounds(v, currency) is None]
    if left_out:
        shown = ", ".join(" ".join(v.amount.text.split()) for v in left_out)
        notes.append(f"not charted (no {currency} value): {shown}")
    notes.append(
        "points are single figures, bars ranges, left to right in order of publication "
        "(hollow: a copy of an earlier report); the grey band is the tolerance around the "
        "median of the independent reports"
    )
    legend = tuple((s, color[s]) for s in sources)
    return Chart(panels, legend, "; ".join(notes) + ".")
