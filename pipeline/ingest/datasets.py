"""Datasets of articles: `.parquet` and `.csv` files with one row per article.

The news datasets people download hold one article per row: a text column and maybe an
id, a date and a URL. They are read with pyarrow in row batches (Parquet row groups
through `ParquetFile.iter_batches`, CSV blocks through the streaming `open_csv`), so a
file of any size is never in memory whole, and only the named columns are read.

Like a `.jsonl` feed, a dataset becomes its documents during the corpus walk: each row is
a `Document` with id `<file>#<id column>` (or `<file>#<row>`, the 1-based row number, when
there is no id column) and `line` set to its row number. Every bad row (no text, a
duplicate id, a CSV row with the wrong number of fields, bytes that are not UTF-8) is an
error record and the other rows are read; a file that cannot be opened, or lacks the text
column, is one error record; a corrupt Parquet row group is one error record for its
rows, and the other groups are read; a file that breaks in the middle otherwise keeps the
rows before and gets an error record for the rest.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from models import DateSource, Document, ErrorRecord, Settings, SourceFormat
from pipeline.ingest.decode import document_date, parse_date

BATCH_ROWS = 1024  # Parquet rows per batch
CSV_BLOCK_BYTES = 1 << 20  # CSV bytes per block; pyarrow reads a few dozen blocks ahead


def iter_dataset(
    path: Path, *, rel: str, fmt: SourceFormat, settings: Settings
) -> Iterator[Document | ErrorRecord]:
    """The documents of a Parquet or CSV file, one per row, and a record per problem.

    path (Path): The file.
    rel (str): Its id in the corpus (rows are `<rel>#<id>`).
    fmt (SourceFormat): "parquet" or "csv".
    settings (Settings): Run options: the column names, max_chars, default_date.
    RETURNS (Iterator[Document | ErrorRecord]): In row order.
    """
    columns = _columns(settings)
    try:
        batches = _parquet_batches(path, columns) if fmt == "parquet" else _csv_batches(path)
        names = next(batches)  # the file's columns, before any row is read
    except (OSError, ValueError, csv.Error) as e:  # pyarrow's ArrowInvalid is a ValueError
        yield _error(path, rel, None, f"cannot read the {fmt} file: {_reason(e)}")
        return
    missing = [c for c in columns.values() if c is not None and c not in names]
    if missing:
        have = ", ".join(repr(n) for n in names[:20])
        reason = f"no column {missing[0]!r} (columns: {have}); see --text-column, --id-column"
        yield _error(path, rel, None, reason)
        return
    seen: set[str] = set()
    row = 0
    bad: dict[int, _BadRow] = {}  # CSV rows that were skipped, by row number
    try:
        for batch in batches:
            if isinstance(batch, _Gap):
                if batch.rows > 0:
                    last = f"-{row + batch.rows}" if batch.rows > 1 else ""
                    yield _error(path, rel, row + 1, f"rows {row + 1}{last}: {batch.reason}")
                row += batch.rows
                continue
            if isinstance(batch, _BadRow):
                if batch.number is None:
                    yield _error(path, rel, None, batch.reason)
                else:
                    bad[batch.number] = batch
                continue
            values = {key: _column(batch, name) for key, name in columns.items()}
            for i in range(batch.num_rows):
                row += 1
                while row in bad:  # a skipped row keeps its number and its place
                    yield _error(path, rel, row, bad.pop(row).reason)
                    row += 1
                yield from _row(
                    {key: (v[i] if v is not None else None) for key, v in values.items()},
                    path=path,
                    rel=rel,
                    row=row,
                    fmt=fmt,
                    seen=seen,
                    settings=settings,
                )
        for number in sorted(bad):
            yield _error(path, rel, number, bad[number].reason)
    except (OSError, ValueError, csv.Error) as e:
        reason = f"the rest of the file, after row {row}, is unreadable: {_reason(e)}"
        yield _error(path, rel, None, reason)


class _Gap(NamedTuple):
    """Rows of a Parquet file that could not be read (a corrupt row group)."""

    rows: int
    reason: str


class _BadRow(NamedTuple):
    """A CSV row pyarrow could not split into the header's columns."""

    number: int | None
    reason: str


def _columns(settings: Settings) -> dict[str, str | None]:
    return {
        "text": settings.text_column,
        "id": settings.id_column,
        "date": settings.date_column,
        "url": settings.url_column,
    }


