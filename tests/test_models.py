"""The schema: validation of inconsistent amounts and the JSON round trip."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from models import Amount, Claim, Period, Source, Subject


def test_models_amount_round_trip() -> None:
    a = Amount(text="$5bn", start=0, end=4, value=5e9, currency="USD")
    assert Amount.model_validate_json(a.model_dump_json()) == a


@pytest.mark.parametrize(
    "kwargs",
    [
        {"min": 5.0, "max": 3.0, "qualifier": "range"},
        {"value": -1.0},
        {"value": 1.0, "qualifier": "roughly"},
        {"min": 1.0, "max": 2.0},
        {"value": 1.0, "currency": "usd"},
        {},
    ],
    ids=repr,
)
def test_models_amount_rejects_inconsistent(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Amount(text="x", start=0, end=1, **kwargs)  # type: ignore[arg-type]


def test_models_claim_round_trip() -> None:
    claim = Claim(
        claim_id="abc",
        doc_id="d.txt",
        subject=Subject(name="ByteDance", start=0, end=9),
        amount=Amount(text="Rmb150bn", start=20, end=28, value=150e9, currency="CNY"),
        period=Period(year=2025, text="for 2025"),
        sources=(Source(name="Reuters"),),
        flags=("reported",),
    )
    assert Claim.model_validate_json(claim.model_dump_json()) == claim


def test_models_spending_claim_needs_amount() -> None:
    with pytest.raises(ValidationError):
        Claim(claim_id="x", doc_id="d", kind="spending")
