"""Cheap, offset-preserving text views: paragraphs and sentences by regex, no spaCy.

The linker parses only the sentences that can yield a claim, so it needs sentence
boundaries before any parse. Wire stories are hard-wrapped (a newline inside a
sentence, an indented line for a new paragraph); web articles put one paragraph
per line. Both are handled here without changing a single character offset:
`parse_view()` replaces newlines inside a paragraph by spaces of the same length.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

# A line that ends a paragraph in hard-wrapped text: followed by a blank line, or by
# an indented line (Reuters indents each paragraph by four spaces).
_HARD_BREAK = regex.compile(
    r"""
    \n[ \t]*\n          # a blank line
    | \n(?=[ \t]{2,}\S)  # or a newline before an indented line
    """,
    regex.VERBOSE,
)

# A sentence end: terminal punctuation, optional closing quotes or brackets, then
# whitespace and something that can start a sentence.
# A newline in text with one paragraph per line, unless it plainly wraps a sentence:
# no end mark before it and a lower-case word, a number or a <Tagged Name> after it.
_SOFT_BREAK = regex.compile(
    r"""
    \n
    (?!                          # not a wrap, which is:
        (?<=[^\s.!?:;"”’)\]]\n)  #   a line ending in a word, not an end mark,
        [ \t]*+[\p{Ll}\d<(]      #   then a lower-case word, a digit, "<" or "("
    )
    """,
    regex.VERBOSE,
)

_SENT_END = regex.compile(
    r"""
    (?<=[.!?])                 # after terminal punctuation
    ["'”’)\]]{0,3}+            # closing quotes or brackets stay with the sentence
    (?=\s++["'“‘(\[]?+[\p{Lu}\d])  # next: space, then a capital or a digit
    """,
    regex.VERBOSE,
)

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = regex.compile(
    r"""
    (?:\b(?:Inc|Corp|Co|Ltd|Plc|Bhd|Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|No|vs|Gov|Sen|Rep|Gen
        |Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|est|Dept|Mt|Ft)
    | \b\p{Lu}             # an initial: "J." or the last letter of "U.S."
    | \b(?:\p{L}\.){2,}    # dotted acronyms: "U.S.", "e.g."
    )\.["'”’)]*$
    """,
    regex.VERBOSE,
)

_BULLET = regex.compile(r"^[ \t]*(?:[-*•·‣▪]|\d{1,2}[.)])[ \t]+")


class Segment(NamedTuple):
    """A character range of the document text."""

    start: int
    end: int


def is_hard_wrapped(text: str) -> bool:
    """Whether `text` looks hard-wrapped (most lines short, many without an end mark).

    >>> is_hard_wrapped("A short line that goes on\\nand on over the next line\\nand so on.")
    True
    >>> is_hard_wrapped("One paragraph per line, as the web writes it. It is long.\\nNext.")
    False
    """
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return False
    short = sum(len(line) <= 80 for line in lines)
    open_end = sum(not line.rstrip().endswith((".", "!", "?", ":", '"', "”")) for line in lines)
    indented = sum(bool(regex.match(r"[ \t]{2,}\S", line)) for line in lines)
    if indented and open_end >= 1:
        return True  # wire paragraphs: indented first lines, sentences wrapped
    return len(lines) >= 3 and short >= 0.8 * len(lines) and open_end >= 0.4 * len(lines)


def split_paragraphs(text: str) -> list[Segment]:
    """Split `text` into paragraphs, keeping offsets.

    text (str): The document text.
    RETURNS (list[Segment]): Paragraph ranges with surrounding whitespace trimmed.
    """
    if is_hard_wrapped(text):
        breaks = [(m.start(), m.end()) for m in _HARD_BREAK.finditer(text)]
        # In wire stories the first lines (date, headline, dateline) stand alone
        # when they are in capitals or are a bare date.
        lines = line_spans(text)
        for start, end in lines[:3]:
            line = text[start:end]
            if line.strip() and (line.upper() == line or regex.fullmatch(r"\s*[\d-]+\s*", line)):
                breaks.append((end, end + 1))
        # A line of its own that is a sign-off ("Reuter", "REUTER") is a paragraph.
        for start, end in lines:
            if regex.fullmatch(r"\s*(?i:reuter|reuters)\s*", text[start:end]):
                breaks.append((max(start - 1, 0), start))
    else:
        breaks = [(m.start(), m.end()) for m in _SOFT_BREAK.finditer(text)]
    segments = []
    pos = 0
    for b_start, b_end in sorted(breaks):
        if b_start >= pos:
            segments.append(Segment(pos, b_start))
            pos = b_end
    segments.append(Segment(pos, len(text)))
    return [s for s in (_trim(text, seg) for seg in segments) if s.end > s.start]


def split_sentences(text: str) -> list[Segment]:
    """Split `text` into sentences by paragraphs and end punctuation, keeping offsets.

    text (str): The document text.
    RETURNS (list[Segment]): Sentence ranges, in text order.

    >>> t = "Super Valu Stores Inc. said it. It spent 5 mln dlrs."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Super Valu Stores Inc. said it.', 'It spent 5 mln dlrs.']
    """
    out: list[Segment] = []
    for para in split_paragraphs(text):
        pos = para.start
        for m in _SENT_END.finditer(text, para.start, para.end):
            head = text[max(pos, m.end() - 12) : m.end()]
            if _ABBREV.search(head) and not _ends_with_year_or_number(head):
                continue
            out.append(Segment(pos, m.end()))
            pos = m.end()
        out.append(Segment(pos, para.end))
    return [s for s in (_trim(text, seg) for seg in out) if s.end > s.start]


_TICKER_TAG = regex.compile(r"<[A-Z0-9.\-]{1,14}>")  # Reuters tickers: <MONI.MI>, <SVU>
_DATELINE = regex.compile(
    r"""
    ^\s*\p{Lu}[\p{Lu}.'\- ]{1,40}+          # the place, in capitals: "NEWTON", "NEW YORK"
    (?:,\s*\p{Lu}[\p{L}.' ]{1,30}+)?         # its state or country: ", Iowa"
    (?:
        ,\s+\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}  # the date: ", March 25"
      | \s*\((?:Reuters|Bloomberg|AP|AFP)\)  # or the agency: "(Reuters)"
    )
    \s+[-–—]{1,2}\s+                        # the dash before the story
    """,
    regex.VERBOSE,
)


def parse_view(text: str) -> str:
    """The text to give spaCy: same length, sentence-internal line breaks made spaces.

    Reuters ticker tags are blanked and the angle brackets of tagged company names
    dropped, so that the parser sees plain prose; headlines in capitals are
    title-cased so that the tagger and the entity recognizer can read them.

    >>> parse_view("capital\\nspending")
    'capital spending'
    >>> parse_view("NEWTON, Iowa, March 25 - Maytag Co said")
    '                         Maytag Co said'
    >>> parse_view("Montedison Spa <MONI.MI> said <Antibioticos SA>")
    'Montedison Spa           said  Antibioticos SA '
    """
    view: str = text.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    view = _DATELINE.sub(lambda m: " " * len(m[0]), view, count=1)
    view = _TICKER_TAG.sub(lambda m: " " * len(m[0]), view)
    view = view.replace("<", " ").replace(">", " ")
    letters = [c for c in view if c.isalpha()]
    if len(letters) > 8 and all(c.isupper() for c in letters):
        titled: str = view.title()
        if len(titled) == len(view):
            view = titled
    return view


def is_bullet(text: str) -> bool:
    """Whether a sentence is a list item ("- Rmb150bn earmarked for 2025").

    >>> is_bullet("- Rmb150bn earmarked")
    True
    """
    return _BULLET.match(text) is not None


def _ends_with_year_or_number(head: str) -> bool:
    return regex.search(r"\d\.[\"'”’)]*$", head) is not None


def line_spans(text: str) -> list[Segment]:
    """The ranges of the lines of `text`, newlines excluded.

    >>> line_spans("ab\\ncd")
    [Segment(start=0, end=2), Segment(start=3, end=5)]
    """
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append(Segment(pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _trim(text: str, seg: Segment) -> Segment:
    start, end = seg
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Segment(start, end)
