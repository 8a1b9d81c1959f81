"""Claims as a table (`pipeline.analyse.table`), on the hand-made fixtures in tests/fixtures/.

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

from models import Claim, ClaimRow, DocRecord
from pipeline.analyse.table import load_claims, read_claims, read_docs
from pipeline.errors import InputError
from pipeline.outputs import docs_path_for

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CLAIMS = FIXTURES / "claims.jsonl"


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return load_claims(CLAIMS)


def test_table_load_claims_one_row_per_claim(frame: pd.DataFrame) -> None:
    assert len(frame) == len(read_claims(CLAIMS))
    assert list(frame.columns) == list(ClaimRow.model_fields)
    assert str(frame["year"].dtype) == "Int64"
    assert str(frame["value_usd"].dtype) == "Float64"
    assert str(frame["subject"].dtype) == "string"
    assert frame["sources"].map(type).eq(list).all()


def test_table_load_claims_bytedance_rows(frame: pd.DataFrame) -> None:
    row = frame[frame["amount_text"] == "Rmb150bn"].iloc[0]
    assert (row["subject"], row["currency"], row["year"]) == ("ByteDance", "CNY", 2025)
    assert row["sources"] == ["Reuters"]
    assert "disputed" in row["flags"]
    assert len(row["evidence"]) == 2
    assert 18e9 < row["value_usd"] < 23e9  # about 7.2 yuan to the dollar in 2025
    assert row["rate_year"] == 2025


def test_table_load_claims_no_rate_is_null_with_reason(frame: pd.DataFrame) -> None:
    marks = frame[frame["currency"] == "DEM"].iloc[0]
    assert pd.isna(marks["value_usd"])
    assert "DEM" in marks["usd_reason"]
    dollars = frame[frame["amount_text"] == "363.7 mln dlrs"].iloc[0]
    assert dollars["value_usd"] == 363.7e6
    assert dollars["doc_date"] == pd.Timestamp("1987-03-20")


def test_table_load_claims_offsets_point_into_the_text(frame: pd.DataFrame) -> None:
    docs = read_docs(docs_path_for(CLAIMS))
    rows = frame.dropna(subset=["amount_start"])
    assert len(rows) == sum(c.amount is not None for c in read_claims(CLAIMS)) > 0
    for row in rows.itertuples():
        text = docs[row.doc_id].text
        assert text[row.amount_start : row.amount_end] == row.amount_text
        assert text[row.evidence_start : row.evidence_end] == row.evidence[0]


def test_table_read_claims_names_the_bad_line(tmp_path: Path) -> None:
    bad = tmp_path / "claims.jsonl"
    bad.write_text(CLAIMS.read_text(encoding="utf-8").splitlines()[0] + "\n{}\n", "utf-8")
    with pytest.raises(InputError, match="Line 2"):
        read_claims(bad)


def test_table_read_docs_ignores_extra_fields_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "x.docs.jsonl"
    record = {"doc_id": "a.txt", "text": "Hi", "date": "1987-03-02", "added_later": "x"}
    path.write_text(json.dumps(record) + "\n", "utf-8")
    assert read_docs(path) == {"a.txt": DocRecord(doc_id="a.txt", text="Hi", date="1987-03-02")}
    assert read_docs(tmp_path / "missing.docs.jsonl") == {}


def test_table_load_claims_without_docs_file(tmp_path: Path) -> None:
    lonely = tmp_path / "claims.jsonl"
    lonely.write_text(CLAIMS.read_text(encoding="utf-8"), "utf-8")
    frame = load_claims(lonely)
    assert frame["doc_date"].isna().all()
    assert len(frame) == len(read_claims(CLAIMS))


def test_table_claims_round_trip_through_models() -> None:
    for line in CLAIMS.read_text(encoding="utf-8").splitlines():
        assert Claim.model_validate_json(line).model_dump_json() == line


def test_table_pipeline_import_stays_light() -> None:
    code = (
        "import sys, pipeline; assert 'pandas' not in sys.modules; "
        "pipeline.load_claims; assert 'pandas' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_table_fixtures_are_up_to_date(tmp_path: Path) -> None:
    # The rows of build_fixtures.py, applied to the committed article texts (no ../shared
    # needed), give the committed claims: a row changed without a rebuild is caught.
    script = FIXTURES / "build_fixtures.py"
    write = runpy.run_path(str(script), run_name="build_fixtures")["write_fixtures"]
    assert callable(write)
    texts = {doc.doc_id: doc.text for doc in read_docs(docs_path_for(CLAIMS)).values()}
    assert len(texts) > 3
    claims_path, docs_path = write(tmp_path, texts)
    assert claims_path.read_text("utf-8") == CLAIMS.read_text("utf-8")
    assert docs_path.read_text("utf-8") == docs_path_for(CLAIMS).read_text("utf-8")
