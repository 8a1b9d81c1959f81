"""Names in the document: pronouns, descriptions and the article's main organisation.

"it", "the company", "the ministry" and "X said it" are resolved here against the
organisations the parsed sentences name; the publisher is found so that it is never a
source.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from models import Amount, Subject
from pipeline.link import thresholds
from pipeline.link._state import (
    DocContext,
    EntMention,
    Plan,
    sentence_of,
)
from pipeline.link.lexicon import (
    ORG_ANAPHORS,
    ORG_NAME_ENDINGS,
    REPORT_VERBS,
)
from pipeline.link.names import (
    is_corp_suffix,
    is_generic_noun,
    is_junk_name,
    is_outlet_name,
    junk_reason,
    name_of,
    short_key,
    strip_name,
)
from pipeline.link.subject import find_subject

_PUBLISHER_RE = regex.compile(
    r"(?:\n[ \t]*(?P<signoff>Reuters?)[ \t]*\Z|\((?P<dateline>Reuters|Bloomberg|AP|AFP)\)\s*[-—–])",
    regex.IGNORECASE,
)


_ORG_TAG_RE = regex.compile(r"<(?P<name>[^<>\n]{2,80}?)>")


# "Harbor Energy & Development Corp": up to four capitalised words and a suffix from the
# lexicon, which is written capitalised ("Inc", "GmbH", "AG": never "inc" in running text)
_ORG_SUFFIX_RE = regex.compile(
    r"\b(?P<name>(?:[\p{Lu}][\p{L}&'.-]*\s+(?:(?:and|&)\s+)?){1,4}(?:"
    + "|".join(
        r"\.?".join(regex.escape(part) for part in suffix.split("."))
        for suffix in sorted(ORG_NAME_ENDINGS, key=len, reverse=True)
    )
    + r")\b\.?)"
)


_TAG_RE = regex.compile(r"<[A-Z0-9.\-]{0,14}>|[<>]")  # Reuters ticker tags and brackets


_TICKER_RE = regex.compile(r"^[A-Z0-9.\-]{1,14}$")


def resolve(ctx: DocContext, token: Token, base: int, *, as_source: bool = False) -> Subject | None:
    """The name `token` stands for in the document, or None when it names nobody.

    A complete name as written; an entity inside a description ("Dutch chip equipment
    maker ASML" -> ASML); a definite description or pronoun resolved to the organisation
    it refers to ("the administration" -> "Trump administration", "it" -> "TSMC"); never
    a number, a unit or a capitalised headline word. A source may be a common noun
    ("officials", "the government": GUIDELINES.md); a spender must be a name.
    """
    token = _entity_in_description(token)
    ref = name_of(token)
    if ref.anaphor is None:
        # the name as written (the parse saw a title-cased headline, "Ge" for "GE")
        written = _TAG_RE.sub(" ", ctx.doc.text[ref.start + base : ref.end + base])
        name = strip_name(" ".join(written.split()) if written.strip() else ref.text)
        if name.isupper() and len(name) > 4:
            name = _as_in_body(ctx.doc.text, name)  # "SEAGA PRESENTS GROWTH BUDGET" -> Seaga
        if not name:
            return None
        if is_generic_noun(name):
            # "the association" -> "Chemical Industry Association"; a source may stay a
            # common noun the guidelines accept ("officials", "the cabinet")
            found = _resolve_description_word(ctx, name, ref.start + base)
            if found is not None or not as_source:
                return found
        if is_junk_name(name, ctx.doc.text):
            return None
        return Subject(name=name, start=ref.start + base, end=ref.end + base)
    speaker = _speaker_of_clause(token)
    if speaker is not None:  # "TSMC said it expects ...": it is TSMC
        return resolve(ctx, speaker, base)
    return _antecedent(ctx, token, ref.start + base, "PERSON" if ref.anaphor == "person" else "ORG")


def _antecedent(ctx: DocContext, token: Token, position: int, label: str) -> Subject | None:
    """Who a pronoun or "the company" at `position` refers to, by preference: the last
    speaker (for "It said"), the last clause subject, the topic named just before, the
    last mention; failing all, the topic when it is near."""
    candidates = [
        m
        for m in reversed(ctx.mentions)
        if m.start < position and m.label == label and not is_outlet_name(m.name)
    ]
    window = position - thresholds.ANAPHOR_WINDOW
    near = [m for m in candidates if m.start >= window]
    topic_key = short_key(ctx.topic.name) if ctx.topic is not None else None
    speaking = token.dep_ == "nsubj" and token.head.lower_ in REPORT_VERBS
    for wanted in (
        # "... Sears said. It said about 131 mln dlrs ...": who speaks goes on speaking
        [m for m in near if m.is_speaker and speaking],
        [m for m in near if m.is_subject],
        [m for m in near if short_key(m.name) == topic_key],
        candidates,
    ):
        if wanted:
            return Subject(name=wanted[0].name, start=wanted[0].start, end=wanted[0].end)
    if label == "ORG" and topic_is_near(ctx, position):
        return ctx.topic
    return None


def topic_is_near(ctx: DocContext, position: int) -> bool:
    """Whether the article's main organisation may stand in for an unnamed spender at
    character `position`: it is named in the lead or within the few sentences before.

    A wire story is about one company from its lead to its sign-off; a long web page
    names many, and its topic is no spender of a figure paragraphs away from it.
    """
    if ctx.topic is None or not ctx.plan.sentences:
        return False
    sentences = ctx.plan.sentences
    idx = sentence_of([s.start for s in sentences], position)
    lead = min(thresholds.TOPIC_LEAD_SENTENCES, len(sentences)) - 1
    if idx <= lead or _names_topic(ctx, 0, lead):
        return True  # the headline or lead names it: the article is about it
    return _names_topic(ctx, max(idx - thresholds.TOPIC_WINDOW_SENTENCES, 0), idx)


def _names_topic(ctx: DocContext, first: int, last: int) -> bool:
    """Whether sentences `first`..`last` name the topic (by its first words)."""
    if ctx.topic is None:
        return False
    text = ctx.doc.text[ctx.plan.sentences[first].start : ctx.plan.sentences[last].end]
    key = short_key(ctx.topic.name)
    return regex.search(rf"\b{regex.escape(key)}\b", " ".join(text.lower().split())) is not None


def _entity_in_description(token: Token) -> Token:
    """ "Dutch chip equipment maker ASML", "TikTok parent ByteDance": the named entity that a
    common-noun head carries as a compound or apposition is the name."""
    if token.pos_ == "PROPN" or token.ent_type_ in ("ORG", "PERSON", "GPE"):
        return token
    for child in token.children:
        if child.ent_type_ not in ("ORG", "PERSON"):
            continue
        # "maker ASML" (apposition), "chipmaker Nvidia"; but "the Trump administration"
        # is the administration, so a compound counts only under a descriptor noun
        if child.dep_ == "appos" or (
            child.dep_ in ("compound", "flat") and token.lower_ in ORG_ANAPHORS
        ):
            return child
    return token


def _resolve_description_word(ctx: DocContext, name: str, position: int) -> Subject | None:
    """ "the ministry", "the administration", "the venture": the last organisation named
    before `position` whose name holds the same head word; None when there is none."""
    head = name.lower().split()[-1]
    for m in reversed(ctx.mentions):
        if m.start < position and m.label == "ORG" and head in m.name.lower().split():
            if not is_outlet_name(m.name) and not is_generic_noun(m.name):
                return Subject(name=m.name, start=m.start, end=m.end)
    return None


def _speaker_of_clause(token: Token) -> Token | None:
    """X in "X said it ...": the named subject of the verb of saying over a pronoun."""
    if token.lower_ not in ("it", "its", "they", "their", "he", "she", "his", "her") and (
        name_of(token).anaphor is None
    ):
        return None
    for anc in token.ancestors:
        if anc.lower_ in REPORT_VERBS and anc.pos_ in ("VERB", "AUX"):
            for child in anc.children:
                if (
                    child.dep_ == "nsubj"
                    and child.i < token.i
                    and name_of(child).anaphor is None
                    and (child.pos_ == "PROPN" or child.ent_type_ in ("ORG", "PERSON"))
                    and not is_outlet_name(name_of(child).text)
                ):
                    return child
            return None
    return None


def resolve_description(ctx: DocContext, sent_idx: int, noun: Token) -> Subject | None:
    """ "the package" refers to "a package" in a sentence before: that clause's subject."""
    for idx in range(sent_idx - 1, max(sent_idx - 1 - thresholds.ANTECEDENT_SENTENCES, -1), -1):
        sdoc = ctx.parsed.get(idx)
        if sdoc is None:
            continue
        for tok in sdoc:
            if tok.lower_ != noun.lower_:
                continue
            verb = tok.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
                verb = verb.head
            found = find_subject(verb, {tok.i})
            if found[0]:
                return resolve(ctx, found[0][0], ctx.plan.sentences[idx].start)
    return None


def entity_mentions(text: str, plan: Plan, parsed: dict[int, SpacyDoc]) -> tuple[EntMention, ...]:
    found: dict[tuple[int, int], tuple[int, int, str, str]] = {}
    subject_chars: set[int] = set()
    speaker_chars: set[int] = set()
    for idx, sdoc in parsed.items():
        base = plan.sentences[idx].start
        subject_chars.update(tok.idx + base for tok in sdoc if tok.dep_ in ("nsubj", "nsubjpass"))
        speaker_chars.update(
            tok.idx + base
            for tok in sdoc
            if tok.dep_ == "nsubj" and tok.head.lower_ in REPORT_VERBS
        )
    amount_ranges = [(a.start, a.end) for a in plan.amounts]
    for idx, sdoc in parsed.items():
        base = plan.sentences[idx].start
        for ent in sdoc.ents:
            if ent.label_ not in ("ORG", "PERSON"):
                continue
            start, end = ent.start_char + base, ent.end_char + base
            if any(s < end and start < e for s, e in amount_ranges):
                continue
            name = strip_name(ent.text)
            # ticker tags never reach the parse (parse_view blanks them); "AI" is no company
            if name and name.lower() not in _NOT_TOPIC_WORDS and not is_junk_name(name, text):
                found[(start, end)] = (start, end, name, ent.label_)
    for m in _ORG_TAG_RE.finditer(text):
        name = strip_name(m["name"])
        if name and not _TICKER_RE.match(name):
            found[(m.start("name"), m.end("name"))] = (m.start("name"), m.end("name"), name, "ORG")
    for m in _ORG_SUFFIX_RE.finditer(text):
        name = strip_name(m["name"])
        if name.upper() != name:
            found[(m.start("name"), m.end("name"))] = (m.start("name"), m.end("name"), name, "ORG")
    # Where spans overlap, keep the longest.
    found = {k: m for k, m in found.items() if not is_junk_name(m[2], text)}
    ordered = sorted(found.values(), key=lambda m: (m[0], -(m[1] - m[0])))
    out: list[EntMention] = []
    for m in ordered:
        if out and m[0] < out[-1][1]:
            continue
        is_subject = any(c in subject_chars for c in range(m[0], m[1]))
        is_speaker = any(c in speaker_chars for c in range(m[0], m[1]))
        out.append(EntMention(*m, is_subject=is_subject, is_speaker=is_speaker))
    return tuple(out)


def find_topic(
    text: str,
    plan: Plan,
    parsed: dict[int, SpacyDoc],
    mentions: Sequence[EntMention],
) -> Subject | None:
    """The organisation the article is about: the most often named of its candidates.

    Candidates are the organisations found in the parsed sentences (entities, Reuters
    tags, "X Inc" names) and the proper nouns that act as subjects there; each is
    counted over the whole text, the subject of the lead sentence getting a bonus.
    """
    candidates: dict[str, tuple[int, int, str]] = {}
    for start, end, name, label, *_ in mentions:
        if label == "ORG" and not is_outlet_name(name):
            candidates.setdefault(short_key(name), (start, end, name))
    lead_subject: str | None = None
    for idx in sorted(parsed):
        sdoc = parsed[idx]
        base = plan.sentences[idx].start
        for tok in sdoc:
            if tok.pos_ != "PROPN" or tok.ent_type_ in _NOT_TOPIC_ENTS:
                continue
            if tok.lower_ in _NOT_TOPIC_WORDS or len(tok.text) < 2:
                continue
            ref = name_of(tok)
            name = strip_name(ref.text)
            if (
                not name
                or is_outlet_name(name)
                or is_junk_name(name, text)
                or tok.dep_ not in ("nsubj", "compound", "poss")
            ):
                continue
            key = short_key(name)
            candidates.setdefault(key, (ref.start + base, ref.end + base, name))
            if lead_subject is None and tok.dep_ == "nsubj" and idx > 1:
                lead_subject = key
    if not candidates:
        return None
    lower = text.lower()
    scores = {
        k: len(regex.findall(rf"\b{regex.escape(k)}\b", lower)) + (2 if k == lead_subject else 0)
        for k in candidates
    }
    best = max(scores, key=lambda k: (scores[k], -candidates[k][0]))
    if scores[best] < 2:
        return None
    start, end, name = candidates[best]
    return Subject(name=name, start=start, end=end)


_NOT_TOPIC_ENTS = frozenset(("GPE", "NORP", "LOC", "DATE", "MONEY", "CARDINAL", "PERCENT", "TIME"))


_NOT_TOPIC_WORDS = frozenset("ai gpu gpus ceo cfo capex llm llms us u.s. uk eu".split())


def is_japanese_story(text: str, amounts: Sequence[Amount]) -> bool:
    """Whether a story is Japanese business news: a Tokyo dateline or its money in yen."""
    if regex.search(r"^\s*TOKYO\b", text[:400], regex.MULTILINE):
        return True
    yen = sum(a.currency == "JPY" for a in amounts)
    return yen > 0 and yen * 2 >= len(amounts)


def find_publisher(text: str) -> str | None:
    m = _PUBLISHER_RE.search(text[-40:]) or _PUBLISHER_RE.search(text[:400])
    if m is None:
        return None
    return (
        "Reuters"
        if (m["signoff"] or m["dateline"] or "").lower().startswith("reuter")
        else m["dateline"]
    )


def canonical_name(ctx: DocContext, name: str) -> str:
    """One name per entity per article: the fullest form the article gives of `name`.

    A person named by surname is the person named in full ("Seyoufi" -> "Qahtan Seyoufi"),
    an organisation named by its first words is the organisation named in full ("Helios"
    -> "Helios Energy"), when the article names exactly one such fuller entity.
    """
    words = name.split()
    if not words:
        return name
    fuller: set[str] = set()
    for m in ctx.mentions:
        other = m.name.split()
        if len(other) <= len(words) or junk_reason(m.name) is not None:
            continue
        if m.label == "PERSON" and other[-len(words) :] == words:
            fuller.add(m.name)
        elif (
            m.label == "ORG"
            and other[: len(words)] == words
            and not all(is_corp_suffix(w) for w in other[len(words) :])
        ):
            fuller.add(m.name)  # "Helios" -> "Helios Energy", but "Montedison Spa" adds nothing
    return fuller.pop() if len(fuller) == 1 else name


def _as_in_body(text: str, name: str) -> str:
    """A name read off a headline in capitals, as the body writes it: the longest run of
    its first words found in the body in mixed case ("SEAGA PRESENTS GROWTH BUDGET" ->
    "Seaga"; "IBM" stays "IBM"); "" when the body never writes it.

    >>> _as_in_body("SEAGA PRESENTS BUDGET\\nKINGSTON - Minister Seaga said", "SEAGA PRESENTS")
    'Seaga'
    """
    words = name.split()
    for size in range(len(words), 0, -1):
        pattern = r"\b" + r"\s+".join(regex.escape(w) for w in words[:size]) + r"\b"
        for m in regex.finditer(pattern, text, regex.IGNORECASE):
            if not m[0].isupper() or len(m[0]) <= 4:
                return " ".join(m[0].split())
    return ""
