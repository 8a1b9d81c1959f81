"""Names: the name a token stands for, and what can never be a name.

A name is a complete mention as written ("Aero Air" when the tagger saw only "Air"),
without titles, quotes or possessives; numbers, units, titles, capitalised headline words
and generic nouns are never names. Leaf module: tokens and strings in, names out.
"""

from __future__ import annotations

from typing import NamedTuple

import regex
from spacy.tokens import Span, Token

from models import Subject
from pipeline.link import lexicon as lx
from pipeline.link import thresholds
from pipeline.link.lexicon import (
    CENTRAL_BANKS,
    CORP_SUFFIXES,
    ORG_ANAPHORS,
    OUTLET_WORDS,
    OUTLETS,
    PERSON_PRONOUNS,
    TITLES,
)


def strip_name(name: str) -> str:
    """A name without quotes, possessive or leading titles.

    >>> strip_name("Vice Chair Brad Smith's")
    'Brad Smith'
    >>> strip_name("Alphabet's Google"), strip_name("Seguin's ministry")
    ('Google', "Seguin's ministry")
    """
    name = name.strip(" <>\"'“”‘’,.")
    for suffix in ("'s", "’s"):
        name = name.removesuffix(suffix)
    owner_and_name = regex.match(r"^.+?['’]s\s+(\p{Lu}.*)$", name)
    if owner_and_name:
        name = owner_and_name[1]  # "Alphabet's Google": the name is Google
    words = name.split()
    while len(words) > 1 and words[0].lower().strip(".") in TITLES:
        words.pop(0)
    return " ".join(words)


def is_outlet_name(name: str) -> bool:
    low = name.lower().strip()
    if low in OUTLETS or low.removeprefix("the ") in OUTLETS:
        return True
    return bool(set(low.split()) & OUTLET_WORDS) and low not in ("the company",)


def is_generic_noun(name: str) -> bool:
    """Whether a name is only common nouns: no capital letter and no digit in any word.

    >>> is_generic_noun("venture"), is_generic_noun("the ministry"), is_generic_noun("Airbus")
    (True, True, False)
    """
    words = name.split()
    return bool(words) and not any(c.isupper() or c.isdigit() for c in name)


# Capitalised words that are never a spender's name on their own: number and scale
# words, months and days, units and wire abbreviations (results tables: "Shr", "Qtr").
_NEVER_NAMES = frozenset(
    """
    billion million trillion thousand hundred mln bln pct percent cts dlrs dlr
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday spring summer autumn fall winter
    shr shrs qtr qtrs net revs rev avg oper mths year years today yesterday
    """.split()
)


def is_junk_name(name: str, text: str) -> bool:
    """Whether a capitalised string cannot name a spender: a number, a unit, a month, a
    single letter, markup, or a capitalised headline word that the text writes in lower
    case elsewhere ("Deficit" from "RECORD DEFICIT BUDGET" beside "deficit budget").

    >>> is_junk_name("Billion", ""), is_junk_name("77 million", ""), is_junk_name("S", "")
    (True, True, True)
    >>> is_junk_name("Deficit", "A RECORD DEFICIT BUDGET. The deficit budget ...")
    True
    >>> is_junk_name("Airbus", "Airbus said ..."), is_junk_name("GE", "")
    (False, False)
    """
    words = name.split()
    if not words or len(name.strip(".")) < 2 or name[0].isdigit():
        return True
    if "](" in name or "http" in name.lower() or "[" in name:
        return True
    if all(w.lower().strip(".,") in _NEVER_NAMES | TITLES for w in words):
        return True  # "Billion", "Mr", "President": a unit or a title without its name
    if len(words) == 1 and name[0].isupper():
        word = regex.compile(rf"(?<![\p{{L}}-]){regex.escape(name)}(?![\p{{L}}-])", regex.I)
        uses = list(word.finditer(text))
        lower = sum(1 for m in uses if m[0].islower())
        if lower > 0 and lower >= len(uses) - lower:
            return True
        # "New" of "New York" and "New Jersey": a word that (nearly) always runs on into
        # another capitalised word is a fragment of longer names
        cased = [m for m in uses if not m[0].islower()]
        joined = sum(1 for m in cased if _NEXT_CAPITAL_RE.match(text, m.end()))
        return len(cased) >= 2 and joined >= thresholds.FRAGMENT_SHARE * len(cased)
    return False


