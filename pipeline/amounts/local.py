"""A local currency named once carries to the bare unit words after it in the same text.

Wire and local news name the currency once and then drop the country: "a budget of 6.9
billion Jamaica dlrs ... capital spending of 1.2 billion dlrs"; "41.7 billion Syrian
pounds ... investment allocations of 17.5 billion pounds". GUIDELINES.md: "an elided
currency carries over", and "dlrs" is USD "unless another dollar is named". So a bare
unit word ("dlrs", "pounds", "francs") takes the one local member of its family that the
text named before it, unless the text also names the family's default explicitly
("U.S. dlrs", "US$", "stg"), which makes a bare word ambiguous: it is then left as read.
Symbols ("$", "£") are never re-read: a "$" beside "HK$" is the US dollar in news.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from models import Amount
from pipeline.amounts import _currencies as cur

# Words that name a family's default currency explicitly, so that a bare unit word in
# the same text may mean it: "U.S. dlrs", "US$", "American dollars"; "stg", "sterling".
_EXPLICIT_DEFAULT = {
    "dollar": regex.compile(
        r"\bU\.?S\.?\s*(?:\$|dlrs?\b|dollars?\b)|\bamerican\s+dollars?\b", regex.I
    ),
    "pound": regex.compile(r"\bstg\b|\bsterling\b|£|\bbritish\s+pounds?\b", regex.I),
}
_WORD_RE = regex.compile(r"[\p{L}.]+$")


def carry_local_currencies(text: str, amounts: Sequence[Amount]) -> list[Amount]:
    """Give bare unit words the local currency the text named before them.

    text (str): The text the amounts were found in.
    amounts (Sequence[Amount]): `find_amounts(text)`, in text order.
    RETURNS (list[Amount]): The same amounts, some with their currency replaced.

    >>> from pipeline.amounts.parse import find_amounts
    >>> t = "a budget of 6.9 billion Taiwan dlrs. Defence gets 1.2 billion dlrs."
    >>> [a.currency for a in carry_local_currencies(t, find_amounts(t))]
    ['TWD', 'TWD']
    >>> t = "6.9 billion Taiwan dlrs, or 200 mln U.S. dlrs. It spent 1.2 billion dlrs."
    >>> [a.currency for a in carry_local_currencies(t, find_amounts(t))]
    ['TWD', 'USD', 'USD']
    """
    locals_by_family: dict[str, set[str]] = {}
    for amount in amounts:
        family, adjective = _unit_of(amount)
        if family is not None and adjective is not None and amount.currency is not None:
            locals_by_family.setdefault(family, set()).add(amount.currency)
    carry: dict[str, str] = {}
    for family, codes in locals_by_family.items():
        default = cur.FAMILY_DEFAULTS.get(family)
        codes.discard(default or "")
        codes.discard("USD")
        explicit = _EXPLICIT_DEFAULT.get(family)
        if len(codes) == 1 and (explicit is None or explicit.search(text) is None):
            carry[family] = codes.pop()
    if not carry:
        return list(amounts)
    out: list[Amount] = []
    active: dict[str, str] = {}  # families whose local currency has been named so far
    renamed: dict[str, str] = {}  # old code -> new code of the last carried amount
    for amount in amounts:
        family, adjective = _unit_of(amount)
        if family in carry and adjective is not None and amount.currency == carry[family]:
            active[family] = carry[family]
        if family in active and adjective is None and amount.currency != active[family]:
            renamed = {amount.currency or "": active[family]}
            amount = amount.model_copy(update={"currency": active[family]})
        elif family is None and amount.currency in renamed:
            # "1.2 billion dlrs in 1988 and 1.4 billion in 1989": the elided unit follows
            amount = amount.model_copy(update={"currency": renamed[amount.currency or ""]})
        elif family is not None:
            renamed = {}
        out.append(amount)
    return out


def _unit_of(amount: Amount) -> tuple[str | None, str | None]:
    """The family of the unit word an amount ends with, and the adjective before it.

    >>> _unit_of(Amount(text="6.9 billion Jamaican dlrs", start=0, end=1, value=1, currency="JMD"))
    ('dollar', 'jamaican')
    >>> _unit_of(Amount(text="1.2 billion dlrs", start=0, end=1, value=1, currency="USD"))
    ('dollar', None)
    >>> _unit_of(Amount(text="$5", start=0, end=1, value=5, currency="USD"))
    (None, None)
    """
    words = amount.text.lower().split()
    if not words or not _WORD_RE.match(words[-1]):
        return None, None
    family = cur.UNIT_WORDS.get(words[-1])
    if family is None:
        return None, None
    for size in (2, 1):
        if len(words) > size:
            adjective = " ".join(words[-1 - size : -1])
            if family in cur.ADJECTIVES.get(adjective, {}):
                return family, adjective
    return family, None
