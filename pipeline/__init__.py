"""newsclaims: structured spending claims from news text.

Only light imports here: `newsclaims amounts` must start without spaCy or pandas.
`load_claims` (pandas), `extract_text` and `load_nlp` (spaCy) are exported lazily:
they are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.amounts.parse import find_amounts, parse_amount

if TYPE_CHECKING:
    from pipeline.analyse.table import load_claims
    from pipeline.link.linker import extract_text
    from pipeline.nlp import load_nlp

__all__ = ["extract_text", "find_amounts", "load_claims", "load_nlp", "parse_amount"]

_LAZY = {
    "load_claims": "pipeline.analyse.table",
    "extract_text": "pipeline.link.linker",
    "load_nlp": "pipeline.nlp",
}


def __getattr__(name: str) -> Any:
    # Lazy exports (PEP 562): pandas and spaCy are imported only when asked for.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
