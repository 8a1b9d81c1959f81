"""Standard input and JSON Lines: one text, or one article per JSON object."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import BinaryIO

from models import DateSource, Document, ErrorRecord, Settings
from pipeline.ingest.decode import decode_bytes, document_date, parse_date
from pipeline.ingest.units import (
    STDIN,
    STDIN_ID,
    SURROGATE_RE,
    FileSource,
    Unit,
    byte_limit,
    error_record,
    line_error,
    truncated_reason,
)


def iter_stdin(stream: BinaryIO, *, settings: Settings) -> Iterator[Unit]:
    # JSONL when the first line that is not blank is a JSON object; one text otherwise.
    head: list[bytes] = []
    for raw in iter(stream.readline, b""):
        head.append(raw)
        if raw.strip():
            break
    first = head[-1].strip() if head else b""
    if first.startswith(b"{") and _is_json_object(first):
        lines = _chain(head, stream)
        yield from iter_jsonl(lines, rel=STDIN_ID, path=STDIN, settings=settings)
        return
    limit = byte_limit(settings.max_chars)
    data = b"".join(head) + stream.read(max(limit + 1 - sum(len(h) for h in head), 0))
    source = FileSource(STDIN_ID, STDIN, "stdin")
    if not data.strip():
        yield error_record(source, "empty input", "skipped")
        return
    cut = len(data) > limit
    decoded = decode_bytes(data[:limit], partial=cut)
    if isinstance(decoded, str):
        yield error_record(source, decoded)
        return
    if decoded.note:
        yield error_record(source, decoded.note, "warning")
    truncated = cut or len(decoded.text) > settings.max_chars
    text = decoded.text[: settings.max_chars]
    if truncated:
        yield error_record(source, truncated_reason(settings.max_chars), "warning")
    date, date_source = document_date(text, None, None, settings)
    yield Document(
        id=STDIN_ID,
        text=text,
        date=date,
        path=STDIN,
        encoding_note=decoded.note,
        format="stdin",
        date_source=date_source,
        encoding=decoded.encoding,
        truncated=truncated,
    )


def iter_jsonl(
    lines: BinaryIO | Iterator[bytes], *, rel: str, path: str, settings: Settings
) -> Iterator[Document | ErrorRecord]:
    # One bad line is reported and skipped; the rest of the file is read.
    seen: set[str] = set()
    # A JSON string escapes a character in at most 12 bytes ("\ud83d\ude00").
    line_limit = 12 * settings.max_chars + 4096
    for lineno, raw in enumerate(_bounded_lines(lines, line_limit), start=1):
        if raw is None:
            yield line_error(path, lineno, "line too long for --max-chars: not read")
            continue
        if not raw.strip():
            continue
        yield from _jsonl_record(
            raw, rel=rel, path=path, lineno=lineno, seen=seen, settings=settings
        )


def _jsonl_record(
    raw: bytes, *, rel: str, path: str, lineno: int, seen: set[str], settings: Settings
) -> Iterator[Document | ErrorRecord]:
    try:
        line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
    except UnicodeDecodeError as e:
        yield line_error(path, lineno, f"not UTF-8 ({e.reason} at byte {e.start})")
        return
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        yield line_error(path, lineno, f"not JSON ({e.msg} at column {e.colno})")
        return
    except RecursionError:
        yield line_error(path, lineno, "JSON nested too deeply to read")
        return
    if not isinstance(obj, dict):
        yield line_error(path, lineno, f"a JSON {type(obj).__name__}, not an object")
        return
    rid, text = obj.get("id"), obj.get("text")
    if not isinstance(rid, str | int) or isinstance(rid, bool) or str(rid) == "":
        yield line_error(path, lineno, 'no "id" (a string or an integer)')
        return
    doc_id = f"{rel}#{rid}"
    if not isinstance(text, str):
        yield line_error(path, lineno, 'no "text" string', doc_id=doc_id)
        return
    if doc_id in seen:
        yield line_error(path, lineno, f"duplicate id {rid!r} in the file", doc_id=doc_id)
        return
    seen.add(doc_id)
    if not text[: settings.max_chars].strip():
        yield line_error(path, lineno, "empty text", doc_id=doc_id, severity="skipped")
        return
    note = None
    if SURROGATE_RE.search(text):
        # Same length replacement keeps every offset valid.
        text = SURROGATE_RE.sub("\ufffd", text)
        note = "lone surrogate escapes replaced by U+FFFD"
    truncated = len(text) > settings.max_chars
    text = text[: settings.max_chars]
    if truncated:
        reason = truncated_reason(settings.max_chars)
        yield line_error(path, lineno, reason, doc_id=doc_id, severity="warning")
    if note:
        yield line_error(path, lineno, note, doc_id=doc_id, severity="warning")
    date, date_source = _record_date(obj.get("date"))
    if date is None and obj.get("date") not in (None, ""):
        reason = bad_date_reason(obj.get("date"))
        yield line_error(path, lineno, reason, doc_id=doc_id, severity="warning")
    date, date_source = document_date(text, date, date_source, settings)
    url = obj.get("url")
    yield Document(
        id=doc_id,
        text=text,
        date=date,
        path=path,
        url=url if isinstance(url, str) else None,
        encoding_note=note,
        format="jsonl",
        line=lineno,
        date_source=date_source,
        truncated=truncated,
    )


def bad_date_reason(value: object) -> str:
    """The warning for a date that is not one ("not-a-date", "2024-13-45").

    >>> bad_date_reason("2024-13-45")
    "date '2024-13-45' is not a date as YYYY-MM-DD: ignored"
    """
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    return f"date {shown} is not a date as YYYY-MM-DD: ignored"


def _record_date(value: object) -> tuple[dt.date | None, DateSource | None]:
    date = parse_date(value) if isinstance(value, str) else None
    return date, ("jsonl" if date else None)


def _bounded_lines(lines: BinaryIO | Iterator[bytes], limit: int) -> Iterator[bytes | None]:
    # Lines of at most `limit` bytes; None stands for a longer line, which is never
    # held in memory whole.
    if not hasattr(lines, "readline"):
        for raw in lines:
            yield raw if len(raw) <= limit else None
        return
    stream: BinaryIO = lines  # type: ignore[assignment]
    while raw := stream.readline(limit + 1):
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield raw if len(raw) <= limit else None
            continue
        while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
            pass
        yield None


def _chain(head: list[bytes], stream: BinaryIO) -> Iterator[bytes]:
    yield from head
    yield from iter(stream.readline, b"")


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError; too deep
        return False
