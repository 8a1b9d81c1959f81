"""The spaCy component gives the same claims as the command line's linker."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.language import Language

from pipeline.errors import NewsclaimsError
from pipeline.link.linker import extract_text
from pipeline.nlp import MODEL_NAME

TEXT = (
    "MILAN, March 2 - Montedison Spa said it has concluded its talks with Antibioticos.\n"
    "    An Italian press report today said Montedison has agreed to acquire\n"
    "Antibioticos for 500 billion lire.\n"
)


# The versioned factory name, and the first name kept as an alias for existing configs.
FACTORY_NAMES = ["newsclaims_claims_v1", "newsclaims"]


@pytest.mark.parametrize("factory", FACTORY_NAMES)
def test_components_add_pipe_sets_claims(nlp: Language, factory: str) -> None:
    own = spacy.load(MODEL_NAME)
    own.add_pipe(factory, name="claims", config={"doc_id": "montedison"})
    assert own.config["components"]["claims"]["factory"] == factory
    doc = own(TEXT)
    got = [
        (c.subject.name if c.subject else None, c.amount.value if c.amount else None)
        for c in doc._.claims
    ]
    want = [
        (c.subject.name if c.subject else None, c.amount.value if c.amount else None)
        for c in extract_text(TEXT, nlp=nlp, date=dt.date(1987, 3, 2))
    ]
    assert got == want == [("Montedison", 500e9)]
    assert all(c.doc_id == "montedison" for c in doc._.claims)


def test_components_without_a_parser_say_so() -> None:
    # spacy.blank() has no parser: a clear error, not an empty list that looks like "none".
    blank = spacy.blank("en")
    blank.add_pipe("newsclaims_claims_v1")
    with pytest.raises(NewsclaimsError, match=r"\[E020\].*needs a dependency parse"):
        blank(TEXT)
    assert blank("")._.claims == []  # an empty text has nothing to parse
