"""Tables in article text: Markdown tables (as written, or rendered: cells joined by " | ")
and tables flattened to one row per line.

A row that starts with a short label (a company) followed by an amount belongs to
the header line above it: the header gives the year ("Reported/Estimated 2024
AI-related CapEx") and says what the figures are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import regex

from models import Amount
from pipeline.text.periods import PeriodMention, find_periods
from pipeline.text.sentences import Segment, line_spans

_SPEND_PHRASE = regex.compile(
    r"(?:[\w/-]+\s+)?(?:capex|capital\s+(?:expenditure|spending)|spending|investment|budget"
    r"|expenditure|outlays?)",
    regex.IGNORECASE,
)
# A row label is a short name: every word capitalised ("Meta Platforms", "Google (Alphabet)").
_LABEL = regex.compile(
    r"^[\p{Lu}][\p{L}\p{N}&'’.\-]*+(?:\s++[\p{Lu}(&][\p{L}\p{N}&'’.()\-]*+){0,4}$"
)
_MIN_ROWS = 2
_CELL_SEP = " | "
_CELL = regex.compile(r"\|\s*([^|]*?)\s*(?=\|)")  # a cell: between two pipes, trimmed


class TableRow(NamedTuple):
    """A table row holding an amount: its label, the header's year and topic."""

    amount_index: int
    label: str
    label_start: int
    label_end: int
    start: int
    end: int
    period: PeriodMention | None
    spending: bool
    item: str | None


def find_table_rows(text: str, amounts: Sequence[Amount]) -> list[TableRow]:
    """The amounts of `text` that sit in table rows, with what their header says.

    text (str): The document text.
    amounts (Sequence[Amount]): The document's amounts.
    RETURNS (list[TableRow]): One row per amount that sits in a table.
    """
    lines = line_spans(text)
    firsts: dict[int, tuple[int, int, int]] = {}  # line index -> (amount idx, label s, e)
    for li, line in enumerate(lines):
        inside = [
            (i, a)
            for i, a in enumerate(amounts)
            if line.start <= a.start < line.end and a.equivalent_of is None
        ]
        if not inside:
            continue
        label = _row_label(text, line, inside[0][1])
        if label is not None:
            firsts[li] = (inside[0][0], *label)
    # The next line that is not blank: rendered Markdown puts a blank line between rows.
    following = {}
    filled = [li for li, line in enumerate(lines) if text[line.start : line.end].strip()]
    for a, b in zip(filled, filled[1:], strict=False):
        following[a] = b
    rows: list[TableRow] = []
    li = 0
    while li < len(lines):
        if li not in firsts:
            li += 1
            continue
        block = [li]
        while following.get(block[-1], -1) in firsts:
            block.append(following[block[-1]])
        li = block[-1] + 1
        if len(block) < _MIN_ROWS:
            continue
        header = _header(text, lines, block[0], amounts)
        if header is None:
            continue
        header_text = text[header.start : header.end]
        periods = [
            p
            for p in find_periods(header_text, offset=header.start)
            if p.kind in ("year", "fiscal", "split") and p.year is not None
        ]
        phrase = _SPEND_PHRASE.search(header_text)
        for bi in block:
            idx, ls, le = firsts[bi]
            line = lines[bi]
            row_text = text[line.start : line.end]
            spending = phrase is not None or _SPEND_PHRASE.search(row_text) is not None
            rows.append(
                TableRow(
                    amount_index=idx,
                    label=" ".join(text[ls:le].split()),
                    label_start=ls,
                    label_end=le,
                    start=line.start,
                    end=line.end,
                    period=periods[0] if periods else None,
                    spending=spending,
                    item=phrase[0] if phrase else None,
                )
            )
    return rows


def _row_label(text: str, line: Segment, amount: Amount) -> tuple[int, int] | None:
    row = text[line.start : line.end]
    if row.lstrip().startswith("|") or _CELL_SEP in row:
        # "| Acme | $5bn |" as written, or "Acme | $5bn" as Markdown is rendered.
        cells = [(m.start(1), m.end(1)) for m in _CELL.finditer(f"|{row}|")]
        cells = [(s - 1, e - 1) for s, e in cells if e > s]
        if not cells:
            return None
        s, e = cells[0]
        if line.start + s <= amount.start < line.start + e:
            return None
        return (line.start + s, line.start + e) if _LABEL.match(row[s:e]) else None
    head = text[line.start : amount.start]
    stripped = head.rstrip(" ~≈:-–")
    if not stripped or len(stripped.split()) > 5 or not _LABEL.match(stripped.strip()):
        return None
    lead = len(head) - len(head.lstrip())
    return line.start + lead, line.start + len(stripped)


def _header(
    text: str, lines: list[Segment], first_row: int, amounts: Sequence[Amount]
) -> Segment | None:
    for li in range(first_row - 1, max(first_row - 4, -1), -1):
        line = lines[li]
        content = text[line.start : line.end].strip()
        if not content or regex.fullmatch(r"[|\s:-]+", content):
            continue  # blank line or a Markdown separator row
        if any(line.start <= a.start < line.end for a in amounts):
            return None
        return line
    return None
