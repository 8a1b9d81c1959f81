"""Find money amounts in text: one pass of compiled patterns and Decimal arithmetic, no spaCy.

`find_amounts` scans a whole article once with `_MONEY` (over the lower-cased text),
turns each match into an `Amount` (value in the currency's main unit, ISO 4217 code,
qualifier, range), and then applies four small rules that need the neighbouring
amounts: list items share currency and scale ("1,000 and 10,000 dlrs"), an elided
currency carries over within a sentence ("30 billion lire this year and 35 billion
next year"), a "vs" column inherits the scale and currency of its left side ("3.65
billion crowns vs 3.40"), and a restatement in another currency in brackets or after
", or" points at the amount it restates (`equivalent_of`).

A number with a scale but no currency in reach ("30 trillion tokens", "2.5 mln
jobless") is not money. The patterns use the standard `re` module: since Python 3.11
it has atomic groups and possessive quantifiers, and on this pattern it scans 5-7 times
faster than the `regex` module. Every repetition is bounded or possessive, so that
hostile input (100k digits, 50k "$" signs) is scanned in linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from models import Amount, Qualifier
from pipeline.amounts import _currencies as cur
from pipeline.amounts.codes import is_currency_code
from pipeline.amounts.rules import (
    _NUM,
    _PERCENT,
    _SP,
    _SP1,
    _Cand,
    _carry_over,
    _Cur,
    _mark_equivalents,
    _number,
    _same,
    _share_lists,
    _vs_columns,
)
from pipeline.errors import Errors, NewsclaimsError

__all__ = ["find_amounts", "parse_amount"]


def _alt(words: Iterable[str]) -> str:
    r"""A regex matching any of `words`, built as a trie so that the engine tries
    one branch per next character instead of every word at every position.
    Inner spaces match any run of whitespace; the longest word is preferred.

    >>> _alt(["mln", "million", "m"])
    'm(?:(?:illion|ln))?'
    >>> _alt(["more than", "over"])
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


_WORD_NUMBERS = [*cur.UNITS, *cur.TENS, "hundred", "thousand"]
_SCALE_WORDS = [w for w in cur.SCALES if len(w) > 1]  # single letters only attached
_UNIT_ALT = _alt([*cur.UNIT_WORDS, *(w for w in cur.CENT_WORDS if w not in ("c", "p", "¢"))])

_WNUM = rf"""(?:half[ \t]+an?|an?(?=[ \t]++(?:{_alt(_SCALE_WORDS)}|dollar|euro)\b)
    |(?:{_alt(_WORD_NUMBERS)})(?:(?:[ \t]++|-)(?:and[ \t]++)?(?:{_alt(_WORD_NUMBERS)})\b){{0,5}}+
      (?:[ \t]++and[ \t]++a[ \t]++half)?)\b"""
_TAIL_WORD = rf"(?:{_alt(cur.TENS)})(?:[ -](?:{_alt(cur.UNITS)}))?|{_alt(cur.UNITS)}"
# The patterns run on the lower-cased text (case-insensitive matching is several
# times slower); codes that only count in capitals ("USD", "RM") are checked
# against the original text when a match is read.
_SYMBOL_ALT = _alt(w.lower() for w in cur.SYMBOLS)
_CASED_ALT = _alt(w.lower() for w in [*cur.ISO_CODES, *cur.PREFIX_WORDS_CASED])
_PRE = rf"""(?:{_SYMBOL_ALT}
    |{_CASED_ALT}
    |(?:{_alt(cur.PREFIX_WORDS)})(?=[ \t\d]))"""
_SUF_CODES = rf"""(?:{_SYMBOL_ALT}|¢
    |(?:{_alt(w.lower() for w in [*cur.ISO_CODES, *cur.SUFFIX_WORDS_CASED])})(?![\w]))"""
_SUF_WORDS = rf"(?:(?:{_alt(cur.ADJECTIVES)}){_SP1})?(?:{_UNIT_ALT})\b"
_SUF = rf"(?:{_SUF_CODES}|{_SUF_WORDS})"