_NEXT_CAPITAL_RE = regex.compile(r"[ \t-]?\p{Lu}")


def short_key(name: str) -> str:
    words = [w for w in name.lower().split() if not is_corp_suffix(w)]
    return " ".join(words[:2]) if words else name.lower()


def unique_subjects(subjects: list[Subject]) -> list[Subject]:
    seen: set[str] = set()
    out = []
    for s in subjects:
        key = s.name.lower()
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


class NameRef(NamedTuple):
    """A name read off the parse, or an anaphor to resolve ("it", "the company")."""

    text: str
    start: int  # character offsets into the parsed text
    end: int
    anaphor: str | None  # "org", "person" or None


def name_of(token: Token) -> NameRef:
    """The name a token stands for: its entity, or its compound phrase, or an anaphor."""
    low = token.lower_
    if low in ("it", "its", "they", "their", "them", "we", "our"):
        return NameRef(token.text, token.idx, token.idx + len(token), "org")
    if low in PERSON_PRONOUNS:
        return NameRef(token.text, token.idx, token.idx + len(token), "person")
    if token.ent_type_ in lx.NAME_ENTS:
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if ent is not None:
            return _clean_name(_complete_entity(ent))
    if low in ORG_ANAPHORS and any(
        c.lower_ in ("the", "this", "that", "its", "their")
        for c in token.children
        if c.dep_ in ("det", "poss")
    ):
        # "the company", "its parent company": an organisation named before
        return NameRef(token.text, token.idx, token.idx + len(token), "org")
    left = token.i
    j = token.i - 1
    while j >= 0 and _modifies_name(token.doc[j], token):
        left = j
        j -= 1
    left_tokens = list(token.doc[left : token.i + 1])
    while len(left_tokens) > 1 and left_tokens[0].lower_ in lx.DETERMINERS:
        left_tokens.pop(0)
    span = token.doc[left_tokens[0].i : token.i + 1]
    return _clean_name(span)


def _complete_entity(ent: Span) -> Span:
    """An entity with the proper nouns the tagger left out of it but the parse joins to it
    ("Aero Air" when only "Air" was tagged): a name is a complete mention."""
    start = ent.start
    doc = ent.doc
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].dep_ in ("compound", "flat")
        and ent.start <= doc[start - 1].head.i < ent.end
    ):
        start -= 1
    return doc[start : ent.end]


_NAME_MODS = frozenset(("compound", "amod", "nmod", "poss", "case", "flat", "punct"))


def _modifies_name(tok: Token, head: Token) -> bool:
    """Whether `tok` is part of the name phrase headed by `head` (a compound chain)."""
    if tok.is_space or tok.dep_ not in _NAME_MODS or tok.text in (",", "-", "(", ")"):
        return False
    node = tok
    for _ in range(4):
        if node.head == head:
            return True
        if node.head == node or node.head.dep_ not in _NAME_MODS:
            return False
        node = node.head
    return False


def _clean_name(span: Span) -> NameRef:
    tokens = list(span)
    while tokens and (
        tokens[0].lower_ in lx.DETERMINERS or tokens[0].is_space or not tokens[0].text.strip("<>'’")
    ):
        tokens.pop(0)
    while tokens and (
        tokens[-1].text in ("'s", "’s", ">", "'", "’")
        or tokens[-1].is_punct
        or tokens[-1].is_space
        or tokens[-1].lower_ in ("and", "&", "or")  # "Sequoia Capital and" (tagger's span)
    ):
        tokens.pop()
    if not tokens:
        return NameRef(span.text, span.start_char, span.end_char, None)
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    text = " ".join(span.doc.text[start:end].strip("<> ").split())
    if f"the {text.lower()}" in OUTLETS and start >= 4:
        before = span.doc.text[start - 4 : start]
        if before.lower() == "the ":
            text, start = before + text, start - 4  # "The Information", "The Decoder"
    return NameRef(text, start, end, None)


