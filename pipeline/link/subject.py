"""Who spends an amount: the subject decision, read off the parse around the amount."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.link import lexicon as lx
from pipeline.link.lexicon import (
    ANONYMOUS_SPEAKERS,
    NOT_SPENDING,
    SPEND_NOUNS,
)
from pipeline.link.names import is_outlet_token, is_suffix_conjunct
from pipeline.link.rules import RuleId
from pipeline.link.spending import (
    buyer_of_supply,
    investors_of,
    is_actor,
    own_noun,
    payer_of_amount,
    raise_verb,
)


def find_subject(root: Token, amount_ids: set[int]) -> tuple[list[Token], str]:
    """The tokens naming who spends the amount headed by `root`, and the rule used.

    Walks up from the amount to the first verb with a usable subject; a spending
    noun as subject gives its possessor or its "by"/"of" complement instead.
    """
    own = own_noun(root, amount_ids)
    verb = raise_verb(root, own)
    investors = investors_of(verb) if verb is not None else []
    if investors:
        return investors, RuleId.SUBJECT_INVESTORS  # "raised $1bn led by A and B"
    payer = payer_of_amount(root)
    if payer is not None and root.head.lower_ not in lx.RECIPIENT_VERBS | lx.RAISE_VERBS:
        return _with_conjuncts(payer), RuleId.SUBJECT_PAYER  # "$43 million from A and B"
    if own is not None:
        owner = _noun_owner(own, amount_ids)
        if owner:
            return owner, "subject.owner_of_noun"
    token = root
    for _ in range(8):
        if token.dep_ == "ROOT" and token.head == token:
            head = None
        else:
            head = token.head
        verb = token if token.pos_ in ("VERB", "AUX") else None
        if verb is not None and verb.i not in amount_ids:
            found = _verb_subject(verb, amount_ids)
            if found is not None:
                return found if found[0] else ([], found[1])
        if head is None:
            break
        if token.pos_ in ("NOUN", "PROPN") and token.i not in amount_ids:
            owner = _noun_owner(token, amount_ids)
            if owner:
                return owner, "subject.owner_of_noun"
        token = head
    return [], "subject.none"


def _verb_subject(verb: Token, amount_ids: set[int]) -> tuple[list[Token], str] | None:
    if verb.lower_ in lx.SUPPLY_VERBS:
        buyer = buyer_of_supply(verb)  # "sold its unit to Y", "to supply Y with jets"
        if buyer is not None:
            return _with_conjuncts(buyer), RuleId.SUBJECT_BUYER_OF_SALE
    if verb.lower_ in lx.AWARD_VERBS and any(c.dep_ == "nsubjpass" for c in verb.children):
        if not any(c.dep_ == "agent" for c in verb.children):
            return [], "subject.recipient_only"  # "X has been awarded a contract": not X
    if verb.lower_ in lx.RECIPIENT_VERBS:
        # "X received a contract (worth $Y) from Z": the payer is Z, never the recipient X
        for tok in verb.subtree:
            if tok.dep_ == "prep" and tok.lower_ == "from" and tok.head.dep_ != "ccomp":
                for pobj in tok.children:
                    if pobj.dep_ == "pobj" and is_actor(pobj):
                        return _with_conjuncts(pobj), "subject.payer_of_recipient"
        return [], "subject.recipient_only"
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return _with_conjuncts(pobj), "subject.passive_agent"
    for child in verb.children:
        if child.dep_ == "nsubjpass" and child.i not in amount_ids and child.lower_ in SPEND_NOUNS:
            owner = _noun_owner(child, amount_ids)  # "Tesla's capex is expected to exceed"
            if owner:
                return owner, "subject.owner_of_noun"
        if child.dep_ not in lx.SUBJECT_DEPS or child.i in amount_ids:
            continue
        if child.dep_ == "csubj":
            return _verb_subject(child, amount_ids)
        if child.lower_ in ("that", "which", "who") and verb.dep_ == "relcl":
            child = verb.head
        if child.lower_ in lx.OWNED_UNITS:
            # "its 80 pct-owned subsidiary agreed to buy": the parent is named
            parent = next((c for c in child.children if c.dep_ == "poss"), None)
            if parent is not None:
                return [parent], "subject.parent_of_unit"
        if is_outlet_token(child) or child.lower_ in ANONYMOUS_SPEAKERS:
            return None
        if child.lower_ in SPEND_NOUNS or child.lower_ in NOT_SPENDING:
            owner = _noun_owner(child, amount_ids)
            if owner:
                return owner, "subject.owner_of_noun"
            if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in child.children):
                return [child], "subject.definite_description"
            return None
        if child.pos_ in ("NUM",) or child.like_num:
            return None
        if not is_actor(child):
            return [], "subject.not_an_actor"  # the clause has a subject, not a spender
        return _with_conjuncts(child), "subject.nsubj"
    return None


def _noun_owner(noun: Token, amount_ids: set[int]) -> list[Token]:
    for child in noun.children:
        if child.dep_ == "poss" and child.i not in amount_ids:
            return [child]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "of"):
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
