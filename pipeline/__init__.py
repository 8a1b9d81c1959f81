"""newsclaims: structured spending claims from news text.

Only light imports here: `newsclaims amounts` must start without spaCy or pandas.
"""

from pipeline.amounts import find_amounts, parse_amount

__all__ = ["find_amounts", "parse_amount"]
