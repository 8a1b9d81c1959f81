"""Link amounts into spending claims.

PLACEHOLDER VERSION: replaced by the linker (issue 4).
"""

from __future__ import annotations

import hashlib

from spacy.language import Language

from models import Claim, Document, Settings
from pipeline.amounts import find_amounts


def make_claim_id(doc_id: str, start: int, end: int) -> str:
    """A claim id that is stable across runs: from the doc id and the amount's offsets.

    >>> make_claim_id("a.txt", 0, 3) == make_claim_id("a.txt", 0, 3)
    True
    """
    return hashlib.sha1(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:16]


def extract_document(doc: Document, nlp: Language, settings: Settings) -> list[Claim]:
    """Extract the spending claims of one document.

    doc (Document): The article.
    nlp (Language): The loaded spaCy pipeline.
    settings (Settings): Run options.
    RETURNS (list[Claim]): The claims, in text order.
    """
    amounts = find_amounts(doc.text, default_dollar=settings.default_dollar)
    return [
        Claim(claim_id=make_claim_id(doc.id, a.start, a.end), doc_id=doc.id, amount=a)
        for a in amounts
    ]
