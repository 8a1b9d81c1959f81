"""What the hand-built parse tests of the linker share: a Doc from a compact token list.

A helper module, not a conftest.py: the tests under tests/run import names from the
top-level tests/conftest.py as `conftest`, which a second conftest.py here would shadow.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def build_doc(nlp: Language, tokens: str) -> Doc:
    """A parsed Doc from `word:POS:dep:head[:ENT]` tokens, the way spaCy's matcher tests
    build theirs (`Doc(vocab, words=..., heads=..., deps=..., pos=...)`): heads are absolute
    indices and the root is its own head; adjacent tokens with one ENT label form one entity.

    >>> import spacy
    >>> doc = build_doc(spacy.blank("en"), "Acme:PROPN:nsubj:1:ORG spends:VERB:ROOT:1")
    >>> [(t.text, t.dep_, t.head.i, t.ent_type_) for t in doc]
    [('Acme', 'nsubj', 1, 'ORG'), ('spends', 'ROOT', 1, '')]
    """
    parts = [t.split(":") for t in tokens.split()]
    ents: list[str] = []
    for i, p in enumerate(parts):
        label = p[4] if len(p) > 4 else None
        prev = parts[i - 1][4] if i > 0 and len(parts[i - 1]) > 4 else None
        ents.append("O" if label is None else ("I-" if prev == label else "B-") + label)
    return Doc(
        nlp.vocab,
        words=[p[0] for p in parts],
        pos=[p[1] for p in parts],
        deps=[p[2] for p in parts],
        heads=[int(p[3]) for p in parts],
        ents=ents,
    )
