"""Who spends an amount: the subject decision, read off the parse around the amount."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal, NamedTuple

from spacy.tokens import Token

from pipeline.link import lexicon as lx
from pipeline.link import thresholds
from pipeline.link.lexicon import (
    ANONYMOUS_SPEAKERS,
    NOT_SPENDING,
    SPEND_NOUNS,
)
from pipeline.link.names import is_outlet_token, is_suffix_conjunct
from pipeline.link.rules import Rule, RuleId, decide
from pipeline.link.tree import (
    buyer_of_supply,
    in_clause,
    investors_of,
    is_actor,
    own_noun,
    payer_of_amount,
    raise_verb,
)


class Found(NamedTuple):
    """The tokens that name the spender; none when the clause names no spender."""

    tokens: list[Token]
    rule: RuleId | None = None  # set when a rule hands the decision to another clause


UP: Literal["up"] = "up"  # this clause gives no spender: look at the clause above
Verdict = Found | Literal["up"]


@dataclass(frozen=True)
class AmountSite:
    """The amount whose spender is sought: its head token and the tokens of amounts."""

    root: Token
    amount_ids: frozenset[int]

    @cached_property
    def own(self) -> Token | None:
        return own_noun(self.root, self.amount_ids)


@dataclass(frozen=True)
class ClauseSite:
    """A verb on the way up from the amount, and the tokens of amounts."""

    verb: Token
    amount_ids: frozenset[int]

    @cached_property
    def subject(self) -> Token | None:
        """The clause's subject ("nsubj"/"csubj"), the head of a relative clause for "which"."""
        for child in self.verb.children:
            if child.dep_ not in lx.SUBJECT_DEPS or child.i in self.amount_ids:
                continue
            if child.lower_ in ("that", "which", "who") and self.verb.dep_ == "relcl":
                return self.verb.head
            return child
        return None


def find_subject(root: Token, amount_ids: set[int]) -> tuple[list[Token], str]:
    """The tokens naming who spends the amount headed by `root`, and the rule used.

    First what the amount itself says (investors of a round, a payer, the owner of the
    spending noun), then the first clause on the way up whose rules name a spender.
    """
    ids = frozenset(amount_ids)
    found = decide(AMOUNT_RULES, AmountSite(root, ids))
    if found is not None:
        return found[0].tokens, found[1]
    token = root
    passed: RuleId | None = None  # a clause that sent the search upwards, and why
    for _ in range(thresholds.SUBJECT_WALK_STEPS):
        head = None if token.dep_ == "ROOT" and token.head == token else token.head
        if token.pos_ in ("VERB", "AUX") and token.i not in ids:
            said = decide(CLAUSE_RULES, ClauseSite(token, ids))
            if said is not None and isinstance(said[0], Found):
                return said[0].tokens, said[0].rule or said[1]
            if said is not None and said[1] in _NAMED_WHEN_PASSED:
                passed = passed or said[1]
        if head is None:
            break
        if token.pos_ in ("NOUN", "PROPN") and token.i not in ids:
            owner = _noun_owner(token, ids)
            if owner:
                return owner, RuleId.SUBJECT_OWNER_OF_NOUN
        token = head
    return [], passed or RuleId.SUBJECT_NONE


def clause_subject(site: ClauseSite) -> tuple[list[Token], RuleId] | None:
    """The spender a clause names, by its rules; None to look at the clause above."""
    found = decide(CLAUSE_RULES, site)
    if found is None:
        return None
    verdict, rule = found
    if not isinstance(verdict, Found):
        return None  # the clause sends the search upwards
    return verdict.tokens, verdict.rule or rule


# -- what the amount itself says ------------------------------------------------------


def round_investors(site: AmountSite) -> Found | None:
    """ "raised $1bn in a round led by A and B": the investors spend."""
    verb = raise_verb(site.root, site.own)
    investors = investors_of(verb) if verb is not None else []
    return Found(investors) if investors else None


def named_payer(site: AmountSite) -> Found | None:
    """ "With $43 million from A, B and C": the organisations the money comes from."""
    payer = payer_of_amount(site.root)
    if payer is not None and site.root.head.lower_ not in lx.RECIPIENT_VERBS | lx.RAISE_VERBS:
        return Found(_with_conjuncts(payer))
    return None


