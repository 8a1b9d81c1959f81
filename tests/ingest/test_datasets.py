"""Datasets: .parquet and .csv files with one article per row, read in row batches.

ROWS rows are invented news datasets (built with pyarrow or written as CSV bytes) with the
documents and error records expected, in order, as (doc id, row, what) triples: what is
the text's start for a document, the reason's start for an error record.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from models import Document, ErrorRecord, Settings
from pipeline.ingest import datasets
from pipeline.ingest.sources import iter_documents


def _parquet(table: dict[str, list[Any]], **kwargs: Any) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        pq.write_table(pa.table(table), path, **kwargs)

    return write


def _csv(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _corrupt_second_group(path: Path) -> None:
    # Three row groups (5, 5 and 2 rows); the pages of the second are overwritten.
    texts = [f"Story {i}." for i in range(1, 13)]
    pq.write_table(pa.table({"text": texts}), path, row_group_size=5)
    column = pq.ParquetFile(path).metadata.row_group(1).column(0)
    start = column.dictionary_page_offset or column.data_page_offset
    size = column.total_compressed_size // 2
    data = bytearray(path.read_bytes())
    data[start : start + size] = b"\xff" * size
    path.write_bytes(bytes(data))


class Rows(NamedTuple):
    name: str
    file: str
    write: Callable[[Path], None]
    settings: Settings
    want: list[tuple[str | None, int | None, str]]


T1 = dt.datetime(2024, 1, 2, 10, 30)
ROWS = [
    Rows(
        "parquet with id, date and url columns",
        "news.parquet",
        _parquet(
            {
                "article_id": ["n1", "n2", "n3"],
                "body": ["Acme will spend $5bn.", "Borealis buys Cobalt.", "Delta cuts capex."],
                "published": [T1, None, T1],
                "link": ["https://x.example/1", None, None],
            },
            row_group_size=2,  # two row groups: the batches cross a group boundary
        ),
        Settings(
            text_column="body", id_column="article_id", date_column="published", url_column="link"
        ),
        [
            ("news.parquet#n1", 1, "Acme"),
            ("news.parquet#n2", 2, "Bore"),
            ("news.parquet#n3", 3, "Delt"),
        ],
    ),
    Rows(
        "parquet without an id column: row numbers",
        "plain.parquet",
        _parquet({"text": ["First story.", "Second story."], "n": [1, 2]}),
        Settings(),
        [("plain.parquet#1", 1, "First"), ("plain.parquet#2", 2, "Second")],
    ),
    Rows(
        "parquet bad rows: empty, missing id, duplicate id",
        "bad-rows.parquet",
        _parquet({"id": [7, 8, None, 7, 9], "text": ["One.", "  ", "Three.", "Four.", "Five."]}),
        Settings(id_column="id"),
        [
            ("bad-rows.parquet#7", 1, "One."),
            ("bad-rows.parquet#8", 2, "empty text"),
            ("bad-rows.parquet", 3, "no id in column 'id'"),
            ("bad-rows.parquet#7", 4, "duplicate id"),
            ("bad-rows.parquet#9", 5, "Five."),
        ],
    ),
    Rows(
        "parquet without the text column",
        "other.parquet",
        _parquet({"content": ["Text."]}),
        Settings(),
        [("other.parquet", None, "no column 'text'")],
    ),
    Rows(
        "not a parquet file",
        "fake.parquet",
        _csv(b"PAR1 this is not parquet"),
        Settings(),
        [("fake.parquet", None, "cannot read the parquet file")],
    ),
    Rows(
        "csv with quoted newlines, a bad row, bad UTF-8, a BOM",
        "feed.csv",
        _csv(
            b"\xef\xbb\xbfid,text,date\n"
            b'a1,"Acme said\non Monday it will spend $5bn.",2024-01-02\n'
            b"a2,too,many,fields\n"
            b'a3,"caf\xe9 in Latin-1",2024-01-03\n'
            b'a4,"A fine row, quoted ""here"".",2024-01-04T08:00:00Z\n'
        ),
        Settings(id_column="id", date_column="date"),
        [
            ("feed.csv#a1", 1, "Acme said\non Monday"),
            ("feed.csv", 2, "not a row of the table: 4 fields where the header has 3"),
            ("feed.csv", 3, "not UTF-8"),
            ("feed.csv#a4", 4, 'A fine row, quoted "here".'),
        ],
    ),
    Rows(
        "csv cut inside a quoted value: what is there is read",
        "cut.csv",
        _csv(b'text\n"First row."\n"Second row, cut off in the mid'),
        Settings(),
        [("cut.csv#1", 1, "First row."), ("cut.csv#2", 2, "Second row, cut off")],
    ),
    Rows(
        "parquet with a corrupt row group",
        "corrupt.parquet",
        _corrupt_second_group,
        Settings(),
        [
            *[(f"corrupt.parquet#{i}", i, f"Story {i}.") for i in range(1, 6)],
            ("corrupt.parquet", 6, "rows 6-10: row group 2 is unreadable"),
            *[(f"corrupt.parquet#{i}", i, f"Story {i}.") for i in range(11, 13)],
        ],
    ),
    Rows(
        "empty csv", "empty.csv", _csv(b""), Settings(), [("empty.csv", None, "no column 'text'")]
    ),
]


@pytest.mark.parametrize("case", ROWS, ids=lambda c: c.name)
def test_datasets_rows(tmp_path: Path, case: Rows, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datasets, "CSV_BLOCK_BYTES", 64)  # many blocks even in a small file
    case.write(tmp_path / case.file)
    got = []
    for item in iter_documents(tmp_path, settings=case.settings):
        if isinstance(item, Document):
            got.append((item.id, item.line, item.text))
        else:
            got.append((item.doc_id, item.line, item.reason))
    assert len(got) == len(case.want), got
    for (doc_id, row, text), (want_id, want_row, start) in zip(got, case.want, strict=True):
        assert (doc_id, row) == (want_id, want_row) and text.startswith(start), (doc_id, text)


def test_datasets_metadata(tmp_path: Path) -> None:
    ROWS[0].write(tmp_path / "news.parquet")
    docs = [d for d in iter_documents(tmp_path, settings=ROWS[0].settings)]
    assert all(isinstance(d, Document) for d in docs)
    got = [(d.date, d.date_source, d.url, d.format) for d in docs if isinstance(d, Document)]
    fallback = dt.date(2020, 1, 1)
    assert got == [
        (T1.date(), "column", "https://x.example/1", "parquet"),
        (None, None, None, "parquet"),
        (T1.date(), "column", None, "parquet"),
    ]
    with_default = Settings(**{**ROWS[0].settings.model_dump(), "default_date": fallback})
    second = [d for d in iter_documents(tmp_path, settings=with_default)][1]
    assert isinstance(second, Document) and second.date == fallback


def test_datasets_read_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 5,000 rows through batches of 1,024: the first documents come before the file is
    # read whole (the reader is lazy), and every row arrives once, in order.
    monkeypatch.setattr(datasets, "BATCH_ROWS", 1024)
    texts = [f"Story {i} says Acme will spend ${i} million." for i in range(5000)]
    pq.write_table(pa.table({"text": texts}), tmp_path / "big.parquet", row_group_size=1000)
    reader = iter_documents(tmp_path)
    first = next(reader)
    assert isinstance(first, Document) and first.id == "big.parquet#1"
    rest = [d.text for d in reader if isinstance(d, Document)]
    assert [first.text, *rest] == texts


def test_datasets_truncated_text_warns(tmp_path: Path) -> None:
    pq.write_table(pa.table({"text": ["x" * 50]}), tmp_path / "long.parquet")
    out = list(iter_documents(tmp_path, settings=Settings(max_chars=10)))
    assert [type(o).__name__ for o in out] == ["ErrorRecord", "Document"]
    error, doc = out
    assert isinstance(error, ErrorRecord) and error.severity == "warning"
    assert isinstance(doc, Document) and doc.truncated and len(doc.text) == 10


def test_datasets_export_beside_a_run_is_not_input(tmp_path: Path) -> None:
    # `newsclaims export claims.jsonl -o claims.parquet` beside the run's docs file.
    pq.write_table(pa.table({"claim_id": ["c1"]}), tmp_path / "claims.parquet")
    (tmp_path / "claims.docs.jsonl").write_text("")
    (tmp_path / "story.txt").write_text("Acme spends.")
    assert [d.id for d in iter_documents(tmp_path) if isinstance(d, Document)] == ["story.txt"]
    assert not [e for e in iter_documents(tmp_path) if isinstance(e, ErrorRecord)]


def test_datasets_cli_columns(tmp_path: Path) -> None:
    from pipeline.cli import main

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "feed.csv").write_bytes(
        b"key,body,day,link\n"
        b"k1,Acme Corp will spend $5 billion on a chip plant in Ohio in 2025.,2025-01-02,"
        b"https://x.example/k1\n"
    )
    out = tmp_path / "out" / "claims.jsonl"
    args = ["extract", str(corpus), "-o", str(out), "--workers", "1", "--quiet"]
    columns = ["--text-column", "body", "--id-column", "key", "--date-column", "day"]
    assert main([*args, *columns, "--url-column", "link"]) == 0
    (record,) = [json.loads(x) for x in out.with_suffix(".docs.jsonl").read_text().splitlines()]
    assert (record["doc_id"], record["date"], record["url"], record["line"]) == (
        "feed.csv#k1",
        "2025-01-02",
        "https://x.example/k1",
        1,
    )
    claim = json.loads(out.read_text().splitlines()[0])
    assert (claim["doc_id"], claim["amount"]["value"]) == ("feed.csv#k1", 5e9)
