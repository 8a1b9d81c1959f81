"""Claims as tables and exports, on the hand-made fixtures in tests/fixtures/.

The fixtures are what a correct extraction of the seed articles and the Reuters
dev stories gives; tests/fixtures/build_fixtures.py builds them.
"""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from models import Claim, ClaimRow, DocRecord, LabelStudioTask, ReviewRecord
from pipeline.analyse.io import (
    docs_path_for,
    export_claims,
    load_claims,
    read_claims,
    read_docs,
    read_parquet,
)
from pipeline.errors import InputError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CLAIMS = FIXTURES / "claims.jsonl"
SHARED_REUTERS = Path(__file__).resolve().parents[3] / "shared" / "eval" / "corpus" / "reuters-dev"


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return load_claims(CLAIMS)


def test_io_load_claims_one_row_per_claim(frame: pd.DataFrame) -> None:
    assert len(frame) == len(read_claims(CLAIMS))
    assert list(frame.columns) == list(ClaimRow.model_fields)
    assert str(frame["year"].dtype) == "Int64"
    assert str(frame["value_usd"].dtype) == "Float64"
    assert str(frame["subject"].dtype) == "string"
    assert frame["sources"].map(type).eq(list).all()


def test_io_load_claims_bytedance_rows(frame: pd.DataFrame) -> None:
    row = frame[frame["amount_text"] == "Rmb150bn"].iloc[0]
    assert (row["subject"], row["currency"], row["year"]) == ("ByteDance", "CNY", 2025)
    assert row["sources"] == ["Reuters"]
    assert "disputed" in row["flags"]
    assert len(row["evidence"]) == 2
    assert 18e9 < row["value_usd"] < 23e9  # about 7.2 yuan to the dollar in 2025
    assert row["rate_year"] == 2025


def test_io_load_claims_no_rate_is_null_with_reason(frame: pd.DataFrame) -> None:
    marks = frame[frame["currency"] == "DEM"].iloc[0]
    assert pd.isna(marks["value_usd"])
    assert "DEM" in marks["usd_reason"]
    dollars = frame[frame["amount_text"] == "363.7 mln dlrs"].iloc[0]
    assert dollars["value_usd"] == 363.7e6
    assert dollars["doc_date"] == pd.Timestamp("1987-03-20")


def test_io_load_claims_offsets_point_into_the_text(frame: pd.DataFrame) -> None:
    docs = read_docs(docs_path_for(CLAIMS))
    for row in frame.dropna(subset=["amount_start"]).itertuples():
        text = docs[row.doc_id].text
        assert text[row.amount_start : row.amount_end] == row.amount_text
        assert text[row.evidence_start : row.evidence_end] == row.evidence[0]


def test_io_parquet_round_trip(frame: pd.DataFrame, tmp_path: Path) -> None:
    out = tmp_path / "claims.parquet"
    assert export_claims(CLAIMS, out) == len(frame)
    back = pd.read_parquet(out)
    assert back.dtypes.equals(frame.dtypes)
    pd.testing.assert_frame_equal(read_parquet(out), frame)


def test_io_csv_lists_are_json(frame: pd.DataFrame, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    export_claims(CLAIMS, out)
    back = pd.read_csv(out)
    assert len(back) == len(frame)
    assert json.loads(back.loc[0, "sources"]) == frame.loc[0, "sources"]
    assert json.loads(back.loc[0, "evidence"]) == frame.loc[0, "evidence"]


def test_io_spans_export_one_record_per_article(tmp_path: Path) -> None:
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


def test_io_export_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--format"):
        export_claims(CLAIMS, tmp_path / "claims.txt")


def test_io_read_claims_names_the_bad_line(tmp_path: Path) -> None:
    bad = tmp_path / "claims.jsonl"
    bad.write_text(CLAIMS.read_text(encoding="utf-8").splitlines()[0] + "\n{}\n", "utf-8")
    with pytest.raises(InputError, match="Line 2"):
        read_claims(bad)


def test_io_read_docs_ignores_extra_fields_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "x.docs.jsonl"
    record = {"doc_id": "a.txt", "text": "Hi", "date": "1987-03-02", "added_later": "x"}
    path.write_text(json.dumps(record) + "\n", "utf-8")
    assert read_docs(path) == {"a.txt": DocRecord(doc_id="a.txt", text="Hi", date="1987-03-02")}
    assert read_docs(tmp_path / "missing.docs.jsonl") == {}


def test_io_load_claims_without_docs_file(tmp_path: Path) -> None:
    lonely = tmp_path / "claims.jsonl"
    lonely.write_text(CLAIMS.read_text(encoding="utf-8"), "utf-8")
    frame = load_claims(lonely)
    assert frame["doc_date"].isna().all()
    assert len(frame) == len(read_claims(CLAIMS))


def test_io_claims_round_trip_through_models() -> None:
    for line in CLAIMS.read_text(encoding="utf-8").splitlines():
        assert Claim.model_validate_json(line).model_dump_json() == line


def test_io_pipeline_import_stays_light() -> None:
    code = (
        "import sys, pipeline; assert 'pandas' not in sys.modules; "
        "pipeline.load_claims; assert 'pandas' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.skipif(not SHARED_REUTERS.is_dir(), reason="../shared/eval corpus not here")
def test_io_fixtures_are_up_to_date(tmp_path: Path) -> None:
    script = FIXTURES / "build_fixtures.py"
    write = runpy.run_path(str(script), run_name="build_fixtures")["write_fixtures"]
    assert callable(write)
    claims_path, docs_path = write(tmp_path)
    assert claims_path.read_text("utf-8") == CLAIMS.read_text("utf-8")
    assert docs_path.read_text("utf-8") == docs_path_for(CLAIMS).read_text("utf-8")


def test_io_label_studio_export(tmp_path: Path) -> None:
    out = tmp_path / "review.json"
    n = export_claims(CLAIMS, out, fmt="labelstudio")
    tasks = [LabelStudioTask.model_validate(t) for t in json.loads(out.read_text("utf-8"))]
    assert n == len(tasks) == len(read_docs(docs_path_for(CLAIMS)))
    for task in tasks:
        (prediction,) = task.predictions
        for result in prediction.result:
            value = result.value
            assert task.data.text[value.start : value.end] == value.text
