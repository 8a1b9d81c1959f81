"""One self-contained HTML report: facts per spender and year, charts, evidence in context.

Nothing in the page is loaded from a network: the charts are matplotlib SVGs
inlined as data URIs, the evidence is marked up by spaCy's displaCy (manual
mode, with the claims' own spans) and the styles are inline. The article texts
come from the `<stem>.docs.jsonl` file beside the claims.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import regex as re
from jinja2 import Environment, PackageLoader, select_autoescape
from matplotlib.figure import Figure
from spacy import displacy
from spacy.lang.en import English
from spacy.tokenizer import Tokenizer

from models import Claim, DocRecord, Fact, ReportedValue, ReviewSpan
from pipeline.analyse.consolidate import (
    DEFAULT_TOLERANCE,
    comparison_currency,
    consolidate,
    value_bounds,
)
from pipeline.analyse.export import claim_spans
from pipeline.analyse.table import read_claims, read_docs
from pipeline.outputs import atomic_output, check_output, docs_path_for

logger = logging.getLogger(__name__)

LABEL_COLORS = {
    "AMOUNT": "#f6c343",
    "EQUIVALENT": "#fde7a5",
    "SUBJECT": "#8ecae6",
    "YEAR": "#b7e4c7",
    "SOURCE": "#f4a6a6",
}
# When spans overlap in the running article text, the first label here wins.
_LABEL_PRIORITY = ("AMOUNT", "EQUIVALENT", "YEAR", "SUBJECT", "SOURCE")
_SOURCE_COLORS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
)  # fmt: skip
_UNATTRIBUTED = "unattributed"
_SLUG = re.compile(r"[^\p{L}\p{N}]+")


class ClaimView(NamedTuple):
    """A claim as the evidence section shows it."""

    anchor: str
    claim: Claim
    evidence_html: str


class ArticleView(NamedTuple):
    """An article with its claims and its highlighted text."""

    anchor: str
    doc_id: str
    date: dt.date | None
    url: str | None
    claims: list[ClaimView]
    text_html: str


class SpenderView(NamedTuple):
    """A spender's facts and chart."""

    anchor: str
    name: str
    facts: list[Fact]
    chart_uri: str | None
    chart_note: str
    disputed: int


def slug(text: str) -> str:
    """A lower-case anchor fragment of a name.

    >>> slug("Google (Alphabet)")
    'google-alphabet'
    """
    return _SLUG.sub("-", text.casefold()).strip("-") or "x"


def _tokenizer() -> Tokenizer:
    # Whitespace-only tokens: displaCy's span style puts a space after every
    # token, so "$20B," stays one token instead of showing as "$ 20B ,".
    return Tokenizer(English().vocab)


def render_evidence(
    claim: Claim, text: str | None, tokenizer: Tokenizer, spans: Sequence[ReviewSpan]
) -> str:
    """displaCy span markup of a claim's evidence sentences with its spans.

    claim (Claim): the claim.
    text (str | None): the document text; without it the sentences are shown plain.
    tokenizer (Tokenizer): splits the sentences into tokens for displaCy.
    spans (Sequence[ReviewSpan]): the claim's spans (document offsets).
    RETURNS (str): HTML markup.
    """
    parts = []
    for evidence in claim.evidence:
        sentence = text[evidence.start : evidence.end] if text else evidence.sentence
        doc = tokenizer(sentence)
        inside = [s for s in spans if evidence.start <= s.start and s.end <= evidence.end]
        manual_spans = []
        for span in inside:
            char_span = doc.char_span(
                span.start - evidence.start, span.end - evidence.start, alignment_mode="expand"
            )
            if char_span is not None:
                manual_spans.append(
                    {
                        "start_token": char_span.start,
                        "end_token": char_span.end,
                        "label": span.label,
                    }
                )
        data = {"text": sentence, "tokens": [t.text for t in doc], "spans": manual_spans}
        options = {"colors": LABEL_COLORS}
        parts.append(displacy.render(data, style="span", manual=True, options=options))
    return "\n".join(parts)


