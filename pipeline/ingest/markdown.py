"""Markdown articles (what Readability-, Jina- or Firecrawl-style scrapers write) as read.

A scraper's Markdown is the article plus markup: `[Meta](https://...)` links, escapes
(`President\\_Biden`), images, inline HTML, a YAML front matter block with the headline,
URL and date. The linker must see what a reader sees, so the file is rendered to text with
markdown-it-py (a CommonMark parser, with pipe tables) and its front matter is read with a
YAML parser (mdit-py-plugins finds the block, PyYAML reads it):

- the front matter's `title` becomes the first line (the headline); `date`/`published` and
  `url`/`source_url` become the document's date and URL; nothing else in it (a `summary`,
  a `description`) is article text; the header Jina's reader writes instead ("Title:",
  "URL Source:", "Published Time:" ... "Markdown Content:") is read the same way;
- headings, paragraphs and list items are blocks of their own; each table row is a block
  of its own, its cells joined by " | ", so that a table never runs into one sentence;
  list items lose their marker ("-", "*", "1."), which the parser would read as part of
  a name ("• Commerce");
- link text is kept and its URL dropped; escapes and entities are resolved; images, HTML
  blocks, inline HTML tags and rules are dropped; soft line breaks become spaces;
- blocks are separated by a blank line, which every sentence splitter mode reads as a
  paragraph end.

The rendering keeps a map back to the file: `source_map` holds runs `(text_start,
source_start, length)` where the text copies the decoded file character for character;
`source_offset` maps any text offset back (a character the rendering added, such as a
separator, maps to the end of the run before it).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

import regex

from pipeline.ingest.decode import parse_date

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

SourceMap = tuple[tuple[int, int, int], ...]

# Front matter keys, in order of preference.
DATE_KEYS = ("date", "published", "published_time", "published_at", "published time")
URL_KEYS = ("url", "source_url", "canonical_url", "url source")
TITLE_KEYS = ("title", "headline")
_MAX_FRONT_MATTER = 65536  # characters of YAML read; a longer block is not metadata
_BLOCK_SEP = "\n\n"
_CELL_SEP = " | "
_NEWLINE = regex.compile(r"\n")
# The header Jina's reader writes instead of front matter: "Title: ...", "URL Source:
# ...", "Published Time: ...", then a line "Markdown Content:" before the article.
_READER_HEADER = regex.compile(
    r"""
    \A(?P<head>Title:[^\n]*+\n                  # the title line first
      (?:[ \t]*+\n|[A-Z][A-Za-z ]{1,30}:[^\n]*+\n){0,20}?)  # "Key: value" and blank lines
    Markdown\ Content:[ \t]*+(?:\n|\Z)            # the line before the article
    """,
    regex.VERBOSE,
)
_NOT_NEWLINE = regex.compile(r"[^\n]")
_HEADER_LINE = regex.compile(r"^(?P<key>[A-Z][A-Za-z ]{1,30}):[ \t]*(?P<value>.*?)[ \t]*$", regex.M)
_DELIMITERS = ("*", "_", "~")
_ALIGN_WINDOW = 16  # how far a character is looked for when a piece is not found whole


class Rendered(NamedTuple):
    """A Markdown file as a reader sees it, its metadata, and what went wrong reading it."""

    text: str
    source_map: SourceMap
    title: str | None
    date: dt.date | None
    url: str | None
    problem: str | None  # a note for the errors file (front matter that is not YAML)


def render_markdown(source: str) -> Rendered:
    """Render a Markdown file to its text, read its front matter, and map the text back.

    source (str): The decoded file.
    RETURNS (Rendered): The text (headline first), its map to `source`, the metadata.

    >>> r = render_markdown("---\\ntitle: Acme spends\\n---\\nSaid [Acme](https://a.b/) \\\\_x")
    >>> r.text
    'Acme spends\\n\\nSaid Acme _x'
    >>> source_offset(r.source_map, r.text.index("Acme _x"))
    33
    """
    meta: Mapping[str, object] = {}
    problem = None
    text_source = source  # what the parser reads
    header = _READER_HEADER.match(source)
    if header is not None:
        # Blanked, not cut: the parser sees empty lines and every offset stays the file's.
        meta = {m["key"].lower(): m["value"] for m in _HEADER_LINE.finditer(header["head"])}
        blank = _NOT_NEWLINE.sub(" ", source[: header.end()])
        text_source = blank + source[header.end() :]
    tokens = _parser().parse(text_source)
    end = header.end() if header is not None else 0  # where the metadata ends
    if tokens and tokens[0].type == "front_matter":
        meta, problem = _read_front_matter(tokens[0].content)
    title = _first_text(meta, TITLE_KEYS)
    out, body = _Output(), _Output()
    cursor = _Cursor(text_source)
    _render_blocks(tokens, cursor, body)
    if title and not body.text().startswith(title):
        # The headline, which the linker reads as the lead (as for HTML pages).
        if tokens and tokens[0].type == "front_matter" and tokens[0].map:
            end = cursor.line(tokens[0].map[1])
        at = source.find(title, 0, end)
        out.add(title, at if at >= 0 else None, anchor=_title_line(source, end))
        if body.parts:
            out.add(_BLOCK_SEP, None)
    out.extend(body)
    date = _first_date(meta)
    written = _first_text(meta, DATE_KEYS)
    if date is None and written is not None and problem is None:
        problem = f"date {written!r} is not a date as YYYY-MM-DD: ignored"
    url = _first_text(meta, URL_KEYS)
    return Rendered(out.text(), out.source_map(), title, date, url, problem)


def source_offset(source_map: SourceMap, offset: int) -> int:
    """The offset in the source file of a text offset, by the rendering's map.

    source_map (SourceMap): Runs (text_start, source_start, length), by text_start.
    offset (int): A character offset into the rendered text.
    RETURNS (int): The source offset; a character the rendering added maps to the end of
        the run before it (0 before the first run).

    >>> source_offset(((0, 10, 4), (6, 20, 3)), 2), source_offset(((0, 10, 4), (6, 20, 3)), 5)
    (12, 14)
    """
    i = bisect.bisect_right([run[0] for run in source_map], offset) - 1
    if i < 0:
        return 0
    text_start, source_start, length = source_map[i]
    return source_start + min(offset - text_start, length)


def cut_source_map(source_map: SourceMap, end: int) -> SourceMap:
    """The map of the text cut at `end` characters.

    >>> cut_source_map(((0, 10, 4), (6, 20, 3)), 7)
    ((0, 10, 4), (6, 20, 1))
    """
    return tuple(
        (t, s, min(n, end - t)) for t, s, n in source_map if t < end or (t == end and n == 0)
    )


@functools.cache
def _parser() -> MarkdownIt:
    # Built once per process and never changed after. text_join is off so that escapes
    # and entities stay tokens of their own, whose markup can be found in the source;
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin)
    # fragments_join is off so that an unmatched "**" stays two tokens of its own.
    md.disable(["text_join", "fragments_join"])
    return md


def _read_front_matter(body: str) -> tuple[Mapping[str, object], str | None]:
    import yaml

    if len(body) > _MAX_FRONT_MATTER:
        return {}, f"front matter longer than {_MAX_FRONT_MATTER:,} characters: not read"
    try:
        meta = yaml.safe_load(body)
    except yaml.YAMLError as e:
        where = getattr(e, "problem_mark", None)
        line = f" (front matter line {where.line + 1})" if where is not None else ""
        return {}, f"front matter is not YAML{line}: not read as metadata"
    except ValueError:  # a value YAML types but cannot build ("date: 2024-13-45"): as text
        meta = yaml.load(body, Loader=yaml.BaseLoader)  # BaseLoader builds str only: safe
    if meta is None:
        return {}, None
    if not isinstance(meta, dict):
        return {}, f"front matter is a YAML {type(meta).__name__}, not key: value pairs"
    return {str(k).lower(): v for k, v in meta.items()}, None


def _first_text(meta: Mapping[str, object], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = meta.get(key)
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            text = " ".join(str(value).split())
            if text:
                return text
    return None


def _first_date(meta: Mapping[str, object]) -> dt.date | None:
    # YAML reads an unquoted 2024-05-03 as a date and 2024-05-03 10:00 as a datetime.
    for key in DATE_KEYS:
        value = meta.get(key)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        date = parse_date(value)
        if date is not None:
            return date
    return None


class _Output:
    # The rendered text, built piece by piece, with the runs that copy the source.
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.runs: list[tuple[int, int, int]] = []
        self.pos = 0

    def add(self, text: str, source_start: int | None, *, anchor: int | None = None) -> None:
        if not text:
            return
        if source_start is not None:
            self._run(self.pos, source_start, len(text))
        elif anchor is not None:  # not copied: every offset of it maps to `anchor`
            self._run(self.pos, anchor, 0)
        self.parts.append(text)
        self.pos += len(text)

    def _run(self, text_start: int, source_start: int, length: int) -> None:
        if self.runs:
            t, s, n = self.runs[-1]
            if t + n == text_start and s + n == source_start and n:
                self.runs[-1] = (t, s, n + length)  # contiguous in both: one run
                return
        self.runs.append((text_start, source_start, length))

    def extend(self, other: _Output) -> None:
        for t, s, n in other.runs:
            self._run(self.pos + t, s, n)
        self.parts.extend(other.parts)
        self.pos += other.pos

    def text(self) -> str:
        return "".join(self.parts)

    def source_map(self) -> SourceMap:
        return tuple(self.runs)


class _Cursor:
    # Where in the source the next piece of rendered text is looked for: rendering
    # follows source order, so the search only moves forward.
    def __init__(self, source: str) -> None:
        self.source = source
        self.pos = 0
        self.line_starts: list[int] = [0, *(m.end() for m in _NEWLINE.finditer(source))]

    def line(self, n: int) -> int:
        return self.line_starts[min(n, len(self.line_starts) - 1)] if n >= 0 else 0

    def enter(self, token: Token) -> int:
        # Move to the token's first line (never back); return the end of its last line.
        if token.map:
            self.pos = max(self.pos, self.line(token.map[0]))
            if token.map[1] < len(self.line_starts):
                return self.line_starts[token.map[1]]
        return len(self.source)

    def place(self, out: _Output, text: str, limit: int) -> None:
        # Find `text` in the source and map it there; when it is not there whole (a cell
        # with an escaped pipe, an indented code line), align it character by character.
        at = self.source.find(text, self.pos, limit)
        if at >= 0:
            out.add(text, at)
            self.pos = at + len(text)
            return
        for ch in text:
            at = self.source.find(ch, self.pos, min(self.pos + _ALIGN_WINDOW, limit))
            if at >= 0:
                out.add(ch, at)
                self.pos = at + 1
            else:
                out.add(ch, None)

    def skip_to(self, markup: str, limit: int) -> int | None:
        at = self.source.find(markup, self.pos, limit)
        if at < 0:
            return None
        self.pos = at + len(markup)
        return at


def _render_blocks(tokens: list[Token], cursor: _Cursor, out: _Output) -> None:
    first_cell = True
    for i, token in enumerate(tokens):
        kind = token.type
        if kind == "tr_open":
            cursor.enter(token)
            _new_block(out)
            first_cell = True
        elif kind == "inline" and token.children is not None:
            limit = cursor.enter(token)
            if i > 0 and tokens[i - 1].type in ("th_open", "td_open"):
                if not first_cell:
                    out.add(_CELL_SEP, None)
                first_cell = False
            else:
                _new_block(out)
            _render_inline(token.children, cursor, out, limit)
        elif kind in ("code_block", "fence"):
            limit = cursor.enter(token)
            code = token.content.strip("\n")
            if code.strip():
                _new_block(out)
                cursor.place(out, code, limit)
        # html_block, hr, front_matter and the open/close tokens add no text.


def _new_block(out: _Output) -> None:
    if out.parts and not out.parts[-1].endswith(_BLOCK_SEP):
        out.add(_BLOCK_SEP, None)


def _render_inline(children: list[Token], cursor: _Cursor, out: _Output, limit: int) -> None:
    stray = _stray_delimiters(children)
    for i, child in enumerate(children):
        kind = child.type
        if i in stray:
            continue
        if kind in ("text", "code_inline"):
            if child.content:
                cursor.place(out, child.content, limit)
        elif kind == "text_special":  # an escape ("\\_") or an entity ("&amp;")
            at = cursor.skip_to(child.markup, limit)
            if at is not None and child.info == "escape":
                at += 1  # "\\_" copies the "_"
            if at is not None and cursor.source.startswith(child.content, at):
                out.add(child.content, at)
            else:  # "&#36;" is "$": mapped to the entity, not a copy
                out.add(child.content, None, anchor=at)
        elif kind == "softbreak":  # a space where the source wraps the line
            at = cursor.skip_to("\n", limit)
            out.add(" ", None, anchor=at)
        elif kind == "hardbreak":
            at = cursor.skip_to("\n", limit)
            out.add("\n", at)
        # image (alt text is not article text), html_inline, and the open/close tokens
        # of links and emphasis add no text.


def _stray_delimiters(children: list[Token]) -> set[int]:
    # Emphasis markers that did not pair up ("**Image Credits:**Handout": CommonMark
    # does not close bold before a letter) are left as one text token per character.
    # A run of two or more is markup the scraper meant, never article text; a lone
    # "*" or "_" may be text (a footnote mark) and is kept.
    stray: set[int] = set()
    run: list[int] = []
    for i, child in enumerate([*children, None]):
        mark = child is not None and child.type == "text" and child.content in _DELIMITERS
        if mark and (not run or children[run[-1]].content == child.content):  # type: ignore[union-attr]
            run.append(i)
            continue
        if len(run) >= 2:
            stray.update(run)
        run = [i] if mark else []
    return stray


def _title_line(source: str, end: int) -> int | None:
    # Where the front matter's title key is, for a title YAML folded or escaped.
    for key in TITLE_KEYS:
        at = source.find(f"\n{key}:", 0, end)
        if at >= 0:
            return at + 1
    return 0 if source.startswith("Title:") else None
