"""The report folder, checked as text: self-contained pages, links resolve, charts, revisions.

tests/analyse/test_browser.py opens the same report in a real browser; the
build time, sizes and render times on a whole archive are in bench/report.py.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import NamedTuple

import pytest

from models import Claim, Fact, ReviewSpan, Source, Subject
from pipeline.analyse.charts import MAX_COLUMNS, spender_chart
from pipeline.analyse.consolidate import consolidate
from pipeline.analyse.export import claim_spans, whole_name
from pipeline.analyse.report import build_report, render_article, revisions, write_report
from pipeline.analyse.table import read_claims, read_docs
from pipeline.cli import main
from pipeline.outputs import docs_path_for

CLAIMS = Path(__file__).resolve().parents[1] / "fixtures" / "claims.jsonl"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return build_report(read_claims(CLAIMS), read_docs(docs_path_for(CLAIMS)))


@pytest.fixture(scope="module")
def facts() -> list[Fact]:
    return consolidate(read_claims(CLAIMS), read_docs(docs_path_for(CLAIMS)))


def _spender_facts(facts: list[Fact], name: str) -> list[Fact]:
    return [f for f in facts if f.spender == name]


def _rows(html: str) -> list[str]:
    """The spender names of the overview's list, in order."""
    body = html[html.index('id="spender-list"') :]
    return re.findall(r'<td><a href="spenders/[^"]+">([^<]+)</a></td>', body)


def test_report_pages_are_self_contained(pages: dict[str, str]) -> None:
    # Nothing to fetch: every src or href is a fragment or another page of the report.
    for path, html in pages.items():
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'' in html
        assert not re.search(r"<script[^>]*\bsrc=", html), path
        assert not re.search(r"""\bsrc=["'](?!data:)""", html), path
        assert "@import" not in html and "url(" not in html, path
        for href in re.findall(r'href="([^"#]*)', html):
            assert (
                href == ""
                or posixpath.normpath(posixpath.join(posixpath.dirname(path), href)) in pages
            ), (path, href)


def test_report_every_link_has_a_target(pages: dict[str, str]) -> None:
    ids = {path: set(re.findall(r'id="([^"]+)"', html)) for path, html in pages.items()}
    for path, html in pages.items():
        for href in re.findall(r'href="([^"]+)"', html):
            page, _, fragment = href.partition("#")
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(path), page)) if page else path
            )
            assert not fragment or fragment in ids[target], (path, href)


def test_report_overview_ranks_spenders(pages: dict[str, str], facts: list[Fact]) -> None:
    index = pages["index.html"]
    names = _rows(index)
    counts = {name: len(_spender_facts(facts, name)) for name in {f.spender for f in facts}}
    assert sorted(names) == sorted(counts)
    assert [counts[n] for n in names] == sorted(counts.values(), reverse=True)
    assert names[0] == "ByteDance"  # the most facts, and disputed ones
    assert 'id="filter"' in index and 'id="disputed-only"' in index
    # The overview holds no evidence: that is on the spender and article pages.
    assert 'class="spans"' not in index and 'class="entities"' not in index
    spender_pages = [p for p in pages if p.startswith("spenders/")]
    assert len(spender_pages) == len(names)


def test_report_overview_rows_are_capped(pages: dict[str, str]) -> None:
    assert "spenders.html" not in pages  # every spender fits on the overview
    capped = build_report(read_claims(CLAIMS), read_docs(docs_path_for(CLAIMS)), overview_rows=5)
    everyone = _rows(pages["index.html"])
    assert _rows(capped["index.html"]) == everyone[:5]
    assert 'href="spenders.html"' in capped["index.html"]
    assert _rows(capped["spenders.html"]) == everyone
    assert sorted(capped) == sorted([*pages, "spenders.html"])


def test_report_bytedance_page_lists_every_source(pages: dict[str, str]) -> None:
    page = pages["spenders/bytedance.html"]
    for figure in ("Rmb150bn", "Rmb160bn", "over 200 billion yuan", "$20B", "$7B"):
        assert figure in page
    for source in ("Reuters", "Financial Times", "The Information", "The Decoder"):
        assert source in page
    assert "disputed" in page
    assert page.count('<svg class="chart"') == 1
    assert 'class="spans"' in page  # displaCy span style: the evidence sentences