def _part(i: int) -> str:
    """One amount of a match: currency before, number, scale, currency after."""
    return rf"""(?>                                     # atomic: fail fast, never re-read
    (?:(?P<pre{i}>{_PRE})[ \t]{{0,2}}+)?              # $ US$ € Rmb EUR Rs. before the number
    (?>(?P<num{i}>{_NUM})|(?P<wn{i}>{_WNUM}))           # 1,250.5 | two | half a
    (?!{_SP}{_PERCENT})                                 # 60%, 25 percent are not money
    (?:(?P<sc{i}>{_alt(cur.SCALES)})\b                  # attached scale: 150bn, $5m, $10K
      |{_SP1}(?P<scs{i}>{_alt(_SCALE_WORDS)})\b)?       # spaced scale: 1.5 mln, 2,000 crore
    (?:(?P<suf{i}>p\b(?!\.m\b)|{_SUF})                 # attached: 10$, 20€, 50p (not 7p.m.)
      |[ \t]++(?P<sufs{i}>{_SUF})                        # spaced: 5 mln Australian dlrs, 5m USD
      |[ \t]*+\r?\n[ \t]*+(?P<sufw{i}>{_SUF_WORDS}))?     # wrapped: 20\nmln francs (not "7\nUSD")
    )"""


_QUALIFIERS: dict[str, Qualifier] = {
    **dict.fromkeys(
        ["more than", "over", "above", "topped", "topping", "exceeding", "in excess of",
         "upwards of"],
        "over",
    ),
    **dict.fromkeys(
        ["about", "around", "roughly", "nearly", "almost", "approximately", "approx.",
         "close to", "closer to", "some", "an estimated", "estimated", "circa", "~"],
        "approx",
    ),
    **dict.fromkeys(["at least", "no less than", "not less than", "a minimum of"], "at_least"),
    **dict.fromkeys(["under", "below", "less than", "lower than"], "under"),
    **dict.fromkeys(
        ["up to", "as much as", "no more than", "not more than", "at most", "a maximum of"],
        "at_most",
    ),
    "exactly": "exact",
}  # fmt: skip
_QUALIFIER_WORDS = [w for w in _QUALIFIERS if w != "~"]
_QUAL = rf"""(?:(?P<qual>(?P<between>between)|{_alt(_QUALIFIER_WORDS)}){_SP1}
      |(?P<tilde>~)[ \t]?+)"""

_MONEY = re.compile(
    rf"""
    (?<![\w.,$€£¥₹₩/-])                                 # not in a word, number or date
    {_QUAL}?                                            # over, about, between, ~
    {_part(1)}
    (?:(?P<sep>[ \t]*+[-–—][ \t]*+                      # $35-40 Billion, 5-7 billion yuan
        |{_SP1}to{_SP1}                                 # $7B to $23B
        |(?(between){_SP1}and{_SP1}|(?!)))              # between $5 and $7 billion
       {_part(2)}
      |[ \t]++(?:and[ \t]++)?+                          # cents after the main unit:
       (?P<tail>\d{{1,2}}+(?!\d)|{_TAIL_WORD})          # $20 and 43c, 20 dollars 43 cents
       (?:[ \t]*+(?P<tailunit>cents?|c|sens?|pence|p|kopiykas?)\b
         |(?=[ \t]*+\Z))                                # or the text ends there: US$3 and fourteen
    )?
    (?P<plus>\+(?!\d))?                                 # $50 Billion+
    (?(pre1)|(?(suf1)|(?(sufs1)|(?(sufw1)|(?(sc1)|(?(scs1)           # a currency or a scale
      |(?(pre2)|(?(suf2)|(?(sufs2)|(?(sufw2)|(?(sc2)|(?(scs2)|(?!)))))))))))))  # in a part
    """,
    re.VERBOSE,
)


# "from X to Y" and "rose X to Y" are two amounts, not a range.
_CHANGE_BEFORE = re.compile(
    r"""(?<!ranging\s)(?<!range\s)\b(from|by|up|down|rose|risen|rise|rises|rising|fell|fall
        |falls|fallen|falling|increased?|increasing|decreased?|decreasing|raised?|lowered?|cut
        |reduced?|boosted?|grew|grown|gained?|lost|dropped?|declined?|climbed?|jumped?|slipped?
        |widened?|narrowed?|added?|trimmed?|revised|changed?|shed|eased?|firmed|dipped|rallied
        |soared|plunged|tumbled|losing|gaining|adding|shedding)\s*+$""",
    re.VERBOSE,
)
# "won" the verb, "pounds" the weight, "the 2,000 mark".
_WON_OK = re.compile(r"\s*+(?:$|[.,;:)\]]|(?:per|to|against|vs|from|and|or|each|a\s+dollar)\b)")
_POUNDS_WEIGHT = re.compile(r"\s++(?:of|per)\b")
_SYMBOLS_FOLDED = {symbol.lower(): code for symbol, code in cur.SYMBOLS.items()}
_CONTEXT_CUES = {
    family: re.compile(rf"\b(?:{_alt(cues)})\b") for family, cues in cur.CONTEXT_CUES.items()
}


