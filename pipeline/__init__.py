"""newsclaims: structured spending claims from news text.

Only light imports here: `newsclaims amounts` must start without spaCy or pandas.
`load_claims` (pandas) is exported lazily: it is imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.amounts import find_amounts, parse_amount

if TYPE_CHECKING:
    from pipeline.io import load_claims

__all__ = ["find_amounts", "load_claims", "parse_amount"]


def __getattr__(name: str) -> Any:
    # Lazy export (PEP 562): pandas is imported only when load_claims is asked for.
    if name == "load_claims":
        from pipeline.io import load_claims

        return load_claims
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
