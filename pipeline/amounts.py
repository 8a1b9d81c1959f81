"""Find money amounts in text: compiled regexes and Decimal arithmetic, no spaCy.

PLACEHOLDER VERSION: replaced by the full extractor (issue 3).
"""

from __future__ import annotations

from decimal import Decimal

import regex

from models import Amount

_SCALES = {
    "m": Decimal(10**6),
    "bn": Decimal(10**9),
    "million": Decimal(10**6),
    "billion": Decimal(10**9),
    "mln": Decimal(10**6),
    "b": Decimal(10**9),
}

_SIMPLE = regex.compile(
    r"(?P<cur>\$)(?P<num>\d+(?:\.\d+)?)\s?(?P<scale>bn|billion|million|mln|m|b)?\b",
    regex.IGNORECASE,
)


def find_amounts(text: str, *, default_dollar: str = "USD") -> list[Amount]:
    """Find every money amount in `text`.

    text (str): The text to scan.
    default_dollar (str): The ISO code a bare "$" stands for.
    RETURNS (list[Amount]): The amounts, in text order.
    """
    out = []
    for m in _SIMPLE.finditer(text):
        value = Decimal(m["num"]) * _SCALES.get((m["scale"] or "").lower(), Decimal(1))
        out.append(
            Amount(
                text=m[0], start=m.start(), end=m.end(), value=float(value), currency=default_dollar
            )
        )
    return out


def parse_amount(text: str, *, default_dollar: str = "USD") -> Amount | None:
    """Parse the first money amount in `text`, or None."""
    found = find_amounts(text, default_dollar=default_dollar)
    return found[0] if found else None
