"""The spaCy component: `nlp.add_pipe("newsclaims_claims_v1")` puts the claims in `doc._.claims`.

The factory name carries a version, as spaCy's registered functions do ("spacy.ngram_suggester.v1"),
with underscores since spaCy refuses "." in a factory name (its E853); "newsclaims", the
first name, stays registered as an alias so that existing configs still load.

It reads the parse the user's pipeline already made (so it must come after a parser
and an entity recognizer, as in `en_core_web_sm`) and runs the same linker as the
command line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from models import Claim, Document, Settings
from pipeline.errors import Errors, NewsclaimsError
from pipeline.link.linker import link_claims, plan_document

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


class ClaimFinder:
    """Put the spending claims of a parsed `Doc` in `doc._.claims` (a list of `Claim`)."""

    def __init__(self, name: str, *, default_dollar: str, doc_id: str) -> None:
        self.name = name
        self.settings = Settings(default_dollar=default_dollar)
        self.doc_id = doc_id

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) and not doc.has_annotation("DEP"):
            # Without a parse the linker finds nothing: say so instead of returning [].
            raise NewsclaimsError(Errors.E020.format(name=self.name))
        doc._.claims = find_claims_in_doc(doc, settings=self.settings, doc_id=self.doc_id)
        return doc


def find_claims_in_doc(
    doc: Doc, *, settings: Settings, doc_id: str, date: dt.date | None = None
) -> list[Claim]:
    """The claims of an already parsed `Doc`.

    doc (Doc): A document with dependency parse and entities.
    settings (Settings): Run options.
    doc_id (str): The id the claims carry; `doc.user_data["doc_id"]` wins when set.
    date (date | None): The article date; `doc.user_data["date"]` wins when set.
    RETURNS (list[Claim]): The claims.
    """
    doc_id = str(doc.user_data.get("doc_id", doc_id))
    user_date = doc.user_data.get("date")
    if isinstance(user_date, dt.date):
        date = user_date
    document = Document(id=doc_id, text=doc.text, date=date)
    plan = plan_document(document, settings)
    if not plan.texts:
        return []
    parsed = []
    for idx in plan.to_parse:
        seg = plan.sentences[idx]
        span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
        parsed.append(span.as_doc() if span is not None else doc[0:0].as_doc())
    return link_claims(document, plan, parsed, settings)


FACTORY = "newsclaims_claims_v1"
FACTORY_ALIAS = "newsclaims"  # the unversioned first name, kept for existing configs
_FACTORY_META: dict[str, Any] = {
    "assigns": ["doc._.claims"],
    "requires": ["token.dep", "doc.ents"],
    "default_config": {"default_dollar": "USD", "doc_id": "doc"},
}


@Language.factory(FACTORY, **_FACTORY_META)
def make_claim_finder(nlp: Language, name: str, default_dollar: str, doc_id: str) -> ClaimFinder:
    """Build the newsclaims component (spaCy calls this for `nlp.add_pipe(FACTORY)`)."""
    return ClaimFinder(name, default_dollar=default_dollar, doc_id=doc_id)


@Language.factory(FACTORY_ALIAS, **_FACTORY_META)
def make_claim_finder_alias(
    nlp: Language, name: str, default_dollar: str, doc_id: str
) -> ClaimFinder:
    """The same component under its first, unversioned name (`nlp.add_pipe("newsclaims")`)."""
    return ClaimFinder(name, default_dollar=default_dollar, doc_id=doc_id)