_Cues = list[tuple[int, str]]  # (offset, ISO code) of the country words in a text


@dataclass(slots=True)
class _Part:
    start: int
    end: int
    number: Decimal
    scale: int | None
    plain: bool  # digits without thousands separators (a shared scale may apply)
    currency: _Cur | None
    digits: str | None  # the number as written in digits, None for words
    letter_scale: bool  # "82B", "5m": a single-letter scale, money only with a currency


def find_amounts(text: str, *, default_dollar: str = "USD") -> list[Amount]:
    """Find every money amount in `text`, in text order.

    text (str): The text to scan (a whole article is fine); offsets point into it.
    default_dollar (str): The ISO code a bare "$" or "dollars" stands for.
    RETURNS (list[Amount]): The amounts found, possibly empty.
    """
    if not is_currency_code(default_dollar):
        raise NewsclaimsError(Errors.E001.format(code=default_dollar))
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two ("İ"): keep offsets
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    cands: list[_Cand] = []
    for m in _MONEY.finditer(low):
        cands.extend(_read_match(m, text, low))
    cands = _share_lists(cands, low)
    cands = _carry_over(cands, low)
    cands = _vs_columns(cands, low)
    _mark_equivalents(cands, low)
    return _to_amounts(cands, text, low, default_dollar)


def parse_amount(text: str, *, default_dollar: str = "USD") -> Amount | None:
    """Parse the first money amount in `text`.

    text (str): A short text holding one amount ("over 200 billion yuan").
    default_dollar (str): The ISO code a bare "$" or "dollars" stands for.
    RETURNS (Amount | None): The first amount, or None when there is none.
    """
    found = find_amounts(text, default_dollar=default_dollar)
    return found[0] if found else None


def _read_match(m: re.Match[str], text: str, low: str) -> list[_Cand]:
    """Turn one `_MONEY` match into zero, one or two candidate amounts."""
    p1 = _read_part(m, 1, text, low)
    if p1 is None:
        return []
    qual_text = m["qual"] or m["tilde"] or ""
    qual_text = " ".join(qual_text.split())
    start = m.start()
    qualifier: Qualifier = _QUALIFIERS.get(qual_text, "exact")
    if m["plus"]:
        qualifier = "over"
    p2 = _read_part(m, 2, text, low) if m["sep"] is not None else None
    if p2 is not None:
        return _read_range(m, p1, p2, qualifier, low)
    if p1.currency is None and (p1.scale is None or p1.letter_scale):
        return []  # "2.5 mln" may still be money (see _carry_over); "Series 82B" is not
    end = p1.end
    value = p1.number * (Decimal(10) ** (p1.scale or 0))
    tail = m["tail"]
    if tail is not None and p1.currency is not None and p1.scale is None and not p1.currency.minor:
        cents = _number(tail)
        if cents is not None and cents < 100:
            value += cents / 100
            end = m.end("tail")
            if m["tailunit"]:
                end = m.end("tailunit")
    if m["plus"] and p1.end == m.start("plus"):
        end = m.end("plus")
    if p1.currency is not None and p1.currency.minor:
        value /= 100
    if m["between"]:
        return []  # "between $5" without its other end
    return [_Cand(start, end, value, None, None, p1.currency, qualifier, p1.scale)]