def render_article(text: str, spans: Iterable[ReviewSpan]) -> str:
    """displaCy entity markup of a whole article with non-overlapping spans.

    Where spans overlap, the label that comes first in _LABEL_PRIORITY wins;
    one range with several labels shows them joined ("SUBJECT/SOURCE").

    text (str): the article text.
    spans (Iterable[ReviewSpan]): spans with document offsets.
    RETURNS (str): HTML markup.
    """
    labels: dict[tuple[int, int], list[str]] = {}
    for span in spans:
        labels.setdefault((span.start, span.end), []).append(span.label)
    ranked = sorted(
        labels.items(),
        key=lambda kv: (min(_LABEL_PRIORITY.index(label) for label in kv[1]), kv[0]),
    )
    kept: list[dict[str, Any]] = []
    for (start, end), names in ranked:
        if all(end <= k["start"] or start >= k["end"] for k in kept):
            ordered = sorted(set(names), key=_LABEL_PRIORITY.index)
            kept.append({"start": start, "end": end, "label": "/".join(ordered)})
    colors = {k["label"]: LABEL_COLORS[k["label"].split("/")[0]] for k in kept}
    data = {"text": text, "ents": sorted(kept, key=lambda k: k["start"]), "title": None}
    return displacy.render(data, style="ent", manual=True, options={"colors": colors})


def _source_label(value: ReportedValue) -> str:
    return ", ".join(value.sources) if value.sources else _UNATTRIBUTED


def _scale(values: Iterable[float]) -> tuple[float, str]:
    top = max(values, default=0.0)
    if top >= 1e9:
        return 1e9, "bn"
    if top >= 1e6:
        return 1e6, "mln"
    return 1.0, ""


def render_chart(name: str, facts: Sequence[Fact]) -> tuple[str | None, str]:
    """A chart of a spender's reported values by source and year, as an SVG data URI.

    Values are in USD where every value has a rate, else in the currency
    they share, else the values with a USD rate only (the note says so).
    Disputed years are shaded red; a range is drawn as a bar from min to max.

    name (str): the spender.
    facts (Sequence[Fact]): its facts.
    RETURNS (tuple[str | None, str]): the data URI (None: nothing to chart) and a note.
    """
    values = [v for fact in facts for v in fact.values]
    currency = comparison_currency(values)
    if currency is None:
        return None, "No chart: the values have different currencies and no USD rate."
    points = [(fact, v, value_bounds(v, currency)) for fact in facts for v in fact.values]
    left_out = [v for _, v, b in points if b is None]
    charted = [(fact, v, b) for fact, v, b in points if b is not None]
    unit, unit_word = _scale(hi for _, _, (_, hi) in charted)
    years = sorted({f.year for f in facts}, key=lambda y: (y is None, y or 0))
    sources = sorted({_source_label(v) for _, v, _ in charted})
    color = {s: _SOURCE_COLORS[i % len(_SOURCE_COLORS)] for i, s in enumerate(sources)}
    if _UNATTRIBUTED in color:
        color[_UNATTRIBUTED] = "#7f7f7f"

    fig = Figure(figsize=(4.5 + 1.2 * len(years), 3.4), dpi=100)
    ax = fig.subplots()
    width = 0.8
    for x, year in enumerate(years):
        here = [(f, v, b) for f, v, b in charted if f.year == year]
        if any(f.disputed for f, _, _ in here):
            ax.axvspan(x - 0.5, x + 0.5, color="#fde2e1", zorder=0)
        for i, (_fact, value, (lo, hi)) in enumerate(here):
            pos = x - width / 2 + width * (i + 0.5) / len(here)
            col = color[_source_label(value)]
            if hi > lo:
                ax.vlines(pos, lo / unit, hi / unit, colors=col, linewidth=6, zorder=2)
            ax.scatter([pos], [(lo + hi) / 2 / unit], color=col, s=60, zorder=3, edgecolors="k")
            ax.annotate(
                " ".join(value.amount.text.split()),
                (pos, hi / unit),
                textcoords="offset points",
                xytext=(0, 7),
                ha="center",
                fontsize=7,
            )
    ax.set_xticks(range(len(years)), [str(y) if y is not None else "year n/a" for y in years])
    ax.set_xlim(-0.5, len(years) - 0.5)
    ax.set_ylim(bottom=0, top=max((hi for _, _, (_, hi) in charted), default=1) / unit * 1.25)
    ax.set_ylabel(f"{currency} {unit_word}".strip())
    ax.set_title(f"{name}: reported values by source and year", fontsize=10)
    ax.grid(axis="y", alpha=0.3)
    handles = [ax.scatter([], [], color=color[s], edgecolors="k", label=s) for s in sources]
    ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    uri = "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
    note = f"Values in {currency}"
    if currency == "USD" and any(v.amount.currency != "USD" for _, v, _ in charted):
        note += " (other currencies at yearly average ECB rates)"
    if left_out:
        shown = ", ".join(" ".join(v.amount.text.split()) for v in left_out)
        note += f"; not charted (no USD rate): {shown}"
    shaded = " Red columns: disputed facts." if any(f.disputed for f in facts) else ""
    return uri, note + "." + shaded


def _anchors(claims: Sequence[Claim]) -> dict[int, str]:
    return dict(enumerate(unique_anchors("claim", [c.claim_id for c in claims])))


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


