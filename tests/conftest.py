"""Shared fixtures: the spaCy pipeline is loaded once per test run.

Also the helpers the batch tests share: `fake_extract`, a fast deterministic stand-in
for the linker (the batch layer is under test, not the linker), and
`write_reuters_corpus`, which writes Reuters-like wire stories.
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from models import Claim, Document, Settings
from pipeline.amounts import find_amounts
from pipeline.nlp import load_nlp

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
# Seconds fake_extract sleeps per article, so that a kill can land inside a run.
SLOW_ENV = "NEWSCLAIMS_TEST_SLOW"

_COMPANIES = ("Acme Industries", "Borealis Mining", "Cobalt Rail", "Delta Foods", "Ember Power")
_ITEMS = ("a new smelter", "rolling stock", "two cereal plants", "a gas pipeline", "AI servers")


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def blank_nlp() -> Language:
    return spacy.blank("en")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


def fake_extract(doc: Document, nlp: Language, settings: Settings) -> list[Claim]:
    """One claim per amount, no linking: what the batch layer needs to be tested.

    An article that holds "EXPLODE" raises, as a linker bug would; one that holds
    "KILLWORKER" kills its process, as the OOM killer would (use it with workers > 1 only).
    """
    if "EXPLODE" in doc.text:
        raise RuntimeError(f"linker bug on {doc.id}")
    if "KILLWORKER" in doc.text:
        os.kill(os.getpid(), signal.SIGKILL)
    slow = float(os.environ.get(SLOW_ENV, "0"))
    if slow:
        time.sleep(slow)
    claims = []
    for a in find_amounts(doc.text, default_dollar=settings.default_dollar):
        key = f"{doc.id}:{a.start}:{a.end}".encode()
        claim_id = hashlib.sha1(key).hexdigest()[:16]
        claims.append(Claim(claim_id=claim_id, doc_id=doc.id, amount=a, rules=("fake",)))
    return claims


def fake_extract_many(
    docs: Sequence[Document], nlp: Language, settings: Settings
) -> list[list[Claim]]:
    """`fake_extract` over many documents at once; raises when any of them does."""
    return [fake_extract(doc, nlp, settings) for doc in docs]


def write_reuters_corpus(folder: Path, n: int) -> Path:
    """Write `n` Reuters-like stories (date line, headline, dateline, body) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        company, item = _COMPANIES[i % len(_COMPANIES)], _ITEMS[i % len(_ITEMS)]
        day = 1 + i % 28
        body = (
            f"1987-03-{day:02d}\n"
            f"{company.upper()} TO SPEND ON {item.upper()}\n"
            f"NEW YORK, March {day} - {company} said it will spend ${i + 1} million on\n"
            f"{item} this year, up from ${i % 7 + 1} million in 1986.\n"
            "    The company said the plan was approved by its board.\n"
            " Reuter\n"
        )
        if i % 3 == 0:  # some stories hold no amount at all
            body = f"1987-04-{day:02d}\nMARKETS QUIET\nLONDON, April {day} - Trading was thin.\n"
        (folder / f"reuters-{i + 1}.txt").write_text(body, encoding="utf-8")
    return folder