def test_report_single_figure_gets_no_chart(pages: dict[str, str], facts: list[Fact]) -> None:
    singles = [n for n in {f.spender for f in facts} if len(_spender_facts(facts, n)) == 1]
    assert "Amazon" in singles
    page = pages["spenders/amazon.html"]
    assert "<svg" not in page
    assert "One reported figure" in page


def test_report_chart_keeps_undated_facts_apart(facts: list[Fact]) -> None:
    bytedance = _spender_facts(facts, "ByteDance")
    chart = spender_chart(bytedance)
    (panel,) = chart.panels
    labels = [c.label for c in panel.columns]
    assert labels == ["2025", "2026", "no year", "no year"]  # one column per undated fact
    undated = [c for c in panel.columns if c.label == "no year"]
    assert panel.divider_x == undated[0].x
    by_label = {(c.label, c.sublabel): c for c in panel.columns}
    for fact in bytedance:
        column = next(c for c in panel.columns if len(c.marks) == len(fact.values))
        assert column in by_label.values()
    for column in panel.columns:
        # A band (and median) only where there is something to compare.
        assert (column.band is not None) is (len(column.marks) > 1)
        if column.band is not None and column.median_y is not None:
            assert column.band[0] <= column.median_y <= column.band[1]
    disputed_2026 = next(c for c in panel.columns if c.label == "2026")
    assert disputed_2026.disputed
    # The higher figure is drawn higher (smaller y) and falls outside the band.
    low, high = sorted(disputed_2026.marks, key=lambda m: -m.y)
    assert disputed_2026.band is not None and high.y < disputed_2026.band[0]
    sources = [s for s, _ in chart.legend]
    assert {"Reuters", "Financial Times", "The Decoder", "The Information"} <= set(sources)


def test_report_chart_small_multiples(facts: list[Fact]) -> None:
    (maytag_1987,) = [f for f in facts if f.spender == "Maytag" and f.year == 1987]
    many = [
        maytag_1987.model_copy(update={"year": 1970 + i, "fact_id": f"f{i}"})
        for i in range(MAX_COLUMNS + 2)
    ]
    single = maytag_1987.model_copy(update={"values": maytag_1987.values[:1], "year": 1990})
    chart = spender_chart([*many, single])
    assert len(chart.panels) == len(many)  # one per fact with more than one figure
    assert all(len(p.columns) == 1 for p in chart.panels)
    assert [p.title for p in chart.panels][:2] == ["1970 capital spending", "1971 capital spending"]
    assert "1 facts with one figure are in the table only" in chart.note


def test_report_revisions_in_publication_order(facts: list[Fact]) -> None:
    (fact,) = [f for f in facts if f.spender == "Maytag" and f.year == 1987]
    anchors = {v.claim_id: "a-" + v.claim_id for v in fact.values}
    hrefs = {v.doc_id: "articles/x.html" for v in fact.values}
    view = revisions(fact, anchors, hrefs)
    assert [(r.value.amount.text, r.direction) for r in view.revisions] == [
        ("about 60 mln dlrs", "first"),
        ("about 65 mln dlrs", "up"),
    ]
    assert view.revisions[1].change == "+8% vs. previous"
    falling = fact.model_copy(update={"values": fact.values[::-1]})
    assert revisions(falling, anchors, hrefs).revisions[1].change == "-8% vs. previous"
    alone = fact.model_copy(update={"values": fact.values[:1]})
    assert [r.change for r in revisions(alone, anchors, hrefs).revisions] == [""]


def test_report_revisions_on_the_spender_page(pages: dict[str, str]) -> None:
    page = pages["spenders/maytag.html"]
    first, second = page.index("about 60 mln dlrs"), page.index("about 65 mln dlrs")
    assert first < second
    assert "1987-03-25" in page and "1987-04-21" in page
    assert "+8% vs. previous" in page


