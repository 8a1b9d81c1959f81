"""Error messages and exception types, kept in one place as spaCy keeps its own."""

from __future__ import annotations


class NewsclaimsError(ValueError):
    """Bad input or configuration given to newsclaims."""


class InputError(NewsclaimsError):
    """An article or corpus that cannot be read."""


class Errors:
    """Message templates; format them with `.format(**kwargs)`."""

    E001 = "Unknown currency code {code!r}: give an ISO 4217 code of three capital letters."
    E002 = "Corpus path {path!r} does not exist."
    E003 = "Output file {path!r} is also inside the corpus; choose another output path."
