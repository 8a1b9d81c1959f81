"""Shared fixtures: the spaCy pipeline is loaded once per test run.

Also what the batch, journal and Dask tests share: `fake_extract`, a fast deterministic
stand-in for the linker (the batch layer is under test, not the linker);
`write_reuters_corpus`, which writes Reuters-like wire stories; the `wire` corpus (stories
plus bad inputs) and the `reference` outputs of an uninterrupted run over it.
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language

from models import Claim, Document, Settings
from pipeline.amounts.parse import find_amounts
from pipeline.nlp import load_nlp
from pipeline.outputs import output_paths

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
# Seconds fake_extract sleeps per article, so that a kill can land inside a run.
SLOW_ENV = "NEWSCLAIMS_TEST_SLOW"
FAKE_SETTINGS = Settings(max_chars=100_000)

_COMPANIES = ("Acme Industries", "Borealis Mining", "Cobalt Rail", "Delta Foods", "Ember Power")
_ITEMS = ("a new smelter", "rolling stock", "two cereal plants", "a gas pipeline", "AI servers")


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def blank_nlp() -> Language:
    return spacy.blank("en")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


def fake_extract(doc: Document, nlp: Language, settings: Settings) -> list[Claim]:
    """One claim per amount, no linking: what the batch layer needs to be tested.

    An article that holds "EXPLODE" raises, as a linker bug would; one that holds
    "KILLWORKER" kills its process, as the OOM killer would (use it with workers > 1 only);
    one that holds "SLEEPY" takes 30 s, as a linker stuck on hostile text would; one that
    holds "DOZY" takes 1.5 s.
    """
    if "EXPLODE" in doc.text:
        raise RuntimeError(f"linker bug on {doc.id}")
    if "KILLWORKER" in doc.text:
        os.kill(os.getpid(), signal.SIGKILL)
    if "SLEEPY" in doc.text:
        time.sleep(30)
    if "DOZY" in doc.text:
        time.sleep(1.5)
    slow = float(os.environ.get(SLOW_ENV, "0"))
    if slow:
        time.sleep(slow)
    claims = []
    for a in find_amounts(doc.text, default_dollar=settings.default_dollar):
        key = f"{doc.id}:{a.start}:{a.end}".encode()
        claim_id = hashlib.sha1(key).hexdigest()[:16]
        claims.append(Claim(claim_id=claim_id, doc_id=doc.id, amount=a, rules=("fake",)))
    return claims


def fake_extract_many(
    docs: Sequence[Document], nlp: Language, settings: Settings
) -> list[list[Claim]]:
    """`fake_extract` over many documents at once; raises when any of them does."""
    return [fake_extract(doc, nlp, settings) for doc in docs]


def write_reuters_corpus(folder: Path, n: int) -> Path:
    """Write `n` Reuters-like stories (date line, headline, dateline, body) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        company, item = _COMPANIES[i % len(_COMPANIES)], _ITEMS[i % len(_ITEMS)]
        day = 1 + i % 28
        body = (
            f"1987-03-{day:02d}\n"
            f"{company.upper()} TO SPEND ON {item.upper()}\n"
            f"NEW YORK, March {day} - {company} said it will spend ${i + 1} million on\n"
            f"{item} this year, up from ${i % 7 + 1} million in 1986.\n"
            "    The company said the plan was approved by its board.\n"
            " Reuter\n"
        )
        if i % 3 == 0:  # some stories hold no amount at all
            body = f"1987-04-{day:02d}\nMARKETS QUIET\nLONDON, April {day} - Trading was thin.\n"
        (folder / f"reuters-{i + 1}.txt").write_text(body, encoding="utf-8")
    return folder


def read_outputs(out: Path) -> dict[str, bytes]:
    """The bytes of the claims, docs and errors files of a run."""
    paths = output_paths(out)
    return {
        "claims": paths.claims.read_bytes(),
        "docs": paths.docs.read_bytes(),
        "errors": paths.errors.read_bytes(),
    }


