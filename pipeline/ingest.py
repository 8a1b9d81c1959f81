"""Read articles into `Document`s.

PLACEHOLDER VERSION (plain .txt only): replaced by the full ingestion (issues 4, 5).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import regex

from models import Document

_ISO_DATE_LINE = regex.compile(r"\A\s*(\d{4}-\d{2}-\d{2})\s*$", regex.MULTILINE)


def read_document(path: Path, *, root: Path, default_date: dt.date | None = None) -> Document:
    """Read one .txt article; a first line holding an ISO date is its date."""
    text = path.read_text(encoding="utf-8")
    date = default_date
    m = _ISO_DATE_LINE.match(text)
    if m:
        date = dt.date.fromisoformat(m[1])
    doc_id = path.name if path == root else str(path.relative_to(root))
    return Document(id=doc_id, text=text, date=date, path=str(path))


def iter_documents(corpus: Path, *, default_date: dt.date | None = None) -> Iterator[Document]:
    """Yield the articles of a folder (recursively) or of one file."""
    paths = [corpus] if corpus.is_file() else sorted(p for p in corpus.rglob("*.txt"))
    for path in paths:
        yield read_document(path, root=corpus, default_date=default_date)