def test_report_copies_are_not_confirmations() -> None:
    # One Maytag story published twice, under another id two days later.
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
    pages = build_report([*claims, *copies], {**docs, repost.doc_id: repost})
    page = pages["spenders/maytag.html"]
    assert page.count('<tr class="copy">') == len(copies) == 2
    assert page.count("copy of reuters-9337.txt (same sentence)") == 2
    assert "2 independent reports, 1 copy" in page  # 1987: the story, its copy, a follow-up
    assert "1 independent report, 1 copy" in page  # 1986: the story and its copy
    assert page.count('class="point copy"') == 2  # hollow marks in the chart
    # The follow-up still compares with the original story, not with its copy.
    assert "+8% vs. previous" in page
    row = pages["index.html"].split('data-name="maytag"')[1].split("</tr>")[0]
    cells = re.findall(r'<td class="num">([^<]*)</td>', row)
    assert cells[1:5] == ["2", "0", "3", "2"]  # facts, disputed, reports, copies


def test_report_usd_uses_the_articles_own_equivalent(pages: dict[str, str]) -> None:
    page = pages["spenders/bytedance.html"]
    table = page[page.index('<table class="facts">') :]
    row = table[table.index("over 200 billion yuan") :]
    row = row[: row.index("</tr>")]
    assert "USD 30bn" in row
    assert "as the article states it: “$30 billion”" in row
    assert "rate 2026" not in row  # no computed rate beside a stated one
    assert "own equivalent or yearly average ECB rates" in page


def test_report_shows_missing_rates_with_reason(pages: dict[str, str]) -> None:
    everything = "".join(pages.values())
    assert "no ECB rate for DEM (not in the ECB data)" in everything
    assert "no ECB rate for JPY in 1987 (data from 1999)" in everything


def test_report_article_pages_use_displacy(pages: dict[str, str]) -> None:
    articles = [html for path, html in pages.items() if path.startswith("articles/")]
    assert len(articles) == len({c.doc_id for c in read_claims(CLAIMS)})
    assert all('class="entities"' in html for html in articles)  # whole article text


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


class NameCase(NamedTuple):
    text: str
    name: str
    head: str  # what the extractor's offsets cover
    shown: str  # what the report highlights


# Invented sentences in the seed articles' style: the extractor's span is the head word.
NAMES = [
    NameCase(
        "Rmb160bn pencilled for 2026, says Financial Times.",
        "Financial Times",
        "Times",
        "Financial Times",
    ),
    NameCase(
        "In contrast, The Information cited $20B targets.",
        "The Information",
        "Information",
        "The Information",
    ),
    NameCase(
        "as reported by The\n  Decoder, the figure", "The Decoder", "Decoder", "The\n  Decoder"
    ),
    NameCase("THE INFORMATION said on Monday", "The Information", "INFORMATION", "THE INFORMATION"),
    NameCase("ByteDance's plan is bigger.", "ByteDance", "ByteDance", "ByteDance"),
    # The name is not in the text around the span: the span stays as it is.
    NameCase("the ministry said on Friday", "Seguin's ministry", "ministry", "ministry"),
]


@pytest.mark.parametrize("case", NAMES, ids=[c.name + ":" + c.head for c in NAMES])
def test_report_highlights_whole_names(case: NameCase) -> None:
    start = case.text.index(case.head)
    end = start + len(case.head)
    assert case.text[slice(*whole_name(case.text, case.name, start, end))] == case.shown
    claim = read_claims(CLAIMS)[0].model_copy(
        update={
            "sources": (Source(name=case.name, text=case.head, start=start, end=end),),
            "subject": Subject(name=case.name, start=start, end=end),
            "period": None,
        }
    )
    widened = {s.label: case.text[s.start : s.end] for s in claim_spans(claim, text=case.text)}
    assert widened["SOURCE"] == widened["SUBJECT"] == case.shown
    # Without the text (the review exports) the extractor's offsets stay as they are.
    raw = {s.label: case.text[s.start : s.end] for s in claim_spans(claim)}
    assert raw["SOURCE"] == raw["SUBJECT"] == case.head