def build_report(
    claims: Sequence[Claim],
    docs: Mapping[str, DocRecord],
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    title: str = "Spending claims",
) -> str:
    """The report as one HTML string.

    claims (Sequence[Claim]): claims of any number of articles.
    docs (Mapping[str, DocRecord]): the articles by doc_id (texts and dates).
    tolerance (float): the consolidation tolerance (see pipeline.analyse.consolidate).
    title (str): the page title.
    RETURNS (str): a self-contained HTML document.
    """
    facts = consolidate(claims, docs, tolerance=tolerance)
    anchors = _anchors(claims)
    anchor_of = {claim.claim_id: anchors[i] for i, claim in reversed(list(enumerate(claims)))}
    tokenizer = _tokenizer()

    by_spender: dict[str, list[Fact]] = {}
    for fact in facts:
        by_spender.setdefault(fact.spender, []).append(fact)
    spenders = []
    # Disputed spenders first, then those with most reported values.
    ordered = sorted(
        by_spender.items(),
        key=lambda kv: (
            -sum(f.disputed for f in kv[1]),
            -sum(len(f.values) for f in kv[1]),
            kv[0].casefold(),
        ),
    )
    spender_anchors = unique_anchors("spender", [name for name, _ in ordered])
    for (name, spender_facts), spender_anchor in zip(ordered, spender_anchors, strict=True):
        uri, note = render_chart(name, spender_facts)
        spenders.append(
            SpenderView(
                anchor=spender_anchor,
                name=name,
                facts=spender_facts,
                chart_uri=uri,
                chart_note=note,
                disputed=sum(f.disputed for f in spender_facts),
            )
        )

    doc_ids = list(dict.fromkeys([*docs, *(c.doc_id for c in claims)]))
    doc_anchors = dict(zip(doc_ids, unique_anchors("doc", doc_ids), strict=True))
    articles = []
    for doc_id in doc_ids:
        doc = docs.get(doc_id)
        doc_claims = [(i, c) for i, c in enumerate(claims) if c.doc_id == doc_id]
        if not doc_claims:
            continue
        views = [
            ClaimView(
                anchors[i],
                c,
                render_evidence(c, doc.text if doc else None, tokenizer, claim_spans(c)),
            )
            for i, c in doc_claims
        ]
        all_spans = {s for _, c in doc_claims for s in claim_spans(c)}
        text_html = render_article(doc.text, all_spans) if doc else ""
        articles.append(
            ArticleView(
                anchor=doc_anchors[doc_id],
                doc_id=doc_id,
                date=doc.date if doc else None,
                url=doc.url if doc else None,
                claims=views,
                text_html=text_html,
            )
        )

    env = Environment(
        loader=PackageLoader("pipeline.analyse", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["money"] = format_money
    template = env.get_template("report.html.j2")
    return template.render(
        title=title,
        spenders=spenders,
        articles=articles,
        anchor_of=anchor_of,
        doc_anchor={a.doc_id: a.anchor for a in articles},
        n_claims=len(claims),
        n_facts=len(facts),
        n_outside=len(claims) - sum(len(f.values) for f in facts),
        n_disputed=sum(f.disputed for f in facts),
        tolerance=tolerance,
        label_colors=LABEL_COLORS,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def format_money(value: float | None, currency: str | None = None) -> str:
    """A short human form of an amount.

    >>> format_money(20872534849.96, "USD")
    'USD 20.87bn'
    >>> format_money(None)
    '–'
    """
    if value is None:
        return "–"
    unit, word = _scale([abs(value)])
    number = f"{value / unit:,.2f}".rstrip("0").rstrip(".") if unit > 1 else f"{value:,.0f}"
    return f"{currency + ' ' if currency else ''}{number}{word}"


def write_report(
    claims_path: Path,
    out_path: Path,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    overwrite: bool = False,
) -> tuple[int, int]:
    """Write the HTML report of a claims file (with its .docs.jsonl beside it).

    claims_path (Path): the claims JSONL.
    out_path (Path): the HTML file to write.
    tolerance (float): the consolidation tolerance.
    overwrite (bool): replace an existing `out_path` (never an input: see
        `pipeline.outputs.check_output`).
    RETURNS (tuple[int, int]): the numbers of claims and articles in the report.
    """
    check_output(out_path, inputs=(claims_path,), overwrite=overwrite, example="report.html")
    claims = read_claims(claims_path)
    docs = read_docs(docs_path_for(claims_path))
    html = build_report(
        claims, docs, tolerance=tolerance, title=f"Spending claims: {claims_path.name}"
    )
    with atomic_output(out_path) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return len(claims), len({c.doc_id for c in claims})
