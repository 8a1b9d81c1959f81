"""Which currency an amount is in: reading a written currency and resolving shared ones.

A symbol or word shared by several currencies ("$", "francs", "kr") is resolved by the
countries the text names, else the `--dollar`-style default, else None.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from models import Amount
from pipeline.amounts import _currencies as cur
from pipeline.amounts.rules import (
    _Cand,
    _Cur,
)


def alt(words: Iterable[str]) -> str:
    r"""A regex matching any of `words`, built as a trie so that the engine tries
    one branch per next character instead of every word at every position.
    Inner spaces match any run of whitespace; the longest word is preferred.

    >>> alt(["mln", "million", "m"])
    'm(?:(?:illion|ln))?'
    >>> alt(["more than", "over"])
    '(?:more\\s+than|over)'
    """
    trie: dict[str, dict[str, Any]] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, dict[str, Any]]) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_regex(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_Cues = list[tuple[int, str]]  # (offset, ISO code) of the country words in a text


_SYMBOLS_FOLDED = {symbol.lower(): code for symbol, code in cur.ALL_SYMBOLS.items()}


_CONTEXT_CUES = {
    family: re.compile(rf"\b(?:{alt(cues)})\b") for family, cues in cur.ALL_CONTEXT_CUES.items()
}


def read_currency(written: str, text: str = "", at: int = 0) -> _Cur | None:
    """Map a written currency (symbol, code, word, adjective + word) to a `_Cur`.

    `text` and `at` place it in the document, for the forms that depend on case.

    >>> read_currency("Australian dlrs")
    _Cur(code='AUD', family='dollar', minor=False)
    >>> read_currency("francs")
    _Cur(code=None, family='franc', minor=False)
    >>> read_currency("₾"), read_currency("kr")
    (_Cur(code='GEL', family=None, minor=False), _Cur(code=None, family='crown', minor=False))
    """
    written = " ".join(written.split())
    if written.endswith(" $"):  # "c $ 16.4": only in lower-case text, else "give us $5"
        letters = written[:-2]
        if letters.islower() and any(c.isupper() for c in text[max(0, at - 200) : at + 200]):
            return _Cur(cur.DEFAULT_DOLLAR, "dollar")  # "pay us $5": the article's $
        written = letters + "$"
    code = cur.ALL_SYMBOLS.get(written) or _SYMBOLS_FOLDED.get(written.lower())
    if code is not None:
        return _Cur(code, "dollar" if code == cur.DEFAULT_DOLLAR else None)
    shared = cur.ALL_SHARED_SYMBOLS.get(written.lower()) or cur.SHARED_CASED.get(written)
    if shared is not None:
        return _Cur(None, shared)
    if written == "¢":
        return _Cur(None, "dollar", minor=True)
    if written in cur.ISO_CODES:
        return _Cur(cur.ISO_ALIASES.get(written, written), None)
    cased = cur.PREFIX_WORDS_CASED.get(written) or cur.SUFFIX_WORDS_CASED.get(written)
    if cased:
        return _Cur(cased, None)
    low = written.lower()
    if low in cur.LOWER_ISO_CODES:
        return _Cur(cur.ISO_ALIASES.get(written.upper(), written.upper()), None)
    if low in cur.PREFIX_WORDS:
        return _Cur(cur.PREFIX_WORDS[low], None)
    return _read_unit_word(low)


def _read_unit_word(low: str) -> _Cur | None:
    """Read "dlrs", "Australian dlrs", "Swiss francs", "cts" (lower case, single-spaced)."""
    adjective = None
    if low not in cur.ALL_UNIT_WORDS and "-" in low:  # "300-mln-Canadian-dlr"
        head, _, unit = low.rpartition("-")
        low = f"{head} {unit}" if unit in cur.ALL_UNIT_WORDS else low
    if low not in cur.ALL_UNIT_WORDS and " " in low:
        adjective, low = low.rsplit(" ", 1)
        if adjective not in cur.ALL_ADJECTIVES:
            return None
    elif low in cur.NEED_ADJECTIVE and low not in cur.UNIT_WORDS:
        return None  # "10 mln units", "the real": words, not money, without a country
    minor = low in cur.CENT_WORDS and low not in cur.ALL_UNIT_WORDS
    family = cur.CENT_WORDS[low] if minor else cur.ALL_UNIT_WORDS.get(low)
    if family is None:
        return None
    if adjective is not None:  # "Zimbabwean dlrs": a country's money, unknown if not listed
        code = cur.ALL_ADJECTIVES[adjective].get(family)
        if code is None and low in cur.NEED_ADJECTIVE:
            return None  # "two Canadian gold (funds)"
        return _Cur(code, family if code is not None else None, minor, named=code is not None)
    if family in cur.ALL_CONTEXT_CUES:
        return _Cur(None, family, minor, bare=True)
    return _Cur(cur.ALL_FAMILY_DEFAULTS.get(family), family, minor, bare=True)


def _resolve(
    currency: _Cur | None, start: int, text: str, default_dollar: str, cues: dict[str, _Cues]
) -> str | None:
    """The ISO code of a read currency: default dollar, or a country named in the text."""
    if currency is None:
        return None
    if currency.code == cur.DEFAULT_DOLLAR:
        return default_dollar
    if currency.code is not None or currency.family is None:
        return currency.code
    family = currency.family
    if family == "dollar":
        return default_dollar
    if family in _CONTEXT_CUES:
        if family not in cues:  # found once per text, only when the family occurs
            found = _CONTEXT_CUES[family].finditer(text)
            table = cur.ALL_CONTEXT_CUES[family]
            cues[family] = [(m.start(), table[" ".join(m[0].lower().split())]) for m in found]
        positions = cues[family]
        if positions:
            i = bisect_left(positions, (start, ""))
            return positions[i - 1][1] if i > 0 else positions[0][1]
    return cur.ALL_FAMILY_DEFAULTS.get(family)


def _named_before(cands: list[_Cand], codes: list[str | None]) -> list[str | None]:
    """A bare unit word takes the currency the article last named in full.

    "41.7 billion Syrian pounds ... 24.2 billion pounds" is SYP; "479.67 billion
    Taiwan dlrs ... the 432.06 billion dlrs budgeted" is TWD. When the article names
    two currencies of the family ("Taiwan dlrs ... U.S. dlrs"), the nearest name
    before the bare word wins. Symbols ("$") keep their own rule: --dollar.
    """
    named: dict[str, str | None] = {}  # family -> the code last named in full
    out = list(codes)
    for i, cand in enumerate(cands):
        currency = cand.currency
        if currency is None or currency.family is None:
            continue
        if currency.named:
            named[currency.family] = currency.code
        elif currency.bare and currency.family in named:
            out[i] = named[currency.family]
    return out


def to_amounts(cands: list[_Cand], text: str, low: str, default_dollar: str) -> list[Amount]:
    """Build the `Amount` models; a bare "dlrs" restating an explicit dollar takes its code."""
    cues: dict[str, _Cues] = {}
    codes = [_resolve(c.currency, c.start, low, default_dollar, cues) for c in cands]
    codes = _named_before(cands, codes)
    explicit: dict[tuple[Decimal | None, Decimal | None, Decimal | None], str] = {}
    for cand, code in zip(cands, codes, strict=True):
        if code and code != default_dollar and cand.currency and cand.currency.family == "dollar":
            explicit.setdefault((cand.value, cand.low, cand.high), code)
    out = []
    for cand, code in zip(cands, codes, strict=True):
        if cand.currency is not None and cand.currency.code == cur.DEFAULT_DOLLAR:
            code = explicit.get((cand.value, cand.low, cand.high), code)
        out.append(
            Amount(
                text=text[cand.start : cand.end],
                start=cand.start,
                end=cand.end,
                value=float(cand.value) if cand.value is not None else None,
                min=float(cand.low) if cand.low is not None else None,
                max=float(cand.high) if cand.high is not None else None,
                currency=code,
                qualifier=cand.qualifier,
                equivalent_of=cand.equivalent_of,
            )
        )
    return out
