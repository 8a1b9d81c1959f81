"""Link money amounts into spending claims: one `Claim` per distinct fact per document.

The flow for one document (see DESIGN.md):
1. `plan_document`: amounts by regex over the whole text, sentences by regex, and
   the few sentences worth a parse (those with an amount, the lead, the antecedent
   of a pronoun, percent changes of spending).
2. the caller parses `plan.texts` with `nlp.pipe` (batched across documents if it likes).
3. `link_claims`: reads each parsed sentence around each amount (pipeline/syntax.py for
   the tree, pipeline/names.py for names, pipeline/attribution.py for sources and flags),
   then merges repeated mentions of one fact into `Claim`s (pipeline/merge.py); the
   state they share is in pipeline/_state.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import regex
from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc

from models import Amount, Claim, Document, Period, Settings, Subject
from pipeline.amounts.parse import find_amounts
from pipeline.link import syntax, thresholds
from pipeline.link._state import (
    DocContext,
    Mention,
    Plan,
    sentence_of,
)
from pipeline.link.changes import PERCENT_RE, SPEND_WORD_RE, change_pct_near, change_records
from pipeline.link.flags import read_flags
from pipeline.link.item import find_item, item_text
from pipeline.link.lexicon import (
    CENTRAL_BANK_OPERATIONS,
    DEAL_NOUNS,
    INVESTOR_NOUNS,
    INVESTOR_VERBS,
    OWN_ONLY_SPEND_NOUNS,
    SPEND_NOUNS,
    SPEND_VERBS,
    SUPPLY_VERBS,
)
from pipeline.link.merge import (
    add_disputes,
    allocate_budget_lines,
    inherit_context,
    merge_mentions,
    to_claim,
)
from pipeline.link.names import is_central_bank, is_outlet_name, name_of, unique_subjects
from pipeline.link.period import assign_periods, carry_periods, is_comparison_base, share_periods
from pipeline.link.resolve import (
    entity_mentions,
    find_publisher,
    find_topic,
    is_japanese_story,
    resolve,
    resolve_description,
    topic_is_near,
)
from pipeline.link.rules import RuleId
from pipeline.link.sources import find_sources
from pipeline.link.spending import Decision, Kind, Site, decide_spending
from pipeline.link.subject import find_subject
from pipeline.link.tree import is_change_target
from pipeline.text.periods import find_periods, fiscal_start_month
from pipeline.text.sentences import Segment, is_bullet, parse_view, split_sentences
from pipeline.text.tables import TableRow, find_table_rows

# Words without which a sentence holds no spending claim (all from the lexicon).
_CUE_WORD_RE = regex.compile(
    r"\b(?:"
    + "|".join(
        sorted(
            regex.escape(w)
            for w in SPEND_VERBS
            | SPEND_NOUNS
            | OWN_ONLY_SPEND_NOUNS
            | {"announced", "announces", "unveiled", "unveils", "aside", "spending"}
            | {"sell", "sells", "sold", "selling", "worth"}
            | {"receive", "receives", "received", "get", "gets", "got", "awarded"}
            | DEAL_NOUNS
            | SUPPLY_VERBS
            | INVESTOR_VERBS
            | INVESTOR_NOUNS
        )
    )
    + r")\b",
    regex.IGNORECASE,
)
# "the package", "the budget": the sentence before names who spends.
_ANTECEDENT_RE = regex.compile(
    r"\bthe\s+(?:package|budget|plan|programme|program|investment|project|deal|order|contract"
    r"|acquisition|spending|organi[sz]ation|company|group)\b",
    regex.IGNORECASE,
)


def plan_document(doc: Document, settings: Settings) -> Plan:
    """Find the amounts of `doc` and choose the sentences to parse.

    doc (Document): The article.
    settings (Settings): Run options (`parse_all` parses every sentence).
    RETURNS (Plan): Nothing to parse when the article has no amount.
    """
    amounts = tuple(find_amounts(doc.text, default_dollar=settings.default_dollar))
    if not amounts and not (PERCENT_RE.search(doc.text) and SPEND_WORD_RE.search(doc.text)):
        return Plan(amounts, (), (), ())
    sentences = tuple(split_sentences(doc.text))
    if settings.parse_all:
        chosen = set(range(len(sentences)))
    else:
        chosen = _sentences_worth_a_parse(doc.text, amounts, sentences)
    to_parse = tuple(sorted(chosen))
    texts = tuple(parse_view(doc.text[sentences[i].start : sentences[i].end]) for i in to_parse)
    return Plan(amounts, sentences, to_parse, texts)


def _sentences_worth_a_parse(
    text: str, amounts: Sequence[Amount], sentences: Sequence[Segment]
) -> set[int]:
    """The sentences that can yield or complete a claim; the rest is never parsed.

    A sentence with an amount is parsed when it has a spending word (an amount with no
    spending word anywhere in its sentence cannot become a claim on its own), when it
    repeats an amount of such a sentence (its attribution counts), or when it follows
    one ("Google and Amazon each topped $50B"). Percent changes of spending are parsed,
    and so is the sentence before "the package" or "the budget" (its antecedent).
    """
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list[Amount]] = {}
    for amount in amounts:
        by_sentence.setdefault(sentence_of(starts, amount.start), []).append(amount)
    cue = {
        idx
        for idx in by_sentence
        if _CUE_WORD_RE.search(text, sentences[idx].start, sentences[idx].end)
    }
    cue_values = {(a.currency, a.value, a.min, a.max) for i in cue for a in by_sentence[i]}
    chosen = set(cue)
    for idx, found in by_sentence.items():
        if idx - 1 in cue or any((a.currency, a.value, a.min, a.max) in cue_values for a in found):
            chosen.add(idx)
    for idx, seg in enumerate(sentences):
        if PERCENT_RE.search(text, seg.start, seg.end) and SPEND_WORD_RE.search(
            text, seg.start, seg.end
        ):
            chosen.add(idx)
    for idx in list(chosen):
        seg = sentences[idx]
        if idx > 0 and _ANTECEDENT_RE.search(text, seg.start, seg.end):
            chosen.add(idx - 1)
    if chosen:
        # the headline and the lead name whom the article is about (short lines only)
        for idx in range(min(3, len(sentences))):
            seg = sentences[idx]
            if len(text[seg.start : seg.end].split()) <= 25:
                chosen.add(idx)
    return chosen


def extract_document(doc: Document, nlp: Language, settings: Settings) -> list[Claim]:
    """Extract the spending claims of one document.

    doc (Document): The article.
    nlp (Language): The loaded spaCy pipeline.
    settings (Settings): Run options.
    RETURNS (list[Claim]): The claims, in text order of their first mention.
    """
    plan = plan_document(doc, settings)
    if not plan.texts:
        return []
    parsed = list(nlp.pipe(plan.texts))
    return link_claims(doc, plan, parsed, settings)


def extract_many(docs: Sequence[Document], nlp: Language, settings: Settings) -> list[list[Claim]]:
    """Extract the claims of several documents with one `nlp.pipe` over all their sentences.

    docs (Sequence[Document]): The articles.
    nlp (Language): The loaded spaCy pipeline.
    settings (Settings): Run options.
    RETURNS (list[list[Claim]]): For each document, what `extract_document` gives.
    """
    plans = [plan_document(doc, settings) for doc in docs]
    parsed = list(nlp.pipe(text for plan in plans for text in plan.texts))
    out: list[list[Claim]] = []
    pos = 0
    for doc, plan in zip(docs, plans, strict=True):
        count = len(plan.texts)
        out.append(link_claims(doc, plan, parsed[pos : pos + count], settings) if count else [])
        pos += count
    return out


def extract_text(
    text: str,
    *,
    nlp: Language,
    date: dt.date | None = None,
    doc_id: str = "text",
    settings: Settings | None = None,
) -> list[Claim]:
    """Extract the spending claims of a text, for notebooks and scripts.

    text (str): The article text.
    nlp (Language): The loaded spaCy pipeline (`pipeline.nlp.load_nlp()`).
    date (date | None): The article date, for "this year" and "next year".
    doc_id (str): The id the claims carry.
    settings (Settings | None): Run options.
    RETURNS (list[Claim]): The claims.
    """
    settings = settings or Settings()
    doc = Document(id=doc_id, text=text, date=date or settings.default_date)
    return extract_document(doc, nlp, settings)


def link_claims(
    doc: Document, plan: Plan, parsed: Sequence[SpacyDoc], settings: Settings
) -> list[Claim]:
    """Turn a document's amounts and parsed sentences into claims.

    doc (Document): The article.
    plan (Plan): From `plan_document`.
    parsed (Sequence[Doc]): The parses of `plan.texts`, in order.
    settings (Settings): Run options.
    RETURNS (list[Claim]): The claims and change records.
    """
    ctx, read = _read_document(doc, plan, parsed, settings)
    claims = merge_mentions(read, ctx.topic, lambda pos: topic_is_near(ctx, pos))
    add_disputes(ctx, claims)
    out = [to_claim(ctx, c) for c in claims]
    out.extend(change_records(ctx, read, doc.date or settings.default_date))
    return out


def explain_text(
    text: str, *, nlp: Language, date: dt.date | None = None, settings: Settings | None = None
) -> list[Mention]:
    """How the linker read every amount of a text, before mentions are merged into claims:
    the decision ("spend", "not", "none"), the subjects and the ids of the rules that fired.
    For checking a rule and for explaining a claim (or its absence) to an analyst.

    text (str): The article text.
    nlp (Language): The loaded spaCy pipeline.
    date (date | None): The article date.
    settings (Settings | None): Run options (`parse_all` parses every sentence).
    RETURNS (list[Mention]): One reading per amount, in text order.
    """
    settings = settings or Settings()
    doc = Document(id="text", text=text, date=date or settings.default_date)
    plan = plan_document(doc, settings)
    parsed = list(nlp.pipe(plan.texts))
    return _read_document(doc, plan, parsed, settings)[1] if plan.texts else []


def _read_document(
    doc: Document, plan: Plan, parsed: Sequence[SpacyDoc], settings: Settings
) -> tuple[DocContext, list[Mention]]:
    """Read every amount in its sentence, then the passes that look across sentences."""
    date = doc.date or settings.default_date
    parsed_by_idx = dict(zip(plan.to_parse, parsed, strict=True))
    mentions = entity_mentions(doc.text, plan, parsed_by_idx)
    ctx = DocContext(
        doc=doc,
        plan=plan,
        parsed=parsed_by_idx,
        mentions=mentions,
        topic=find_topic(doc.text, plan, parsed_by_idx, mentions),
        publisher=find_publisher(doc.text),
        april_year=is_japanese_story(doc.text, plan.amounts),
        fiscal_start=fiscal_start_month(doc.text),
    )
    rows = {row.amount_index: row for row in find_table_rows(doc.text, plan.amounts)}
    starts = [s.start for s in plan.sentences]
    by_sentence: dict[int, list[int]] = {}
    for i, amount in enumerate(plan.amounts):
        if amount.equivalent_of is None:
            by_sentence.setdefault(sentence_of(starts, amount.start), []).append(i)
    read: list[Mention] = []
    for sent_idx in sorted(by_sentence):
        read.extend(_read_sentence(ctx, sent_idx, by_sentence[sent_idx], rows, date))
    read = inherit_context(read)
    read = allocate_budget_lines(read)
    read = carry_periods(read)
    return ctx, read


# -- reading one sentence ------------------------------------------------------------


def _read_sentence(
    ctx: DocContext,
    sent_idx: int,
    amount_idxs: list[int],
    rows: dict[int, TableRow],
    date: dt.date | None,
) -> list[Mention]:
    seg = ctx.plan.sentences[sent_idx]
    sdoc = ctx.parsed.get(sent_idx)
    text = ctx.doc.text
    amounts = ctx.plan.amounts
    periods = find_periods(
        text[seg.start : seg.end],
        doc_date=date,
        offset=seg.start,
        april_year=ctx.april_year,
        fiscal_start=ctx.fiscal_start,
    )
    assigned = assign_periods([amounts[i] for i in amount_idxs], periods, text)
    spans = {i: _char_ids(sdoc, amounts[i], seg.start) for i in amount_idxs} if sdoc else {}
    bullet = is_bullet(text[seg.start : seg.end])
    out = []
    for pos, i in enumerate(amount_idxs):
        amount = amounts[i]
        base = is_comparison_base(text, amount)
        mention = Mention(
            amount=amount,
            sent_idx=sent_idx,
            equivalents=tuple(a for a in amounts if a.equivalent_of == i),
            period=assigned[pos],
            is_bullet=bullet,
            is_comparison_base=base,
            rules=tuple(
                r
                for r, on in (
                    (RuleId.SENTENCE_BULLET, bullet),
                    (RuleId.AMOUNT_COMPARISON_BASE, base),
                )
                if on
            ),
        )
        if i in rows:
            mention = _read_table_row(ctx, mention, rows[i])
        elif sdoc is not None and spans.get(i):
            others = set().union(*(ids for j, ids in spans.items() if j != i))
            mention = _read_parse(ctx, mention, sdoc, seg, spans[i], others)
        out.append(mention)
    out = _continue_series(out, text)
    return share_periods(out)


# Between two amounts of one series: an optional period, then a comma, "and" or "or"
# ("50 mln dlrs in 1988, 70 mln in 1989 and 90 mln in 1990"; "$3bn this year and $4bn").
_SERIES_GAP_RE = regex.compile(
    r"""^\s*
    (?:(?:in|for|during|by)\s+(?:the\s+)?(?:fiscal\s+|calendar\s+)?
       (?:\d{4}(?:[/-]\d{2,4})?|(?:this|next|last|the\s+following)\s+year)\s*
     |(?:this|next|last)\s+year\s*)?
    (?:,\s*(?:and|or)?|and|or|;)\s*
    (?:(?:in|for)\s+(?:fiscal\s+)?\d{4}(?:[/-]\d{2,4})?\s*,?\s*)?$""",
    regex.IGNORECASE | regex.VERBOSE,
)


def _continue_series(mentions: list[Mention], text: str) -> list[Mention]:
    """An amount that continues a series after a spending amount is spending of the same
    spender ("the plan calls for 50 mln dlrs in 1988, 70 mln in 1989 and 90 mln in 1990"):
    only the words between them decide, since the parse of a long list is unreliable. The
    base of a comparison just after a spending figure ("355 mln dlrs, up from 280.4 mln
    dlrs in 1986") is the same spending in another period.
    """
    out = list(mentions[:1])
    for cur in mentions[1:]:
        prev = out[-1]
        between = text[prev.amount.end : cur.amount.start]
        rule: RuleId | None = None
        if (
            prev.decision == "not"
            and not prev.is_comparison_base
            and cur.is_comparison_base
            and cur.decision == "spend"
            and len(between.split()) <= thresholds.COMPARISON_GAP_WORDS
        ):
            # "generated $13.1 billion in revenue, up from its $10 billion target": what a
            # figure that is not spending is compared with is not spending either
            out.append(
                cur.but(
                    rule=RuleId.NOT_COMPARED_WITH_NOT,
                    decision="not",
                    decision_rule=RuleId.NOT_COMPARED_WITH_NOT,
                )
            )
            continue
        if prev.decision == "spend" and not prev.is_comparison_base:
            if (
                cur.decision == "none"
                and cur.is_comparison_base
                and len(between.split()) <= thresholds.COMPARISON_GAP_WORDS
            ):
                rule = RuleId.SPEND_COMPARISON_BASE
            elif (
                (cur.decision == "none" or cur.decision_rule == RuleId.NOT_CUE)
                and not cur.is_comparison_base
                and cur.amount.currency == prev.amount.currency
                and _SERIES_GAP_RE.match(between)
            ):
                rule = RuleId.SPEND_SERIES
        if rule is not None:
            cur = cur.but(
                rule=rule,
                decision="spend",
                decision_rule=rule,
                cue_word=prev.cue_word,
                item=cur.item or prev.item,
            )
            if not cur.subjects and prev.subjects:
                cur = cur.but(subjects=prev.subjects, subject_rule=RuleId.SUBJECT_SERIES)
        out.append(cur)
    return out


def _read_parse(
    ctx: DocContext,
    mention: Mention,
    sdoc: SpacyDoc,
    seg: Segment,
    amount_ids: set[int],
    other_ids: set[int],
) -> Mention:
    base = seg.start
    root = syntax.amount_root(sdoc[:], mention.amount.start - base, mention.amount.end - base)
    if root is None:
        return mention
    rules = list(mention.rules)
    decision = decide_spending(Site(root, frozenset(amount_ids), frozenset(other_ids)))
    change_target = decision.kind == "none" and is_change_target(root)
    if change_target:
        rules.append(RuleId.AMOUNT_CHANGE_TARGET)  # "a further increase to 1.52 bln stg"
    if _is_small(mention.amount) and not _is_direct_spending(decision):
        decision = Decision("not", None, RuleId.NOT_SMALL_AMOUNT)
    kind: Kind = decision.kind
    decision_rule = decision.rule
    rules.append(decision.rule)
    subj_tokens, subject_rule = find_subject(root, amount_ids)
    if (
        subject_rule in (RuleId.SUBJECT_DEFINITE_DESCRIPTION, RuleId.SUBJECT_DEFINITE_OWN_NOUN)
        and subj_tokens
    ):
        found = resolve_description(ctx, mention.sent_idx, subj_tokens[0])
        subjects = [found] if found is not None else []
    else:
        subjects = [s for s in (resolve(ctx, t, base) for t in subj_tokens) if s is not None]
    subjects = unique_subjects([s for s in subjects if not is_outlet_name(s.name)])
    named = [name_of(t).text for t in subj_tokens] + [s.name for s in subjects]
    if any(is_central_bank(n) for n in named) or _CENTRAL_BANK_OPERATION_RE.search(sdoc.text):
        kind, decision_rule = "not", RuleId.NOT_CENTRAL_BANK
        rules.append(RuleId.NOT_CENTRAL_BANK)
    headline = _is_headline(ctx, mention.sent_idx)
    if headline:
        rules.append(RuleId.SENTENCE_HEADLINE)
    item = find_item(root, amount_ids, decision.cue)
    flags, future = read_flags(root, sdoc[:], mention.period, ctx, decision.cue)
    if future:
        rules.append(RuleId.TENSE_FUTURE)
    return mention.but(
        decision=kind,
        decision_rule=decision_rule,
        cue_distance=decision.distance,
        cue_word=decision.cue.lower_ if decision.cue is not None else None,
        is_change_target=change_target,
        subjects=tuple(subjects),
        subject_rule=subject_rule,
        is_headline=headline,
        sources=tuple(
            find_sources(ctx, root, amount_ids, sdoc[:], base, subjects, amount_ids | other_ids)
        ),
        item=(item_text(item, amount_ids) or None) if item is not None else None,
        flags=frozenset(flags),
        is_future=future,
        change_pct=change_pct_near(ctx.doc.text, seg, mention.amount),
        rules=tuple(rules),
    )


def _read_table_row(ctx: DocContext, mention: Mention, row: TableRow) -> Mention:
    rule = RuleId.SPEND_TABLE_HEADER if row.spending else RuleId.NO_CUE
    rules = [*mention.rules, RuleId.TABLE_ROW, rule]
    period = mention.period
    if row.period is not None and period is None:
        period = Period(
            year=row.period.year,
            text=f"{row.period.text} (table header)",
            start=row.period.start,
            end=row.period.end,
        )
        rules.append(RuleId.PERIOD_TABLE_HEADER)
    planned = "planned" in ctx.doc.text[row.start : row.end].lower()
    return mention.but(
        is_table_row=True,
        decision="spend" if row.spending else "none",
        decision_rule=rule,
        subjects=(Subject(name=row.label, start=row.label_start, end=row.label_end),),
        subject_rule=RuleId.SUBJECT_TABLE_LABEL,
        period=period,
        period_rule=RuleId.PERIOD_TABLE_HEADER if period is not mention.period else None,
        item=row.item,
        flags=frozenset({"planned"}) if planned else mention.flags,
        rules=tuple(rules),
    )


_SCALE_RE = regex.compile(
    r"\d\s*(?:k|m|mn|b|bn|tn)\b|\b(?:thousand|million|mln|billion|bln|trillion|crore|lakh)",
    regex.IGNORECASE,
)


def _is_headline(ctx: DocContext, sent_idx: int) -> bool:
    """A headline: a line in capitals as written (parse_view title-cases it for the parse),
    or one of the first lines of the article that ends without a full stop ("Airtel raises
    $1 billion for data centers"): a title, which restates a body figure."""
    seg = ctx.plan.sentences[sent_idx]
    written = ctx.doc.text[seg.start : seg.end].strip()
    if written.upper() == written:
        return True
    return (
        sent_idx < thresholds.HEADLINE_LINES
        and not written.endswith((".", "!", "?", '"', "”"))
        and len(written.split()) <= thresholds.HEADLINE_WORDS
    )


def _is_small(amount: Amount) -> bool:
    """Whether an amount is too small to be spending: under 100,000 with no scale word.

    >>> _is_small(Amount(text="3,595 dlrs", start=0, end=10, value=3595, currency="USD"))
    True
    >>> _is_small(Amount(text="$50k", start=0, end=4, value=50000, currency="USD"))
    False
    """
    top = amount.value if amount.value is not None else amount.max
    return top is not None and top <= thresholds.SMALL_AMOUNT and not _SCALE_RE.search(amount.text)


def _is_direct_spending(decision: Decision) -> bool:
    """Whether a spending verb or noun governs the amount directly ("invested $100,000 in a
    bakery", "rented a truck for $600"): then a small sum is spending all the same."""
    return decision.kind == "spend" and (
        decision.rule in (RuleId.SPEND_OWN_NOUN, RuleId.SPEND_GIVEN)
        or (decision.rule == RuleId.SPEND_CUE and decision.distance <= 2)
    )


_CENTRAL_BANK_OPERATION_RE = regex.compile(
    r"\b(?:" + "|".join(regex.escape(w) for w in CENTRAL_BANK_OPERATIONS) + r")\b", regex.IGNORECASE
)


def _char_ids(sdoc: SpacyDoc, amount: Amount, base: int) -> set[int]:
    span = syntax.amount_core(sdoc, amount.start - base, amount.end - base)
    return {t.i for t in span} if span is not None else set()
