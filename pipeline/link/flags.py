"""A claim's flags: planned, actual, reported."""

from __future__ import annotations

from spacy.tokens import Span, Token

from models import Period
from pipeline.link._state import DocContext
from pipeline.link.lexicon import (
    ACTUAL_WORDS,
    PLAN_WORDS,
    REPORTED_WORDS,
)


def read_flags(
    root: Token, sent: Span, period: Period | None, ctx: DocContext, cue: Token | None
) -> tuple[set[str], bool]:
    """The flags of an amount (planned, actual, reported) and whether its verb is future."""
    words = {t.lower_ for t in sent}
    near = {t.lower_ for anc in [root, *root.ancestors] for t in [anc, *anc.children]}
    if cue is not None:
        near |= {t.lower_ for t in cue.children}  # "its planned AI spending"
    flags: set[str] = set()
    if near & PLAN_WORDS or (
        period is not None
        and period.year is not None
        and ctx.doc.date is not None
        and period.year > ctx.doc.date.year
    ):
        flags.add("planned")
    elif near & ACTUAL_WORDS:
        flags.add("actual")
    if words & REPORTED_WORDS:
        flags.add("reported")
    return flags, bool(near & {"will", "would", "shall"})
