"""Consolidate spending claims across articles into facts: spender, year, item.

Two spending claims speak of the same fact when they have
- the same canonical spender (`canonical_spender`: alias table, legal forms
  and descriptors such as "TikTok parent" stripped),
- the same year (claims with no year are grouped only with each other),
- compatible items (`items_compatible`: one is missing, or both have the same
  head noun, or both fall in the same category: capex, acquisition, contract,
  budget), compatible with every item already in the fact,
- and come from different documents: within one article the extractor
  already keeps one claim per distinct fact, so two claims of one article are
  two facts.
Change records and claims without a spender are not consolidated.

A fact is disputed when its reported values differ by more than the tolerance
(the highest lower bound exceeds the lowest upper bound by more than that
fraction) or one of its claims carries the `disputed` flag (a denial).

A fact lists its values in order of publication (the documents' dates; undated
last), so the first is the first report and the others are its revisions.

Copies are not confirmations: a value with the same figure as an earlier value
of the fact and a near-identical evidence sentence (the same words, give or take
one in ten: syndicated wire copy, reposts, aggregators quoting each other) is
marked as a copy of it (`copy_of`), and `independent_reports` counts the others.
The same sentence with another figure is a correction, not a copy.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path

import regex as re

from models import Claim, DocRecord, Fact, ReportedValue
from pipeline.analyse.fx import USD, claim_usd
from pipeline.analyse.spenders import (
    DESCRIPTOR_WORDS,
    ITEM_CATEGORIES,
    LEGAL_SUFFIXES,
    SPENDER_ALIASES,
)
from pipeline.analyse.table import read_claims, read_docs
from pipeline.errors import Errors, InputError
from pipeline.outputs import atomic_output, check_output, docs_path_for

logger = logging.getLogger(__name__)

DEFAULT_TOLERANCE = 0.1
COPY_SIMILARITY = 0.9  # share of words two evidence sentences hold in common, in order

_LEGAL_SUFFIX = re.compile(
    r"""
    (?:,?\s+                                        # a space or ", " before the form
      (?:{forms})                                   # Inc, Corp, Ltd, SpA, AG, ...
      \.?)+                                         # optional dot, repeated: "Co Ltd"
    \s*$                                            # at the end of the name
    """.format(forms="|".join(re.escape(s) for s in LEGAL_SUFFIXES)),
    re.VERBOSE | re.IGNORECASE,
)
_DESCRIPTOR = re.compile(
    r"""
    ^.*?\b(?:{words})                               # "TikTok parent", "its unit"
    \s+(?=\p{{Lu}})                                 # then a capitalised name
    """.format(words="|".join(re.escape(w) for w in DESCRIPTOR_WORDS)),
    re.VERBOSE | re.IGNORECASE,
)
_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)\s*")  # "Google (Alphabet)": the part in brackets
_POSSESSIVE = re.compile(r"['’]s?$")  # "ByteDance's", "Reuters'"
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
# The words before one of these are the item's head phrase: "capex for 2025".
_ITEM_CUT = re.compile(r"\s(?:for|on|of|in|at|to|from|with|within|by)\s", re.IGNORECASE)
_WORD = re.compile(r"[\p{L}\p{N}]+")
# One pattern per item category: any of its words at the start of a word.
_CATEGORY_PATTERNS = tuple(
    (category, re.compile(r"\b(?:{})".format("|".join(re.escape(w) for w in words))))
    for category, words in ITEM_CATEGORIES
)


def _normalise_name(name: str) -> str:
    text = " ".join(name.split())
    text = _POSSESSIVE.sub("", _LEADING_THE.sub("", text))
    text = _DESCRIPTOR.sub("", text)
    text = _LEGAL_SUFFIX.sub("", text)
    return str(text).strip(" ,.")


def canonical_spender(name: str) -> str:
    """The canonical name of a spender, for grouping claims across articles.

    name (str): the subject as named in a claim.
    RETURNS (str): the alias table's name, else the name without legal form,
        descriptor or possessive.

    >>> canonical_spender("TikTok parent ByteDance")
    'ByteDance'
    >>> canonical_spender("Google (Alphabet)")
    'Google'
    >>> canonical_spender("Meta Platforms Inc.")
    'Meta'
    >>> canonical_spender("Montedison Spa")
    'Montedison'
    >>> canonical_spender("Nisshin Steel Co Ltd")
    'Nisshin Steel'
    """
    outer = _PARENTHESIS.sub(" ", name)
    inner = [m.group(1) for m in _PARENTHESIS.finditer(name)]
    for candidate in [outer, *inner]:
        normal = _normalise_name(candidate)
        if normal.casefold() in SPENDER_ALIASES:
            return SPENDER_ALIASES[normal.casefold()]
    return _normalise_name(outer) or name.strip()


def item_head(item: str | None) -> str | None:
    """The head noun of an item: the last word before a preposition, singular.

    item (str | None): the item as extracted.
    RETURNS (str | None): lower case head noun, or None.

    >>> item_head("capital expenditure on AI infrastructure")
    'expenditure'
    >>> item_head("overseas Nvidia GPUs")
    'gpu'
    """
    if not item:
        return None
    phrase = _ITEM_CUT.split(_PARENTHESIS.sub(" ", item), maxsplit=1)[0]
    words = _WORD.findall(phrase.casefold())
    if not words:
        return None
    head: str = words[-1]
    if len(head) > 3 and head.endswith("s") and not head.endswith("ss"):
        head = head[:-1]
    return head


def item_category(item: str | None) -> str | None:
    """The category of an item (capex, acquisition, contract, budget) or None.

    item (str | None): the item as extracted.
    RETURNS (str | None): the first category one of whose words the item holds.

    >>> item_category("overall CapEx")
    'capex'
    >>> item_category("acquisition of Antibioticos")
    'acquisition'
    """
    if not item:
        return None
    text = " ".join(_PARENTHESIS.sub(" ", item).casefold().split())
    for category, pattern in _CATEGORY_PATTERNS:
        if pattern.search(text):
            return category
    return None


def items_compatible(a: str | None, b: str | None) -> bool:
    """Whether two items can be the same spending: one missing, same head or category.

    >>> items_compatible("AI infrastructure", "capital expenditure on AI infrastructure")
    True
    >>> items_compatible("overseas Nvidia GPUs", "capex")
    False
    """
    if not a or not b:
        return True
    head_a, head_b = item_head(a), item_head(b)
    if head_a is not None and head_a == head_b:
        return True
    category_a = item_category(a)
    return category_a is not None and category_a == item_category(b)


def reported_value(claim: Claim, doc: DocRecord | None) -> ReportedValue:
    """One claim as a reported value, with its USD value.

    claim (Claim): a spending claim with an amount and a subject.
    doc (DocRecord | None): its document, whose date is the fallback year.
    RETURNS (ReportedValue): the value with sources and first evidence.
    """
    if claim.amount is None or claim.subject is None:
        raise ValueError(f"claim {claim.claim_id} has no amount or no subject")
    year = claim.period.year if claim.period else None
    doc_year = doc.date.year if doc and doc.date else None
    return ReportedValue(
        claim_id=claim.claim_id,
        doc_id=claim.doc_id,
        published=doc.date if doc else None,
        subject=claim.subject.name,
        item=claim.item,
        amount=claim.amount,
        year=year,
        usd=claim_usd(claim.amount, claim.equivalents, year=year, doc_year=doc_year),
        sources=tuple(source.name for source in claim.sources),
        flags=claim.flags,
        evidence=claim.evidence[0] if claim.evidence else None,
    )


def value_bounds(value: ReportedValue, currency: str) -> tuple[float, float] | None:
    """The (low, high) of a reported value in `currency` (USD or its own), or None.

    value (ReportedValue): the value; a single figure gives low == high.
    currency (str): "USD" (its USD value) or the amount's own currency.
    RETURNS (tuple[float, float] | None): None when it has no value in `currency`.
    """
    if currency == USD and value.usd.value_usd is not None:
        return value.usd.value_usd, value.usd.value_usd
    if currency == USD and value.usd.min_usd is not None and value.usd.max_usd is not None:
        return value.usd.min_usd, value.usd.max_usd
    amount = value.amount
    if currency != USD and amount.currency == currency:
        if amount.value is not None:
            return amount.value, amount.value
        if amount.min is not None and amount.max is not None:
            return amount.min, amount.max
    return None


def comparison_currency(values: Iterable[ReportedValue]) -> str | None:
    """The currency to compare values in: USD if all have it, else their shared one.

    values (Iterable[ReportedValue]): the values.
    RETURNS (str | None): USD, a common currency, USD for the values that have
        a rate, or None when none can be compared.
    """
    values = list(values)
    if all(value_bounds(v, USD) is not None for v in values):
        return USD
    currencies = {v.amount.currency for v in values}
    if len(currencies) == 1:
        return currencies.pop()
    return USD if any(value_bounds(v, USD) is not None for v in values) else None


def publication_order(value: ReportedValue) -> tuple[bool, dt.date, str, int]:
    """The sort key of a fact's values: publication date (undated last), document, offset.

    value (ReportedValue): a reported value.
    RETURNS (tuple[bool, date, str, int]): the key.
    """
    return (
        value.published is None,
        value.published or dt.date.min,
        value.doc_id,
        value.amount.start,
    )


def near_identical(a: str, b: str, *, threshold: float = COPY_SIMILARITY) -> bool:
    """Whether two sentences are copies of each other: their words match in order.

    Case, punctuation and spacing are ignored; the words' similarity ratio
    (difflib's, 2 * matches / total) must reach `threshold`.

    a (str): a sentence.
    b (str): another sentence.
    threshold (float): the least similarity ratio of a copy.
    RETURNS (bool): True for a copy.

    >>> near_identical("Maytag said it will spend 60 mln dlrs.", "MAYTAG SAID IT WILL SPEND 60 MLN")
    True
    >>> near_identical("Maytag will spend 60 mln dlrs.", "Maytag denied it will spend 60 mln dlrs.")
    False
    """
    words_a, words_b = _WORD.findall(a.casefold()), _WORD.findall(b.casefold())
    if not words_a or not words_b:
        return False
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    return matcher.ratio() >= threshold


def _figure(value: ReportedValue) -> tuple[float | None, float | None, float | None, str | None]:
    amount = value.amount
    return amount.value, amount.min, amount.max, amount.currency


def mark_copies(values: list[ReportedValue]) -> list[ReportedValue]:
    """Mark each value whose evidence is near-identical to an earlier original's as its copy.

    A copy states the same figure, so only originals with the same figure are
    compared: a fact of many reposts costs one comparison per repost.

    values (list[ReportedValue]): a fact's values in publication order.
    RETURNS (list[ReportedValue]): the same values, copies with `copy_of` set.
    """
    originals: dict[
        tuple[float | None, float | None, float | None, str | None], list[ReportedValue]
    ] = {}
    marked = []
    for value in values:
        source = next(
            (
                o
                for o in originals.get(_figure(value), [])
                if value.evidence
                and o.evidence
                and near_identical(value.evidence.sentence, o.evidence.sentence)
            ),
            None,
        )
        if source is None:
            originals.setdefault(_figure(value), []).append(value)
            marked.append(value.model_copy(update={"copy_of": None}))
        else:
            marked.append(value.model_copy(update={"copy_of": source.claim_id}))
    return marked


def _make_fact(
    spender: str, year: int | None, values: list[ReportedValue], tolerance: float
) -> Fact:
    values = mark_copies(sorted(values, key=publication_order))
    currency = comparison_currency(values)
    bounds = (
        [b for b in (value_bounds(v, currency) for v in values) if b is not None]
        if currency
        else []
    )
    reasons = []
    spread_min = min((lo for lo, _ in bounds), default=None)
    spread_max = max((hi for _, hi in bounds), default=None)
    if len(bounds) > 1:
        highest_low = max(lo for lo, _ in bounds)
        lowest_high = min(hi for _, hi in bounds)
        if lowest_high > 0 and highest_low > lowest_high * (1 + tolerance):
            gap = highest_low / lowest_high - 1
            reasons.append(
                f"reported values differ by {gap:.0%} (more than the {tolerance:.0%} tolerance)"
            )
    if len(bounds) < len(values) and len(values) > 1:
        missing = len(values) - len(bounds)
        logger.info("%s %s: %d values not comparable (no rate)", spender, year, missing)
    deniers = [v for v in values if "disputed" in v.flags]
    if deniers:
        docs = ", ".join(sorted({v.doc_id for v in deniers}))
        reasons.append(f"a denial is recorded ({docs})")
    items = [v.item for v in values if v.item]
    categories = {item_category(i) for i in items}
    fact_key = "|".join(sorted(v.claim_id for v in values))
    return Fact(
        fact_id=hashlib.sha1(fact_key.encode()).hexdigest()[:16],
        spender=spender,
        year=year,
        item=items[0] if items else None,
        category=categories.pop() if len(categories) == 1 else None,
        values=tuple(values),
        independent_reports=sum(v.copy_of is None for v in values),
        spread_min=spread_min,
        spread_max=spread_max,
        spread_currency=currency if bounds else None,
        tolerance=tolerance,
        disputed=bool(reasons),
        disputed_reasons=tuple(reasons),
    )


def consolidate(
    claims: Iterable[Claim],
    docs: Mapping[str, DocRecord],
    *,
    tolerance: float = DEFAULT_TOLERANCE,
) -> list[Fact]:
    """Group spending claims of several articles into facts.

    claims (Iterable[Claim]): claims of any number of documents.
    docs (Mapping[str, DocRecord]): documents by doc_id, for their dates.
    tolerance (float): the fraction by which values may differ before a fact
        is disputed (0.1: 10%).
    RETURNS (list[Fact]): facts sorted by spender, then year (unknown last).
    """
    if not 0 <= tolerance <= 1:
        raise InputError(Errors.E104.format(value=tolerance))
    spending = [c for c in claims if c.kind == "spending" and c.amount and c.subject]
    keyed = sorted(
        (
            (canonical_spender(c.subject.name), c)
            for c in spending
            if c.subject is not None and c.amount is not None
        ),
        key=lambda kc: (
            kc[0].casefold(),
            kc[1].period is None or kc[1].period.year is None,
            kc[1].period.year if kc[1].period and kc[1].period.year else 0,
            kc[1].doc_id,
            kc[1].amount.start if kc[1].amount else 0,
        ),
    )
    groups: dict[tuple[str, int | None], list[list[ReportedValue]]] = {}
    names: dict[str, str] = {}
    for spender, claim in keyed:
        key = spender.casefold()
        names.setdefault(key, spender)
        value = reported_value(claim, docs.get(claim.doc_id))
        candidates = groups.setdefault((key, value.year), [])
        for group in candidates:
            if all(v.doc_id != value.doc_id for v in group) and all(
                items_compatible(v.item, value.item) for v in group
            ):
                group.append(value)
                break
        else:
            candidates.append([value])
    return [
        _make_fact(names[key], year, group, tolerance)
        for (key, year), candidates in groups.items()
        for group in candidates
    ]


def consolidate_file(
    claims_path: Path,
    out_path: Path,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    overwrite: bool = False,
) -> list[Fact]:
    """Consolidate a claims file (with its .docs.jsonl) into a facts JSONL file.

    claims_path (Path): the claims JSONL.
    out_path (Path): where to write one Fact per line.
    tolerance (float): see `consolidate`.
    overwrite (bool): replace an existing `out_path` (never an input: see
        `pipeline.outputs.check_output`).
    RETURNS (list[Fact]): the facts written.
    """
    check_output(out_path, inputs=(claims_path,), overwrite=overwrite, example="facts.jsonl")
    claims = read_claims(claims_path)
    facts = consolidate(claims, read_docs(docs_path_for(claims_path)), tolerance=tolerance)
    with atomic_output(out_path) as tmp, tmp.open("w", encoding="utf-8") as out:
        out.writelines(fact.model_dump_json() + "\n" for fact in facts)
    return facts