def _parquet_batches(path: Path, columns: dict[str, str | None]) -> Iterator[Any]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    names = list(parquet.schema_arrow.names)
    yield names
    wanted = [c for c in dict.fromkeys(columns.values()) if c is not None and c in names]
    # One row group at a time, so that a corrupt group costs its own rows only.
    for group in range(parquet.num_row_groups):
        rows = parquet.metadata.row_group(group).num_rows
        done = 0
        try:
            for batch in parquet.iter_batches(
                batch_size=BATCH_ROWS, row_groups=[group], columns=wanted
            ):
                done += batch.num_rows
                yield batch
        except (OSError, ValueError) as e:
            yield _Gap(rows - done, f"row group {group + 1} is unreadable: {_reason(e)}")


def _csv_batches(path: Path) -> Iterator[Any]:
    # Every column is read as bytes and decoded row by row, so that one row that is not
    # UTF-8 is one error record; newlines inside quoted values are allowed (article text).
    import pyarrow as pa
    import pyarrow.csv as pacsv

    bad: list[_BadRow] = []

    def skip(row: Any) -> str:
        reason = f"{row.actual_columns} fields where the header has {row.expected_columns}"
        # pyarrow counts the header as row 1; rows are numbered from the first data row.
        number = row.number - 1 if row.number is not None and row.number > 1 else None
        bad.append(_BadRow(number, f"not a row of the table: {reason}"))
        return "skip"

    with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
        names = next(csv.reader(f), [])  # the header, read alone: no type is inferred
    yield names
    if not names:
        return
    read = pacsv.ReadOptions(block_size=CSV_BLOCK_BYTES, use_threads=False)
    parse = pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=skip)
    convert = pacsv.ConvertOptions(column_types={n: pa.binary() for n in names})
    with pacsv.open_csv(path, read_options=read, parse_options=parse, convert_options=convert) as r:
        for batch in r:
            yield from bad
            bad.clear()
            yield batch
    yield from bad


def _column(batch: Any, name: str | None) -> list[Any] | None:
    if name is None:
        return None
    index = batch.schema.get_field_index(name)
    return batch.column(index).to_pylist() if index >= 0 else None


def _row(
    values: dict[str, Any],
    *,
    path: Path,
    rel: str,
    row: int,
    fmt: SourceFormat,
    seen: set[str],
    settings: Settings,
) -> Iterator[Document | ErrorRecord]:
    try:
        text, rid, url = (_text(values[k]) for k in ("text", "id", "url"))
    except UnicodeDecodeError as e:
        yield _error(path, rel, row, f"not UTF-8 ({e.reason} at byte {e.start})")
        return
    if settings.id_column is not None and not rid:
        yield _error(path, rel, row, f"no id in column {settings.id_column!r}")
        return
    doc_id = f"{rel}#{rid if settings.id_column is not None else row}"
    if doc_id in seen:
        yield _error(path, rel, row, f"duplicate id {rid!r} in the file", doc_id=doc_id)
        return
    seen.add(doc_id)
    if text is None or not text[: settings.max_chars].strip():
        yield _error(path, rel, row, "empty text", doc_id=doc_id, severity="skipped")
        return
    truncated = len(text) > settings.max_chars
    if truncated:
        reason = f"longer than --max-chars: only the first {settings.max_chars:,} characters read"
        yield _error(path, rel, row, reason, doc_id=doc_id, severity="warning")
        text = text[: settings.max_chars]
    date = _date(values["date"])
    source: DateSource | None = "column" if date else None
    date, source = document_date(text, date, source, settings)
    yield Document(
        id=doc_id,
        text=text,
        date=date,
        path=str(path),
        url=url,
        format=fmt,
        line=row,
        date_source=source,
        truncated=truncated,
    )


def _text(value: Any) -> str | None:
    # A cell as text: bytes (CSV) decoded as UTF-8, numbers (an integer id) written out.
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    text = str(value)
    return text if text.strip() else None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return parse_date(value)


def _reason(e: BaseException) -> str:
    return " ".join(str(e).split())[:300] or type(e).__name__


def _error(
    path: Path,
    rel: str,
    row: int | None,
    reason: str,
    *,
    doc_id: str | None = None,
    severity: str = "error",
) -> ErrorRecord:
    return ErrorRecord.model_validate(
        {
            "path": str(path),
            "reason": reason,
            "severity": severity,
            "doc_id": doc_id or rel,
            "line": row,
        }
    )


__all__: Sequence[str] = ["iter_dataset"]
