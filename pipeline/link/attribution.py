"""Who a claim is attributed to, its flags, and percent changes of spending."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import regex
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span, Token

from models import Amount, Claim, Evidence, Source, Subject
from pipeline.link import syntax
from pipeline.link._state import DocContext, Mention, make_claim_id, period_model
from pipeline.link.lexicon import (
    ACTUAL_WORDS,
    ANONYMOUS_SPEAKERS,
    CHANGE_DOWN,
    CHANGE_UP,
    DOCUMENT_WORDS,
    OUTLET_WORDS,
    PLAN_WORDS,
    REPORTED_WORDS,
)
from pipeline.link.names import is_outlet_name, resolve, strip_name
from pipeline.link.rules import RuleId
from pipeline.text.periods import find_periods
from pipeline.text.sentences import Segment

PERCENT_RE = regex.compile(
    r"(?<![\d.])(?P<num>\d{1,3}(?:\.\d+)?)\s?(?:%|percent\b|per\s+cent\b|pct\b)", regex.IGNORECASE
)
SPEND_WORD_RE = regex.compile(
    r"\b(?:spending|spend|capex|capital\s+expenditure|investment|budget|outlays?)\b",
    regex.IGNORECASE,
)


def find_sources(
    ctx: DocContext,
    root: Token,
    amount_ids: set[int],
    sent: Span,
    base: int,
    subjects: list[Subject],
    all_amount_ids: set[int] | None = None,
) -> list[Source]:
    out: list[Source] = []
    for token, rule in syntax.find_speakers(root, amount_ids, sent, all_amount_ids):
        if token.lower_ in ("companies", "firms", "partners"):
            # "the companies said": the organisations the sentence names
            parties = [
                t
                for t in sent
                if t.i not in amount_ids
                and (t.dep_ == "nsubj" or t.dep_ == "dobj" or t.dep_ == "pobj")
                and (t.pos_ == "PROPN" or t.ent_type_ == "ORG")
                and t.ent_type_ in ("ORG", "PERSON", "")
            ]
            out.extend(
                source_at(strip_name(syntax.name_of(t).text), t, base)
                for t in parties
                if not is_outlet_name(syntax.name_of(t).text)
            )
            continue
        source = _source_of(ctx, token, rule, base, subjects)
        if source is not None:
            out.append(source)
    # an outlet acting as the subject of the amount's clause is its source
    for anc in [root, *root.ancestors]:
        for child in anc.children:
            if child.dep_ == "nsubj":
                name = strip_name(syntax.name_of(child).text)
                if is_outlet_name(name) and child.lower_ not in OUTLET_WORDS:
                    out.append(source_at(name, child, base))
    return clean_sources(ctx, out)


def _source_of(
    ctx: DocContext, token: Token, rule: str, base: int, subjects: list[Subject]
) -> Source | None:
    low = token.lower_
    if rule == "source.anonymous" or low in ANONYMOUS_SPEAKERS:
        aff = syntax.anonymous_affiliation(token)
        if aff is None:
            if low in ("officials", "official", "analysts", "analyst", "economists"):
                return source_at(token.text, token, base)  # "Analysts said" -> Analysts
            return None
        token = aff
    if low in DOCUMENT_WORDS:
        return source_at(strip_name(syntax.name_of(token).text), token, base)
    org = syntax.spokesperson_org(token)
    if org is not None:
        if org is token or org.lower_ in ("company", "group", "firm"):
            who = subjects[0] if subjects else ctx.topic
            return source_at(who.name, token, base) if who is not None else None
        token = org
    if subjects and syntax.name_of(token).anaphor == "org":
        subject: Subject | None = subjects[0]  # "X will spend ..., the company said": X
    else:
        subject = resolve(ctx, token, base, as_source=True)
    return source_at(subject.name, token, base) if subject is not None else None


def source_at(name: str, token: Token, base: int) -> Source:
    """A source named `name`, found at `token` of a sentence starting at `base`."""
    return Source(
        name=name, text=token.text, start=token.idx + base, end=token.idx + len(token) + base
    )


def clean_sources(ctx: DocContext, sources: Iterable[Source]) -> list[Source]:
    out: list[Source] = []
    seen: set[str] = set()
    for s in sources:
        key = s.name.lower().removeprefix("the ")
        if key in seen or key in ("reuter",) or len(key) < 2:
            continue
        if ctx.publisher and key.startswith(ctx.publisher.lower()):
            continue
        seen.add(key)
        out.append(s)
    return out


def read_flags(
    root: Token, sent: Span, mention: Mention, ctx: DocContext, cue: Token | None
) -> set[str]:
    words = {t.lower_ for t in sent}
    near = {t.lower_ for anc in [root, *root.ancestors] for t in [anc, *anc.children]}
    if cue is not None:
        near |= {t.lower_ for t in cue.children}  # "its planned AI spending"
    flags: set[str] = set()
    if near & PLAN_WORDS or (
        mention.period is not None
        and mention.period.year is not None
        and ctx.doc.date is not None
        and mention.period.year > ctx.doc.date.year
    ):
        flags.add("planned")
    elif near & ACTUAL_WORDS:
        flags.add("actual")
    if words & REPORTED_WORDS:
        flags.add("reported")
    if near & {"will", "would", "shall"}:
        mention.is_future = True
        mention.rules.append(RuleId.TENSE_FUTURE)
    return flags


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
                tokens, _ = syntax.find_subject(span.root, {t.i for t in span})
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
                sentence, doc_date=date, offset=seg.start, april_year=ctx.april_year
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
