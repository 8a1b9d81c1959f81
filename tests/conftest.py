"""Shared fixtures: the spaCy pipeline is loaded once per test run."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from pipeline.nlp import load_nlp

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS
