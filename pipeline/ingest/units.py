"""The units of work ingestion yields, and the records it makes of bad input.

`FileSource` (an article to read, perhaps in a worker), `Document` (read already) and
`ErrorRecord` (what could not be an article) are the three kinds of unit; the journal
knows each by `unit_key`.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import regex

from models import Document, ErrorRecord, SourceFormat

# Lone surrogates, which JSON "\\ud800" escapes can put in a str but UTF-8 cannot encode.
SURROGATE_RE = regex.compile(r"[\ud800-\udfff]")
STDIN = "-"

STDIN_ID = "stdin"


class FileSource(NamedTuple):
    """An article found by the walk, to be read by `read_source` (maybe in a worker).

    A file, or a page of a web archive: then `data` holds its payload and `url` and
    `date` what the archive's headers say.
    """

    doc_id: str
    path: str
    format: SourceFormat
    data: bytes | None = None  # the file's first bytes, when read ahead (`with_bytes`)
    url: str | None = None
    date: dt.date | None = None


Unit = FileSource | Document | ErrorRecord


def unit_key(unit: Unit) -> str:
    """The key a unit of work is known by in a run's journal: its doc id, or its error's place.

    unit (Unit): A unit from `iter_units`.
    RETURNS (str): The key.

    >>> unit_key(FileSource("a/b.txt", "corpus/a/b.txt", "txt"))
    'a/b.txt'
    >>> unit_key(ErrorRecord(path="corpus/feed.jsonl", reason="not JSON", line=3))
    'error:corpus/feed.jsonl:3:not JSON'
    """
    if isinstance(unit, ErrorRecord):
        return f"error:{unit.doc_id or unit.path}:{unit.line or ''}:{unit.reason}"
    if isinstance(unit, Document):
        return unit.id
    return unit.doc_id


def byte_limit(max_chars: int) -> int:
    """The most bytes read of one file: enough for `max_chars` characters in any encoding.

    >>> byte_limit(10)
    40
    """
    return 4 * max_chars


def truncated_reason(max_chars: int) -> str:
    return f"longer than --max-chars: only the first {max_chars:,} characters read"


def error_record(source: FileSource, reason: str, severity: str = "error") -> ErrorRecord:
    return ErrorRecord.model_validate(
        {"path": source.path, "reason": reason, "severity": severity, "doc_id": source.doc_id}
    )


def line_error(
    path: str,
    line: int | None,
    reason: str,
    *,
    doc_id: str | None = None,
    severity: str = "error",
) -> ErrorRecord:
    return ErrorRecord.model_validate(
        {"path": path, "reason": reason, "severity": severity, "doc_id": doc_id, "line": line}
    )
