"""The records of a run: its settings, its error records and its summary."""

from __future__ import annotations

import datetime as _dt

from pydantic import Field

from models._base import Frozen, Severity


class Settings(Frozen):
    """Options of an extraction run, passed explicitly to every stage."""

    default_dollar: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    default_date: _dt.date | None = None
    max_chars: int = Field(default=2_000_000, gt=0)
    parse_all: bool = False
    # The columns of a .parquet or .csv dataset (one article per row).
    text_column: str = Field(default="text", min_length=1)
    id_column: str | None = None  # rows are <file>#<row number> without one
    date_column: str | None = None
    url_column: str | None = None


class ErrorRecord(Frozen):
    """One article that could not be processed, or was skipped, and why.

    Severity "error" is a failure (the run exits non-zero); "skipped" is an input that
    holds no article (an empty file, a symlink loop); "warning" an article that was
    read with an assumption (an encoding guessed, the text truncated).
    """

    path: str
    reason: str
    severity: Severity = "error"
    doc_id: str | None = None
    line: int | None = None  # the line of a .jsonl file the record is about


class RunSummary(Frozen):
    """What an `extract` run wrote: counts over the whole output, resumed part included."""

    articles: int = 0  # documents read (one record each in the docs file)
    claims: int = 0
    errors: int = 0  # records of severity "error": the run failed for these
    skipped: int = 0
    warnings: int = 0
    resumed: int = 0  # units found done by an earlier run and not redone
    seconds: float = 0.0
    words: int = 0  # whitespace-separated words of the articles read in this run

    @property
    def ok(self) -> bool:
        """True when no article failed with severity "error"."""
        return self.errors == 0
