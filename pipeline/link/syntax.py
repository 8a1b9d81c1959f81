"""Read a parsed sentence around one money amount: spending or not, spender, sources, item.

Pure functions over spaCy tokens; each returns what it found and the name of the
rule that found it, so that a claim can say why it exists.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.link import lexicon as lx


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
