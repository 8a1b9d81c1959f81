"""What every record shares: the frozen base model, the literal types, the schema version."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

SCHEMA_VERSION = "1.0"

Qualifier = Literal["exact", "approx", "over", "at_least", "under", "at_most", "range"]
Flag = Literal["planned", "actual", "reported", "disputed"]
# "warning": the article was read, but with an assumption the errors file reports
# (an encoding guessed, the text truncated at --max-chars, a date that did not parse).
Severity = Literal["error", "skipped", "warning"]
SourceFormat = Literal["txt", "md", "html", "jsonl", "stdin", "parquet", "csv", "warc", "wet"]
DateSource = Literal[
    "first_line", "front_matter", "jsonl", "html_meta", "default", "column", "warc_header"
]
SourceMap = tuple[tuple[int, int, int], ...]  # runs of (text_start, source_start, length)
SpanLabel = Literal["AMOUNT", "EQUIVALENT", "SUBJECT", "YEAR", "SOURCE"]


class Frozen(BaseModel):
    """The base of every record: immutable, and unknown fields are an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")
