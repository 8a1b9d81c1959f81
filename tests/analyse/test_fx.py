"""USD normalisation: rows are (currency, claim year, document year) and what must come out.

SEED rows are the currencies and years of the seed articles, REUTERS rows those
of the 1987 Reuters-21578 stories (before the ECB data), EDGES the fallbacks.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import NamedTuple

import pandas as pd
import pytest
from currency_converter import CURRENCY_FILE

from models import Amount
from pipeline.analyse.fx import load_converter, rate_bounds, to_usd, year_rate


class Case(NamedTuple):
    currency: str | None
    year: int | None
    doc_year: int | None
    has_value: bool
    rate_year: int | None
    reason: str | None  # a substring of UsdValue.reason, or None for no reason


SEED = [
    Case("CNY", 2025, None, True, 2025, None),
    Case("USD", None, None, True, None, None),
    Case("USD", 2024, None, True, None, None),
    Case("EUR", 2024, None, True, 2024, None),
]
REUTERS = [
    Case("USD", 1987, 1987, True, None, None),
    Case("JPY", 1987, 1987, False, None, "no ECB rate for JPY in 1987 (data from 1999)"),
    Case("GBP", None, 1987, False, None, "no ECB rate for GBP in 1987"),
    Case("DEM", 1987, 1987, False, None, "no ECB rate for DEM (not in the ECB data)"),
    Case("FRF", 1987, 1987, False, None, "not in the ECB data"),
    Case("ITL", None, 1987, False, None, "not in the ECB data"),
    Case("XEU", 1987, 1987, False, None, "not in the ECB data"),
]
EDGES = [
    Case("CNY", None, None, False, None, "no year"),
    Case("JPY", None, 2024, True, 2024, None),
    Case("CNY", 2040, None, True, None, "2040 is after the rate data ends"),
    Case(None, 2024, None, False, None, "no currency"),
]


@pytest.mark.parametrize("case", SEED + REUTERS + EDGES, ids=repr)
def test_fx_to_usd(case: Case) -> None:
    amount = Amount(text="x", start=0, end=1, value=100.0, currency=case.currency)
    usd = to_usd(amount, year=case.year, doc_year=case.doc_year)
    assert (usd.value_usd is not None) == case.has_value, usd
    if case.rate_year is not None:
        assert usd.rate_year == case.rate_year
    if case.reason is None:
        assert usd.reason is None or "averages the fixings" in usd.reason, usd.reason
    else:
        assert usd.reason is not None and case.reason in usd.reason, usd.reason


def test_fx_year_basis_says_where_the_year_came_from() -> None:
    amount = Amount(text="x", start=0, end=1, value=1.0, currency="EUR")
    assert to_usd(amount, year=2020, doc_year=2024).year_basis == "claim"
    assert to_usd(amount, year=None, doc_year=2024).year_basis == "document"
    assert to_usd(amount, year=None, doc_year=2024).rate_year == 2024


def test_fx_later_year_takes_latest_rate() -> None:
    _, last = rate_bounds("CNY")
    amount = Amount(text="x", start=0, end=1, value=1e9, currency="CNY")
    later = to_usd(amount, year=last + 3)
    latest = to_usd(amount, year=last)
    assert later.rate_year == last
    assert later.value_usd == latest.value_usd


def test_fx_yearly_average_matches_the_ecb_file() -> None:
    # Independent check: the mean of the daily USD-per-EUR rates of 2024 read
    # straight from the file the package ships.
    with zipfile.ZipFile(CURRENCY_FILE) as archive:
        raw = archive.read(archive.namelist()[0])
    table = pd.read_csv(io.BytesIO(raw), usecols=["Date", "USD"], na_values=["N/A"])
    table = table[table["Date"].str.startswith("2024")].dropna()
    expected = table["USD"].astype(float).mean()
    got = year_rate("EUR", 2024)
    assert got is not None and got.days == len(table)
    assert float(got.rate) == pytest.approx(expected, rel=1e-12)


def test_fx_range_converts_both_bounds() -> None:
    amount = Amount(
        text="Rmb10-20bn", start=0, end=10, min=10e9, max=20e9, currency="CNY", qualifier="range"
    )
    usd = to_usd(amount, year=2025)
    assert usd.value_usd is None and usd.min_usd is not None and usd.max_usd is not None
    assert usd.max_usd == pytest.approx(2 * usd.min_usd)
    assert usd.rate is not None and usd.min_usd == pytest.approx(10e9 * usd.rate)


def test_fx_loads_offline_bundled_data() -> None:
    converter = load_converter()
    assert converter.bounds["USD"].first_date == dt.date(1999, 1, 4)
    assert "DEM" not in converter.currencies