def owner_of_own_noun(site: AmountSite) -> Found | None:
    """ "Tesla's capex of $11bn", "spending by the U.K. chemical industry of 1.4 bln"."""
    if site.own is None:
        return None
    owner = _noun_owner(site.own, site.amount_ids)
    return Found(owner) if owner else None


def definite_own_noun(site: AmountSite) -> Found | None:
    """ "A total 55 mln stg of the grant is allocated": "the grant" is one named before,
    whose spender the linker looks up (resolve_description)."""
    own = site.own
    if (
        own is not None
        and own.lower_ in lx.SPEND_NOUNS
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in own.children)
    ):
        return Found([own])
    return None


AMOUNT_RULES: tuple[Rule[AmountSite, Found], ...] = (
    Rule(RuleId.SUBJECT_INVESTORS, round_investors),
    Rule(RuleId.SUBJECT_PAYER, named_payer),
    Rule(RuleId.SUBJECT_OWNER_OF_NOUN, owner_of_own_noun),
    Rule(RuleId.SUBJECT_DEFINITE_OWN_NOUN, definite_own_noun),
)


# -- what a clause says ---------------------------------------------------------------


def buyer_of_sale(site: ClauseSite) -> Verdict | None:
    """ "X sold its unit to Y", "X is to supply Y with jets": the buyer Y spends."""
    if site.verb.lower_ in lx.SUPPLY_VERBS:
        buyer = buyer_of_supply(site.verb)
        if buyer is not None:
            return Found(_with_conjuncts(buyer))
    return None


def payer_of_recipient(site: ClauseSite) -> Verdict | None:
    """ "X received a contract (worth $Y) from Z": the payer Z, never the recipient X."""
    if site.verb.lower_ not in lx.RECIPIENT_VERBS:
        return None
    for tok in site.verb.subtree:
        if tok.dep_ == "prep" and tok.lower_ == "from" and in_clause(tok, site.verb):
            for pobj in tok.children:
                if pobj.dep_ == "pobj" and is_actor(pobj):
                    return Found(_with_conjuncts(pobj))
    return None


def recipient_only(site: ClauseSite) -> Verdict | None:
    """ "X has been awarded a contract", "X won an order": the clause names only who gets
    the money, never who pays it."""
    verb = site.verb
    children = list(verb.children)
    if verb.lower_ in lx.AWARD_VERBS and any(c.dep_ == "nsubjpass" for c in children):
        if not any(c.dep_ == "agent" for c in children):
            return Found([])
    if verb.lower_ in lx.RECIPIENT_VERBS:
        return Found([])
    return None


def passive_agent(site: ClauseSite) -> Verdict | None:
    """ "the plant will be built by Acme": the agent of a passive."""
    for child in site.verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return Found(_with_conjuncts(pobj))
    return None


def owner_of_passive_noun(site: ClauseSite) -> Verdict | None:
    """ "Tesla's capex is expected to exceed $11bn": the owner of the spending noun."""
    for child in site.verb.children:
        if (
            child.dep_ == "nsubjpass"
            and child.i not in site.amount_ids
            and child.lower_ in lx.SPEND_NOUNS
        ):
            owner = _noun_owner(child, site.amount_ids)
            if owner:
                return Found(owner)
    return None


def clausal_subject(site: ClauseSite) -> Verdict | None:
    """ "Buying the plant cost Acme $2bn": the clausal subject's own clause decides."""
    child = site.subject
    if child is None or child.dep_ != "csubj":
        return None
    inner = clause_subject(ClauseSite(child, site.amount_ids))
    return UP if inner is None else Found(inner[0])


def parent_of_unit(site: ClauseSite) -> Verdict | None:
    """ "its 80 pct-owned subsidiary agreed to buy ...": the parent named as possessor."""
    child = site.subject
    if child is not None and child.lower_ in lx.OWNED_UNITS:
        parent = next((c for c in child.children if c.dep_ == "poss"), None)
        if parent is not None:
            return Found([parent])
    return None


def not_a_spender(site: ClauseSite) -> Verdict | None:
    """An outlet, an anonymous source or a number as subject names no spender here."""
    child = site.subject
    if child is not None and (
        is_outlet_token(child)
        or child.lower_ in ANONYMOUS_SPEAKERS
        or child.pos_ == "NUM"
        or child.like_num
    ):
        return UP
    return None


