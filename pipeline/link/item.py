"""What the money is for: the noun phrase of a claim's item."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.link import lexicon as lx
from pipeline.link.lexicon import (
    SPEND_VERBS,
)


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