def is_corp_suffix(word: str) -> bool:
    """Whether `word` is a corporate suffix such as "Inc" or "Ltd".

    >>> is_corp_suffix("Ltd."), is_corp_suffix("Steel")
    (True, False)
    """
    return word.lower().strip(".") in CORP_SUFFIXES


def is_outlet_token(token: Token) -> bool:
    name = name_of(token).text.lower()
    return name in OUTLETS or f"the {name}" in OUTLETS or token.lower_ in OUTLET_WORDS


def is_suffix_conjunct(token: Token) -> bool:
    """ "Co Inc" in "Merck and Co Inc" is the rest of one name, not a second one."""
    return is_corp_suffix(token.text) or any(
        is_corp_suffix(w.text) for w in token.doc[token.left_edge.i : token.i]
    )


# Words that are never names of their own: pronouns and relatives.
_PRONOUNS = frozenset(
    """
    it its they them their theirs he she his her him hers we our us i me my you your
    which who whom whose that this these those what one ones
    """.split()
)
# Common nouns the guidelines accept as sources ("officials said" -> "officials",
# "reports say" -> "reports", "the prospectus said" -> "prospectus").
_SOURCE_NOUNS = frozenset(
    """
    officials official analysts analyst economists economist reports report sources
    prospectus statement filing survey release government cabinet ministry executives
    bankers dealers traders spokesman spokeswoman spokesperson
    """.split()
)
_MARKUP_RE = regex.compile(r"[\[\]{}<>|*_#`\\]|https?:|www\.|\]\(")
_DATE_RE = regex.compile(
    r"^(?:(?:(?:last|next|this|the)\s+)?(?:year|month|week|quarter|decade)s?|\d{4}s?|fy\s*\d{2,4}"
    r"|(?:first|second|third|fourth)\s+quarter|q[1-4])$",
    regex.IGNORECASE,
)


def junk_reason(name: str, *, as_source: bool = False) -> str | None:
    """Why `name` cannot be a claim's subject (or source), or None when it can.

    A pronoun or relative, markup, a date, a unit or title word alone, and for a spender
    a bare common noun ("venture", "the ministry"): GUIDELINES.md names spenders, and a
    source may be one of the common nouns it lists ("officials", "reports").

    >>> [junk_reason(n) for n in ("which", "[Meta](https://x)", "last year", "Qtr", "venture")]
    ['pronoun', 'markup', 'date', 'unit', 'generic noun']
    >>> junk_reason("officials", as_source=True), junk_reason("Foreign oil companies")
    (None, None)
    """
    words = [w for w in name.lower().split() if w not in ("the", "a", "an")]
    if not words:
        return "empty"
    if len(words) == 1 and words[0].strip(".,") in _PRONOUNS:
        return "pronoun"
    if _MARKUP_RE.search(name):
        return "markup"
    if _DATE_RE.match(" ".join(words)) or all(w.strip(".,") in _NEVER_NAMES for w in words):
        return "date" if _DATE_RE.match(" ".join(words)) else "unit"
    if all(w.strip(".,") in TITLES for w in words):
        return "title"
    if len(words) == 1 and is_generic_noun(name):
        if as_source and words[0] in _SOURCE_NOUNS:
            return None
        return "generic noun"
    return None


def is_central_bank(name: str) -> bool:
    """Whether a name is a central bank's ("Bank of Japan", "the Bundesbank").

    >>> is_central_bank("Bank Of Japan"), is_central_bank("Bank of America")
    (True, False)
    """
    low = name.lower()
    return any(bank in low for bank in CENTRAL_BANKS)
