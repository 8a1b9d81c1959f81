"""Analysis records: USD values, consolidated facts and flat claim rows.

They are built from the claim records and never change them.
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal, Self

from pydantic import Field, model_validator

from models._base import Flag, Frozen
from models.claim import Amount, Evidence


class UsdValue(Frozen):
    """An amount in US dollars at the yearly average ECB rate, or why there is none.

    `rate` is US dollars per unit of the original currency, averaged over the
    daily reference rates of `rate_year`; `year_basis` says where the year
    came from. When `value_usd` (or `min_usd`/`max_usd`) is None, `reason`
    says why; a `reason` beside a value notes a fallback (a later year's rate).
    `stated` is set, as written, when the value is the article's own US dollar
    equivalent of the amount ("roughly $30 billion"): then no rate was used.
    """

    value_usd: float | None = None
    min_usd: float | None = None
    max_usd: float | None = None
    rate: float | None = Field(default=None, gt=0)
    rate_year: int | None = None
    year_basis: Literal["claim", "document"] | None = None
    reason: str | None = None
    stated: str | None = None

    @model_validator(mode="after")
    def _check_reason(self) -> Self:
        if self.value_usd is None and self.min_usd is None and self.reason is None:
            raise ValueError("a missing USD value needs a reason")
        return self


class ReportedValue(Frozen):
    """One claim's figure inside a consolidated fact, with where it came from.

    `published` is the date of the claim's document (None when unknown): a fact
    lists its values in that order, so later values are revisions of earlier ones.
    `copy_of` is the claim id of an earlier value of the fact with the same
    figure and a near-identical evidence sentence (syndicated wire copy, a
    repost): a copy, not a confirmation.
    """

    claim_id: str
    doc_id: str
    published: _dt.date | None = None
    copy_of: str | None = None
    subject: str
    item: str | None = None
    amount: Amount
    year: int | None = None
    usd: UsdValue
    sources: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()
    evidence: Evidence | None = None


class Fact(Frozen):
    """Claims of several articles about the same spending: spender, year, item.

    `spread_min`/`spread_max` are the lowest and highest reported values in
    `spread_currency` (USD where every value has a rate, else the currency
    they share, else USD over the values that have a rate); `disputed` is
    True when they differ by more than `tolerance` or a denial was recorded,
    and `disputed_reasons` says which. `independent_reports` counts the values
    that are not copies of another (see `ReportedValue.copy_of`).
    """

    fact_id: str
    spender: str
    year: int | None = None
    item: str | None = None
    category: str | None = None
    values: tuple[ReportedValue, ...]
    independent_reports: int = Field(ge=0)  # the values that are not copies
    spread_min: float | None = None
    spread_max: float | None = None
    spread_currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    tolerance: float = Field(default=0.1, ge=0.0)
    disputed: bool = False
    disputed_reasons: tuple[str, ...] = ()


class ClaimRow(Frozen):
    """One claim as a flat table row: the columns of `pipeline.analyse.table.load_claims`.

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
    usd_stated: str | None = None