def run_fake(corpus: Path, out: Path, nlp: Language, **kwargs: Any) -> dict[str, bytes]:
    """Run extract_corpus with `fake_extract` (one process unless told) and read its outputs."""
    from pipeline.run.batch import extract_corpus

    kwargs = {"workers": 1, "progress": False, **kwargs}
    extract_corpus(corpus, out, settings=FAKE_SETTINGS, nlp=nlp, extract=fake_extract, **kwargs)
    return read_outputs(out)


@pytest.fixture(scope="session")
def wire(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 Reuters-like stories plus bad inputs, in one folder: 66 units of work."""
    corpus = write_reuters_corpus(tmp_path_factory.mktemp("wire") / "corpus", 60)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "boom.txt").write_text("EXPLODE with $5 million\n")
    (corpus / "feed.jsonl").write_bytes(
        b'{"id": "f1", "text": "Acme will spend $2 billion.", "date": "2024-02-01"}\n'
        b"this line is not JSON\n"
        b'{"id": "f2", "text": "Nothing to see."}\n'
    )
    return corpus


def write_formats_corpus(folder: Path) -> Path:
    """Write one corpus with every input format, each with good and bad inputs."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    for i in range(4):
        company = _COMPANIES[i]
        (folder / f"post-{i}.md").write_text(
            f'---\ntitle: "{company} to spend ${i + 2} billion"\ndate: 2025-0{i + 1}-10\n---\n'
            f"[{company}](https://q.example/{i}) will spend **${i + 2} billion** on\n"
            f"{_ITEMS[i]}, its chief\\_executive said.\n",
            encoding="utf-8",
        )
    (folder / "broken-front-matter.md").write_text("---\ntitle: [oops\n---\nText $1bn.\n")
    texts = [
        f"{_COMPANIES[i % 5]} will spend ${i + 1} million on {_ITEMS[i % 5]}." for i in range(40)
    ]
    texts[7] = ""  # an empty row: skipped
    dates = [f"2024-02-{1 + i % 28:02d}" for i in range(40)]
    pq.write_table(
        pa.table({"text": texts, "date": dates}), folder / "rows.parquet", row_group_size=16
    )
    (folder / "rows.csv").write_bytes(
        b"text,date\n"
        + b"".join(f'"{t}",{d}\n'.encode() for t, d in zip(texts[:20], dates[:20], strict=True))
        + b"one,field,too,many\n"
        + b'"caf\xe9 $3 million",2024-03-01\n'
    )
    (folder / "not-really.parquet").write_bytes(b"PAR1 garbage")
    archive = _warc(
        [
            (
                f"https://news.example/{i}",
                "200 OK" if i % 4 else "404 Not Found",
                f"<html><head><title>{_COMPANIES[i % 5]} plans</title></head><body><article>"
                f"<p>{_COMPANIES[i % 5]} said on Monday it will spend ${i + 1} billion on "
                f"{_ITEMS[i % 5]} over the next three years.</p><p>The board approved the "
                "plan, the company said in a statement.</p></article></body></html>",
            )
            for i in range(12)
        ]
    )
    (folder / "crawl.warc.gz").write_bytes(archive)
    (folder / "cut.warc.gz").write_bytes(archive[: len(archive) * 2 // 3])
    return folder


def _warc(pages: list[tuple[str, str, str]]) -> bytes:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i, (url, status, html) in enumerate(pages):
        http = StatusAndHeaders(status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(html.encode()),
            http_headers=http,
            warc_headers_dict={
                "WARC-Date": f"2024-06-{i + 1:02d}T12:00:00Z",
                "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{i:012d}>",
            },
        )
        writer.write_record(record)
    return buf.getvalue()


@pytest.fixture(scope="session")
def formats(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every input format (Markdown, Parquet, CSV, WARC), with bad inputs of each."""
    return write_formats_corpus(tmp_path_factory.mktemp("formats") / "corpus")


@pytest.fixture(scope="session")
def reference(
    wire: Path, tmp_path_factory: pytest.TempPathFactory, blank_nlp: Language
) -> dict[str, bytes]:
    """The outputs of an uninterrupted run over `wire`, in this process."""
    return run_fake(wire, tmp_path_factory.mktemp("ref") / "claims.jsonl", blank_nlp)