def _read_range(
    m: re.Match[str], p1: _Part, p2: _Part, qualifier: Qualifier, text: str
) -> list[_Cand]:
    """A range ("$35-40 Billion"), or two amounts where the text reads so ("from X to Y")."""
    currency1 = p1.currency or p2.currency
    currency2 = p2.currency or p1.currency
    scale1, scale2 = p1.scale, p2.scale
    # The scale of one end applies to the other when that reads naturally:
    # "$5 to $7 billion", but not "$500,000 to $2 million".
    if scale1 is None and scale2 is not None and p1.plain and p1.number < p2.number:
        scale1 = scale2
    elif scale2 is None and scale1 is not None and p2.plain and p2.number > p1.number:
        scale2 = scale1
    low = p1.number * (Decimal(10) ** (scale1 or 0))
    high = p2.number * (Decimal(10) ** (scale2 or 0))
    if currency1 is not None and currency1.minor:
        low /= 100
    if currency2 is not None and currency2.minor:
        high /= 100
    sep = m["sep"].strip().lower()
    if currency1 is None and (p1.letter_scale or p2.letter_scale):
        return []
    if sep not in ("to", "and"):
        if text[p2.end : p2.end + 1] == "/":  # "SFR 3-11/16": a fraction in a rate table
            return []
        if _is_quote_pair(p1, p2):  # "skr 23.86-91": 23.86 to 23.91 in a rate table
            return [_Cand(m.start(), p1.end, low, None, None, currency1, qualifier, scale1)]
    if sep != m["sep"] and sep not in ("to", "and") and p1.currency is None and p1.scale is None:
        # "OSLO, March 3 - 5 mln crowns": a spaced dash after a bare number is no range.
        return [_Cand(p2.start, p2.end, high, None, None, currency2, "exact", scale2)]
    before = text[max(0, m.start() - 30) : m.start()]
    change = _CHANGE_BEFORE.search(before) if sep == "to" else None
    # "rose from 5 to 7 mln dlrs" and "rose 5 mln dlrs to 7 mln dlrs" are two amounts;
    # "rose three to four billion dlrs" is a range (of the change), "rose 200 to 1440
    # yen" a change and the level it reached.
    is_change = change is not None and (
        change[1] == "from" or bool(p1.scale or p1.currency) or p2.number > 3 * p1.number
    )
    # "gained 10p to 660": a price after a change, not a range.
    bare2 = p2.currency is None and p2.scale is None
    is_change = is_change or (sep == "to" and bare2 and p1.currency is not None)
    same_currency = currency1 is None or currency2 is None or _same(currency1, currency2)
    if m["between"] and low > high:
        low, high = high, low
    if m["between"] or (not is_change and low <= high and same_currency):
        end = m.end("plus") if m["plus"] else p2.end
        return [_Cand(m.start(), end, None, low, high, currency1, "range", scale2 or scale1)]
    first = _Cand(m.start(), p1.end, low, None, None, currency1, qualifier, scale1)
    if p2.currency is None and p2.scale is None:
        return [first]  # "gained 10p to 660": the share price is not written as money
    second = _Cand(p2.start, p2.end, high, None, None, currency2, "exact", scale2)
    return [first, second]


def _is_quote_pair(p1: _Part, p2: _Part) -> bool:
    """A rate quote "23.86-91" (bid 23.86, offer 23.91), not a range.

    >>> part = lambda digits: _Part(0, 0, Decimal(digits), None, True, None, digits, False)
    >>> _is_quote_pair(part("23.86"), part("91")), _is_quote_pair(part("1.5"), part("2"))
    (True, False)
    """
    if p1.digits is None or p2.digits is None or p1.scale or p2.scale or "." in p2.digits:
        return False
    decimals = p1.digits.partition(".")[2]
    return len(decimals) >= 2 and 2 <= len(p2.digits) <= len(decimals)


_PART_GROUPS = {
    i: (f"pre{i}", f"num{i}", f"wn{i}", f"sc{i}", f"scs{i}", f"suf{i}", f"sufs{i}", f"sufw{i}")
    for i in (1, 2)
}


def _read_part(m: re.Match[str], i: int, text: str, low: str) -> _Part | None:
    """Read the number, scale and currency of part `i` of a match, or None if not money."""
    pre_g, num_g, wn_g, sc_g, scs_g, suf_g, sufs_g, sufw_g = _PART_GROUPS[i]
    num_text, word_text = m[num_g], m[wn_g]
    if num_text is None and word_text is None:
        return None
    number = _number(num_text if num_text is not None else word_text)
    if number is None:
        return None
    sc_name = sc_g if m[sc_g] is not None else scs_g
    suf_name = next((g for g in (suf_g, sufs_g) if m[g] is not None), sufw_g)
    scale_text = m[sc_name]
    scale = cur.SCALES.get(" ".join(scale_text.split())) if scale_text else None
    currency = None
    pre, suf = m[pre_g], m[suf_name]
    number_start, number_end = m.span(num_g if num_text is not None else wn_g)
    start = number_start
    if pre is not None:
        start, pre_end = m.span(pre_g)
        currency = _read_currency(text[start:pre_end].strip())
    end = max(number_end, m.end(sc_name))
    if suf is not None:
        suf_start, suf_end = m.span(suf_name)
        if currency is None:
            currency = _read_currency(text[suf_start:suf_end])
        if _suffix_ok(suf, suf_end, num_text, scale, low):
            end = suf_end
        elif pre is None:
            currency = None
    is_article = word_text is not None and word_text in ("a", "an")
    if is_article and scale is None:
        family = currency.family if currency is not None else None
        if family not in ("dollar", "euro") or (currency is not None and currency.minor):
            return None
    plain = num_text is None or "," not in num_text
    letter_scale = scale_text is not None and len(scale_text) == 1
    return _Part(start, end, number, scale, plain, currency, num_text, letter_scale)


