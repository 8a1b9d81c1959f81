"""US dollar values of claim amounts at yearly average exchange rates.

The rates are the European Central Bank's daily euro reference rates that the
`currencyconverter` package ships (no network: its bundled file is loaded). A
year's rate is the mean, over the days of that year on which the ECB fixed both
currencies, of the daily cross rate to USD, computed with `decimal.Decimal`.

An article's own US dollar equivalent of an amount ("200 billion yuan (roughly
$30 billion)") comes first: `claim_usd` takes it, and says so, before any rate.

Which year: the claim's own year, else the document's year. A year after the
currency's data ends takes the latest year that has data, and says so in
`UsdValue.reason`; a year before it starts (the ECB data begins in 1999, and
legacy currencies such as DEM, FRF or ITL are not in it at all) gives no value,
with the reason. Nothing is guessed silently.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal, NamedTuple

from currency_converter import CurrencyConverter, RateNotFoundError

from models import Amount, UsdValue

logger = logging.getLogger(__name__)

USD = "USD"


class YearRate(NamedTuple):
    """USD per unit of a currency, averaged over `days` fixings of `year`."""

    rate: Decimal
    year: int
    days: int


@functools.lru_cache(maxsize=1)
def load_converter() -> CurrencyConverter:
    """Load the ECB rates bundled with `currencyconverter` (no network).

    RETURNS (CurrencyConverter): the converter, with exact Decimal rates and no
        interpolation, so that weekends and holidays have no rate.
    """
    return CurrencyConverter(decimal=True, fallback_on_missing_rate=False)


def rate_bounds(currency: str, *, converter: CurrencyConverter | None = None) -> tuple[int, int]:
    """The first and last year that have rates for `currency` and USD.

    currency (str): an ISO 4217 code the converter knows.
    converter (CurrencyConverter | None): defaults to `load_converter()`.
    RETURNS (tuple[int, int]): first and last year with data.
    """
    converter = converter or load_converter()
    own, usd = converter.bounds[currency], converter.bounds[USD]
    first = max(own.first_date, usd.first_date)
    last = min(own.last_date, usd.last_date)
    return first.year, last.year


@functools.lru_cache(maxsize=4096)
def _year_rate_cached(currency: str, year: int, converter: CurrencyConverter) -> YearRate | None:
    total, days = Decimal(0), 0
    day = dt.date(year, 1, 1)
    while day.year == year:
        # No fixing on weekends and ECB holidays: those days are left out of
        # the mean rather than filled by interpolation.
        try:
            rate = converter.convert(Decimal(1), currency, USD, date=day)
        except RateNotFoundError:
            rate = None
        if rate is not None:
            total += rate
            days += 1
        day += dt.timedelta(days=1)
    return YearRate(total / days, year, days) if days else None


def year_rate(
    currency: str, year: int, *, converter: CurrencyConverter | None = None
) -> YearRate | None:
    """The average of the daily `currency`->USD rates of `year`, or None.

    currency (str): ISO 4217 code.
    year (int): calendar year.
    converter (CurrencyConverter | None): defaults to `load_converter()`.
    RETURNS (YearRate | None): None when the ECB data has no fixing in that year.
    """
    converter = converter or load_converter()
    if currency not in converter.currencies:
        return None
    return _year_rate_cached(currency, year, converter)


def _no_value(reason: str, basis: Literal["claim", "document"] | None = None) -> UsdValue:
    return UsdValue(reason=reason, year_basis=basis)


def stated_usd(amount: Amount, equivalents: Sequence[Amount]) -> UsdValue | None:
    """The article's own US dollar equivalent of a non-USD amount, or None.

    amount (Amount): the claim's amount.
    equivalents (Sequence[Amount]): the amounts the article gives as its equivalents.
    RETURNS (UsdValue | None): the first USD equivalent with a value, as stated.

    >>> yuan = Amount(text="200 billion yuan", start=0, end=16, value=2e11, currency="CNY")
    >>> usd = Amount(text="roughly $30 billion", start=18, end=37, value=3e10, currency="USD")
    >>> stated_usd(yuan, [usd]).value_usd, stated_usd(yuan, [usd]).stated
    (30000000000.0, 'roughly $30 billion')
    >>> stated_usd(usd, [yuan]) is None
    True
    """
    if amount.currency == USD:
        return None
    for equivalent in equivalents:
        has_value = equivalent.value is not None or (
            equivalent.min is not None and equivalent.max is not None
        )
        if equivalent.currency == USD and has_value:
            return UsdValue(
                value_usd=equivalent.value,
                min_usd=equivalent.min if equivalent.value is None else None,
                max_usd=equivalent.max if equivalent.value is None else None,
                stated=" ".join(equivalent.text.split()),
            )
    return None


def claim_usd(
    amount: Amount,
    equivalents: Sequence[Amount],
    *,
    year: int | None,
    doc_year: int | None = None,
) -> UsdValue:
    """A claim's amount in US dollars: the article's own equivalent, else at the yearly rate.

    amount (Amount): the claim's amount.
    equivalents (Sequence[Amount]): its equivalents in the article.
    year (int | None): the claim's year (see `to_usd`).
    doc_year (int | None): the document's year.
    RETURNS (UsdValue): the USD value(s), or None values and the reason.
    """
    stated = stated_usd(amount, equivalents)
    return stated if stated is not None else to_usd(amount, year=year, doc_year=doc_year)


def to_usd(
    amount: Amount,
    *,
    year: int | None,
    doc_year: int | None = None,
    converter: CurrencyConverter | None = None,
) -> UsdValue:
    """Convert an amount to US dollars at the yearly average rate.

    amount (Amount): the amount as extracted (value, or min/max for a range).
    year (int | None): the claim's year; it picks the rate.
    doc_year (int | None): the document's year, used when `year` is None.
    converter (CurrencyConverter | None): defaults to `load_converter()`.
    RETURNS (UsdValue): the USD value(s) with the rate and year used, or None
        values and the reason.
    """
    if amount.currency is None:
        return _no_value("no currency")
    basis: Literal["claim", "document"] | None = (
        "claim" if year is not None else "document" if doc_year is not None else None
    )
    if amount.currency == USD:
        return _scale(amount, Decimal(1), year=None, basis=basis, reason=None)
    wanted = year if year is not None else doc_year
    if wanted is None:
        return _no_value("no year: neither the claim nor the document gives one")
    converter = converter or load_converter()
    if amount.currency not in converter.currencies:
        return _no_value(f"no ECB rate for {amount.currency} (not in the ECB data)", basis)
    first, last = rate_bounds(amount.currency, converter=converter)
    if wanted < first:
        return _no_value(
            f"no ECB rate for {amount.currency} in {wanted} (data from {first})", basis
        )
    used, reason = wanted, None
    if wanted > last:
        used = last
        reason = f"{wanted} is after the rate data ends: rate of {last}, the latest year"
    last_day = min(converter.bounds[amount.currency].last_date, converter.bounds[USD].last_date)
    if used == last and last_day < dt.date(last, 12, 31):
        partial = f"the {last} rate averages the fixings up to {last_day}"
        reason = f"{reason}; {partial}" if reason else partial
    rate = year_rate(amount.currency, used, converter=converter)
    if rate is None:
        return _no_value(f"no ECB rate for {amount.currency} in {used}", basis)
    return _scale(amount, rate.rate, year=used, basis=basis, reason=reason)


def _scale(
    amount: Amount,
    rate: Decimal,
    *,
    year: int | None,
    basis: Literal["claim", "document"] | None,
    reason: str | None,
) -> UsdValue:
    def conv(x: float | None) -> float | None:
        return None if x is None else float(Decimal(str(x)) * rate)

    return UsdValue(
        value_usd=conv(amount.value),
        min_usd=conv(amount.min),
        max_usd=conv(amount.max),
        rate=float(rate),
        rate_year=year,
        year_basis=basis,
        reason=reason,
    )
