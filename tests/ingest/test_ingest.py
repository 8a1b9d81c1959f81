"""Ingestion: formats, date rules, doc ids, and every bad input of issue 5.

FORMATS rows are one file each (name, bytes) with the doc id, date and date rule expected;
BAD_FILES rows are inputs that must become an error record, never an exception.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import Document, ErrorRecord, Settings
from pipeline.errors import InputError
from pipeline.ingest.sources import iter_documents, iter_units, read_source
from pipeline.ingest.units import FileSource

DEFAULT = Settings(default_date=dt.date(2020, 1, 1))
HTML = b"""<html><head><title>Acme to build a plant</title>
<meta property="article:published_time" content="2024-05-03T10:00:00Z">
<link rel="canonical" href="https://example.com/acme"></head>
<body><nav>Home | Markets | $99 billion deal of the day</nav>
<article><h1>Acme to build a plant</h1>
<p>Acme Corp said on Tuesday it would spend $5 billion on a chip plant in Ohio in 2025,
according to people familiar with the plan.</p>
<p>The company has not said how it would pay for the plant, which is its largest.</p>
</article><script>var ad = "$1 trillion";</script>
<div class="comments"><p>Reader comment: $3 million is nothing.</p></div></body></html>"""


class Case(NamedTuple):
    name: str
    data: bytes
    doc_id: str
    date: dt.date | None
    date_source: str | None


FORMATS = [
    Case(
        "reuters-1.txt",
        b"1987-02-26\nBAHIA COCOA REVIEW\nText.\n",
        "reuters-1.txt",
        dt.date(1987, 2, 26),
        "first_line",
    ),
    Case("a/b/nested.txt", b"No date here.\n", "a/b/nested.txt", dt.date(2020, 1, 1), "default"),
    Case("bad-date.txt", b"1987-13-45\nHEADLINE\n", "bad-date.txt", dt.date(2020, 1, 1), "default"),
    Case(
        "post.md",
        b"---\ntitle: x\ndate: 2024-05-03\n---\n# Big spend\n",
        "post.md",
        dt.date(2024, 5, 3),
        "front_matter",
    ),
    Case(
        "quoted.md",
        b'---\ndate: "2023-11-30T08:00:00Z"\n---\nBody\n',
        "quoted.md",
        dt.date(2023, 11, 30),
        "front_matter",
    ),
    Case("plain.md", b"2021-06-01\n# Title\n", "plain.md", dt.date(2021, 6, 1), "first_line"),
    Case("page.html", HTML, "page.html", dt.date(2024, 5, 3), "html_meta"),
    Case(
        "page.HTM",
        HTML.replace(b'content="2024-05-03T10:00:00Z"', b""),
        "page.HTM",
        dt.date(2020, 1, 1),
        "default",
    ),
]


def _write(root: Path, name: str, data: bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _docs(corpus: Path | str, settings: Settings = DEFAULT) -> list[Document]:
    return [d for d in iter_documents(corpus, settings=settings) if isinstance(d, Document)]


def _errors(corpus: Path | str, settings: Settings = DEFAULT) -> list[ErrorRecord]:
    return [d for d in iter_documents(corpus, settings=settings) if isinstance(d, ErrorRecord)]


@pytest.mark.parametrize("case", FORMATS, ids=lambda c: c.name)
def test_ingest_formats_and_dates(tmp_path: Path, case: Case) -> None:
    _write(tmp_path, case.name, case.data)
    (doc,) = _docs(tmp_path)
    assert (doc.id, doc.date, doc.date_source) == (case.doc_id, case.date, case.date_source)


def test_ingest_text_is_kept_as_written(tmp_path: Path) -> None:
    # Offsets point into the text as ingested: the date line stays; Markdown is rendered
    # (its front matter is metadata, never text: see test_markdown.py).
    reuters = b"1987-02-26\r\nHEADLINE\r\n  Body with $5 mln.\r\n"
    md = b"---\ndate: 2024-05-03\n---\nBody\n"
    _write(tmp_path, "r.txt", reuters)
    _write(tmp_path, "m.md", md)
    texts = {d.id: d.text for d in _docs(tmp_path)}
    assert texts == {"r.txt": reuters.decode(), "m.md": "Body"}


def test_ingest_html_article_text_only(tmp_path: Path) -> None:
    _write(tmp_path, "page.html", HTML)
    (doc,) = _docs(tmp_path)
    assert doc.text.startswith("Acme to build a plant")
    assert "$5 billion" in doc.text
    for junk in ("$99 billion", "$1 trillion", "var ad"):
        assert junk not in doc.text
    assert (doc.url, doc.format) == ("https://example.com/acme", "html")


def test_ingest_jsonl_records(tmp_path: Path) -> None:
    feed = (
        b'{"id": "a1", "text": "Acme spends $5bn.", "date": "2024-01-02", "url": "https://x"}\n'
        b"\n"
        b'{"id": 7, "text": "1999-09-09\\nNo date field."}\n'
        b'{"id": "a3", "text": "No date at all.", "date": "soon"}\n'
    )
    _write(tmp_path, "sub/feed.jsonl", feed)
    docs = _docs(tmp_path)
    got = [(d.id, d.date, d.date_source, d.line, d.url) for d in docs]
    assert got == [
        ("sub/feed.jsonl#a1", dt.date(2024, 1, 2), "jsonl", 1, "https://x"),
        ("sub/feed.jsonl#7", dt.date(1999, 9, 9), "first_line", 3, None),
        ("sub/feed.jsonl#a3", dt.date(2020, 1, 1), "default", 4, None),
    ]


def test_ingest_single_file_corpus(tmp_path: Path) -> None:
    path = _write(tmp_path, "deep/reuters-264.txt", b"1987-03-01\nTEXT\n")
    (doc,) = _docs(path)
    assert (doc.id, doc.path) == ("reuters-264.txt", str(path))


def test_ingest_no_date_anywhere(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", b"Undated.\n")
    (doc,) = _docs(tmp_path, Settings())
    assert (doc.date, doc.date_source) == (None, None)


def test_ingest_stdin_text_and_jsonl() -> None:
    text = b"1987-03-01\nHEADLINE\nAcme spends $5 mln.\n"
    units = list(iter_units("-", settings=Settings(), stdin=io.BytesIO(text)))
    assert [(u.id, u.text, u.date) for u in units if isinstance(u, Document)] == [
        ("stdin", text.decode(), dt.date(1987, 3, 1))
    ]
    feed = b'\n{"id": "x", "text": "A"}\nnot json\n{"id": "y", "text": "B"}\n'
    units = list(iter_units("-", settings=Settings(), stdin=io.BytesIO(feed)))
    assert [u.id if isinstance(u, Document) else u.line for u in units] == ["stdin#x", 3, "stdin#y"]


def test_ingest_order_is_stable(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c/a.txt", "B.md"):
        _write(tmp_path, name, b"x\n")
    assert [d.id for d in _docs(tmp_path)] == ["B.md", "a.txt", "b.txt", "c/a.txt"]


def test_ingest_missing_corpus(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        list(iter_units(tmp_path / "nope", settings=Settings()))


# --- outputs are never read back -------------------------------------------------------


def test_ingest_skips_own_outputs(tmp_path: Path) -> None:
    _write(tmp_path, "feed.jsonl", b'{"id": 1, "text": "A"}\n')
    for name in ("run.claims.jsonl", "run.docs.jsonl", "run.errors.jsonl", "run.journal.jsonl"):
        _write(tmp_path, name, b'{"id": 1, "text": "not an input"}\n')
    _write(tmp_path, "claims.jsonl", b'{"claim_id": "x"}\n')  # beside claims.docs.jsonl
    _write(tmp_path, "claims.docs.jsonl", b"")
    _write(tmp_path, "explicit.jsonl", b'{"id": 1, "text": "excluded by path"}\n')
    _write(tmp_path, "out.txt", b"an output named like an article\n")
    _write(tmp_path, ".hidden/a.txt", b"hidden folder\n")
    units = list(
        iter_units(
            tmp_path,
            settings=Settings(),
            exclude=[tmp_path / "explicit.jsonl", tmp_path / "x" / ".." / "out.txt"],
        )
    )
    assert [getattr(u, "id", u) for u in units] == ["feed.jsonl#1"]


# --- bad inputs: each becomes one record, never an exception ----------------------------


class Bad(NamedTuple):
    name: str
    data: bytes
    severity: str
    reason: str


BAD_FILES = [
    Bad("empty.txt", b"", "skipped", "empty file"),
    Bad("blank.md", b" \n\t\n", "skipped", "empty file"),
    Bad("binary.txt", bytes(range(256)) * 20, "error", "binary file"),
    Bad(
        "nav-only.html",
        b"<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>",
        "skipped",
        "no article text",
    ),
    Bad(
        "undecodable.txt",
        bytes((i * 7919 + 13) % 255 + 1 for i in range(4000)),  # noise without NUL bytes
        "error",
        "no text encoding detected",
    ),
]


@pytest.mark.parametrize("bad", BAD_FILES, ids=lambda b: b.name)
def test_ingest_bad_file(tmp_path: Path, bad: Bad) -> None:
    _write(tmp_path, bad.name, bad.data)
    _write(tmp_path, "good.txt", b"A good article.\n")
    items = list(iter_documents(tmp_path, settings=Settings()))
    errors = [i for i in items if isinstance(i, ErrorRecord)]
    assert [d.id for d in items if isinstance(d, Document)] == ["good.txt"]
    assert [(e.doc_id, e.severity) for e in errors] == [(bad.name, bad.severity)]
    assert bad.reason in errors[0].reason


JSONL_BAD_LINES = [
    (b"not json at all", "error", "not JSON"),
    (b'{"id": "a", "text": "trunc', "error", "not JSON"),
    (b"[1, 2]", "error", "not an object"),
    (b'{"text": "no id"}', "error", 'no "id"'),
    (b'{"id": true, "text": "bool id"}', "error", 'no "id"'),
    (b'{"id": "n"}', "error", 'no "text"'),
    (b'{"id": "n", "text": 5}', "error", 'no "text"'),
    (b'{"id": "good", "text": "again"}', "error", "duplicate id"),
    (b'{"id": "e", "text": "  "}', "skipped", "empty text"),
    (b'{"id": "u", "text": "caf\xe9"}', "error", "not UTF-8"),
]


@pytest.mark.parametrize(("line", "severity", "reason"), JSONL_BAD_LINES, ids=repr)
def test_ingest_jsonl_bad_line(tmp_path: Path, line: bytes, severity: str, reason: str) -> None:
    # The bad line is reported with its number; the lines around it are read.
    _write(
        tmp_path,
        "feed.jsonl",
        b'{"id": "good", "text": "A"}\n' + line + b'\n{"id": "z", "text": "Z"}\n',
    )
    items = list(iter_documents(tmp_path, settings=Settings()))
    assert [d.id for d in items if isinstance(d, Document)] == ["feed.jsonl#good", "feed.jsonl#z"]
    (error,) = [e for e in items if isinstance(e, ErrorRecord)]
    assert (error.line, error.severity) == (2, severity)
    assert reason in error.reason


def test_ingest_jsonl_surrogates_and_long_line(tmp_path: Path) -> None:
    settings = Settings(max_chars=10)
    feed = b'{"id": "s", "text": "a\\ud800b"}\n{"id": "long", "text": "' + b"x" * 5000 + b'"}\n'
    feed += b'{"id": "t", "text": "0123456789abc"}\n'
    _write(tmp_path, "feed.jsonl", feed)
    items = list(iter_documents(tmp_path, settings=settings))
    docs = {d.id: d for d in items if isinstance(d, Document)}
    assert docs["feed.jsonl#s"].text == "a\ufffdb"
    assert (docs["feed.jsonl#t"].text, docs["feed.jsonl#t"].truncated) == ("0123456789", True)
    reasons = sorted(
        (e.line, e.severity, e.reason[:12]) for e in items if isinstance(e, ErrorRecord)
    )
    assert reasons == [
        (1, "warning", "lone surrogat"[:12]),
        (2, "error", "line too lon"),
        (3, "warning", "longer than "),
    ]


def test_ingest_not_utf8_says_what_was_assumed(tmp_path: Path) -> None:
    text = "Le café a coûté 5 millions de dollars à la société, a déclaré le président. " * 5
    _write(tmp_path, "latin.txt", text.encode("latin-1"))
    items = list(iter_documents(tmp_path, settings=Settings()))
    (doc,) = [d for d in items if isinstance(d, Document)]
    (warning,) = [e for e in items if isinstance(e, ErrorRecord)]
    assert doc.encoding != "utf-8" and "café" in doc.text
    assert warning.severity == "warning" and doc.encoding in warning.reason
    assert doc.encoding_note is not None and "not valid UTF-8" in doc.encoding_note


def test_ingest_bom_encodings(tmp_path: Path) -> None:
    _write(tmp_path, "u16.txt", "2001-01-01\nUTF-16 text $5\n".encode("utf-16"))
    _write(tmp_path, "u8.txt", b"\xef\xbb\xbfBOM text\n")
    docs = {d.id: d for d in _docs(tmp_path)}
    assert docs["u16.txt"].text == "2001-01-01\nUTF-16 text $5\n"
    assert docs["u16.txt"].date == dt.date(2001, 1, 1)
    assert docs["u8.txt"].text == "BOM text\n"


def test_ingest_huge_file_is_bounded(tmp_path: Path) -> None:
    # A 50 MB file: at most 4 x max_chars bytes are read, the text is cut and reported.
    path = tmp_path / "huge.txt"
    line = b"The company said it would spend $5 million on the plant this year.\n"
    with path.open("wb") as f:
        for _ in range(50 * 2**20 // len(line) + 1):
            f.write(line)
    assert path.stat().st_size >= 50 * 2**20
    items = list(iter_documents(tmp_path, settings=Settings()))
    (doc,) = [d for d in items if isinstance(d, Document)]
    (warning,) = [e for e in items if isinstance(e, ErrorRecord)]
    assert len(doc.text) == Settings().max_chars and doc.truncated
    assert warning.severity == "warning" and "--max-chars" in warning.reason


def test_ingest_cut_inside_a_character(tmp_path: Path) -> None:
    # The byte limit can fall inside a multi-byte character: no decoding error follows.
    _write(tmp_path, "e.txt", "é".encode() * 30)
    (doc,) = _docs(tmp_path, Settings(max_chars=5))
    assert doc.text == "ééééé"


def test_ingest_directory_named_like_an_article(tmp_path: Path) -> None:
    _write(tmp_path, "x.txt/inner.txt", b"Inside a folder named x.txt.\n")
    assert [d.id for d in _docs(tmp_path)] == ["x.txt/inner.txt"]
    assert _errors(tmp_path) == []


def test_ingest_symlink_loops(tmp_path: Path) -> None:
    _write(tmp_path, "a/real.txt", b"Real.\n")
    os.symlink("..", tmp_path / "a" / "up")  # a folder inside itself
    os.symlink("two.txt", tmp_path / "one.txt")  # one.txt -> two.txt -> one.txt
    os.symlink("one.txt", tmp_path / "two.txt")
    os.symlink("a", tmp_path / "b")  # the same folder twice: read once
    os.symlink("missing.txt", tmp_path / "broken.txt")
    items = list(iter_documents(tmp_path, settings=Settings()))
    assert [d.id for d in items if isinstance(d, Document)] == ["a/real.txt"]
    got = sorted(
        (e.doc_id, e.severity, e.reason.split(":")[0]) for e in items if isinstance(e, ErrorRecord)
    )
    assert got == [
        ("a/up", "skipped", "symlink loop"),
        ("b", "skipped", "folder already read as '" + str(tmp_path / "a") + "'"),
        ("broken.txt", "error", "broken symlink"),
        ("one.txt", "skipped", "symlink loop"),
        ("two.txt", "skipped", "symlink loop"),
    ]


# Symbolic links inside a corpus: (link name, target or None for one outside the corpus,
# read without --follow-links, read with it, reason of the skipped record). Issue 12.
LINKS = [
    ("inside.txt", "a/real.txt", True, True, None),
    ("outside.txt", None, False, True, "outside the corpus"),
    ("passwd.txt", "/etc/passwd", False, True, "outside the corpus"),
    ("proc", "/proc/self", False, False, "system files are never read"),
    ("devices", "/dev", False, False, "system files are never read"),
]


@pytest.mark.parametrize("follow", [False, True], ids=["default", "follow-links"])
def test_ingest_links_stay_inside_the_corpus(tmp_path: Path, follow: bool) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus, "a/real.txt", b"Real.\n")
    _write(tmp_path, "elsewhere/victim.txt", b"Someone else's file.\n")
    for name, target, *_ in LINKS:
        os.symlink(target or tmp_path / "elsewhere" / "victim.txt", corpus / name)
    units = list(iter_units(corpus, settings=Settings(), follow_links=follow))
    read = {u.doc_id for u in units if isinstance(u, FileSource)}
    skipped = {u.doc_id: u.reason for u in units if isinstance(u, ErrorRecord)}
    assert len(units) == len(read) + len(skipped) >= 3
    for name, _target, by_default, with_follow, reason in LINKS:
        if by_default or (follow and with_follow):
            assert name in read, name
        else:
            assert reason is not None and reason in skipped[name], (name, skipped)
    assert not any(u.startswith(("proc/", "devices/")) for u in read)


def test_ingest_unreadable_file(tmp_path: Path) -> None:
    # A path that cannot be opened as a file (here a folder; as root, chmod 000 opens).
    (tmp_path / "gone.txt").mkdir()
    doc, problems = read_source(
        FileSource("gone.txt", str(tmp_path / "gone.txt"), "txt"), settings=Settings()
    )
    assert doc is None
    assert [(p.severity, p.reason.split(":")[0]) for p in problems] == [
        ("error", "cannot read the file")
    ]


def test_ingest_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod 000 does not stop root (CI runs as root), so the refusal is simulated where
    # the file is opened; the rest of the folder is still read.
    path = _write(tmp_path, "secret.txt", b"x\n")
    _write(tmp_path, "open.txt", b"Ford is to invest 23 mln stg.\n")
    real_open = open

    def refusing_open(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", refusing_open)
    (error,) = _errors(tmp_path)
    assert error.severity == "error" and "Permission denied" in error.reason
    assert [d.id for d in _docs(tmp_path)] == ["open.txt"]


def test_ingest_fifo_is_not_opened(tmp_path: Path) -> None:
    # Opening a named pipe would block the walk forever.
    os.mkfifo(tmp_path / "pipe.txt")
    (error,) = _errors(tmp_path)
    assert (error.doc_id, error.severity) == ("pipe.txt", "skipped")


@settings(max_examples=60, deadline=None)
@given(
    data=st.binary(max_size=600)
    | st.text(max_size=300).map(lambda t: t.encode("utf-8", "replace")),
    suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl"]),
    max_chars=st.integers(min_value=1, max_value=200),
)
def test_ingest_never_raises_on_any_bytes(data: bytes, suffix: str, max_chars: int) -> None:
    # Whatever a file holds, ingestion yields documents within --max-chars and records.
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "x" + suffix).write_bytes(data)
        items = list(iter_documents(tmp, settings=Settings(max_chars=max_chars)))
    for item in items:
        if isinstance(item, Document):
            assert 0 < len(item.text) <= max_chars and item.text.strip()
            item.text.encode("utf-8")  # no lone surrogates: the docs file can hold it
        else:
            assert item.severity in ("error", "skipped", "warning") and item.reason


# Inputs read with an assumption the errors file must state (issue 12): the file, its
# bytes, the warning's fragment, and a text the article must still hold.
WARNED = [
    ("late-nul.txt", b"Acme will spend $5 million. " * 400 + b"\x00\x00 more.\n",
     "2 NUL characters removed", "million.  more."),
    ("bad-date.jsonl", b'{"id": 1, "text": "Acme spends $5m.", "date": "not-a-date"}\n',
     "date 'not-a-date' is not a date as YYYY-MM-DD: ignored", "Acme spends"),
    ("no-such-day.jsonl", b'{"id": 1, "text": "Acme spends $5m.", "date": "2024-13-45"}\n',
     "date '2024-13-45' is not a date", "Acme spends"),
    ("front.md", b"---\ndate: 2024-13-45\n---\nAcme spends $5m.\n",
     "date '2024-13-45' is not a date", "Acme spends"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "warning", "kept"), WARNED, ids=[w[0] for w in WARNED])
def test_ingest_assumptions_are_warned(
    tmp_path: Path, name: str, data: bytes, warning: str, kept: str
) -> None:
    _write(tmp_path, name, data)
    (doc,) = _docs(tmp_path)
    (error,) = _errors(tmp_path)
    assert error.severity == "warning" and warning in error.reason, error
    assert kept in doc.text and "\x00" not in doc.text
    assert doc.date_source == "default"  # the bad date ignored, --date used


# Pages that give no article text, and the reason their record gives (issue 12).
NO_ARTICLE = [
    ("deep.html", "<html><body>" + "<div>" * 100_000 + "<p>Acme will spend $5 billion on "
     "a new plant, the company said.</p>" + "</div>" * 100_000 + "</body></html>",
     "nest 100003 deep, deeper than the HTML parser reads (255)"),
    ("menu.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>",
     "no article text in the HTML"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "page", "reason"), NO_ARTICLE, ids=[n[0] for n in NO_ARTICLE])
def test_ingest_html_without_article_says_why(
    tmp_path: Path, name: str, page: str, reason: str
) -> None:
    _write(tmp_path, name, page.encode())
    assert _docs(tmp_path) == []
    (error,) = _errors(tmp_path)
    assert error.severity == "skipped" and error.reason.endswith(reason), error.reason
