"""Link money amounts into spending claims: one `Claim` per distinct fact per document.

The flow for one document (see DESIGN.md):
1. `plan_document`: amounts by regex over the whole text, sentences by regex, and
   the few sentences worth a parse (those with an amount, the lead, the antecedent
   of a pronoun, percent changes of spending).
2. the caller parses `plan.texts` with `nlp.pipe` (batched across documents if it likes).
3. `link_claims`: reads each parsed sentence around each amount (pipeline/syntax.py),
   then merges repeated mentions of one fact and writes `Claim`s.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import regex
from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span, Token

from models import Amount, Claim, Document, Evidence, Flag, Period, Settings, Source, Subject
from pipeline import syntax
from pipeline._cues import (
    ACTUAL_WORDS,
    ANONYMOUS_SPEAKERS,
    CENTRAL_BANKS,
    CHANGE_DOWN,
    CHANGE_UP,
    DENIAL_OBJECTS,
    DENIAL_WORDS,
    OUTLET_WORDS,
    OUTLETS,
    OWN_ONLY_SPEND_NOUNS,
    PLAN_WORDS,
    REPORT_VERBS,
    REPORTED_WORDS,
    SPEND_NOUNS,
    SPEND_VERBS,
    TITLES,
)
from pipeline.amounts import find_amounts
from pipeline.periods import PeriodMention, find_periods
from pipeline.tables import TableRow, find_table_rows
from pipeline.text import Segment, is_bullet, parse_view, split_sentences

_ANAPHOR_RE = regex.compile(
    r"""\b(?:it|its|they|their|he|she|his|her
    |the\s+(?:company|group|firm|bank|corporation|organi[sz]ation|package|budget|plan
        |programme|program
        |investment|project|deal|order|contract|acquisition|spending))\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
# Words without which a sentence holds no spending claim (inflections listed in _cues).
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
_PERCENT_RE = regex.compile(
    r"(?<![\d.])(?P<num>\d{1,3}(?:\.\d+)?)\s?(?:%|percent\b|per\s+cent\b|pct\b)", regex.IGNORECASE
)
_SPEND_WORD_RE = regex.compile(
    r"\b(?:spending|spend|capex|capital\s+expenditure|investment|budget|outlays?)\b",
    regex.IGNORECASE,
)
_PUBLISHER_RE = regex.compile(
    r"(?:\n[ \t]*(?P<signoff>Reuters?)[ \t]*\Z|\((?P<dateline>Reuters|Bloomberg|AP|AFP)\)\s*[-—–])",
    regex.IGNORECASE,
)
_ORG_TAG_RE = regex.compile(r"<(?P<name>[^<>\n]{2,80}?)>")
_ORG_SUFFIX_RE = regex.compile(
    r"\b(?P<name>(?:[\p{Lu}][\p{L}&'.-]*\s+(?:(?:and|&)\s+)?){1,4}"
    r"(?:Inc|Corp|Co|Ltd|Plc|PLC|Spa|SpA|SA|AG|NV|N\.V|K\.K|Bhd|GmbH|Group|Corporation)\b\.?)"
)
_TAG_RE = regex.compile(r"<[A-Z0-9.\-]{0,14}>?|>")  # Reuters ticker tags and brackets
_TICKER_RE = regex.compile(r"^[A-Z0-9.\-]{1,14}$")


@dataclass(frozen=True)
class Plan:
    """What one document needs: its amounts, its sentences, which to parse."""

    amounts: tuple[Amount, ...]
    sentences: tuple[Segment, ...]
    to_parse: tuple[int, ...]  # indices into `sentences`
    texts: tuple[str, ...]  # parse views of the sentences to parse, in that order


@dataclass
class _Mention:
    """One amount read in its sentence, before mentions of one fact are merged."""

    amount: Amount
    equivalents: list[Amount]
    sent_idx: int
    decision: str
    subjects: list[Subject]
    subject_rule: str
    period: Period | None
    sources: list[Source]
    item: str | None
    flags: set[str]
    rules: list[str]
    change_pct: float | None = None


@dataclass
class _Claim:
    mentions: list[_Mention] = field(default_factory=list)
    subject: Subject | None = None
    split_index: int = 0


