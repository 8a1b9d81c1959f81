"""Percent changes of spending: the change records and a claim's change_pct."""

from __future__ import annotations

import datetime as dt

import regex
from spacy.tokens import Doc as SpacyDoc

from models import Amount, Claim, Evidence, Source, Subject
from pipeline.link._state import (
    DocContext,
    Mention,
    make_claim_id,
    period_model,
)
from pipeline.link.lexicon import (
    CHANGE_DOWN,
    CHANGE_UP,
)
from pipeline.link.resolve import resolve
from pipeline.link.rules import RuleId
from pipeline.link.sources import find_sources
from pipeline.link.subject import find_subject
from pipeline.text.periods import find_periods
from pipeline.text.sentences import Segment

PERCENT_RE = regex.compile(
    r"(?<![\d.])(?P<num>\d{1,3}(?:\.\d+)?)\s?(?:%|percent\b|per\s+cent\b|pct\b)", regex.IGNORECASE
)


SPEND_WORD_RE = regex.compile(
    r"\b(?:spending|spend|capex|capital\s+expenditure|investment|budget|outlays?)\b",
    regex.IGNORECASE,
)


def change_pct_near(text: str, seg: Segment, amount: Amount) -> float | None:
    best: tuple[int, float] | None = None
    for m in PERCENT_RE.finditer(text, seg.start, seg.end):
        sign = _change_sign(text[seg.start : seg.end], m.start() - seg.start, m.end() - seg.start)
        if sign == 0:
            continue
        dist = abs(m.start() - amount.start)
        if best is None or dist < best[0]:
            best = (dist, sign * float(m["num"]))
    return best[1] if best else None


def _change_sign(sentence: str, start: int, end: int) -> int:
    """+1 or -1 by the nearest word of increase or decrease around a percent, else 0."""
    words = [(m.start(), m[0].lower()) for m in regex.finditer(r"[\p{L}-]+", sentence)]
    best: tuple[int, int] | None = None
    for pos, word in words:
        sign = 1 if word in CHANGE_UP else -1 if word in CHANGE_DOWN else 0
        if sign == 0:
            continue
        dist = start - pos if pos < start else pos - end
        if dist <= 40 and (best is None or dist < best[0]):
            best = (dist, sign)
    return best[1] if best else 0


def change_records(ctx: DocContext, read: list[Mention], date: dt.date | None) -> list[Claim]:
    """Percent changes of spending in sentences that state no spending amount."""
    claimed = {m.sent_idx for m in read if m.decision == "spend"}
    out: list[Claim] = []
    text = ctx.doc.text
    seen: dict[tuple[str | None, float], int] = {}
    for idx, sdoc in sorted(ctx.parsed.items()):
        if idx in claimed:
            continue
        seg = ctx.plan.sentences[idx]
        sentence = text[seg.start : seg.end]
        if not SPEND_WORD_RE.search(sentence):
            continue
        for m in PERCENT_RE.finditer(sentence):
            sign = _change_sign(sentence, m.start(), m.end())
            if sign == 0 or not _near_spend_word(sdoc, m.start(), m.end()):
                continue
            pct = sign * float(m["num"])
            span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
            subject: Subject | None = None
            sources: list[Source] = []
            if span is not None:
                tokens, _ = find_subject(span.root, {t.i for t in span})
                resolved = [resolve(ctx, t, seg.start) for t in tokens]
                subject = next((s for s in resolved if s is not None), None)
                sources = find_sources(
                    ctx,
                    span.root,
                    {t.i for t in span},
                    sdoc[:],
                    seg.start,
                    [subject] if subject else [],
                )
            subject = subject or ctx.topic
            key = (subject.name.lower() if subject else None, pct)
            evidence = Evidence(sentence=sentence, start=seg.start, end=seg.end)
            if key in seen:  # the same change said again: one record, more evidence
                first = out[seen[key]]
                if evidence not in first.evidence:
                    out[seen[key]] = first.model_copy(
                        update={"evidence": (*first.evidence, evidence)}
                    )
                continue
            seen[key] = len(out)
            periods = find_periods(
                sentence,
                doc_date=date,
                offset=seg.start,
                april_year=ctx.april_year,
                fiscal_start=ctx.fiscal_start,
            )
            period = period_model(periods[0]) if periods else None
            out.append(
                Claim(
                    claim_id=make_claim_id(ctx.doc.id, seg.start + m.start(), seg.start + m.end()),
                    doc_id=ctx.doc.id,
                    kind="change",
                    subject=subject,
                    change_pct=pct,
                    period=period,
                    sources=tuple(sources),
                    evidence=(Evidence(sentence=sentence, start=seg.start, end=seg.end),),
                    confidence=0.5,
                    rules=(RuleId.CHANGE_PERCENT,),
                )
            )
    return out


def _near_spend_word(sdoc: SpacyDoc, start: int, end: int) -> bool:
    """Whether a percent changes spending: "a 25 percent increase in AI spending",
    "cut its capital spending by 36.4 pct"; not "the budget gave a 20 pct pay rise".
    """
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    for _ in range(3):
        if head.pos_ == "VERB" or head.lower_ in CHANGE_UP | CHANGE_DOWN:
            break
        if head.head == head:
            break
        head = head.head
    return any(
        tok.lower_ in _CHANGE_OF_SPENDING
        for tok in head.subtree
        if tok.i not in range(span.start, span.end)
    )


_CHANGE_OF_SPENDING = frozenset(
    """
    spending spend capex expenditure expenditures investment investments budget budgets
    outlay outlays
    """.split()
)