def test_report_doc_ids_with_the_same_slug_get_their_own_page() -> None:
    # "a/b.txt" and "a-b.txt" reduce to the same file name: each keeps its own page,
    # and each page holds its own article.
    claims = read_claims(CLAIMS)
    docs = read_docs(docs_path_for(CLAIMS))
    first, second = list(docs)[:2]
    renamed = {first: "a/b.txt", second: "a-b.txt"}
    claims = [c.model_copy(update={"doc_id": renamed.get(c.doc_id, c.doc_id)}) for c in claims]
    docs = {
        renamed.get(k, k): d.model_copy(update={"doc_id": renamed.get(k, k)})
        for k, d in docs.items()
    }
    pages = build_report(claims, docs)
    assert pages["articles/a-b-txt.html"].count("<h1>a/b.txt</h1>") == 1
    assert pages["articles/a-b-txt-2.html"].count("<h1>a-b.txt</h1>") == 1
    assert 'href="articles/a-b-txt-2.html"' in pages["articles.html"]


def _copy_claims(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    claims = folder / "claims.jsonl"
    claims.write_text(CLAIMS.read_text("utf-8"), "utf-8")
    docs_path_for(claims).write_text(docs_path_for(CLAIMS).read_text("utf-8"), "utf-8")
    return claims


def test_report_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    claims = _copy_claims(tmp_path)
    out = tmp_path / "report"
    assert main(["report", str(claims), "-o", str(out)]) == 0
    assert (out / "index.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert (out / "spenders" / "bytedance.html").is_file()
    captured = capsys.readouterr()
    assert f"report of {len(read_claims(CLAIMS))} claims from 11 articles" in captured.out
    assert captured.err == ""  # no progress bar off a terminal
    # A second run replaces an earlier report only with --overwrite, and whole: no page
    # of it is left over.
    (out / "spenders" / "stale.html").write_text("old", "utf-8")
    assert main(["report", str(claims), "-o", str(out), "--quiet"]) == 2
    assert "[E108]" in capsys.readouterr().err
    assert (out / "spenders" / "stale.html").exists()
    assert main(["report", str(claims), "-o", str(out), "--quiet", "--overwrite"]) == 0
    assert not (out / "spenders" / "stale.html").exists()
    assert capsys.readouterr().out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "claims.docs.jsonl",
        "claims.jsonl",
        "report",
    ]


def test_report_progress_bar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    claims = _copy_claims(tmp_path)
    summary = write_report(claims, tmp_path / "report", progress=True)
    err = capsys.readouterr().err
    assert "report" in err and f"{summary.n_pages}/{summary.n_pages}" in err


BAD_OUTPUTS = [
    ("report.html", "give -o a folder"),
    ("notes", "is not an earlier report"),
    (".", "it is the folder of the input claims file"),
]


@pytest.mark.parametrize(("output", "message"), BAD_OUTPUTS, ids=[b[0] for b in BAD_OUTPUTS])
def test_report_refuses_outputs_it_would_damage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str, message: str
) -> None:
    claims = _copy_claims(tmp_path / "data")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("keep me", "utf-8")
    target = tmp_path / "data" if output == "." else tmp_path / output
    assert main(["report", str(claims), "-o", str(target)]) == 2
    assert message in capsys.readouterr().err
    assert (tmp_path / "notes" / "mine.txt").read_text("utf-8") == "keep me"
    assert claims.read_text("utf-8") == CLAIMS.read_text("utf-8")
    assert not (tmp_path / "report.html").exists()


def test_report_claims_without_spender_and_empty() -> None:
    docs = read_docs(docs_path_for(CLAIMS))
    anonymous: list[Claim] = [c.model_copy(update={"subject": None}) for c in read_claims(CLAIMS)]
    pages = build_report(anonymous, docs)
    assert not [p for p in pages if p.startswith("spenders/")]
    articles = [html for path, html in pages.items() if path.startswith("articles/")]
    assert sum(html.count('class="claim"') for html in articles) == len(anonymous)
    assert f"{len(anonymous)} claims (percent changes, or no spender named)" in pages["index.html"]
    assert "0 claims from 0 articles" in build_report([], docs)["index.html"]
