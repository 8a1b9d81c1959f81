"""An article as ingested (`Document`) and as written beside the claims (`DocRecord`)."""

from __future__ import annotations

import datetime as _dt

from pydantic import Field

from models._base import DateSource, Frozen, SourceFormat, SourceMap


class Document(Frozen):
    """One article as ingested: `text` is what every offset points into."""

    id: str
    text: str
    date: _dt.date | None = None
    path: str | None = None
    url: str | None = None
    encoding_note: str | None = None
    format: SourceFormat = "txt"
    # 1-based: the line of a .jsonl record, the row of a .parquet or .csv file
    line: int | None = Field(default=None, ge=1)
    date_source: DateSource | None = None  # which rule gave `date`
    encoding: str = "utf-8"  # the encoding the bytes were decoded with
    truncated: bool = False  # True when cut to Settings.max_chars
    # Where the text copies the file, for text rendered from markup (Markdown): runs of
    # (text_start, source_start, length) in characters of the decoded file. None when
    # the text is the file's text as decoded (offsets are the file's own).
    source_map: SourceMap | None = None


class DocRecord(Frozen):
    """An article's text as written beside the claims (`<output>.docs.jsonl`)."""

    doc_id: str
    text: str
    date: _dt.date | None = None
    url: str | None = None
    path: str | None = None  # the file read ("-" for standard input)
    line: int | None = None  # the line of a .jsonl record, the row of a dataset
    format: SourceFormat = "txt"
    date_source: DateSource | None = None
    encoding: str = "utf-8"
    encoding_note: str | None = None
    truncated: bool = False
    sha256: str | None = None  # hex SHA-256 of `text` encoded as UTF-8
    source_map: SourceMap | None = None  # as in `Document`
