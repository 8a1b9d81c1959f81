"""Reading the parse around an amount: the tree helpers the decisions share.

What an amount describes ("$7B of capex"), who a sale or supply names as buyer, who
pays a recipient, the investors of a round; pure functions over spaCy tokens.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.link import lexicon as lx


def own_noun(root: Token, amount_ids: frozenset[int] | set[int]) -> Token | None:
    """The noun an amount describes: "60 mln franc loss", "$7B of capex"."""
    if root.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod") and root.head.pos_ in (
        "NOUN",
        "PROPN",
    ):
        if root.head.i not in amount_ids:
            return root.head
    head = root.head
    if head.lower_ == "worth" and head.head.pos_ in ("NOUN", "PROPN"):
        return head.head  # "a contract worth up to $2.3 billion", "jets worth 1.5 bln dlrs"
    if head.lower_ == "worth" and head.dep_ == "acomp":
        # "The total order is worth 1.2 billion dlrs": what the copula's subject is worth
        subject = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ == "NOUN":
            return subject
    if (
        root.dep_ == "pobj"
        and head.lower_ == "at"
        and head.head.lower_ in ("valued", "priced")
        and head.head.dep_ == "acl"
        and head.head.head.pos_ in ("NOUN", "PROPN")
    ):
        return head.head.head  # "a deal valued at $2bn", "a stake valued at 40 mln dlrs"
    for prep in ("of", "in"):  # "$7B of capex", "2.1 mln dlrs in civil penalties"
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == prep:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i not in amount_ids and not pobj.like_num:
                        if prep == "in" and pobj.lower_ in lx.PAYMENT_FORMS:
                            continue  # "for 1.7 billion dlrs in cash": how it is paid
                        if pobj.ent_type_ not in ("DATE", "TIME", "GPE", "LOC"):
                            return pobj
    if (
        root.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.pos_ in ("NOUN", "PROPN")
        and head.head.i not in amount_ids
    ):
        return head.head  # "a dividend of 20.4 mln dlrs", "capital expenditures of $60bn"
    return None


def of_objects(noun: Token) -> list[Token]:
    """The objects of "of" after a noun ("capital expenditures of X", "50 billion yen of Y")."""
    return [
        pobj
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def is_change_target(root: Token) -> bool:
    """Whether the amount is what something rises or falls to ("an increase to 1.52 bln")."""
    head = root.head
    return (
        root.dep_ == "pobj"
        and head.lower_ in ("to", "at")
        and head.head.lower_ in lx.CHANGE_UP | lx.CHANGE_DOWN | lx.CHANGE_NOUNS
    )


def payer_of(verb: Token) -> Token | None:
    """Z in "X received a contract (worth $Y) from Z": the named payer of a recipient verb."""
    for tok in verb.subtree:
        if tok.dep_ == "prep" and tok.lower_ == "from" and in_clause(tok, verb):
            for pobj in tok.children:
                if pobj.dep_ == "pobj" and is_actor(pobj):
                    return pobj
    return None


def payer_of_amount(root: Token) -> Token | None:
    """X in "$43 million from X": a named organisation or investors the money comes from."""
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ == "from":
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                if pobj.lower_ in lx.ACTOR_NOUNS and pobj.lower_ not in lx.INVESTOR_NOUNS:
                    return pobj  # "from the Trump administration": the administration
                named = [pobj, *(c for c in pobj.children if c.dep_ in ("appos", "compound"))]
                for tok in named:
                    if tok.ent_type_ in ("ORG", "PERSON") or (
                        tok.pos_ == "PROPN" and tok.ent_type_ not in ("GPE", "LOC", "DATE")
                    ):
                        return tok
    return None


def raise_verb(root: Token, own: Token | None) -> Token | None:
    """The verb of a raise: "raised $1bn", "closed a $1bn round" (None when not a raise)."""
    if root.dep_ == "dobj" and root.head.lower_ in lx.RAISE_VERBS:
        return root.head
    if own is not None and own.lower_ in lx.ROUND_NOUNS and own.head.lower_ in lx.RAISE_VERBS:
        return own.head
    return None


def investors_of(verb: Token) -> list[Token]:
    """The investors a raise names: "led by A and B", "from investors including C",
    "backed by D", "from E and F" (named actors only; "from investors" names nobody)."""
    found: list[Token] = []
    for tok in verb.subtree:
        low = tok.lower_
        if low in lx.INVESTOR_VERBS:
            for agent in tok.children:
                if agent.dep_ == "agent":
                    found.extend(p for p in agent.children if p.dep_ == "pobj")
        elif low in ("including", "included") and tok.head.lower_ in lx.INVESTOR_NOUNS:
            found.extend(p for p in tok.children if p.dep_ == "pobj")
        elif low == "from" and tok.head == verb:
            found.extend(
                p for p in tok.children if p.dep_ == "pobj" and p.lower_ not in lx.INVESTOR_NOUNS
            )
    out: list[Token] = []
    for tok in found:
        for t in (tok, *tok.conjuncts):
            if is_actor(t) and t.lower_ not in lx.PERSON_PRONOUNS and t not in out:
                out.append(t)
    return out


def buyer_of_supply(verb: Token) -> Token | None:
    """Y in "X is to supply Y with jets", "X sold its unit to Y", "deliver ... to Y"."""
    buyer = buyer_of_sale(verb)
    if buyer is not None:
        return buyer
    if verb.lower_ in lx.SUPPLY_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "with" for c in verb.children
    ):
        return next((c for c in verb.children if c.dep_ == "dobj" and is_actor(c)), None)
    return None


def buyer_of_sale(verb: Token) -> Token | None:
    """Y in "X sold its unit to Y", "would sell technology worth 1.5 billion yen to Y" (a
    named buyer in the verb's own clause, wherever the parse attached "to"), else None."""
    for tok in verb.subtree:
        if tok.dep_ in ("prep", "dative") and tok.lower_ == "to" and in_clause(tok, verb):
            for pobj in tok.children:
                if pobj.dep_ == "pobj" and is_actor(pobj) and pobj.ent_type_ not in ("DATE",):
                    return pobj
    return None


def in_clause(token: Token, verb: Token) -> bool:
    """Whether `token` belongs to the clause of `verb`: no other verb between them."""
    node = token.head
    while node != verb:
        if node.pos_ in ("VERB", "AUX") or node.head == node:
            return False
        node = node.head
    return True


def is_actor(token: Token) -> bool:
    """Whether a token can name who spends: an organisation, place, person or actor noun."""
    if token.ent_type_ in ("ORG", "GPE", "PERSON", "NORP"):
        return True
    if token.lower_ in lx.ORG_ANAPHORS:
        return True
    return (
        token.pos_ == "PROPN"
        or token.lower_ in lx.ACTOR_NOUNS
        or token.lower_ in lx.PERSON_PRONOUNS
    )
