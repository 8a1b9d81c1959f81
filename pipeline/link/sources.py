"""Who a claim is attributed to: speakers of verbs of saying, "according to", reports."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from models import Source, Subject
from pipeline.link._state import (
    DocContext,
)
from pipeline.link.lexicon import (
    ANONYMOUS_SPEAKERS,
    DOCUMENT_WORDS,
    OUTLET_WORDS,
    REPORT_VERBS,
    SPOKESPEOPLE,
)
from pipeline.link.names import is_outlet_name, is_suffix_conjunct, junk_reason, name_of, strip_name
from pipeline.link.resolve import resolve
from pipeline.link.rules import RuleId
from pipeline.link.tree import is_actor


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
                out.extend(
                    (t, RuleId.SOURCE_ACCORDING_TO) for t in _with_all_conjuncts(person or pobj)
                )
    return out


def _with_all_conjuncts(token: Token) -> list[Token]:
    return [token, *(c for c in token.conjuncts if not is_suffix_conjunct(c))]


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
                return [(tok, RuleId.SOURCE_LEFT_OF_VERB)]
    for child in verb.children:
        if child.dep_ == "agent":
            out.extend(
                (p, RuleId.SOURCE_REPORTED_BY)
                for c in child.children
                if c.dep_ == "pobj"
                for p in _with_all_conjuncts(c)
            )
        elif child.dep_ in ("nsubj", "nsubjpass") and child.dep_ != "nsubjpass":
            if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                child = verb.head  # "Redstone, who said ...": the head of the clause
            if child.lower_ in ANONYMOUS_SPEAKERS:
                out.append((child, RuleId.SOURCE_ANONYMOUS))
                if verb.lower_ in ("told", "tell", "tells"):
                    out.extend(
                        (c, RuleId.SOURCE_TOLD_OUTLET)
                        for c in verb.children
                        if c.dep_ in ("dative", "dobj") and c.pos_ == "PROPN"
                    )
            else:
                out.extend((t, RuleId.SOURCE_SPEAKER) for t in _with_all_conjuncts(child))
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


def find_sources(
    ctx: DocContext,
    root: Token,
    amount_ids: set[int],
    sent: Span,
    base: int,
    subjects: list[Subject],
    all_amount_ids: set[int] | None = None,
) -> list[Source]:
    out: list[Source] = []
    for token, rule in find_speakers(root, amount_ids, sent, all_amount_ids):
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
                source_at(strip_name(name_of(t).text), t, base)
                for t in parties
                if not is_outlet_name(name_of(t).text)
            )
            continue
        source = _source_of(ctx, token, rule, base, subjects)
        if source is not None:
            out.append(source)
    # an outlet acting as the subject of the amount's clause is its source
    for anc in [root, *root.ancestors]:
        for child in anc.children:
            if child.dep_ == "nsubj":
                name = strip_name(name_of(child).text)
                if is_outlet_name(name) and child.lower_ not in OUTLET_WORDS:
                    out.append(source_at(name, child, base))
    return clean_sources(ctx, out)


def _source_of(
    ctx: DocContext, token: Token, rule: str, base: int, subjects: list[Subject]
) -> Source | None:
    low = token.lower_
    if rule == RuleId.SOURCE_ANONYMOUS or low in ANONYMOUS_SPEAKERS:
        aff = anonymous_affiliation(token)
        if aff is None:
            if low in ("officials", "official", "analysts", "analyst", "economists"):
                return source_at(token.text, token, base)  # "Analysts said" -> Analysts
            return None
        token = aff
    if low in DOCUMENT_WORDS:
        return source_at(strip_name(name_of(token).text), token, base)
    org = spokesperson_org(token)
    if org is not None:
        if org is token or org.lower_ in ("company", "group", "firm"):
            who = subjects[0] if subjects else ctx.topic
            return source_at(who.name, token, base) if who is not None else None
        token = org
    if subjects and name_of(token).anaphor == "org":
        subject: Subject | None = subjects[0]  # "X will spend ..., the company said": X
    else:
        subject = resolve(ctx, token, base, as_source=True)
    return source_at(subject.name, token, base) if subject is not None else None


def source_at(name: str, token: Token, base: int) -> Source:
    """A source named `name`, found at `token` of a sentence starting at `base`."""
    return Source(
        name=name, text=token.text, start=token.idx + base, end=token.idx + len(token) + base
    )


def clean_sources(ctx: DocContext, sources: Iterable[Source]) -> list[Source]:
    """Sources once each, never the publisher, the sign-off or a name that names nobody."""
    out: list[Source] = []
    seen: set[str] = set()
    for s in sources:
        key = s.name.lower().removeprefix("the ")
        if key in seen or key in ("reuter",) or len(key) < 2:
            continue
        if junk_reason(s.name, as_source=True) is not None:
            continue
        if ctx.publisher and key.startswith(ctx.publisher.lower()):
            continue
        seen.add(key)
        out.append(s)
    return out
