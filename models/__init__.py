"""The one schema of newsclaims: every record the pipeline reads or writes.

Every model is a frozen pydantic v2 model; sequences are tuples; offsets are
character offsets into the document text they came from.
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.0"

Qualifier = Literal["exact", "approx", "over", "at_least", "under", "at_most", "range"]
Flag = Literal["planned", "actual", "reported", "disputed"]
# "warning": the article was read, but with an assumption the errors file reports
# (an encoding guessed, the text truncated at --max-chars, a date that did not parse).
Severity = Literal["error", "skipped", "warning"]
SourceFormat = Literal["txt", "md", "html", "jsonl", "stdin"]
DateSource = Literal["first_line", "front_matter", "jsonl", "html_meta", "default"]

__all__ = [
    "SCHEMA_VERSION",
    "Amount",
    "Claim",
    "DateSource",
    "DocRecord",
    "Document",
    "ErrorRecord",
    "Evidence",
    "Flag",
    "Period",
    "Qualifier",
    "RunSummary",
    "Settings",
    "Severity",
    "Source",
    "SourceFormat",
    "Subject",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Amount(_Frozen):
    """One money amount as written in a text.

    `value` is in the currency's main unit (1.5bn -> 1.5e9, 50 cents -> 0.5);
    a range sets `min`/`max` and qualifier "range" instead of `value`.
    `equivalent_of` is the index (in the same list of amounts) of the amount
    that this one restates in another currency ("200 billion yuan (roughly
    $30 billion)").
    """

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    value: float | None = Field(default=None, ge=0)
    min: float | None = Field(default=None, ge=0)
    max: float | None = Field(default=None, ge=0)
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    qualifier: Qualifier = "exact"
    equivalent_of: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _check_consistency(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"amount end {self.end} < start {self.start} in {self.text!r}")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"range min {self.min} > max {self.max} in {self.text!r}")
        is_range = self.min is not None or self.max is not None
        if is_range and (self.min is None or self.max is None):
            raise ValueError(f"a range needs both min and max in {self.text!r}")
        if is_range and self.value is not None:
            raise ValueError(f"an amount has either value or min/max, not both, in {self.text!r}")
        if not is_range and self.value is None:
            raise ValueError(f"an amount needs a value or a min/max range in {self.text!r}")
        if is_range != (self.qualifier == "range"):
            raise ValueError(
                f"qualifier 'range' goes with min/max and only with them "
                f"({self.qualifier!r} given) in {self.text!r}"
            )
        return self


class Document(_Frozen):
    """One article as ingested: `text` is what every offset points into."""

    id: str
    text: str
    date: _dt.date | None = None
    path: str | None = None
    url: str | None = None
    encoding_note: str | None = None
    format: SourceFormat = "txt"
    line: int | None = Field(default=None, ge=1)  # line of a .jsonl record, 1-based
    date_source: DateSource | None = None  # which rule gave `date`
    encoding: str = "utf-8"  # the encoding the bytes were decoded with
    truncated: bool = False  # True when cut to Settings.max_chars


class Subject(_Frozen):
    """The spender as named: offsets of the mention the subject resolves to."""

    name: str
    start: int | None = None
    end: int | None = None


class Period(_Frozen):
    """The year the spending belongs to; `text` keeps the words as written."""

    year: int | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


class Source(_Frozen):
    """Who a claim is attributed to ("Reuters", "The Information", "ByteDance")."""

    name: str
    text: str | None = None
    start: int | None = None
    end: int | None = None


class Evidence(_Frozen):
    """A sentence that states the claim, with its offsets into the document."""

    sentence: str
    start: int
    end: int


class Claim(_Frozen):
    """One spending claim (or one percent change of spending) in one document."""

    schema_version: str = SCHEMA_VERSION
    claim_id: str
    doc_id: str
    kind: Literal["spending", "change"] = "spending"
    subject: Subject | None = None
    item: str | None = None
    amount: Amount | None = None
    equivalents: tuple[Amount, ...] = ()
    change_pct: float | None = None
    period: Period | None = None
    sources: tuple[Source, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    flags: tuple[Flag, ...] = ()
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    rules: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _check_kind(self) -> Self:
        if self.kind == "spending" and self.amount is None:
            raise ValueError(f"spending claim {self.claim_id} has no amount")
        if self.kind == "change" and self.change_pct is None:
            raise ValueError(f"change record {self.claim_id} has no change_pct")
        return self


class DocRecord(_Frozen):
    """An article's text as written beside the claims (`<output>.docs.jsonl`)."""

    doc_id: str
    text: str
    date: _dt.date | None = None
    url: str | None = None
    path: str | None = None  # the file read ("-" for standard input)
    line: int | None = None  # the line of a .jsonl record
    format: SourceFormat = "txt"
    date_source: DateSource | None = None
    encoding: str = "utf-8"
    encoding_note: str | None = None
    truncated: bool = False
    sha256: str | None = None  # hex SHA-256 of `text` encoded as UTF-8


class ErrorRecord(_Frozen):
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


class Settings(_Frozen):
    """Options of an extraction run, passed explicitly to every stage."""

    default_dollar: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    default_date: _dt.date | None = None
    max_chars: int = Field(default=2_000_000, gt=0)
    parse_all: bool = False


