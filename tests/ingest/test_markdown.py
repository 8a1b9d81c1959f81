"""Markdown rendering: what scrapers write, read as a reader sees it, mapped back to the file.

RENDER rows are invented snippets in the styles of scraper output (Readability-, Jina- and
Firecrawl-like Markdown, pandoc-wrapped press releases) with the text expected; FRONT_MATTER
rows check the metadata read from the YAML block. Every rendering is also checked against
its source map: each run copies the source exactly, and every block's words map back to
where they are written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from models import Document, ErrorRecord, Settings
from pipeline.ingest.markdown import cut_source_map, render_markdown, source_offset
from pipeline.ingest.sources import iter_documents
from pipeline.link.linker import extract_document


class Render(NamedTuple):
    name: str
    source: str
    text: str


RENDER = [
    Render(
        "link text kept, URL dropped",
        "Shares of [Acme Robotics](https://news.example/quotes/ACME/) rose.",
        "Shares of Acme Robotics rose.",
    ),
    Render(
        "escapes resolved",
        "Senator\\_Jones said \\*not\\* \\$5bn.",
        "Senator_Jones said *not* $5bn.",
    ),
    Render("entities resolved", "Smith &amp; Sons paid &#36;2m.", "Smith & Sons paid $2m."),
    Render(
        "image and its alt text dropped",
        "Before.\n\n![A $9bn plant](https://img.example/a.jpg)\n\nAfter.",
        "Before.\n\nAfter.",
    ),
    Render(
        "inline HTML tags dropped, their text kept",
        "*<u>Building the plant</u>*\n\nIt costs $4bn.",
        "Building the plant\n\nIt costs $4bn.",
    ),
    Render(
        "HTML block dropped",
        "Text.\n\n<div class='ad'>Buy now for $1 million</div>\n\nMore text.",
        "Text.\n\nMore text.",
    ),
    Render(
        "soft breaks of a wrapped paragraph become spaces",
        "The agency expects to invest\nover $5 billion in\nresearch.",
        "The agency expects to invest over $5 billion in research.",
    ),
    Render(
        "headings and paragraphs are blocks",
        "## Data centres\nNorthwind will spend $3bn.\n\n### Outlook\n\nMore later.",
        "Data centres\n\nNorthwind will spend $3bn.\n\nOutlook\n\nMore later.",
    ),
    Render(
        "list items are blocks, without their marker",
        "Deals:\n\n-   **Planning to invest $5 billion**, the\n    agency said.\n-   A second item",
        "Deals:\n\nPlanning to invest $5 billion, the agency said.\n\nA second item",
    ),
    Render(
        "ordered list items too",
        "1. Acme buys Borealis\n2. Cobalt sells rail",
        "Acme buys Borealis\n\nCobalt sells rail",
    ),
    Render(
        "table rows are blocks, cells joined",
        "| Company | 2025 capex |\n|---|---|\n| Acme | $5bn |\n| 2024 total | $9bn |",
        "Company | 2025 capex\n\nAcme | $5bn\n\n2024 total | $9bn",
    ),
    Render(
        "escaped pipe inside a cell",
        "| Deal | Value |\n|---|---|\n| Acme \\| Borealis | $2bn |",
        "Deal | Value\n\nAcme | Borealis | $2bn",
    ),
    Render(
        "bold that CommonMark leaves open is still not text",
        "**Image Credits:**Handout / Example Wire",
        "Image Credits:Handout / Example Wire",
    ),
    Render("a lone asterisk is text", "Revenue* rose.\n\n* Adjusted", "Revenue* rose.\n\nAdjusted"),
    Render("a rule adds nothing", "One.\n\n---\n\nTwo.", "One.\n\nTwo."),
    Render(
        "hard break is a line break",
        "Get the newsletter.  \n[Subscribe now](https://news.example/nl)",
        "Get the newsletter.\nSubscribe now",
    ),
    Render(
        "front matter is never text; the title is the headline",
        '---\ntitle: "Acme to spend $5bn"\nsummary: "Acme will spend $7bn"\n---\nBody text.',
        "Acme to spend $5bn\n\nBody text.",
    ),
    Render(
        "title not repeated when the body opens with it",
        "---\ntitle: Acme to spend $5bn\n---\n# Acme to spend $5bn\n\nBody.",
        "Acme to spend $5bn\n\nBody.",
    ),
    Render("no front matter", "# Plain\n\nJust text.", "Plain\n\nJust text."),
    Render(
        "a reader header (Jina style) is metadata too",
        "Title: Acme to spend $5bn\n\nURL Source: https://news.example/acme\n\n"
        "Published Time: 2025-03-04T05:06:07Z\n\nMarkdown Content:\nAcme [said](https://x) so.",
        "Acme to spend $5bn\n\nAcme said so.",
    ),
    Render(
        "'Title:' without the reader's closing line is text",
        "Title: a film about money\n\nIt cost $5m.",
        "Title: a film about money\n\nIt cost $5m.",
    ),
]


@pytest.mark.parametrize("case", RENDER, ids=lambda c: c.name)
def test_markdown_render(case: Render) -> None:
    rendered = render_markdown(case.source)
    assert rendered.text == case.text
    _check_map(case.source, rendered.text, rendered.source_map)


class Meta(NamedTuple):
    name: str
    front_matter: str
    title: str | None
    date: dt.date | None
    url: str | None
    problem: str | None = None  # the warning the errors file gets


FRONT_MATTER = [
    Meta(
        "scraper keys",
        'title: "Acme raises $1 billion"\nurl: "https://news.example/a"\n'
        'published: "2026-03-31T03:51:30.000Z"\nsummary: "not text"',
        "Acme raises $1 billion",
        dt.date(2026, 3, 31),
        "https://news.example/a",
    ),
    Meta(
        "pandoc keys, a quoted date and a folded title",
        "date: '2024-02-09'\npublished_time: 2024-02-08 06:00:00-05:00\n"
        "source_url: https://gov.example/fact-sheet\n"
        'title: "FACT SHEET: Acme Announces Over $5 Billion for\\\n  \\ Research"',
        "FACT SHEET: Acme Announces Over $5 Billion for Research",
        dt.date(2024, 2, 9),
        "https://gov.example/fact-sheet",
    ),
    Meta("YAML date and datetime", "date: 2024-05-03 10:00:00", None, dt.date(2024, 5, 3), None),
    Meta(
        "unparseable date",
        "date: soon\ntitle: 42",
        "42",
        None,
        None,
        "date 'soon' is not a date as YYYY-MM-DD: ignored",
    ),
    Meta(  # YAML types it as a date and cannot build it: read as text instead (issue 12)
        "impossible date",
        "date: 2024-13-45\ntitle: 42",
        "42",
        None,
        None,
        "date '2024-13-45' is not a date as YYYY-MM-DD: ignored",
    ),
    Meta("empty", "", None, None, None),
]


def test_markdown_reader_header_metadata() -> None:
    rendered = render_markdown(RENDER[-2].source)
    assert (rendered.title, rendered.date, rendered.url) == (
        "Acme to spend $5bn",
        dt.date(2025, 3, 4),
        "https://news.example/acme",
    )
    at = source_offset(rendered.source_map, 0)
    assert RENDER[-2].source[at:].startswith("Acme to spend $5bn")


@pytest.mark.parametrize("case", FRONT_MATTER, ids=lambda c: c.name)
def test_markdown_front_matter(case: Meta) -> None:
    rendered = render_markdown(f"---\n{case.front_matter}\n---\nBody.\n")
    assert (rendered.title, rendered.date, rendered.url) == (case.title, case.date, case.url)
    assert rendered.problem == case.problem
    assert "not text" not in rendered.text and rendered.text.endswith("Body.")


@pytest.mark.parametrize(
    "front_matter",
    ["title: [unclosed", "- a list\n- not keys", "key: value\n  bad: indent"],
    ids=["not YAML", "a list", "bad indent"],
)
def test_markdown_front_matter_not_metadata(front_matter: str) -> None:
    rendered = render_markdown(f"---\n{front_matter}\n---\nBody.\n")
    assert rendered.text == "Body." and rendered.problem is not None
    assert (rendered.title, rendered.date) == (None, None)


def test_markdown_source_map_finds_names_in_the_file() -> None:
    source = (
        "---\ntitle: Northwind buys a plant\n---\n"
        "Shares of [Northwind Data](https://q.example/NWD/) rose as\n"
        "President\\_Jones backed the **$2\\.5 billion** deal &amp; more.\n"
    )
    rendered = render_markdown(source)
    text = rendered.text
    for name in ("Northwind Data", "President_Jones", "deal & more", "Northwind buys"):
        start = text.index(name)
        at = source_offset(rendered.source_map, start)
        assert source[at : at + 5] == name[:5], name
    assert "$2.5 billion" in text


def test_markdown_cut_source_map() -> None:
    rendered = render_markdown("Acme [spent](https://x.example) $5bn on a plant.")
    cut = cut_source_map(rendered.source_map, 10)
    assert all(t + n <= 10 for t, _, n in cut)
    _check_map("Acme [spent](https://x.example) $5bn on a plant.", rendered.text[:10], cut)


_PIECES = [*"ab $5\n\\_*[]()#|-!<>&;`~.:1 ", "\n\n", "](", "**", "&amp;", "---\n", "| a |"]
MARKDOWN_TEXT = st.lists(st.sampled_from(_PIECES), max_size=80).map("".join)


@given(MARKDOWN_TEXT)
@settings(max_examples=300, deadline=None)
def test_markdown_any_input_renders_with_a_true_map(source: str) -> None:
    rendered = render_markdown(source)
    _check_map(source, rendered.text, rendered.source_map)
    assert all(
        0 <= source_offset(rendered.source_map, i) <= len(source)
        for i in range(len(rendered.text) + 1)
    )


def test_markdown_file_is_read_rendered(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(
        '---\ntitle: "Acme to build a plant"\nurl: https://news.example/acme\n'
        "date: 2025-04-02\nsummary: Acme will spend $9bn\n---\n"
        "[Acme Corp](https://q.example/ACME) said it would spend $5 billion.\n",
        encoding="utf-8",
    )
    (tmp_path / "broken.md").write_text("---\ntitle: [oops\n---\nText.\n", encoding="utf-8")
    out = list(iter_documents(tmp_path, settings=Settings()))
    docs = {d.id: d for d in out if isinstance(d, Document)}
    errors = [e for e in out if isinstance(e, ErrorRecord)]
    doc = docs["post.md"]
    assert doc.text == "Acme to build a plant\n\nAcme Corp said it would spend $5 billion."
    assert (doc.date, doc.date_source, doc.url) == (
        dt.date(2025, 4, 2),
        "front_matter",
        "https://news.example/acme",
    )
    assert doc.source_map and docs["broken.md"].text == "Text."
    assert [(e.doc_id, e.severity) for e in errors] == [("broken.md", "warning")]


def test_markdown_claims_carry_no_markup(tmp_path: Path, nlp: Language) -> None:
    (tmp_path / "wire.md").write_text(
        '---\ntitle: "Northwind to invest $2 billion in data centres"\n'
        'published: "2025-06-01T08:00:00Z"\n---\n'
        "[Northwind Data](https://q.example/NWD/) will invest $2 billion in new data\n"
        "centres in 2026, [Chief Executive Ana\\_Ruiz](https://p.example/ruiz) said.\n\n"
        "| Company | 2026 capex |\n|---|---|\n"
        "| Northwind | $2 billion |\n| Borealis | $1 billion |\n",
        encoding="utf-8",
    )
    (doc,) = [d for d in iter_documents(tmp_path) if isinstance(d, Document)]
    claims = extract_document(doc, nlp, Settings())
    assert claims
    for claim in claims:
        names = [claim.subject.name if claim.subject else ""]
        names += [s.name for s in claim.sources] + [e.sentence for e in claim.evidence]
        for text in names:
            for markup in ("](", "http", "\\_", "**", "\n|", "---"):
                assert markup not in text, (markup, text)
        for ev in claim.evidence:
            assert doc.text[ev.start : ev.end] == ev.sentence
            assert ev.sentence.count(" | ") <= 1  # one table row per sentence at most


def _check_map(source: str, text: str, source_map: tuple[tuple[int, int, int], ...]) -> None:
    last_t = last_s = -1
    for t, s, n in source_map:
        assert text[t : t + n] == source[s : s + n], (t, s, n)
        assert t >= last_t and s >= last_s  # rendering follows source order
        last_t, last_s = t, s
