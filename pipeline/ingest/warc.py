"""Web archives: `.warc`, `.warc.gz` and WET files, the form of CC-NEWS and most archives.

An archive holds many records; the ones that are articles are HTTP 200 responses with an
HTML page (a WARC file) or the text conversions of such pages (a WET file, `conversion`
records of `text/plain`). The archive is streamed with warcio: one record at a time, at
most `max_bytes` of a payload kept (the rest is read past, never held), so a multi-GB
archive never sits in memory. Each page becomes an `ArchivedPage` whose bytes go to a
worker like a file's (its HTML is extracted there, as for an `.html` file); its id is the
WARC-Record-ID, its URL the WARC-Target-URI and its date the WARC-Date.

Responses that are not HTML or not status 200 are skipped and counted in one `skipped`
record per archive; requests, metadata and warcinfo records are not pages and are passed
over. warcio stops quietly at a cut archive, so the reader checks that every record was
read to its end and that the last one ends where the file does: a truncated or corrupt
archive gives the pages before the damage and one error record for the rest.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, Literal, NamedTuple

from models import ErrorRecord
from pipeline.ingest.decode import parse_date

_SNIFF = 1024  # payload bytes looked at when a response says no Content-Type
_DRAIN = 1 << 16
_RECORD_END = b"\r\n\r\n"


class ArchivedPage(NamedTuple):
    """One article of an archive: its record id, payload bytes and WARC metadata."""

    record_id: str
    kind: Literal["html", "text"]  # an HTML response (WARC) or a text conversion (WET)
    data: bytes
    url: str | None
    date: dt.date | None


def iter_archive(path: Path, *, rel: str, max_bytes: int) -> Iterator[ArchivedPage | ErrorRecord]:
    """The pages of a WARC or WET file, in archive order, and a record per problem.

    path (Path): The archive (.warc, .warc.gz, .warc.wet.gz ...; gzip is detected).
    rel (str): Its id in the corpus (pages are `<rel>#<record id>`).
    max_bytes (int): The most payload bytes kept per page (one more marks a cut).
    RETURNS (Iterator[ArchivedPage | ErrorRecord]): Pages, then the skip count.
    """
    from warcio.archiveiterator import ArchiveIterator

    skipped: Counter[str] = Counter()
    seen: set[str] = set()
    pages = 0
    last = 0  # where the last record read starts, in the file
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            records = ArchiveIterator(f)
            for record in records:
                page, why = _page(record, max_bytes)
                records.read_to_end()  # drains the rest of the payload, never kept
                last = records.get_record_offset()
                if _cut_short(record):
                    reason = f"the archive ends inside record {_record_id(record)!r}"
                    yield _error(path, rel, f"{reason}: {pages} pages read before it")
                    break
                if page is None:
                    if why:
                        skipped[why] += 1
                    continue
                if not page.record_id:  # no WARC-Record-ID: its place in the file
                    page = page._replace(record_id=f"offset-{records.get_record_offset()}")
                if page.record_id in seen:
                    yield _error(path, rel, f"duplicate WARC-Record-ID {page.record_id!r}")
                    continue
                seen.add(page.record_id)
                pages += 1
                yield page
            else:
                # Uncompressed, the last record read must also end where the file does
                # (warcio stops without a word at a record whose payload is missing).
                whole = _ends_whole(f, last, size)
                if whole and not _is_gzip(f, last) and records.offset != size:
                    whole = False
                if not whole:
                    end = min(records.offset, last)
                    reason = (
                        f"cut or corrupt after byte {end:,} of {size:,}: {pages} pages read, "
                        "the rest is not"
                    )
                    yield _error(path, rel, reason)
    except Exception as e:  # noqa: BLE001 - see below
        # warcio raises what its parsing hits on damaged input: zlib.error on a corrupt
        # gzip member, ArchiveLoadFailed or ValueError on a bad header, AttributeError on
        # a header cut in the middle. Whatever it is, the pages before it are kept.
        reason = " ".join(str(e).split())[:200] or type(e).__name__
        yield _error(path, rel, f"unreadable after {pages} pages ({reason}): the rest is not read")
    if skipped:
        counts = ", ".join(f"{n} {why}" for why, n in sorted(skipped.items()))
        total = sum(skipped.values())
        yield _error(path, rel, f"{total} records skipped: {counts}", severity="skipped")


def _page(record: Any, max_bytes: int) -> tuple[ArchivedPage | None, str | None]:
    # The page a record holds, or None and why it is skipped (None: not a page at all).
    kind: Literal["html", "text"]
    if record.rec_type == "response":
        if record.http_headers is None:
            return None, "responses without HTTP headers"
        status = record.http_headers.get_statuscode()
        if status != "200":
            return None, "responses with a status other than 200"
        content_type = (record.http_headers.get_header("Content-Type") or "").lower()
        kind = "html"
    elif record.rec_type == "conversion":  # WET: the text of a page
        content_type = (record.rec_headers.get_header("Content-Type") or "").lower()
        kind = "text"
    else:
        return None, None  # request, metadata, warcinfo, revisit: not pages
    data = record.content_stream().read(max_bytes + 1)
    if kind == "html" and not _is_html(content_type, data):
        return None, "responses that are not HTML"
    if kind == "text" and content_type and not content_type.startswith("text/plain"):
        return None, "conversions that are not text/plain"
    url = record.rec_headers.get_header("WARC-Target-URI")
    date = parse_date(record.rec_headers.get_header("WARC-Date"))
    return ArchivedPage(_record_id(record), kind, data, url or None, date), None


def _is_html(content_type: str, data: bytes) -> bool:
    if content_type:
        return "html" in content_type  # text/html, application/xhtml+xml
    head = data[:_SNIFF].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _record_id(record: Any) -> str:
    rid = (record.rec_headers.get_header("WARC-Record-ID") or "").strip()
    return rid.removeprefix("<").removesuffix(">")


def _ends_whole(f: BinaryIO, last: int, size: int) -> bool:
    # warcio ends quietly where a record header is cut, so the file's tail is checked:
    # every WARC record ends with two CRLFs, and in a .gz file each record is a gzip
    # member of its own, whose end (and CRC) zlib must reach. Only the last member is read
    # again, in chunks.
    if not _is_gzip(f, last):
        f.seek(max(size - 4, 0))
        return f.read(4) == _RECORD_END
    tail = b""
    while True:
        member = zlib.decompressobj(wbits=31)
        while not member.eof and (chunk := f.read(_DRAIN)):
            while chunk and not member.eof:  # at most _DRAIN bytes out at a time
                tail = (tail + member.decompress(chunk, _DRAIN))[-4:]
                chunk = member.unconsumed_tail
        if not member.eof:
            return False
        rest = member.unused_data + f.read(_DRAIN)
        if not rest.strip(b"\x00"):  # some writers pad the file
            return tail == _RECORD_END
        if not rest.startswith(b"\x1f\x8b"):
            return False
        f.seek(-len(rest), 1)  # another member after the last record: read it too


def _is_gzip(f: BinaryIO, offset: int) -> bool:
    f.seek(offset)
    head = f.read(2)
    f.seek(offset)
    return head == b"\x1f\x8b"


def _cut_short(record: Any) -> bool:
    # warcio's raw stream counts down the record's Content-Length; after it is drained,
    # anything left is what the file did not have. A record without a Content-Length
    # (which WARC requires) is a header cut in the middle: warcio then reads to the end.
    if not hasattr(record.raw_stream, "limit"):
        return True
    return int(record.raw_stream.limit or 0) > 0


def _error(path: Path, rel: str, reason: str, *, severity: str = "error") -> ErrorRecord:
    return ErrorRecord.model_validate(
        {"path": str(path), "reason": reason, "severity": severity, "doc_id": rel}
    )