# ---------------------------------------------------------------------------
# Analysis models (issue 6): USD normalisation, consolidated facts, review spans.
# They are built from the claim records above and never change them.
# ---------------------------------------------------------------------------

__all__ += ["Fact", "ReportedValue", "ReviewMeta", "ReviewRecord", "ReviewSpan", "UsdValue"]

SpanLabel = Literal["AMOUNT", "EQUIVALENT", "SUBJECT", "YEAR", "SOURCE"]


class UsdValue(_Frozen):
    """An amount in US dollars at the yearly average ECB rate, or why there is none.

    `rate` is US dollars per unit of the original currency, averaged over the
    daily reference rates of `rate_year`; `year_basis` says where the year
    came from. When `value_usd` (or `min_usd`/`max_usd`) is None, `reason`
    says why; a `reason` beside a value notes a fallback (a later year's rate).
    """

    value_usd: float | None = None
    min_usd: float | None = None
    max_usd: float | None = None
    rate: float | None = Field(default=None, gt=0)
    rate_year: int | None = None
    year_basis: Literal["claim", "document"] | None = None
    reason: str | None = None

    @model_validator(mode="after")
    def _check_reason(self) -> Self:
        if self.value_usd is None and self.min_usd is None and self.reason is None:
            raise ValueError("a missing USD value needs a reason")
        return self


class ReportedValue(_Frozen):
    """One claim's figure inside a consolidated fact, with where it came from."""

    claim_id: str
    doc_id: str
    subject: str
    item: str | None = None
    amount: Amount
    year: int | None = None
    usd: UsdValue
    sources: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()
    evidence: Evidence | None = None


class Fact(_Frozen):
    """Claims of several articles about the same spending: spender, year, item.

    `spread_min`/`spread_max` are the lowest and highest reported values in
    `spread_currency` (USD where every value has a rate, else the currency
    they share, else USD over the values that have a rate); `disputed` is
    True when they differ by more than `tolerance` or a denial was recorded,
    and `disputed_reasons` says which.
    """

    fact_id: str
    spender: str
    year: int | None = None
    item: str | None = None
    category: str | None = None
    values: tuple[ReportedValue, ...]
    spread_min: float | None = None
    spread_max: float | None = None
    spread_currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    tolerance: float = Field(default=0.1, ge=0.0)
    disputed: bool = False
    disputed_reasons: tuple[str, ...] = ()


class ReviewSpan(_Frozen):
    """A labelled character span, as annotation tools import it."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    label: SpanLabel


class ReviewMeta(_Frozen):
    """What an annotation tool shows beside a text, and what joins it back."""

    doc_id: str
    date: _dt.date | None = None
    url: str | None = None
    claim_ids: tuple[str, ...] = ()


class ReviewRecord(_Frozen):
    """One article for review: Prodigy's `spans` plus doccano's `label` triples."""

    text: str
    spans: tuple[ReviewSpan, ...]
    label: tuple[tuple[int, int, SpanLabel], ...]
    meta: ReviewMeta


class ClaimRow(_Frozen):
    """One claim as a flat table row: the columns of `pipeline.io.load_claims`.

    Lists hold names or sentences; `evidence_start`/`evidence_end` are the
    offsets of the first evidence sentence; the USD columns come from UsdValue.
    """

    doc_id: str
    claim_id: str
    kind: str
    subject: str | None = None
    subject_start: int | None = None
    subject_end: int | None = None
    item: str | None = None
    amount_text: str | None = None
    amount_start: int | None = None
    amount_end: int | None = None
    value: float | None = None
    min: float | None = None
    max: float | None = None
    currency: str | None = None
    qualifier: str | None = None
    change_pct: float | None = None
    year: int | None = None
    period_text: str | None = None
    sources: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    evidence_start: int | None = None
    evidence_end: int | None = None
    equivalents: tuple[str, ...] = ()
    confidence: float
    rules: tuple[str, ...] = ()
    doc_date: _dt.date | None = None
    value_usd: float | None = None
    min_usd: float | None = None
    max_usd: float | None = None
    usd_rate: float | None = None
    rate_year: int | None = None
    year_basis: str | None = None
    usd_reason: str | None = None


__all__ += ["ClaimRow"]


class LabelStudioValue(_Frozen):
    """A labelled text region in Label Studio's result format."""

    start: int
    end: int
    text: str
    labels: tuple[SpanLabel, ...]


class LabelStudioResult(_Frozen):
    """One pre-annotation region; from_name/to_name match the labeling config."""

    id: str
    from_name: str = "label"
    to_name: str = "text"
    type: Literal["labels"] = "labels"
    value: LabelStudioValue


class LabelStudioPrediction(_Frozen):
    """The extractor's spans of one article, as Label Studio pre-annotations."""

    model_version: str = "newsclaims"
    result: tuple[LabelStudioResult, ...]


class LabelStudioData(_Frozen):
    """The task data: the text plus what joins corrections back to claims."""

    text: str
    doc_id: str
    claim_ids: tuple[str, ...] = ()


class LabelStudioTask(_Frozen):
    """One article as a Label Studio task with pre-annotations."""

    data: LabelStudioData
    predictions: tuple[LabelStudioPrediction, ...]


__all__ += [
    "LabelStudioData",
    "LabelStudioPrediction",
    "LabelStudioResult",
    "LabelStudioTask",
    "LabelStudioValue",
]


class RunSummary(_Frozen):
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