_MARK_BEFORE_NOUN = re.compile(
    r"\s+(?!(?:in|of|for|on|at|by|and|or|to|with|from|as|level|barrier|threshold)\b)[a-z][a-z-]+"
)


def _suffix_ok(suf: str, end: int, num_text: str | None, scale: int | None, text: str) -> bool:
    """Refuse unit words that are not money here: won (verb), pounds (weight), mark, 1080p."""
    word = " ".join(suf.split())
    if word == "won":
        return scale is not None or _WON_OK.match(text, end) is not None
    if word in ("pounds", "pound"):
        return _POUNDS_WEIGHT.match(text, end) is None
    if word == "mark":
        # "the 2,000 mark" is a level; "a 400 mln mark contract" is money (wire style,
        # like "a 114 mln dlr credit"): a scale and a noun after it
        return scale is not None and _MARK_BEFORE_NOUN.match(text, end) is not None
    if word == "p":
        return scale is None and num_text is not None and len(num_text.split(".")[0]) <= 2
    return True


def _read_currency(written: str) -> _Cur | None:
    """Map a written currency (symbol, code, word, adjective + word) to a `_Cur`.

    >>> _read_currency("Australian dlrs")
    _Cur(code='AUD', family='dollar', minor=False)
    >>> _read_currency("francs")
    _Cur(code=None, family='franc', minor=False)
    """
    text = " ".join(written.split())
    code = cur.SYMBOLS.get(text) or _SYMBOLS_FOLDED.get(text.lower())
    if code is not None:
        return _Cur(code, "dollar" if code == cur.DEFAULT_DOLLAR else None)
    if text == "¢":
        return _Cur(None, "dollar", minor=True)
    if text in cur.ISO_CODES:
        return _Cur(cur.ISO_ALIASES.get(text, text), None)
    cased = cur.PREFIX_WORDS_CASED.get(text) or cur.SUFFIX_WORDS_CASED.get(text)
    if cased:
        return _Cur(cased, None)
    low = text.lower()
    if low in cur.PREFIX_WORDS:
        return _Cur(cur.PREFIX_WORDS[low], None)
    return _read_unit_word(low)


def _read_unit_word(low: str) -> _Cur | None:
    """Read "dlrs", "Australian dlrs", "Swiss francs", "cts" (lower case, single-spaced)."""
    adjective = None
    if low not in cur.UNIT_WORDS and " " in low:
        adjective, low = low.rsplit(" ", 1)
        if adjective not in cur.ADJECTIVES:
            return None
    minor = low in cur.CENT_WORDS and low not in cur.UNIT_WORDS
    family = cur.CENT_WORDS[low] if minor else cur.UNIT_WORDS.get(low)
    if family is None:
        return None
    if adjective is not None and family in cur.ADJECTIVES[adjective]:
        return _Cur(cur.ADJECTIVES[adjective][family], family, minor)
    if family in cur.CONTEXT_CUES:
        return _Cur(None, family, minor)
    return _Cur(cur.FAMILY_DEFAULTS.get(family), family, minor)


def _resolve(
    currency: _Cur | None, start: int, text: str, default_dollar: str, cues: dict[str, _Cues]
) -> str | None:
    """The ISO code of a read currency: default dollar, or a country named in the text."""
    if currency is None:
        return None
    if currency.code == cur.DEFAULT_DOLLAR:
        return default_dollar
    if currency.code is not None:
        return currency.code
    family = currency.family or ""
    if family == "dollar":
        return default_dollar
    if family in _CONTEXT_CUES:
        if family not in cues:  # found once per text, only when the family occurs
            found = _CONTEXT_CUES[family].finditer(text)
            table = cur.CONTEXT_CUES[family]
            cues[family] = [(m.start(), table[" ".join(m[0].lower().split())]) for m in found]
        positions = cues[family]
        if positions:
            i = bisect_left(positions, (start, ""))
            return positions[i - 1][1] if i > 0 else positions[0][1]
    return cur.FAMILY_DEFAULTS.get(family)


def _to_amounts(cands: list[_Cand], text: str, low: str, default_dollar: str) -> list[Amount]:
    """Build the `Amount` models; a bare "dlrs" restating an explicit dollar takes its code."""
    cues: dict[str, _Cues] = {}
    codes = [_resolve(c.currency, c.start, low, default_dollar, cues) for c in cands]
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