@dataclass(frozen=True)
class _DocContext:
    doc: Document
    plan: Plan
    parsed: dict[int, SpacyDoc]
    mentions: tuple[_EntMention, ...]
    topic: Subject | None
    publisher: str | None
    april_year: bool  # a Japanese story: fiscal years run April-March


def make_claim_id(doc_id: str, start: int, end: int, part: int = 0) -> str:
    """A claim id that is stable across runs: from the doc id and the amount's offsets.

    >>> make_claim_id("a.txt", 0, 3) == make_claim_id("a.txt", 0, 3)
    True
    >>> make_claim_id("a.txt", 0, 3) == make_claim_id("a.txt", 0, 3, part=1)
    False
    """
    key = f"{doc_id}:{start}:{end}" + (f":{part}" if part else "")
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def plan_document(doc: Document, settings: Settings) -> Plan:
    """Find the amounts of `doc` and choose the sentences to parse.

    doc (Document): The article.
    settings (Settings): Run options (`parse_all` parses every sentence).
    RETURNS (Plan): Nothing to parse when the article has no amount.
    """
    amounts = tuple(find_amounts(doc.text, default_dollar=settings.default_dollar))
    if not amounts and not (_PERCENT_RE.search(doc.text) and _SPEND_WORD_RE.search(doc.text)):
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
        by_sentence.setdefault(_sentence_of(starts, amount.start), []).append(amount)
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
        if _PERCENT_RE.search(text, seg.start, seg.end) and _SPEND_WORD_RE.search(
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
    date = doc.date or settings.default_date
    parsed_by_idx = dict(zip(plan.to_parse, parsed, strict=True))
    mentions = _entity_mentions(doc.text, plan, parsed_by_idx)
    ctx = _DocContext(
        doc=doc,
        plan=plan,
        parsed=parsed_by_idx,
        mentions=mentions,
        topic=_topic(doc.text, plan, parsed_by_idx, mentions),
        publisher=_publisher(doc.text),
        april_year=_is_japanese(doc.text, plan.amounts),
    )
    rows = {row.amount_index: row for row in find_table_rows(doc.text, plan.amounts)}
    starts = [s.start for s in plan.sentences]
    by_sentence: dict[int, list[int]] = {}
    for i, amount in enumerate(plan.amounts):
        if amount.equivalent_of is None:
            by_sentence.setdefault(_sentence_of(starts, amount.start), []).append(i)
    read: list[_Mention] = []
    for sent_idx in sorted(by_sentence):
        read.extend(_read_sentence(ctx, sent_idx, by_sentence[sent_idx], rows, date))
    _inherit_context(read)
    _carry_periods(read)
    claims = _merge(read, ctx.topic)
    _add_disputes(ctx, claims)
    out = [_to_claim(ctx, c) for c in claims]
    out.extend(_change_records(ctx, read, date))
    return out


# -- reading one sentence ------------------------------------------------------------


def _read_sentence(
    ctx: _DocContext,
    sent_idx: int,
    amount_idxs: list[int],
    rows: dict[int, TableRow],
    date: dt.date | None,
) -> list[_Mention]:
    seg = ctx.plan.sentences[sent_idx]
    sdoc = ctx.parsed.get(sent_idx)
    text = ctx.doc.text
    amounts = ctx.plan.amounts
    periods = find_periods(
        text[seg.start : seg.end], doc_date=date, offset=seg.start, april_year=ctx.april_year
    )
    assigned = _assign_periods([amounts[i] for i in amount_idxs], periods, text)
    spans = {i: _char_ids(sdoc, amounts[i], seg.start) for i in amount_idxs} if sdoc else {}
    out = []
    for pos, i in enumerate(amount_idxs):
        amount = amounts[i]
        equivalents = [a for a in amounts if a.equivalent_of == i]
        mention = _Mention(
            amount=amount,
            equivalents=equivalents,
            sent_idx=sent_idx,
            decision="none",
            subjects=[],
            subject_rule="subject.none",
            period=assigned[pos],
            sources=[],
            item=None,
            flags=set(),
            rules=[],
        )
        if _is_comparison_base(text, amount):
            mention.rules.append("amount.comparison_base")
        if i in rows:
            _read_table_row(ctx, mention, rows[i], date)
        elif sdoc is not None and spans.get(i):
            others = set().union(*(ids for j, ids in spans.items() if j != i))
            _read_parse(ctx, mention, sdoc, seg, spans[i], others)
        out.append(mention)
    _share_periods(out, text)
    return out


def _read_parse(
    ctx: _DocContext,
    mention: _Mention,
    sdoc: SpacyDoc,
    seg: Segment,
    amount_ids: set[int],
    other_ids: set[int],
) -> None:
    base = seg.start
    root = syntax.amount_root(sdoc[:], mention.amount.start - base, mention.amount.end - base)
    if root is None:
        return
    decision = syntax.classify(root, amount_ids, other_ids)
    if decision.kind == "none" and syntax.is_change_target(root):
        mention.rules.append("amount.change_target")  # "a further increase to 1.52 bln stg"
    if _is_small(mention.amount):
        decision = syntax.Decision("not", None, "spending.not.small_amount")
    mention.decision = decision.kind
    mention.rules.append(decision.rule)
    if is_bullet(ctx.doc.text[seg.start : seg.end]):
        mention.rules.append("sentence.bullet")
    subj_tokens, rule = syntax.find_subject(root, amount_ids)
    if rule == "subject.definite_description":
        found = _resolve_description(ctx, mention.sent_idx, subj_tokens[0])
        subjects = [found] if found is not None else []
    else:
        subjects = [s for s in (_resolve(ctx, t, base) for t in subj_tokens) if s is not None]
    subjects = [s for s in subjects if not _is_outlet_name(s.name)]
    if subjects or rule == "subject.recipient_only":
        mention.subjects = _unique_subjects(subjects)
        mention.subject_rule = rule
    if (
        any(_is_central_bank(s.name) for s in mention.subjects)
        or "money market" in sdoc.text.lower()
    ):
        mention.decision = "not"
        mention.rules.append("spending.not.central_bank")
    if sdoc.text.upper() == sdoc.text:
        mention.rules.append("sentence.headline")
    mention.sources = _sources(
        ctx, root, amount_ids, sdoc[:], base, mention.subjects, amount_ids | other_ids
    )
    item = syntax.find_item(root, amount_ids, decision.cue)
    if item is not None:
        mention.item = syntax.item_text(item, amount_ids) or None
    mention.flags = _flags(root, sdoc[:], mention, ctx, decision.cue)
    mention.change_pct = _change_pct(ctx.doc.text, seg, mention.amount)


def _read_table_row(
    ctx: _DocContext, mention: _Mention, row: TableRow, date: dt.date | None
) -> None:
    mention.rules.append("table.row")
    mention.decision = "spend" if row.spending else "none"
    mention.rules.append("spending.table_header" if row.spending else "spending.none")
    mention.subjects = [Subject(name=row.label, start=row.label_start, end=row.label_end)]
    mention.subject_rule = "subject.table_label"
    if row.period is not None and mention.period is None:
        mention.period = Period(
            year=row.period.year,
            text=f"{row.period.text} (table header)",
            start=row.period.start,
            end=row.period.end,
        )
        mention.rules.append("period.table_header")
    mention.item = row.item
    if "planned" in ctx.doc.text[row.start : row.end].lower():
        mention.flags.add("planned")


# Below this, an amount written without a scale word is a price, a fee or a per-unit
# figure in business news ("2.57 dlrs a share", "six cts"), not a spending claim.
_SMALL_AMOUNT = 100_000
_SCALE_RE = regex.compile(
    r"\d\s*(?:k|m|mn|b|bn|tn)\b|\b(?:thousand|million|mln|billion|bln|trillion|crore|lakh)",
    regex.IGNORECASE,
)


def _is_small(amount: Amount) -> bool:
    """Whether an amount is too small to be spending: under 100,000 with no scale word.

    >>> _is_small(Amount(text="3,595 dlrs", start=0, end=10, value=3595, currency="USD"))
    True
    >>> _is_small(Amount(text="$50k", start=0, end=4, value=50000, currency="USD"))
    False
    """
    top = amount.value if amount.value is not None else amount.max
    return top is not None and top <= _SMALL_AMOUNT and not _SCALE_RE.search(amount.text)


def _is_central_bank(name: str) -> bool:
    low = name.lower()
    return any(bank in low for bank in CENTRAL_BANKS)


def _char_ids(sdoc: SpacyDoc, amount: Amount, base: int) -> set[int]:
    span = syntax.amount_core(sdoc, amount.start - base, amount.end - base)
    return {t.i for t in span} if span is not None else set()


def _assign_periods(
    amounts: list[Amount], periods: list[PeriodMention], text: str
) -> list[Period | None]:
    """Give each amount the nearest year expression that no nearer amount took.

    An amount in a comparison ("from 64 billion") takes no period but its own.
    """
    usable = [p for p in periods if not any(a.start <= p.start < a.end for a in amounts)]
    pairs = []
    for ai, amount in enumerate(amounts):
        for pi, period in enumerate(usable):
            if period.start >= amount.end:
                gap = len(text[amount.end : period.start].split())
                between = text[amount.end : period.start]
            else:
                gap = len(text[period.end : amount.start].split()) + 1
                between = text[period.end : amount.start]
            if any(
                a.start >= min(amount.end, period.end) and a.end <= max(amount.start, period.start)
                for a in amounts
            ):
                gap += 6  # another amount stands between them
            if ";" in between:
                gap += 8
            if text[period.end : period.end + 2] in ("'s", "’s") and (
                period.start >= amount.end or len(between.split()) > 2
            ):
                gap += 20  # "last year's 5.8 billion": the possessive binds its own noun
            pairs.append((gap / period.strength, ai, pi))
    result: list[Period | None] = [None] * len(amounts)
    taken: set[int] = set()
    for _, ai, pi in sorted(pairs):
        if result[ai] is not None or pi in taken:
            continue
        result[ai] = _period_model(usable[pi])
        taken.add(pi)
    return result


def _share_periods(mentions: list[_Mention], text: str) -> None:
    """A spending amount with no year of its own takes the year of another spending amount
    of its sentence in the same currency ("the package could total 12 billion francs for
    1987, ... only 8.6 billion francs had been set aside"); never the base of a comparison,
    nor the year of money that is not spending ("its sales would top €10bn in 2024").
    """
    for mention in mentions:
        if (
            mention.period is not None
            or mention.decision != "spend"
            or _is_comparison_base(text, mention.amount)
        ):
            continue
        donor = next(
            (
                m
                for m in mentions
                if m is not mention
                and m.decision == "spend"
                and m.period is not None
                and m.period.year is not None
                and m.amount.currency == mention.amount.currency
                and "period.shared" not in m.rules
            ),
            None,
        )
        if donor is not None:
            mention.period = donor.period
            mention.rules.append("period.shared")


def _is_comparison_base(text: str, amount: Amount) -> bool:
    before = text[max(0, amount.start - 25) : amount.start].lower()
    return (
        regex.search(r"\b(?:from|versus|vs\.?|against|compared\s+with|than)\s+\S*\s*$", before)
        is not None
    )


def _period_model(p: PeriodMention) -> Period:
    return Period(year=p.year, text=p.text, start=p.start, end=p.end)


# -- names ---------------------------------------------------------------------------


def _resolve(ctx: _DocContext, token: Token, base: int) -> Subject | None:
    ref = syntax.name_of(token)
    if ref.anaphor is None:
        # the name as written (the parse saw a title-cased headline, "Ge" for "GE")
        written = _TAG_RE.sub(" ", ctx.doc.text[ref.start + base : ref.end + base])
        name = _strip_name(" ".join(written.split()) if written.strip() else ref.text)
        if not name:
            return None
        return Subject(name=name, start=ref.start + base, end=ref.end + base)
    position = ref.start + base
    speaker = _speaker_of_clause(token)
    if speaker is not None:  # "TSMC said it expects ...": it is TSMC
        return _resolve(ctx, speaker, base)
    label = "PERSON" if ref.anaphor == "person" else "ORG"
    candidates = [
        m
        for m in reversed(ctx.mentions)
        if m.start < position and m.label == label and not _is_outlet_name(m.name)
    ]
    # Prefer the last one that was the subject of its clause, within a few sentences.
    window = position - 600
    for m in candidates:
        if m.is_subject and m.start >= window:
            return Subject(name=m.name, start=m.start, end=m.end)
    # Failing that, the organisation the article is about, when it was named just before.
    topic_key = _short_key(ctx.topic.name) if ctx.topic is not None else None
    for m in candidates:
        if m.start >= window and _short_key(m.name) == topic_key:
            return Subject(name=m.name, start=m.start, end=m.end)
    for m in candidates:
        return Subject(name=m.name, start=m.start, end=m.end)
    if label == "ORG" and ctx.topic is not None:
        return ctx.topic
    return None


def _speaker_of_clause(token: Token) -> Token | None:
    """X in "X said it ...": the named subject of the verb of saying over a pronoun."""
    if token.lower_ not in ("it", "its", "they", "their", "he", "she", "his", "her") and (
        syntax.name_of(token).anaphor is None
    ):
        return None
    for anc in token.ancestors:
        if anc.lower_ in REPORT_VERBS and anc.pos_ in ("VERB", "AUX"):
            for child in anc.children:
                if (
                    child.dep_ == "nsubj"
                    and child.i < token.i
                    and syntax.name_of(child).anaphor is None
                    and (child.pos_ == "PROPN" or child.ent_type_ in ("ORG", "PERSON"))
                    and not _is_outlet_name(syntax.name_of(child).text)
                ):
                    return child
            return None
    return None


def _resolve_description(ctx: _DocContext, sent_idx: int, noun: Token) -> Subject | None:
    """ "the package" refers to "a package" in a sentence before: that clause's subject."""
    for idx in range(sent_idx - 1, max(sent_idx - 4, -1), -1):
        sdoc = ctx.parsed.get(idx)
        if sdoc is None:
            continue
        for tok in sdoc:
            if tok.lower_ != noun.lower_:
                continue
            verb = tok.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
                verb = verb.head
            found = syntax.find_subject(verb, {tok.i})
            if found[0]:
                return _resolve(ctx, found[0][0], ctx.plan.sentences[idx].start)
    return None


def _strip_name(name: str) -> str:
    """A name without quotes, possessive or leading titles.

    >>> _strip_name("Vice Chair Brad Smith's")
    'Brad Smith'
    >>> _strip_name("Alphabet's Google"), _strip_name("Seguin's ministry")
    ('Google', "Seguin's ministry")
    """
    name = name.strip(" <>\"'“”‘’,.")
    for suffix in ("'s", "’s"):
        name = name.removesuffix(suffix)
    owner_and_name = regex.match(r"^.+?['’]s\s+(\p{Lu}.*)$", name)
    if owner_and_name:
        name = owner_and_name[1]  # "Alphabet's Google": the name is Google
    words = name.split()
    while len(words) > 1 and words[0].lower().strip(".") in TITLES:
        words.pop(0)
    return " ".join(words)


def _is_outlet_name(name: str) -> bool:
    low = name.lower().strip()
    if low in OUTLETS or low.removeprefix("the ") in OUTLETS:
        return True
    return bool(set(low.split()) & OUTLET_WORDS) and low not in ("the company",)


def _unique_subjects(subjects: list[Subject]) -> list[Subject]:
    seen: set[str] = set()
    out = []
    for s in subjects:
        key = s.name.lower()
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


class _EntMention(NamedTuple):
    """An organisation or person named in the text; `is_subject` when it heads a clause."""

    start: int
    end: int
    name: str
    label: str
    is_subject: bool = False


def _entity_mentions(text: str, plan: Plan, parsed: dict[int, SpacyDoc]) -> tuple[_EntMention, ...]:
    found: dict[tuple[int, int], tuple[int, int, str, str]] = {}
    subject_chars: set[int] = set()
    for idx, sdoc in parsed.items():
        base = plan.sentences[idx].start
        subject_chars.update(tok.idx + base for tok in sdoc if tok.dep_ in ("nsubj", "nsubjpass"))
    amount_ranges = [(a.start, a.end) for a in plan.amounts]
    for idx, sdoc in parsed.items():
        base = plan.sentences[idx].start
        for ent in sdoc.ents:
            if ent.label_ not in ("ORG", "PERSON"):
                continue
            start, end = ent.start_char + base, ent.end_char + base
            if any(s < end and start < e for s, e in amount_ranges):
                continue
            name = _strip_name(ent.text)
            # ticker tags never reach the parse (parse_view blanks them); "AI" is no company
            if name and name.lower() not in _NOT_TOPIC_WORDS:
                found[(start, end)] = (start, end, name, ent.label_)
    for m in _ORG_TAG_RE.finditer(text):
        name = _strip_name(m["name"])
        if name and not _TICKER_RE.match(name):
            found[(m.start("name"), m.end("name"))] = (m.start("name"), m.end("name"), name, "ORG")
    for m in _ORG_SUFFIX_RE.finditer(text):
        name = _strip_name(m["name"])
        if name.upper() != name:
            found[(m.start("name"), m.end("name"))] = (m.start("name"), m.end("name"), name, "ORG")
    # Where spans overlap, keep the longest.
    ordered = sorted(found.values(), key=lambda m: (m[0], -(m[1] - m[0])))
    out: list[_EntMention] = []
    for m in ordered:
        if out and m[0] < out[-1][1]:
            continue
        is_subject = any(c in subject_chars for c in range(m[0], m[1]))
        out.append(_EntMention(*m, is_subject=is_subject))
    return tuple(out)


def _topic(
    text: str,
    plan: Plan,
    parsed: dict[int, SpacyDoc],
    mentions: Sequence[_EntMention],
) -> Subject | None:
    """The organisation the article is about: the most often named of its candidates.

    Candidates are the organisations found in the parsed sentences (entities, Reuters
    tags, "X Inc" names) and the proper nouns that act as subjects there; each is
    counted over the whole text, the subject of the lead sentence getting a bonus.
    """
    candidates: dict[str, tuple[int, int, str]] = {}
    for start, end, name, label, _ in mentions:
        if label == "ORG" and not _is_outlet_name(name):
            candidates.setdefault(_short_key(name), (start, end, name))
    lead_subject: str | None = None
    for idx in sorted(parsed):
        sdoc = parsed[idx]
        base = plan.sentences[idx].start
        for tok in sdoc:
            if tok.pos_ != "PROPN" or tok.ent_type_ in _NOT_TOPIC_ENTS:
                continue
            if tok.lower_ in _NOT_TOPIC_WORDS or len(tok.text) < 2:
                continue
            ref = syntax.name_of(tok)
            name = _strip_name(ref.text)
            if not name or _is_outlet_name(name) or tok.dep_ not in ("nsubj", "compound", "poss"):
                continue
            key = _short_key(name)
            candidates.setdefault(key, (ref.start + base, ref.end + base, name))
            if lead_subject is None and tok.dep_ == "nsubj" and idx > 1:
                lead_subject = key
    if not candidates:
        return None
    lower = text.lower()
    scores = {
        k: len(regex.findall(rf"\b{regex.escape(k)}\b", lower)) + (2 if k == lead_subject else 0)
        for k in candidates
    }
    best = max(scores, key=lambda k: (scores[k], -candidates[k][0]))
    if scores[best] < 2:
        return None
    start, end, name = candidates[best]
    return Subject(name=name, start=start, end=end)


_NOT_TOPIC_ENTS = frozenset(("GPE", "NORP", "LOC", "DATE", "MONEY", "CARDINAL", "PERCENT", "TIME"))
_NOT_TOPIC_WORDS = frozenset("ai gpu gpus ceo cfo capex llm llms us u.s. uk eu".split())


def _short_key(name: str) -> str:
    words = [w for w in name.lower().split() if not syntax.is_corp_suffix(w)]
    return " ".join(words[:2]) if words else name.lower()


def _is_japanese(text: str, amounts: Sequence[Amount]) -> bool:
    """Whether a story is Japanese business news: a Tokyo dateline or its money in yen."""
    if regex.search(r"^\s*TOKYO\b", text[:400], regex.MULTILINE):
        return True
    yen = sum(a.currency == "JPY" for a in amounts)
    return yen > 0 and yen * 2 >= len(amounts)


def _publisher(text: str) -> str | None:
    m = _PUBLISHER_RE.search(text[-40:]) or _PUBLISHER_RE.search(text[:400])
    if m is None:
        return None
    return (
        "Reuters"
        if (m["signoff"] or m["dateline"] or "").lower().startswith("reuter")
        else m["dateline"]
    )


# -- sources, flags, changes ---------------------------------------------------------


def _sources(
    ctx: _DocContext,
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
                _source_at(_strip_name(syntax.name_of(t).text), t, base)
                for t in parties
                if not _is_outlet_name(syntax.name_of(t).text)
            )
            continue
        source = _source_of(ctx, token, rule, base, subjects)
        if source is not None:
            out.append(source)
    # an outlet acting as the subject of the amount's clause is its source
    for anc in [root, *root.ancestors]:
        for child in anc.children:
            if child.dep_ == "nsubj":
                name = _strip_name(syntax.name_of(child).text)
                if _is_outlet_name(name) and child.lower_ not in OUTLET_WORDS:
                    out.append(_source_at(name, child, base))
    return _clean_sources(ctx, out)


def _source_of(
    ctx: _DocContext, token: Token, rule: str, base: int, subjects: list[Subject]
) -> Source | None:
    low = token.lower_
    if rule == "source.anonymous" or low in ANONYMOUS_SPEAKERS:
        aff = syntax.anonymous_affiliation(token)
        if aff is None:
            if low in ("officials", "official", "analysts", "analyst", "economists"):
                return _source_at(token.text, token, base)  # "Analysts said" -> Analysts
            return None
        token = aff
    org = syntax.spokesperson_org(token)
    if org is not None:
        if org is token or org.lower_ in ("company", "group", "firm"):
            who = subjects[0] if subjects else ctx.topic
            return _source_at(who.name, token, base) if who is not None else None
        token = org
    if subjects and syntax.name_of(token).anaphor == "org":
        subject: Subject | None = subjects[0]  # "X will spend ..., the company said": X
    else:
        subject = _resolve(ctx, token, base)
    return _source_at(subject.name, token, base) if subject is not None else None


def _source_at(name: str, token: Token, base: int) -> Source:
    """A source named `name`, found at `token` of a sentence starting at `base`."""
    return Source(
        name=name, text=token.text, start=token.idx + base, end=token.idx + len(token) + base
    )


def _clean_sources(ctx: _DocContext, sources: Iterable[Source]) -> list[Source]:
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


def _flags(
    root: Token, sent: Span, mention: _Mention, ctx: _DocContext, cue: Token | None
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
        mention.rules.append("tense.future")
    return flags


def _change_pct(text: str, seg: Segment, amount: Amount) -> float | None:
    best: tuple[int, float] | None = None
    for m in _PERCENT_RE.finditer(text, seg.start, seg.end):
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


def _change_records(ctx: _DocContext, read: list[_Mention], date: dt.date | None) -> list[Claim]:
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
        if not _SPEND_WORD_RE.search(sentence):
            continue
        for m in _PERCENT_RE.finditer(sentence):
            sign = _change_sign(sentence, m.start(), m.end())
            if sign == 0 or not _near_spend_word(sdoc, m.start(), m.end()):
                continue
            pct = sign * float(m["num"])
            span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
            subject: Subject | None = None
            sources: list[Source] = []
            if span is not None:
                tokens, _ = syntax.find_subject(span.root, {t.i for t in span})
                resolved = [_resolve(ctx, t, seg.start) for t in tokens]
                subject = next((s for s in resolved if s is not None), None)
                sources = _sources(
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
            period = _period_model(periods[0]) if periods else None
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
                    rules=("change.percent_of_spending",),
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


# -- merging mentions into claims ----------------------------------------------------


def _inherit_context(read: list[_Mention]) -> None:
    """An amount with no cue at all after a spending amount in the same paragraph
    ("Google and Amazon each topped $50B" after "Microsoft allocated $55.7B") is spending.
    """
    for prev, cur in zip(read, read[1:], strict=False):
        if (
            cur.decision == "none"
            and prev.decision == "spend"
            and cur.sent_idx - prev.sent_idx <= 1
            and (cur.subjects or "amount.change_target" in cur.rules)
            and cur.amount.currency == prev.amount.currency
            and "table.row" not in cur.rules
        ):
            cur.decision = "spend"
            cur.rules.append("spending.context")


def _carry_periods(read: list[_Mention]) -> None:
    """Years the sentence leaves implicit, from the story around it.

    A planned figure with no year of its own continues the year of the planned figure
    one or two sentences before; the base of a comparison ("to 94.9 billion yen from
    64 billion") is the year before the figure it is compared with.
    """
    last: _Mention | None = None
    for m in read:
        if m.decision != "spend" or "amount.comparison_base" in m.rules:
            continue
        if "planned" not in m.flags or "tense.future" not in m.rules:
            last = None
            continue
        if (
            m.period is None
            and last is not None
            and last.period is not None
            and last.period.year is not None
            and m.sent_idx - last.sent_idx <= 2
        ):
            m.period = last.period
            m.rules.append("period.carried")
        if m.period is not None:
            last = m
    for prev, cur in zip(read, read[1:], strict=False):
        if (
            cur.period is None
            and "amount.comparison_base" in cur.rules
            and prev.sent_idx == cur.sent_idx
            and prev.period is not None
            and prev.period.year is not None
            and "amount.comparison_base" not in prev.rules
        ):
            cur.period = Period(year=prev.period.year - 1, text=None)
            cur.rules.append("period.comparison_base")


def _same_value(a: Amount, b: Amount) -> bool:
    if a.currency != b.currency:
        return False
    if a.value is not None and b.value is not None:
        return abs(a.value - b.value) <= 0.005 * max(a.value, b.value)
    return a.min == b.min and a.max == b.max


def _matches(claim: _Claim, mention: _Mention, *, any_subject: bool = False) -> bool:
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


def _merge(read: list[_Mention], topic: Subject | None) -> list[_Claim]:
    claims: list[_Claim] = []
    # Body sentences first: a headline in capitals restates a body figure with a rougher
    # name ("SINGAPORE TO SPEND ..."), so it joins the body's claim whatever it names.
    ordered = sorted(read, key=lambda m: "sentence.headline" in m.rules)
    for mention in ordered:
        if mention.decision != "spend":
            continue
        headline = "sentence.headline" in mention.rules
        target = next((c for c in claims if _matches(c, mention, any_subject=headline)), None)
        if target is not None:
            target.mentions.append(mention)
            if "sentence.headline" in target.mentions[0].rules and len(mention.subjects) == 1:
                target.subject = mention.subjects[0]  # a name from the body beats the headline's
            continue
        subjects: list[Subject | None] = list(mention.subjects) or [None]
        for part, subject in enumerate(subjects):
            claims.append(_Claim(mentions=[mention], subject=subject, split_index=part))
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
            and 0 <= gap <= 1
            and cur.mentions[0].subject_rule != "subject.recipient_only"
        ):
            cur.subject = prev.subject
            cur.mentions[0].subject_rule = "subject.previous_claim"
    for claim in claims:
        if (
            claim.subject is None
            and topic is not None
            and claim.mentions[0].subject_rule != "subject.recipient_only"
        ):
            claim.subject = topic
            claim.mentions[0].subject_rule = "subject.topic"
    return claims


def _add_disputes(ctx: _DocContext, claims: list[_Claim]) -> None:
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
        key = _short_key(claim.subject.name)
        if any(key in d for d in denials):
            for m in claim.mentions:
                if not any(s.name.lower() == claim.subject.name.lower() for s in m.sources):
                    m.flags.add("disputed")
                    break


def _to_claim(ctx: _DocContext, claim: _Claim) -> Claim:
    first = claim.mentions[0]
    text = ctx.doc.text
    subject = claim.subject
    rules = list(first.rules)
    if subject is not None:
        rules.append(first.subject_rule)
    period = next((m.period for m in claim.mentions if m.period is not None), None)
    if period is not None:
        rules.append("period.sentence" if "period.table_header" not in rules else "")
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
    confidence = _confidence(rules, subject is not None, period is not None)
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
        sources=tuple(_clean_sources(ctx, sources)),
        evidence=tuple(evidence),
        flags=tuple(sorted(f for f in _FLAGS if f in flags)),
        confidence=confidence,
        rules=tuple(r for r in dict.fromkeys(rules) if r),
    )


_FLAGS: frozenset[Flag] = frozenset(("planned", "actual", "reported", "disputed"))


def _confidence(rules: list[str], has_subject: bool, has_period: bool) -> float:
    score = 0.35
    if any(
        r.startswith(("spending.own_noun", "spending.cue.d1", "spending.cue.d2")) for r in rules
    ):
        score += 0.3
    elif any(r.startswith(("spending.cue", "spending.table_header")) for r in rules):
        score += 0.2
    elif "spending.context" in rules:
        score += 0.05
    if has_subject and "subject.topic" not in rules:
        score += 0.2
    elif has_subject:
        score += 0.05
    if has_period:
        score += 0.1
    return round(min(score, 1.0), 2)


def _sentence_of(starts: list[int], pos: int) -> int:
    """Index of the sentence holding character `pos` (the last one starting at or before it)."""
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return max(lo - 1, 0)
