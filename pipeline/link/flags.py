"""A claim's flags: planned, actual, reported."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.link._state import (
    DocContext,
    Mention,
)
from pipeline.link.lexicon import (
    ACTUAL_WORDS,
    PLAN_WORDS,
    REPORTED_WORDS,
)
from pipeline.link.rules import RuleId


def read_flags(
    root: Token, sent: Span, mention: Mention, ctx: DocContext, cue: Token | None
) -> set[str]:
    words = {t.lower_ for t in sent}
    near = {t.lower_ for anc in [root, *root.ancestors] for t in [anc, *anc.children]}
    if cue is not None:
        near |= {t.lower_ for t in cue.children}  # "its planned AI spending"
    flags: set[str] = set()
    if near & PLAN_WORDS or (
        mention.period is not None
        and mention.period.year is not None
        and ctx.doc.date is not None
        and mention.period.year > ctx.doc.date.year
    ):
        flags.add("planned")
    elif near & ACTUAL_WORDS:
        flags.add("actual")
    if words & REPORTED_WORDS:
        flags.add("reported")
    if near & {"will", "would", "shall"}:
        mention.is_future = True
        mention.rules.append(RuleId.TENSE_FUTURE)
    return flags
