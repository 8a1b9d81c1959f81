"""The working state of the linker for one document, shared by its modules.

`Plan` (what to parse), `Mention` (one amount read in its sentence), `ClaimDraft` (the
mentions of one fact), `DocContext` (what the whole document offers: parses, names, topic).
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field, replace
from typing import Any, Literal, NamedTuple

from spacy.tokens import Doc as SpacyDoc

from models import Amount, Document, Period, Source, Subject
from pipeline.link.rules import RuleId
from pipeline.text.periods import PeriodMention
from pipeline.text.sentences import Segment


class EntMention(NamedTuple):
    """An organisation or person named in the text; `is_subject` when it heads a clause."""

    start: int
    end: int
    name: str
    label: str
    is_subject: bool = False
    is_speaker: bool = False  # the subject of a verb of saying ("X said")


@dataclass(frozen=True)
class Plan:
    """What one document needs: its amounts, its sentences, which to parse."""

    amounts: tuple[Amount, ...]
    sentences: tuple[Segment, ...]
    to_parse: tuple[int, ...]  # indices into `sentences`
    texts: tuple[str, ...]  # parse views of the sentences to parse, in that order


@dataclass(frozen=True)
class Mention:
    """One amount read in its sentence, before mentions of one fact are merged.

    Frozen: every pass returns new mentions (`but`). Control flow reads the typed fields;
    `rules` is the explanation a claim carries, never consulted to decide.
    """

    amount: Amount
    sent_idx: int
    equivalents: tuple[Amount, ...] = ()
    decision: Literal["spend", "not", "none"] = "none"
    subjects: tuple[Subject, ...] = ()
    subject_rule: RuleId = RuleId.SUBJECT_NONE
    period: Period | None = None
    sources: tuple[Source, ...] = ()
    item: str | None = None
    flags: frozenset[str] = frozenset()
    rules: tuple[RuleId, ...] = ()
    change_pct: float | None = None
    cue_distance: int = 0  # tree edges from the amount to the cue that decided it
    cue_word: str | None = None  # the word that decided, lower case ("budget", "spend")
    decision_rule: RuleId = RuleId.NO_CUE  # the rule that made `decision`
    is_headline: bool = False  # the sentence is a headline in capitals
    is_comparison_base: bool = False  # "from 64 billion", "than $2bn"
    is_change_target: bool = False  # "a further increase to 1.52 bln stg"
    is_table_row: bool = False
    is_bullet: bool = False  # the sentence is a list item ("- $7,500 to Stand For Children")
    is_future: bool = False  # "will spend", "plans to invest"
    period_rule: RuleId | None = None  # how the period was found, when not in the sentence

    def but(self, *, rule: RuleId | None = None, **changes: Any) -> Mention:
        """A copy with `changes`; `rule` is appended to the explanation. A new decision
        drops the explanation of the decision it replaces."""
        explicit = "rules" in changes
        rules: tuple[RuleId, ...] = changes.pop("rules", self.rules)
        if "decision" in changes and "decision_rule" in changes and not explicit:
            rules = tuple(r for r in rules if r != self.decision_rule)
        if rule is not None:
            rules = (*rules, rule)
        return replace(self, rules=rules, **changes)


@dataclass
class ClaimDraft:
    mentions: list[Mention] = field(default_factory=list)
    subject: Subject | None = None
    split_index: int = 0


@dataclass(frozen=True)
class DocContext:
    doc: Document
    plan: Plan
    parsed: dict[int, SpacyDoc]
    mentions: tuple[EntMention, ...]
    topic: Subject | None
    publisher: str | None
    april_year: bool  # a Japanese story: fiscal years run April-March
    fiscal_start: int | None = None  # the month the story's fiscal years start in


def make_claim_id(doc_id: str, start: int, end: int, part: int = 0) -> str:
    """A claim id that is stable across runs: from the doc id and the amount's offsets.

    >>> make_claim_id("a.txt", 0, 3) == make_claim_id("a.txt", 0, 3)
    True
    >>> make_claim_id("a.txt", 0, 3) == make_claim_id("a.txt", 0, 3, part=1)
    False
    """
    key = f"{doc_id}:{start}:{end}" + (f":{part}" if part else "")
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def period_model(p: PeriodMention) -> Period:
    return Period(year=p.year, text=p.text, start=p.start, end=p.end)


def sentence_of(starts: list[int], pos: int) -> int:
    """Index of the sentence holding character `pos` (the last one starting at or before it).

    >>> sentence_of([0, 10, 20], 10), sentence_of([0, 10, 20], 19), sentence_of([5], 0)
    (1, 1, 0)
    """
    return max(bisect.bisect_right(starts, pos) - 1, 0)
