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
    assert fact.spread_max / fact.spread_min == pytest.approx(1.25)
    assert "25%" in fact.disputed_reasons[0]


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


def test_consolidate_bad_tolerance() -> None:
    with pytest.raises(InputError, match="tolerance"):
        _facts(tolerance=5)


def test_consolidate_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "facts.jsonl"
    assert main(["consolidate", str(CLAIMS), "-o", str(out), "--tolerance", "0.05"]) == 0
    facts = [Fact.model_validate_json(line) for line in out.read_text("utf-8").splitlines()]
    assert facts == _facts(0.05)
    assert f"{len(facts)} facts" in capsys.readouterr().out
