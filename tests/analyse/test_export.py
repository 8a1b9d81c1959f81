"""Exports (`pipeline.analyse.export`): Parquet, CSV, review spans, Label Studio tasks.

On the hand-made fixtures in tests/fixtures/ (tests/fixtures/build_fixtures.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from models import LabelStudioTask, ReviewRecord
from pipeline.analyse.export import export_claims
from pipeline.analyse.table import load_claims, read_claims, read_docs, read_parquet
from pipeline.errors import InputError
from pipeline.outputs import docs_path_for

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CLAIMS = FIXTURES / "claims.jsonl"


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return load_claims(CLAIMS)


def test_export_parquet_round_trip(frame: pd.DataFrame, tmp_path: Path) -> None:
    out = tmp_path / "claims.parquet"
    assert export_claims(CLAIMS, out) == len(frame)
    back = pd.read_parquet(out)
    assert back.dtypes.equals(frame.dtypes)
    pd.testing.assert_frame_equal(read_parquet(out), frame)


def test_export_csv_lists_are_json(frame: pd.DataFrame, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    export_claims(CLAIMS, out)
    back = pd.read_csv(out)
    assert len(back) == len(frame)
    assert json.loads(back.loc[0, "sources"]) == frame.loc[0, "sources"]
    assert json.loads(back.loc[0, "evidence"]) == frame.loc[0, "evidence"]


def test_export_spans_export_one_record_per_article(tmp_path: Path) -> None:
    out = tmp_path / "review.jsonl"
    n = export_claims(CLAIMS, out, fmt="spans")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == len(lines) == len(read_docs(docs_path_for(CLAIMS)))
    claims = {c.claim_id: c for c in read_claims(CLAIMS)}
    for line in lines:
        raw = json.loads(line)
        assert set(raw) == {"text", "spans", "label", "meta"}
        record = ReviewRecord.model_validate(raw)
        for span in record.spans:
            assert 0 <= span.start < span.end <= len(record.text)
        assert [list(t) for t in raw["label"]] == [
            [s["start"], s["end"], s["label"]] for s in raw["spans"]
        ]
        amounts = {record.text[s.start : s.end] for s in record.spans if s.label == "AMOUNT"}
        for claim_id in record.meta.claim_ids:
            amount = claims[claim_id].amount
            assert amount is None or amount.text in amounts


def test_export_export_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--format"):
        export_claims(CLAIMS, tmp_path / "claims.txt")


def test_export_label_studio_export(tmp_path: Path) -> None:
    out = tmp_path / "review.json"
    n = export_claims(CLAIMS, out, fmt="labelstudio")
    tasks = [LabelStudioTask.model_validate(t) for t in json.loads(out.read_text("utf-8"))]
    assert n == len(tasks) == len(read_docs(docs_path_for(CLAIMS)))
    assert sum(len(t.predictions[0].result) for t in tasks) > 0
    for task in tasks:
        (prediction,) = task.predictions
        for result in prediction.result:
            value = result.value
            assert task.data.text[value.start : value.end] == value.text
