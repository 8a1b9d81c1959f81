"""Tests of the currency tables: CLDR data (pipeline/amounts/_cldr.py) under the
hand-written news forms (pipeline/amounts/_currencies.py).

The generated module must equal what its generator builds from the installed
babel; every currency in use today resolves by its CLDR English names and by its
symbols, with no row typed for it; the hand-written rows win where both speak.
"""

from __future__ import annotations

import pytest

from pipeline.amounts import _cldr
from pipeline.amounts import _currencies as cur
from pipeline.amounts._cldr_gen import build
from pipeline.amounts.parse import find_amounts


def test_currencies_iso_4217_copy_is_current() -> None:
    from babel.numbers import list_currencies

    assert set(list_currencies()) == cur.ISO_4217


def test_currencies_cldr_module_is_current() -> None:
    # If this fails after a babel upgrade: python -m pipeline.amounts._cldr_gen
    built = build()
    assert built["BABEL_VERSION"] == _cldr.BABEL_VERSION
    assert built["NAMES"] == _cldr.NAMES
    assert built["IN_USE"] == _cldr.IN_USE
    assert built["TERRITORIES"] == _cldr.TERRITORIES
    assert built["SYMBOLS"] == _cldr.SYMBOLS


@pytest.mark.parametrize("code", _cldr.IN_USE)
def test_currencies_every_cldr_name_resolves(code: str) -> None:
    for name in _cldr.NAMES[code]:
        found = find_amounts(f"The dam will cost 5 million {name} over ten years.")
        assert [(a.value, a.currency) for a in found] == [(5e6, code)], name


def _symbol_reading(symbol: str) -> str | None:
    """What a symbol means here: the hand-written reading, else CLDR's one code,
    else the default of the shared family (None when the family has none)."""
    code = cur.ALL_SYMBOLS.get(symbol)
    if code == cur.DEFAULT_DOLLAR:
        return "USD"
    if code is not None:
        return code
    return cur.ALL_FAMILY_DEFAULTS.get(cur.ALL_SHARED_SYMBOLS[symbol])


@pytest.mark.parametrize("symbol", list(_cldr.SYMBOLS))
def test_currencies_every_cldr_symbol_resolves(symbol: str) -> None:
    want = _symbol_reading(symbol)
    assert want in (*_cldr.SYMBOLS[symbol], *cur.SYMBOLS.values()) or want is None
    found = find_amounts(f"The dam will cost {symbol}5 million over ten years.")
    assert [(a.value, a.currency) for a in found] == [(5e6, want)]


HAND_OVER_CLDR = [
    ("C$", "CAD"),  # CLDR's es_NI writes C$ for the córdoba; English news means Canada
    ("£", "GBP"),  # also Gibraltar's, Falklands', St Helena's, South Sudan's in CLDR
    ("$", cur.DEFAULT_DOLLAR),  # the caller's --dollar
]


@pytest.mark.parametrize(("symbol", "code"), HAND_OVER_CLDR)
def test_currencies_hand_rows_win(symbol: str, code: str) -> None:
    assert len(_cldr.SYMBOLS[symbol]) > 1 or _cldr.SYMBOLS[symbol] != (code,)
    assert cur.ALL_SYMBOLS[symbol] == code


def test_currencies_shared_symbols_are_families() -> None:
    # "¥" is JPY and CNY in CLDR: a family that country cues decide (default JPY).
    assert set(_cldr.SYMBOLS["¥"]) == {"CNY", "JPY"}
    assert cur.ALL_SHARED_SYMBOLS["¥"] in cur.ALL_CONTEXT_CUES
    assert cur.ALL_FAMILY_DEFAULTS[cur.ALL_SHARED_SYMBOLS["¥"]] == "JPY"
    assert cur.ALL_FAMILY_DEFAULTS["crown"] is None  # kr: Swedish, Norwegian, Danish...
    assert cur.ALL_FAMILY_DEFAULTS["shilling"] is None  # Sh: Kenyan, Ugandan, Tanzanian...


def test_currencies_english_words_need_their_country() -> None:
    for word in ("unit", "units", "real", "gold", "sol", "won", "pound", "mark"):
        assert word in cur.NEED_ADJECTIVE
    assert cur.ALL_ADJECTIVES["european currency"]["unit"] == "XEU"
    assert cur.ALL_ADJECTIVES["brazilian"]["real"] == "BRL"
