"""One claim per fact: merge the mentions of a document and write `Claim`s."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal

import regex

from models import Amount, Claim, Evidence, Flag, Source, Subject
from pipeline.link import thresholds
from pipeline.link._state import ClaimDraft, DocContext, Mention, make_claim_id
from pipeline.link.lexicon import BUDGET_NOUNS, DENIAL_OBJECTS, DENIAL_WORDS
from pipeline.link.names import is_central_bank, junk_reason, short_key
from pipeline.link.resolve import canonical_name
from pipeline.link.rules import RuleId
from pipeline.link.sources import clean_sources
from pipeline.link.thresholds import BUDGET_LINE_SENTENCES


def inherit_context(read: list[Mention]) -> list[Mention]:
    """Amounts with no cue of their own that continue the spending before them.

    An amount with no cue at all after a spending amount in the same paragraph ("Google
    and Amazon each topped $50B" after "Microsoft allocated $55.7B") is spending; so are
    the items of a list after the spending that introduces it ("X is contributing $35,000
    to local nonprofits:" then "- $7,500 to Y").
    """
    out = list(read[:1])
    lead: Mention | None = None
    for cur in read[1:]:
        prev = out[-1]
        if (
            cur.decision == "none"
            and prev.decision == "spend"
            and cur.sent_idx - prev.sent_idx <= 1
            and (cur.subjects or cur.is_change_target)
            and cur.amount.currency == prev.amount.currency
            and not cur.is_table_row
        ):
            cur = cur.but(
                rule=RuleId.SPEND_CONTEXT, decision="spend", decision_rule=RuleId.SPEND_CONTEXT
            )
        if prev.decision == "spend" and not prev.is_bullet:
            lead = prev
        elif not prev.is_bullet:
            lead = None
        if (
            lead is not None
            and cur.is_bullet
            and (cur.decision == "none" or cur.decision_rule == RuleId.NOT_SMALL_AMOUNT)
            and cur.sent_idx - prev.sent_idx <= 1
            and cur.amount.currency == lead.amount.currency
        ):
            # a list's items are as small as the sum that introduces them ("$35,000 to
            # local nonprofits:" then "- $7,500 to Y"): the lead decides, not their size
            cur = cur.but(
                rule=RuleId.SPEND_LIST_ITEM, decision="spend", decision_rule=RuleId.SPEND_LIST_ITEM
            )
            if not cur.subjects:
                cur = cur.but(subjects=lead.subjects, subject_rule=RuleId.SUBJECT_SERIES)
        out.append(cur)
    return out


def allocate_budget_lines(read: list[Mention]) -> list[Mention]:
    """Lines of a budget after its total, in the same currency and within a few sentences.

    A line phrased from its recipient ("Social affairs will receive 85 billion dlrs",
    "defence gets 70 billion") is spending of the budget's holder (GUIDELINES.md: the
    allocator or budget holder spends; a payer named with "from" is read in the sentence
    itself). A line with no year of its own takes the budget's ("the 1988 budget" gives
    its year to its items); the base of a comparison keeps its own (see carry_periods).
    """
    out: list[Mention] = []
    budget: Mention | None = None
    for m in read:
        if m.decision == "spend" and m.cue_word in BUDGET_NOUNS and not m.is_comparison_base:
            # a figure with its own year opens a budget; one without continues the open one
            if (
                budget is None
                or m.period is not None
                or m.amount.currency != budget.amount.currency
                or m.sent_idx - budget.sent_idx > BUDGET_LINE_SENTENCES
            ):
                budget = m
                out.append(m)
                continue
        if (
            budget is None
            or m.sent_idx - budget.sent_idx > BUDGET_LINE_SENTENCES
            or m.amount.currency != budget.amount.currency
            or m.is_table_row
        ):
            out.append(m)
            continue
        if m.decision == "none" and m.subject_rule == RuleId.SUBJECT_RECIPIENT_ONLY:
            m = m.but(
                rule=RuleId.SPEND_ALLOCATED_TO,
                decision="spend",
                decision_rule=RuleId.SPEND_ALLOCATED_TO,
                subjects=budget.subjects,
                subject_rule=RuleId.SUBJECT_BUDGET_HOLDER,
            )
        if (
            m.decision == "spend"
            and m.period is None
            and not m.is_comparison_base
            and budget.period is not None
            and budget.period.year is not None
        ):
            m = m.but(
                rule=RuleId.PERIOD_BUDGET, period=budget.period, period_rule=RuleId.PERIOD_BUDGET
            )
        out.append(m)
    return out


def _same_value(a: Amount, b: Amount) -> bool:
    """The same figure: equal within half a percent, or one a rounded restatement of the
    other ("$5bn" for "$4.87bn", "a $9 billion order" for "$8.8 billion": GUIDELINES.md)."""
    if a.currency != b.currency:
        return False
    if a.value is not None and b.value is not None:
        if abs(a.value - b.value) <= 0.005 * max(a.value, b.value):
            return True
        return _rounds_to(b.value, a.value) or _rounds_to(a.value, b.value)
    return a.min == b.min and a.max == b.max


def _rounds_to(value: float, rounded: float) -> bool:
    """Whether `rounded` (one or two significant digits) is `value` rounded, and close.

    >>> _rounds_to(4.87e9, 5e9), _rounds_to(8.8e9, 9e9), _rounds_to(1.5e9, 2e9)
    (True, True, False)
    """
    if value <= 0 or rounded <= 0:
        return False
    digits = len(format(Decimal(repr(rounded)).normalize(), "e").split("e")[0].replace(".", ""))
    if digits > 2 or abs(value - rounded) > thresholds.ROUNDED_RESTATEMENT * rounded:
        return False
    exponent = math.floor(math.log10(rounded)) - digits + 1
    return bool(round(value / 10**exponent) * 10**exponent == rounded)


def _matches(claim: ClaimDraft, mention: Mention, *, any_subject: bool = False) -> bool:
    first = claim.mentions[0]
    amounts = [first.amount, *first.equivalents]
    if not any(_same_value(x, y) for x in amounts for y in [mention.amount, *mention.equivalents]):
        return False
    if mention.subjects and claim.subject is not None and not any_subject:
        names = {s.name.lower() for s in mention.subjects}
        if claim.subject.name.lower() not in names and not any(
            n in claim.subject.name.lower() or claim.subject.name.lower() in n for n in names
        ):
            return False
    y1 = first.period.year if first.period else None
    y2 = mention.period.year if mention.period else None
    return y1 is None or y2 is None or y1 == y2


def merge_mentions(
    read: list[Mention], topic: Subject | None, topic_near: Callable[[int], bool]
) -> list[ClaimDraft]:
    claims: list[ClaimDraft] = []
    # Body sentences first: a headline in capitals restates a body figure with a rougher
    # name ("SINGAPORE TO SPEND ..."), so it joins the body's claim whatever it names.
    ordered = sorted(read, key=lambda m: m.is_headline)
    for mention in ordered:
        if mention.decision != "spend":
            continue
        headline = mention.is_headline
        target = next((c for c in claims if _matches(c, mention, any_subject=headline)), None)
        if target is not None:
            target.mentions.append(mention)
            if target.mentions[0].is_headline and len(mention.subjects) == 1:
                target.subject = mention.subjects[0]  # a name from the body beats the headline's
            continue
        subjects: list[Subject | None] = list(mention.subjects) or [None]
        for part, subject in enumerate(subjects):
            claims.append(ClaimDraft(mentions=[mention], subject=subject, split_index=part))
    for mention in read:
        if mention.decision == "none":
            target = next((c for c in claims if _matches(c, mention)), None)
            if target is not None:
                target.mentions.append(mention)
    # A claim whose sentence names no spender continues the one just before it
    # ("the package could total 12 billion francs ..., only 8.6 billion had been set aside");
    # failing that, it is about the organisation the article is about.
    for prev, cur in zip(claims, claims[1:], strict=False):
        gap = cur.mentions[0].sent_idx - prev.mentions[0].sent_idx
        if (
            cur.subject is None
            and prev.subject is not None
            and 0 <= gap <= thresholds.PREVIOUS_CLAIM_GAP
            and cur.mentions[0].subject_rule != RuleId.SUBJECT_RECIPIENT_ONLY
        ):
            cur.subject = prev.subject
            cur.mentions[0] = cur.mentions[0].but(subject_rule=RuleId.SUBJECT_PREVIOUS_CLAIM)
    for claim in claims:
        if (
            claim.subject is None
            and topic is not None
            and topic_near(claim.mentions[0].amount.start)
            and claim.mentions[0].subject_rule != RuleId.SUBJECT_RECIPIENT_ONLY
        ):
            claim.subject = topic
            claim.mentions[0] = claim.mentions[0].but(subject_rule=RuleId.SUBJECT_TOPIC)
    # a central bank that no sentence names as the spender ("The operation will put bill
    # supplies at 2,500 billion yen" in a Bank of Japan story) runs market operations,
    # never spending (GUIDELINES.md)
    return [
        c
        for c in claims
        if not (
            c.subject is not None
            and c.mentions[0].subject_rule in (RuleId.SUBJECT_TOPIC, RuleId.SUBJECT_PREVIOUS_CLAIM)
            and is_central_bank(c.subject.name)
        )
    ]


def add_disputes(ctx: DocContext, claims: list[ClaimDraft]) -> None:
    text = ctx.doc.text
    denials = []
    for seg in ctx.plan.sentences:
        sentence = text[seg.start : seg.end]
        words = {w.lower() for w in regex.findall(r"[\p{L}]+", sentence)}
        # a denial of figures ("claims many details are inaccurate", "labeled the leak
        # incorrect"), not of anything ("denied that it was the customer")
        if words & DENIAL_WORDS and words & DENIAL_OBJECTS:
            denials.append(sentence.lower())
    for claim in claims:
        if claim.subject is None:
            continue
        key = short_key(claim.subject.name)
        if any(key in d for d in denials):
            for i, m in enumerate(claim.mentions):
                if not any(s.name.lower() == claim.subject.name.lower() for s in m.sources):
                    claim.mentions[i] = m.but(flags=m.flags | {"disputed"})
                    break


def to_claim(ctx: DocContext, claim: ClaimDraft) -> Claim:
    first = claim.mentions[0]
    text = ctx.doc.text
    subject = claim.subject
    if subject is not None and junk_reason(subject.name) is not None:
        subject = None  # a pronoun, date, unit or bare noun names no spender
    if subject is not None:
        subject = subject.model_copy(update={"name": canonical_name(ctx, subject.name)})
    rules = list(first.rules)
    if subject is not None:
        rules.append(first.subject_rule)
    with_period = next((m for m in claim.mentions if m.period is not None), None)
    period = with_period.period if with_period is not None else None
    if with_period is not None and with_period.period_rule is None:
        rules.append(RuleId.PERIOD_SENTENCE)
    item = next((m.item for m in claim.mentions if m.item), None)
    sources: list[Source] = []
    for m in claim.mentions:
        sources.extend(m.sources)
    flags: set[str] = set()
    for m in claim.mentions:
        flags |= m.flags
    if (
        sources
        and subject is not None
        and any(s.name.lower() != subject.name.lower() for s in sources)
    ):
        flags.add("reported")
    evidence = []
    seen: set[int] = set()
    for m in claim.mentions:
        if m.sent_idx in seen:
            continue
        seen.add(m.sent_idx)
        seg = ctx.plan.sentences[m.sent_idx]
        evidence.append(Evidence(sentence=text[seg.start : seg.end], start=seg.start, end=seg.end))
    equivalents = list(first.equivalents)
    confidence = _confidence(first, subject is not None, period is not None)
    return Claim(
        claim_id=make_claim_id(ctx.doc.id, first.amount.start, first.amount.end, claim.split_index),
        doc_id=ctx.doc.id,
        kind="spending",
        subject=subject,
        item=item,
        amount=first.amount,
        equivalents=tuple(equivalents),
        change_pct=next((m.change_pct for m in claim.mentions if m.change_pct is not None), None),
        period=period,
        sources=tuple(clean_sources(ctx, sources)),
        evidence=tuple(evidence),
        flags=tuple(sorted(f for f in _FLAGS if f in flags)),
        confidence=confidence,
        rules=tuple(r for r in dict.fromkeys(rules) if r),
    )


_FLAGS: frozenset[Flag] = frozenset(("planned", "actual", "reported", "disputed"))


def _confidence(first: Mention, has_subject: bool, has_period: bool) -> float:
    """A score that says how direct the evidence is: the spending cue's kind and distance,
    whether a spender was named in the sentence and whether the year is known."""
    score = 0.35
    rule = first.decision_rule
    if rule == RuleId.SPEND_OWN_NOUN or (rule == RuleId.SPEND_CUE and first.cue_distance <= 2):
        score += 0.3  # the amount names its spending, or a spending verb governs it
    elif rule in (RuleId.SPEND_CUE, RuleId.SPEND_TABLE_HEADER):
        score += 0.2
    elif rule in (RuleId.SPEND_CONTEXT, RuleId.SPEND_LIST_ITEM, RuleId.SPEND_SERIES):
        score += 0.05  # read from the sentences around it
    else:
        score += 0.15  # a construction rule (a deal's value, a round's investors, ...)
    if has_subject and first.subject_rule != RuleId.SUBJECT_TOPIC:
        score += 0.2
    elif has_subject:
        score += 0.05
    if has_period:
        score += 0.1
    return round(min(score, 1.0), 2)
