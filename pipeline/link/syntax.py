"""Read a parsed sentence around one money amount: spending or not, spender, sources, item.

Pure functions over spaCy tokens; each returns what it found and the name of the
rule that found it, so that a claim can say why it exists.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from pipeline.link import lexicon as lx
from pipeline.link.lexicon import (
    ANONYMOUS_SPEAKERS,
    CORP_SUFFIXES,
    NOT_SPENDING,
    ORG_ANAPHORS,
    OUTLET_WORDS,
    OUTLETS,
    PERSON_PRONOUNS,
    REPORT_VERBS,
    SPEND_NOUNS,
    SPEND_VERBS,
    SPOKESPEOPLE,
)
from pipeline.link.rules import RuleId
from pipeline.link.spending import (
    buyer_of_supply,
    investors_of,
    is_actor,
    own_noun,
    payer_of_amount,
    raise_verb,
)


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
    while core < len(span) - 1 and span[core].lower_ in lx.QUALIFIER_WORDS:
        core += 1
    return span[core:]


def amount_root(sent: Span, start: int, end: int) -> Token | None:
    """The syntactic head of the amount in the character range [start, end)."""
    core = amount_core(sent.doc, start, end)
    return core.root if core is not None else None


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
            if (c.pos_ == "PROPN" or c.ent_type_ in lx.NAME_ENTS) and not _is_suffix_conjunct(c)
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
    if token.ent_type_ in lx.NAME_ENTS:
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if ent is not None:
            return _clean_name(_complete_entity(ent))
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
    while len(left_tokens) > 1 and left_tokens[0].lower_ in lx.DETERMINERS:
        left_tokens.pop(0)
    span = token.doc[left_tokens[0].i : token.i + 1]
    return _clean_name(span)


def _complete_entity(ent: Span) -> Span:
    """An entity with the proper nouns the tagger left out of it but the parse joins to it
    ("Aero Air" when only "Air" was tagged): a name is a complete mention."""
    start = ent.start
    doc = ent.doc
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].dep_ in ("compound", "flat")
        and ent.start <= doc[start - 1].head.i < ent.end
    ):
        start -= 1
    return doc[start : ent.end]


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
        tokens[0].lower_ in lx.DETERMINERS or tokens[0].is_space or not tokens[0].text.strip("<>'’")
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
                    if pobj.dep_ == "pobj" and is_actor(pobj):
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
        and t.lower_ not in lx.DETERMINERS
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
