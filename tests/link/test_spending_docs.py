"""The tree rules of the spending decision on hand-built parses, apart from the parser.

Each row builds a `Doc` by hand the way spaCy's own matcher tests do (`Doc(vocab, words=...,
heads=..., deps=..., pos=...)`, heads as absolute indices), takes the amount's head token
and calls one rule of pipeline/link/spending.py on its `Site`, asserting the verdict's kind
("spend", "not", or None when the rule does not apply). A statistical parser that attaches
a phrase elsewhere cannot make these rows pass or fail.

A token is written `word:POS:dep:head` with an optional `:ENT` label (see `build_doc` in
hand_docs.py); the root's head is its own index. Amount tokens are given by index, the
amount's head token first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import pytest
from hand_docs import build_doc
from spacy.language import Language

from pipeline.link import spending as sp
from pipeline.link.rules import RuleId
from pipeline.link.spending import Site, Verdict


class Row(NamedTuple):
    name: str
    rule: Callable[[Site], Verdict | None]
    tokens: str
    amount: tuple[int, ...]  # the amount's tokens, its head token first
    kind: str | None  # "spend", "not", or None: the rule does not apply
    xfail: str | None = None


def site(nlp: Language, tokens: str, amount: tuple[int, ...]) -> Site:
    doc = build_doc(nlp, tokens)
    return Site(doc[amount[0]], frozenset(amount), frozenset())


# "The company reported a 1.2 billion dlr NOUN in sales."
def _reported(noun: str) -> str:
    return (
        "The:DET:det:1 company:NOUN:nsubj:2 reported:VERB:ROOT:2 a:DET:det:7 "
        f"1.2:NUM:compound:5 billion:NUM:nummod:7 dlr:NOUN:compound:7 {noun}:NOUN:dobj:2 "
        "in:ADP:prep:7 sales:NOUN:pobj:8 .:PUNCT:punct:2"
    )


# "Tesla plans $7B of NOUN."
def _of(noun: str) -> str:
    return (
        "Tesla:PROPN:nsubj:1:ORG plans:VERB:ROOT:1 $:SYM:nmod:3 7B:NUM:dobj:1 of:ADP:prep:3 "
        f"{noun}:NOUN:pobj:4 .:PUNCT:punct:1"
    )


# "Acme agreed to VERB Kidde Inc in a deal valued at 1.7 billion dlrs."
def _deal_valued(verb: str) -> str:
    return (
        "Acme:PROPN:nsubj:1:ORG agreed:VERB:ROOT:1 to:PART:aux:3 "
        f"{verb}:VERB:xcomp:1 Kidde:PROPN:compound:5:ORG Inc:PROPN:dobj:3:ORG in:ADP:prep:3 "
        "a:DET:det:8 deal:NOUN:pobj:6 valued:VERB:acl:8 at:ADP:prep:9 1.7:NUM:compound:12 "
        "billion:NUM:nummod:13 dlrs:NOUN:pobj:10 .:PUNCT:punct:1"
    )


# "Northwind signed a MODIFIER deal worth $2bn."
def _deal_worth(modifier: str) -> str:
    return (
        "Northwind:PROPN:nsubj:1:ORG signed:VERB:ROOT:1 a:DET:det:4 "
        f"{modifier}:NOUN:compound:4 deal:NOUN:dobj:1 worth:ADJ:amod:4 $:SYM:nmod:7 "
        "2bn:NUM:npadvmod:5 .:PUNCT:punct:1"
    )


# "Cobalt Rail will spend 30 mln dlrs AFTER..." (the words after the amount decide)
def _spend_then(after: str) -> str:
    words = after.split()
    tail = " ".join(f"{w}:{pos}:{dep}:{head}" for w, pos, dep, head in _AFTER[after])
    assert len(words) == len(_AFTER[after])
    return (
        "Cobalt:PROPN:compound:1:ORG Rail:PROPN:nsubj:3:ORG will:AUX:aux:3 spend:VERB:ROOT:3 "
        f"30:NUM:nummod:6 mln:NOUN:compound:6 dlrs:NOUN:dobj:3 {tail} .:PUNCT:punct:3"
    )


_AFTER: dict[str, list[tuple[str, str, str, int]]] = {
    "each on new lines": [
        ("each", "PRON", "npadvmod", 3),
        ("on", "ADP", "prep", 3),
        ("new", "ADJ", "amod", 10),
        ("lines", "NOUN", "pobj", 8),
    ],
    "on new lines": [
        ("on", "ADP", "prep", 3),
        ("new", "ADJ", "amod", 9),
        ("lines", "NOUN", "pobj", 7),
    ],
    "a share": [("a", "DET", "det", 8), ("share", "NOUN", "npadvmod", 6)],
    "a year": [("a", "DET", "det", 8), ("year", "NOUN", "npadvmod", 6)],
    "more than planned": [
        ("more", "ADJ", "advmod", 3),
        ("than", "SCONJ", "mark", 9),
        ("planned", "VERB", "advcl", 7),
    ],
    "below the target": [
        ("below", "ADP", "prep", 3),
        ("the", "DET", "det", 9),
        ("target", "NOUN", "pobj", 7),
    ],
    "under the program": [
        ("under", "ADP", "prep", 3),
        ("the", "DET", "det", 9),
        ("program", "NOUN", "pobj", 7),
    ],
}
SPEND_AMOUNT = (6, 4, 5)  # "30 mln dlrs" in `_spend_then`


# "SUBJECT will VERB 1 billion euros from PAYER."
def _get_from(payer: str) -> str:
    if payer == "bank":
        payer_tokens = "the:DET:det:10 European:PROPN:compound:10:ORG Bank:PROPN:pobj:7:ORG"
    else:
        payer_tokens = "its:PRON:poss:10 own:ADJ:amod:10 sales:NOUN:pobj:7"
    return (
        "Harbor:PROPN:compound:1:ORG Energy:PROPN:nsubj:3:ORG will:AUX:aux:3 get:VERB:ROOT:3 "
        "1:NUM:compound:5 billion:NUM:nummod:6 euros:NOUN:dobj:3 from:ADP:prep:6 "
        f"{payer_tokens} .:PUNCT:punct:3"
    )


# "The museum will receive $40 million from Arden Holdings, officials said."
MUSEUM = (
    "The:DET:det:1 museum:NOUN:nsubj:3 will:AUX:aux:3 receive:VERB:ccomp:12 $:SYM:quantmod:6 "
    "40:NUM:compound:6 million:NUM:dobj:3 from:ADP:prep:3 Arden:PROPN:compound:9:ORG "
    "Holdings:PROPN:pobj:7:ORG ,:PUNCT:punct:12 officials:NOUN:nsubj:12 said:VERB:ROOT:12 "
    ".:PUNCT:punct:12"
)


# "The foundation gave nearly $5.9 million PREP the campaign."
def _gave(prep: str, dep: str) -> str:
    return (
        "The:DET:det:1 foundation:NOUN:nsubj:2 gave:VERB:ROOT:2 nearly:ADV:advmod:6 "
        f"$:SYM:quantmod:6 5.9:NUM:compound:6 million:NUM:dobj:2 {prep}:ADP:{dep}:2 "
        "the:DET:det:9 campaign:NOUN:pobj:7 .:PUNCT:punct:2"
    )


# "Traders sold about 300 mln dlrs ..." and "The army bought 100 mln dlrs of drones."
TRADERS = (
    "Traders:NOUN:nsubj:1 sold:VERB:ROOT:1 about:ADV:advmod:3 300:NUM:nummod:5 "
    "mln:NOUN:compound:5 dlrs:NOUN:dobj:1 in:ADP:prep:1 Tokyo:PROPN:pobj:6:GPE .:PUNCT:punct:1"
)
ARMY = (
    "The:DET:det:1 army:NOUN:nsubj:2 bought:VERB:ROOT:2 100:NUM:nummod:5 mln:NOUN:compound:5 "
    "dlrs:NOUN:dobj:2 of:ADP:prep:5 drones:NOUN:pobj:6 .:PUNCT:punct:2"
)


# "The government announced £2.5bn PREP new research."
def _announced(prep: str) -> str:
    return (
        "The:DET:det:1 government:NOUN:nsubj:2 announced:VERB:ROOT:2 £:SYM:nmod:4 "
        f"2.5bn:NUM:dobj:2 {prep}:ADP:prep:2 new:ADJ:amod:7 research:NOUN:pobj:5 .:PUNCT:punct:2"
    )


# "The Treasury cut spending PREP 2 billion dlrs."
def _cut(prep: str) -> str:
    return (
        "The:DET:det:1 Treasury:PROPN:nsubj:2:ORG cut:VERB:ROOT:2 spending:NOUN:dobj:2 "
        f"{prep}:ADP:prep:2 2:NUM:compound:6 billion:NUM:nummod:7 dlrs:NOUN:pobj:4 "
        ".:PUNCT:punct:2"
    )


def _rose(before: str) -> str:
    """ "Spending rose 3.6 billion dlrs ." and "Spending rose to 3.6 billion dlrs ." """
    if before:
        return (
            "Spending:NOUN:nsubj:1 rose:VERB:ROOT:1 to:ADP:prep:1 3.6:NUM:compound:4 "
            "billion:NUM:nummod:5 dlrs:NOUN:pobj:2 .:PUNCT:punct:1"
        )
    return (
        "Spending:NOUN:nsubj:1 rose:VERB:ROOT:1 3.6:NUM:compound:3 billion:NUM:nummod:4 "
        "dlrs:NOUN:dobj:1 .:PUNCT:punct:1"
    )


# "Acme raised 200 mln dlrs ."
RAISED_PLAIN = (
    "Acme:PROPN:nsubj:1:ORG raised:VERB:ROOT:1 200:NUM:nummod:4 mln:NOUN:compound:4 "
    "dlrs:NOUN:dobj:1 .:PUNCT:punct:1"
)


# "Acme raised 200 mln dlrs in a round led by Sequoia Capital and Accel."
ROUND_LED = (
    "Acme:PROPN:nsubj:1:ORG raised:VERB:ROOT:1 200:NUM:nummod:4 mln:NOUN:compound:4 "
    "dlrs:NOUN:dobj:1 in:ADP:prep:1 a:DET:det:7 round:NOUN:pobj:5 led:VERB:acl:7 "
    "by:ADP:agent:8 Sequoia:PROPN:compound:11:ORG Capital:PROPN:pobj:9:ORG and:CCONJ:cc:11 "
    "Accel:PROPN:conj:11:ORG .:PUNCT:punct:1"
)
# "Acme raised 200 mln dlrs in a round."
ROUND_UNNAMED = (
    "Acme:PROPN:nsubj:1:ORG raised:VERB:ROOT:1 200:NUM:nummod:4 mln:NOUN:compound:4 "
    "dlrs:NOUN:dobj:1 in:ADP:prep:1 a:DET:det:7 round:NOUN:pobj:5 .:PUNCT:punct:1"
)


# "Acme will VERB 2 bln dlrs." (one cue word beside the amount)
def _verb(verb: str) -> str:
    return (
        f"Acme:PROPN:nsubj:2:ORG will:AUX:aux:2 {verb}:VERB:ROOT:2 2:NUM:compound:4 "
        "bln:NUM:nummod:5 dlrs:NOUN:dobj:2 .:PUNCT:punct:2"
    )


# "The loan will let Acme spend 2 bln dlrs." (spend at 1 edge, loan at 3)
LOAN_LETS_SPEND = (
    "The:DET:det:1 loan:NOUN:nsubj:3 will:AUX:aux:3 let:VERB:ROOT:3 Acme:PROPN:nsubj:5:ORG "
    "spend:VERB:ccomp:3 2:NUM:compound:7 bln:NUM:nummod:8 dlrs:NOUN:dobj:5 .:PUNCT:punct:3"
)


# "Spending analysts VERB Acme holds 2 bln dlrs.": a verb of saying stops the walk from
# the amount, so "spending" on the far side of "said" is no cue; across "show" it is one.
def _holds(verb: str) -> str:
    return (
        f"Spending:NOUN:compound:1 analysts:NOUN:nsubj:2 {verb}:VERB:ROOT:2 "
        "Acme:PROPN:nsubj:4:ORG holds:VERB:ccomp:2 2:NUM:compound:6 bln:NUM:nummod:7 "
        "dlrs:NOUN:dobj:4 .:PUNCT:punct:2"
    )


# "Helios agreed to VERB startup Wiz for about $23 billion", parsed astray as the small
# model sometimes does: the verb an auxiliary, "startup" the verb, "for" under it.
def _astray(verb: str) -> str:
    return (
        "Helios:PROPN:nsubj:1:ORG agreed:VERB:ROOT:1 to:PART:aux:3 "
        f"{verb}:AUX:aux:4 startup:VERB:xcomp:1 Wiz:PROPN:dobj:4:ORG for:ADP:prep:4 "
        "about:ADV:advmod:10 $:SYM:quantmod:10 23:NUM:compound:10 billion:NUM:pobj:6 "
        ".:PUNCT:punct:1"
    )


# "Editas, with $43 million from PAYER, is hiring chemists." (PAYER: two tokens)
def _with_from(payer: str) -> str:
    return (
        "Editas:PROPN:nsubj:11:ORG ,:PUNCT:punct:0 with:ADP:prep:0 $:SYM:quantmod:5 "
        f"43:NUM:compound:5 million:NUM:pobj:2 from:ADP:prep:5 {payer} ,:PUNCT:punct:0 "
        "is:AUX:aux:11 hiring:VERB:ROOT:11 chemists:NOUN:dobj:11 .:PUNCT:punct:11"
    )


SEQUOIA = "Sequoia:PROPN:compound:8:ORG Capital:PROPN:pobj:6:ORG"
THE_BANK = "the:DET:det:8 bank:NOUN:pobj:6"


REPORTED = (5, 4, 6)  # "1.2 billion dlr" in `_reported`
DEAL_VALUED = (13, 11, 12)
ROWS = [
    # what the amount itself describes
    Row("rise_is_a_change", sp.own_noun_is_change, _reported("rise"), REPORTED, "not"),
    Row("order_is_no_change", sp.own_noun_is_change, _reported("order"), REPORTED, None),
    Row("credit_is_not_spending", sp.own_noun_not_spending, _reported("credit"), REPORTED, "not"),
    Row(
        "order_is_not_named_not_spending",
        sp.own_noun_not_spending,
        _reported("order"),
        REPORTED,
        None,
    ),
    Row("bonds_of_amount_not_spending", sp.own_noun_not_spending, _of("bonds"), (3, 2), "not"),
    Row("order_is_spending", sp.own_noun_spending, _reported("order"), REPORTED, "spend"),
    Row("capex_of_amount_spending", sp.own_noun_spending, _of("capex"), (3, 2), "spend"),
    Row("credit_is_not_named_spending", sp.own_noun_spending, _reported("credit"), REPORTED, None),
    Row("bonds_are_not_named_spending", sp.own_noun_spending, _of("bonds"), (3, 2), None),
    # fixed constructions
    Row("deal_valued_under_buy", sp.value_of_deal, _deal_valued("buy"), DEAL_VALUED, "spend"),
    Row("deal_valued_under_study", sp.value_of_deal, _deal_valued("study"), DEAL_VALUED, None),
    Row("supply_deal_worth", sp.value_of_deal, _deal_worth("supply"), (7, 6), "spend"),
    Row("research_deal_worth", sp.value_of_deal, _deal_worth("research"), (7, 6), None),
    Row("each_after_amount", sp.per_unit, _spend_then("each on new lines"), SPEND_AMOUNT, "not"),
    Row("a_share_after_amount", sp.per_unit, _spend_then("a share"), SPEND_AMOUNT, "not"),
    Row("a_year_is_a_rate_not_a_unit", sp.per_unit, _spend_then("a year"), SPEND_AMOUNT, None),
    Row("purpose_after_amount", sp.per_unit, _spend_then("on new lines"), SPEND_AMOUNT, None),
    Row("more_than_planned", sp.difference, _spend_then("more than planned"), SPEND_AMOUNT, "not"),
    Row("below_the_target", sp.difference, _spend_then("below the target"), SPEND_AMOUNT, "not"),
    Row(
        "under_a_program_is_no_comparison",
        sp.difference,
        _spend_then("under the program"),
        SPEND_AMOUNT,
        None,
    ),
    Row("purpose_is_no_difference", sp.difference, _spend_then("on new lines"), SPEND_AMOUNT, None),
    Row("get_from_named_bank", sp.received_from, _get_from("bank"), (6, 4, 5), "spend"),
    Row("get_from_own_sales", sp.received_from, _get_from("sales"), (6, 4, 5), None),
    Row(
        "receive_from_payer_under_said",
        sp.received_from,
        MUSEUM,
        (6, 4, 5),
        "spend",
    ),
    Row("gave_toward", sp.money_given, _gave("toward", "prep"), (6, 3, 4, 5), "spend"),
    Row("gave_to", sp.money_given, _gave("to", "dative"), (6, 3, 4, 5), "spend"),
    Row("gave_during", sp.money_given, _gave("during", "prep"), (6, 3, 4, 5), None),
    Row("money_sold", sp.money_traded, TRADERS, (5, 2, 3, 4), "not"),
    Row("goods_bought", sp.money_traded, ARMY, (5, 3, 4), None),
    Row("announced_for", sp.announced_for, _announced("for"), (4, 3), "spend"),
    Row("announced_in", sp.announced_for, _announced("in"), (4, 3), None),
    Row("cut_by", sp.change_by, _cut("by"), (7, 5, 6), "not"),
    Row("cut_to", sp.change_by, _cut("to"), (7, 5, 6), None),
    Row("rose_by_an_amount", sp.change_amount, _rose(""), (4, 2, 3), "not"),
    Row("raised_with_no_investor", sp.funds_raised, RAISED_PLAIN, (4, 2, 3), "not"),
    Row("not_a_raise", sp.funds_raised, _rose(""), (4, 2, 3), None),
    Row("rose_to_a_level", sp.change_amount, _rose("to"), (5, 3, 4), None),
    Row("round_led_by_investors", sp.funding_round, ROUND_LED, (4, 2, 3), "spend"),
    Row("round_with_no_investor", sp.funding_round, ROUND_UNNAMED, (4, 2, 3), None),
    Row("money_from_named_payer", sp.money_from_payer, _with_from(SEQUOIA), (5, 3, 4), "spend"),
    Row("money_from_a_common_noun", sp.money_from_payer, _with_from(THE_BANK), (5, 3, 4), None),
    Row("acquire_before_for", sp.acquire_for, _astray("acquire"), (10, 7, 8, 9), "spend"),
    Row("merge_before_for", sp.acquire_for, _astray("merge"), (10, 7, 8, 9), None),
    # the nearest cue in the tree
    Row("spend_beside_amount", sp.nearest_spend_cue, _verb("spend"), (5, 3, 4), "spend"),
    Row("borrow_beside_amount_no_spend", sp.nearest_spend_cue, _verb("borrow"), (5, 3, 4), None),
    Row("borrow_beside_amount", sp.nearest_not_cue, _verb("borrow"), (5, 3, 4), "not"),
    Row("spend_beside_amount_no_not", sp.nearest_not_cue, _verb("spend"), (5, 3, 4), None),
    Row("nearer_spend_beats_far_loan", sp.nearest_spend_cue, LOAN_LETS_SPEND, (8, 6, 7), "spend"),
    Row("far_loan_is_still_a_not_cue", sp.nearest_not_cue, LOAN_LETS_SPEND, (8, 6, 7), "not"),
    Row("no_cue_across_said", sp.nearest_spend_cue, _holds("said"), (7, 5, 6), None),
    Row("cue_across_show", sp.nearest_spend_cue, _holds("show"), (7, 5, 6), "spend"),
]

# The whole registry on some of the same parses: the first rule that applies decides.
DECIDED = [
    ("change_noun_first", _reported("rise"), REPORTED, "not", RuleId.NOT_DELTA),
    ("investors_before_raise_cue", ROUND_LED, (4, 2, 3), "spend", RuleId.SPEND_FUNDING_ROUND),
    ("raise_without_investors", ROUND_UNNAMED, (4, 2, 3), "not", RuleId.NOT_FUNDS_RAISED),
    (
        "per_unit_before_spend_cue",
        _spend_then("each on new lines"),
        SPEND_AMOUNT,
        "not",
        RuleId.NOT_PER_UNIT,
    ),
    ("spend_cue", _spend_then("on new lines"), SPEND_AMOUNT, "spend", RuleId.SPEND_CUE),
    ("goods_bought_is_a_purchase", ARMY, (5, 3, 4), "spend", RuleId.SPEND_CUE),
    ("money_sold", TRADERS, (5, 2, 3, 4), "not", RuleId.NOT_MONEY_TRADED),
    ("nothing_applies", _gave("during", "prep"), (6, 3, 4, 5), "none", RuleId.NO_CUE),
]


def _params() -> list[object]:
    return [
        pytest.param(
            row,
            id=row.name,
            marks=[pytest.mark.xfail(reason=row.xfail, strict=True)] if row.xfail else [],
        )
        for row in ROWS
    ]


@pytest.mark.parametrize("row", _params())
def test_tree_rule_on_hand_built_doc(row: Row, blank_nlp: Language) -> None:
    verdict = row.rule(site(blank_nlp, row.tokens, row.amount))
    assert (verdict.kind if verdict is not None else None) == row.kind


@pytest.mark.parametrize(
    ("tokens", "amount", "kind", "rule"),
    [pytest.param(*case[1:], id=case[0]) for case in DECIDED],
)
def test_registry_order_on_hand_built_doc(
    tokens: str, amount: tuple[int, ...], kind: str, rule: RuleId, blank_nlp: Language
) -> None:
    decision = sp.decide_spending(site(blank_nlp, tokens, amount))
    assert (decision.kind, decision.rule) == (kind, rule)


def test_every_tree_rule_has_rows() -> None:
    """Each rule of the registry has a hand-built row where it applies and one where not."""
    applies = {row.rule for row in ROWS if row.kind is not None and row.xfail is None}
    declines = {row.rule for row in ROWS if row.kind is None}
    registry = {rule.check for rule in sp.SPENDING_RULES}
    assert registry - applies == set()
    assert registry - declines == set()
