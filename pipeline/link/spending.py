"""Is an amount spending? One decision, made by an ordered registry of named rules.

Each rule looks at the amount in its parsed sentence (`Site`) and returns a `Verdict`
("spend" or "not", with the token that decided) or None when it does not apply. The order
of `SPENDING_RULES` is the precedence: what the amount itself describes ("a 60 mln franc
loss", "$7B of capex") first, then fixed constructions ("gets $1.5bn from Y", "a deal worth
$2bn"), then the nearest cue word in the dependency tree.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, NamedTuple

from spacy.tokens import Token

from pipeline.link import lexicon as lx
from pipeline.link import thresholds
from pipeline.link.rules import Rule, RuleId, decide
from pipeline.link.tree import (
    buyer_of_sale,
    buyer_of_supply,
    investors_of,
    of_objects,
    own_noun,
    payer_of,
    payer_of_amount,
    raise_verb,
)

Kind = Literal["spend", "not", "none"]


class Verdict(NamedTuple):
    """What a rule decided, the token that decided it, and how far that token is."""

    kind: Literal["spend", "not"]
    cue: Token | None
    distance: int = 0


class Decision(NamedTuple):
    """The spending decision for one amount and the rule that made it."""

    kind: Kind
    cue: Token | None
    rule: RuleId
    distance: int = 0


@dataclass(frozen=True)
class Site:
    """An amount in its parsed sentence: the head token and the tokens of amounts."""

    root: Token
    amount_ids: frozenset[int]
    other_ids: frozenset[int]

    @cached_property
    def own(self) -> Token | None:
        """The noun the amount describes ("60 mln franc loss", "$7B of capex")."""
        return own_noun(self.root, self.amount_ids)

    @cached_property
    def own_words(self) -> list[Token]:
        """The own noun with its modifiers and "of" objects: what the money is."""
        own = self.own
        if own is None:
            return []
        words = [
            own,
            *(c for c in own.children if c.dep_ in ("compound", "amod") and c.lower_ != "worth"),
        ]
        words += [o for o in of_objects(own) if o.i not in self.amount_ids]
        if own.dep_ == "compound":
            words.append(own.head)  # "a 108 billion dlr budget deficit": the deficit
        return words

    @cached_property
    def after(self) -> list[Token]:
        """The few tokens after the amount ("per share", "a tonne", "more than")."""
        end = max(self.amount_ids) + 1
        return [t for t in self.root.doc[end : end + 3] if not t.is_space]

    @cached_property
    def nearest(self) -> tuple[Verdict | None, Verdict | None]:
        """The nearest spending cue and the nearest not-spending cue in the tree."""
        return _nearest_cues(self)


def decide_spending(site: Site) -> Decision:
    """Decide whether the amount of `site` is spending.

    site (Site): The amount in its parsed sentence.
    RETURNS (Decision): "spend", "not" or "none", with the deciding rule's id.
    """
    found = decide(SPENDING_RULES, site)
    if found is None:
        return Decision("none", None, RuleId.NO_CUE)
    verdict, rule = found
    return Decision(verdict.kind, verdict.cue, rule, verdict.distance)


# -- the rules, in precedence order ---------------------------------------------------


def own_noun_is_change(site: Site) -> Verdict | None:
    """ "a 1.2 bln dlr rise", "an increase of 40 mln": a difference, not an amount spent."""
    own = site.own
    if own is not None and own.lower_ in lx.CHANGE_NOUNS:
        return Verdict("not", own)
    return None


def own_noun_not_spending(site: Site) -> Verdict | None:
    """ "a 114 mln dlr credit", "50 billion yen of bonds": the money is named not spending."""
    hit = next((w for w in site.own_words if w.lower_ in lx.NOT_SPENDING), None)
    return Verdict("not", site.own) if hit is not None else None


def own_noun_spending(site: Site) -> Verdict | None:
    """ "a 720 mln dlr budget", "$7B of capex", "a contract worth $2bn": named spending."""
    spend = lx.SPEND_NOUNS | lx.OWN_ONLY_SPEND_NOUNS
    hit = next((w for w in site.own_words if w.lower_ in spend), None)
    return Verdict("spend", site.own) if hit is not None else None


def funding_round(site: Site) -> Verdict | None:
    """ "raised $1.05bn in a round led by SoftBank", "$200m from investors including Accel".

    A raise is money the subject takes in (not spending) unless investors are named:
    then the investors spend (GUIDELINES.md, funding rounds).
    """
    verb = raise_verb(site.root, site.own)
    if verb is not None and investors_of(verb):
        return Verdict("spend", verb)
    return None


def funds_raised(site: Site) -> Verdict | None:
    """ "Founders Fund has closed $6 billion for its fourth vehicle", "Thrive secured $10
    billion in fresh commitments": money a subject raises, with no investor named, is
    funds raised (GUIDELINES.md: a negative), whatever the clause around it says."""
    verb = raise_verb(site.root, site.own)
    if verb is not None and not investors_of(verb):
        return Verdict("not", verb)
    return None


def value_of_deal(site: Site) -> Verdict | None:
    """ "supply Aero Air with jets in a deal worth $2bn", "agreed to buy X in a deal valued
    at $2bn": the value of an agreement that is a purchase is its price.

    A deal is a purchase when a modifier says so ("a supply deal") or when a verb of
    buying or supplying governs it; otherwise who pays is unknown and nothing is decided.
    """
    deal = site.own
    if deal is None or deal.lower_ not in lx.DEAL_NOUNS:
        return None
    if any(c.lower_ in lx.PURCHASE_MODIFIERS for c in deal.children):
        return Verdict("spend", deal)
    for verb in list(deal.ancestors)[:4]:
        if verb.lower_ in lx.ACQUIRE_VERBS or (
            verb.lower_ in lx.SUPPLY_VERBS and buyer_of_supply(verb) is not None
        ):
            return Verdict("spend", verb)
        if verb.lower_ in lx.REPORT_VERBS:
            break
    return None


def per_unit(site: Site) -> Verdict | None:
    """ "30 mln dlrs each", "2.57 dlrs a share", "$40 per tonne": a unit price."""
    after = site.after
    if not after:
        return None
    first = after[0]
    if first.lower_ in ("per", "apiece", "each"):
        return Verdict("not", first)
    if (
        first.lower_ in ("a", "an")
        and len(after) > 1
        and after[1].pos_ == "NOUN"
        and after[1].lower_ not in lx.TIME_UNITS
    ):
        return Verdict("not", first)
    return None


def difference(site: Site) -> Verdict | None:
    """ "$530 million more than requested", "2 bln below": a difference of two figures."""
    after = site.after
    if after and after[0].lower_ in lx.DIFFERENCE_WORDS:
        return Verdict("not", after[0])
    if after and after[0].lower_ in lx.RELATIVE_WORDS:
        compared = [t for t in after[1:] if t.lower_ not in ("the", "its", "their", "a", "last")]
        if compared and compared[0].lower_ in lx.COMPARED_NOUNS:
            return Verdict("not", after[0])
    return None


def money_given(site: Site) -> Verdict | None:
    """ "which gave nearly $5.9 million toward the campaign", "had given Rs 25 lakh to an
    agent": money given to someone or toward something is paid by the giver."""
    root, head = site.root, site.root.head
    if root.dep_ == "dobj" and head.lower_ in lx.GIVE_VERBS:
        if any(
            c.dep_ in ("prep", "dative") and c.lower_ in ("to", "toward", "towards", "for")
            for c in head.children
        ):
            return Verdict("spend", head)
    return None


