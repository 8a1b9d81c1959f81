"""From bytes to article text: encodings, HTML article extraction, document dates.

Pure functions that `pipeline.ingest.sources` calls for each file; none of them raises on bad
input: what cannot be decoded comes back as the reason, a str.
"""

from __future__ import annotations

import codecs
import datetime as dt
from typing import NamedTuple

import regex

from models import DateSource, Settings

# A first line that is only an ISO date, as in the Reuters files: "1987-03-26".
_ISO_DATE_LINE = regex.compile(
    r"""
    \A[ \t\r\n]*                 # blank lines before it
    (?P<date>\d{4}-\d{2}-\d{2})  # the date
    [ \t]*(?:\r?\n|\Z)           # and nothing else on its line
    """,
    regex.VERBOSE,
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 8192


class Decoded(NamedTuple):
    """Text decoded from bytes, the encoding used, and what was assumed (or None)."""

    text: str
    encoding: str
    note: str | None


def decode_bytes(data: bytes, *, partial: bool) -> Decoded | str:
    r"""Decode a file (see `_decode`), NUL characters past the sniffed start removed.

    A NUL in the first 8 KB makes the file binary; later ones (a text file with a few
    stray NUL bytes) are removed, and the note says how many.

    >>> decode_bytes(b"a" * 9000 + b"\x00b", partial=False).note
    '1 NUL characters removed'
    """
    decoded = _decode(data, partial=partial)
    if isinstance(decoded, str) or "\x00" not in decoded.text:
        return decoded
    removed = f"{decoded.text.count(chr(0))} NUL characters removed"
    note = f"{decoded.note}; {removed}" if decoded.note else removed
    return Decoded(decoded.text.replace("\x00", ""), decoded.encoding, note)


def _decode(data: bytes, *, partial: bool) -> Decoded | str:
    r"""Decode a file: UTF-8, a BOM obeyed, else charset-normalizer's guess, said in the note.

    data (bytes): The file's bytes.
    partial (bool): The bytes were cut at a size limit, maybe inside a character.
    RETURNS (Decoded | str): The text, or why the bytes are not text.

    >>> decode_bytes("caf\u00e9".encode(), partial=False)
    Decoded(text='café', encoding='utf-8', note=None)
    >>> decode_bytes("caf\u00e9".encode()[:4], partial=True).text
    'caf'
    >>> decode_bytes(b"\x89PNG\x00\x00", partial=False)
    'binary file (NUL bytes), not text'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = codecs.getincrementaldecoder(codec)("replace").decode(data, final=not partial)
            return Decoded(text, codec.removesuffix("-sig"), None)
    if b"\x00" in data[:_SNIFF_BYTES]:
        return "binary file (NUL bytes), not text"
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(data, final=not partial)
    except UnicodeDecodeError as e:
        return _guess(data, f"not valid UTF-8 ({e.reason} at byte {e.start})")
    return Decoded(text, "utf-8", None)


def _guess(data: bytes, why: str) -> Decoded | str:
    # Windows-1252 (curly quotes, accented letters: the usual legacy encoding of English
    # and Western European news) when it reads the bytes as plausible Western text, else
    # charset-normalizer's guess, with Windows-1252 still winning when it reads the bytes
    # as cleanly. With a few non-ASCII bytes among much ASCII the detector can prefer a
    # Baltic or DOS code page ("Société" as "Societķ" in cp775, "für" as "f³r").
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    plausible = _western(data)
    if plausible is not None:
        codec, text = plausible
        return Decoded(text, codec, f"{why}; read as {codec}, the Western encoding it fits")
    best = from_bytes(data).best()
    if best is None:
        return f"{why} and no text encoding detected"
    note = f"{why}; read as {best.encoding}, detected by charset-normalizer"
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        return Decoded(str(best), best.encoding, note)
    if best.encoding != "cp1252" and mess_ratio(western) <= best.chaos:
        note = f"{why}; read as cp1252, as clean as charset-normalizer's {best.encoding}"
        return Decoded(western, "cp1252", note)
    return Decoded(str(best), best.encoding, note)


# Non-ASCII characters that Western text holds besides letters: currency signs, curly
# quotes, dashes, bullets, fractions, the no-break space.
_WESTERN_SIGNS = frozenset("€£¥¢©®°±–—‘’‚“”„•…«»§¶·×÷½¼¾\u00a0")
_MOST_ACCENTED = 0.3  # Western text: a few accented letters among plain ones


def _western(data: bytes) -> tuple[str, str] | None:
    r"""The codec and text when Windows-1252 or Latin-1 reads `data` as Western text.

    Plausible: every non-ASCII character is a letter or a usual sign, and at most 30% of
    the letters are non-ASCII (Cyrillic or Greek bytes read as Windows-1252 give words
    made only of accented letters, "Êîìïàíèÿ"; Polish bytes give signs inside words, "z³").

    >>> _western("Société Générale will invest €500 million".encode("cp1252"))
    ('cp1252', 'Société Générale will invest €500 million')
    >>> _western("Компания потратит 5 миллиардов рублей".encode("cp1251")) is None
    True
    """
    for codec in ("cp1252", "latin-1"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        odd = [c for c in text if ord(c) > 127]
        letters = sum(c.isalpha() for c in text)
        if not odd or not letters:
            continue
        if not all(c.isalpha() or c in _WESTERN_SIGNS for c in odd):
            continue
        if sum(c.isalpha() for c in odd) <= _MOST_ACCENTED * letters:
            return codec, text
    return None


# Tags as they open and close, for the nesting depth of a page that gave no article.
_TAG = regex.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][\w:-]*)[^<>]*?(?P<self>/?)>")
# Elements that never hold others (HTML's void elements).
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
MAX_HTML_DEPTH = 255  # libxml2's HTML parser stops reading deeper than this


def html_depth(html: str) -> int:
    """The deepest nesting of elements in a page (a quick count of its tags).

    >>> html_depth("<html><body><div><p>x<br></p></div></body></html>")
    4
    """
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m["close"]:
            depth = max(depth - 1, 0)
        elif not m["self"] and m["name"].lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def html_article(html: str) -> tuple[str, dt.date | None, str | None] | None:
    """The article of an HTML page: its text (headline first), publication date and URL.

    html (str): The page.
    RETURNS (tuple | None): (text, date, url), or None when the page holds no article text.
    """
    # trafilatura keeps the article and drops navigation, scripts, boxes and comments.
    # Precision first, and no fallback extractors: those return the menu of a page that
    # holds no article, and menus and teaser boxes are full of money amounts.
    # Dates come from the page's metadata only (no guessing from the text).
    import trafilatura

    found = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        fast=True,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(found, "text", None)
    if not text or not text.strip():
        return None
    title = getattr(found, "title", None)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"  # the headline, which the linker reads as the lead
    date = parse_date(getattr(found, "date", None))
    url = getattr(found, "url", None)
    return text, date, url if isinstance(url, str) else None


def document_date(
    text: str, date: dt.date | None, source: DateSource | None, settings: Settings
) -> tuple[dt.date | None, DateSource | None]:
    r"""A document's date and where it came from, by the rules in order.

    Metadata first (`date`, found by the caller in front matter, a JSONL field or HTML
    meta), then a first line that is only an ISO date (Reuters), then --date.

    text (str): The document text.
    date (date | None): The date its metadata gives.
    source (DateSource | None): Where that date came from.
    settings (Settings): Run options (default_date).
    RETURNS (tuple[date | None, DateSource | None]): The date and its source, or Nones.

    >>> document_date("1987-03-26\nHEADLINE", None, None, Settings())
    (datetime.date(1987, 3, 26), 'first_line')
    """
    if date is not None:
        return date, source
    m = _ISO_DATE_LINE.match(text[:256])
    first = parse_date(m["date"]) if m else None
    if first is not None:
        return first, "first_line"
    if settings.default_date is not None:
        return settings.default_date, "default"
    return None, None


def parse_date(value: object) -> dt.date | None:
    """An ISO date, or the date of an ISO date-time; None for anything else.

    >>> parse_date("2024-05-03T10:00:00Z"), parse_date("1987-02-30"), parse_date(5)
    (datetime.date(2024, 5, 3), None, None)
    """
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
