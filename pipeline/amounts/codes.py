"""Is a text an ISO 4217 currency code? babel's list when installed, else our own copy."""

from __future__ import annotations

import functools

from pipeline.amounts._currencies import ISO_4217


@functools.lru_cache(maxsize=64)
def is_currency_code(code: str) -> bool:
    """True for an ISO 4217 code in capitals, current or withdrawn ("USD", "FRF").

    code (str): The text to check.
    RETURNS (bool): Whether it is a currency code.

    >>> is_currency_code("CAD"), is_currency_code("XYZ"), is_currency_code("usd")
    (True, False, False)
    """
    if not (len(code) == 3 and code.isascii() and code.isalpha() and code.isupper()):
        return False
    try:
        from babel.numbers import list_currencies
    except ImportError:  # babel is optional: the copy in _currencies.py
        return code in ISO_4217
    return code in list_currencies()