def money_from_payer(site: Site) -> Verdict | None:
    """ "With $43 million from venture funds A, B and C, Editas ...": money that comes from
    named investors or organisations, with no other cue, is spent by them."""
    if payer_of_amount(site.root) is not None:
        return Verdict("spend", site.root)
    return None


def received_from(site: Site) -> Verdict | None:
    """ "X gets $1.5bn from Y", "X will receive 1bn euros from the state": Y pays."""
    root, head = site.root, site.root.head
    if root.dep_ == "dobj" and head.lower_ in lx.RECIPIENT_VERBS and payer_of(head) is not None:
        return Verdict("spend", head)
    return None


def money_traded(site: Site) -> Verdict | None:
    """ "the Bundesbank bought about 100 mln dlrs": money bought or sold is a currency deal."""
    root, head = site.root, site.root.head
    if root.dep_ == "dobj" and head.lower_ in lx.TRADE_VERBS and not _goods_of(root):
        return Verdict("not", head)
    return None


def _goods_of(root: Token) -> list[Token]:
    """What money bought is of or in: "$1.2 billion in drones", "50 mln dlrs of bonds"."""
    return [
        pobj
        for prep in root.children
        if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "worth")
        for pobj in prep.children
        if pobj.dep_ == "pobj" and not pobj.like_num
    ]


