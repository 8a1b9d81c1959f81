"""Is a text an ISO 4217 currency code? CLDR's list, as babel ships it.

The list is copied into `_currencies.ISO_4217` (tests/amounts/test_currencies.py checks
the copy against the installed babel), so that `newsclaims amounts` does not pay babel's
import and data load (about 45 ms) at start-up.
"""

from __future__ import annotations

from pipeline.amounts._currencies import ISO_4217


def is_currency_code(code: str) -> bool:
    """True for an ISO 4217 code in capitals, current or withdrawn ("USD", "FRF").

    code (str): The text to check.
    RETURNS (bool): Whether it is a currency code.

    >>> is_currency_code("CAD"), is_currency_code("XYZ"), is_currency_code("usd")
    (True, False, False)
    """
    return code in ISO_4217
