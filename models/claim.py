"""A spending claim and its parts: amount, subject, period, sources, evidence."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, model_validator

from models._base import SCHEMA_VERSION, Flag, Frozen, Qualifier


class Amount(Frozen):
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


class Subject(Frozen):
    """The spender as named: offsets of the mention the subject resolves to."""

    name: str
    start: int | None = None
    end: int | None = None


class Period(Frozen):
    """The year the spending belongs to; `text` keeps the words as written."""

    year: int | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


class Source(Frozen):
    """Who a claim is attributed to ("Reuters", "The Information", "ByteDance")."""

    name: str
    text: str | None = None
    start: int | None = None
    end: int | None = None


class Evidence(Frozen):
    """A sentence that states the claim, with its offsets into the document."""

    sentence: str
    start: int
    end: int


class Claim(Frozen):
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