def announced_for(site: Site) -> Verdict | None:
    """ "the government announced £2.5bn for AI": an announced sum with its purpose."""
    root, head = site.root, site.root.head
    if (
        root.dep_ == "dobj"
        and head.lower_ in lx.ANNOUNCE_VERBS
        and any(
            c.dep_ == "prep" and c.lower_ in ("for", "towards", "toward") for c in head.children
        )
    ):
        return Verdict("spend", head)
    return None


_CHANGES = lx.CHANGE_UP | lx.CHANGE_DOWN | lx.CHANGE_NOUNS | {"reduction", "cut", "increase"}


def change_by(site: Site) -> Verdict | None:
    """ "cut spending by 2 bln", "proposed hiking outlays by 8 bln": the size of a change
    (the change word governs "by", or the noun it attaches to)."""
    root, head = site.root, site.root.head
    if root.dep_ != "pobj" or head.lower_ != "by":
        return None
    for word in (head.head, head.head.head):
        if word.lower_ in _CHANGES:
            return Verdict("not", word)
    return None


def change_amount(site: Site) -> Verdict | None:
    """ "construction spending rose 3.6 billion dlrs, or 1.0 pct": the object of a verb of
    rising or falling is the size of the change, not an amount spent."""
    root, head = site.root, site.root.head
    first = min(site.amount_ids)
    before = root.doc[first - 1].lower_ if first > 0 else ""
    if (
        root.dep_ in ("dobj", "npadvmod")
        and head.lower_ in lx.CHANGE_UP | lx.CHANGE_DOWN
        and head.pos_ == "VERB"
        and head.lower_ not in lx.SPEND_VERBS | lx.RAISE_VERBS  # "raised 200 mln": funds
        and before not in ("to", "at")  # "rise to 1.4 billion stg": the level reached
    ):
        return Verdict("not", head)
    return None


def nearest_spend_cue(site: Site) -> Verdict | None:
    """The nearest spending word in the tree is nearer than any not-spending word."""
    spend, not_spend = site.nearest
    if spend is not None and (not_spend is None or spend.distance < not_spend.distance):
        return spend
    return None


def nearest_not_cue(site: Site) -> Verdict | None:
    """The nearest not-spending word ("revenue", "raised", "loan") decides."""
    return site.nearest[1]


def acquire_for(site: Site) -> Verdict | None:
    """ "to acquire startup Wiz for about $23 billion" parsed astray: the verb before "for"."""
    root = site.root
    if root.head.lower_ != "for":
        return None
    # back from "for" within its clause: a verb of saying, a verb with a subject of its
    # own (another clause), a semicolon or the start of the sentence ends the search
    for tok in reversed(root.doc[: root.head.i]):
        if tok.lower_ in lx.ACQUIRE_VERBS:
            return Verdict("spend", tok)
        if (
            tok.lower_ in lx.REPORT_VERBS
            or tok.is_sent_start
            or tok.text == ";"
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        ):
            break
    return None


SPENDING_RULES: tuple[Rule[Site, Verdict], ...] = (
    Rule(RuleId.SPEND_FUNDING_ROUND, funding_round),
    Rule(RuleId.NOT_FUNDS_RAISED, funds_raised),
    Rule(RuleId.NOT_DELTA, own_noun_is_change),
    Rule(RuleId.NOT_OWN_NOUN, own_noun_not_spending),
    Rule(RuleId.SPEND_OWN_NOUN, own_noun_spending),
    Rule(RuleId.SPEND_VALUE_OF_DEAL, value_of_deal),
    Rule(RuleId.NOT_PER_UNIT, per_unit),
    Rule(RuleId.NOT_DIFFERENCE, difference),
    Rule(RuleId.SPEND_RECEIVED_FROM, received_from),
    Rule(RuleId.SPEND_GIVEN, money_given),
    Rule(RuleId.NOT_MONEY_TRADED, money_traded),
    Rule(RuleId.SPEND_ANNOUNCED_FOR, announced_for),
    Rule(RuleId.NOT_CHANGE_BY, change_by),
    Rule(RuleId.NOT_CHANGE_AMOUNT, change_amount),
    Rule(RuleId.SPEND_CUE, nearest_spend_cue),
    Rule(RuleId.NOT_CUE, nearest_not_cue),
    Rule(RuleId.SPEND_ACQUIRE_FOR, acquire_for),
    Rule(RuleId.SPEND_FROM_PAYER, money_from_payer),
)


