"""Read a parsed sentence around one money amount: spending or not, spender, sources, item.

Pure functions over spaCy tokens; each returns what it found and the name of the
rule that found it, so that a claim can say why it exists.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from pipeline.link._cues import (
    ANONYMOUS_SPEAKERS,
    CHANGE_DOWN,
    CHANGE_UP,
    CORP_SUFFIXES,
    NOT_SPENDING,
    ORG_ANAPHORS,
    OUTLET_WORDS,
    OUTLETS,
    OWN_ONLY_SPEND_NOUNS,
    PERSON_PRONOUNS,
    REPORT_VERBS,
    SPEND_NOUNS,
    SPEND_VERBS,
    SPOKESPEOPLE,
)

_MAX_DISTANCE = 5
_SUBJECT_DEPS = ("nsubj", "csubj")
_NAME_ENTS = ("ORG", "PERSON", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC")
# Verbs whose "raise"-like sense concerns money only when the money is their object.
_FLOW_VERBS = frozenset(
    "raise raises raised raising sell sells sold selling lend lends lent borrow".split()
)
_ACTOR_NOUNS = frozenset(
    """
    government governments ministry ministries state states city council agency authority
    administration companies firms giants hyperscalers rivals players operators utilities
    investors buyers consortium partners venture province region department army navy
    partnership subsidiary unit affiliate parent committee providers makers carmakers
    automakers chipmakers banks insurers airlines retailers groups conglomerates telecoms
    developers manufacturers suppliers producers exporters miners refiners lenders
    governments group industry sector
    military i we you who
    """.split()
)
# Objects of "pay"/"buy" that make the money not spending on a project or a purchase.
_NOT_PAID_FOR = frozenset(
    """
    dividend dividends tax taxes interest salary salaries wage wages bonus bonuses fine fines
    penalty penalties debt debts loan loans bond bonds securities treasuries bills
    certificates notes damages compensation settlement
    """.split()
)
_QUALIFIER_WORDS = frozenset(
    """
    over about around roughly nearly approximately closer close to more than topped topping
    at least most under less up as much some almost just only ~ + below above exceeding in
    excess of
    """.split()
)
_CHANGE_NOUNS = frozenset("fall gain decline rise increase drop jump growth shortfall".split())
_ACQUIRE_VERBS = frozenset(
    "acquire acquires acquired acquiring buy buys bought buying purchase purchased".split()
)
_AWARD_VERBS = frozenset("awarded granted given handed".split())
_PAYMENT_FORMS = frozenset("cash stock shares equity kind".split())
_SELL_VERBS = frozenset("sell sells sold selling".split())
_OWNED_UNITS = frozenset("subsidiary unit affiliate arm division".split())
_RECIPIENT_VERBS = frozenset(
    """
    receive receives received receiving win wins won winning get gets got getting secure
    secures secured land lands landed
    """.split()
)
_TRADE_VERBS = frozenset(
    "buy buys bought buying sell sells sold selling purchase purchased purchases".split()
)
_ANNOUNCE_VERBS = frozenset("announce announces announced unveil unveils unveiled".split())
_TIME_UNITS = frozenset("year month week day quarter decade".split())
_DIFFERENCE_WORDS = frozenset("more less higher lower above below under short over-budget".split())
_COMPARISON_WORDS = frozenset(
    "beside besides than like unlike versus vs vs. against next compared dwarfing dwarfs".split()
)
_DETERMINERS = frozenset("a an the this that these those its their his her our".split())


class Decision(NamedTuple):
    """Whether an amount is spending, the cue that decided, and the rule's name."""

    kind: str  # "spend", "not" or "none"
    cue: Token | None
    rule: str


class NameRef(NamedTuple):
    """A name read off the parse, or an anaphor to resolve ("it", "the company")."""

    text: str
    start: int  # character offsets into the parsed text
    end: int
    anaphor: str | None  # "org", "person" or None


