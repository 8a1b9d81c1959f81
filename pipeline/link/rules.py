"""Rule ids and the registry every linker decision is made with.

A decision (spending or not, the subject, ...) is an ordered tuple of `Rule`s: small named
functions that return a verdict or None ("does not apply"). The order is the precedence,
the way Duckling lists its rules and price-parser its patterns: `decide` runs them in
order and the first verdict wins, together with the id of the rule that gave it. The ids
are what a claim's `rules` field lists, so that an analyst sees why a claim exists; they
never drive control flow elsewhere (typed fields on `Mention` do).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar


class RuleId(StrEnum):
    """Every rule the linker can name on a claim."""

    # spending or not (pipeline/link/spending.py)
    SPEND_OWN_NOUN = "spending.own_noun"
    SPEND_VALUE_OF_DEAL = "spending.value_of_deal"
    SPEND_RECEIVED_FROM = "spending.received_from"
    SPEND_ALLOCATED_TO = "spending.allocated_to"
    SPEND_ANNOUNCED_FOR = "spending.announced_for"
    SPEND_FUNDING_ROUND = "spending.funding_round"
    SPEND_GIVEN = "spending.given"
    SPEND_FROM_PAYER = "spending.from_payer"
    SPEND_CUE = "spending.cue"
    SPEND_ACQUIRE_FOR = "spending.acquire_for"
    SPEND_SERIES = "spending.series"
    SPEND_COMPARISON_BASE = "spending.comparison_base"
    SPEND_CONTEXT = "spending.context"
    SPEND_LIST_ITEM = "spending.list_item"
    SPEND_TABLE_HEADER = "spending.table_header"
    NOT_FUNDS_RAISED = "spending.not.funds_raised"
    NOT_COMPARED_WITH_NOT = "spending.not.compared_with_not"
    NOT_DELTA = "spending.not.delta"
    NOT_OWN_NOUN = "spending.not.own_noun"
    NOT_PER_UNIT = "spending.not.per_unit"
    NOT_DIFFERENCE = "spending.not.difference"
    NOT_MONEY_TRADED = "spending.not.money_traded"
    NOT_CHANGE_BY = "spending.not.change_by"
    NOT_CHANGE_AMOUNT = "spending.not.change_amount"
    NOT_CUE = "spending.not.cue"
    NOT_SMALL_AMOUNT = "spending.not.small_amount"
    NOT_CENTRAL_BANK = "spending.not.central_bank"
    NO_CUE = "spending.none"
    # subject (pipeline/link/subject.py, resolve.py, merge.py)
    SUBJECT_NSUBJ = "subject.nsubj"
    SUBJECT_PASSIVE_AGENT = "subject.passive_agent"
    SUBJECT_OBJECT_CONTROL = "subject.object_control"
    SUBJECT_OWNER_OF_NOUN = "subject.owner_of_noun"
    SUBJECT_OWNER_OF_SUBJECT_NOUN = "subject.owner_of_subject_noun"
    SUBJECT_CLAUSAL = "subject.clausal"
    SUBJECT_NOT_A_SPENDER = "subject.not_a_spender"
    SUBJECT_BUYER_OF_SALE = "subject.buyer_of_sale"
    SUBJECT_PAYER_OF_RECIPIENT = "subject.payer_of_recipient"
    SUBJECT_RECIPIENT_ONLY = "subject.recipient_only"
    SUBJECT_PARENT_OF_UNIT = "subject.parent_of_unit"
    SUBJECT_DEFINITE_DESCRIPTION = "subject.definite_description"
    SUBJECT_DEFINITE_OWN_NOUN = "subject.definite_own_noun"
    SUBJECT_NOT_AN_ACTOR = "subject.not_an_actor"
    SUBJECT_INVESTORS = "subject.investors"
    SUBJECT_PAYER = "subject.payer"
    SUBJECT_BUDGET_HOLDER = "subject.budget_holder"
    SUBJECT_TABLE_LABEL = "subject.table_label"
    SUBJECT_PREVIOUS_CLAIM = "subject.previous_claim"
    SUBJECT_SERIES = "subject.series"
    SUBJECT_TOPIC = "subject.topic"
    SUBJECT_NONE = "subject.none"
    # sources (pipeline/link/sources.py)
    SOURCE_SPEAKER = "source.speaker"
    SOURCE_ACCORDING_TO = "source.according_to"
    SOURCE_REPORTED_BY = "source.reported_by"
    SOURCE_ANONYMOUS = "source.anonymous"
    SOURCE_TOLD_OUTLET = "source.told_outlet"
    SOURCE_LEFT_OF_VERB = "source.left_of_verb"
    # periods (pipeline/link/period.py, merge.py)
    PERIOD_SENTENCE = "period.sentence"
    PERIOD_SHARED = "period.shared"
    PERIOD_CARRIED = "period.carried"
    PERIOD_BUDGET = "period.budget"
    PERIOD_COMPARISON_BASE = "period.comparison_base"
    PERIOD_AFTER_BASE = "period.after_base"
    PERIOD_TABLE_HEADER = "period.table_header"
    # what the sentence is
    TABLE_ROW = "table.row"
    SENTENCE_HEADLINE = "sentence.headline"
    SENTENCE_BULLET = "sentence.bullet"
    AMOUNT_COMPARISON_BASE = "amount.comparison_base"
    AMOUNT_CHANGE_TARGET = "amount.change_target"
    TENSE_FUTURE = "tense.future"
    CHANGE_PERCENT = "change.percent_of_spending"


In = TypeVar("In")
Out = TypeVar("Out")


@dataclass(frozen=True)
class Rule(Generic[In, Out]):
    """One named rule of a decision: `check` gives a verdict, or None when it does not apply."""

    id: RuleId
    check: Callable[[In], Out | None]


def decide(rules: Sequence[Rule[In, Out]], subject: In) -> tuple[Out, RuleId] | None:
    """Run `rules` in order; the first verdict wins.

    rules (Sequence[Rule]): The decision's registry, in precedence order.
    subject: What the rules look at.
    RETURNS (tuple | None): The verdict and the id of the rule that gave it.

    >>> r = (Rule(RuleId.NOT_PER_UNIT, lambda x: None), Rule(RuleId.SPEND_CUE, lambda x: x * 2))
    >>> decide(r, 2)
    (4, <RuleId.SPEND_CUE: 'spending.cue'>)
    """
    for rule in rules:
        verdict = rule.check(subject)
        if verdict is not None:
            return verdict, rule.id
    return None