def owner_of_subject_noun(site: ClauseSite) -> Verdict | None:
    """ "Acme's spending will rise to $2bn": a spending (or money) noun as subject gives
    its owner."""
    child = site.subject
    if child is None or (child.lower_ not in SPEND_NOUNS and child.lower_ not in NOT_SPENDING):
        return None
    owner = _noun_owner(child, site.amount_ids)
    return Found(owner) if owner else None


def definite_description(site: ClauseSite) -> Verdict | None:
    """ "The package will cost $2bn": "the package" refers to one named before."""
    child = site.subject
    if child is None or (child.lower_ not in SPEND_NOUNS and child.lower_ not in NOT_SPENDING):
        return None
    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in child.children):
        return Found([child])
    return UP


def subject_not_an_actor(site: ClauseSite) -> Verdict | None:
    """ "The rise reflects ...": the clause has a subject, and it is no spender."""
    child = site.subject
    if child is not None and not is_actor(child):
        return Found([])
    return None


def clause_nsubj(site: ClauseSite) -> Verdict | None:
    """ "Acme will spend $2bn": the subject of the clause (with its conjoined names)."""
    child = site.subject
    return Found(_with_conjuncts(child)) if child is not None else None


# Rules that send the search upwards but, when nothing above names a spender, explain why
# the amount has none ("Sources will spend $2bn": sources are no spender).
_NAMED_WHEN_PASSED = frozenset((RuleId.SUBJECT_NOT_A_SPENDER, RuleId.SUBJECT_CLAUSAL))


def object_control(site: ClauseSite) -> Verdict | None:
    """ "he persuaded JPMorgan to invest $150,000", "asked Acme to pay $2bn": the object of
    the verb that governs an infinitive without a subject of its own does it."""
    verb = site.verb
    if verb.dep_ != "xcomp" or site.subject is not None:
        return None
    obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    if obj is not None and is_actor(obj) and obj.i not in site.amount_ids:
        return Found(_with_conjuncts(obj))
    return None


CLAUSE_RULES: tuple[Rule[ClauseSite, Verdict], ...] = (
    Rule(RuleId.SUBJECT_OBJECT_CONTROL, object_control),
    Rule(RuleId.SUBJECT_BUYER_OF_SALE, buyer_of_sale),
    Rule(RuleId.SUBJECT_PAYER_OF_RECIPIENT, payer_of_recipient),
    Rule(RuleId.SUBJECT_RECIPIENT_ONLY, recipient_only),
    Rule(RuleId.SUBJECT_PASSIVE_AGENT, passive_agent),
    Rule(RuleId.SUBJECT_OWNER_OF_SUBJECT_NOUN, owner_of_passive_noun),
    Rule(RuleId.SUBJECT_CLAUSAL, clausal_subject),
    Rule(RuleId.SUBJECT_PARENT_OF_UNIT, parent_of_unit),
    Rule(RuleId.SUBJECT_NOT_A_SPENDER, not_a_spender),
    Rule(RuleId.SUBJECT_OWNER_OF_SUBJECT_NOUN, owner_of_subject_noun),
    Rule(RuleId.SUBJECT_DEFINITE_DESCRIPTION, definite_description),
    Rule(RuleId.SUBJECT_NOT_AN_ACTOR, subject_not_an_actor),
    Rule(RuleId.SUBJECT_NSUBJ, clause_nsubj),
)


def _noun_owner(noun: Token, amount_ids: frozenset[int] | set[int]) -> list[Token]:
    """Who a spending noun belongs to: "Acme's budget", "spending by Acme", "an offer from
    Acme", "the budget of Acme"; but "the acquisition of Wiz" names what is bought."""
    for child in noun.children:
        if child.dep_ == "poss" and child.i not in amount_ids:
            return [child]
    owner_preps = ("by", "from") if noun.lower_ in lx.PURCHASE_NOUNS else ("by", "of", "from")
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in owner_preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i not in amount_ids and is_actor(pobj):
                    return _with_conjuncts(pobj)
    for child in noun.children:
        if (
            child.dep_ == "compound"
            and child.ent_type_ in ("ORG", "GPE", "PERSON")
            and child.i not in amount_ids
            and not child.like_num
        ):
            return [child]
    return []


def _with_conjuncts(token: Token) -> list[Token]:
    out = [token]
    if token.pos_ == "PROPN" or token.ent_type_:
        out.extend(
            c
            for c in token.conjuncts
            if (c.pos_ == "PROPN" or c.ent_type_ in lx.NAME_ENTS) and not is_suffix_conjunct(c)
        )
    return out
