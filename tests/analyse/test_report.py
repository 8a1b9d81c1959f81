"""The HTML report, checked as text: self-contained, links resolve, displaCy markup.

tests/analyse/test_browser.py opens the same report in a real browser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from models import ReviewSpan
from pipeline.analyse.export import claim_spans
from pipeline.analyse.report import build_report, render_article
from pipeline.analyse.table import read_claims, read_docs
from pipeline.cli import main
from pipeline.outputs import docs_path_for

CLAIMS = Path(__file__).resolve().parents[1] / "fixtures" / "claims.jsonl"


@pytest.fixture(scope="module")
def html() -> str:
    return build_report(read_claims(CLAIMS), read_docs(docs_path_for(CLAIMS)))


def test_report_is_self_contained(html: str) -> None:
    # Nothing to fetch: no script, stylesheet, font or image from elsewhere.
    assert "<script" not in html
    assert not re.search(r"""(?:src|href)=["'](?!#|data:)""", html)
    assert "@import" not in html and "url(http" not in html


def test_report_every_link_has_a_target(html: str) -> None:
    ids = set(re.findall(r'id="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets and targets <= ids


def test_report_bytedance_table_lists_every_source(html: str) -> None:
    section = html[html.index('id="spender-bytedance"') :]
    section = section[: section.index("</section>")]
    for figure in ("Rmb150bn", "Rmb160bn", "over 200 billion yuan", "$20B", "$7B"):
        assert figure in section
    for source in ("Reuters", "Financial Times", "The Information", "The Decoder"):
        assert source in section
    assert "disputed" in section
    assert "data:image/svg+xml;base64," in section


def test_report_shows_missing_rates_with_reason(html: str) -> None:
    assert "no ECB rate for DEM (not in the ECB data)" in html
    assert "no ECB rate for JPY in 1987 (data from 1999)" in html


def test_report_evidence_uses_displacy(html: str) -> None:
    assert 'class="spans"' in html  # displaCy span style: claim evidence
    assert 'class="entities"' in html  # displaCy ent style: whole articles


def test_report_article_overlapping_spans() -> None:
    spans = [
        ReviewSpan(start=0, end=5, label="SUBJECT"),
        ReviewSpan(start=0, end=5, label="SOURCE"),
        ReviewSpan(start=3, end=9, label="YEAR"),
        ReviewSpan(start=12, end=16, label="AMOUNT"),
    ]
    markup = render_article("Acme said 1987 cost $5bn", spans)
    assert "SUBJECT/SOURCE" not in markup  # overlaps the YEAR span, which ranks higher
    assert markup.count("<mark") == 2


def test_report_spans_of_a_claim_match_their_text() -> None:
    docs = read_docs(docs_path_for(CLAIMS))
    checked = 0
    for claim in read_claims(CLAIMS):
        text = docs[claim.doc_id].text
        for span in claim_spans(claim):
            if span.label == "AMOUNT" and claim.amount is not None:
                assert text[span.start : span.end] == claim.amount.text
                checked += 1
    assert checked == sum(c.amount is not None for c in read_claims(CLAIMS)) > 0


def test_report_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    claims = tmp_path / "claims.jsonl"
    claims.write_text(CLAIMS.read_text("utf-8"), "utf-8")
    docs_path_for(claims).write_text(docs_path_for(CLAIMS).read_text("utf-8"), "utf-8")
    out = tmp_path / "report.html"
    assert main(["report", str(claims), "-o", str(out)]) == 0
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert (
        f"report of {len(read_claims(CLAIMS))} claims from 11 articles" in capsys.readouterr().out
    )


def test_report_claims_without_spender_and_empty() -> None:
    docs = read_docs(docs_path_for(CLAIMS))
    anonymous = [c.model_copy(update={"subject": None}) for c in read_claims(CLAIMS)]
    html = build_report(anonymous, docs)
    assert 'class="spender"' not in html
    assert html.count('class="claim"') == len(anonymous)
    assert f"{len(anonymous)} claims (percent changes, or no spender named)" in html
    assert "0 claims from 0 articles" in build_report([], docs)


def test_report_doc_ids_with_the_same_slug_link_to_their_own_article() -> None:
    # "a/b.txt" and "a-b.txt" reduce to the same anchor text: each keeps its own anchor,
    # and each article's section holds its own text.
    claims = read_claims(CLAIMS)
    docs = read_docs(docs_path_for(CLAIMS))
    first, second = list(docs)[:2]
    renamed = {first: "a/b.txt", second: "a-b.txt"}
    claims = [c.model_copy(update={"doc_id": renamed.get(c.doc_id, c.doc_id)}) for c in claims]
    docs = {
        renamed.get(k, k): d.model_copy(update={"doc_id": renamed.get(k, k)})
        for k, d in docs.items()
    }
    html = build_report(claims, docs)
    ids = re.findall(r'id="(doc-a-b-txt[^"]*)"', html)
    assert sorted(ids) == ["doc-a-b-txt", "doc-a-b-txt-2"]
    for anchor, doc_id in zip(ids, ["a/b.txt", "a-b.txt"], strict=True):
        section = html[html.index(f'id="{anchor}"') :]
        assert doc_id in section[: section.index("</section>")]