def amount_core(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens of an amount in [start, end), without its leading qualifier words.

    "topped $50B", "more than 1,000 billion yen": the money heads the phrase, and the
    verb "topped" stays free to be read as the clause's verb.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    core = 0
    while core < len(span) - 1 and span[core].lower_ in _QUALIFIER_WORDS:
        core += 1
    return span[core:]


def amount_root(sent: Span, start: int, end: int) -> Token | None:
    """The syntactic head of the amount in the character range [start, end)."""
    core = amount_core(sent.doc, start, end)
    return core.root if core is not None else None


def _is_cue(token: Token, words: frozenset[str]) -> bool:
    return token.lower_ in words


def is_change_target(root: Token) -> bool:
    """Whether the amount is what something rises or falls to ("an increase to 1.52 bln")."""
    head = root.head
    return (
        root.dep_ == "pobj"
        and head.lower_ in ("to", "at")
        and head.head.lower_ in CHANGE_UP | CHANGE_DOWN | _CHANGE_NOUNS
    )


def _own_noun(root: Token, amount_ids: set[int]) -> Token | None:
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
    for prep in ("of", "in"):  # "$7B of capex", "2.1 mln dlrs in civil penalties"
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == prep:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i not in amount_ids and not pobj.like_num:
                        if prep == "in" and pobj.lower_ in _PAYMENT_FORMS:
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


def _of_objects(noun: Token) -> list[Token]:
    return [
        pobj
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def classify(root: Token, amount_ids: set[int], other_amount_ids: set[int]) -> Decision:
    """Decide whether the amount headed by `root` is spending.

    The noun the amount describes decides first ("a 114 mln dlr credit", "50 billion
    yen of bonds"); otherwise the nearest cue in the dependency tree, not crossing
    verbs of saying or other amounts.
    """
    own = _own_noun(root, amount_ids)
    if own is not None:
        words = [
            own,
            *(c for c in own.children if c.dep_ in ("compound", "amod") and c.lower_ != "worth"),
        ]
        words += [o for o in _of_objects(own) if o.i not in amount_ids]
        if own.dep_ == "compound":
            words.append(own.head)  # "a 108 billion dlr budget deficit": the deficit
        if own.lower_ in CHANGE_UP | CHANGE_DOWN | _CHANGE_NOUNS:
            return Decision("not", own, "spending.not.delta")
        if any(_is_cue(w, NOT_SPENDING) for w in words):
            return Decision("not", own, "spending.not.own_noun")
        if any(_is_cue(w, SPEND_NOUNS | OWN_ONLY_SPEND_NOUNS) for w in words):
            return Decision("spend", own, "spending.own_noun")
    after = [t for t in root.doc[max(amount_ids) + 1 : max(amount_ids) + 4] if not t.is_space]
    if after and (
        after[0].lower_ in ("per", "apiece", "each")
        or (
            after[0].lower_ in ("a", "an")
            and len(after) > 1
            and after[1].pos_ == "NOUN"
            and after[1].lower_ not in _TIME_UNITS
        )
    ):
        return Decision("not", after[0], "spending.not.per_unit")
    if after and after[0].lower_ in _DIFFERENCE_WORDS:
        return Decision("not", after[0], "spending.not.difference")
    head = root.head
    if root.dep_ == "dobj" and head.lower_ in _RECIPIENT_VERBS:
        payer = _verb_subject(head, amount_ids)
        if payer is not None and payer[1] == "subject.payer_of_recipient":
            return Decision("spend", head, "spending.received_from")  # "gets $1.5bn from Y"
    if root.dep_ == "dobj" and head.lower_ in _TRADE_VERBS and not _of_objects(root):
        # "the Bundesbank bought about 100 mln dlrs": money bought is a currency deal
        return Decision("not", head, "spending.not.money_traded")
    if (
        root.dep_ == "dobj"
        and head.lower_ in _ANNOUNCE_VERBS
        and any(
            c.dep_ == "prep" and c.lower_ in ("for", "towards", "toward") for c in head.children
        )
    ):
        return Decision("spend", head, "spending.announced_for")  # "announced £2.5bn for AI"
    if (
        root.dep_ == "pobj"
        and head.lower_ == "by"
        and head.head.lower_ in CHANGE_UP | CHANGE_DOWN | {"reduction", "cut", "increase"}
    ):
        return Decision("not", head.head, "spending.not.change_by")
    seen = {root.i}
    queue: deque[tuple[Token, int]] = deque([(root, 0)])
    best_spend: tuple[int, Token] | None = None
    best_not: tuple[int, Token] | None = None
    while queue:
        token, dist = queue.popleft()
        if dist > 0 and token.i not in amount_ids:
            kind = _cue_kind(token, amount_ids)
            if kind == "spend" and best_spend is None:
                best_spend = (dist, token)
            elif kind == "not" and best_not is None:
                best_not = (dist, token)
        if dist >= _MAX_DISTANCE or (dist > 0 and token.lower_ in REPORT_VERBS):
            continue
        if dist > 0 and token.lower_ in _COMPARISON_WORDS:
            continue  # "small beside U.S. budgets": a comparison, not what the money is
        for nxt in _neighbours(token):
            if nxt.i in seen or nxt.i in other_amount_ids:
                continue
            seen.add(nxt.i)
            queue.append((nxt, dist + 1))
    if best_spend is None and best_not is None and root.head.lower_ == "for":
        # "to acquire cybersecurity startup Wiz for about $23 billion" parsed astray: an
        # acquisition verb just before "for" still names the price
        for tok in reversed(root.doc[max(root.head.i - 10, 0) : root.head.i]):
            if tok.lower_ in _ACQUIRE_VERBS:
                return Decision("spend", tok, "spending.acquire_for")
            if tok.lower_ in REPORT_VERBS or tok.is_sent_start:
                break
    if best_spend and (best_not is None or best_spend[0] < best_not[0]):
        return Decision("spend", best_spend[1], f"spending.cue.d{best_spend[0]}")
    if best_not:
        return Decision("not", best_not[1], f"spending.not.cue.d{best_not[0]}")
    return Decision("none", None, "spending.none")


def _neighbours(token: Token) -> Iterable[Token]:
    if token.dep_ != "ROOT":
        yield token.head
    yield from token.children


def _cue_kind(token: Token, amount_ids: set[int]) -> str | None:
    low = token.lower_
    as_noun = token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "compound", "attr")
    if (token.pos_ == "VERB" or token.tag_.startswith("VB")) and not as_noun:
        if low == "set" and any(c.lower_ == "aside" for c in token.children):
            return "spend"
        if low in _SELL_VERBS and _buyer_of_sale(token) is not None:
            return "spend"  # "sold its unit to Y for $2bn": Y buys
        if low in _FLOW_VERBS:
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if objects and all(o.i not in amount_ids for o in objects):
                return None  # "raising its spending to X": the object decides
            return "not"
        if low in SPEND_VERBS:
            # "dividends will be paid", "pay 2.1 mln dlrs in civil penalties": what is paid
            # for decides
            for child in token.children:
                if child.dep_ in ("dobj", "nsubjpass") and child.i not in amount_ids:
                    if child.lower_ in _NOT_PAID_FOR:
                        return "not"
                if child.dep_ == "nsubj" and child.lower_ in NOT_SPENDING:
                    return "not"  # "revenue would provide 48.84 billion shillings"
                if child.dep_ == "prep" and any(
                    g.lower_ in _NOT_PAID_FOR for g in child.children if g.dep_ == "pobj"
                ):
                    return "not"
                if child.lower_ in ("received", "receive"):
                    return "not"
            return "spend"
        if low in NOT_SPENDING:
            return "not"
        return None
    if token.pos_ in ("NOUN", "PROPN", "ADJ") or as_noun:
        if low in NOT_SPENDING:
            return "not"
        if low in SPEND_NOUNS:
            # "expenditure on GDP", "financing package": the noun's complement decides
            for child in token.children:
                if child.lower_ in ("received", "receive"):
                    return "not"  # "orders received by builders": their sales
                if child.dep_ in ("compound", "amod") and child.lower_ in NOT_SPENDING:
                    return "not"
                if child.dep_ == "prep" and child.lower_ in ("on", "of"):
                    if any(g.lower_ in NOT_SPENDING for g in child.children):
                        return "not"
            return "spend"
    return None


def find_subject(root: Token, amount_ids: set[int]) -> tuple[list[Token], str]:
    """The tokens naming who spends the amount headed by `root`, and the rule used.

    Walks up from the amount to the first verb with a usable subject; a spending
    noun as subject gives its possessor or its "by"/"of" complement instead.
    """
    own = _own_noun(root, amount_ids)
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


def _buyer_of_sale(verb: Token) -> Token | None:
    """Y in "X sold its unit to Y" (a named buyer), else None."""
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ == "to":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and _is_actor(pobj):
                    return pobj
    return None


def _verb_subject(verb: Token, amount_ids: set[int]) -> tuple[list[Token], str] | None:
    if verb.lower_ in _SELL_VERBS:
        buyer = _buyer_of_sale(verb)
        if buyer is not None:
            return _with_conjuncts(buyer), "subject.buyer_of_sale"
    if verb.lower_ in _AWARD_VERBS and any(c.dep_ == "nsubjpass" for c in verb.children):
        if not any(c.dep_ == "agent" for c in verb.children):
            return [], "subject.recipient_only"  # "X has been awarded a contract": not X
    if verb.lower_ in _RECIPIENT_VERBS:
        # "X received a contract (worth $Y) from Z": the payer is Z, never the recipient X
        for tok in verb.subtree:
            if tok.dep_ == "prep" and tok.lower_ == "from" and tok.head.dep_ != "ccomp":
                for pobj in tok.children:
                    if pobj.dep_ == "pobj" and _is_actor(pobj):
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
        if child.dep_ not in _SUBJECT_DEPS or child.i in amount_ids:
            continue
        if child.dep_ == "csubj":
            return _verb_subject(child, amount_ids)
        if child.lower_ in ("that", "which", "who") and verb.dep_ == "relcl":
            child = verb.head
        if child.lower_ in _OWNED_UNITS:
            # "its 80 pct-owned subsidiary agreed to buy": the parent is named
            parent = next((c for c in child.children if c.dep_ == "poss"), None)
            if parent is not None:
                return [parent], "subject.parent_of_unit"
        if _is_outlet_token(child) or child.lower_ in ANONYMOUS_SPEAKERS:
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
        if not _is_actor(child):
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
                if pobj.dep_ == "pobj" and pobj.i not in amount_ids and _is_actor(pobj):
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


def _is_actor(token: Token) -> bool:
    if token.ent_type_ in ("ORG", "GPE", "PERSON", "NORP"):
        return True
    if token.lower_ in ORG_ANAPHORS:
        return True
    return token.pos_ == "PROPN" or token.lower_ in _ACTOR_NOUNS or token.lower_ in PERSON_PRONOUNS


def _with_conjuncts(token: Token) -> list[Token]:
    out = [token]
    if token.pos_ == "PROPN" or token.ent_type_:
        out.extend(
            c
            for c in token.conjuncts
            if (c.pos_ == "PROPN" or c.ent_type_ in _NAME_ENTS) and not _is_suffix_conjunct(c)
        )
    return out


def _is_outlet_token(token: Token) -> bool:
    name = name_of(token).text.lower()
    return name in OUTLETS or f"the {name}" in OUTLETS or token.lower_ in OUTLET_WORDS


def name_of(token: Token) -> NameRef:
    """The name a token stands for: its entity, or its compound phrase, or an anaphor."""
    low = token.lower_
    if low in ("it", "its", "they", "their", "them", "we", "our"):
        return NameRef(token.text, token.idx, token.idx + len(token), "org")
    if low in PERSON_PRONOUNS:
        return NameRef(token.text, token.idx, token.idx + len(token), "person")
    if token.ent_type_ in _NAME_ENTS:
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if ent is not None:
            return _clean_name(ent)
    if low in ORG_ANAPHORS and any(
        c.lower_ in ("the", "this", "that", "its", "their")
        for c in token.children
        if c.dep_ in ("det", "poss")
    ):
        # "the company", "its parent company": an organisation named before
        return NameRef(token.text, token.idx, token.idx + len(token), "org")
    left = token.i
    j = token.i - 1
    while j >= 0 and _modifies_name(token.doc[j], token):
        left = j
        j -= 1
    left_tokens = list(token.doc[left : token.i + 1])
    while len(left_tokens) > 1 and left_tokens[0].lower_ in _DETERMINERS:
        left_tokens.pop(0)
    span = token.doc[left_tokens[0].i : token.i + 1]
    return _clean_name(span)


_NAME_MODS = frozenset(("compound", "amod", "nmod", "poss", "case", "flat", "punct"))


def _modifies_name(tok: Token, head: Token) -> bool:
    """Whether `tok` is part of the name phrase headed by `head` (a compound chain)."""
    if tok.is_space or tok.dep_ not in _NAME_MODS or tok.text in (",", "-", "(", ")"):
        return False
    node = tok
    for _ in range(4):
        if node.head == head:
            return True
        if node.head == node or node.head.dep_ not in _NAME_MODS:
            return False
        node = node.head
    return False


def _clean_name(span: Span) -> NameRef:
    tokens = list(span)
    while tokens and (
        tokens[0].lower_ in _DETERMINERS or tokens[0].is_space or not tokens[0].text.strip("<>'’")
    ):
        tokens.pop(0)
    while tokens and (
        tokens[-1].text in ("'s", "’s", ">", "'", "’") or tokens[-1].is_punct or tokens[-1].is_space
    ):
        tokens.pop()
    if not tokens:
        return NameRef(span.text, span.start_char, span.end_char, None)
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    text = " ".join(span.doc.text[start:end].strip("<> ").split())
    if f"the {text.lower()}" in OUTLETS and start >= 4:
        before = span.doc.text[start - 4 : start]
        if before.lower() == "the ":
            text, start = before + text, start - 4  # "The Information", "The Decoder"
    return NameRef(text, start, end, None)


def find_speakers(
    root: Token, amount_ids: set[int], sent: Span, all_amount_ids: set[int] | None = None
) -> list[tuple[Token, str]]:
    """Attributions of the amount: (speaker token, rule) for each source the sentence gives.

    First the verbs of saying that govern the amount and "according to"; failing
    those, free-standing attributions in the sentence ("the numbers reported by X").
    """
    found: list[tuple[Token, str]] = []
    ancestors = [root, *root.ancestors]
    for tok in ancestors:
        for child in tok.children:
            found.extend(_according_to(child))
        speakers = _speakers_of(tok)
        if speakers:
            found.extend(speakers)
            break
    if found:
        return found
    for tok in sent:
        if tok.lower_ == "according":
            found.extend(_according_to(tok))
        elif tok.lower_ in REPORT_VERBS and tok.pos_ in ("VERB", "AUX"):
            subtree_ids = {t.i for t in tok.subtree}
            if not subtree_ids & (all_amount_ids or amount_ids):
                found.extend(_speakers_of(tok))
    return found


def _according_to(token: Token) -> list[tuple[Token, str]]:
    if token.lower_ != "according":
        return []
    out: list[tuple[Token, str]] = []
    for to in token.children:
        for pobj in to.children:
            if pobj.dep_ == "pobj":
                # "according to Microsoft vice chair Brad Smith": the person named
                person = next(
                    (c for c in pobj.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"),
                    None,
                )
                out.extend((t, "source.according_to") for t in _with_all_conjuncts(person or pobj))
    return out


def _with_all_conjuncts(token: Token) -> list[Token]:
    return [token, *(c for c in token.conjuncts if not _is_suffix_conjunct(c))]


def _is_suffix_conjunct(token: Token) -> bool:
    """ "Co Inc" in "Merck and Co Inc" is the rest of one name, not a second one."""
    return is_corp_suffix(token.text) or any(
        is_corp_suffix(w.text) for w in token.doc[token.left_edge.i : token.i]
    )


def _speakers_of(verb: Token) -> list[tuple[Token, str]]:
    if verb.lower_ not in REPORT_VERBS or verb.pos_ not in ("VERB", "AUX"):
        return []
    out: list[tuple[Token, str]] = []
    if not any(c.dep_ in ("nsubj", "agent", "expl") for c in verb.children):
        # "sources close to X, making no mention of Y, said ...": a parse that lost the
        # subject; take the nearest speaker-like word on the left.
        for tok in reversed(verb.doc[max(verb.i - 12, 0) : verb.i]):
            if tok.lower_ in REPORT_VERBS:
                break
            if tok.ent_type_ in ("ORG", "PERSON") or tok.lower_ in ANONYMOUS_SPEAKERS:
                return [(tok, "source.left_of_verb")]
    for child in verb.children:
        if child.dep_ == "agent":
            out.extend(
                (p, "source.reported_by")
                for c in child.children
                if c.dep_ == "pobj"
                for p in _with_all_conjuncts(c)
            )
        elif child.dep_ in ("nsubj", "nsubjpass") and child.dep_ != "nsubjpass":
            if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                child = verb.head  # "Redstone, who said ...": the head of the clause
            if child.lower_ in ANONYMOUS_SPEAKERS:
                out.append((child, "source.anonymous"))
                if verb.lower_ in ("told", "tell", "tells"):
                    out.extend(
                        (c, "source.told_outlet")
                        for c in verb.children
                        if c.dep_ in ("dative", "dobj") and c.pos_ == "PROPN"
                    )
            else:
                out.extend((t, "source.speaker") for t in _with_all_conjuncts(child))
    return out


def anonymous_affiliation(token: Token) -> Token | None:
    """The affiliation of anonymous sources: "sources at X", "sources close to X"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in (
            "at",
            "in",
            "from",
            "within",
            "inside",
            "with",
        ):
            for pobj in child.children:
                # "sources at the ministry", not "business sources in Shanghai"
                if pobj.dep_ == "pobj" and pobj.ent_type_ not in ("GPE", "LOC", "NORP"):
                    return pobj
        if child.lower_ in ("close", "familiar", "near"):
            for prep in child.children:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and _is_actor(pobj):
                        return pobj  # "sources close to Balladur", not "... the matter"
    return None


def spokesperson_org(token: Token) -> Token | None:
    """The organisation a spokesperson speaks for ("a Ford spokesman")."""
    if token.lower_ not in SPOKESPEOPLE:
        return None
    for child in token.children:
        if child.dep_ in ("compound", "poss") and child.lower_ not in ("company", "group"):
            return child
    return token


def find_item(root: Token, amount_ids: set[int], cue: Token | None) -> Token | None:
    """The noun heading what the money is for: "invest 23 mln stg in equipment"."""
    anchors = [t for t in (root, cue) if t is not None]
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "on", "in", "into", "to"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i not in amount_ids and not pobj.like_num:
                        if pobj.ent_type_ in ("DATE", "TIME", "GPE", "LOC") or pobj.lower_ in (
                            "year",
                            "plan",
                        ):
                            continue
                        return pobj
        if anchor.lower_ in SPEND_VERBS and anchor.pos_ == "VERB":
            for child in anchor.children:
                if child.dep_ == "dobj" and child.i not in amount_ids:
                    return child
    if cue is not None and cue.pos_ in ("NOUN", "PROPN"):
        return cue
    return None


def item_text(token: Token, amount_ids: set[int]) -> str:
    """The short noun phrase headed by `token`, without determiners, possessives, money."""
    left = token.left_edge.i
    tokens = [
        t
        for t in token.doc[left : token.i + 1]
        if t.dep_ not in ("det", "poss", "case", "punct")
        and t.lower_ not in _DETERMINERS
        and t.i not in amount_ids
        and not t.is_space
    ]
    # conjoined heads ("rationalisation and facility improvements")
    for conj in token.conjuncts:
        if conj.i > token.i:
            tail = [t for t in token.doc[token.i + 1 : conj.i + 1] if t.dep_ != "punct"]
            tokens.extend(tail)
    text = " ".join(t.text for t in tokens[-8:])
    return text.replace(" - ", "-").strip()


def is_corp_suffix(word: str) -> bool:
    """Whether `word` is a corporate suffix such as "Inc" or "Ltd".

    >>> is_corp_suffix("Ltd."), is_corp_suffix("Steel")
    (True, False)
    """
    return word.lower().strip(".") in CORP_SUFFIXES
