"""The report on a whole archive: a folder of small pages that opens offline.

    index.html            overview: spenders ranked by facts and disputed facts, a filter box
                          (the first OVERVIEW_ROWS; spenders.html lists them all when more)
    articles.html         every article with claims, with a filter box
    spenders/<name>.html  one spender: chart, facts with their revisions, evidence
    articles/<name>.html  one article: its claims and its text with every claim's spans

Each page holds only its own spender's or article's data and is written as
soon as it is rendered, so build time and size grow linearly with the corpus;
a browser loads a spender's facts only when that page is opened. Pages link by
relative paths and carry their styles (and the overview its filter script)
inline; a Content-Security-Policy forbids every request, so nothing is fetched.
The article texts come from the `<stem>.docs.jsonl` file beside the claims.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import regex as re
from jinja2 import Environment, PackageLoader, select_autoescape

from models import Claim, DocRecord, Fact, ReportedValue
from pipeline.analyse.charts import Chart, spender_chart
from pipeline.analyse.consolidate import DEFAULT_TOLERANCE, consolidate, value_bounds
from pipeline.analyse.export import claim_spans
from pipeline.analyse.markup import (
    LABEL_COLORS,
    make_renderers,
    render_article,
    render_evidence,
)
from pipeline.analyse.table import read_claims, read_docs
from pipeline.errors import Errors, InputError
from pipeline.outputs import docs_path_for, is_inside, refuse_claims_files

logger = logging.getLogger(__name__)

GENERATOR = "newsclaims report"  # the overview's <meta name="generator">: a folder we wrote
OVERVIEW_ROWS = 2000  # spenders on the first page (about 400 bytes each): it stays < 1 MB
_OWN_ENTRIES = {"index.html", "spenders.html", "articles.html", "spenders", "articles"}
_SLUG = re.compile(r"[^\p{L}\p{N}]+")
_SLUG_MAX = 60  # characters of a page's file name before its suffix


class ClaimView(NamedTuple):
    """A claim as an evidence list shows it."""

    anchor: str
    claim: Claim
    evidence_html: str
    article_href: str  # from the spender pages
    spender_href: str | None  # from the article pages


class Revision(NamedTuple):
    """One reported value of a fact, in publication order, against the one before."""

    value: ReportedValue
    change: str  # "first report", "+8%", "unchanged", "copy of ..."
    direction: str  # "first", "up", "down", "same", "copy" or "" (no comparison)
    evidence_anchor: str
    article_href: str


class FactView(NamedTuple):
    """A fact with its values as revisions."""

    fact: Fact
    revisions: list[Revision]


class SpenderRow(NamedTuple):
    """A spender as the overview lists it."""

    name: str
    href: str
    facts: list[Fact]
    n_disputed: int
    n_values: int
    n_copies: int
    n_sources: int
    n_articles: int
    years: str


class ArticleRow(NamedTuple):
    """An article with claims as the article list shows it."""

    doc_id: str
    href: str
    doc: DocRecord | None
    claims: list[tuple[str, Claim]]  # (anchor, claim) in file order


class ReportPlan(NamedTuple):
    """What the report holds, before any page is rendered."""

    title: str
    tolerance: float
    n_claims: int
    n_facts: int
    n_disputed: int
    n_outside: int
    spenders: list[SpenderRow]
    articles: list[ArticleRow]
    spender_of: dict[str, str]  # claim_id -> spender page
    generated: str
    overview_rows: int  # the spenders listed on the first page

    @property
    def all_spenders_page(self) -> bool:
        """Whether spenders.html lists the spenders the overview leaves out."""
        return len(self.spenders) > self.overview_rows

    @property
    def n_pages(self) -> int:
        """The number of pages: overview, lists, one per spender and article."""
        return 2 + self.all_spenders_page + len(self.spenders) + len(self.articles)


def slug(text: str) -> str:
    """A lower-case anchor or file name fragment of a name.

    >>> slug("Google (Alphabet)")
    'google-alphabet'
    """
    return _SLUG.sub("-", text.casefold()).strip("-") or "x"


def _unique_names(names: Sequence[str], folder: str) -> list[str]:
    """Page paths for names: slugs cut to _SLUG_MAX, "-2", "-3" ... where two collide.

    >>> _unique_names(["U.S.", "U.S", "U.S. 2", "Dole"], "spenders")
    ['spenders/u-s.html', 'spenders/u-s-2.html', 'spenders/u-s-2-2.html', 'spenders/dole.html']
    """
    used: set[str] = set()
    paths = []
    for name in names:
        base = slug(name)[:_SLUG_MAX].strip("-") or "x"
        stem, number = base, 1
        while stem in used:
            number += 1
            stem = f"{base}-{number}"
        used.add(stem)
        paths.append(f"{folder}/{stem}.html")
    return paths


def unique_anchors(prefix: str, keys: Sequence[str]) -> list[str]:
    """One anchor per key, in order: two keys never share one, even when their slugs do.

    prefix (str): What every anchor starts with ("doc", "claim").
    keys (Sequence[str]): The names, doc ids or claim ids.
    RETURNS (list[str]): The anchors.

    >>> unique_anchors("doc", ["a/b.txt", "a-b.txt", "a/b.txt"])
    ['doc-a-b-txt', 'doc-a-b-txt-2', 'doc-a-b-txt-3']
    """
    taken: set[str] = set()
    anchors = []
    for key in keys:
        base = f"{prefix}-{slug(key)}"
        anchor, n = base, 1
        while anchor in taken:
            n += 1
            anchor = f"{base}-{n}"
        taken.add(anchor)
        anchors.append(anchor)
    return anchors


def _anchors(claims: Sequence[Claim]) -> list[str]:
    return unique_anchors("claim", [c.claim_id for c in claims])


def _years(facts: Sequence[Fact]) -> str:
    years = sorted({f.year for f in facts if f.year is not None})
    text = "" if not years else str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    if any(f.year is None for f in facts):
        text = f"{text}, no year" if text else "no year"
    return text


def plan_report(
    claims: Sequence[Claim],
    docs: Mapping[str, DocRecord],
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    title: str = "Spending claims",
    overview_rows: int = OVERVIEW_ROWS,
) -> ReportPlan:
    """Consolidate the claims and lay out the report's pages (nothing rendered yet).

    claims (Sequence[Claim]): claims of any number of articles.
    docs (Mapping[str, DocRecord]): the articles by doc_id (texts and dates).
    tolerance (float): the consolidation tolerance (see pipeline.analyse.consolidate).
    title (str): the overview's title.
    overview_rows (int): the most spenders listed on the first page.
    RETURNS (ReportPlan): the spenders, ranked, and the articles with claims.
    """
    facts = consolidate(claims, docs, tolerance=tolerance)
    by_spender: dict[str, list[Fact]] = {}
    for fact in facts:
        by_spender.setdefault(fact.spender, []).append(fact)
    # Most facts first, then most disputed facts, then most figures.
    ranked = sorted(
        by_spender.items(),
        key=lambda kv: (
            -len(kv[1]),
            -sum(f.disputed for f in kv[1]),
            -sum(len(f.values) for f in kv[1]),
            kv[0].casefold(),
        ),
    )
    spender_paths = _unique_names([name for name, _ in ranked], "spenders")
    spenders = [
        SpenderRow(
            name=name,
            href=path,
            facts=spender_facts,
            n_disputed=sum(f.disputed for f in spender_facts),
            n_values=sum(len(f.values) for f in spender_facts),
            n_copies=sum(len(f.values) - f.independent_reports for f in spender_facts),
            n_sources=len({s for f in spender_facts for v in f.values for s in v.sources}),
            n_articles=len({v.doc_id for f in spender_facts for v in f.values}),
            years=_years(spender_facts),
        )
        for (name, spender_facts), path in zip(ranked, spender_paths, strict=True)
    ]
    spender_of = {v.claim_id: row.href for row in spenders for f in row.facts for v in f.values}

    by_doc: dict[str, list[tuple[str, Claim]]] = {}
    for anchor, claim in zip(_anchors(claims), claims, strict=True):
        by_doc.setdefault(claim.doc_id, []).append((anchor, claim))
    doc_ids = [d for d in docs if d in by_doc] + [d for d in by_doc if d not in docs]
    articles = [
        ArticleRow(doc_id, path, docs.get(doc_id), by_doc[doc_id])
        for doc_id, path in zip(doc_ids, _unique_names(doc_ids, "articles"), strict=True)
    ]
    return ReportPlan(
        title=title,
        tolerance=tolerance,
        n_claims=len(claims),
        n_facts=len(facts),
        n_disputed=sum(f.disputed for f in facts),
        n_outside=len(claims) - len(spender_of),
        spenders=spenders,
        articles=articles,
        spender_of=spender_of,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        overview_rows=overview_rows,
    )


def revisions(fact: Fact, anchor_of: Mapping[str, str], href_of: Mapping[str, str]) -> FactView:
    """A fact's values in publication order, each compared with the one before (copies named).

    fact (Fact): the fact (its values are in publication order).
    anchor_of (Mapping[str, str]): claim_id -> evidence anchor.
    href_of (Mapping[str, str]): doc_id -> article page.
    RETURNS (FactView): the fact and its revisions.
    """
    currency = fact.spread_currency
    rows = []
    previous: float | None = None
    for index, value in enumerate(fact.values):
        bounds = value_bounds(value, currency) if currency else None
        middle = (bounds[0] + bounds[1]) / 2 if bounds else None
        if value.copy_of is not None:
            original = next(v for v in fact.values if v.claim_id == value.copy_of)
            change, direction = f"copy of {original.doc_id} (same sentence)", "copy"
            rows.append(
                Revision(value, change, direction, anchor_of[value.claim_id], href_of[value.doc_id])
            )
            continue  # a copy is no revision: the next value compares with the original
        if len(fact.values) == 1:
            change, direction = "", ""  # nothing to revise
        elif index == 0:
            change, direction = "first report", "first"
        elif middle is None or previous is None or previous <= 0:
            change, direction = "not comparable", ""
        elif abs(middle / previous - 1) < 0.005:
            change, direction = "unchanged", "same"
        else:
            change = f"{middle / previous - 1:+.0%} vs. previous"
            direction = "up" if middle > previous else "down"
        if value.published is None and len(fact.values) > 1:
            change += " (date unknown)"
        rows.append(
            Revision(value, change, direction, anchor_of[value.claim_id], href_of[value.doc_id])
        )
        previous = middle if middle is not None else previous
    return FactView(fact, rows)


def format_money(value: float | None, currency: str | None = None) -> str:
    """A short human form of an amount.

    >>> format_money(20872534849.96, "USD")
    'USD 20.87bn'
    >>> format_money(None)
    '–'
    """
    if value is None:
        return "–"
    unit, word = (
        (1e9, "bn") if abs(value) >= 1e9 else (1e6, "mln") if abs(value) >= 1e6 else (1.0, "")
    )
    number = f"{value / unit:,.2f}".rstrip("0").rstrip(".") if unit > 1 else f"{value:,.0f}"
    return f"{currency + ' ' if currency else ''}{number}{word}"


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """A number and its noun, singular or plural.

    >>> counted(1, "fact"), counted(3, "fact"), counted(2, "copy", "copies")
    ('1 fact', '3 facts', '2 copies')
    """
    word = singular if number == 1 else plural or singular + "s"
    return f"{number} {word}"


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("pipeline.analyse", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["money"] = format_money
    env.filters["counted"] = counted
    env.filters["oneline"] = lambda text: " ".join(str(text).split())
    return env


def render_pages(plan: ReportPlan, docs: Mapping[str, DocRecord]) -> Iterator[tuple[str, str]]:
    """Render the report's pages one at a time.

    plan (ReportPlan): from `plan_report`.
    docs (Mapping[str, DocRecord]): the articles by doc_id.
    YIELDS (tuple[str, str]): a page's path in the report folder and its HTML.
    """
    env = _environment()
    common: dict[str, Any] = {
        "title": plan.title,
        "tolerance": plan.tolerance,
        "generated": plan.generated,
        "generator": GENERATOR,
        "label_colors": LABEL_COLORS,
    }
    index = env.get_template("index.html.j2")
    yield (
        "index.html",
        index.render(plan=plan, rows=plan.spenders[: plan.overview_rows], root="", **common),
    )
    if plan.all_spenders_page:
        yield (
            "spenders.html",
            index.render(plan=plan, rows=plan.spenders, every=True, root="", **common),
        )
    yield (
        "articles.html",
        env.get_template("articles.html.j2").render(plan=plan, root="", **common),
    )

    renderers = make_renderers()
    href_of = {a.doc_id: a.href for a in plan.articles}
    # A claim id seen twice (two runs appended) links to its first record.
    claim_of: dict[str, tuple[str, Claim, ArticleRow]] = {}
    for article in plan.articles:
        for anchor, claim in article.claims:
            claim_of.setdefault(claim.claim_id, (anchor, claim, article))
    anchor_of = {claim_id: anchor for claim_id, (anchor, _, _) in claim_of.items()}
    spender_page = env.get_template("spender.html.j2")
    chart_template = env.get_template("chart.svg.j2")
    for row in plan.spenders:
        chart: Chart = spender_chart(row.facts)
        svgs = [chart_template.render(p=panel) for panel in chart.panels]
        evidence = []
        for fact in row.facts:
            for value in fact.values:
                anchor, claim, article = claim_of[value.claim_id]
                doc = docs.get(claim.doc_id)
                text = doc.text if doc else None
                html = render_evidence(claim, text, claim_spans(claim, text=text), renderers)
                evidence.append(ClaimView(anchor, claim, html, article.href, row.href))
        yield (
            row.href,
            spender_page.render(
                row=row,
                facts=[revisions(f, anchor_of, href_of) for f in row.facts],
                chart=chart,
                svgs=svgs,
                evidence=evidence,
                aliases=sorted({v.subject for f in row.facts for v in f.values} - {row.name}),
                root="../",
                **common,
            ),
        )

    article_page = env.get_template("article.html.j2")
    for article in plan.articles:
        doc = article.doc
        views = [
            ClaimView(
                anchor,
                claim,
                render_evidence(
                    claim,
                    doc.text if doc else None,
                    claim_spans(claim, text=doc.text if doc else None),
                    renderers,
                ),
                article.href,
                plan.spender_of.get(claim.claim_id),
            )
            for anchor, claim in article.claims
        ]
        spans = {
            s for _, c in article.claims for s in claim_spans(c, text=doc.text if doc else None)
        }
        text_html = render_article(doc.text, spans, renderers) if doc else ""
        yield (
            article.href,
            article_page.render(
                article=article, claims=views, text_html=text_html, root="../", **common
            ),
        )


def build_report(
    claims: Sequence[Claim],
    docs: Mapping[str, DocRecord],
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    title: str = "Spending claims",
    overview_rows: int = OVERVIEW_ROWS,
) -> dict[str, str]:
    """The report's pages in memory: path in the report folder -> HTML.

    claims (Sequence[Claim]): claims of any number of articles.
    docs (Mapping[str, DocRecord]): the articles by doc_id (texts and dates).
    tolerance (float): the consolidation tolerance.
    title (str): the overview's title.
    overview_rows (int): the most spenders listed on the first page.
    RETURNS (dict[str, str]): every page, the overview as "index.html".
    """
    plan = plan_report(claims, docs, tolerance=tolerance, title=title, overview_rows=overview_rows)
    return dict(render_pages(plan, docs))


def _is_report_folder(folder: Path) -> bool:
    index = folder / "index.html"
    if not index.is_file():
        return False
    with index.open(encoding="utf-8", errors="replace") as f:
        head = f.read(4096)
    own = f'<meta name="generator" content="{GENERATOR}">' in head
    return own and all(entry.name in _OWN_ENTRIES for entry in folder.iterdir())


def check_report_folder(claims_path: Path, out_dir: Path, *, overwrite: bool = False) -> None:
    """Refuse a report folder that would damage a file (raises InputError).

    As `pipeline.outputs.check_output` does for files: never the claims file or a file
    beside it, nor a folder that holds them; never a file (the report is a folder); an
    existing folder only when it is an earlier report, and then with `overwrite`.

    claims_path (Path): the claims file the report reads.
    out_dir (Path): the report folder.
    overwrite (bool): replace an earlier report in `out_dir`.
    """
    refuse_claims_files(out_dir, claims_path, InputError)
    if out_dir.suffix.lower() in (".html", ".htm") or (out_dir.exists() and not out_dir.is_dir()):
        raise InputError(Errors.E109.format(path=str(out_dir)))
    if is_inside(claims_path, out_dir):
        what = "the folder of the input claims file"
        raise InputError(Errors.E107.format(path=str(out_dir), what=what))
    if out_dir.is_dir() and any(out_dir.iterdir()):
        if not _is_report_folder(out_dir):
            raise InputError(Errors.E110.format(path=str(out_dir)))
        if not overwrite:
            raise InputError(Errors.E108.format(path=str(out_dir)))


class ReportSummary(NamedTuple):
    """What `write_report` wrote."""

    n_claims: int
    n_articles: int
    n_spenders: int
    n_pages: int
    overview: Path


def write_report(
    claims_path: Path,
    out_dir: Path,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    progress: bool | None = None,
    overwrite: bool = False,
) -> ReportSummary:
    """Write the report folder of a claims file (with its .docs.jsonl beside it).

    The pages are written to a new folder beside `out_dir`, which then takes
    its place, so a report that stops half-way never replaces a whole one. An
    existing `out_dir` is replaced only when it is an earlier report and
    `overwrite` is given (see `check_report_folder`).

    claims_path (Path): the claims JSONL.
    out_dir (Path): the report folder (index.html is its first page).
    tolerance (float): the consolidation tolerance.
    progress (bool | None): a progress bar on stderr; when None, only on a terminal.
    overwrite (bool): replace an earlier report in `out_dir`.
    RETURNS (ReportSummary): counts and the overview's path.
    """
    from tqdm import tqdm

    check_report_folder(claims_path, out_dir, overwrite=overwrite)
    claims = read_claims(claims_path)
    docs = read_docs(docs_path_for(claims_path))
    plan = plan_report(
        claims, docs, tolerance=tolerance, title=f"Spending claims: {claims_path.name}"
    )
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        (building / "spenders").mkdir()
        (building / "articles").mkdir()
        show = sys.stderr.isatty() if progress is None else progress
        bar = tqdm(
            total=plan.n_pages,
            desc="report",
            unit=" pages",
            disable=not show,
            file=sys.stderr,
            dynamic_ncols=True,
        )
        with bar:
            for path, html in render_pages(plan, docs):
                (building / path).write_text(html, encoding="utf-8")
                bar.update()
        if out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old.", dir=out_dir.parent))
            out_dir.rename(old / "report")
            building.rename(out_dir)
            shutil.rmtree(old)
        else:
            building.rename(out_dir)
    finally:
        if building.exists():
            shutil.rmtree(building)
    return ReportSummary(
        n_claims=len(claims),
        n_articles=len(plan.articles),
        n_spenders=len(plan.spenders),
        n_pages=plan.n_pages,
        overview=out_dir / "index.html",
    )
