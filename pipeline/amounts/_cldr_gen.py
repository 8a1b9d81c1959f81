"""Write pipeline/amounts/_cldr.py: currency names and symbols from CLDR, via babel.

usage: python -m pipeline.amounts._cldr_gen

babel ships the Unicode CLDR locale data offline. Reading it at run time costs
about a second (a pickle per locale), so the few tables `find_amounts` needs are
written once into a plain Python module; tests/amounts/test_cldr.py checks that the
module still equals what this script builds from the installed babel.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).with_name("_cldr.py")
# Codes that name no money a news story spends: metals, funds, test codes.
_SKIP = frozenset(
    "XAG XAU XPD XPT XBA XBB XBC XBD XDR XFO XFU XRE XSU XTS XUA XXX CHE CHW CLF COU "
    "MXV USN USS UYI UYW BOV".split()
)


def _fold(text: str) -> str:
    """Lower case without accents: "Costa Rican Colón" -> "costa rican colon".

    >>> _fold("Icelandic Króna")
    'icelandic krona'
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_symbol(symbol: str) -> bool:
    """A symbol worth matching: it holds a currency sign ("₦", "RD$") or a Latin letter
    outside ASCII ("zł", "Kč"); plain letters ("K", "Br", "DA") are words in English
    text, so those few that news uses are typed by hand in _currencies.py.
    """
    has_sign = any(unicodedata.category(c) == "Sc" for c in symbol)
    latin = all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in symbol)
    return has_sign or (latin and not symbol.isascii() and symbol.isalpha())


def build() -> dict[str, object]:
    """The tables, as plain data (what _cldr.py holds)."""
    from babel import Locale, __version__
    from babel.core import get_global
    from babel.localedata import locale_identifiers

    english = Locale("en")
    names: dict[str, tuple[str, ...]] = {}
    for code, name in sorted(english.currencies.items()):
        if "(" in name or code in _SKIP:
            continue  # "Afghan Afghani (1927–2002)": a historic variant of a current code
        plural = english._data["currency_names_plural"].get(code, {})
        written = [name, *plural.values()]
        forms = {f for w in written for f in (w.lower(), _fold(w)) if "(" not in f}
        singular = _fold(name)  # first: the unit word of the singular names the family
        names[code] = (singular, *sorted(forms - {singular}))
    in_use: dict[str, set[str]] = {}  # code -> territories where it is legal tender now
    for territory, history in get_global("territory_currencies").items():
        for code, _start, end, tender in history:
            if end is None and tender and code in names:
                in_use.setdefault(code, set()).add(territory)
    territories: dict[str, str] = {}
    for territory, name in english.territories.items():
        current = {c for c, places in in_use.items() if territory in places}
        if len(current) == 1 and name.replace(" ", "").replace("-", "").isalpha():
            territories[_fold(name)] = current.pop()
    symbols: dict[str, set[str]] = {}
    for code, symbol in english.currency_symbols.items():
        if code in names and _is_symbol(symbol):
            symbols.setdefault(symbol, set()).add(code)
    available = set(locale_identifiers())
    speakers = get_global("territory_languages")
    for code, places in sorted(in_use.items()):
        for territory in sorted(places):  # the symbol as the locales that use it write it
            for language in speakers.get(territory, {}):
                locale_id = f"{language}_{territory}"
                if locale_id not in available:
                    continue
                symbol = Locale.parse(locale_id).currency_symbols.get(code)
                if symbol and _is_symbol(symbol):
                    symbols.setdefault(symbol, set()).add(code)
    return {
        "BABEL_VERSION": __version__,
        "NAMES": names,
        "IN_USE": tuple(sorted(in_use)),
        "TERRITORIES": dict(sorted(territories.items())),
        "SYMBOLS": {s: tuple(sorted(codes)) for s, codes in sorted(symbols.items())},
    }


def render(tables: dict[str, object]) -> str:
    """The source of _cldr.py for `tables`."""
    lines = [
        '"""Currency names and symbols from Unicode CLDR (generated: do not edit).',
        "",
        "Written by `python -m pipeline.amounts._cldr_gen` from the CLDR data that the",
        "babel package ships. NAMES: code -> English names in lower case, the singular",
        "without accents first, then the plurals and the accented forms; IN_USE: codes",
        "that are legal tender somewhere today;",
        "TERRITORIES: country name -> its one current currency; SYMBOLS: symbol -> codes,",
        "from English and from the locales of the countries that use each currency.",
        '"""',
        "",
        "from typing import Final",
        "",
    ]
    hints = {
        "BABEL_VERSION": "str",
        "NAMES": "dict[str, tuple[str, ...]]",
        "IN_USE": "tuple[str, ...]",
        "TERRITORIES": "dict[str, str]",
        "SYMBOLS": "dict[str, tuple[str, ...]]",
    }
    for key, value in tables.items():
        if isinstance(value, dict):
            lines.append(f"{key}: Final[{hints[key]}] = {{")
            lines.extend(f"    {k!r}: {v!r}," for k, v in value.items())
            lines.append("}")
        else:
            lines.append(f"{key}: Final[{hints[key]}] = {value!r}")
    return "\n".join(lines) + "\n"


def main() -> int:
    OUT.write_text(render(build()), encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
