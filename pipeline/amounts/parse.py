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
from dataclasses import dataclass
from decimal import Decimal

from models import Amount, Qualifier
from pipeline.amounts import _currencies as cur
from pipeline.amounts.codes import is_currency_code
from pipeline.amounts.currency import alt, read_currency, to_amounts
from pipeline.amounts.rules import (
    _GROUP_SPACE,
    _NUM,
    _NUM_SPACED,
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


_WORD_NUMBERS = [*cur.UNITS, *cur.TENS, "hundred", "thousand"]
# Single letters and "mm" only attached ("$5m", "$3MM"): spaced, they are metres.
_SCALE_WORDS = [w for w in cur.SCALES if len(w) > 1 and w not in cur.LETTER_SCALES]
_BIG_SCALES = ["thousand", "million", "billion", "trillion"]
_CENTS = [w for w in cur.CENT_WORDS if w not in ("c", "p", "¢")]
_BARE_UNITS = [w for w in cur.ALL_UNIT_WORDS if w not in cur.NEED_ADJECTIVE or w in cur.UNIT_WORDS]

_NUMBER_WORD = alt(_WORD_NUMBERS)
_WNUM_RUN = rf"(?:{_NUMBER_WORD})(?:(?:[ \t]++|-)(?:and[ \t]++)?(?:{_NUMBER_WORD})\b){{0,5}}+"
# A compound keeps its leading "one billion" ("one billion two hundred million").
_WNUM = rf"""(?:half[ \t]+an?|an?(?=[ \t]++(?:{alt(_SCALE_WORDS)}|dollar|euro)\b)
    |{_WNUM_RUN}(?:[ \t]++(?:{alt(_BIG_SCALES[1:])})[ \t]++{_WNUM_RUN})?
      (?:[ \t]++and[ \t]++a[ \t]++half)?)\b"""
_TAIL_WORD = rf"(?:{alt(cur.TENS)})(?:[ -](?:{alt(cur.UNITS)}))?|{alt(cur.UNITS)}"
# The patterns run on the lower-cased text (case-insensitive matching is several
# times slower); codes that only count in capitals ("USD", "RM") are checked
# against the original text when a match is read.
_SYMBOL_ALT = alt(w.lower() for w in [*cur.ALL_SYMBOLS, *cur.ALL_SHARED_SYMBOLS])
_CASED_ALT = alt(w.lower() for w in [*cur.ISO_CODES, *cur.PREFIX_WORDS_CASED, *cur.SHARED_CASED])
_PRE = rf"""(?:(?:{_SYMBOL_ALT})(?![a-z])                       # not "Kr|one" of "Krone"
    |(?:{alt(cur.SPACED_DOLLAR_PREFIXES)})[ \t]\$                 # c $ 16.4, hk $ 10 (tokenised)
    |{_CASED_ALT}
    |(?:{alt(cur.PREFIX_WORDS)})(?=[ \t\d]))"""
_SUF_CODES = rf"""(?:(?:{_SYMBOL_ALT})(?![a-z])|¢
    |(?:{alt(w.lower() for w in [*cur.ISO_CODES, *cur.SUFFIX_WORDS_CASED, *cur.ISO_UNITS])})
     (?![\w]))"""
_SUF_WORDS = rf"""(?:(?:{alt(cur.ALL_ADJECTIVES)})(?:{_SP1}|-)      # Australian dlrs, Canadian-dlr
      (?:{alt([*cur.ALL_UNIT_WORDS, *_CENTS])})
    |(?:{alt([*_BARE_UNITS, *_CENTS])}))\b"""
_SUF = rf"(?:{_SUF_CODES}|{_SUF_WORDS})"


def _part(i: int) -> str:
    """One amount of a match: currency before, number, scale, currency after."""
    return rf"""(?>                                     # atomic: fail fast, never re-read
    (?:(?P<pre{i}>{_PRE})[ \t]{{0,2}}+)?              # $ US$ € Rmb EUR Rs. before the number
    (?>(?P<num{i}>(?(pre{i}){_NUM_SPACED}|(?!))|{_NUM})  # $12 500 (not the date of "May 7 500")
      |(?P<wn{i}>{_WNUM}))                              # 1,250.5 | two | half a
    (?!{_SP}{_PERCENT})                                 # 60%, 25 percent are not money
    (?:(?P<sc{i}>{alt(cur.SCALES)})\b                  # attached scale: 150bn, $5m, $3MM
      |(?:{_SP1}|-)(?P<scs{i}>{alt(_SCALE_WORDS)})\b)? # spaced scale: 1.5 mln, $2.5-billion
    (?:(?P<sep{i}>[ \t]++                               # spaced: 5 mln Australian dlrs, 5m USD
        |-(?=[a-z])                                     # hyphenated: 50-million-euro
        |[ \t]*+\r?\n[ \t]*+(?=[a-z]))?+                 # wrapped: 20 mln\nfrancs
       (?P<suf{i}>(?(sep{i})(?!)|p\b(?!\.m\b))|{_SUF}))?  # attached: 10$, 20€, 50p (not 7p.m.)
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
_QUAL = rf"""(?:(?P<qual>(?P<between>between)|{alt(_QUALIFIER_WORDS)}){_SP1}
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
    (?(pre1)|(?(suf1)|(?(sc1)|(?(scs1)                  # a currency or a scale in a part
      |(?(pre2)|(?(suf2)|(?(sc2)|(?(scs2)|(?!)))))))))
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
    pos = 0
    while (m := _MONEY.search(low, pos)) is not None:
        resume = _cut_short(m, low)
        if resume is None:
            cands.extend(_read_match(m, text, low))
            pos = m.end()
        else:
            pos = resume
    cands = _share_lists(cands, low)
    cands = _carry_over(cands, low)
    cands = _vs_columns(cands, low)
    _mark_equivalents(cands, low)
    return to_amounts(cands, text, low, default_dollar)


def parse_amount(text: str, *, default_dollar: str = "USD") -> Amount | None:
    """Parse the first money amount in `text`.

    text (str): A short text holding one amount ("over 200 billion yuan").
    default_dollar (str): The ISO code a bare "$" or "dollars" stands for.
    RETURNS (Amount | None): The first amount, or None when there is none.
    """
    found = find_amounts(text, default_dollar=default_dollar)
    return found[0] if found else None


# All or nothing: the number expression goes on past the end of a match
# ("$2.5" of "$2.5-billion", "$3" of "$3MMX", "€ 3" of "€ 3,5,0") ...
_GOES_ON_AFTER_DIGIT = re.compile(
    rf"""(?:[.,]\d                                     # a decimal or a group not read
      |{_GROUP_SPACE}\d{{3}}(?!\d)                      # a space-grouped thousand not read
      |[a-z\d]                                          # unit letters: 3mmx, 5bnq
      |-?(?:{alt(_SCALE_WORDS)}|{alt(cur.ISO_UNITS)})\b  # a scale not read
      |-(?:{alt(_BARE_UNITS)})\b)                      # a currency word not read
    """,
    re.VERBOSE,
)
_GOES_ON_AFTER_WORD = re.compile(
    rf"-(?:{alt(_SCALE_WORDS)}|{alt(_BARE_UNITS)}|{alt(_WORD_NUMBERS)})\b"
)
_NUMBER_AFTER_SYMBOL = re.compile(r"[ \t]*+\d")  # "Three $ 200": the $ is 200's
# ... or began before its start ("500 million" of "12 500 million", "two hundred
# million" of "one billion two hundred million").
_DIGITS_GO_ON_BEFORE = re.compile(rf"(?<![\d.,])\d{{1,3}}{_GROUP_SPACE}\Z")  # 12 |500 mln
_DATE_BEFORE = re.compile(  # "March 18 500 mln dlrs": a date, not "18 500"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*+\.?[ \t]++"
    r"\d{1,2}(?:-\d{1,2})?\s\Z"
)
_THREE_DIGITS = re.compile(r"\d{3}(?![\d.,])")
_WORDS_GO_ON_BEFORE = re.compile(  # one billion |two hundred million, one point |three
    rf"\b(?:{alt([*_WORD_NUMBERS, *_BIG_SCALES])})[ \t-]++(?:and[ \t]++)?\Z|\bpoint[ \t]++\Z"
)


def _cut_short(m: re.Match[str], low: str) -> int | None:
    """None when match `m` holds its whole number expression, else where to search on.

    A match the text continues is never read: the value would stop short of the
    text ("$2.5" for "$2.5-billion"). When it ends in a symbol that belongs to
    the number after it ("Three $ 200"), the search goes on at that symbol.

    >>> probe = lambda text: _cut_short(_MONEY.search(text), text)
    >>> probe("it paid $3 for it"), probe("three $ 200 vouchers"), probe("$5.5,5")
    (None, 6, 4)
    """
    end = m.end()
    last = low[end - 1]
    if last.isdigit():
        if _GOES_ON_AFTER_DIGIT.match(low, end):
            return end
    elif last.isalpha():
        if _GOES_ON_AFTER_WORD.match(low, end):
            return end
    elif _NUMBER_AFTER_SYMBOL.match(low, end):
        for name in ("suf2", "suf1"):
            if m[name] is not None and m.end(name) == end:
                return m.start(name)
        return end
    start = m.start()
    if _THREE_DIGITS.match(low, start):
        before: re.Pattern[str] | None = _DIGITS_GO_ON_BEFORE
    else:
        before = _WORDS_GO_ON_BEFORE if low[start].isalpha() else None
    if before is not None and before.search(low, max(0, start - 30), start):
        if before is _WORDS_GO_ON_BEFORE or not _DATE_BEFORE.search(low, max(0, start - 20), start):
            return end
    return None


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
    if _is_year(p1) and p2.scale is not None and sep != "-":
        # "from 1.7 billion bolivars in 1985 to 3.9 billion bolivars": a year, not an end
        return [_Cand(p2.start, p2.end, high, None, None, currency2, "exact", scale2)]
    if sep not in ("to", "and"):
        if text[p2.end : p2.end + 1] == "/":  # "SFR 3-11/16": a fraction in a rate table
            return []
        if _is_quote_pair(p1, p2):  # "skr 23.86-91": 23.86 to 23.91 in a rate table
            if p1.currency is None:
                return []  # "bfr 4.0101-0180  austral": the word names the next rate
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


def _is_year(part: _Part) -> bool:
    """A bare four-digit year ("1985"), not the low end of a range.

    >>> _is_year(_Part(0, 4, Decimal(1985), None, True, None, "1985", False))
    True
    """
    return (
        part.currency is None
        and part.scale is None
        and part.digits is not None
        and len(part.digits) == 4
        and 1900 <= part.number <= 2099
    )


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
    i: tuple(f"{g}{i}" for g in ("pre", "num", "wn", "sc", "scs", "sep", "suf")) for i in (1, 2)
}


def _read_part(m: re.Match[str], i: int, text: str, low: str) -> _Part | None:
    """Read the number, scale and currency of part `i` of a match, or None if not money."""
    pre_g, num_g, wn_g, sc_g, scs_g, sep_g, suf_name = _PART_GROUPS[i]
    num_text, word_text = m[num_g], m[wn_g]
    if num_text is None and word_text is None:
        return None
    number = _number(num_text if num_text is not None else word_text)
    if number is None:
        return None
    sc_name = sc_g if m[sc_g] is not None else scs_g
    scale_text = m[sc_name]
    scale = cur.SCALES.get(" ".join(scale_text.split())) if scale_text else None
    currency = None
    pre = m[pre_g]
    number_start, number_end = m.span(num_g if num_text is not None else wn_g)
    start = number_start
    if pre is not None:
        start, pre_end = m.span(pre_g)
        currency = read_currency(text[start:pre_end].strip(), text, start)
    end = max(number_end, m.end(sc_name))
    if m[suf_name] is not None:
        read = _read_suffix(m, i, text, low, currency, scale)
        if read is None:
            return None
        currency, scale, suf_end = read
        end = suf_end if suf_end is not None else end
    if word_text is not None:
        compound = _compound(word_text, number, scale)
        if compound is None:
            return None
        number, scale = compound
    if _DECIMAL_COMMA.fullmatch(num_text or "") and scale is None:
        if currency is None or currency.code != "EUR":
            return None  # "514,00 dlrs" (514,000 mistyped?) or 514.00: neither is sure
    if word_text in ("a", "an") and scale is None:
        family = currency.family if currency is not None else None
        if family not in ("dollar", "euro") or (currency is not None and currency.minor):
            return None
    plain = num_text is None or "," not in num_text
    letter_scale = scale_text is not None and scale_text in cur.LETTER_SCALES
    return _Part(start, end, number, scale, plain, currency, num_text, letter_scale)


def _read_suffix(
    m: re.Match[str], i: int, text: str, low: str, currency: _Cur | None, scale: int | None
) -> tuple[_Cur | None, int | None, int | None] | None:
    """The currency, scale and end a part's suffix gives, or None when it voids the part.

    Returns the end only when the suffix belongs to the amount ("5 mln dlrs", not the
    "won" of "the team won").
    """
    _, num_g, wn_g, _, _, sep_g, suf_name = _PART_GROUPS[i]
    suf = m[suf_name]
    suf_start, suf_end = m.span(suf_name)
    sep = m[sep_g] or ""
    if sep.strip(" \t") and not _SUF_WORDS_ONLY.fullmatch(low, suf_start, suf_end):
        return None  # "7\nUSD", "5-USD": a code starts the next line or word
    if "\n" in sep and sep[-1] in " \t" and _NUMBER_NEXT.match(low, suf_end):
        return None  # an indented table row: "APRIL 7\n  STG 1.6190"
    if sep and scale is None and _RATE_NEXT.match(low, suf_end):
        return None  # a rate table: "bfr 3.9974-4.0106\naustral 0.9875"
    if sep == "-" and (suf.lower() in cur.CENT_WORDS or m[wn_g] in ("a", "an")):
        return None  # "a two-pence cut in the tax rate", "a billion-dollar deal": no sums
    unit = cur.ISO_UNITS.get(text[suf_start:suf_end])  # "40 MEUR"
    if unit is not None:
        if scale is None and currency is None:
            return _Cur(unit[0], None), unit[1], suf_end
        return currency, scale, None
    suf_currency = read_currency(text[suf_start:suf_end], text, suf_start)
    if suf_currency is not None and _suffix_ok(suf, suf_end, m[num_g], scale, low, sep == "-"):
        return currency or suf_currency, scale, suf_end
    return (None if m[_PART_GROUPS[i][0]] is None else currency), scale, None


def _compound(
    words_text: str, number: Decimal, scale: int | None
) -> tuple[Decimal, int | None] | None:
    """Add the leading billions of "one billion two hundred million" (value, scale).

    None for "one billion one-dlr (shares)", where the second number is no part of the
    first; the number and scale unchanged when there is no compound.

    >>> _compound("one billion two hundred", Decimal(200), 6)
    (Decimal('1200000000'), None)
    >>> _compound("one billion one", Decimal(1), None) is None
    True
    """
    words = words_text.split()
    cut = next((k for k, word in enumerate(words) if word in _BIG_SCALES[1:]), None)
    if cut is None:
        return number, scale
    big_value = _number(" ".join(words[:cut]))
    big_power = cur.SCALES[words[cut]]
    rest = _number(" ".join(words[cut + 1 :])) or Decimal(0)
    rest_ok = scale < big_power if scale is not None else 1000 <= rest < 10**big_power
    if big_value is None or not rest_ok:
        return None
    return big_value * Decimal(10) ** big_power + rest * Decimal(10) ** (scale or 0), None


_SUF_WORDS_ONLY = re.compile(_SUF_WORDS, re.VERBOSE)
_NUMBER_NEXT = re.compile(r"[ \t]*+\d")
_RATE_NEXT = re.compile(r"\s++\d++\.\d{3}")
_DECIMAL_COMMA = re.compile(r"\d++,\d{1,2}")  # "3,5 Mrd.", "€ 1,25": sure with a scale or €
_MARK_BEFORE_NOUN = re.compile(
    r"\s+(?!(?:in|of|for|on|at|by|and|or|to|with|from|as|level|barrier|threshold)\b)[a-z][a-z-]+"
)


def _suffix_ok(
    suf: str, end: int, num_text: str | None, scale: int | None, text: str, hyphenated: bool
) -> bool:
    """Refuse unit words that are not money here: won (verb), pounds (weight), mark, 1080p."""
    word = " ".join(suf.split())
    if hyphenated and word in ("pound", "pounds"):
        return False  # "a 100-pound bag"
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
