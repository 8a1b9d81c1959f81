"""The vendored scorer (`_score.py`) against figures worked out by hand.

The gold and predictions are invented. Each prediction is there for one rule of
`../shared/eval/score.py`: doc ids matched by last path component without extension, a
value within 0.5%, a range, an equivalent in another currency, an optional claim that
consumes its prediction, a duplicate where the better-linked one is scored, a "change"
record and a record without an amount that are not read, a document outside the gold.
The expected numbers were computed by hand, claim by claim, in the comments below
(and agree with `python ../shared/eval/score.py` on the same files).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _score import load_pred, match, score


def _usd(value: float) -> dict[str, Any]:
    return {"value": value, "currency": "USD"}


GOLD: dict[str, Any] = {
    "docs": {
        "alpha": {
            "claims": [
                # g1: found twice (p1, p2); p1 is fully right; hard.
                {"subject": "Acme Corp", **_usd(5e6), "year": 1987, "sources": ["Smith"]}
                | {"hard": "year from the headline"},
                # g2: a range, found by p3 under an alias, with the wrong year.
                {
                    "subject": "Ministry of Works",
                    "aliases": ["Works ministry"],
                    "min": 1e9,
                    "max": 2e9,
                    "currency": "EUR",
                    "year": 1988,
                    "sources": [],
                },
                # g3: optional; p4 matches its USD equivalent, so p4 is no extra.
                {
                    "subject": "Acme",
                    "value": 7e6,
                    "currency": "GBP",
                    "equivalents": [_usd(10e6)],
                    "year": 1987,
                    "optional": True,
                },
                # g4: missed (only the "change" record p6 has its amount).
                {"subject": "Beta Ltd", **_usd(3e6), "year": 1986, "sources": []},
            ]
        },
        "beta": {
            "claims": [
                # g5: found through p7's JPY equivalent; all right.
                {
                    "subject": "Gamma Inc",
                    "value": 100e6,
                    "currency": "JPY",
                    "year": None,
                    "sources": ["Tokyo officials"],
                },
                # g6: no spender in the gold; p8 names one: wrong subject.
                {"subject": None, "value": 2.5e6, "currency": "CHF", "year": 1990},
            ]
        },
    }
}

PREDICTIONS: list[dict[str, Any]] = [
    {  # p1
        "doc_id": "corpus/alpha.txt",
        "kind": "spending",
        "subject": {"name": "Acme"},
        "amount": _usd(5e6),
        "period": {"year": 1987},
        "sources": [{"name": "John Smith"}],
    },
    {  # p2: 0.4% off g1, year and source wrong
        "doc_id": "alpha.txt",
        "subject": "Acme",
        "amount": _usd(5.02e6),
        "period": {"year": 1986},
    },
    {  # p3
        "doc_id": "alpha.md",
        "subject": "Works ministry",
        "amount": {"value": None, "min": 1e9, "max": 2e9, "currency": "EUR"},
        "period": {"year": 1989},
    },
    {"doc_id": "alpha.txt", "subject": "Acme", "amount": _usd(10e6)},  # p4
    {"doc_id": "alpha.txt", "subject": "Acme", "amount": _usd(8e6)},  # p5: the one extra
    {"doc_id": "alpha.txt", "kind": "change", "amount": _usd(3e6)},  # p6: not read
    {  # p7
        "doc_id": "x/beta.txt",
        "subject": "Gamma",
        "amount": _usd(0.7e6),
        "equivalents": [{"value": 100e6, "currency": "JPY"}],
        "period": {"year": None},
        "sources": [{"name": "officials"}],
    },
    {  # p8: "at least 2.5 mln francs": min only matches a value
        "doc_id": "beta.txt",
        "subject": {"name": "Zeta AG"},
        "amount": {"value": None, "min": 2.5e6, "currency": "chf"},
        "period": {"year": 1990},
    },
    {"doc_id": "beta.txt", "kind": "spending", "subject": "X"},  # p9: no amount, not read
    {"doc_id": "gamma.txt", "subject": "Delta", "amount": _usd(1e6)},  # p10: doc not in gold
]

# Scored: g1 g2 g4 g5 g6 (g3 is optional). tp = 4 (g1 g2 g5 g6), fn = 1 (g4), fp = 1 (p5).
# Subjects right on g1 g2 g5; years on g1 g5 g6; sources on all four; fully right: g1 g5.
EXPECTED = {
    "gold_claims": 5,
    "predicted_unmatched": 1,
    "tp": 4,
    "amount_P": 0.8,  # 4 / (4 + 1)
    "amount_R": 0.8,  # 4 / (4 + 1)
    "amount_F1": 0.8,
    "subject_acc": 0.75,
    "year_acc": 0.75,
    "source_acc": 1.0,
    "claim_F1": 0.4,  # P = R = 2 / 5
    "hard_linked": "1/1",
}
EXPECTED_EMPTY = {
    "gold_claims": 5,
    "predicted_unmatched": 0,
    "tp": 0,
    "amount_P": 0.0,
    "amount_R": 0.0,
    "amount_F1": 0.0,
    "subject_acc": 0.0,
    "year_acc": 0.0,
    "source_acc": 0.0,
    "claim_F1": 0.0,
    "hard_linked": "0/1",
}


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "records,expected",
    [(PREDICTIONS, EXPECTED), ([], EXPECTED_EMPTY)],
    ids=["invented", "no-predictions"],
)
def test_score_gives_hand_computed_figures(
    tmp_path: Path, records: list[dict[str, Any]], expected: dict[str, Any]
) -> None:
    pred = load_pred(_write(tmp_path / "claims.jsonl", records))
    assert score(GOLD, pred) == expected


def test_score_match_names_best_links_and_extras(tmp_path: Path) -> None:
    matches, extras = match(GOLD, load_pred(_write(tmp_path / "claims.jsonl", PREDICTIONS)))
    best = [(m.doc, m.gold["subject"], m.best and m.best["amount"]) for m in matches]
    # g1 is scored on p1 (5e6, all right), not on its duplicate p2 (5.02e6).
    assert best == [
        ("alpha", "Acme Corp", _usd(5e6)),
        ("alpha", "Ministry of Works", PREDICTIONS[2]["amount"]),
        ("alpha", "Beta Ltd", None),
        ("beta", "Gamma Inc", _usd(0.7e6)),
        ("beta", None, PREDICTIONS[7]["amount"]),
    ]
    assert [(doc, p["amount"]["value"]) for doc, p in extras] == [("alpha", 8e6)]
