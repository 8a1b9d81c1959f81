"""Consolidation across articles: spender names, item compatibility, facts.

SPENDERS rows are names as news writes them (seed tables, Reuters company
names, appositions), ITEMS pairs of items; the facts are checked on the
hand-made fixtures (seeds 001, 003, 004 and the Reuters dev stories).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from models import Fact
from pipeline.analyse.consolidate import (
    canonical_spender,
    consolidate,
    item_category,
    items_compatible,
    mark_copies,
    near_identical,
)
from pipeline.analyse.table import read_claims, read_docs
from pipeline.cli import main
from pipeline.errors import InputError
from pipeline.outputs import docs_path_for

CLAIMS = Path(__file__).resolve().parents[1] / "fixtures" / "claims.jsonl"

SPENDERS = [
    ("Alphabet", "Google"),
    ("Google (Alphabet)", "Google"),
    ("Alphabet Inc.", "Google"),
    ("Meta Platforms", "Meta"),
    ("Meta Platforms Inc", "Meta"),
    ("TikTok parent ByteDance", "ByteDance"),
    ("ByteDance Ltd", "ByteDance"),
    ("ByteDance's", "ByteDance"),
    ("Montedison Spa", "Montedison"),
    ("Nisshin Steel Co Ltd", "Nisshin Steel"),
    ("Nippon Kokan K.K.", "NKK"),
    ("Fuji Photo Film Co Ltd", "Fuji Photo Film"),
    ("Siemens AG", "Siemens"),
    ("Antibioticos SA", "Antibioticos"),
    ("Barclays Plc", "Barclays"),
    ("Ford Motor Co", "Ford"),
    ("Super Valu Stores Inc", "Super Valu"),
    ("the French government", "French government"),
    ("Alibaba Group Holding", "Alibaba"),
]


@pytest.mark.parametrize(("name", "canonical"), SPENDERS, ids=[s[0] for s in SPENDERS])
def test_consolidate_canonical_spender(name: str, canonical: str) -> None:
    assert canonical_spender(name) == canonical


class ItemCase(NamedTuple):
    a: str | None
    b: str | None
    compatible: bool


ITEMS = [
    ItemCase(None, "capex", True),  # one missing
    ItemCase("planned AI spending", "spending", True),  # same head noun
    ItemCase("capital spending", "capital spending on production facilities", True),
    ItemCase("AI infrastructure", "capital expenditure on AI infrastructure", True),  # capex
    ItemCase("overall CapEx", "capital budget", True),  # capex
    ItemCase("acquisition of Antibioticos", "purchase of Antibioticos", True),  # acquisition
    ItemCase("overseas Nvidia GPUs", "capex", False),
    ItemCase("acquisition of Antibioticos", "capital spending", False),
    ItemCase("contract for 40 aircraft", "order for 40 aircraft", True),  # contract
]


@pytest.mark.parametrize("case", ITEMS, ids=repr)
def test_consolidate_items_compatible(case: ItemCase) -> None:
    assert items_compatible(case.a, case.b) is case.compatible
    assert items_compatible(case.b, case.a) is case.compatible


def test_consolidate_item_category() -> None:
    assert item_category("capital budget") == "capex"
    assert item_category("the 2006 budget") == "budget"
    assert item_category("overseas Nvidia GPUs") is None


def _facts(tolerance: float = 0.1) -> list[Fact]:
    return consolidate(read_claims(CLAIMS), read_docs(docs_path_for(CLAIMS)), tolerance=tolerance)


def _fact(facts: list[Fact], spender: str, year: int | None, amount: str) -> Fact:
    (fact,) = [
        f
        for f in facts
        if f.spender == spender and f.year == year and amount in [v.amount.text for v in f.values]
    ]
    return fact


def test_consolidate_bytedance_2026_disagreement_across_articles() -> None:
    fact = _fact(_facts(), "ByteDance", 2026, "Rmb160bn")
    assert sorted(v.amount.text for v in fact.values) == ["Rmb160bn", "over 200 billion yuan"]
    assert {v.doc_id[:3] for v in fact.values} == {"003", "004"}
    assert fact.disputed
    assert fact.spread_currency == "USD"
    assert fact.spread_min is not None and fact.spread_max is not None
    # The Decoder's article states its own dollar figure; the FT's yuan take the ECB rate.
    decoder, ft = sorted(fact.values, key=lambda v: v.amount.text != "over 200 billion yuan")
    assert (decoder.usd.value_usd, decoder.usd.stated) == (30e9, "$30 billion")
    assert decoder.usd.rate is None
    assert ft.usd.stated is None and ft.usd.rate is not None
    assert (fact.spread_min, fact.spread_max) == (ft.usd.value_usd, 30e9)
    assert f"{fact.spread_max / fact.spread_min - 1:.0%}" in fact.disputed_reasons[0]


def test_consolidate_denial_makes_a_fact_disputed() -> None:
    fact = _fact(_facts(), "ByteDance", 2025, "Rmb150bn")
    assert len(fact.values) == 1
    assert fact.disputed
    assert any("denial" in reason for reason in fact.disputed_reasons)
    assert fact.values[0].sources == ("Reuters",)


def test_consolidate_component_stays_apart() -> None:
    facts = _facts()
    gpus = _fact(facts, "ByteDance", None, "$7B")
    assert [v.amount.text for v in gpus.values] == ["$7B"]
    plan = _fact(facts, "ByteDance", None, "$20B")
    assert sorted(v.amount.text for v in plan.values) == ["$20B", "$23 billion"]


def test_consolidate_tolerance_option() -> None:
    loose = _fact(_facts(0.1), "Maytag", 1987, "about 60 mln dlrs")
    strict = _fact(_facts(0.05), "Maytag", 1987, "about 60 mln dlrs")
    assert len(loose.values) == 2 and not loose.disputed
    assert strict.disputed


def test_consolidate_claims_of_one_article_are_separate_facts() -> None:
    facts = _facts()
    assert any(len({v.doc_id for v in f.values}) > 1 for f in facts)  # facts across articles
    for fact in facts:
        doc_ids = [v.doc_id for v in fact.values]
        assert len(doc_ids) == len(set(doc_ids)), fact


def test_consolidate_aliases_and_years() -> None:
    facts = _facts()
    google = [f for f in facts if f.spender == "Google"]
    assert sorted(f.year or 0 for f in google) == [0, 2024]
    meta = _fact(facts, "Meta", 2024, "$35-40 Billion")
    assert (meta.spread_min, meta.spread_max) == (35e9, 40e9)


def test_consolidate_no_rate_spread_in_own_currency() -> None:
    fact = _fact(_facts(), "Nippon Steel", 1987, "105 billion yen")
    assert fact.spread_currency == "JPY"
    assert fact.values[0].usd.value_usd is None
    assert fact.values[0].usd.reason is not None


def test_consolidate_skips_changes() -> None:
    assert all(v.amount is not None for f in _facts() for v in f.values)
    assert sum(len(f.values) for f in _facts()) == len(
        [c for c in read_claims(CLAIMS) if c.kind == "spending"]
    )


def test_consolidate_values_in_publication_order() -> None:
    docs = read_docs(docs_path_for(CLAIMS))
    maytag = _fact(_facts(), "Maytag", 1987, "about 60 mln dlrs")
    assert [v.amount.text for v in maytag.values] == ["about 60 mln dlrs", "about 65 mln dlrs"]
    assert [v.published for v in maytag.values] == [docs[v.doc_id].date for v in maytag.values]
    # Swap the two stories' dates: the order follows the dates, not the file names.
    first, second = (v.doc_id for v in maytag.values)
    swapped = {
        **docs,
        first: docs[first].model_copy(update={"date": docs[second].date}),
        second: docs[second].model_copy(update={"date": docs[first].date}),
    }
    fact = _fact(consolidate(read_claims(CLAIMS), swapped), "Maytag", 1987, "about 60 mln dlrs")
    assert [v.amount.text for v in fact.values] == ["about 65 mln dlrs", "about 60 mln dlrs"]
    # Undated values come after dated ones.
    undated = {**docs, first: docs[first].model_copy(update={"date": None})}
    fact = _fact(consolidate(read_claims(CLAIMS), undated), "Maytag", 1987, "about 60 mln dlrs")
    assert [v.published is None for v in fact.values] == [False, True]


class CopyCase(NamedTuple):
    a: str
    b: str
    copy: bool


COPIES = [
    # Wire copy as reposted: case, spacing, punctuation and a word or two changed.
    CopyCase(
        "Maytag Co said it expects capital spending of about 60 mln dlrs in 1987.",
        "MAYTAG CO SAID IT EXPECTS CAPITAL SPENDING OF ABOUT 60 MLN DLRS IN 1987",
        True,
    ),
    CopyCase(
        "Reuters shocked markets on 23 January 2025 with a Rmb150bn projection for 2025 capex.",
        "Reuters shocked markets on January 23, 2025 with a Rmb150bn projection for 2025 capex.",
        True,
    ),
    CopyCase(
        "ByteDance plans to spend $20B on AI infrastructure, The Information reported.",
        "ByteDance plans to spend $20B on AI infrastructure, The Information reported on Monday.",
        True,
    ),
    # Same figure, other words: an independent report.
    CopyCase(
        "Maytag Co said it expects capital spending of about 60 mln dlrs in 1987.",
        "Capital outlays at Maytag should reach about 60 mln dlrs this year, analysts said.",
        False,
    ),
    CopyCase(
        "Financial Times later placed 2026 spending closer to Rmb160bn.",
        "The Decoder placed 2026 spending closer to over 200 billion yuan.",
        False,
    ),
    CopyCase("", "", False),
]


@pytest.mark.parametrize("case", COPIES, ids=repr)
def test_consolidate_near_identical(case: CopyCase) -> None:
    assert near_identical(case.a, case.b) is case.copy
    assert near_identical(case.b, case.a) is case.copy


def test_consolidate_story_published_twice_is_one_report() -> None:
    claims = read_claims(CLAIMS)
    docs = read_docs(docs_path_for(CLAIMS))
    original = docs["reuters-9337.txt"]
    assert original.date is not None
    repost = original.model_copy(
        update={"doc_id": "wire-repost-9337.txt", "date": original.date.replace(day=27)}
    )
    copies = [
        c.model_copy(update={"doc_id": repost.doc_id, "claim_id": "copy-" + c.claim_id})
        for c in claims
        if c.doc_id == original.doc_id
    ]
    facts = consolidate([*claims, *copies], {**docs, repost.doc_id: repost})
    fact = _fact(facts, "Maytag", 1987, "about 60 mln dlrs")
    assert [(v.doc_id, v.copy_of is not None) for v in fact.values] == [
        ("reuters-9337.txt", False),
        ("wire-repost-9337.txt", True),
        ("synthetic-maytag-followup.txt", False),
    ]
    assert fact.values[1].copy_of == fact.values[0].claim_id
    assert fact.independent_reports == 2
    earlier = _fact(facts, "Maytag", 1986, "49 mln\ndlrs")
    assert len(earlier.values) == 2 and earlier.independent_reports == 1
    # Without the repost every value is its own report.
    assert all(f.independent_reports == len(f.values) for f in _facts())


def test_consolidate_same_sentence_new_figure_is_a_revision() -> None:
    # A corrected wire story repeats the sentence with another figure: not a copy.
    first, later = _fact(_facts(), "Maytag", 1987, "about 60 mln dlrs").values
    reprint = later.model_copy(update={"evidence": first.evidence, "amount": first.amount})
    revised = reprint.model_copy(update={"amount": later.amount})
    assert [v.copy_of for v in mark_copies([first, reprint])] == [None, first.claim_id]
    assert [v.copy_of for v in mark_copies([first, revised])] == [None, None]


def test_consolidate_bad_tolerance() -> None:
    with pytest.raises(InputError, match="tolerance"):
        _facts(tolerance=5)


def test_consolidate_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "facts.jsonl"
    assert main(["consolidate", str(CLAIMS), "-o", str(out), "--tolerance", "0.05"]) == 0
    facts = [Fact.model_validate_json(line) for line in out.read_text("utf-8").splitlines()]
    assert facts == _facts(0.05)
    assert f"{len(facts)} facts" in capsys.readouterr().out