def _nearest_cues(site: Site) -> tuple[Verdict | None, Verdict | None]:
    """Breadth-first from the amount, not crossing verbs of saying, comparisons or amounts."""
    root, amount_ids = site.root, site.amount_ids
    seen = {root.i}
    queue: deque[tuple[Token, int]] = deque([(root, 0)])
    best_spend: Verdict | None = None
    best_not: Verdict | None = None
    while queue:
        token, dist = queue.popleft()
        if dist > 0 and token.i not in amount_ids:
            kind = cue_kind(token, amount_ids)
            if kind == "spend" and best_spend is None:
                best_spend = Verdict("spend", token, dist)
            elif kind == "not" and best_not is None:
                best_not = Verdict("not", token, dist)
        if dist >= thresholds.MAX_CUE_DISTANCE or (dist > 0 and token.lower_ in lx.REPORT_VERBS):
            continue
        if dist > 0 and token.lower_ in lx.COMPARISON_WORDS:
            continue  # "small beside U.S. budgets": a comparison, not what the money is
        for nxt in _neighbours(token):
            if nxt.i in seen or nxt.i in site.other_ids:
                continue
            seen.add(nxt.i)
            queue.append((nxt, dist + 1))
    return best_spend, best_not


def _neighbours(token: Token) -> Iterable[Token]:
    if token.dep_ != "ROOT":
        yield token.head
    yield from token.children


def cue_kind(token: Token, amount_ids: frozenset[int] | set[int]) -> str | None:
    """Whether one word, where it stands, marks spending ("spend"), not spending, or neither."""
    low = token.lower_
    as_noun = token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "compound", "attr")
    if (token.pos_ == "VERB" or token.tag_.startswith("VB")) and not as_noun:
        return _verb_cue(token, amount_ids)
    if token.pos_ in ("NOUN", "PROPN", "ADJ") or as_noun:
        if low == "worth":
            # "the company is worth $2bn" values a company; "technology worth 1.5 billion yen"
            # or "a deal worth $2bn" states a price, which the other words decide
            return "not" if token.dep_ == "acomp" else None
        if low in lx.NOT_SPENDING:
            return "not"
        if low in lx.SPEND_NOUNS:
            # "expenditure on GDP", "financing package": the noun's complement decides
            for child in token.children:
                if child.lower_ in ("received", "receive"):
                    return "not"  # "orders received by builders": their sales
                if child.dep_ in ("compound", "amod") and child.lower_ in lx.NOT_SPENDING:
                    return "not"
                if child.dep_ == "prep" and child.lower_ in ("on", "of"):
                    if any(g.lower_ in lx.NOT_SPENDING for g in child.children):
                        return "not"
            return "spend"
    return None


def _verb_cue(token: Token, amount_ids: frozenset[int] | set[int]) -> str | None:
    low = token.lower_
    if low == "set" and any(c.lower_ == "aside" for c in token.children):
        return "spend"
    if low in lx.SELL_VERBS and buyer_of_sale(token) is not None:
        return "spend"  # "sold its unit to Y for $2bn": Y buys
    if low in lx.FLOW_VERBS:
        objects = [c for c in token.children if c.dep_ == "dobj"]
        if objects and all(o.i not in amount_ids for o in objects):
            return None  # "raising its spending to X": the object decides
        return "not"
    if low in lx.SPEND_VERBS:
        # "dividends will be paid", "pay 2.1 mln dlrs in civil penalties": what is paid for
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass") and child.i not in amount_ids:
                if child.lower_ in lx.NOT_PAID_FOR:
                    return "not"
            if child.dep_ == "nsubj" and child.lower_ in lx.NOT_SPENDING:
                return "not"  # "revenue would provide 48.84 billion shillings"
            if child.dep_ == "prep" and any(
                g.lower_ in lx.NOT_PAID_FOR for g in child.children if g.dep_ == "pobj"
            ):
                return "not"
            if child.lower_ in ("received", "receive"):
                return "not"
        return "spend"
    if low in lx.NOT_SPENDING:
        return "not"
    return None
