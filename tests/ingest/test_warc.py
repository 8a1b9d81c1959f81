"""Web archives: WARC, WARC.gz and WET files built here with warcio's own writer.

RECORDS is an invented crawl: article pages, a request, an error page, an image, a
redirect, a page with no article; the archive tests read it compressed and not, and cut
it at every byte to check that a damaged archive keeps what comes before the damage.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import NamedTuple

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from models import Document, ErrorRecord, Settings
from pipeline.ingest.sources import iter_documents, iter_units, read_source
from pipeline.ingest.units import FileSource
from pipeline.ingest.warc import ArchivedPage, iter_archive


def article(title: str, body: str, published: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return (
        f"<html><head><title>{title}</title>{meta}</head><body>"
        "<nav>Home | Markets | $99 billion deal of the day</nav>"
        f"<article><h1>{title}</h1><p>{body}</p>"
        "<p>The company did not say how it would pay for it, analysts said on Tuesday.</p>"
        "</article><script>var ad = '$1 trillion';</script></body></html>"
    ).encode()


class Record(NamedTuple):
    kind: str  # WARC-Type
    url: str
    status: str | None  # the HTTP status line, None for records without HTTP headers
    content_type: str | None
    payload: bytes
    date: str = "2024-05-06T07:08:09Z"


RECORDS = [
    Record(
        "response",
        "https://news.example/acme-plant",
        "200 OK",
        "text/html; charset=utf-8",
        article("Acme to build a plant", "Acme Corp will spend $5 billion on a plant in Ohio."),
    ),
    Record("request", "https://news.example/acme-plant", None, None, b"GET / HTTP/1.1\r\n\r\n"),
    Record(
        "response",
        "https://news.example/borealis",
        "200 OK",
        "text/html",
        article(
            "Borealis buys Cobalt",
            "Borealis Mining agreed to buy Cobalt Rail for $2 billion.",
            published="2024-04-30T10:00:00Z",
        ),
    ),
    Record(
        "response", "https://news.example/gone", "404 Not Found", "text/html", b"<html>x</html>"
    ),
    Record("response", "https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n"),
    Record("response", "https://news.example/old", "301 Moved Permanently", "text/html", b""),
    Record(
        "response",
        "https://news.example/empty",
        "200 OK",
        "text/html",
        b"<html><body><nav>Menu $3 billion</nav></body></html>",
    ),
    Record("metadata", "https://news.example/acme-plant", None, "application/json", b"{}"),
]
ARTICLE_IDS = (0, 2, 6)  # the HTML 200 responses; 6 holds no article text


def write_archive(records: list[Record], *, gzip: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    for rec in records:
        http = None
        if rec.status is not None:
            headers = [("Content-Type", rec.content_type)] if rec.content_type else []
            http = StatusAndHeaders(rec.status, headers, protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": rec.date}
        if rec.status is None and rec.content_type:
            warc_headers["Content-Type"] = rec.content_type
        record = writer.create_warc_record(
            rec.url,
            rec.kind,
            payload=io.BytesIO(rec.payload),
            http_headers=http,
            warc_headers_dict=warc_headers,
        )
        writer.write_record(record)
    return buf.getvalue()


def _pages(path: Path, max_bytes: int = 1 << 20) -> list[ArchivedPage | ErrorRecord]:
    return list(iter_archive(path, rel=path.name, max_bytes=max_bytes))


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_warc_pages_and_skips(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(write_archive(RECORDS, gzip=gzip))
    out = _pages(path)
    pages = [p for p in out if isinstance(p, ArchivedPage)]
    assert [p.data for p in pages] == [RECORDS[i].payload for i in ARTICLE_IDS]
    assert [p.url for p in pages] == [RECORDS[i].url for i in ARTICLE_IDS]
    assert {p.date for p in pages} == {dt.date(2024, 5, 6)}
    assert all(p.record_id.startswith("urn:uuid:") for p in pages)
    (skips,) = [e for e in out if isinstance(e, ErrorRecord)]
    assert skips.severity == "skipped" and skips.reason.startswith("3 records skipped")
    assert "1 responses that are not HTML" in skips.reason
    assert "2 responses with a status other than 200" in skips.reason


def test_warc_documents(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc.gz").write_bytes(write_archive(RECORDS, gzip=True))
    out = list(iter_documents(tmp_path, settings=Settings()))
    docs = [d for d in out if isinstance(d, Document)]
    assert [d.url for d in docs] == [RECORDS[0].url, RECORDS[2].url]
    acme, borealis = docs
    assert acme.id.startswith("crawl.warc.gz#urn:uuid:") and acme.format == "warc"
    assert acme.text.startswith("Acme to build a plant") and "$5 billion" in acme.text
    assert "$99 billion" not in acme.text and "$1 trillion" not in acme.text
    # The page's own publication date first, else the crawl's WARC-Date.
    assert (acme.date, acme.date_source) == (dt.date(2024, 5, 6), "warc_header")
    assert (borealis.date, borealis.date_source) == (dt.date(2024, 4, 30), "html_meta")
    reasons = sorted((e.severity, e.reason[:26]) for e in out if isinstance(e, ErrorRecord))
    assert reasons == [
        ("skipped", "3 records skipped: 1 respo"),
        ("skipped", "no article text in the HTM"),
    ]


def test_warc_wet_conversions(tmp_path: Path) -> None:
    wet = [
        Record("warcinfo", "", None, "application/warc-fields", b"software: test\r\n"),
        Record(
            "conversion", "https://news.example/a", None, "text/plain", b"Acme will spend $5bn."
        ),
        Record(
            "conversion", "https://news.example/b", None, "text/plain", "Café spends €2m.".encode()
        ),
        Record("conversion", "https://news.example/c", None, "application/pdf", b"%PDF"),
    ]
    (tmp_path / "crawl.warc.wet.gz").write_bytes(write_archive(wet, gzip=True))
    out = list(iter_documents(tmp_path))
    docs = [d for d in out if isinstance(d, Document)]
    assert [(d.text, d.url, d.format, d.date_source) for d in docs] == [
        ("Acme will spend $5bn.", "https://news.example/a", "wet", "warc_header"),
        ("Café spends €2m.", "https://news.example/b", "wet", "warc_header"),
    ]
    (skips,) = [e for e in out if isinstance(e, ErrorRecord)]
    assert skips.reason == "1 records skipped: 1 conversions that are not text/plain"


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_warc_cut_anywhere(tmp_path: Path, gzip: bool) -> None:
    # Cut at every 7th byte and at every byte near a record's ends: never an exception;
    # the pages read are the archive's first pages, whole; a cut inside a record is an
    # error record (a cut exactly between two records leaves a shorter archive, which
    # nothing can tell from a whole one).
    data = write_archive(RECORDS, gzip=gzip)
    spans = _record_spans(data)
    full = [p for p in _pages(_write(tmp_path, data)) if isinstance(p, ArchivedPage)]
    path = tmp_path / "cut.warc"
    near = {at + d for span in spans for at in span for d in range(-6, 7)}  # the boundaries
    for cut in sorted({*range(0, len(data), 7), *near} & set(range(len(data)))):
        path.write_bytes(data[:cut])
        out = _pages(path)
        pages = [p.data for p in out if isinstance(p, ArchivedPage)]
        assert pages == [p.data for p in full[: len(pages)]], cut
        errors = [e for e in out if isinstance(e, ErrorRecord) and e.severity == "error"]
        inside = any(start < cut < end for start, end in spans)
        assert errors or not inside, cut
        assert len(errors) <= 1, cut


def test_warc_payload_beyond_max_chars_is_not_kept(tmp_path: Path) -> None:
    big = article("Acme", "Acme will spend $5 billion. " * 200_000)  # 5.6 MB
    records = [Record("response", "https://news.example/big", "200 OK", "text/html", big)]
    path = tmp_path / "big.warc.gz"
    path.write_bytes(write_archive([*records, RECORDS[0]], gzip=True))
    (page, second) = _pages(path, max_bytes=4000)
    assert isinstance(page, ArchivedPage) and len(page.data) == 4001
    assert isinstance(second, ArchivedPage) and second.data == RECORDS[0].payload
    settings = Settings(max_chars=1000)
    units = [u for u in iter_units(path, settings=settings) if isinstance(u, FileSource)]
    doc, problems = read_source(units[0], settings=settings)
    assert doc is not None and doc.truncated and len(doc.text) <= 1000
    assert [p.severity for p in problems] == ["warning"]


def test_warc_not_an_archive(tmp_path: Path) -> None:
    (tmp_path / "junk.warc.gz").write_bytes(b"\x1f\x8bnot gzip at all")
    (tmp_path / "text.warc").write_bytes(b"Just some text, not a WARC record.\n")
    out = list(iter_documents(tmp_path))
    assert not [d for d in out if isinstance(d, Document)]
    errors = [e.doc_id for e in out if isinstance(e, ErrorRecord) and e.severity == "error"]
    assert errors == ["junk.warc.gz", "text.warc"]


def _write(folder: Path, data: bytes) -> Path:
    path = folder / "full.warc"
    path.write_bytes(data)
    return path


def _record_spans(data: bytes) -> list[tuple[int, int]]:
    records = ArchiveIterator(io.BytesIO(data))
    spans = []
    for _ in records:
        records.read_to_end()
        start = records.get_record_offset()
        spans.append((start, start + records.get_record_length()))
    return spans
