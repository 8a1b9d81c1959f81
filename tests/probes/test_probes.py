"""Blind probes: articles annotated before anyone looked at the extractor's output on them.

Each folder `tests/probes/<name>/` holds `texts/` (the articles), `gold.json` (hand gold in the
format of `../shared/eval/gold/*.json`, see the folder's own note) and `floor.json`
(`{"claim_F1": x, "amount_F1": y}`, the scores reached when the probe was committed, rounded
down to 0.05). One test per probe runs the extractor over its texts as `newsclaims extract`
does and scores the output with the vendored team scorer: a change that loses generality
drops a probe below its floor and fails here. `python bench/quality.py` prints the same
figures with the kinds of error behind them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _score import load_pred, norm_doc, score
from spacy.language import Language

from pipeline.run.batch import extract_corpus

PROBES = sorted(p for p in Path(__file__).resolve().parent.iterdir() if (p / "gold.json").is_file())


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("probe", PROBES, ids=[p.name for p in PROBES])
def test_probes_score_at_least_their_floor(probe: Path, nlp: Language, tmp_path: Path) -> None:
    gold, floor = _read(probe / "gold.json"), _read(probe / "floor.json")
    texts = probe / "texts"
    # Every gold document has its article, so a probe cannot shrink unnoticed.
    assert {norm_doc(d) for d in gold["docs"]} == {norm_doc(p.name) for p in texts.iterdir()}
    out = tmp_path / "claims.jsonl"
    summary = extract_corpus(texts, out, nlp=nlp, workers=1, progress=False)
    assert (summary.articles, summary.errors) == (len(gold["docs"]), 0)
    got = score(gold, load_pred(out))
    assert got["claim_F1"] >= floor["claim_F1"], got
    assert got["amount_F1"] >= floor["amount_F1"], got
