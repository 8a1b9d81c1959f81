"""Data only: spender aliases and item categories used by pipeline/consolidate.py.

Hand-made from the names that business news uses for the same company (parent
and brand, former and current names); keys are lower case, after the legal
suffixes (Inc, Corp, Ltd, ...) are stripped. Extend the tables, not the code.
"""

from __future__ import annotations

SPENDER_ALIASES: dict[str, str] = {
    "alphabet": "Google",
    "google": "Google",
    "meta": "Meta",
    "meta platforms": "Meta",
    "facebook": "Meta",
    "bytedance": "ByteDance",
    "amazon": "Amazon",
    "amazon.com": "Amazon",
    "microsoft": "Microsoft",
    "apple": "Apple",
    "alibaba": "Alibaba",
    "tencent": "Tencent",
    "baidu": "Baidu",
    "nvidia": "Nvidia",
    "oracle": "Oracle",
    "openai": "OpenAI",
    "ford motor": "Ford",
    "ford": "Ford",
    "general motors": "General Motors",
    "super valu stores": "Super Valu",
    "supervalu": "Super Valu",
    "nippon kokan": "NKK",
    "nkk": "NKK",
}

# Words after which a name is the company's own ("TikTok parent ByteDance").
DESCRIPTOR_WORDS: tuple[str, ...] = (
    "parent company",
    "parent",
    "owner",
    "holding company",
    "subsidiary",
    "affiliate",
    "unit",
)

# Legal forms stripped from the end of a name, dot optional.
LEGAL_SUFFIXES: tuple[str, ...] = (
    "Inc", "Incorporated", "Corp", "Corporation", "Co", "Company", "Ltd", "Limited", "Plc",
    "SpA", "S.p.A", "AG", "SA", "S.A", "NV", "N.V", "BV", "B.V", "GmbH", "LLC", "LP", "KK",
    "K.K", "Holdings", "Holding", "Group",
)  # fmt: skip

# Item categories: an item belongs to the first category one of whose words it
# contains (after lower-casing); two items of one category are compatible.
ITEM_CATEGORIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "capex",
        (
            "capex", "capital expenditure", "capital spending", "capital budget",
            "capital investment", "infrastructure", "data centre", "data center", "plant",
            "equipment", "facilities", "facility",
        ),
    ),
    ("acquisition", ("acquisition", "acquire", "purchase of", "takeover", "buyout", "stake")),
    ("contract", ("contract", "order", "procurement")),
    ("budget", ("budget", "allocation", "appropriation", "programme", "program")),
)  # fmt: skip
